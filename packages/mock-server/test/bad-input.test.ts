/**
 * Bad input of every kind on every write endpoint: each request below differs
 * from a request the server accepts (the "control" of its table) by one
 * defect, and must come back as an RFC 9457 problem naming the defect, with
 * nothing stored — no row in any table, no case or notice changed, and no
 * successful outcome recorded under an Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import type { CaseAction, Problem } from '@gridkit/sdk';
import { png } from '@gridkit/sdk/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';
import { expectProblem } from './support/problems.js';

// ---------------------------------------------------------------- helpers

const imageBlob = (bytes: Uint8Array, type = 'image/png') => new Blob([new Uint8Array(bytes)], { type });

/** Everything a rejected request must leave untouched. */
function snapshot(h: Harness) {
  return {
    counts: Object.fromEntries(
      ['cases', 'case_events', 'notices', 'service_logs', 'media', 'ticket_sequences'].map((t) => [t, h.count(t)]),
    ),
    // A rejected request may have its problem recorded under its key (the contract replays 4xx outcomes),
    // but never a successful outcome.
    successfulKeys: h.db.prepare('SELECT COUNT(*) FROM idempotency_keys WHERE status < 400').pluck().get(),
    cases: h.db
      .prepare(
        `SELECT id, status, level, version, assignee, updated_at, accepted_at, closed_at, reopen_count,
           evaluation_score, evaluation_comment, evaluated_at FROM cases ORDER BY id`,
      )
      .all(),
    notices: h.db.prepare('SELECT id, retired_at, retire_reason FROM notices ORDER BY id').all(),
  };
}

/**
 * HTTP header names are case-insensitive, so the table rows accept `/header/if-match` for
 * `/header/If-Match`; the contract's own spelling is checked once, in its own test below.
 */
const headerInsensitive = (path: string) => (path.startsWith('/header/') ? path.toLowerCase() : path);

interface Expected {
  status: number;
  slug: string;
  /** JSON pointers that must each be named by an issue in `errors[]`. */
  paths?: string[];
  /** For 422: pointer → the issue's `code`. */
  codes?: Record<string, string>;
}

/** Status, media type, problem type, requestId = X-Request-Id; returns the problem. */
function expectIssues(problem: Problem, expected: Expected): void {
  const issues = problem.errors ?? [];
  for (const path of expected.paths ?? []) {
    expect(
      issues.map((issue) => headerInsensitive(issue.path)),
      `errors[] should name ${path}`,
    ).toContain(headerInsensitive(path));
  }
  for (const [path, code] of Object.entries(expected.codes ?? {})) {
    expect(issues, `errors[] should hold ${code} at ${path}`).toContainEqual(expect.objectContaining({ path, code }));
  }
  if (expected.status === 400 || expected.status === 422) {
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(typeof issue.message).toBe('string');
  }
}

// ---------------------------------------------------------------- the world each test starts from

interface World {
  h: Harness;
  /** A fresh report, `submitted`, version 1, in G1. */
  submitted: { id: string; ticket: string };
  /** A report taken all the way to `closed`, not evaluated. */
  closed: { id: string; ticket: string; trackingToken: string };
  /** A current notice on G1's board, posted by worker-g1. */
  noticeId: string;
  /** An uploaded PNG. */
  mediaId: string;
}

const assignee = { type: 'unit' as const, id: 'unit-env', name: '一街道环卫所' };

async function advance(h: Harness, caseId: string, actions: CaseAction[]): Promise<void> {
  const admin = h.client(tokens.adminD);
  // Verifying and reopening a resolution are for someone independent of the work (核查).
  const supervisor = h.client(tokens.supervisorD);
  for (const action of actions) {
    const current = await admin.cases.get(caseId);
    await (action === 'verify' || action === 'reopen' ? supervisor : admin).cases.transition(
      caseId,
      { action, ...(action === 'dispatch' ? { assignee } : {}), ...(action === 'reopen' ? { note: '返工' } : {}) },
      { version: current.version },
    );
  }
}

async function createWorld(): Promise<World> {
  const h = createHarness();
  const submitted = await h.client().cases.create(report());
  const closed = await h.client().cases.create(report({ description: '路灯不亮' }));
  await advance(h, closed.id, ['accept', 'dispatch', 'start', 'resolve', 'verify']);
  const notice = await h
    .client(tokens.workerG1)
    .notices.create('G1', { title: '停水通知', body: '3月12日9:00–12:00停水。', kind: 'announcement' });
  const media = await h.client().media.upload(imageBlob(png(4, 3)), { filename: 'photo.png' });
  return {
    h,
    submitted: { id: submitted.id, ticket: submitted.ticket },
    closed: { id: closed.id, ticket: closed.ticket, trackingToken: closed.trackingToken },
    noticeId: notice.id,
    mediaId: media.id,
  };
}

let w: World;
beforeEach(async () => {
  w = await createWorld();
});
afterEach(() => {
  expect(w.h.contractBreaks).toEqual([]);
});

// ---------------------------------------------------------------- table-driven JSON endpoints

type Json = Record<string, unknown>;
type Mutation = (body: Json) => unknown;

const clone = (body: Json): Json => structuredClone(body);

/** Sets `value` at a slash-separated path inside the body (creating objects on the way). */
const set =
  (path: string, value: unknown): Mutation =>
  (body) => {
    const copy = clone(body);
    const keys = path.split('/');
    let target: Json = copy;
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Json;
    }
    target[keys.at(-1)!] = value;
    return copy;
  };

/** Removes the property at a slash-separated path. */
const drop =
  (path: string): Mutation =>
  (body) => {
    const copy = clone(body);
    const keys = path.split('/');
    let target = copy;
    for (const key of keys.slice(0, -1)) target = target[key] as Json;
    delete target[keys.at(-1)!];
    return copy;
  };

/** Replaces the whole body. */
const replace =
  (value: unknown): Mutation =>
  () =>
    value;

interface BadRequest extends Expected {
  name: string;
  /** How the body differs from the endpoint's valid one. */
  body?: Mutation;
  /** A body sent verbatim instead (malformed JSON). */
  raw?: string;
  /** `null`: send the body without any Content-Type. */
  contentType?: string | null;
  /** Header overrides; `null` removes one of the endpoint's headers. */
  headers?: Record<string, string | null>;
  /** `null`: no Authorization at all. */
  token?: string | null;
  path?: (w: World) => string;
  /** Actions applied to `w.submitted` before the request (transitionCase). */
  before?: CaseAction[];
}

interface Endpoint {
  operationId: string;
  path: (w: World) => string;
  token?: string;
  headers: (w: World) => Record<string, string>;
  valid: (w: World) => Json;
  success: number;
}

async function send(endpoint: Endpoint, row: BadRequest): Promise<Response> {
  const headers = new Headers();
  for (const [name, value] of Object.entries({ ...endpoint.headers(w), ...row.headers })) {
    if (value !== null) headers.set(name, value);
  }
  const text = row.raw ?? JSON.stringify(row.body ? row.body(endpoint.valid(w)) : endpoint.valid(w));
  let body: BodyInit = text;
  if (row.contentType === null) body = new TextEncoder().encode(text);
  else headers.set('Content-Type', row.contentType ?? 'application/json');
  const token = row.token === undefined ? endpoint.token : (row.token ?? undefined);
  return w.h.request((row.path ?? endpoint.path)(w), { method: 'POST', headers, body, token });
}

const padding = 'x'.repeat(300 * 1024);

/** Defects every JSON write endpoint must refuse the same way. */
function commonRows(options: { bodyOptional?: boolean } = {}): BadRequest[] {
  return [
    { name: 'malformed JSON', raw: '{"title": "停水', status: 400, slug: 'validation-failed', paths: ['/body'] },
    { name: 'JSON with a trailing comma', raw: '{"a": 1,}', status: 400, slug: 'validation-failed', paths: ['/body'] },
    ...(options.bodyOptional
      ? []
      : [{ name: 'an empty body', raw: '', status: 400, slug: 'validation-failed', paths: ['/body'] }]),
    { name: 'a JSON array', body: replace([]), status: 400, slug: 'validation-failed', paths: ['/body'] },
    { name: 'a JSON number', body: replace(42), status: 400, slug: 'validation-failed', paths: ['/body'] },
    { name: 'JSON null', body: replace(null), status: 400, slug: 'validation-failed', paths: ['/body'] },
    { name: 'a JSON string', body: replace('text'), status: 400, slug: 'validation-failed', paths: ['/body'] },
    {
      name: 'an unknown extra property',
      body: (b) => ({ ...b, unexpected: true }),
      status: 400,
      slug: 'validation-failed',
      paths: ['/body/unexpected'],
    },
    { name: 'Content-Type text/plain', contentType: 'text/plain', status: 415, slug: 'unsupported-media-type' },
    {
      name: 'Content-Type application/x-www-form-urlencoded',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      slug: 'unsupported-media-type',
    },
    { name: 'no Content-Type', contentType: null, status: 415, slug: 'unsupported-media-type' },
    {
      name: 'a body over the size limit (declared Content-Length)',
      raw: JSON.stringify({ padding }),
      headers: { 'Content-Length': String(Buffer.byteLength(JSON.stringify({ padding }))) },
      status: 413,
      slug: 'payload-too-large',
    },
  ];
}

function table(endpoint: Endpoint, rows: BadRequest[]): void {
  describe(endpoint.operationId, () => {
    it(`control: the valid request is accepted (${endpoint.success}) and stores something`, async () => {
      const before = snapshot(w.h);
      const response = await send(endpoint, { name: 'valid', status: endpoint.success, slug: '' });
      expect(response.status, await response.clone().text()).toBe(endpoint.success);
      expect(snapshot(w.h)).not.toEqual(before);
    });

    it.each(rows)('$name → $status $slug, nothing stored', async (row) => {
      if (row.before) await advance(w.h, w.submitted.id, row.before);
      const before = snapshot(w.h);
      const response = await send(endpoint, row);
      const problem = await expectProblem(response, row.status, row.slug);
      expect(snapshot(w.h)).toEqual(before);
      expectIssues(problem, row);
    });
  });
}

const unprocessable = (name: string, body: Mutation, codes: Record<string, string>): BadRequest => ({
  name,
  body,
  status: 422,
  slug: 'unprocessable',
  codes,
});

const invalid = (name: string, body: Mutation, ...paths: string[]): BadRequest => ({
  name,
  body,
  status: 400,
  slug: 'validation-failed',
  paths,
});

// ---------------------------------------------------------------- createCase

const manhole = (w: World): Json => ({
  gridId: 'G1',
  categoryCode: 'road.manhole',
  description: '人行道井盖破损，有行人绊倒风险',
  location: { address: '一社区 5 号楼北侧人行道', point: { lat: 36.0995, lng: 114.3522 } },
  mediaIds: [w.mediaId],
  attributes: { damage: 'broken' },
  reporter: { name: '李女士', phone: '13800138000' },
  channel: 'kiosk',
});

const createCase: Endpoint = {
  operationId: 'createCase',
  path: () => '/cases',
  headers: () => ({ 'Idempotency-Key': randomUUID() }),
  valid: () => report({ reporter: { name: '李女士', phone: '0372-5123456' }, channel: 'web' }),
  success: 201,
};

/** A manhole report (photo + coordinates + required attribute) with one thing changed. */
const onManhole =
  (mutation: Mutation): Mutation =>
  () =>
    mutation(manhole(w));

table(createCase, [
  ...commonRows(),
  {
    name: 'no Idempotency-Key',
    headers: { 'Idempotency-Key': null },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  {
    name: 'an Idempotency-Key shorter than 8 characters',
    headers: { 'Idempotency-Key': 'k-1234' },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  {
    name: 'an Idempotency-Key longer than 255 characters',
    headers: { 'Idempotency-Key': 'k'.repeat(256) },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  {
    name: 'an Idempotency-Key with a space',
    headers: { 'Idempotency-Key': 'my key 12345' },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  {
    name: 'an invalid bearer token',
    token: 'not-a-token',
    status: 401,
    slug: 'unauthenticated',
  },
  invalid('missing gridId', drop('gridId'), '/body/gridId'),
  invalid('missing categoryCode', drop('categoryCode'), '/body/categoryCode'),
  invalid('missing description', drop('description'), '/body/description'),
  invalid('missing location', drop('location'), '/body/location'),
  invalid('missing location.address', drop('location/address'), '/body/location/address'),
  invalid('point without lng', set('location/point', { lat: 36.1 }), '/body/location/point/lng'),
  invalid('gridId a number', set('gridId', 7), '/body/gridId'),
  invalid('categoryCode a number', set('categoryCode', 7), '/body/categoryCode'),
  invalid('description a boolean', set('description', true), '/body/description'),
  invalid('location a string', set('location', '一社区'), '/body/location'),
  invalid('location.address a number', set('location/address', 3), '/body/location/address'),
  invalid('location.point a string', set('location/point', '36.1,114.3'), '/body/location/point'),
  invalid('lat a string', set('location/point', { lat: '36.1', lng: 114.3 }), '/body/location/point/lat'),
  invalid('mediaIds a string', set('mediaIds', 'med_1'), '/body/mediaIds'),
  invalid('mediaIds holding a number', set('mediaIds', [1]), '/body/mediaIds/0'),
  invalid('attributes an array', set('attributes', ['broken']), '/body/attributes'),
  invalid(
    'an attribute answer that is an object',
    set('attributes', { households: {} }),
    '/body/attributes/households',
  ),
  invalid('reporter a string', set('reporter', '李女士'), '/body/reporter'),
  invalid('reporter.phone a number', set('reporter/phone', 13800138000), '/body/reporter/phone'),
  invalid('channel a number', set('channel', 1), '/body/channel'),
  invalid('gridId empty', set('gridId', ''), '/body/gridId'),
  invalid('description empty', set('description', ''), '/body/description'),
  invalid('description of 2001 characters', set('description', '满'.repeat(2001)), '/body/description'),
  invalid('address empty', set('location/address', ''), '/body/location/address'),
  invalid('address of 201 characters', set('location/address', '路'.repeat(201)), '/body/location/address'),
  invalid('reporter.name empty', set('reporter/name', ''), '/body/reporter/name'),
  invalid('reporter.name of 51 characters', set('reporter/name', '李'.repeat(51)), '/body/reporter/name'),
  invalid(
    'an attribute answer of 2001 characters',
    set('attributes', { note: 'x'.repeat(2001) }),
    '/body/attributes/note',
  ),
  invalid('categoryCode not lower-case dotted', set('categoryCode', 'Env.Garbage'), '/body/categoryCode'),
  invalid('categoryCode of 65 characters', set('categoryCode', `env.${'g'.repeat(61)}`), '/body/categoryCode'),
  invalid('reporter.phone with letters', set('reporter/phone', 'call me'), '/body/reporter/phone'),
  invalid('an attribute code with upper case and dashes', set('attributes', { 'Bad-Key': 'x' }), '/body/attributes'),
  invalid('channel unknown', set('channel', 'fax'), '/body/channel'),
  invalid('lat 90.5', set('location/point', { lat: 90.5, lng: 114.3 }), '/body/location/point/lat'),
  invalid('lat -91', set('location/point', { lat: -91, lng: 114.3 }), '/body/location/point/lat'),
  invalid('lng 180.5', set('location/point', { lat: 36.1, lng: 180.5 }), '/body/location/point/lng'),
  invalid(
    'ten mediaIds',
    set(
      'mediaIds',
      Array.from({ length: 10 }, (_, i) => `med_${i}`),
    ),
    '/body/mediaIds',
  ),
  invalid('the same mediaId twice', set('mediaIds', ['med_1', 'med_1']), '/body/mediaIds'),
  invalid(
    '51 attributes',
    set('attributes', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, 'x']))),
    '/body/attributes',
  ),
  invalid('an unknown property in location', set('location/floor', 3), '/body/location/floor'),
  invalid(
    'an unknown property in point',
    set('location/point', { lat: 36.1, lng: 114.3, alt: 80 }),
    '/body/location/point/alt',
  ),
  invalid('an unknown property in reporter', set('reporter/email', 'li@example.com'), '/body/reporter/email'),
  invalid(
    'four defects at once: every one is listed',
    (b) => ({ ...b, description: '', location: { address: '' }, channel: 'fax', extra: 1 }),
    '/body/description',
    '/body/location/address',
    '/body/channel',
    '/body/extra',
  ),
  unprocessable('an unknown grid', set('gridId', 'G404'), { '/body/gridId': 'unknown_grid' }),
  unprocessable('an unknown category', set('categoryCode', 'env.rubbish'), {
    '/body/categoryCode': 'unknown_category',
  }),
  unprocessable(
    'an unknown grid and an unknown category',
    (b) => ({ ...b, gridId: 'G404', categoryCode: 'env.rubbish' }),
    {
      '/body/gridId': 'unknown_grid',
      '/body/categoryCode': 'unknown_category',
    },
  ),
  unprocessable('road.manhole without a photo', onManhole(drop('mediaIds')), { '/body/mediaIds': 'photo_required' }),
  unprocessable('road.manhole with an empty mediaIds', onManhole(set('mediaIds', [])), {
    '/body/mediaIds': 'photo_required',
  }),
  unprocessable('road.manhole without coordinates', onManhole(drop('location/point')), {
    '/body/location/point': 'location_required',
  }),
  unprocessable('road.manhole without the required attribute', onManhole(drop('attributes')), {
    '/body/attributes/damage': 'attribute_required',
  }),
  unprocessable(
    'road.manhole with an option that does not exist',
    onManhole(set('attributes', { damage: 'cracked' })),
    {
      '/body/attributes/damage': 'attribute_invalid',
    },
  ),
  unprocessable(
    'road.manhole with an unknown attribute',
    onManhole(set('attributes', { damage: 'broken', colour: 'red' })),
    {
      '/body/attributes/colour': 'unknown_attribute',
    },
  ),
  unprocessable(
    'road.manhole missing photo, coordinates and attribute: three issues',
    onManhole((b) => ({ ...(drop('mediaIds')(b) as Json), location: { address: '5 号楼' }, attributes: {} })),
    {
      '/body/mediaIds': 'photo_required',
      '/body/location/point': 'location_required',
      '/body/attributes/damage': 'attribute_required',
    },
  ),
  unprocessable(
    'a number attribute answered with text',
    (b) => ({ ...b, categoryCode: 'dispute.neighbour', attributes: { households: '两户' } }),
    { '/body/attributes/households': 'attribute_invalid' },
  ),
  unprocessable('an attribute the category does not have', set('attributes', { colour: 'green' }), {
    '/body/attributes/colour': 'unknown_attribute',
  }),
  unprocessable('a media id that does not exist', set('mediaIds', ['med_doesnotexist']), {
    '/body/mediaIds/0': 'unknown_media',
  }),
  unprocessable('a known and an unknown media id', (b) => ({ ...b, mediaIds: [w.mediaId, 'med_doesnotexist'] }), {
    '/body/mediaIds/1': 'unknown_media',
  }),
  unprocessable('an anonymous caller claiming the grid_worker channel', set('channel', 'grid_worker'), {
    '/body/channel': 'channel_not_allowed',
  }),
]);

describe('createCase: the manhole control', () => {
  it('a complete road.manhole report (photo, coordinates, attribute) is accepted', async () => {
    const response = await w.h.request('/cases', {
      method: 'POST',
      headers: { 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(manhole(w)),
    });
    expect(response.status, await response.clone().text()).toBe(201);
  });
});

// ---------------------------------------------------------------- transitionCase

const version = (caseId: string) =>
  w.h.db.prepare('SELECT version FROM cases WHERE id = ?').pluck().get(caseId) as number;

const transitionCase: Endpoint = {
  operationId: 'transitionCase',
  path: (w) => `/cases/${w.submitted.id}/transitions`,
  token: tokens.workerG1,
  headers: (w) => ({ 'If-Match': `"${version(w.submitted.id)}"` }),
  valid: () => ({ action: 'accept', note: '现场核实中', publicNote: '已受理。' }),
  success: 200,
};

table(transitionCase, [
  ...commonRows(),
  {
    name: 'no If-Match',
    headers: { 'If-Match': null },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/If-Match'],
  },
  ...['1', 'abc', 'W/"1"', '"0"', '"1", "2"'].map((value): BadRequest => ({
    name: `If-Match ${value}`,
    headers: { 'If-Match': value },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/If-Match'],
  })),
  { name: 'a stale If-Match', headers: { 'If-Match': '"2"' }, status: 412, slug: 'stale-version' },
  {
    name: 'an Idempotency-Key shorter than 8 characters',
    headers: { 'Idempotency-Key': 'short' },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  { name: 'no bearer token', token: null, status: 401, slug: 'unauthenticated' },
  { name: 'a worker of another grid', token: tokens.workerG3, status: 403, slug: 'forbidden' },
  {
    name: 'an unknown case',
    path: () => '/cases/cas_doesnotexist/transitions',
    headers: { 'If-Match': '"1"' },
    status: 404,
    slug: 'not-found',
  },
  invalid('missing action', drop('action'), '/body/action'),
  invalid('action unknown', set('action', 'close'), '/body/action'),
  invalid('action a number', set('action', 3), '/body/action'),
  invalid('note empty', set('note', ''), '/body/note'),
  invalid('note of 2001 characters', set('note', '注'.repeat(2001)), '/body/note'),
  invalid('publicNote empty', set('publicNote', ''), '/body/publicNote'),
  invalid('publicNote of 501 characters', set('publicNote', '公'.repeat(501)), '/body/publicNote'),
  invalid('publicNote a number', set('publicNote', 5), '/body/publicNote'),
  invalid('assignee a string', set('assignee', 'unit-env'), '/body/assignee'),
  invalid('assignee type unknown', set('assignee', { ...assignee, type: 'team' }), '/body/assignee/type'),
  invalid('assignee without id', set('assignee', { type: 'unit', name: '环卫所' }), '/body/assignee/id'),
  invalid('assignee name empty', set('assignee', { ...assignee, name: '' }), '/body/assignee/name'),
  invalid(
    'assignee name of 101 characters',
    set('assignee', { ...assignee, name: '所'.repeat(101) }),
    '/body/assignee/name',
  ),
  invalid('an unknown property in assignee', set('assignee', { ...assignee, phone: '110' }), '/body/assignee/phone'),
  invalid(
    'ten mediaIds',
    set(
      'mediaIds',
      Array.from({ length: 10 }, (_, i) => `med_${i}`),
    ),
    '/body/mediaIds',
  ),
  invalid('the same mediaId twice', set('mediaIds', ['med_1', 'med_1']), '/body/mediaIds'),
  invalid('a status in the body', set('status', 'closed'), '/body/status'),
  invalid('a version in the body', set('version', 9), '/body/version'),
  {
    name: 'three defects at once (If-Match, action, note): every one is listed',
    headers: { 'If-Match': null },
    body: (b) => ({ ...b, action: 'close', note: '' }),
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/If-Match', '/body/action', '/body/note'],
  },
  {
    name: 'an action not allowed from submitted (verify)',
    body: replace({ action: 'verify' }),
    // A supervisor's: the worker's verify would be 403 whatever the state (independent verification).
    token: tokens.supervisorD,
    status: 409,
    slug: 'invalid-transition',
  },
  unprocessable('reject without publicNote', replace({ action: 'reject', note: '重复上报' }), {
    '/body/publicNote': 'public_note_required',
  }),
  {
    ...unprocessable('dispatch without assignee', replace({ action: 'dispatch' }), {
      '/body/assignee': 'assignee_required',
    }),
    before: ['accept'],
  },
  {
    ...unprocessable('escalate without note', replace({ action: 'escalate' }), { '/body/note': 'note_required' }),
    before: ['accept'],
  },
  {
    ...unprocessable('reopen without note', replace({ action: 'reopen', publicNote: '返工' }), {
      '/body/note': 'note_required',
    }),
    token: tokens.supervisorD,
    before: ['accept', 'dispatch', 'start', 'resolve'],
  },
  unprocessable('a media id that does not exist', set('mediaIds', ['med_doesnotexist']), {
    '/body/mediaIds/0': 'unknown_media',
  }),
]);

describe('transitionCase: what a rejected transition leaves', () => {
  it('a stale If-Match is 412 with the current version as ETag, and the case is unchanged', async () => {
    await advance(w.h, w.submitted.id, ['accept']);
    const before = snapshot(w.h);
    const response = await w.h.request(`/cases/${w.submitted.id}/transitions`, {
      method: 'POST',
      token: tokens.workerG1,
      headers: { 'If-Match': '"1"' },
      body: JSON.stringify({ action: 'dispatch', assignee }),
    });
    await expectProblem(response, 412, 'stale-version');
    expect(response.headers.get('ETag')).toBe('"2"');
    expect(snapshot(w.h)).toEqual(before);
    const current = await w.h.client(tokens.adminD).cases.get(w.submitted.id);
    expect(current).toMatchObject({ status: 'accepted', version: 2, assignee: null });
    const events = await w.h.client(tokens.adminD).cases.events(w.submitted.id);
    expect(events.items.map((e) => e.type)).toEqual(['created', 'accept']);
  });
});

// ---------------------------------------------------------------- evaluateCase

const evaluateCase: Endpoint = {
  operationId: 'evaluateCase',
  path: (w) => `/tickets/${w.closed.ticket}/evaluation`,
  headers: () => ({}),
  valid: (w) => ({ trackingToken: w.closed.trackingToken, score: 5, comment: '处理及时，点赞！' }),
  success: 201,
};

table(evaluateCase, [
  ...commonRows(),
  {
    name: 'a lower-case ticket',
    path: (w) => `/tickets/${w.closed.ticket.toLowerCase()}/evaluation`,
    status: 400,
    slug: 'validation-failed',
    paths: ['/path/ticket'],
  },
  {
    name: 'a ticket with a 7-digit date',
    path: () => '/tickets/TS-2026031-0001/evaluation',
    status: 400,
    slug: 'validation-failed',
    paths: ['/path/ticket'],
  },
  {
    name: 'a ticket with a 3-digit sequence',
    path: () => '/tickets/TS-20260310-001/evaluation',
    status: 400,
    slug: 'validation-failed',
    paths: ['/path/ticket'],
  },
  {
    name: 'an unknown ticket',
    path: () => '/tickets/TS-20260310-9999/evaluation',
    status: 404,
    slug: 'not-found',
  },
  {
    name: 'an Idempotency-Key shorter than 8 characters',
    headers: { 'Idempotency-Key': 'short' },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  invalid('missing trackingToken', drop('trackingToken'), '/body/trackingToken'),
  invalid('missing score', drop('score'), '/body/score'),
  invalid('score 0', set('score', 0), '/body/score'),
  invalid('score 6', set('score', 6), '/body/score'),
  invalid('score 4.5', set('score', 4.5), '/body/score'),
  invalid('score "5"', set('score', '5'), '/body/score'),
  invalid('score null', set('score', null), '/body/score'),
  invalid('trackingToken empty', set('trackingToken', ''), '/body/trackingToken'),
  invalid('trackingToken of 201 characters', set('trackingToken', 't'.repeat(201)), '/body/trackingToken'),
  invalid('trackingToken a number', set('trackingToken', 12345), '/body/trackingToken'),
  invalid('comment of 501 characters', set('comment', '好'.repeat(501)), '/body/comment'),
  invalid('comment a number', set('comment', 5), '/body/comment'),
  {
    name: 'a wrong tracking token',
    body: set('trackingToken', 'not-the-token'),
    status: 403,
    slug: 'invalid-tracking-token',
  },
]);

// ---------------------------------------------------------------- createNotice

const createNotice: Endpoint = {
  operationId: 'createNotice',
  path: () => '/grids/G1/notices',
  token: tokens.workerG1,
  headers: () => ({}),
  valid: () => ({
    title: '社区义诊',
    body: '3月14日上午在社区广场义诊。',
    kind: 'event',
    pinned: false,
    publishedAt: '2026-03-10T02:00:00Z',
    expiresAt: '2026-03-14T04:00:00Z',
  }),
  success: 201,
};

table(createNotice, [
  ...commonRows(),
  { name: 'no bearer token', token: null, status: 401, slug: 'unauthenticated' },
  { name: 'a worker of another grid', token: tokens.workerG3, status: 403, slug: 'forbidden' },
  { name: 'an unknown grid', path: () => '/grids/G404/notices', status: 404, slug: 'not-found' },
  {
    name: 'an Idempotency-Key longer than 255 characters',
    headers: { 'Idempotency-Key': 'k'.repeat(256) },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  invalid('missing title', drop('title'), '/body/title'),
  invalid('missing body', drop('body'), '/body/body'),
  invalid('missing kind', drop('kind'), '/body/kind'),
  invalid('title empty', set('title', ''), '/body/title'),
  invalid('title of 121 characters', set('title', '标'.repeat(121)), '/body/title'),
  invalid('body empty', set('body', ''), '/body/body'),
  invalid('body of 5001 characters', set('body', '文'.repeat(5001)), '/body/body'),
  invalid('title a number', set('title', 1), '/body/title'),
  invalid('kind unknown', set('kind', 'news'), '/body/kind'),
  invalid('pinned "yes"', set('pinned', 'yes'), '/body/pinned'),
  invalid('publishedAt not a date-time', set('publishedAt', 'next monday'), '/body/publishedAt'),
  invalid('publishedAt a date only', set('publishedAt', '2026-03-10'), '/body/publishedAt'),
  invalid('publishedAt without an offset', set('publishedAt', '2026-03-10T10:00:00'), '/body/publishedAt'),
  invalid('publishedAt a number', set('publishedAt', 1773108000), '/body/publishedAt'),
  invalid('expiresAt on 30 February', set('expiresAt', '2026-02-30T00:00:00Z'), '/body/expiresAt'),
  invalid('an author in the body', set('author', { id: 'stf_d', name: '刘区' }), '/body/author'),
  invalid('retiredAt in the body', set('retiredAt', '2026-03-10T02:00:00Z'), '/body/retiredAt'),
  unprocessable('expiresAt before publishedAt', set('expiresAt', '2026-03-09T02:00:00Z'), {
    '/body/expiresAt': 'invalid_period',
  }),
  unprocessable('expiresAt equal to publishedAt', set('expiresAt', '2026-03-10T02:00:00Z'), {
    '/body/expiresAt': 'invalid_period',
  }),
  unprocessable(
    'expiresAt in the past with publishedAt defaulting to now',
    (b) => ({ ...(drop('publishedAt')(b) as Json), expiresAt: '2026-03-01T00:00:00Z' }),
    {
      '/body/expiresAt': 'invalid_period',
    },
  ),
]);

// ---------------------------------------------------------------- retireNotice

const retireNotice: Endpoint = {
  operationId: 'retireNotice',
  path: (w) => `/notices/${w.noticeId}/retire`,
  token: tokens.workerG1,
  headers: () => ({}),
  valid: () => ({ reason: '活动改期' }),
  success: 200,
};

table(retireNotice, [
  ...commonRows({ bodyOptional: true }),
  { name: 'no bearer token', token: null, status: 401, slug: 'unauthenticated' },
  { name: 'a worker of another grid', token: tokens.workerG3, status: 403, slug: 'forbidden' },
  { name: 'an unknown notice', path: () => '/notices/ntc_doesnotexist/retire', status: 404, slug: 'not-found' },
  {
    name: 'an Idempotency-Key with a space',
    headers: { 'Idempotency-Key': 'retire key 1' },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  invalid('reason of 501 characters', set('reason', '因'.repeat(501)), '/body/reason'),
  invalid('reason a number', set('reason', 5), '/body/reason'),
  invalid('retiredAt in the body', set('retiredAt', '2026-03-01T00:00:00Z'), '/body/retiredAt'),
]);

describe('retireNotice: the body is optional', () => {
  it('no body at all retires the notice (200)', async () => {
    const response = await w.h.request(`/notices/${w.noticeId}/retire`, { method: 'POST', token: tokens.workerG1 });
    expect(response.status, await response.clone().text()).toBe(200);
    const { retiredAt } = (await response.json()) as { retiredAt: string | null };
    expect(Date.parse(retiredAt ?? '')).toBe(w.h.clock.now.getTime());
  });
});

// ---------------------------------------------------------------- createServiceLog

const createServiceLog: Endpoint = {
  operationId: 'createServiceLog',
  path: () => '/service-logs',
  token: tokens.workerG1,
  headers: () => ({ 'Idempotency-Key': randomUUID() }),
  valid: (w) => ({
    gridId: 'G1',
    occurredAt: '2026-03-10T01:00:00Z',
    kind: 'visit',
    subjectGroups: ['elderly_alone', 'chronically_ill'],
    householdRef: 'G1-3-2-301',
    summary: '入户走访独居老人，检查燃气。',
    minutes: 40,
    outcome: 'case_opened',
    caseId: w.submitted.id,
  }),
  success: 201,
};

table(createServiceLog, [
  ...commonRows(),
  { name: 'no bearer token', token: null, status: 401, slug: 'unauthenticated' },
  { name: 'a grid outside the worker’s jurisdiction', body: set('gridId', 'G3'), status: 403, slug: 'forbidden' },
  {
    name: 'no Idempotency-Key',
    headers: { 'Idempotency-Key': null },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  {
    name: 'an Idempotency-Key shorter than 8 characters',
    headers: { 'Idempotency-Key': '1234567' },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  ...['gridId', 'occurredAt', 'kind', 'subjectGroups', 'summary', 'minutes', 'outcome'].map((field) =>
    invalid(`missing ${field}`, drop(field), `/body/${field}`),
  ),
  invalid('occurredAt not a date-time', set('occurredAt', 'yesterday'), '/body/occurredAt'),
  invalid('occurredAt a date only', set('occurredAt', '2026-03-10'), '/body/occurredAt'),
  invalid('occurredAt without an offset', set('occurredAt', '2026-03-10T09:00:00'), '/body/occurredAt'),
  invalid('occurredAt on 30 February', set('occurredAt', '2026-02-30T01:00:00Z'), '/body/occurredAt'),
  invalid('occurredAt at hour 25', set('occurredAt', '2026-03-09T25:00:00Z'), '/body/occurredAt'),
  invalid('kind unknown', set('kind', 'chat'), '/body/kind'),
  invalid('outcome unknown', set('outcome', 'done'), '/body/outcome'),
  invalid('subjectGroups empty', set('subjectGroups', []), '/body/subjectGroups'),
  invalid('subjectGroups repeated', set('subjectGroups', ['general', 'general']), '/body/subjectGroups'),
  invalid('a subject group unknown', set('subjectGroups', ['general', 'aliens']), '/body/subjectGroups/1'),
  invalid('subjectGroups a string', set('subjectGroups', 'general'), '/body/subjectGroups'),
  invalid('minutes 0', set('minutes', 0), '/body/minutes'),
  invalid('minutes 721', set('minutes', 721), '/body/minutes'),
  invalid('minutes 30.5', set('minutes', 30.5), '/body/minutes'),
  invalid('minutes "30"', set('minutes', '30'), '/body/minutes'),
  invalid('summary empty', set('summary', ''), '/body/summary'),
  invalid('summary of 1001 characters', set('summary', '记'.repeat(1001)), '/body/summary'),
  invalid('householdRef empty', set('householdRef', ''), '/body/householdRef'),
  invalid('householdRef of 65 characters', set('householdRef', 'h'.repeat(65)), '/body/householdRef'),
  invalid('caseId empty', set('caseId', ''), '/body/caseId'),
  invalid('gridId empty', set('gridId', ''), '/body/gridId'),
  invalid('a workerId in the body', set('workerId', 'stf_d'), '/body/workerId'),
  unprocessable('occurredAt an hour in the future', set('occurredAt', '2026-03-10T03:00:00Z'), {
    '/body/occurredAt': 'time_in_future',
  }),
  unprocessable('occurredAt next year', set('occurredAt', '2027-03-10T01:00:00Z'), {
    '/body/occurredAt': 'time_in_future',
  }),
  unprocessable('an unknown grid', set('gridId', 'G404'), { '/body/gridId': 'unknown_grid' }),
  unprocessable('an unknown case', set('caseId', 'cas_doesnotexist'), { '/body/caseId': 'unknown_case' }),
]);

// ---------------------------------------------------------------- uploadMedia (multipart)

interface BadUpload extends Expected {
  name: string;
  body: () => BodyInit;
  headers?: Record<string, string>;
}

const form = (parts: [string, string | Blob, string?][]) => {
  const data = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, value, filename);
  }
  return data;
};

const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const badUploads: BadUpload[] = [
  {
    name: 'PNG bytes sent as text/plain',
    body: () => new Blob([new Uint8Array(png(2, 2))], { type: 'text/plain' }),
    status: 415,
    slug: 'unsupported-media-type',
  },
  {
    name: 'JSON instead of multipart',
    body: () => new Blob(['{"file":"x"}'], { type: 'application/json' }),
    status: 415,
    slug: 'unsupported-media-type',
  },
  {
    name: 'PNG bytes with no Content-Type',
    body: () => new Uint8Array(png(2, 2)),
    status: 415,
    slug: 'unsupported-media-type',
  },
  {
    name: 'a multipart body that does not parse',
    body: () => new Blob(['--nope\r\ngarbage'], { type: 'multipart/form-data; boundary=zzz' }),
    status: 400,
    slug: 'validation-failed',
    paths: ['/body'],
  },
  {
    name: 'no file part',
    body: () => form([['purpose', 'case_report']]),
    status: 400,
    slug: 'validation-failed',
    paths: ['/body/file'],
  },
  {
    name: 'the file part as a text field',
    body: () => form([['file', 'iVBORw0KGgo=']]),
    status: 400,
    slug: 'validation-failed',
    paths: ['/body/file'],
  },
  {
    name: 'an unknown purpose',
    body: () =>
      form([
        ['file', imageBlob(png(2, 2)), 'a.png'],
        ['purpose', 'selfie'],
      ]),
    status: 400,
    slug: 'validation-failed',
    paths: ['/body/purpose'],
  },
  {
    name: 'an Idempotency-Key shorter than 8 characters',
    body: () => form([['file', imageBlob(png(2, 2)), 'a.png']]),
    headers: { 'Idempotency-Key': 'short' },
    status: 400,
    slug: 'validation-failed',
    paths: ['/header/Idempotency-Key'],
  },
  {
    name: 'a text file claiming image/png',
    body: () => form([['file', new Blob(['just some text, not an image'], { type: 'image/png' }), 'a.png']]),
    status: 415,
    slug: 'unsupported-media-type',
  },
  {
    name: 'a GIF',
    body: () => form([['file', imageBlob(GIF_1X1, 'image/gif'), 'a.gif']]),
    status: 415,
    slug: 'unsupported-media-type',
  },
  {
    name: 'an SVG with a script',
    body: () =>
      form([
        [
          'file',
          new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: 'image/png' }),
          'a.png',
        ],
      ]),
    status: 415,
    slug: 'unsupported-media-type',
  },
  {
    name: 'a PNG over 10 MiB',
    body: () => {
      const image = png(2, 2);
      // A valid PNG followed by padding: 10 MiB + 1 byte in all.
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(image);
      return form([['file', imageBlob(big), 'big.png']]);
    },
    status: 413,
    slug: 'payload-too-large',
  },
];

describe('uploadMedia', () => {
  it('control: a valid PNG is accepted (201) and stored', async () => {
    const before = w.h.count('media');
    const response = await w.h.request('/media', {
      method: 'POST',
      body: form([['file', imageBlob(png(2, 2)), 'a.png']]),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(w.h.count('media')).toBe(before + 1);
  });

  it.each(badUploads)('$name → $status $slug, no media stored', async (row) => {
    const before = snapshot(w.h);
    const response = await w.h.request('/media', { method: 'POST', body: row.body(), headers: row.headers });
    const problem = await expectProblem(response, row.status, row.slug);
    expect(snapshot(w.h)).toEqual(before);
    expectIssues(problem, row);
  });
});

// ---------------------------------------------------------------- body size without Content-Length

describe('the body size limit holds without a declared Content-Length', () => {
  it('createCase with a 2 MB chunked body → 413, nothing stored', async () => {
    const body = new TextEncoder().encode(JSON.stringify(report({ description: 'x'.repeat(2 * 1024 * 1024) })));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.length; at += 64 * 1024) controller.enqueue(body.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
    const before = snapshot(w.h);
    const response = await w.h.request('/cases', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.headers.get('Content-Length')).toBeNull();
    await expectProblem(response, 413, 'payload-too-large');
    expect(snapshot(w.h)).toEqual(before);
  });
});

// ---------------------------------------------------------------- limit and other query parameters on lists

interface BadQuery extends Expected {
  name: string;
  path: (w: World) => string;
  token?: string;
}

const lists: [string, (w: World) => string, string?][] = [
  ['listGrids', () => '/grids'],
  ['listCategories', () => '/categories'],
  ['listNotices', () => '/grids/G1/notices'],
  ['listCases', () => '/cases', tokens.adminD],
  ['listCaseEvents', (w) => `/cases/${w.submitted.id}/events`, tokens.adminD],
  ['listServiceLogs', () => '/service-logs', tokens.adminD],
];

const badQueries: BadQuery[] = [
  ...lists.flatMap(([operationId, path, token]) =>
    ['0', '201', '-1', '1.5', 'ten'].map((limit): BadQuery => ({
      name: `${operationId} limit=${limit}`,
      path: (w) => `${path(w)}?limit=${limit}`,
      token,
      status: 400,
      slug: 'validation-failed',
      paths: ['/query/limit'],
    })),
  ),
  {
    name: 'listCases createdFrom=yesterday',
    path: () => '/cases?createdFrom=yesterday',
    token: tokens.adminD,
    status: 400,
    slug: 'validation-failed',
    paths: ['/query/createdFrom'],
  },
  {
    name: 'listCases status=open',
    path: () => '/cases?status=open',
    token: tokens.adminD,
    status: 400,
    slug: 'validation-failed',
    paths: ['/query/status/0'],
  },
  {
    name: 'listServiceLogs occurredTo=2026-03-10 (a date, not a date-time)',
    path: () => '/service-logs?occurredTo=2026-03-10',
    token: tokens.adminD,
    status: 400,
    slug: 'validation-failed',
    paths: ['/query/occurredTo'],
  },
  {
    name: 'getServiceLogSummary month=2026-13',
    path: () => '/service-logs/summary?month=2026-13',
    token: tokens.adminD,
    status: 400,
    slug: 'validation-failed',
    paths: ['/query/month'],
  },
  {
    name: 'getServiceLogSummary without month',
    path: () => '/service-logs/summary',
    token: tokens.adminD,
    status: 400,
    slug: 'validation-failed',
    paths: ['/query/month'],
  },
  {
    name: 'listCategories kind=animal',
    path: () => '/categories?kind=animal',
    status: 400,
    slug: 'validation-failed',
    paths: ['/query/kind'],
  },
];

describe('list parameters', () => {
  it.each(lists)('control: %s accepts limit=1 and limit=200', async (_operationId, path, token) => {
    for (const limit of [1, 200]) {
      const response = await w.h.request(`${path(w)}?limit=${limit}`, { token });
      expect(response.status, await response.clone().text()).toBe(200);
    }
  });

  it.each(badQueries)('$name → 400', async (row) => {
    const response = await w.h.request(row.path(w), { token: row.token });
    const problem = await expectProblem(response, row.status, row.slug);
    expectIssues(problem, row);
  });
});

// ---------------------------------------------------------------- issue codes on 400

describe('400 issues carry the failing JSON Schema keyword as code', () => {
  it('one issue per defect, each with its keyword', async () => {
    const response = await w.h.request('/cases', {
      method: 'POST',
      headers: { 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        categoryCode: 'env.garbage',
        description: '满'.repeat(2001),
        location: { address: '一社区', point: { lat: 91, lng: 'east' } },
        channel: 'fax',
        extra: true,
      }),
    });
    const problem = await expectProblem(response, 400, 'validation-failed');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/body/gridId', code: 'required' }),
        expect.objectContaining({ path: '/body/description', code: 'maxLength' }),
        expect.objectContaining({ path: '/body/location/point/lat', code: 'maximum' }),
        expect.objectContaining({ path: '/body/location/point/lng', code: 'type' }),
        expect.objectContaining({ path: '/body/channel', code: 'enum' }),
        expect.objectContaining({ path: '/body/extra', code: 'additionalProperties' }),
      ]),
    );
  });

  it('malformed JSON has the code malformed', async () => {
    const response = await w.h.request('/cases', {
      method: 'POST',
      headers: { 'Idempotency-Key': randomUUID() },
      body: '{"gridId": "G1",',
    });
    const problem = await expectProblem(response, 400, 'validation-failed');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/body', code: 'malformed' })]);
  });

  it('a query parameter out of range has the code minimum / maximum', async () => {
    const low = await expectProblem(await w.h.request('/grids?limit=0'), 400, 'validation-failed');
    expect(low.errors).toEqual([expect.objectContaining({ path: '/query/limit', code: 'minimum' })]);
    const high = await expectProblem(await w.h.request('/grids?limit=201'), 400, 'validation-failed');
    expect(high.errors).toEqual([expect.objectContaining({ path: '/query/limit', code: 'maximum' })]);
  });
});

describe('issue pointers into headers', () => {
  it('name the header as the contract spells it: /header/If-Match and /header/Idempotency-Key', async () => {
    const response = await w.h.request(`/cases/${w.submitted.id}/transitions`, {
      method: 'POST',
      token: tokens.workerG1,
      headers: { 'Idempotency-Key': 'short' },
      body: JSON.stringify({ action: 'accept' }),
    });
    const problem = await expectProblem(response, 400, 'validation-failed');
    // ValidationIssue.path: "`/header/<name>` (e.g. … `/header/If-Match`)".
    expect(problem.errors?.map((issue) => issue.path).sort()).toEqual(['/header/Idempotency-Key', '/header/If-Match']);
  });
});
