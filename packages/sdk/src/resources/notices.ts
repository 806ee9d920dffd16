import { idempotencyHeader, type CallOptions, type GridkitCore, type WriteOptions } from '../core.js';
import type { NoticeInput, QueryParams } from '../contract.js';
import { paginate } from '../pagination.js';

export function noticesResource({ raw, ok }: GridkitCore) {
  const list = (gridId: string, query: QueryParams<'listNotices'> = {}, options: CallOptions = {}) =>
    ok(raw.GET('/grids/{gridId}/notices', { params: { path: { gridId }, query }, signal: options.signal }));
  return {
    /** The grid's public board: leader, team, service hours and current notices. */
    board: (gridId: string, options: CallOptions = {}) =>
      ok(raw.GET('/grids/{gridId}/notice-board', { params: { path: { gridId } }, signal: options.signal })),
    list,
    iterate: (gridId: string, query: QueryParams<'listNotices'> = {}, options: CallOptions = {}) =>
      paginate((q: QueryParams<'listNotices'>) => list(gridId, q, options), query),
    /** Staff: post a notice on a grid's board. */
    create: (gridId: string, input: NoticeInput, options: WriteOptions = {}) =>
      ok(
        raw.POST('/grids/{gridId}/notices', {
          params: {
            path: { gridId },
            header: idempotencyHeader(options),
          },
          body: input,
          signal: options.signal,
        }),
      ),
    /** Staff: take a notice off the board. */
    retire: (noticeId: string, reason?: string, options: WriteOptions = {}) =>
      ok(
        raw.POST('/notices/{noticeId}/retire', {
          params: {
            path: { noticeId },
            header: idempotencyHeader(options),
          },
          body: reason === undefined ? {} : { reason },
          signal: options.signal,
        }),
      ),
  };
}
