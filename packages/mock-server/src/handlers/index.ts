import type { Handlers } from '../http/handler.js';
import {
  createCase,
  evaluateCase,
  getCase,
  getPublicCase,
  listCaseEvents,
  listCases,
  transitionCase,
} from './cases.js';
import { getCategory, listCategories } from './categories.js';
import { getGrid, listGridAncestors, listGrids, locateGrid } from './grids.js';
import { getMedia, uploadMedia } from './media.js';
import { createNotice, getNoticeBoard, listNotices, retireNotice } from './notices.js';
import { createServiceLog, getServiceLogSummary, listServiceLogs } from './service-logs.js';
import { getCurrentStaff, getHealth } from './session.js';
import { disputeCase, recordFollowUp } from './recourse.js';
import { exportCases, exportResolutionStats } from './exports.js';
import { getResolutionStats } from './stats.js';
import { listUnits } from './units.js';
import { streamLiveEvents } from './live.js';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, redeliverWebhook } from './webhooks.js';

/** Every operation of the contract; the `Handlers` type makes a missing one a compile error. */
export const handlers: Handlers = {
  listGrids,
  locateGrid,
  getGrid,
  listGridAncestors,
  getNoticeBoard,
  listNotices,
  createNotice,
  retireNotice,
  listCategories,
  getCategory,
  uploadMedia,
  getMedia,
  createCase,
  listCases,
  exportCases,
  exportResolutionStats,
  getCase,
  getPublicCase,
  transitionCase,
  listCaseEvents,
  evaluateCase,
  disputeCase,
  recordFollowUp,
  listUnits,
  createServiceLog,
  listServiceLogs,
  getServiceLogSummary,
  getResolutionStats,
  streamLiveEvents,
  createWebhook,
  listWebhooks,
  deleteWebhook,
  listWebhookDeliveries,
  redeliverWebhook,
  getCurrentStaff,
  getHealth,
};
