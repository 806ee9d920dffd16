/**
 * The case lifecycle: the closed loop of digital city management.
 *
 *   submitted ─accept→ accepted ─dispatch→ dispatched ─start→ in_progress ─resolve→ resolved ─verify→ closed
 *       └─reject→ rejected                                   resolved ─reopen (返工)→ in_progress
 *   escalate: accepted | dispatched | in_progress → accepted, one level up (grid → community → street → district)
 *   prioritize: accepted | dispatched | in_progress, status unchanged (triage priority, domain/priority.ts)
 *
 * The reporter's dispute (closed → in_progress, domain/recourse.ts) is not a staff action and not in this table.
 */
import { caseLevelValues, finalCaseStatuses, type Schemas } from '@gridkit/sdk';
import { conflict } from './errors.js';

export type CaseStatus = Schemas['CaseStatus'];
export type CaseAction = Schemas['CaseAction'];
export type CaseLevel = Schemas['CaseLevel'];

/** Bottom-up, the order a case escalates in (the contract's `CaseLevel` order). */
export const levels: readonly CaseLevel[] = caseLevelValues;

/** `to: undefined`: the action keeps the status. */
const moves: Record<CaseAction, { from: readonly CaseStatus[]; to?: CaseStatus }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted'], to: 'rejected' },
  dispatch: { from: ['accepted'], to: 'dispatched' },
  start: { from: ['dispatched'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  verify: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved'], to: 'in_progress' },
  escalate: { from: ['accepted', 'dispatched', 'in_progress'], to: 'accepted' },
  prioritize: { from: ['accepted', 'dispatched', 'in_progress'] },
};

export const finalStatuses: readonly CaseStatus[] = finalCaseStatuses;

export function levelAbove(level: CaseLevel): CaseLevel | undefined {
  return levels[levels.indexOf(level) + 1];
}

export function allowedActions(status: CaseStatus, level: CaseLevel): CaseAction[] {
  return (Object.keys(moves) as CaseAction[]).filter(
    (action) => moves[action].from.includes(status) && (action !== 'escalate' || levelAbove(level) !== undefined),
  );
}

/** Where an action takes a case; a 409 naming the allowed actions when it cannot. */
export function applyAction(
  status: CaseStatus,
  level: CaseLevel,
  action: CaseAction,
): { status: CaseStatus; level: CaseLevel } {
  if (!allowedActions(status, level).includes(action)) {
    const allowed = allowedActions(status, level);
    throw conflict(
      'invalid-transition',
      `A case that is ${status} at level ${level} cannot be ${action}ed; allowed now: ${allowed.length ? allowed.join(', ') : 'none (final state)'}.`,
    );
  }
  return { status: moves[action].to ?? status, level: action === 'escalate' ? levelAbove(level)! : level };
}
