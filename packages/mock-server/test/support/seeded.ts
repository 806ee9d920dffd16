/**
 * The server's app on an in-memory database filled by the real seed (the demo
 * unless a size is given), reached without a port, responses validated
 * against the contract — for tests about the demo data itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMediaStore } from '../../src/store/media-files.js';
import { handlers } from '../../src/handlers/index.js';
import { createApp } from '../../src/http/app.js';
import { seedDatabase, type SeedOptions } from '../../src/seed/index.js';
import { openDatabase } from '../../src/store/database.js';

export function createSeededServer(options: SeedOptions = {}) {
  const db = openDatabase(':memory:');
  const now = options.now ?? new Date('2026-11-22T02:00:00.000Z');
  const summary = seedDatabase(db, { ...options, now });
  const contractBreaks: string[] = [];
  const media = createMediaStore(mkdtempSync(join(tmpdir(), 'gridkit-media-')));
  const app = createApp({
    db,
    media,
    handlers,
    clock: () => now,
    validateResponses: true,
    rateLimit: false,
    log: (line) => contractBreaks.push(line),
  });
  const baseUrl = 'http://gridkit.test/api/v1';
  const request = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return app.fetch(new Request(`${baseUrl}${path}`, { ...init, headers }));
  };
  return { db, app, summary, media, request, contractBreaks, now };
}

export type SeededServer = ReturnType<typeof createSeededServer>;
