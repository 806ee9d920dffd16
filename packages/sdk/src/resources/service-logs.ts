import { idempotencyHeader, type CallOptions, type GridkitCore, type WriteOptions } from '../core.js';
import type { QueryParams, ServiceLogInput } from '../contract.js';
import { paginate } from '../pagination.js';

export function serviceLogsResource({ raw, ok }: GridkitCore) {
  const list = (query: QueryParams<'listServiceLogs'> = {}, options: CallOptions = {}) =>
    ok(raw.GET('/service-logs', { params: { query }, signal: options.signal }));
  return {
    /** A grid worker records one act of service (为民服务事项登记). */
    create: (input: ServiceLogInput, options: WriteOptions = {}) =>
      ok(
        raw.POST('/service-logs', {
          params: { header: idempotencyHeader(options) },
          body: input,
          signal: options.signal,
        }),
      ),
    list,
    iterate: (query: QueryParams<'listServiceLogs'> = {}, options: CallOptions = {}) =>
      paginate((q: QueryParams<'listServiceLogs'>) => list(q, options), query),
    /** A month's totals for a worker or a grid subtree. */
    summary: (query: QueryParams<'getServiceLogSummary'>, options: CallOptions = {}) =>
      ok(raw.GET('/service-logs/summary', { params: { query }, signal: options.signal })),
  };
}
