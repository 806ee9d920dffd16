/**
 * Regression tests for the defects an attack on the server found (issue 12):
 * leap-second date-times, malformed percent-escapes in paths, ill-formed
 * Unicode, files left behind by refused uploads, and images claiming absurd
 * dimensions. Each was a 500, a silent change or a leak before its fix.
 * (Oversized and slow bodies: oversized-body.test.ts, with a real process.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Problem } from '@gridkit/sdk';
import { concatBytes, jpeg4x3, png, pngChunk, pngSignature } from '@gridkit/sdk/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseInstant } from '../src/domain/time.js';
import { operations } from '../src/http/contract.js';
import { startServer } from '../src/server.js';
import { openDatabase } from '../src/store/database.js';
import { insertMedia } from '../src/store/media.js';
import { buildFixture, tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';
import { expectProblem } from './support/problems.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => {
  // Every response, problems included, obeyed the contract (no 500 from a broken `instance`).
  expect(h.contractBreaks).toEqual([]);
});

const pathsOf = (problem: Problem) => (problem.errors ?? []).map((issue) => issue.path);

const rowCounts = () =>
  Object.fromEntries(['cases', 'case_events', 'notices', 'service_logs', 'media'].map((t) => [t, h.count(t)]));

// ---------------------------------------------------------------- 2. leap seconds

describe('date-times: one parser, and a leap second is a 400 naming the field', () => {
  it('parseInstant reads RFC 3339 date-times of real calendar days, in UTC or with an offset', () => {
    expect(parseInstant('2026-03-10T02:00:00Z')?.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    expect(parseInstant('2026-03-10t02:00:00.123456z')?.toISOString()).toBe('2026-03-10T02:00:00.123Z');
    expect(parseInstant('2026-03-10T10:00:00+08:00')?.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    expect(parseInstant('2024-02-29T23:59:59-00:30')?.toISOString()).toBe('2024-03-01T00:29:59.000Z');
    expect(parseInstant('0001-01-01T00:00:00Z')?.toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it.each([
    '2016-12-31T23:59:60Z', // a real leap second
    '2026-03-10T02:00:60Z',
    '2026-02-29T00:00:00Z', // not a leap year
    '2026-04-31T00:00:00Z',
    '2026-03-10T24:00:00Z',
    '2026-03-10T02:00:00+24:00',
    '2026-03-10 02:00:00Z', // RFC 3339's grammar has a T
    '2026-03-10T02:00:00', // no offset
    '2026-03-10',
  ])('parseInstant refuses %s', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  const leap = '2016-12-31T23:59:60Z';
  const queries: [operationId: string, parameter: string, path: string][] = [
    ['listCases', 'createdFrom', '/cases'],
    ['listCases', 'createdTo', '/cases'],
    ['exportCases', 'createdFrom', '/exports/cases'],
    ['exportCases', 'createdTo', '/exports/cases'],
    ['listServiceLogs', 'occurredFrom', '/service-logs'],
    ['listServiceLogs', 'occurredTo', '/service-logs'],
  ];

  it('the table below covers every date-time query parameter of the contract', () => {
    const inContract = operations.flatMap((op) =>
      op.parameters
        .filter((p) => p.in === 'query' && p.schema.format === 'date-time')
        .map((p) => `${op.operationId} ${p.name}`),
    );
    expect(inContract.sort()).toEqual(queries.map(([op, name]) => `${op} ${name}`).sort());
  });

  it.each(queries)('%s ?%s=<leap second> → 400 naming the parameter', async (_op, parameter, path) => {
    const response = await h.request(`${path}?${parameter}=${encodeURIComponent(leap)}`, { token: tokens.adminD });
    const problem = await expectProblem(response, 400, 'validation-failed');
    expect(pathsOf(problem)).toEqual([`/query/${parameter}`]);
  });

  it('createServiceLog with occurredAt a leap second → 400 naming /body/occurredAt, nothing stored', async () => {
    const before = rowCounts();
    const response = await h.request('/service-logs', {
      method: 'POST',
      token: tokens.workerG1,
      headers: { 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        gridId: 'G1',
        occurredAt: '2026-03-09T23:59:60Z',
        kind: 'visit',
        subjectGroups: ['elderly_alone'],
        summary: '入户走访',
        minutes: 30,
        outcome: 'resolved',
      }),
    });
    const problem = await expectProblem(response, 400, 'validation-failed');
    expect(pathsOf(problem)).toEqual(['/body/occurredAt']);
    expect(rowCounts()).toEqual(before);
  });

  it.each(['publishedAt', 'expiresAt'])(
    'createNotice with %s a leap second → 400 naming it, nothing stored',
    async (field) => {
      const before = rowCounts();
      const response = await h.request('/grids/G1/notices', {
        method: 'POST',
        token: tokens.workerG1,
        body: JSON.stringify({ title: '停水通知', body: '明日停水。', kind: 'announcement', [field]: leap }),
      });
      const problem = await expectProblem(response, 400, 'validation-failed');
      expect(pathsOf(problem)).toEqual([`/body/${field}`]);
      expect(rowCounts()).toEqual(before);
    },
  );

  it('the same filters with a valid date-time are answered (200)', async () => {
    for (const [, parameter, path] of queries) {
      const response = await h.request(`${path}?${parameter}=2016-12-31T23:59:59Z`, { token: tokens.adminD });
      expect(response.status, await response.clone().text()).toBe(200);
    }
  });
});

// ---------------------------------------------------------------- 3. malformed percent-escapes

describe('a malformed percent-escape in a path parameter is a 400, never a 500', () => {
  const withPathParameters = operations.filter((op) => op.parameters.some((p) => p.in === 'path'));

  it('the contract has operations with path parameters (the table is not empty)', () => {
    expect(withPathParameters.length).toBeGreaterThan(5);
  });

  // %zz is no escape; %ff is no UTF-8; %ED%A0%80 encodes a lone surrogate.
  for (const bad of ['%zz', '%ff', '%ED%A0%80', '%']) {
    describe(`every path parameter set to ${bad}`, () => {
      it.each(withPathParameters.map((op) => [op.operationId, op] as const))(
        '%s → 400 naming it, with a valid instance',
        async (_id, op) => {
          const path = op.path.replace(/\{[^}]+\}/g, bad);
          const before = rowCounts();
          const response = await h.request(path, {
            method: op.method,
            token: op.access === 'public' ? undefined : tokens.adminD,
            ...(op.requestBody?.content['application/json'] ? { body: '{}' } : {}),
          });
          const problem = await expectProblem(response, 400, 'validation-failed');
          for (const parameter of op.parameters.filter((p) => p.in === 'path'))
            expect(pathsOf(problem)).toContain(`/path/${parameter.name}`);
          expect(problem.instance).toBe(`/api/v1${path}`.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
          expect(rowCounts()).toEqual(before);
        },
      );
    });
  }

  it('a valid escape still decodes: /grids/%47%31 is grid G1', async () => {
    const response = await h.request('/grids/%47%31');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe('G1');
  });

  it('a malformed escape in a query parameter → 400 naming it (not U+FFFD)', async () => {
    const problem = await expectProblem(await h.request('/grids?q=%ff'), 400, 'validation-failed');
    expect(pathsOf(problem)).toEqual(['/query/q']);
  });

  it('an unknown path with a malformed escape → 404 whose instance is a URI reference', async () => {
    const problem = await expectProblem(await h.request('/nowhere/%zz'), 404, 'not-found');
    expect(problem.instance).toBe('/api/v1/nowhere/%25zz');
  });
});

// ---------------------------------------------------------------- 4. ill-formed Unicode

describe('ill-formed Unicode is refused naming the field; well-formed text round-trips byte for byte', () => {
  const post = (path: string, body: string | Uint8Array<ArrayBuffer>, token?: string) =>
    h.request(path, {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body,
    });

  it.each([
    ['description', (s: string) => s.replace('"description":"3', '"description":"\\ud800 3'), '/body/description'],
    ['location.address', (s: string) => s.replace('"address":"', '"address":"\\udfff'), '/body/location/address'],
    [
      'a reporter name (low surrogate before high)',
      (s: string) => s.replace(/}$/, ',"reporter":{"name":"王\\udc00\\ud800"}}'),
      '/body/reporter/name',
    ],
  ])('createCase with a lone surrogate in %s → 400 naming it, nothing stored', async (_name, mutate, path) => {
    const before = rowCounts();
    const problem = await expectProblem(
      await post('/cases', mutate(JSON.stringify(report()))),
      400,
      'validation-failed',
    );
    expect(pathsOf(problem)).toContain(path);
    expect(problem.errors?.find((issue) => issue.path === path)?.code).toBe('malformed');
    expect(rowCounts()).toEqual(before);
  });

  it.each([
    ['an array 10,000 deep', '['.repeat(10_000) + ']'.repeat(10_000), '/body'],
    ['objects 10,000 deep', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), '/body'],
  ])('a body of %s → 400 naming where it is too deep, never a stack overflow, nothing stored', async (_n, body) => {
    const before = rowCounts();
    const problem = await expectProblem(await post('/cases', body), 400, 'validation-failed');
    expect(problem.errors?.[0]?.message).toMatch(/nested deeper than 32/);
    expect(problem.errors?.[0]?.path.startsWith('/body')).toBe(true);
    expect(rowCounts()).toEqual(before);
  });

  it('a deep array inside a field → 400 naming the field path, nothing stored', async () => {
    const before = rowCounts();
    const body = JSON.stringify(report()).replace(
      /}$/,
      `,"attributes":{"floor":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`,
    );
    const problem = await expectProblem(await post('/cases', body), 400, 'validation-failed');
    expect(pathsOf(problem).some((path) => path.startsWith('/body/attributes/floor'))).toBe(true);
    expect(rowCounts()).toEqual(before);
  });

  it('a lone surrogate in a property name → 400 naming it', async () => {
    const body = JSON.stringify(report()).replace(/}$/, ',"x\\ud800":1}');
    const problem = await expectProblem(await post('/cases', body), 400, 'validation-failed');
    expect(pathsOf(problem)).toContain('/body/x\ud800');
  });

  it('a staff write (notice title) with a lone surrogate → 400 naming /body/title', async () => {
    const before = rowCounts();
    const body = '{"title":"停水\\ud83d通知","body":"明日停水。","kind":"announcement"}';
    const problem = await expectProblem(
      await post('/grids/G1/notices', body, tokens.workerG1),
      400,
      'validation-failed',
    );
    expect(pathsOf(problem)).toEqual(['/body/title']);
    expect(rowCounts()).toEqual(before);
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a truncated sequence', [0xe4, 0xb8]],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['0xFF', [0xff]],
  ])('a JSON body with %s (invalid UTF-8) → 400 naming /body, nothing stored', async (_name, bytes) => {
    const [start, end] = JSON.stringify(report()).split('垃圾桶') as [string, string];
    const body = new Uint8Array(
      concatBytes(new TextEncoder().encode(start), Uint8Array.from(bytes), new TextEncoder().encode(end)),
    );
    const before = rowCounts();
    const problem = await expectProblem(await post('/cases', body), 400, 'validation-failed');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/body', code: 'malformed' })]);
    expect(rowCounts()).toEqual(before);
  });

  // Astral ideographs and emoji, combining marks (not normalized to NFC), zero-width joiners
  // and non-joiners, a variation selector, bidi marks, a BOM-like ZWNBSP mid-text.
  const tricky = '𠀀𪚥 👩‍👩‍👧‍👦 e\u0301 a\u0308\u0323 क्‍ष \u200c\u200d ☃\ufe0f \u202eRTL\u202c \ufeff 😀';

  it('accepted text with astral characters, combining marks and joiners comes back byte-identical', async () => {
    const description = `路灯不亮 ${tricky}`;
    const address = `一社区 ${tricky}`;
    // Sent once as raw UTF-8 and once with \u escapes (surrogate pairs): both are the same text.
    const raw = JSON.stringify(report({ description, location: { address } }));
    const escaped = raw.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const body of [raw, escaped]) {
      const created = await post('/cases', body);
      expect(created.status, await created.clone().text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const read = await h.request(`/cases/${id}`, { token: tokens.adminD });
      const bytes = new Uint8Array(await read.arrayBuffer());
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      const got = JSON.parse(text) as { description: string; location: { address: string } };
      expect(got.description).toBe(description);
      expect(got.location.address).toBe(address);
      // The stored bytes are the sent bytes: no normalization, no replacement characters.
      expect(Buffer.from(got.description, 'utf8').equals(Buffer.from(description, 'utf8'))).toBe(true);
      expect(text).toContain(description);
      expect(text).not.toContain('\ufffd');
    }
  });

  it('a notice and a service log entry round-trip the same text', async () => {
    const title = `通知 ${tricky}`;
    const notice = await post(
      '/grids/G1/notices',
      JSON.stringify({ title, body: tricky, kind: 'announcement' }),
      tokens.workerG1,
    );
    expect(notice.status, await notice.clone().text()).toBe(201);
    const board = await (await h.request('/grids/G1/notices')).text();
    expect(board).toContain(JSON.stringify(title).slice(1, -1));
    expect(board).toContain(JSON.stringify(tricky).slice(1, -1));

    const log = await post(
      '/service-logs',
      JSON.stringify({
        gridId: 'G1',
        occurredAt: '2026-03-10T01:00:00Z',
        kind: 'visit',
        subjectGroups: ['elderly_alone'],
        summary: tricky,
        minutes: 30,
        outcome: 'resolved',
      }),
      tokens.workerG1,
    );
    expect(log.status, await log.clone().text()).toBe(201);
    const { id } = (await log.json()) as { id: string };
    const list = (await (await h.request('/service-logs?gridId=G1', { token: tokens.adminD })).json()) as {
      items: { id: string; summary: string }[];
    };
    expect(list.items.find((item) => item.id === id)?.summary).toBe(tricky);
  });
});

// ---------------------------------------------------------------- 6. no file left by a refused upload

const upload = (bytes: Uint8Array, key?: string) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  return h.request('/media', { method: 'POST', body: form, headers: key ? { 'Idempotency-Key': key } : {} });
};
const mediaFiles = (dir = h.mediaDir) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('a refused upload leaves no file under media/', () => {
  it('the same Idempotency-Key with another image → 422, and only the first image is on disk', async () => {
    const key = randomUUID();
    const first = png(3, 2);
    expect((await upload(first, key)).status).toBe(201);
    expect(mediaFiles()).toEqual([`${sha256(first)}.img`]);

    const problem = await expectProblem(await upload(png(2, 3), key), 422, 'idempotency-key-reused');
    expect(pathsOf(problem)).toEqual(['/header/Idempotency-Key']);
    expect(mediaFiles()).toEqual([`${sha256(first)}.img`]);
    expect(h.count('media')).toBe(1);
  });

  it('a refused and an accepted upload of the same new image at once: the accepted one keeps its file', async () => {
    const key = randomUUID();
    expect((await upload(png(3, 2), key)).status).toBe(201);
    const image = png(5, 4);
    const [refused, accepted] = await Promise.all([upload(image, key), upload(image, randomUUID())]);
    expect(refused.status).toBe(422);
    expect(accepted.status).toBe(201);
    expect(mediaFiles()).toContain(`${sha256(image)}.img`);
    const { url } = (await accepted.json()) as { url: string };
    const served = await h.request(url.replace('/api/v1', ''));
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(image);
  });

  it('a replayed upload (same key, same image) keeps the one file its row uses', async () => {
    const key = randomUUID();
    const image = png(4, 4);
    expect((await upload(image, key)).status).toBe(201);
    const replay = await upload(image, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(mediaFiles()).toEqual([`${sha256(image)}.img`]);
  });

  it('at start, the server sweeps image and temporary files older than a minute that no row uses', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-sweep-'));
    const mediaDir = join(dataDir, 'media');
    mkdirSync(mediaDir);
    const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
    buildFixture(db);
    const used = png(2, 2);
    insertMedia(db, {
      id: 'med_used',
      content_type: 'image/png',
      bytes: used.byteLength,
      width: 2,
      height: 2,
      sha256: sha256(used),
      purpose: null,
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    db.close();
    const old = new Date(Date.now() - 10 * 60_000);
    const files = {
      used: `${sha256(used)}.img`,
      orphan: `${sha256(png(3, 3))}.img`,
      fresh: `${sha256(png(4, 3))}.img`,
      temporary: `.${sha256(png(5, 3))}.0a1b2c3d4e5f.tmp`,
    };
    for (const [what, name] of Object.entries(files)) {
      writeFileSync(join(mediaDir, name), 'x');
      if (what !== 'fresh') utimesSync(join(mediaDir, name), old, old);
    }

    const server = await startServer({ dataDir, seed: false, port: 0, rateLimit: false });
    try {
      expect(mediaFiles(mediaDir)).toEqual([files.used, files.fresh].sort());
    } finally {
      await server.close();
    }
  });
});

// ---------------------------------------------------------------- 7. absurd image dimensions

/** A PNG whose IHDR claims `width × height` (CRCs right) with the pixel data of a 1×1 image. */
function pngClaiming(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return concatBytes(
    pngSignature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Uint8Array.of(0, 1, 2, 3))),
    pngChunk('IEND'),
  );
}

/** The 4×3 test JPEG with its frame header claiming `width × height`. */
function jpegClaiming(width: number, height: number): Uint8Array {
  const bytes = jpeg4x3();
  const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc0);
  new DataView(bytes.buffer).setUint16(sof + 5, height);
  new DataView(bytes.buffer).setUint16(sof + 7, width);
  return bytes;
}

describe('images are bounded: at most 20 000 px a side and 100 megapixels, checked against the data', () => {
  it.each([
    ['a PNG claiming 2147483647×2147483647', pngClaiming(2147483647, 2147483647)],
    ['a PNG claiming 20001×1', pngClaiming(20001, 1)],
    ['a PNG claiming 10001×10000 (over 100 megapixels)', pngClaiming(10001, 10000)],
    ['a JPEG claiming 65535×65535', jpegClaiming(65535, 65535)],
  ])('%s → 422 naming /body/file, nothing stored', async (_name, bytes) => {
    const before = rowCounts();
    const problem = await expectProblem(await upload(bytes), 422, 'unprocessable');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/body/file', code: 'image_too_large' })]);
    expect(problem.detail).toMatch(/20000 px a side and 100 megapixels/);
    expect(rowCounts()).toEqual(before);
    expect(mediaFiles()).toEqual([]);
  });

  it('a PNG claiming 20000×5000 (within bounds) with the data of a 1×1 image → refused, nothing stored', async () => {
    const before = rowCounts();
    const problem = await expectProblem(await upload(pngClaiming(20000, 5000)), 415, 'unsupported-media-type');
    expect(problem.detail).toMatch(/too short for its dimensions/);
    expect(rowCounts()).toEqual(before);
    expect(mediaFiles()).toEqual([]);
  });

  it('control: a real 4000×3000 PNG compressed as far as deflate goes (one colour) is accepted with its size', async () => {
    const width = 4000;
    const height = 3000;
    const rows = new Uint8Array(height * (1 + width * 3)); // filter 0, black pixels
    const image = concatBytes(
      pngSignature,
      pngChunk('IHDR', concatBytes(Uint8Array.of(0, 0, 0x0f, 0xa0, 0, 0, 0x0b, 0xb8), Uint8Array.of(8, 2, 0, 0, 0))),
      pngChunk('IDAT', deflateSync(rows, { level: 9 })),
      pngChunk('IEND'),
    );
    const response = await upload(image);
    expect(response.status, await response.clone().text()).toBe(201);
    expect(await response.json()).toMatchObject({ width, height, contentType: 'image/png' });
  });
});
