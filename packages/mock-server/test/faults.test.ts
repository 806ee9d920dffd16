/**
 * The SDK against the real HTTP server with injected faults: a write whose
 * connection drops after the commit, a 503 with Retry-After, a 429, a slow
 * answer past the client's timeout. Each report must become exactly one
 * case. The transport adds the fault to the first attempt only, as a
 * flaky network would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGridkitClient, type RetryEvent } from '@gridkit/sdk';
import { startServer, type StartedServer } from '../src/server.js';
import { openDatabase } from '../src/store/database.js';
import { buildFixture } from './support/fixture.js';
import { report } from './support/harness.js';

let server: StartedServer;
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-faults-'));
  const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
  buildFixture(db);
  db.close();
  server = await startServer({
    port: 0,
    dataDir,
    seed: false,
    faults: { enabled: true },
    rateLimit: false,
    log: () => {},
  });
});
afterAll(() => server.close());

let retries: RetryEvent[];
beforeEach(() => {
  retries = [];
});

const casesCount = () => server.db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;

/** A client whose first attempt carries `fault`. */
function flakyClient(fault: string, timeoutMs = 5000) {
  let attempts = 0;
  return createGridkitClient({
    baseUrl: server.apiUrl,
    timeoutMs,
    retry: { baseDelayMs: 20, onRetry: (event) => retries.push(event) },
    fetch: (input, init) => {
      const request = new Request(input as Request, init);
      if (attempts++ === 0) request.headers.set('X-Gridkit-Fault', fault);
      return fetch(request);
    },
  });
}

describe('faults the SDK rides out', () => {
  it('a connection dropped after the commit: the retry replays, one case', async () => {
    const before = casesCount();
    const receipt = await flakyClient('drop-after-commit').cases.create(report());
    expect(retries.map((r) => r.error && (r.error as { kind?: string }).kind)).toEqual(['network']);
    expect(casesCount()).toBe(before + 1);
    const [row] = server.db
      .prepare('SELECT ticket FROM cases ORDER BY created_at DESC, rowid DESC LIMIT 1')
      .pluck()
      .all();
    expect(row).toBe(receipt.ticket);
  });

  it('503 with Retry-After: the SDK waits as asked, then succeeds once', async () => {
    const before = casesCount();
    const started = performance.now();
    await flakyClient('status=503; retry-after=1').cases.create(report());
    expect(retries.map((r) => [r.response?.status, r.delayMs])).toEqual([[503, 1000]]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(casesCount()).toBe(before + 1);
  });

  it('429: refused before anything is stored, then accepted on retry', async () => {
    const before = casesCount();
    await flakyClient('status=429; retry-after=0').cases.create(report());
    expect(retries.map((r) => r.response?.status)).toEqual([429]);
    expect(casesCount()).toBe(before + 1);
  });

  it('an answer slower than the timeout: the first write lands late, the retry replays it', async () => {
    const before = casesCount();
    const receipt = await flakyClient('latency=600', 250).cases.create(report());
    expect(retries.map((r) => (r.error as { kind?: string } | undefined)?.kind)).toEqual(['timeout']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(casesCount()).toBe(before + 1);
    expect(receipt.ticket).toMatch(/^TS-/);
  });

  it('honours no fault header when faults are off', async () => {
    const quiet = await startServer({ port: 0, seed: false, rateLimit: false });
    try {
      const response = await fetch(`${quiet.apiUrl}/health`, { headers: { 'X-Gridkit-Fault': 'status=503' } });
      expect(response.status).toBe(200);
    } finally {
      await quiet.close();
    }
  });
});

describe('the server itself', () => {
  it('serves the API over HTTP with CORS for portal pages on other origins', async () => {
    const response = await fetch(`${server.apiUrl}/grids/G1`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://portal.example.gov.cn',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'idempotency-key, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('idempotency-key');
    const get = await fetch(`${server.apiUrl}/grids/G1`, { headers: { Origin: 'https://portal.example.gov.cn' } });
    expect(get.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');
  });

  it('limits public writes per address with 429 and Retry-After', async () => {
    const limited = await startServer({ port: 0, seed: false, rateLimit: { perMinute: 3 } });
    try {
      const db = limited.db;
      buildFixture(db);
      const send = () =>
        fetch(`${limited.apiUrl}/cases`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
          body: JSON.stringify(report()),
        });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await send()).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const refused = await send();
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(db.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(3);
      // Reads are not limited.
      expect((await fetch(`${limited.apiUrl}/grids/G1`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('finishes a request in flight before it shuts down', async () => {
    const closing = await startServer({ port: 0, seed: false, rateLimit: false, faults: { enabled: true } });
    buildFixture(closing.db);
    const pending = fetch(`${closing.apiUrl}/cases`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        'X-Gridkit-Fault': 'latency=300',
      },
      body: JSON.stringify(report()),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = closing.close();
    const response = await pending;
    expect(response.status).toBe(201);
    await closed;
  });
});
