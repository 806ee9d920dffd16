/**
 * Uploading and serving images: type by content, metadata stripped, immutable
 * caching, content-addressed storage, and media ids in case reports.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Media } from '@gridkit/sdk';
import { jpeg4x3, png as pngBytes, pngChunk, pngSignature } from '@gridkit/sdk/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';
import { failure, problemType } from './support/problems.js';

// ---------------------------------------------------------------- images built here

// The builders live once, in the SDK's test support; these tests work on Buffers.
const PNG_SIGNATURE = Buffer.from(pngSignature);

const TEXT = 'Comment\0Taken at home, 5 Avenue Anatole France, 48.8584 N 2.2945 E';

/**
 * An RGB PNG, `width`×`height`, with random pixels (so no two builds are alike)
 * unless `pixels` is given; with a tEXt chunk between IHDR and IDAT when `text`.
 */
function png(width: number, height: number, options: { text?: string; pixels?: Buffer } = {}) {
  const pixels = options.pixels ?? randomBytes(width * 3 * height);
  const chunks = options.text ? [pngChunk('tEXt', options.text)] : [];
  return {
    bytes: Buffer.from(pngBytes(width, height, { pixels, chunks })),
    withoutText: Buffer.from(pngBytes(width, height, { pixels })),
    pixels,
  };
}

/** A baseline JPEG, 4×3 pixels, no metadata (made with cjpeg). */
const JPEG_4X3 = Buffer.from(jpeg4x3());

const blob = (bytes: Uint8Array, type: string) => new Blob([new Uint8Array(bytes)], { type });

// ---------------------------------------------------------------- harness

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => {
  expect(h.contractBreaks).toEqual([]);
});

const download = (id: string, headers: Record<string, string> = {}) => h.request(`/media/${id}`, { headers });

// ---------------------------------------------------------------- tests

describe('uploadMedia and getMedia', () => {
  it('a PNG with a tEXt chunk: 201 with its size, type and url; served without the text, as uploaded otherwise', async () => {
    const image = png(7, 5, { text: TEXT });
    expect(image.bytes.includes(Buffer.from('Anatole'))).toBe(true);
    const media = await h.client().media.upload(blob(image.bytes, 'image/png'));
    expect(media).toMatchObject({
      contentType: 'image/png',
      width: 7,
      height: 5,
      bytes: image.withoutText.length,
      url: `/api/v1/media/${media.id}`,
    });
    expect(Date.parse(media.createdAt)).toBe(h.clock.now.getTime());
    expect(h.count('media')).toBe(1);

    const response = await download(media.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.length).toBe(media.bytes);
    expect(served.includes(Buffer.from('tEXt', 'latin1'))).toBe(false);
    expect(served.includes(Buffer.from('Anatole'))).toBe(false);
    expect(served.equals(image.withoutText)).toBe(true);
  });

  it('the upload answers with Location equal to the body url', async () => {
    const image = png(3, 2);
    const form = new FormData();
    form.append('file', blob(image.bytes, 'image/png'), 'photo.png');
    form.append('purpose', 'case_report');
    const response = await h.request('/media', { method: 'POST', body: form });
    expect(response.status).toBe(201);
    const media = (await response.json()) as Media;
    expect(response.headers.get('Location')).toBe(media.url);
  });

  it('getMedia carries a strong ETag and an immutable, long-lived Cache-Control', async () => {
    const media = await h.client().media.upload(blob(png(2, 2).bytes, 'image/png'));
    const response = await download(media.id);
    const etag = response.headers.get('ETag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const cacheControl = response.headers.get('Cache-Control') ?? '';
    expect(cacheControl).toContain('immutable');
    expect(Number(/max-age=(\d+)/.exec(cacheControl)?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect((await download(media.id)).headers.get('ETag')).toBe(etag);
  });

  it('If-None-Match with the ETag → 304 without a body, with ETag and Cache-Control', async () => {
    const media = await h.client().media.upload(blob(png(2, 2).bytes, 'image/png'));
    const etag = (await download(media.id)).headers.get('ETag')!;
    const response = await download(media.id, { 'If-None-Match': etag });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(response.headers.get('ETag')).toBe(etag);
    expect(response.headers.get('Cache-Control')).toContain('immutable');
  });

  it('If-None-Match listing the ETag among others → 304; a different ETag → 200 with the bytes', async () => {
    const media = await h.client().media.upload(blob(png(2, 2).bytes, 'image/png'));
    const etag = (await download(media.id)).headers.get('ETag')!;
    expect((await download(media.id, { 'If-None-Match': `"stale-1", ${etag}` })).status).toBe(304);
    const other = await download(media.id, { 'If-None-Match': '"something-else"' });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(media.bytes);
  });

  it('If-None-Match compares weakly (RFC 9110 §13.1.2): W/ + the ETag → 304', async () => {
    const media = await h.client().media.upload(blob(png(2, 2).bytes, 'image/png'));
    const etag = (await download(media.id)).headers.get('ETag')!;
    expect((await download(media.id, { 'If-None-Match': `W/${etag}` })).status).toBe(304);
  });

  it('the SDK downloads the bytes as a Blob', async () => {
    const image = png(5, 4);
    const media = await h.client().media.upload(blob(image.bytes, 'image/png'));
    const downloaded = await h.client().media.get(media.id);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(image.bytes)).toBe(true);
  });

  it('a text file claiming image/png → 415 unsupported-media-type, nothing stored', async () => {
    const error = await failure(
      h
        .client()
        .media.upload(blob(Buffer.from('hello, this is not a picture\n'), 'image/png'), { filename: 'photo.png' }),
    );
    expect(error.status).toBe(415);
    expect(error.type).toBe(problemType('unsupported-media-type'));
    expect(error.requestId).toBeTruthy();
    expect(h.count('media')).toBe(0);
  });

  it('a text file that starts with the PNG signature but is no PNG → rejected, nothing stored', async () => {
    const bytes = Buffer.concat([PNG_SIGNATURE, Buffer.from('not really a png at all')]);
    const error = await failure(h.client().media.upload(blob(bytes, 'image/png')));
    expect([415, 422]).toContain(error.status);
    expect(h.count('media')).toBe(0);
  });

  it('a JPEG uploaded as x.png with type image/png is stored and served as image/jpeg', async () => {
    const media = await h.client().media.upload(blob(JPEG_4X3, 'image/png'), { filename: 'x.png' });
    expect(media).toMatchObject({ contentType: 'image/jpeg', width: 4, height: 3 });
    const response = await download(media.id);
    expect(response.headers.get('Content-Type')).toBe('image/jpeg');
    const served = Buffer.from(await response.arrayBuffer());
    expect([...served.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(served.length).toBe(media.bytes);
  });

  it('an unknown media id → 404 not-found', async () => {
    const response = await download('med_doesnotexist');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { type: string; requestId: string };
    expect(problem.type).toBe(problemType('not-found'));
    expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
    const error = await failure(h.client().media.get('med_doesnotexist'));
    expect(error.status).toBe(404);
  });

  it('the same bytes uploaded twice: two media with their own ids, one stored file', async () => {
    const image = png(6, 6, { text: TEXT });
    const first = await h.client().media.upload(blob(image.bytes, 'image/png'));
    const second = await h.client().media.upload(blob(image.bytes, 'image/png'));
    expect(second.id).not.toBe(first.id);
    expect(h.count('media')).toBe(2);
    const served = await Promise.all(
      [first, second].map(async (m) => Buffer.from(await (await download(m.id)).arrayBuffer())),
    );
    expect(served[0]!.equals(served[1]!)).toBe(true);

    // The store names files by the SHA-256 of the stored bytes: find this harness's directory by that name.
    const sha256 = createHash('sha256').update(served[0]!).digest('hex');
    const directories = readdirSync(tmpdir())
      .filter((name) => name.startsWith('gridkit-media-'))
      .map((name) => join(tmpdir(), name))
      .filter((dir) => existsSync(join(dir, `${sha256}.img`)));
    expect(directories).toHaveLength(1);
    expect(readdirSync(directories[0]!)).toEqual([`${sha256}.img`]);
  });

  it('a retried upload with the same Idempotency-Key is one media, whatever multipart boundary the retry uses', async () => {
    const image = png(2, 3);
    const multipart = (boundary: string) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        image.bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const upload = (boundary: string) =>
      h.request('/media', {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Idempotency-Key': 'upload-key-0001' },
        body: new Uint8Array(multipart(boundary)),
      });

    const first = await upload('----retry-boundary-1');
    expect(first.status).toBe(201);
    const original = (await first.json()) as Media;

    // The identical bytes again: replayed.
    const same = await upload('----retry-boundary-1');
    expect(same.status).toBe(201);
    expect(same.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await same.json()).toEqual(original);

    // The same file and fields, framed with another boundary (as every new FormData serialization is): still the same request.
    const reframed = await upload('----retry-boundary-2');
    expect(reframed.status, await reframed.clone().text()).toBe(201);
    expect(reframed.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await reframed.json()).toEqual(original);
    expect(h.count('media')).toBe(1);
  });

  it('the SDK retrying an upload with the same idempotencyKey gets the same media', async () => {
    const image = png(2, 3);
    const first = await h.client().media.upload(blob(image.bytes, 'image/png'), { idempotencyKey: 'upload-key-0002' });
    const again = await h.client().media.upload(blob(image.bytes, 'image/png'), { idempotencyKey: 'upload-key-0002' });
    expect(again).toEqual(first);
    expect(h.count('media')).toBe(1);
  });
});

describe('media ids in reports', () => {
  it('a case with an uploaded photo is created and keeps the id; an unknown id → 422 unknown_media', async () => {
    const media = await h.client().media.upload(blob(png(4, 4).bytes, 'image/png'));
    const receipt = await h.client().cases.create(report({ mediaIds: [media.id] }));
    const stored = await h.client(tokens.adminD).cases.get(receipt.id);
    expect(stored.mediaIds).toEqual([media.id]);

    const cases = h.count('cases');
    const error = await failure(h.client().cases.create(report({ mediaIds: [media.id, 'med_doesnotexist'] })));
    expect(error.status).toBe(422);
    expect(error.type).toBe(problemType('unprocessable'));
    expect(error.errors).toContainEqual(expect.objectContaining({ path: '/body/mediaIds/1', code: 'unknown_media' }));
    expect(h.count('cases')).toBe(cases);
  });

  it('a photo satisfies a category that requires one', async () => {
    const media = await h.client().media.upload(blob(JPEG_4X3, 'image/jpeg'), { filename: 'manhole.jpg' });
    const receipt = await h.client().cases.create(
      report({
        categoryCode: 'road.manhole',
        location: { address: '5 号楼北侧', point: { lat: 36.0995, lng: 114.3522 } },
        mediaIds: [media.id],
        attributes: { damage: 'missing' },
      }),
    );
    expect(receipt.status).toBe('submitted');
  });
});
