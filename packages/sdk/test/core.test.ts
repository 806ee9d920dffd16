import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import { createGridkitClient, createGridkitCore, GridkitError, gridsResource, noticesResource } from '../src/index.js';
import { problem, startApiDouble, type ApiDouble } from './support/api-double.js';

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

describe('a core with one resource', () => {
  it('sends what the whole client sends, with auth and locale', async () => {
    const core = createGridkitCore({ baseUrl: api.baseUrl, token: 'staff-1', locale: 'zh-TW' });
    api.reply({ json: { grid: { id: 'g1' } } });
    await expect(noticesResource(core).board('g 1')).resolves.toEqual({ grid: { id: 'g1' } });
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/grids/g%201/notice-board' });
    expect(request!.headers).toMatchObject({ authorization: 'Bearer staff-1', 'accept-language': 'zh-TW' });
  });

  it('a client hands its own core to a resource function', async () => {
    const client = createGridkitClient({ baseUrl: api.baseUrl, retry: false });
    api.reply(problem(404, 'Grid not found'));
    const error = await gridsResource(client.core)
      .get('nope')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GridkitError);
    expect(error).toMatchObject({ status: 404, method: 'GET', url: `${api.baseUrl}/grids/nope` });
  });
});

describe('the transport', () => {
  it('hands fetch the URL and init, no Request object, on the happy path', async () => {
    const inputs: unknown[] = [];
    const core = createGridkitCore({
      baseUrl: api.baseUrl,
      fetch: (input, init) => {
        inputs.push(input);
        return fetch(input, init);
      },
    });
    await gridsResource(core).get('g1');
    expect(inputs).toEqual([`${api.baseUrl}/grids/g1`]);
  });

  it('runs middleware like openapi-fetch: a Request with its schema path, and the response it may replace', async () => {
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest({ request, schemaPath }) {
        seen.push(`${request.method} ${schemaPath} ${request.headers.get('accept-language')}`);
        request.headers.set('X-Trace', 'm1');
        return request;
      },
      onResponse({ response }) {
        return new Response(JSON.stringify({ replaced: response.status }), { status: 200 });
      },
    };
    const client = createGridkitClient({ baseUrl: api.baseUrl, locale: 'en', middleware: [middleware] });
    await expect(client.grids.get('g1')).resolves.toEqual({ replaced: 200 });
    expect(seen).toEqual(['GET /grids/{gridId} en']);
    expect(api.requests[0]!.headers['x-trace']).toBe('m1');
  });

  it('retries through middleware with the same body and key', async () => {
    const client = createGridkitClient({
      baseUrl: api.baseUrl,
      retry: { baseDelayMs: 1 },
      middleware: [{ onRequest: () => undefined }],
    });
    api.reply(problem(503, 'Busy'), { status: 201, json: { ticket: 'WF-20261122-0001' } });
    const report = {
      gridId: 'g1',
      categoryCode: 'env.garbage',
      description: '垃圾满溢',
      location: { address: '3 号楼' },
    };
    await expect(client.cases.create(report)).resolves.toMatchObject({ ticket: 'WF-20261122-0001' });
    expect(api.requests).toHaveLength(2);
    expect(api.requests.map((r) => r.json)).toEqual([report, report]);
    expect(api.requests[0]!.headers['idempotency-key']).toBe(api.requests[1]!.headers['idempotency-key']);
  });

  it('answers raw calls as openapi-fetch does: data, or the parsed problem as error, never a throw', async () => {
    const client = createGridkitClient({ baseUrl: api.baseUrl, retry: false });
    api.reply({ status: 204 }, problem(422, 'Unprocessable', { detail: 'no' }));
    const empty = await client.raw.GET('/health');
    expect(empty.data).toBeUndefined();
    expect(empty.response.status).toBe(204);
    const refused = await client.raw.GET('/grids/{gridId}', { params: { path: { gridId: 'g1' } } });
    expect(refused.error).toMatchObject({ title: 'Unprocessable', detail: 'no', status: 422 });
    expect(refused.response.status).toBe(422);
  });
});
