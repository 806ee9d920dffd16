import type { CallOptions, GridkitCore } from '../core.js';
import type { QueryParams, Schemas } from '../contract.js';
import { paginate } from '../pagination.js';

/** A unit a case can be dispatched to: a functional department or a community's own body. */
export type Unit = Schemas['Unit'];
export type UnitKind = Schemas['UnitKind'];

export function unitsResource({ raw, ok }: GridkitCore) {
  const list = (query: QueryParams<'listUnits'> = {}, options: CallOptions = {}) =>
    ok(raw.GET('/units', { params: { query }, signal: options.signal }));
  return {
    /** Staff: the units a case may be dispatched to; with `gridId`, those serving that node (its own and above). */
    list,
    iterate: (query: QueryParams<'listUnits'> = {}, options: CallOptions = {}) =>
      paginate((q: QueryParams<'listUnits'>) => list(q, options), query),
  };
}
