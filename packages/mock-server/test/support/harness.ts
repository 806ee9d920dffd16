/**
 * The server's app on an in-memory database with the fixture, reached
 * without a port: the SDK's `fetch` calls the Hono app directly. Responses
 * are validated against the contract, so a test whose request makes the
 * server break the contract fails.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGridkitClient } from '@gridkit/sdk';
import { createMediaStore } from '../../src/store/media-files.js';
import { handlers } from '../../src/handlers/index.js';
import { createApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/database.js';
import type { FaultOptions } from '../../src/http/faults.js';
import type { RateLimitOptions } from '../../src/http/rate-limit.js';
import { buildFixture } from './fixture.js';

export interface HarnessOptions {
  now?: Date;
  faults?: FaultOptions;
  rateLimit?: RateLimitOptions | false;
}

export function createHarness(options: HarnessOptions = {}) {
  const db = openDatabase(':memory:');
  buildFixture(db);
  const clock = { now: options.now ?? new Date('2026-03-10T02:00:00.000Z') };
  const contractBreaks: string[] = [];
  const mediaDir = mkdtempSync(join(tmpdir(), 'gridkit-media-'));
  const app = createApp({
    db,
    media: createMediaStore(mediaDir),
    handlers,
    clock: () => clock.now,
    validateResponses: true,
    faults: options.faults,
    rateLimit: options.rateLimit ?? false,
    log: (line) => contractBreaks.push(line),
  });
  const baseUrl = 'http://gridkit.test/api/v1';
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init));
  const client = (token?: string) =>
    createGridkitClient({ baseUrl, token, fetch: fetch as typeof globalThis.fetch, retry: false, timeoutMs: 0 });
  /** Raw HTTP, for requests the SDK's types would not let through. */
  const request = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return app.fetch(new Request(`${baseUrl}${path}`, { ...init, headers }));
  };
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  return { db, app, clock, client, request, count, contractBreaks, baseUrl, mediaDir };
}

export type Harness = ReturnType<typeof createHarness>;

export const report = (overrides: Record<string, unknown> = {}) => ({
  gridId: 'G1',
  categoryCode: 'env.garbage',
  description: '3 号楼东侧垃圾桶满溢三天无人清运',
  location: { address: '一社区 3 号楼东侧' },
  ...overrides,
});

/**
 * Takes a case of the fixture through the whole loop to `closed`: handled by
 * the district admin, verified by someone independent (核查) — the
 * `supervisor` client, e.g. the fixture's district supervisor.
 */
export async function closeCase(
  admin: ReturnType<Harness['client']>,
  caseId: string,
  supervisor: ReturnType<Harness['client']>,
) {
  let c = await admin.cases.get(caseId);
  for (const input of [
    { action: 'accept' },
    { action: 'dispatch', assignee: { type: 'person', id: 'stf_g1', name: '王网格' } },
    { action: 'start' },
    { action: 'resolve' },
  ] as const) {
    c = await admin.cases.transition(c.id, input, { version: c.version });
  }
  return supervisor.cases.transition(c.id, { action: 'verify' }, { version: c.version });
}
