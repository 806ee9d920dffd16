/**
 * Abuse (issue 12, "The suite" 6): a burst from one client address meets 429
 * while another address is served, for public reads, public writes and a
 * staff token's reads; a 429 stores nothing; and `X-Forwarded-For` from a
 * client that is not a configured proxy changes nothing (the server keys its
 * limits on the connection's address). Clients are told apart by their own
 * loopback address (127.0.0.x), as the server sees them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StartedServer } from '@gridkit/mock-server';
import { send, type RawResponse } from './support/http.js';
import { reportFigures } from './support/run.js';
import { freshDataDir, serveInProcess } from './support/server.js';

let server: StartedServer;
// The reference server's defaults, as the contract states them.
const publicReadBurst = 60;
const publicWritesPerMinute = 60;
const staffReadBurst = 300;

beforeAll(async () => {
  server = await serveInProcess(freshDataDir('abuse'), { rateLimit: { perMinute: publicWritesPerMinute } });
}, 120_000);
afterAll(() => server?.close());

const figures: Record<string, unknown> = {};
afterAll(() => reportFigures('abuse', figures));

/** What a token bucket of `burst` refilled at `perMinute` may let through in `ms`, at most. */
const allowance = (burst: number, perMinute: number, ms: number) => burst + Math.ceil((ms / 60_000) * perMinute) + 1;

const statuses = (responses: RawResponse[]) =>
  responses.reduce<Record<number, number>>((t, r) => ((t[r.status] = (t[r.status] ?? 0) + 1), t), {});

function isRateLimited(r: RawResponse) {
  const p = r.json as { type?: string; status?: number };
  return (
    r.status === 429 &&
    String(r.headers['content-type']).startsWith('application/problem+json') &&
    p.type === 'https://gridkit.dev/problems/rate-limited' &&
    Number(r.headers['retry-after']) > 0
  );
}

async function burst(
  n: number,
  from: string,
  target: string,
  headers: Record<string, string> = {},
  body?: (i: number) => string,
) {
  return Promise.all(
    Array.from({ length: n }, (_, i) => send(server.apiUrl, body ? 'POST' : 'GET', target, headers, body?.(i), from)),
  );
}

it('limits a burst of public reads from one address while another address is served', async () => {
  const started = performance.now();
  const flood = await burst(publicReadBurst * 3, '127.0.0.11', '/categories');
  const elapsed = performance.now() - started;
  const other = await burst(20, '127.0.0.12', '/categories');
  const health = await burst(20, '127.0.0.11', '/health');
  figures.publicReads = { flood: statuses(flood), otherAddress: statuses(other), healthFromFlooder: statuses(health) };
  expect(flood.filter((r) => r.status === 200).length).toBeLessThanOrEqual(allowance(publicReadBurst, 120, elapsed));
  expect(flood.filter((r) => r.status !== 200).every(isRateLimited)).toBe(true);
  expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  expect(other.every((r) => r.status === 200)).toBe(true);
  // Health probes are not limited.
  expect(health.every((r) => r.status === 200)).toBe(true);
});

it('limits a burst of reports from one address, stores none of the refused ones, and serves another address', async () => {
  const before = (server.db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n;
  const grid = (
    (await send(server.apiUrl, 'GET', '/grids?level=grid&limit=1', {}, undefined, '127.0.0.29')).json as {
      items: { id: string }[];
    }
  ).items[0]!.id;
  const categories = (await send(server.apiUrl, 'GET', '/categories?limit=200', {}, undefined, '127.0.0.29')).json as {
    items: { code: string; requiresPhoto: boolean; requiresLocation: boolean; attributes?: { required: boolean }[] }[];
  };
  const code = categories.items.find(
    (c) => !c.requiresPhoto && !c.requiresLocation && !(c.attributes ?? []).some((a) => a.required),
  )!.code;
  const report = (i: number) =>
    JSON.stringify({ gridId: grid, categoryCode: code, description: `burst ${i}`, location: { address: '文峰区' } });
  const headers = (i: number, who: string) => ({
    'Content-Type': 'application/json',
    'Idempotency-Key': `abuse-${who}-${i}-${Date.now()}`,
  });
  const started = performance.now();
  const flood = await Promise.all(
    Array.from({ length: publicWritesPerMinute + 30 }, (_, i) =>
      send(server.apiUrl, 'POST', '/cases', headers(i, 'a'), report(i), '127.0.0.21'),
    ),
  );
  const elapsed = performance.now() - started;
  const other = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      send(server.apiUrl, 'POST', '/cases', headers(i, 'b'), report(1000 + i), '127.0.0.22'),
    ),
  );
  figures.publicWrites = { flood: statuses(flood), otherAddress: statuses(other) };
  const created = flood.filter((r) => r.status === 201).length + other.filter((r) => r.status === 201).length;
  // Past the bucket (plus what it refilled meanwhile) every report is a 429.
  expect(flood.filter((r) => r.status === 201).length).toBeLessThanOrEqual(
    allowance(publicWritesPerMinute, publicWritesPerMinute, elapsed),
  );
  expect(flood.filter((r) => r.status !== 201).every(isRateLimited)).toBe(true);
  expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  expect(other.every((r) => r.status === 201)).toBe(true);
  // A 429 processed nothing.
  expect((server.db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n - before).toBe(created);
});

it('limits one staff token’s reads without blocking another token on the same address', async () => {
  const started = performance.now();
  const flood = await burst(staffReadBurst + 100, '127.0.0.31', '/me', {
    Authorization: 'Bearer demo-worker-qiaobei-02',
  });
  const elapsed = performance.now() - started;
  const other = await burst(20, '127.0.0.31', '/me', { Authorization: 'Bearer demo-worker-caihong-06' });
  figures.staffReads = { flood: statuses(flood), otherToken: statuses(other) };
  expect(flood.filter((r) => r.status === 200).length).toBeLessThanOrEqual(allowance(staffReadBurst, 600, elapsed));
  expect(flood.filter((r) => r.status !== 200).every(isRateLimited)).toBe(true);
  expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  expect(other.every((r) => r.status === 200)).toBe(true);
});

it('does not take X-Forwarded-For from a client that is not a configured proxy', async () => {
  // One address claiming a new forwarded address on every request still meets its own limit…
  const started = performance.now();
  const spoofed = await Promise.all(
    Array.from({ length: publicReadBurst * 2 }, (_, i) =>
      send(
        server.apiUrl,
        'GET',
        '/categories',
        { 'X-Forwarded-For': `203.0.113.${i % 250}`, Forwarded: `for=198.51.100.${i % 250}` },
        undefined,
        '127.0.0.41',
      ),
    ),
  );
  const elapsed = performance.now() - started;
  // …and cannot spend another address's allowance by naming it.
  const victim = await burst(10, '127.0.0.42', '/categories');
  figures.forwardedFor = { spoofedBurst: statuses(spoofed), victimAfterSpoof: statuses(victim) };
  expect(spoofed.filter((r) => r.status === 200).length).toBeLessThanOrEqual(allowance(publicReadBurst, 120, elapsed));
  expect(spoofed.filter((r) => r.status !== 200).every(isRateLimited)).toBe(true);
  expect(victim.every((r) => r.status === 200)).toBe(true);
});
