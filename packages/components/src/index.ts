/** The classes, unregistered: vendors may register them under their own tags. `@gridkit/components/define` registers the `gk-` tags. */
export { GkProvider } from './provider/provider.js';
export { GkNoticeBoard } from './notice-board/notice-board.js';
export { GkResolutionRate } from './resolution-rate/resolution-rate.js';
export type { GkPeriodChangeEvent } from './resolution-rate/resolution-rate.js';
export { GkCaseTracker, normalizeTicket, ticketPattern } from './case-tracker/case-tracker.js';
export type {
  GkCaseEvaluatedDetail,
  GkCaseEvaluatedEvent,
  GkCaseFoundDetail,
  GkCaseFoundEvent,
} from './case-tracker/case-tracker.js';
export { GridkitElement } from './internal/gridkit-element.js';
export { gridkitContext, provideGridkit } from './context.js';
export type { GridkitSettings } from './context.js';
export type { GkErrorEvent, GkLoadEvent } from './events.js';
export { commonMessages, defineMessages, toLocale } from './messages/index.js';
export type { Catalog, CommonMessages, Locale } from './messages/index.js';
export { noticeBoardMessages } from './notice-board/messages.js';
export { resolutionRateMessages } from './resolution-rate/messages.js';
export { caseTrackerMessages } from './case-tracker/messages.js';
