import type { Problem } from '@gridkit/sdk';

/** `detail` of `gk-case-submitted`: what the resident needs to follow the case. */
export interface GkCaseSubmittedDetail {
  ticket: string;
  trackingToken: string;
  caseId: string;
}
/** `detail` of `gk-case-queued`: the outbox entry that will become a case. */
export interface GkCaseQueuedDetail {
  entryId: string;
}
/** `detail` of `gk-case-rejected`: the server refused the report for good. */
export interface GkCaseRejectedDetail {
  entryId: string;
  problem: Problem;
}
export type GkCaseSubmittedEvent = CustomEvent<GkCaseSubmittedDetail>;
export type GkCaseQueuedEvent = CustomEvent<GkCaseQueuedDetail>;
export type GkCaseRejectedEvent = CustomEvent<GkCaseRejectedDetail>;

declare global {
  interface HTMLElementEventMap {
    /** A widget went back to an empty form and forgot what was entered. */
    'gk-reset': CustomEvent<Record<string, never>>;
    'gk-case-submitted': GkCaseSubmittedEvent;
    'gk-case-queued': GkCaseQueuedEvent;
    'gk-case-rejected': GkCaseRejectedEvent;
  }
}
