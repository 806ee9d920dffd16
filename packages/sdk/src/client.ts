import { createGridkitCore, type GridkitClientOptions } from './core.js';
import { categoriesResource } from './resources/categories.js';
import { exportsResource } from './resources/exports.js';
import { casesResource } from './resources/cases.js';
import { gridsResource } from './resources/grids.js';
import { mediaResource } from './resources/media.js';
import { noticesResource } from './resources/notices.js';
import { serviceLogsResource } from './resources/service-logs.js';
import { sessionResource } from './resources/session.js';
import { statsResource } from './resources/stats.js';
import { unitsResource } from './resources/units.js';
import { liveResource } from './resources/live.js';
import { webhooksResource } from './resources/webhooks.js';

export type { CallOptions, GridkitClientOptions, GridkitCore, TokenProvider, WriteOptions } from './core.js';

/**
 * Every resource on one object. A page that calls one or two resources
 * bundles less with `createGridkitCore` and the resource functions
 * (`noticesResource(core)`); this client is the same calls, all of them.
 */
export function createGridkitClient(options: GridkitClientOptions) {
  const core = createGridkitCore(options);
  return {
    /** The typed client for any operation, for anything the resources below do not cover. */
    raw: core.raw,
    baseUrl: core.baseUrl,
    /** What the resources are built on: hand it to a resource function (`gridsResource(client.core)`). */
    core,
    grids: gridsResource(core),
    notices: noticesResource(core),
    categories: categoriesResource(core),
    media: mediaResource(core),
    cases: casesResource(core),
    serviceLogs: serviceLogsResource(core),
    stats: statsResource(core),
    exports: exportsResource(core),
    session: sessionResource(core),
    units: unitsResource(core),
    live: liveResource(core),
    webhooks: webhooksResource(core),
  };
}

export type GridkitClient = ReturnType<typeof createGridkitClient>;
