export * from './lean.js';
export { createGridkitClient } from './client.js';
export type { GridkitClient } from './client.js';
// The lean way in: a core and only the resources a page calls (also at
// `@gridkit/sdk/core` and `@gridkit/sdk/resources/<name>`).
export { casesResource } from './resources/cases.js';
export { categoriesResource } from './resources/categories.js';
export { gridsResource } from './resources/grids.js';
export { exportsResource } from './resources/exports.js';
export { mediaResource } from './resources/media.js';
export { noticesResource } from './resources/notices.js';
export { serviceLogsResource } from './resources/service-logs.js';
export { sessionResource } from './resources/session.js';
export { statsResource } from './resources/stats.js';
export { unitsResource } from './resources/units.js';
export { liveResource } from './resources/live.js';
export { webhooksResource } from './resources/webhooks.js';
export { verifyWebhookSignature } from './webhook-signature.js';
export type { WebhookVerification } from './webhook-signature.js';
export type { LiveEvent, LiveOptions, LiveTopics } from './resources/live.js';
export type { Unit, UnitKind } from './resources/units.js';
export type { UploadOptions } from './resources/media.js';
export type { PublicCaseOptions, TransitionOptions } from './resources/cases.js';
