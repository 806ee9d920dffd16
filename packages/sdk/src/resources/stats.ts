import type { CallOptions, GridkitCore } from '../core.js';
import type { QueryParams } from '../contract.js';

export function statsResource({ raw, ok }: GridkitCore) {
  return {
    /** Resolution, on-time, satisfaction and per-level figures for any grid node over a period. */
    resolution: (query: QueryParams<'getResolutionStats'>, options: CallOptions = {}) =>
      ok(raw.GET('/stats/resolution', { params: { query }, signal: options.signal })),
  };
}
