import type { CallOptions, GridkitCore } from '../core.js';
import type { QueryParams } from '../contract.js';
import { paginate } from '../pagination.js';

export function gridsResource({ raw, ok }: GridkitCore) {
  const list = (query: QueryParams<'listGrids'> = {}, options: CallOptions = {}) =>
    ok(raw.GET('/grids', { params: { query }, signal: options.signal }));
  return {
    /** One page of grid nodes, filtered by parent, level or text. */
    list,
    /** Every grid node matching the filters, page after page. */
    iterate: (query: QueryParams<'listGrids'> = {}, options: CallOptions = {}) =>
      paginate((q: QueryParams<'listGrids'>) => list(q, options), query),
    get: (gridId: string, options: CallOptions = {}) =>
      ok(raw.GET('/grids/{gridId}', { params: { path: { gridId } }, signal: options.signal })),
    /**
     * The leaf grid containing a WGS84 point, with its path and its leader's
     * public card: who will handle a problem reported there. A `GridkitError`
     * with status 404 when no grid contains the point.
     */
    locate: (point: { lat: number; lng: number }, options: CallOptions = {}) =>
      ok(raw.GET('/grids/locate', { params: { query: { lat: point.lat, lng: point.lng } }, signal: options.signal })),
    /** The chain above a grid, root first (district › street › community). */
    ancestors: async (gridId: string, options: CallOptions = {}) =>
      (await ok(raw.GET('/grids/{gridId}/ancestors', { params: { path: { gridId } }, signal: options.signal }))).items,
  };
}
