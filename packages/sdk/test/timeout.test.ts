import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGridkitClient, GridkitError } from '../src/index.js';
import { startApiDouble, type ApiDouble } from './support/api-double.js';

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

describe('timeouts', () => {
  it('aborts an attempt that gets no answer in time', async () => {
    api.reply({ delayMs: 1000, json: {} });
    const c = createGridkitClient({ baseUrl: api.baseUrl, timeoutMs: 100, retry: false });
    const started = performance.now();
    const error = await c.grids.get('g1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GridkitError);
    expect(error).toMatchObject({ kind: 'timeout', status: 0 });
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('times out a body that stalls after the headers', async () => {
    api.reply({ stallBody: true, json: { items: [] } });
    const c = createGridkitClient({ baseUrl: api.baseUrl, timeoutMs: 150, retry: false });
    await expect(c.grids.list()).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('retries a timed-out GET and succeeds on the next attempt', async () => {
    api.reply({ delayMs: 800, json: {} }, { json: { id: 'g1' } });
    const c = createGridkitClient({ baseUrl: api.baseUrl, timeoutMs: 200, retry: { baseDelayMs: 1 } });
    await expect(c.grids.get('g1')).resolves.toEqual({ id: 'g1' });
    expect(api.requests).toHaveLength(2);
  });

  it('rejects with the caller’s own AbortError, not a GridkitError, and does not retry', async () => {
    api.reply({ delayMs: 1000, json: {} });
    const c = createGridkitClient({ baseUrl: api.baseUrl, timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = c.grids.get('g1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(GridkitError);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(api.requests).toHaveLength(1);
  });

  it('honours a caller signal that is already aborted', async () => {
    const c = createGridkitClient({ baseUrl: api.baseUrl });
    await expect(c.grids.get('g1', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(api.requests).toHaveLength(0);
  });

  it('does not time out when timeoutMs is 0', async () => {
    api.reply({ delayMs: 300, json: { id: 'g1' } });
    const c = createGridkitClient({ baseUrl: api.baseUrl, timeoutMs: 0, retry: false });
    await expect(c.grids.get('g1')).resolves.toEqual({ id: 'g1' });
  });
});
