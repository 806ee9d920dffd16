/**
 * The resident's recourse (issue 9): disputing a closure within a window
 * (返工 at the resident's request), and the follow-up (回访) a low score
 * opens until staff record its outcome. Rules only; the SQL is in
 * store/cases.ts.
 */
import type { Schemas } from '@gridkit/sdk';
import { conflict, DomainError, forbidden } from './errors.js';
import type { CaseStatus } from './lifecycle.js';
import { covers, type Principal } from './principal.js';
import type { CaseScope } from './cases.js';

/** How long after `closedAt` the reporter may dispute the closure (the contract's 7 days). */
export const disputeWindowMs = 7 * 24 * 3_600_000;

/** The last instant a closure may be disputed; undefined unless closed. */
export function disputeUntil(closedAt: string | null): string | undefined {
  return closedAt ? new Date(Date.parse(closedAt) + disputeWindowMs).toISOString() : undefined;
}

/** Whether the reporter may dispute now: closed, and the window (inclusive) still open. */
export function canDispute(status: CaseStatus, closedAt: string | null, now: Date): boolean {
  const until = disputeUntil(closedAt);
  return status === 'closed' && until !== undefined && now.toISOString() <= until;
}

/** When `canDispute` next changes by the clock alone (epoch ms): just after the window's end while it is open, else never. */
export function disputeChangesAt(status: CaseStatus, closedAt: string | null, now: Date): number {
  const until = disputeUntil(closedAt);
  return until && canDispute(status, closedAt, now) ? Date.parse(until) + 1 : Infinity;
}

/** 409 unless the case is closed (`case-not-closed`) and its closure at most 7 days old (`dispute-window-closed`). */
export function requireDisputable(
  scope: Pick<CaseScope, 'ticket'>,
  state: { status: CaseStatus; closedAt: string | null },
  now: Date,
): void {
  if (state.status !== 'closed' || !state.closedAt) {
    throw conflict('case-not-closed', `Case ${scope.ticket} is ${state.status}; only a closed case can be disputed.`);
  }
  if (!canDispute(state.status, state.closedAt, now)) {
    throw new DomainError(
      409,
      'dispute-window-closed',
      `Case ${scope.ticket} was closed at ${state.closedAt}; a dispute had to come by ${disputeUntil(state.closedAt)} (7 days).`,
    );
  }
}

/** Scores of 1–2 open a follow-up (回访). */
export const opensFollowUp = (score: number): boolean => score <= 2;

/**
 * Who records a follow-up's outcome: an admin or a supervisor whose
 * jurisdiction covers the case's grid. Not grid workers nor departments: the follow-up checks
 * the handlers' work.
 */
export function requireFollowUpRecorder(principal: Principal, scope: CaseScope): void {
  if (principal.role !== 'admin' && principal.role !== 'supervisor') {
    throw forbidden(
      `Only an admin or a supervisor over its grid records the follow-up of case ${scope.ticket}; it checks the handlers' work.`,
    );
  }
  if (!covers(principal, scope.gridPath)) throw forbidden(`Case ${scope.ticket} is outside your jurisdiction.`);
}

/** 409 unless the case has an open follow-up. */
export function requireOpenFollowUp(
  scope: Pick<CaseScope, 'ticket'>,
  followUpStatus: Schemas['FollowUpStatus'] | null,
): void {
  if (followUpStatus === 'open') return;
  throw conflict(
    'invalid-transition',
    followUpStatus === 'done'
      ? `The follow-up of case ${scope.ticket} was already recorded.`
      : `Case ${scope.ticket} has no follow-up: only a score of 1–2 opens one.`,
  );
}
