import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGridkitClient, GridkitError, isGridkitError } from '../src/index.js';
import { problem, startApiDouble, type ApiDouble } from './support/api-double.js';

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

const client = () => createGridkitClient({ baseUrl: api.baseUrl, retry: false });

async function caught(promise: Promise<unknown>): Promise<GridkitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GridkitError);
  return error as GridkitError;
}

describe('problem responses become a GridkitError', () => {
  it("carries the server's Retry-After on 429 and 503, and none on other statuses", async () => {
    const reply = (status: number) => {
      const r = problem(status, 'Busy');
      return { ...r, headers: { ...r.headers, 'Retry-After': '7' } };
    };
    api.reply(reply(503), reply(429), reply(500));
    expect((await caught(client().grids.get('g1'))).retryAfterMs).toBe(7000);
    expect((await caught(client().grids.get('g1'))).retryAfterMs).toBe(7000);
    expect((await caught(client().grids.get('g1'))).retryAfterMs).toBeUndefined();
  });

  it('carries the problem details, status and request id', async () => {
    api.reply(
      problem(400, 'Request does not match the contract', {
        type: 'https://gridkit.dev/problems/validation',
        detail: '2 fields are invalid',
        errors: [
          { path: '/body/description', message: 'must NOT have fewer than 1 characters' },
          { path: '/body/location/address', message: 'is required' },
        ],
      }),
    );
    const error = await caught(
      client().cases.create({ gridId: 'g1', categoryCode: 'x', description: '', location: { address: '' } }),
    );
    expect(error.kind).toBe('http');
    expect(error.status).toBe(400);
    expect(error.type).toBe('https://gridkit.dev/problems/validation');
    expect(error.message).toBe('2 fields are invalid');
    expect(error.requestId).toBe('req-400');
    expect(error.errors.map((e) => e.path)).toEqual(['/body/description', '/body/location/address']);
    expect(error.method).toBe('POST');
    expect(error.url).toBe(`${api.baseUrl}/cases`);
    expect(error.transient).toBe(false);
  });

  it('falls back to the title when there is no detail', async () => {
    api.reply(problem(404, 'Grid not found'));
    const error = await caught(client().grids.get('nope'));
    expect(error.message).toBe('Grid not found');
    expect(error.problem.status).toBe(404);
    expect(error.errors).toEqual([]);
  });

  it('synthesizes a problem for a non-JSON error page from a proxy', async () => {
    api.reply({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>Bad Gateway</html>' });
    const error = await caught(client().grids.get('g1'));
    expect(error.status).toBe(502);
    expect(error.problem).toMatchObject({ type: 'about:blank', status: 502, title: 'Bad Gateway' });
    expect(error.problem.detail).toContain('Bad Gateway');
    expect(error.transient).toBe(true);
  });

  it('is recognised across copies of the SDK by isGridkitError', async () => {
    api.reply(problem(409, 'Invalid transition'));
    const error = await caught(client().cases.transition('c1', { action: 'verify' }, { version: 1 }));
    expect(isGridkitError(error)).toBe(true);
    expect(isGridkitError(new Error('x'))).toBe(false);
    expect(isGridkitError({ status: 409 })).toBe(false);
  });

  it('reports a refused connection as a network error with status 0', async () => {
    const closed = await startApiDouble();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const error = await caught(createGridkitClient({ baseUrl, retry: false }).grids.get('g1'));
    expect(error.kind).toBe('network');
    expect(error.status).toBe(0);
    expect(error.transient).toBe(true);
    expect(error.problem.title).toBe('Network error');
  });
});
