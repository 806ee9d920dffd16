import { expect } from '@open-wc/testing';
import exifr from 'exifr';
import { createGridkitClient } from '@gridkit/sdk';
import { preparePhoto, PhotoError, photoTypes, type PhotoErrorCode } from './photo.js';
import { testServer } from '../test-support/server.js';

/** Fixtures made by src/test-support/images/make-fixtures.mjs. */
async function fixtureFile(name: string, type: string): Promise<File> {
  const response = await fetch(new URL(`../test-support/images/${name}`, import.meta.url));
  if (!response.ok) throw new Error(`fixture ${name}: ${response.status}`);
  return new File([await response.blob()], name, { type });
}

/** Decode a result again: its real pixel size and a way to read one pixel. */
async function pixels(blob: Blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const { width, height } = bitmap;
  bitmap.close();
  return {
    width,
    height,
    /** RGB at a fraction of the width/height. */
    at: (fx: number, fy: number) =>
      Array.from(ctx.getImageData(Math.floor(fx * width), Math.floor(fy * height), 1, 1).data.slice(0, 3)),
  };
}

/** Does the JPEG carry an APP1 segment with an Exif header anywhere before the image data? */
async function hasExifSegment(blob: Blob): Promise<boolean> {
  const b = new Uint8Array(await blob.arrayBuffer());
  let i = 2;
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xda) return false; // start of scan: no more metadata segments
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(i + 4, i + 8)) === 'Exif') return true;
    i += 2 + length;
  }
  return false;
}

async function rejection(promise: Promise<unknown>): Promise<PhotoError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(PhotoError);
    return error as PhotoError;
  }
  throw new Error('expected a PhotoError');
}

const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;

describe('preparePhoto', () => {
  it('drops EXIF and GPS, keeps the phone photo upright, and fits the longest side', async () => {
    const file = await fixtureFile('gps-rotated.jpg', 'image/jpeg');
    // The fixture really carries a position and a rotation tag.
    const before = await exifr.parse(file, { gps: true, translateValues: false });
    expect(before.latitude).to.be.closeTo(36.0976, 1e-3);
    expect(before.Orientation).to.equal(6);

    const photo = await preparePhoto(file, { maxSide: 1600 });

    expect(photo.blob.type).to.equal('image/jpeg');
    expect(await hasExifSegment(photo.blob)).to.equal(false);
    expect(await exifr.parse(photo.blob, { gps: true })).to.equal(undefined);
    expect(await exifr.gps(photo.blob)).to.equal(undefined);
    // Stored 2400×1800 with "rotate 90°": upright it is portrait, scaled to 1200×1600.
    expect([photo.width, photo.height]).to.deep.equal([1200, 1600]);
    const out = await pixels(photo.blob);
    expect([out.width, out.height]).to.deep.equal([1200, 1600]);
    // The red block the camera would show at the top left is there, not in another corner.
    expect(isRed(out.at(0.1, 0.1)), `top-left ${out.at(0.1, 0.1)}`).to.equal(true);
    expect(isRed(out.at(0.9, 0.1)), `top-right ${out.at(0.9, 0.1)}`).to.equal(false);
    expect(isRed(out.at(0.1, 0.9)), `bottom-left ${out.at(0.1, 0.9)}`).to.equal(false);
  });

  it('downscales a 4000×3000 photo to 1600×1200 by default', async () => {
    const file = await fixtureFile('large-4000x3000.jpg', 'image/jpeg');
    const photo = await preparePhoto(file);
    expect([photo.width, photo.height]).to.deep.equal([1600, 1200]);
    const out = await pixels(photo.blob);
    expect([out.width, out.height]).to.deep.equal([1600, 1200]);
    expect(photo.blob.size).to.be.lessThan(file.size);
  });

  it('honours a smaller maxSide', async () => {
    const photo = await preparePhoto(await fixtureFile('large-4000x3000.jpg', 'image/jpeg'), { maxSide: 800 });
    const out = await pixels(photo.blob);
    expect([out.width, out.height]).to.deep.equal([800, 600]);
  });

  it('never upscales a small image, and turns a PNG into a JPEG with white where it was transparent', async () => {
    const file = await fixtureFile('small-transparent.png', 'image/png');
    const photo = await preparePhoto(file, { maxSide: 1600 });
    expect([photo.width, photo.height]).to.deep.equal([320, 200]);
    expect(photo.blob.type).to.equal('image/jpeg');
    const head = new Uint8Array(await photo.blob.slice(0, 3).arrayBuffer());
    expect(Array.from(head)).to.deep.equal([0xff, 0xd8, 0xff]);
    const out = await pixels(photo.blob);
    expect([out.width, out.height]).to.deep.equal([320, 200]);
    const corner = out.at(0.02, 0.02);
    expect(
      corner.every((c) => c > 240),
      `corner ${corner}`,
    ).to.equal(true);
  });

  it('encodes WebP when asked', async () => {
    const photo = await preparePhoto(await fixtureFile('small-transparent.png', 'image/png'), { type: 'image/webp' });
    expect(photo.blob.type).to.equal('image/webp');
    const head = new Uint8Array(await photo.blob.slice(0, 12).arrayBuffer());
    expect(String.fromCharCode(...head.subarray(8, 12))).to.equal('WEBP');
  });

  it('rejects what is not a photo, by content rather than name or declared type', async () => {
    const text = await fixtureFile('not-a-photo.txt', 'text/plain');
    const cases: [Blob, PhotoErrorCode][] = [
      [text, 'unsupported'],
      [new File([await text.arrayBuffer()], 'drain.jpg', { type: 'image/jpeg' }), 'unsupported'],
      // An HEIC container this browser cannot decode (Chromium has no HEIC decoder).
      [
        new Blob([new Uint8Array([0, 0, 0, 24]), 'ftypheic', new Uint8Array(12)], { type: 'image/heic' }),
        'unsupported',
      ],
      // A JPEG header followed by rubbish.
      [
        new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'not really a jpeg'.repeat(20)], { type: 'image/jpeg' }),
        'decode-failed',
      ],
      // Past the input limit (a JPEG signature, then 50 MiB of zeros).
      [
        new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), new Uint8Array(50 * 1024 * 1024)], { type: 'image/jpeg' }),
        'too-large',
      ],
    ];
    for (const [blob, code] of cases) {
      const error = await rejection(preparePhoto(blob));
      expect(error.code, `${blob.type} ${blob.size}`).to.equal(code);
      expect(error.message).to.be.a('string').and.not.equal('');
    }
  });

  it('offers an accept value with the formats it reads', () => {
    expect(photoTypes.split(',')).to.include.members(['image/jpeg', 'image/png', 'image/webp', 'image/heic']);
  });

  it('uploads to the mock server without location and at the prepared size', async () => {
    const client = createGridkitClient({ baseUrl: testServer.apiUrl });
    const photo = await preparePhoto(await fixtureFile('gps-rotated.jpg', 'image/jpeg'), { maxSide: 1000 });
    const media = await client.media.upload(photo.blob, { filename: 'report.jpg', purpose: 'case_report' });
    expect(media.contentType).to.equal('image/jpeg');
    expect([media.width, media.height]).to.deep.equal([750, 1000]);
    const stored = await client.media.get(media.id);
    expect(await exifr.gps(stored)).to.equal(undefined);
    const out = await pixels(stored);
    expect([out.width, out.height]).to.deep.equal([750, 1000]);
  });
});
