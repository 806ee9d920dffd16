/**
 * What the reporter needs after its first question, in one chunk loaded on
 * demand (`import('./later.js')`): the later steps and their checks, finding
 * the grid, photo resizing, the outbox (with idb), sending the report and its
 * outcome (the receipt), and those steps' texts and styles. The define entry carries
 * only what shows the first step (the categories).
 */
export { renderContact } from './steps/contact.js';
export { renderDescribe } from './steps/describe.js';
export { renderDetails } from './steps/details.js';
export { renderPhotos } from './steps/photos.js';
export { renderReview } from './steps/review.js';
export { renderWhere } from './steps/where.js';
export { GridFinder } from './grid-finder.js';
export { PhotoTray } from './photo-tray.js';
export { ReportSender } from './report-sender.js';
export { problems, sortedAttributes } from './validation.js';
export { outboxFor } from '../internal/outbox.js';
export { issueReporterLaterMessages } from './messages.later.js';
export { laterStyles } from './later.styles.js';
