import type { CallOptions, GridkitCore } from '../client.js';
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
    /** The chain above a grid, root first (district › street › community). */
    ancestors: async (gridId: string, options: CallOptions = {}) =>
      (await ok(raw.GET('/grids/{gridId}/ancestors', { params: { path: { gridId } }, signal: options.signal }))).items,
  };
}
