import type { Media } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { client, rawFetch, target } from './support/client.js';
import { caseInput, discover, type World } from './support/discovery.js';
import { expectIssueCodes, expectIssuesAt, expectProblem, key, RFC3339, tag } from './support/helpers.js';
import {
  blob,
  CAMERA_MAKE,
  GPS_LATITUDE_BYTES,
  GPS_LONGITUDE_BYTES,
  JPEG_4X3,
  jpegWithGps,
  png,
  PNG_SIGNATURE,
  pngWithText,
  readExif,
  TAG_GPS_IFD,
  TAG_MAKE,
  TAG_ORIENTATION,
} from './support/images.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

function expectMediaShape(m: Media, contentType: string, width: number, height: number): void {
  expect(typeof m.id).toBe('string');
  expect(m.contentType).toBe(contentType);
  expect(m.width).toBe(width);
  expect(m.height).toBe(height);
  expect(Number.isInteger(m.bytes) && m.bytes > 0).toBe(true);
  expect(m.url).toMatch(/^\//);
  expect(m.url.endsWith(`/media/${encodeURIComponent(m.id)}`)).toBe(true);
  expect(m.createdAt).toMatch(RFC3339);
}

async function download(mediaId: string): Promise<{ response: Response; bytes: Buffer }> {
  const result = await client().raw.GET('/media/{mediaId}', { params: { path: { mediaId } }, parseAs: 'arrayBuffer' });
  return {
    response: result.response,
    bytes: Buffer.from((result.data as ArrayBuffer | undefined) ?? new ArrayBuffer(0)),
  };
}

describe('uploadMedia and getMedia', () => {
  it('stores a PNG: 201 with its size, a Location equal to url, and serves the image back as image/png', async () => {
    const bytes = png(7, 5);
    const result = await client().raw.POST('/media', {
      params: { header: { 'Idempotency-Key': key() } },
      body: (() => {
        const form = new FormData();
        form.append('file', blob(bytes, 'image/png'), 'photo.png');
        form.append('purpose', 'case_report');
        return form as never;
      })(),
      bodySerializer: (b: unknown) => b as FormData,
    });
    expect(result.response.status).toBe(201);
    const media = result.data as Media;
    expectMediaShape(media, 'image/png', 7, 5);
    expect(result.response.headers.get('Location')).toBe(media.url);

    const { response, bytes: served } = await download(media.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/png/);
    expect(served.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(served.length).toBe(media.bytes);
    expect(response.headers.get('ETag')).toMatch(/^"/);
    expect(response.headers.get('Cache-Control')).toBeTruthy();

    // The SDK's own method returns a Blob of the same bytes.
    const asBlob = await client().media.get(media.id);
    expect(Buffer.from(await asBlob.arrayBuffer())).toEqual(served);

    // `url` resolves against the API origin to the same image.
    const viaUrl = await fetch(new URL(media.url, target().baseUrl));
    expect(viaUrl.status).toBe(200);
    expect(Buffer.from(await viaUrl.arrayBuffer())).toEqual(served);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const media = await client().media.upload(blob(png(2, 2), 'image/png'), { filename: 'a.png' });
    const first = await rawFetch(`/media/${encodeURIComponent(media.id)}`);
    const etag = first.headers.get('ETag');
    expect(etag).toBeTruthy();
    const second = await client().raw.GET('/media/{mediaId}', {
      params: { path: { mediaId: media.id }, header: { 'If-None-Match': etag! } },
      parseAs: 'stream',
    });
    expect(second.response.status).toBe(304);
  });

  it('stores a JPEG and strips its EXIF GPS position and camera details, keeping only the orientation tag', async () => {
    const original = jpegWithGps(6);
    expect(readExif(original)).toEqual({
      segments: 1,
      ifd0Tags: [TAG_MAKE, TAG_ORIENTATION, TAG_GPS_IFD],
      orientation: 6,
    });
    const media = await client().media.upload(blob(original, 'image/jpeg'), {
      filename: 'IMG_0001.jpg',
      purpose: 'case_report',
    });
    // Width and height as stored: the pixels are not rotated, the orientation tag tells viewers.
    expectMediaShape(media, 'image/jpeg', 4, 3);
    const { response, bytes } = await download(media.id);
    expect(response.headers.get('content-type')).toMatch(/^image\/jpeg/);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(media.bytes).toBe(bytes.length);
    const exif = readExif(bytes);
    expect(exif.ifd0Tags, 'the served JPEG still points to a GPS IFD').not.toContain(TAG_GPS_IFD);
    expect(exif.ifd0Tags, 'the served JPEG still names the camera').not.toContain(TAG_MAKE);
    expect(
      exif.ifd0Tags.filter((t) => t !== TAG_ORIENTATION),
      'only the orientation tag may remain',
    ).toEqual([]);
    expect(exif.orientation, 'the orientation tag must be kept').toBe(6);
    expect(bytes.includes(GPS_LATITUDE_BYTES), 'the served JPEG still carries the GPS latitude').toBe(false);
    expect(bytes.includes(GPS_LONGITUDE_BYTES), 'the served JPEG still carries the GPS longitude').toBe(false);
    expect(bytes.includes(Buffer.from(CAMERA_MAKE)), 'the served JPEG still carries the camera make').toBe(false);
  });

  it('stores a JPEG with only an orientation-1 EXIF block and no GPS: no GPS appears', async () => {
    const media = await client().media.upload(blob(JPEG_4X3, 'image/jpeg'), { filename: 'plain.jpg' });
    const { bytes } = await download(media.id);
    expect(readExif(bytes).ifd0Tags).not.toContain(TAG_GPS_IFD);
  });

  it('strips PNG text chunks', async () => {
    const secret = `ConformanceSecret${Date.now()}`;
    const media = await client().media.upload(blob(pngWithText(5, 4, secret), 'image/png'), { filename: 'text.png' });
    expectMediaShape(media, 'image/png', 5, 4);
    const { bytes } = await download(media.id);
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(bytes.includes(Buffer.from(secret)), 'the served PNG still carries its tEXt chunk').toBe(false);
  });

  it('detects the type by content, not by declared type or file name', async () => {
    const media = await client().media.upload(blob(JPEG_4X3, 'text/plain'), { filename: 'notes.txt' });
    expect(media.contentType).toBe('image/jpeg');
  });

  it('refuses a text file named .png with 415 unsupported-media-type', async () => {
    await expectProblem(
      client().media.upload(blob(Buffer.from('this is not an image, just text\n'), 'image/png'), {
        filename: 'fake.png',
      }),
      415,
      'unsupported-media-type',
    );
  });

  it('refuses an upload over 10 MiB with 413 payload-too-large', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1024);
    png(1, 1).copy(big);
    await expectProblem(
      client().media.upload(blob(big, 'image/png'), { filename: 'big.png' }),
      413,
      'payload-too-large',
    );
  }, 60_000);

  it('rejects a form without a file part, or with an unknown purpose, with 400', async () => {
    const noFile = new FormData();
    noFile.append('purpose', 'case_report');
    const r1 = await client().raw.POST('/media', {
      params: { header: { 'Idempotency-Key': key() } },
      body: noFile as never,
      bodySerializer: (b: unknown) => b as FormData,
    });
    expect(r1.response.status).toBe(400);
    expectIssuesAt((r1.error as { errors?: [] }).errors ?? [], ['/body/file']);

    await expectProblem(
      client().media.upload(blob(png(1, 1), 'image/png'), { filename: 'x.png', purpose: 'wallpaper' as never }),
      400,
      'validation-failed',
    );
  });

  it('rejects a JSON body on uploadMedia with 415', async () => {
    const response = await rawFetch('/media', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key() },
      body: JSON.stringify({ file: 'x' }),
    });
    expect(response.status).toBe(415);
  });

  it('replays an upload sent again byte for byte with the same Idempotency-Key: same media, Idempotent-Replayed', async () => {
    const boundary = `----conformance${Date.now()}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="same.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png(3, 3),
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\ncase_report\r\n--${boundary}--\r\n`,
      ),
    ]);
    const k = key();
    const send = () =>
      rawFetch('/media', {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Idempotency-Key': k },
        body: new Uint8Array(body),
      });
    const first = await send();
    expect(first.status).toBe(201);
    const second = await send();
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await second.json()) as Media).id).toBe(((await first.json()) as Media).id);
  });

  it('returns 404 not-found for an unknown media id', async () => {
    await expectProblem(client().media.get('conformance-no-such-media'), 404, 'not-found');
  });
});

describe('media in reports', () => {
  it('a report referencing an unknown media id is 422 unknown_media', async () => {
    const error = await expectProblem(
      client().cases.create(caseInput(world, { mediaIds: ['conformance-no-such-media'] })),
      422,
      'unprocessable',
    );
    expectIssueCodes(error.errors, ['unknown_media']);
  });

  it('a category that requires a photo: 422 photo_required without one, 201 with an uploaded one', async (ctx) => {
    const category = world.photoCategory;
    if (!category) return ctx.skip(); // the server has no such category
    const point = { lat: 36.0995, lng: 114.3522 };
    const marker = tag('photo');
    const base = caseInput(
      world,
      { categoryCode: category.code, location: { address: `Photo street ${marker}`, point } },
      marker,
    );
    const error = await expectProblem(client().cases.create(base), 422, 'unprocessable');
    expectIssueCodes(error.errors, ['photo_required']);
    expectIssuesAt(error.errors, ['/body/mediaIds']);
    expect((await client('admin').cases.list({ q: marker })).items).toHaveLength(0);

    const media = await client().media.upload(blob(png(4, 4), 'image/png'), {
      filename: 'scene.png',
      purpose: 'case_report',
    });
    const receipt = await client().cases.create({ ...base, mediaIds: [media.id] });
    const kase = await client('worker').cases.get(receipt.id);
    expect(kase.mediaIds).toEqual([media.id]);
    const pub = await client().cases.getPublic(receipt.ticket);
    expect(JSON.stringify(pub)).not.toContain(media.id);
  });
});
