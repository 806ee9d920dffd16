/**
 * Triage priority (徐碧's hotline triage; the contract's `CasePriority`):
 * ordinary matters are handled by the grid on the spot, matters needing
 * coordination by the grid with the community, urgent ones are reported to
 * the community at once. The SLA of each priority, the due time that follows
 * from it, who must attend to a case, and what a change of priority needs.
 */
import type { Schemas } from '@gridkit/sdk';
import { unprocessable } from './errors.js';
import type { CaseLevel } from './lifecycle.js';

export type CasePriority = Schemas['CasePriority'];

/** Urgent cases are due within this many hours at most (or the category's own SLA, if shorter). */
export const urgentSlaHours = 4;

/** SLA hours of a priority, from the category's `slaHours` (which is the ordinary SLA). */
export function slaHoursFor(priority: CasePriority, categorySlaHours: number): number {
  switch (priority) {
    case 'urgent':
      return Math.min(categorySlaHours, urgentSlaHours);
    case 'coordination':
      return categorySlaHours * 2;
    default:
      return categorySlaHours;
  }
}

/** `dueAt`: the report's instant plus the SLA hours of the case's current priority. */
export function dueAtFor(createdAt: string, priority: CasePriority, categorySlaHours: number): string {
  return new Date(Date.parse(createdAt) + slaHoursFor(priority, categorySlaHours) * 3_600_000).toISOString();
}

/**
 * The levels that must attend to a case now: its own level and, while an
 * urgent case is at grid level, the community too (reported to it at once).
 */
export function attentionLevels(priority: CasePriority, level: CaseLevel): CaseLevel[] {
  return priority === 'urgent' && level === 'grid' ? ['grid', 'community'] : [level];
}

/**
 * The priority after an `accept` or a `prioritize` (`current` before it), or
 * 422: `prioritize` needs a new priority; setting a different one — at
 * accept or later — needs a note saying why. Other actions keep the priority.
 */
export function nextPriority(
  transition: Pick<Schemas['CaseTransitionInput'], 'action' | 'priority' | 'note'>,
  current: CasePriority,
): CasePriority {
  const { action, priority, note } = transition;
  if (action === 'prioritize') {
    if (!priority)
      throw unprocessable({ path: '/body/priority', code: 'priority_required', message: 'prioritize needs priority.' });
    if (priority === current) {
      throw unprocessable({
        path: '/body/priority',
        code: 'priority_unchanged',
        message: `The case is already ${current}; prioritize needs another priority.`,
      });
    }
  }
  if (action !== 'accept' && action !== 'prioritize') return current;
  if (!priority || priority === current) return current;
  if (!note) {
    throw unprocessable({
      path: '/body/note',
      code: 'note_required',
      message: `Changing the priority from ${current} to ${priority} needs a note saying why.`,
    });
  }
  return priority;
}
