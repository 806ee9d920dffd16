/**
 * The Open311 GeoReport v2 facade (issue 13) against the real HTTP server on
 * the demo seed. Requests are written as the spec writes them: paths with a
 * format suffix, form-encoded posts with the spec's field names (`api_key`,
 * `service_code`, `lat`, `long`, `attribute[code]`, `first_name`, …), and
 * answers read as an Open311 client reads them: JSON arrays, and XML parsed
 * by an XML parser (root and item elements of the spec's examples). What a
 * case holds is checked in the database: one case per report however often
 * it is sent, and nothing a person wrote in any public answer.
 */
import { XMLParser } from 'fast-xml-parser';
import { createGridkitClient } from '@gridkit/sdk';
import { createOpen311Client, type Open311Attribute, type Open311Request } from '@gridkit/sdk/open311';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../src/server.js';

let server: StartedServer;
let base: string;
const apiKey = 'demo-open311-key';
/** A point inside 桥北社区第二网格 on the demo map, away from its centre (set in beforeAll). */
const inQiaobei = { lat: '', long: '' };

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name),
});
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
const post = (path: string, fields: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers });
const json = async <T = unknown>(response: Response) => (await response.json()) as T;
const parsedXml = async (response: Response) => {
  const text = await response.text();
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  // The parser's own result type: an XML tree has no static shape.
  return xml.parse(text) as ReturnType<XMLParser['parse']>;
};
const caseCount = () => server.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
/** A neighbour-noise report as an Open311 client posts it (the spec's field names). */
const neighbourReport = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: 'dispute.neighbour',
  ...inQiaobei,
  address_string: '桥北社区5号楼2单元',
  email: 'li@example.cn',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: '女士',
  last_name: '李',
  phone: '13800138000',
  description: `楼上住户每晚十一点后装修敲打 ${Math.random()}`,
  'attribute[households_involved]': '2',
  ...extra,
});

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 'demo', rateLimit: false, log: () => {} });
  base = `${server.url}/open311/v2`;
  const grid = server.db
    .prepare(`SELECT centroid_lat, centroid_lng, boundary FROM grids WHERE name = '桥北社区第二网格'`)
    .get() as { centroid_lat: number; centroid_lng: number; boundary: string };
  // Halfway from the centre to a corner: inside the grid, and not the point a public answer may show.
  const [lng, lat] = (JSON.parse(grid.boundary) as { coordinates: [number, number][][] }).coordinates[0]![0]!;
  inQiaobei.lat = ((grid.centroid_lat + lat) / 2).toFixed(6);
  inQiaobei.long = ((grid.centroid_lng + lng) / 2).toFixed(6);
});
afterAll(() => server.close());

describe('discovery', () => {
  it('names the GeoReport v2 endpoint and both formats, in JSON and XML', async () => {
    const fromJson = await json<{ endpoints: { specification: string; url: string; formats: string[] }[] }>(
      await get('/discovery.json'),
    );
    expect(fromJson.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: base,
      formats: ['text/xml', 'application/json'],
    });
    const response = await get('/discovery.xml');
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const fromXml = await parsedXml(response);
    expect(fromXml.discovery.endpoints.endpoint[0].url).toBe(base);
    expect(fromXml.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });
});

describe('services', () => {
  it('lists every category as a realtime service, with metadata exactly when it has attributes, in both formats', async () => {
    const categories = server.db.prepare('SELECT code, kind, attributes FROM categories ORDER BY code').all() as {
      code: string;
      attributes: string;
    }[];
    const response = await get('/services.json');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const services = await json<Record<string, unknown>[]>(response);
    expect(services.map((s) => s.service_code)).toEqual(categories.map((c) => c.code));
    for (const [i, service] of services.entries()) {
      expect(service).toMatchObject({ type: 'realtime', metadata: JSON.parse(categories[i]!.attributes).length > 0 });
      expect(typeof service.service_name).toBe('string');
      expect(typeof service.group).toBe('string');
      expect(typeof service.keywords).toBe('string');
    }
    const fromXml = (await parsedXml(await get('/services.xml'))).services.service as Record<string, string>[];
    expect(fromXml.map((s) => s.service_code)).toEqual(categories.map((c) => c.code));
    expect(fromXml.map((s) => s.metadata)).toEqual(services.map((s) => String(s.metadata)));
  });

  it('names services in the language asked for', async () => {
    const en = await json<{ service_code: string; service_name: string; group: string }[]>(
      await get('/services.json', { 'Accept-Language': 'en' }),
    );
    const garbage = en.find((s) => s.service_code === 'env.garbage')!;
    expect(garbage.service_name).toMatch(/[a-z]/i);
    expect(garbage.group).toBe('Events');
  });

  it('defines a service by its attributes: lists with their values, a yes/no question as true/false', async () => {
    const definition = await json<{ service_code: string; attributes: Open311Attribute[] }>(
      await get('/services/env.garbage.json'),
    );
    expect(definition.service_code).toBe('env.garbage');
    const [kind, blocking] = definition.attributes;
    expect(kind).toMatchObject({
      variable: true,
      code: 'garbage_type',
      datatype: 'singlevaluelist',
      required: true,
      order: 1,
    });
    expect(kind!.values!.map((v) => v.key)).toEqual(['household', 'construction', 'bulky', 'green']);
    expect(blocking).toMatchObject({ code: 'blocking_path', datatype: 'singlevaluelist', required: false });
    expect(blocking!.values!.map((v) => v.key)).toEqual(['true', 'false']);

    const fromXml = (await parsedXml(await get('/services/env.garbage.xml'))).service_definition;
    expect(fromXml.service_code).toBe('env.garbage');
    expect(fromXml.attributes.attribute.map((a: { code: string }) => a.code)).toEqual([
      'garbage_type',
      'blocking_path',
    ]);
    expect(fromXml.attributes.attribute[0].values.value[0]).toEqual({ key: 'household', name: '生活垃圾' });

    const hardship = await json<{ attributes: { datatype: string }[] }>(await get('/services/service.hardship.json'));
    expect(hardship.attributes[0]!.datatype).toBe('multivaluelist');
  });

  it('answers an unknown service with a 404 in the spec error shape, in both formats', async () => {
    const response = await get('/services/no.such.json');
    expect(response.status).toBe(404);
    const errors = await json<{ code: number; description: string }[]>(response);
    expect(errors).toEqual([{ code: 404, description: expect.stringContaining('no.such') }]);
    const inXml = await get('/services/no.such.xml');
    expect(inXml.status).toBe(404);
    expect((await parsedXml(inXml)).errors.error[0].code).toBe('404');
  });
});

describe('POST requests', () => {
  it('makes one case from a report, anonymous fields kept for staff, channel app, and answers the ticket at once', async () => {
    const before = caseCount();
    const fields = neighbourReport();
    const response = await post('/requests.json', fields);
    expect(response.status).toBe(200);
    const [receipt] = await json<{ service_request_id: string; token: string; service_notice: string }[]>(response);
    expect(receipt!.service_request_id).toMatch(/^[A-Z]{2}-\d{8}-\d{4}$/);
    expect(receipt!.token).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(receipt!.service_notice).toContain('桥北社区第二网格');
    expect(caseCount()).toBe(before + 1);
    const stored = server.db
      .prepare(
        'SELECT channel, category_code, description, address, lat, lng, reporter_name, reporter_phone, attributes, grid_id FROM cases WHERE ticket = ?',
      )
      .get(receipt!.service_request_id) as Record<string, unknown>;
    expect(stored).toMatchObject({
      channel: 'app',
      category_code: 'dispute.neighbour',
      description: fields.description,
      address: '桥北社区5号楼2单元',
      lat: Number(inQiaobei.lat),
      lng: Number(inQiaobei.long),
      reporter_name: '李女士',
      reporter_phone: '13800138000',
    });
    expect(JSON.parse(stored.attributes as string)).toEqual({ households_involved: 2 });
    const grid = server.db.prepare('SELECT name FROM grids WHERE id = ?').pluck().get(stored.grid_id);
    expect(grid).toBe('桥北社区第二网格');
  });

  it('is one case however often the same report is sent; a new Idempotency-Key is a new report', async () => {
    const fields = neighbourReport();
    const before = caseCount();
    const answers = await Promise.all([1, 2, 3].map(() => post('/requests.json', fields)));
    const ids = await Promise.all(
      answers.map(async (a) => (await json<{ service_request_id: string }[]>(a))[0]!.service_request_id),
    );
    expect(new Set(ids).size).toBe(1);
    expect(caseCount()).toBe(before + 1);
    const again = await post('/requests.json', fields, { 'Idempotency-Key': `vendor-${Math.random()}` });
    expect((await json<{ service_request_id: string }[]>(again))[0]!.service_request_id).not.toBe(ids[0]);
    expect(caseCount()).toBe(before + 2);
  });

  it('answers in XML as the spec example does', async () => {
    const response = await post('/requests.xml', neighbourReport());
    expect(response.status).toBe(200);
    const [request] = (await parsedXml(response)).service_requests.request;
    expect(request.service_request_id).toMatch(/^[A-Z]{2}-\d{8}-\d{4}$/);
    expect(request.service_notice).toBeTruthy();
  });

  it('types attributes from text: a yes/no answer, a number, several keys of a list; a photo uploaded here as media_url', async () => {
    const form = new FormData();
    const { png } = await import('@gridkit/sdk/test-support');
    form.append('file', new Blob([png(4, 3) as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'photo.png');
    form.append('purpose', 'case_report');
    const media = await json<{ id: string; url: string }>(
      await fetch(`${server.apiUrl}/media`, {
        method: 'POST',
        body: form,
        headers: { 'Idempotency-Key': `m-${Math.random()}` },
      }),
    );
    const garbage = await post('/requests.json', {
      api_key: apiKey,
      service_code: 'env.garbage',
      ...inQiaobei,
      description: '垃圾桶满溢三天无人清运',
      'attribute[garbage_type]': 'household',
      'attribute[blocking_path]': 'yes',
      media_url: `${server.url}${media.url}`,
    });
    expect(garbage.status).toBe(200);
    const garbageId = (await json<{ service_request_id: string }[]>(garbage))[0]!.service_request_id;
    const stored = server.db.prepare('SELECT attributes, media_ids FROM cases WHERE ticket = ?').get(garbageId) as {
      attributes: string;
      media_ids: string;
    };
    expect(JSON.parse(stored.attributes)).toEqual({ garbage_type: 'household', blocking_path: true });
    expect(JSON.parse(stored.media_ids)).toEqual([media.id]);

    const fields = new URLSearchParams({
      api_key: apiKey,
      service_code: 'service.hardship',
      ...inQiaobei,
      description: '独居老人需要帮助',
    });
    fields.append('attribute[needs][]', 'medical');
    fields.append('attribute[needs][]', 'daily_care');
    const options = await json<{ attributes: { values: { key: string }[] }[] }>(
      await get('/services/service.hardship.json'),
    );
    const keys = options.attributes[0]!.values.map((v) => v.key);
    fields.set('attribute[needs][]', keys[0]!);
    fields.append('attribute[needs][]', keys[1]!);
    const hardship = await post('/requests.json', fields);
    expect(hardship.status).toBe(200);
    const hardshipId = (await json<{ service_request_id: string }[]>(hardship))[0]!.service_request_id;
    const needs = server.db.prepare('SELECT attributes FROM cases WHERE ticket = ?').pluck().get(hardshipId) as string;
    expect(JSON.parse(needs)).toEqual({ needs: [keys[0], keys[1]] });
  });

  it('refuses without a valid api_key with a 403, and stores nothing', async () => {
    const before = caseCount();
    for (const key of [undefined, 'not-a-key']) {
      const fields: Record<string, string> = neighbourReport();
      if (key) fields.api_key = key;
      else delete fields.api_key;
      const response = await post('/requests.json', fields);
      expect(response.status).toBe(403);
      expect(await json(response)).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    }
    expect(caseCount()).toBe(before);
  });

  it('names what is wrong with a report in 400 errors, in the client’s field names, and stores nothing', async () => {
    const before = caseCount();
    const cases: [Record<string, string>, string][] = [
      [neighbourReport({ service_code: '' }), 'service_code'],
      [neighbourReport({ service_code: 'no.such' }), 'service_code'],
      [neighbourReport({ lat: '', long: '' }), 'lat and long'],
      [neighbourReport({ lat: '95' }), 'lat'],
      [neighbourReport({ lat: '39.9', long: '116.4' }), 'No grid'],
      [neighbourReport({ description: '' }), 'description'],
      [neighbourReport({ 'attribute[households_involved]': '' }), 'attribute[households_involved]'],
      [neighbourReport({ 'attribute[households_involved]': 'many' }), 'attribute[households_involved]'],
      [neighbourReport({ 'attribute[colour]': 'red' }), 'attribute[colour]'],
      [neighbourReport({ media_url: 'http://online-sfgov.com/image.jpg' }), 'media_url'],
      [neighbourReport({ phone: 'call me' }), 'phone'],
      [neighbourReport({ jurisdiction_id: 'city.gov' }), 'jurisdiction_id'],
    ];
    for (const [fields, named] of cases) {
      const response = await post('/requests.json', fields);
      expect([400, 404], named).toContain(response.status);
      const errors = await json<{ code: number; description: string }[]>(response);
      expect(errors.length, named).toBeGreaterThan(0);
      expect(errors.every((e) => e.code === response.status)).toBe(true);
      expect(errors.map((e) => e.description).join(' '), named).toContain(named);
    }
    const wrongBody = await fetch(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(neighbourReport()),
    });
    expect(wrongBody.status).toBe(400);
    expect(caseCount()).toBe(before);
  });
});

describe('GET requests', () => {
  const rowsBetween = (from: Date, to: Date) =>
    server.db
      .prepare(
        'SELECT ticket, status FROM cases WHERE created_at >= ? AND created_at <= ? ORDER BY created_at DESC, id DESC',
      )
      .all(from.toISOString(), to.toISOString()) as { ticket: string; status: string }[];

  it('defaults to the last 90 days, newest first, with the spec’s fields', async () => {
    const requests = await json<Open311Request[]>(await get('/requests.json'));
    const now = new Date();
    const expected = rowsBetween(new Date(now.getTime() - 90 * 86_400_000), new Date(now.getTime() + 60_000)).slice(
      0,
      1000,
    );
    expect(requests.map((r) => r.service_request_id)).toEqual(expected.map((r) => r.ticket));
    expect(requests.length).toBeGreaterThan(100);
    for (const request of requests.slice(0, 20)) {
      expect(request.status).toMatch(/^(open|closed)$/);
      expect(request.service_code).toBeTruthy();
      expect(request.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(request.agency_responsible).toBeTruthy();
    }
  });

  it('maps the lifecycle onto open and closed: closed and rejected are closed, every other step open', async () => {
    // A month: fewer than the 1,000 an answer holds, so every filter's answer is whole.
    const month = `start_date=${encodeURIComponent(new Date(Date.now() - 30 * 86_400_000).toISOString())}`;
    const all = await json<Open311Request[]>(await get(`/requests.json?${month}`));
    expect(all.length).toBeLessThan(1000);
    const statusOf = new Map(
      (server.db.prepare('SELECT ticket, status FROM cases').all() as { ticket: string; status: string }[]).map((r) => [
        r.ticket,
        r.status,
      ]),
    );
    const seen = new Set<string>();
    for (const request of all) {
      const ours = statusOf.get(request.service_request_id)!;
      seen.add(ours);
      expect(request.status, ours).toBe(['closed', 'rejected'].includes(ours) ? 'closed' : 'open');
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
    const closed = await json<Open311Request[]>(await get(`/requests.json?${month}&status=closed`));
    expect(closed.length).toBe(all.filter((r) => r.status === 'closed').length);
    const both = await json<Open311Request[]>(await get(`/requests.json?${month}&status=open,closed`));
    expect(both.length).toBe(all.length);
  });

  it('filters by service_code and by a window of at most 90 days; ids override every other filter', async () => {
    const to = new Date(Date.now() - 100 * 86_400_000);
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const window = `start_date=${encodeURIComponent(from.toISOString())}&end_date=${encodeURIComponent(to.toISOString())}`;
    const old = await json<Open311Request[]>(await get(`/requests.json?${window}`));
    expect(old.map((r) => r.service_request_id)).toEqual(rowsBetween(from, to).map((r) => r.ticket));
    const garbage = await json<Open311Request[]>(await get(`/requests.json?${window}&service_code=env.garbage`));
    expect(garbage.length).toBeGreaterThan(0);
    expect(garbage.every((r) => r.service_code === 'env.garbage')).toBe(true);

    const ids = [old[0]!.service_request_id, old[1]!.service_request_id];
    const byId = await json<Open311Request[]>(
      await get(`/requests.json?service_request_id=${ids.join(',')}&status=open&service_code=no.match`),
    );
    expect(byId.map((r) => r.service_request_id).sort()).toEqual([...ids].sort());
  });

  it('refuses a window over 90 days, an end before its start, a date it cannot read and an unknown status', async () => {
    for (const query of [
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
      'start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
      'start_date=yesterday',
      'status=pending',
    ]) {
      const response = await get(`/requests.xml?${query}`);
      expect(response.status, query).toBe(400);
      expect((await parsedXml(response)).errors.error[0].code).toBe('400');
    }
  });

  it('gives one request by id in both formats, and a 404 for an unknown one', async () => {
    const [first] = await json<Open311Request[]>(await get('/requests.json'));
    const one = await json<Open311Request[]>(await get(`/requests/${first!.service_request_id}.json`));
    expect(one).toEqual([first]);
    const fromXml = (await parsedXml(await get(`/requests/${first!.service_request_id.toLowerCase()}.xml`)))
      .service_requests.request;
    expect(fromXml[0].service_request_id).toBe(first!.service_request_id);
    expect(fromXml[0].status).toBe(first!.status);
    expect((await get('/requests/WF-19990101-0001.json')).status).toBe(404);
  });

  it('shows nothing a person wrote: no description, address, name, phone or point, only the grid and its centre', async () => {
    const fields = neighbourReport({ description: '我是3号楼张阿姨，电话13900001111，楼上每晚装修' });
    const [receipt] = await json<{ service_request_id: string }[]>(await post('/requests.json', fields));
    const id = receipt!.service_request_id;
    for (const answer of [
      await (await get(`/requests/${id}.json`)).text(),
      await (await get(`/requests/${id}.xml`)).text(),
      await (await get(`/requests.json?service_request_id=${id}`)).text(),
    ]) {
      for (const personal of [
        '张阿姨',
        '13900001111',
        '13800138000',
        '李女士',
        '女士',
        '5号楼',
        inQiaobei.lat,
        inQiaobei.long,
        'li@example.cn',
      ]) {
        expect(answer, personal).not.toContain(personal);
      }
    }
    const [request] = await json<Open311Request[]>(await get(`/requests/${id}.json`));
    const grid = server.db
      .prepare(
        'SELECT g.centroid_lat, g.centroid_lng, g.name FROM cases c JOIN grids g ON g.id = c.grid_id WHERE c.ticket = ?',
      )
      .get(id) as { centroid_lat: number; centroid_lng: number; name: string };
    expect(request).toMatchObject({ lat: grid.centroid_lat, long: grid.centroid_lng, agency_responsible: grid.name });
    expect(request!.description).toBeUndefined();
    expect(request!.media_url).toBeUndefined();
  });

  it('gives status_notes from public notes only, and only to the holder of the tracking token', async () => {
    const [receipt] = await json<{ service_request_id: string; token: string }[]>(
      await post('/requests.json', neighbourReport()),
    );
    const row = server.db
      .prepare('SELECT id, version FROM cases WHERE ticket = ?')
      .get(receipt!.service_request_id) as {
      id: string;
      version: number;
    };
    const admin = createGridkitClient({ baseUrl: server.apiUrl, token: 'demo-admin-community-qiaobei' });
    await admin.cases.transition(
      row.id,
      { action: 'accept', note: '内部：上次调解未成', publicNote: '已受理，网格员明天上门协调' },
      { version: row.version },
    );
    const anyone = (await json<Open311Request[]>(await get(`/requests/${receipt!.service_request_id}.json`)))[0]!;
    expect(anyone.status_notes).toBe('已受理');
    const owner = (
      await json<Open311Request[]>(
        await get(`/requests/${receipt!.service_request_id}.json`, {
          'X-Tracking-Token': receipt!.token.toLowerCase(),
        }),
      )
    )[0]!;
    expect(owner.status_notes).toBe('已受理，网格员明天上门协调');
    const bodies = [JSON.stringify(anyone), JSON.stringify(owner)];
    expect(bodies.join()).not.toContain('内部');
  });
});

describe('tokens and jurisdictions', () => {
  it('trades the token a report returned, typed in any form, for its request id; an unknown token is a 404', async () => {
    const [receipt] = await json<{ service_request_id: string; token: string }[]>(
      await post('/requests.json', neighbourReport()),
    );
    const typed = receipt!.token.toLowerCase().replaceAll('-', ' ');
    const answer = await json(await get(`/tokens/${encodeURIComponent(typed)}.json`));
    expect(answer).toEqual([{ service_request_id: receipt!.service_request_id, token: receipt!.token }]);
    const fromXml = (await parsedXml(await get(`/tokens/${receipt!.token}.xml`))).service_requests.request[0];
    expect(fromXml.service_request_id).toBe(receipt!.service_request_id);
    expect((await get('/tokens/AAAA-BBBB-CCCC.json')).status).toBe(404);
  });

  it('serves its own jurisdiction by id or code, and refuses another with a 404', async () => {
    const root = server.db.prepare('SELECT id, code FROM grids WHERE parent_id IS NULL').get() as {
      id: string;
      code: string;
    };
    expect((await get(`/services.json?jurisdiction_id=${root.id}`)).status).toBe(200);
    expect((await get(`/services.json?jurisdiction_id=${root.code}`)).status).toBe(200);
    const other = await get('/services.json?jurisdiction_id=city.gov');
    expect(other.status).toBe(404);
    expect(await json(other)).toEqual([{ code: 404, description: expect.stringContaining('city.gov') }]);
  });

  it('answers what is not a resource of the spec with its error body: an unknown path, format or method', async () => {
    expect((await get('/requests.csv')).status).toBe(404);
    expect((await get('/service_list.json')).status).toBe(404);
    const put = await fetch(`${base}/services.json`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    expect(await json(put)).toEqual([{ code: 405, description: expect.any(String) }]);
  });
});

describe('the SDK’s Open311 client', () => {
  it('reads services, definitions, requests and tokens from an endpoint, as a vendor would from another city', async () => {
    const city = createOpen311Client({ baseUrl: base, locale: 'en' });
    const services = await city.services();
    expect(services.length).toBe(server.db.prepare('SELECT count(*) FROM categories').pluck().get());
    expect((await city.serviceDefinition('env.garbage')).attributes[0]!.code).toBe('garbage_type');
    const closed = await city.requests({ status: ['closed'], serviceCode: 'env.garbage' });
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.status === 'closed' && r.service_code === 'env.garbage')).toBe(true);
    const one = await city.request(closed[0]!.service_request_id);
    expect(one?.service_request_id).toBe(closed[0]!.service_request_id);
    expect(await city.request('WF-19990101-0001')).toBeUndefined();
    await expect(
      city.requests({ startDate: '2026-01-01T00:00:00Z', endDate: '2026-12-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      name: 'Open311ResponseError',
      status: 400,
    });
  });
});

describe('limits', () => {
  it('counts Open311 reads against the address’s public reads: a 429 in the spec’s error shape, with Retry-After', async () => {
    const limited = await startServer({
      port: 0,
      seed: 'demo',
      readRateLimit: { public: { perMinute: 60, burst: 3 } },
      log: () => {},
    });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await fetch(`${limited.url}/open311/v2/services.xml`);
        statuses.push(last.status);
        if (last.status !== 429) await last.text();
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await parsedXml(last!)).errors.error[0].code).toBe('429');
    } finally {
      await limited.close();
    }
  });
});
