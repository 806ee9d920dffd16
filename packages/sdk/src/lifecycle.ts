import type { CaseStatus } from './contract.js';

/**
 * The statuses a case never leaves (`CaseStatus`: "`closed` and `rejected`
 * are final"): no action applies, and such a case is never overdue.
 */
export const finalCaseStatuses = ['closed', 'rejected'] as const satisfies readonly CaseStatus[];

/** Whether a case in this status is done for good (closed or rejected). */
export function isFinalStatus(status: CaseStatus): boolean {
  return (finalCaseStatuses as readonly CaseStatus[]).includes(status);
}
