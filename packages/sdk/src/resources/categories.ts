import type { CallOptions, GridkitCore } from '../core.js';
import type { QueryParams } from '../contract.js';
import { paginate } from '../pagination.js';

export function categoriesResource({ raw, ok }: GridkitCore) {
  const list = (query: QueryParams<'listCategories'> = {}, options: CallOptions = {}) =>
    ok(raw.GET('/categories', { params: { query }, signal: options.signal }));
  return {
    list,
    iterate: (query: QueryParams<'listCategories'> = {}, options: CallOptions = {}) =>
      paginate((q: QueryParams<'listCategories'>) => list(q, options), query),
    get: (categoryCode: string, options: CallOptions = {}) =>
      ok(raw.GET('/categories/{categoryCode}', { params: { path: { categoryCode } }, signal: options.signal })),
  };
}
