import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GridkitError } from '../src/index.js';
import { createGridkitClient, type RetryEvent } from '../src/index.js';
import { backoffDelay, defaultRetryOptions, parseRetryAfter } from '../src/retry.js';
import { problem, startApiDouble, type ApiDouble } from './support/api-double.js';

let api: ApiDouble;
let retries: RetryEvent[];
beforeAll(async () => {
  api = await startApiDouble();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  retries = [];
});

/** Fast backoff so tests run quickly; jitter pinned to its ceiling. */
const client = (retry: Record<string, unknown> = {}) =>
  createGridkitClient({
    baseUrl: api.baseUrl,
    random: () => 1,
    retry: { baseDelayMs: 5, maxDelayMs: 40, onRetry: (e) => retries.push(e), ...retry },
  });

const report = { gridId: 'g1', categoryCode: 'env.garbage', description: '垃圾满溢', location: { address: '3 号楼' } };

const statusesOf = () => retries.map((r) => r.response?.status ?? 'no response');

describe('what is retried', () => {
  it('retries a GET after 503 and returns the later answer', async () => {
    api.reply(problem(503, 'Unavailable'), { json: { id: 'g1', name: '桥北社区第二网格' } });
    await expect(client().grids.get('g1')).resolves.toMatchObject({ name: '桥北社区第二网格' });
    expect(api.requests).toHaveLength(2);
  });

  it.each([500, 502, 503, 504, 429])('retries after %i', async (status) => {
    api.reply(problem(status, 'Try again'), { json: { ok: true } });
    await client().grids.get('g1');
    expect(api.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 408, 409, 412, 413, 415, 422])('never retries %i', async (status) => {
    api.reply(problem(status, 'No'));
    const error = await client()
      .cases.create(report)
      .catch((e: unknown) => e);
    expect((error as GridkitError).status).toBe(status);
    expect(api.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('resends a case report with the same idempotency key on every attempt', async () => {
    api.reply(problem(503, 'Busy'), { drop: true }, { status: 201, json: { ticket: 'WF-20261122-0001' } });
    await expect(client().cases.create(report)).resolves.toMatchObject({ ticket: 'WF-20261122-0001' });
    expect(api.requests).toHaveLength(3);
    const keys = new Set(api.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBeTruthy();
    expect(api.requests.every((r) => JSON.stringify(r.json) === JSON.stringify(report))).toBe(true);
  });

  it('retries a write whose response was lost after the server handled it', async () => {
    api.reply({ drop: true }, { status: 201, json: { id: 'log-1' } });
    await client().serviceLogs.create({
      gridId: 'g1',
      occurredAt: '2026-11-22T02:00:00Z',
      kind: 'visit',
      subjectGroups: [],
      summary: '走访',
      minutes: 10,
      outcome: 'resolved',
    });
    expect(api.requests).toHaveLength(2);
    expect(api.requests[0]!.headers['idempotency-key']).toBe(api.requests[1]!.headers['idempotency-key']);
    expect(statusesOf()).toEqual(['no response']);
  });

  it('resends an upload with the same bytes and key', async () => {
    api.reply(problem(503, 'Busy'), { status: 201, json: { id: 'm1' } });
    await client().media.upload(new Blob([new Uint8Array([9, 8, 7])], { type: 'image/png' }));
    expect(api.requests).toHaveLength(2);
    expect(api.requests[0]!.body.equals(api.requests[1]!.body)).toBe(true);
    expect(api.requests[0]!.headers['idempotency-key']).toBe(api.requests[1]!.headers['idempotency-key']);
  });

  it('does not retry a write without an idempotency key', async () => {
    api.reply(problem(503, 'Busy'));
    const { response } = await client().raw.POST('/grids/{gridId}/notices', {
      params: { path: { gridId: 'g1' } },
      body: { title: 't', body: 'b', kind: 'announcement' },
    });
    expect(response.status).toBe(503);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('gives up after the configured number of retries and throws the last problem', async () => {
    api.fallback = () => problem(503, 'Still down');
    try {
      const error = await client({ retries: 2 })
        .grids.get('g1')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'http', status: 503 });
      expect(api.requests).toHaveLength(3);
      expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    } finally {
      api.fallback = () => ({ json: {} });
    }
  });

  it('sends once when retry is disabled', async () => {
    api.reply(problem(503, 'Busy'));
    const c = createGridkitClient({ baseUrl: api.baseUrl, retry: false });
    await expect(c.grids.get('g1')).rejects.toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(1);
  });

  it('throws a network error after retries when the server keeps dropping', async () => {
    api.reply({ drop: true }, { drop: true }, { drop: true });
    await expect(client({ retries: 2 }).grids.get('g1')).rejects.toMatchObject({ kind: 'network', status: 0 });
    expect(api.requests).toHaveLength(3);
  });
});

describe('how long it waits', () => {
  it('backs off exponentially up to the ceiling', async () => {
    api.reply(problem(500, 'x'), problem(500, 'x'), problem(500, 'x'), problem(500, 'x'), { json: {} });
    await client({ retries: 4, baseDelayMs: 10, maxDelayMs: 35 }).grids.get('g1');
    expect(retries.map((r) => r.delayMs)).toEqual([10, 20, 35, 35]);
  });

  it('draws each wait at random below the ceiling (full jitter)', () => {
    const options = { ...defaultRetryOptions, baseDelayMs: 100 };
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(3, options, () => 0.5)).toBe(200);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
  });

  it('honours Retry-After in seconds on 429', async () => {
    api.reply({ ...problem(429, 'Slow down'), headers: { 'Retry-After': '1' } }, { json: {} });
    const started = performance.now();
    await client().grids.get('g1');
    expect(retries.map((r) => r.delayMs)).toEqual([1000]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    const at = new Date(Date.now() + 2000).toUTCString();
    api.reply({ ...problem(503, 'Maintenance'), headers: { 'Retry-After': at } }, { json: {} });
    await client().grids.get('g1');
    expect(retries[0]!.delayMs).toBeGreaterThan(500);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(2000);
  });

  it('surfaces the error instead of waiting longer than maxRetryAfterMs', async () => {
    api.reply({ ...problem(503, 'Back tomorrow'), headers: { 'Retry-After': '86400' } });
    await expect(client().grids.get('g1')).rejects.toMatchObject({ status: 503 });
    expect(api.requests).toHaveLength(1);
  });

  it('parses both Retry-After forms and ignores junk', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('stops waiting when the caller aborts during backoff', async () => {
    api.reply({ ...problem(503, 'Busy'), headers: { 'Retry-After': '30' } });
    const controller = new AbortController();
    const pending = client().grids.get('g1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(api.requests).toHaveLength(1);
  });
});
