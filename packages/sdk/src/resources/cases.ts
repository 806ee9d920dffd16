import { idempotencyHeader, type CallOptions, type GridkitCore, type WriteOptions } from '../core.js';
import type { CaseInput, CaseTransitionInput, EvaluationInput, QueryParams } from '../contract.js';
import { paginate } from '../pagination.js';

export interface TransitionOptions extends WriteOptions {
  /** The `version` of the case the caller saw; a newer one on the server means 412. */
  version: number;
}

export function casesResource({ raw, ok }: GridkitCore) {
  const list = (query: QueryParams<'listCases'> = {}, options: CallOptions = {}) =>
    ok(raw.GET('/cases', { params: { query }, signal: options.signal }));
  const events = (caseId: string, query: QueryParams<'listCaseEvents'> = {}, options: CallOptions = {}) =>
    ok(raw.GET('/cases/{caseId}/events', { params: { path: { caseId }, query }, signal: options.signal }));
  return {
    /**
     * Report a problem. Returns the work-order number (`ticket`) and the
     * secret `trackingToken`. Retried safely: every attempt carries the same
     * idempotency key, so a lost response never becomes a second case.
     */
    create: (input: CaseInput, options: WriteOptions = {}) =>
      ok(
        raw.POST('/cases', {
          params: { header: idempotencyHeader(options) },
          body: input,
          signal: options.signal,
        }),
      ),
    /** Staff: one page of cases, with reporter data. */
    list,
    iterate: (query: QueryParams<'listCases'> = {}, options: CallOptions = {}) =>
      paginate((q: QueryParams<'listCases'>) => list(q, options), query),
    /** Staff: one case, with its `version` for the next transition. */
    get: (caseId: string, options: CallOptions = {}) =>
      ok(raw.GET('/cases/{caseId}', { params: { path: { caseId } }, signal: options.signal })),
    /** Public view by work-order number: status, level, timeline; no personal data. */
    getPublic: (ticket: string, options: CallOptions = {}) =>
      ok(raw.GET('/tickets/{ticket}', { params: { path: { ticket } }, signal: options.signal })),
    /** Staff: move a case through its lifecycle (accept, dispatch, escalate, …). */
    transition: (caseId: string, input: CaseTransitionInput, options: TransitionOptions) =>
      ok(
        raw.POST('/cases/{caseId}/transitions', {
          params: {
            path: { caseId },
            header: {
              'If-Match': `"${options.version}"`,
              ...idempotencyHeader(options),
            },
          },
          body: input,
          signal: options.signal,
        }),
      ),
    /** Staff: the full timeline, with actors and internal notes. */
    events,
    iterateEvents: (caseId: string, query: QueryParams<'listCaseEvents'> = {}, options: CallOptions = {}) =>
      paginate((q: QueryParams<'listCaseEvents'>) => events(caseId, q, options), query),
    /** The reporter rates a closed case, once, proving it with the tracking token. */
    evaluate: (ticket: string, input: EvaluationInput, options: WriteOptions = {}) =>
      ok(
        raw.POST('/tickets/{ticket}/evaluation', {
          params: {
            path: { ticket },
            header: idempotencyHeader(options),
          },
          body: input,
          signal: options.signal,
        }),
      ),
  };
}
