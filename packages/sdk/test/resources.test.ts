import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGridkitClient, unitsResource, type GridkitClient } from '../src/index.js';
import { startApiDouble, type ApiDouble, type RecordedRequest } from './support/api-double.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let api: ApiDouble;
let client: GridkitClient;

beforeAll(async () => {
  api = await startApiDouble();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  client = createGridkitClient({ baseUrl: api.baseUrl, locale: 'en', retry: false });
});

function only(): RecordedRequest {
  expect(api.requests).toHaveLength(1);
  return api.requests[0]!;
}

interface Case {
  name: string;
  call: (client: GridkitClient) => Promise<unknown>;
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
  headers?: Record<string, string | RegExp>;
}

const cases: Case[] = [
  {
    name: 'grids.list',
    call: (c) => c.grids.list({ parentId: 'g-qiaobei', level: 'grid', q: '第二', limit: 20, cursor: 'c1' }),
    method: 'GET',
    path: '/grids',
    query: { parentId: 'g-qiaobei', level: 'grid', q: '第二', limit: '20', cursor: 'c1' },
  },
  { name: 'grids.get', call: (c) => c.grids.get('g 1/2'), method: 'GET', path: '/grids/g%201%2F2' },
  {
    name: 'grids.locate',
    call: (c) => c.grids.locate({ lat: 36.0995, lng: 114.3522 }),
    method: 'GET',
    path: '/grids/locate',
    query: { lat: '36.0995', lng: '114.3522' },
  },
  { name: 'grids.ancestors', call: (c) => c.grids.ancestors('g1'), method: 'GET', path: '/grids/g1/ancestors' },
  { name: 'notices.board', call: (c) => c.notices.board('g1'), method: 'GET', path: '/grids/g1/notice-board' },
  {
    name: 'notices.list',
    call: (c) => c.notices.list('g1', { includeExpired: true, limit: 5 }),
    method: 'GET',
    path: '/grids/g1/notices',
    query: { includeExpired: 'true', limit: '5' },
  },
  {
    name: 'notices.create',
    call: (c) =>
      c.notices.create('g1', { title: '停水通知', body: '周六 8:00–12:00 停水。', kind: 'announcement', pinned: true }),
    method: 'POST',
    path: '/grids/g1/notices',
    body: { title: '停水通知', body: '周六 8:00–12:00 停水。', kind: 'announcement', pinned: true },
    headers: { 'idempotency-key': uuid, 'content-type': 'application/json' },
  },
  {
    name: 'notices.retire',
    call: (c) => c.notices.retire('n1', '活动已结束'),
    method: 'POST',
    path: '/notices/n1/retire',
    body: { reason: '活动已结束' },
    headers: { 'idempotency-key': uuid },
  },
  {
    name: 'categories.list',
    call: (c) => c.categories.list({ kind: 'component' }),
    method: 'GET',
    path: '/categories',
    query: { kind: 'component' },
  },
  {
    name: 'categories.get',
    call: (c) => c.categories.get('env.garbage'),
    method: 'GET',
    path: '/categories/env.garbage',
  },
  { name: 'media.get', call: (c) => c.media.get('m1'), method: 'GET', path: '/media/m1' },
  {
    name: 'cases.create',
    call: (c) =>
      c.cases.create({
        gridId: 'g1',
        categoryCode: 'env.garbage',
        description: '垃圾桶满溢三天无人清运',
        location: { address: '桥北社区 3 号楼东侧' },
      }),
    method: 'POST',
    path: '/cases',
    body: {
      gridId: 'g1',
      categoryCode: 'env.garbage',
      description: '垃圾桶满溢三天无人清运',
      location: { address: '桥北社区 3 号楼东侧' },
    },
    headers: { 'idempotency-key': uuid },
  },
  {
    name: 'cases.list',
    call: (c) => c.cases.list({ gridId: 'g1', status: ['submitted', 'accepted'], overdue: true }),
    method: 'GET',
    path: '/cases',
    query: { gridId: 'g1', status: ['submitted', 'accepted'], overdue: 'true' },
  },
  { name: 'cases.get', call: (c) => c.cases.get('c1'), method: 'GET', path: '/cases/c1' },
  {
    name: 'cases.getPublic',
    call: (c) => c.cases.getPublic('WF-20261122-0042'),
    method: 'GET',
    path: '/tickets/WF-20261122-0042',
  },
  {
    name: 'cases.getPublic with the tracking token as typed',
    call: (c) => c.cases.getPublic('WF-20261122-0042', { trackingToken: ' k7qm 4t2x 9pzr ' }),
    method: 'GET',
    path: '/tickets/WF-20261122-0042',
    headers: { 'x-tracking-token': 'K7QM-4T2X-9PZR' },
  },
  {
    name: 'cases.getPublic with text that cannot be a token (full-width, not ASCII)',
    call: (c) => c.cases.getPublic('WF-20261122-0042', { trackingToken: '查询码 K7QM' }),
    method: 'GET',
    path: '/tickets/WF-20261122-0042',
    headers: { 'x-tracking-token': encodeURIComponent('查询码 K7QM') },
  },
  {
    name: 'cases.transition',
    call: (c) => c.cases.transition('c1', { action: 'accept', note: '已受理' }, { version: 3 }),
    method: 'POST',
    path: '/cases/c1/transitions',
    body: { action: 'accept', note: '已受理' },
    headers: { 'if-match': '"3"', 'idempotency-key': uuid },
  },
  {
    name: 'cases.events',
    call: (c) => c.cases.events('c1', { limit: 10 }),
    method: 'GET',
    path: '/cases/c1/events',
    query: { limit: '10' },
  },
  {
    name: 'cases.evaluate',
    call: (c) => c.cases.evaluate('WF-20261122-0042', { trackingToken: 'tok', score: 5, comment: '很及时' }),
    method: 'POST',
    path: '/tickets/WF-20261122-0042/evaluation',
    body: { trackingToken: 'tok', score: 5, comment: '很及时' },
  },
  {
    name: 'cases.list with the triage and recourse filters',
    call: (c) => c.cases.list({ priority: 'urgent', attentionLevel: 'community', followUp: 'open' }),
    method: 'GET',
    path: '/cases',
    query: { priority: 'urgent', attentionLevel: 'community', followUp: 'open' },
  },
  {
    name: 'cases.dispute',
    call: (c) =>
      c.cases.dispute(
        'WF-20261122-0042',
        { trackingToken: 'K7QM-4T2X-9PZR', reason: '路灯仍然不亮' },
        { idempotencyKey: 'dispute-1' },
      ),
    method: 'POST',
    path: '/tickets/WF-20261122-0042/dispute',
    body: { trackingToken: 'K7QM-4T2X-9PZR', reason: '路灯仍然不亮' },
    headers: { 'idempotency-key': 'dispute-1' },
  },
  {
    name: 'cases.recordFollowUp',
    call: (c) => c.cases.recordFollowUp('c1', { outcome: 'explained', note: '已电话回访并说明' }, { version: 7 }),
    method: 'POST',
    path: '/cases/c1/follow-up',
    body: { outcome: 'explained', note: '已电话回访并说明' },
    headers: { 'if-match': '"7"', 'idempotency-key': uuid },
  },
  {
    name: 'serviceLogs.create',
    call: (c) =>
      c.serviceLogs.create({
        gridId: 'g1',
        occurredAt: '2026-11-22T02:00:00Z',
        kind: 'visit',
        subjectGroups: ['elderly_alone'],
        summary: '走访独居老人王大爷，血压正常',
        minutes: 30,
        outcome: 'resolved',
      }),
    method: 'POST',
    path: '/service-logs',
    body: {
      gridId: 'g1',
      occurredAt: '2026-11-22T02:00:00Z',
      kind: 'visit',
      subjectGroups: ['elderly_alone'],
      summary: '走访独居老人王大爷，血压正常',
      minutes: 30,
      outcome: 'resolved',
    },
    headers: { 'idempotency-key': uuid },
  },
  {
    name: 'serviceLogs.list',
    call: (c) => c.serviceLogs.list({ workerId: 'w1', kind: 'visit' }),
    method: 'GET',
    path: '/service-logs',
    query: { workerId: 'w1', kind: 'visit' },
  },
  {
    name: 'serviceLogs.summary',
    call: (c) => c.serviceLogs.summary({ month: '2026-11', gridId: 'g1' }),
    method: 'GET',
    path: '/service-logs/summary',
    query: { month: '2026-11', gridId: 'g1' },
  },
  {
    name: 'stats.resolution',
    call: (c) => c.stats.resolution({ gridId: 'd1', from: '2026-01-01', to: '2026-06-30', groupBy: 'level' }),
    method: 'GET',
    path: '/stats/resolution',
    query: { gridId: 'd1', from: '2026-01-01', to: '2026-06-30', groupBy: 'level' },
  },
  {
    name: 'unitsResource.list',
    call: (c) => unitsResource(c.core).list({ gridId: 'g-qiaobei-02', kind: 'department', limit: 100 }),
    method: 'GET',
    path: '/units',
    query: { gridId: 'g-qiaobei-02', kind: 'department', limit: '100' },
  },
  {
    name: 'units.list',
    call: (c) => c.units.list({ gridId: 'g-qiaobei-02' }),
    method: 'GET',
    path: '/units',
    query: { gridId: 'g-qiaobei-02' },
  },
  { name: 'session.me', call: (c) => c.session.me(), method: 'GET', path: '/me' },
  { name: 'session.health', call: (c) => c.session.health(), method: 'GET', path: '/health' },
];

describe('every resource method sends the request the contract describes', () => {
  it.each(cases)('$name → $method $path', async ({ call, method, path, query, body, headers }) => {
    const answer = { items: [], nextCursor: null, id: 'answer-1' };
    api.reply({ json: answer });
    const data = await call(client);
    const request = only();
    expect(request.method).toBe(method);
    expect(request.path).toBe(path);
    if (query) {
      const seen: Record<string, string | string[]> = {};
      for (const key of new Set(request.query.keys())) {
        const all = request.query.getAll(key);
        seen[key] = all.length > 1 ? all : all[0]!;
      }
      expect(seen).toEqual(query);
    } else {
      expect([...request.query.keys()]).toEqual([]);
    }
    if (body !== undefined) expect(request.json).toEqual(body);
    for (const [name, expected] of Object.entries(headers ?? {})) {
      if (expected instanceof RegExp) expect(request.headers[name]).toMatch(expected);
      else expect(request.headers[name]).toContain(expected);
    }
    expect(request.headers['accept-language']).toBe('en');
    expect(request.headers.authorization).toBeUndefined();
    if (path.endsWith('/ancestors')) expect(data).toEqual([]);
    else if (path.startsWith('/media/')) expect(data).toBeInstanceOf(Blob);
    else expect(data).toEqual(answer);
  });

  it('exports.cases sends the list filters and hands back the CSV as a stream, read as it arrives', async () => {
    const csv = '\uFEFF工单号,状态\r\nWF-20261122-0042,closed\r\n';
    api.reply({ body: Buffer.from(csv, 'utf8'), headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
    const stream = await client.exports.cases({ gridId: 'g1', status: ['closed', 'rejected'], overdue: false });
    const request = only();
    expect([request.method, request.path]).toEqual(['GET', '/exports/cases']);
    expect(request.query.getAll('status')).toEqual(['closed', 'rejected']);
    expect([request.query.get('gridId'), request.query.get('overdue')]).toEqual(['g1', 'false']);
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    // The byte-order mark is kept: saved as it came, the file opens in Excel without garbling.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(csv.slice(1));
  });

  it('exports.resolutionStats sends the figures query and gives the CSV as a Blob with its byte-order mark', async () => {
    api.reply({ body: '\uFEFF键,分组\r\n,合计\r\n', headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
    const blob = await client.exports.resolutionStats({
      gridId: 'd1',
      from: '2026-10-01',
      to: '2026-10-31',
      groupBy: 'children',
    });
    expect(Object.fromEntries(only().query)).toEqual({
      gridId: 'd1',
      from: '2026-10-01',
      to: '2026-10-31',
      groupBy: 'children',
    });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await blob.text()).toContain('合计');
  });

  it('a write given an idempotency key sends that key', async () => {
    await client.cases.create(
      { gridId: 'g1', categoryCode: 'env.garbage', description: '路灯不亮', location: { address: '映月路 12 号' } },
      { idempotencyKey: 'kiosk-7-outbox-0001' },
    );
    expect(only().headers['idempotency-key']).toBe('kiosk-7-outbox-0001');
  });

  it('two writes get two different keys', async () => {
    await client.serviceLogs.summary({ month: '2026-11' });
    const input = { gridId: 'g1', categoryCode: 'x', description: 'y', location: { address: 'z' } };
    await client.cases.create(input);
    await client.cases.create(input);
    const [, a, b] = api.requests;
    expect(a!.headers['idempotency-key']).not.toBe(b!.headers['idempotency-key']);
  });

  it('the public view sends no X-Tracking-Token without a token (or with a blank one)', async () => {
    await client.cases.getPublic('WF-20261122-0042');
    await client.cases.getPublic('WF-20261122-0042', { trackingToken: '  ' });
    expect(api.requests).toHaveLength(2);
    for (const request of api.requests) expect(request.headers['x-tracking-token']).toBeUndefined();
  });
});

describe('auth and locale', () => {
  it('sends a static token as a bearer token', async () => {
    await createGridkitClient({ baseUrl: api.baseUrl, token: 'staff-token-1' }).session.me();
    expect(only().headers.authorization).toBe('Bearer staff-token-1');
  });

  it('asks an async token provider before each request', async () => {
    let n = 0;
    const c = createGridkitClient({ baseUrl: api.baseUrl, token: async () => `t${++n}` });
    await c.session.me();
    await c.session.me();
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('sends no Authorization when the provider has no token', async () => {
    await createGridkitClient({ baseUrl: api.baseUrl, token: () => undefined }).grids.get('g1');
    expect(only().headers.authorization).toBeUndefined();
  });

  it('reads a locale function on every request, so a page can switch language', async () => {
    let locale = 'zh-CN';
    const c = createGridkitClient({ baseUrl: api.baseUrl, locale: () => locale });
    await c.grids.get('g1');
    locale = 'zh-TW';
    await c.grids.get('g1');
    expect(api.requests.map((r) => r.headers['accept-language'])).toEqual(['zh-CN', 'zh-TW']);
  });

  it('accepts a base URL with a trailing slash', async () => {
    await createGridkitClient({ baseUrl: `${api.baseUrl}/` }).grids.get('g1');
    expect(only().path).toBe('/grids/g1');
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const c = createGridkitClient({
      baseUrl: api.baseUrl,
      fetch: (input) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return fetch(input);
      },
    });
    await c.grids.get('g1');
    expect(seen).toEqual([`${api.baseUrl}/grids/g1`]);
  });
});

describe('media', () => {
  it('uploads a File as multipart form data with its name and purpose', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    api.reply({ status: 201, json: { id: 'm1', contentType: 'image/png', bytes: 7 } });
    const media = await client.media.upload(new File([bytes], '井盖.png', { type: 'image/png' }), {
      purpose: 'case_report',
    });
    expect(media).toMatchObject({ id: 'm1' });
    const request = only();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/media');
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request.headers['idempotency-key']).toMatch(uuid);
    const form = await new Request('http://x', {
      method: 'POST',
      body: new Uint8Array(request.body),
      headers: { 'content-type': request.headers['content-type']! },
    }).formData();
    const file = form.get('file') as File;
    expect(file.name).toBe('井盖.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(form.get('purpose')).toBe('case_report');
  });

  it('names a bare Blob', async () => {
    await client.media.upload(new Blob([new Uint8Array([1])], { type: 'image/jpeg' }), { filename: 'photo.jpg' });
    expect(only().body.toString('latin1')).toContain('filename="photo.jpg"');
  });

  it('returns image bytes as a Blob and builds image URLs', async () => {
    api.reply({ headers: { 'Content-Type': 'image/png' }, body: Buffer.from([1, 2, 3]) });
    const blob = await client.media.get('m1');
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(client.media.url('m 1')).toBe(`${api.baseUrl}/media/m%201`);
  });
});
