/** The classes, unregistered: vendors may register them under their own tags. `@gridkit/components/define` registers the `gk-` tags. */
export { GkProvider } from './provider/provider.js';
export { GkNoticeBoard } from './notice-board/notice-board.js';
export { GkResolutionRate } from './resolution-rate/resolution-rate.js';
export type { GkPeriodChangeEvent } from './resolution-rate/resolution-rate.js';
export { GkGridRanking } from './grid-ranking/grid-ranking.js';
export type { GkRankChangeEvent } from './grid-ranking/grid-ranking.js';
export { rankUnits, rankingFigures } from './grid-ranking/ranking.js';
export type { RankedUnit, RankingFigure } from './grid-ranking/ranking.js';
export { GkCaseTracker, normalizeTicket, ticketPattern } from './case-tracker/case-tracker.js';
export type {
  GkCaseDisputedDetail,
  GkCaseDisputedEvent,
  GkCaseEvaluatedDetail,
  GkCaseEvaluatedEvent,
  GkCaseFoundDetail,
  GkCaseFoundEvent,
} from './case-tracker/case-tracker.js';
export { GkServiceLogForm } from './service-log-form/service-log-form.js';
export type {
  GkServiceLogQueuedDetail,
  GkServiceLogQueuedEvent,
  GkServiceLogSavedDetail,
  GkServiceLogSavedEvent,
} from './service-log-form/service-log-form.js';
export { GkIssueReporter } from './issue-reporter/issue-reporter.js';
export type {
  GkCaseQueuedDetail,
  GkCaseQueuedEvent,
  GkCaseRejectedDetail,
  GkCaseRejectedEvent,
  GkCaseSubmittedDetail,
  GkCaseSubmittedEvent,
} from './issue-reporter/issue-reporter.js';
export { GridkitElement } from './internal/gridkit-element.js';
export { gridkitContext, provideGridkit } from './context.js';
export type { GridkitSettings } from './context.js';
export type { GkErrorEvent, GkLoadEvent } from './events.js';
export { commonMessages, defineMessages, loadTexts, textsIn, toLocale } from './messages/index.js';
export type { Catalog, CommonMessages, Locale, TextsModule } from './messages/index.js';
export { noticeBoardMessages } from './notice-board/messages.js';
export { resolutionRateMessages } from './resolution-rate/messages.js';
export { gridRankingMessages } from './grid-ranking/messages.js';
export { caseTrackerMessages } from './case-tracker/messages.js';
export { serviceLogFormMessages } from './service-log-form/messages.js';
export { issueReporterMessages } from './issue-reporter/messages.js';
export { issueReporterLaterMessages } from './issue-reporter/messages.later.js';
export * from './kiosk/kiosk.js';
