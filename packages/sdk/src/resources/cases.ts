import { idempotencyHeader, type CallOptions, type GridkitCore, type WriteOptions } from '../core.js';
import type {
  CaseInput,
  CaseTransitionInput,
  DisputeInput,
  EvaluationInput,
  FollowUpInput,
  QueryParams,
} from '../contract.js';
import { paginate } from '../pagination.js';
import { normalizeTrackingToken } from '../tracking-token.js';

/** A write on the version last read: `If-Match` with it (412 when someone changed the case since), and the idempotency key. */
function versionedWriteHeaders(options: TransitionOptions) {
  return { 'If-Match': `"${options.version}"`, ...idempotencyHeader(options) };
}

export interface TransitionOptions extends WriteOptions {
  /** The `version` of the case the caller saw; a newer one on the server means 412. */
  version: number;
}

export interface PublicCaseOptions extends CallOptions {
  /**
   * The case's tracking token (查询码), as the resident typed it: with it the
   * view adds the public notes and the resident's own evaluation; a token of
   * another case is a 403 `invalid-tracking-token`. Empty means none.
   */
  trackingToken?: string;
}

/**
 * The `X-Tracking-Token` value: the canonical form when the text can be a
 * token; otherwise the text percent-encoded (a header carries ASCII only), which
 * the server refuses as a wrong token rather than the browser throwing.
 */
function trackingTokenHeader(typed: string | undefined): { 'X-Tracking-Token'?: string } {
  const trimmed = typed?.trim();
  if (!trimmed) return {};
  return { 'X-Tracking-Token': normalizeTrackingToken(trimmed) ?? encodeURIComponent(trimmed) };
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
    /**
     * Public view by work-order number: status, level, category, dates and the
     * timeline's steps; nothing a person wrote. With `trackingToken` also the
     * public notes and the resident's evaluation.
     */
    getPublic: (ticket: string, options: PublicCaseOptions = {}) =>
      ok(
        raw.GET('/tickets/{ticket}', {
          params: { path: { ticket }, header: trackingTokenHeader(options.trackingToken) },
          signal: options.signal,
        }),
      ),
    /** Staff: move a case through its lifecycle (accept, dispatch, escalate, …). */
    transition: (caseId: string, input: CaseTransitionInput, options: TransitionOptions) =>
      ok(
        raw.POST('/cases/{caseId}/transitions', {
          params: {
            path: { caseId },
            header: versionedWriteHeaders(options),
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
    /**
     * The reporter disputes a closure (返工 at the resident's request), within
     * 7 days of `closedAt`, proving it with the tracking token: the case goes
     * back to `in_progress` with the reason in its timeline. Returns the public
     * view as the reporter sees it. Too late is a 409 `dispute-window-closed`.
     */
    dispute: (ticket: string, input: DisputeInput, options: WriteOptions = {}) =>
      ok(
        raw.POST('/tickets/{ticket}/dispute', {
          params: {
            path: { ticket },
            header: idempotencyHeader(options),
          },
          body: input,
          signal: options.signal,
        }),
      ),
    /**
     * Staff (an admin or a supervisor): record the outcome of the follow-up
     * (回访) a score of 1–2 opened, on the `version` last read.
     */
    recordFollowUp: (caseId: string, input: FollowUpInput, options: TransitionOptions) =>
      ok(
        raw.POST('/cases/{caseId}/follow-up', {
          params: {
            path: { caseId },
            header: versionedWriteHeaders(options),
          },
          body: input,
          signal: options.signal,
        }),
      ),
  };
}
