/**
 * `@gridkit/sdk/test-support`'s images are real files: every chunk's CRC and
 * the pixel data check out with Node's own zlib, independently of the builder.
 */
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jpeg4x3, png, pngChunk, pngSignature } from '../src/test-support/index.js';

/** The chunks of a PNG, read by hand. */
function chunks(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes);
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from(pngSignature));
  const out: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let at = 8; at < buffer.length;) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const data = buffer.subarray(at + 8, at + 8 + length);
    const crcOk = buffer.readUInt32BE(at + 8 + length) === crc32(buffer.subarray(at + 4, at + 8 + length));
    out.push({ type, data, crcOk });
    at += 12 + length;
  }
  return out;
}

describe('png()', () => {
  it('is a valid 8-bit RGB PNG of the size asked, with the given pixels', () => {
    const pixels = Uint8Array.from({ length: 7 * 5 * 3 }, (_, i) => (i * 13) & 0xff);
    const found = chunks(png(7, 5, { pixels }));
    expect(found.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(found.every((c) => c.crcOk)).toBe(true);
    const ihdr = found[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([7, 5, 8, 2]);
    const rows = inflateSync(found[1]!.data);
    expect(rows.length).toBe(5 * (1 + 7 * 3));
    for (let y = 0; y < 5; y++) {
      expect(rows[y * 22]).toBe(0); // filter: none
      expect(rows.subarray(y * 22 + 1, (y + 1) * 22)).toEqual(Buffer.from(pixels.subarray(y * 21, (y + 1) * 21)));
    }
  });

  it('holds image data larger than one deflate block', () => {
    const rows = inflateSync(chunks(png(200, 120))[1]!.data);
    expect(rows.length).toBe(120 * (1 + 200 * 3));
  });

  it('puts extra chunks between IHDR and IDAT, and rejects pixels of the wrong size', () => {
    const found = chunks(png(2, 2, { chunks: [pngChunk('tEXt', 'Comment\0secret')] }));
    expect(found.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    expect(found[1]!.data.toString('latin1')).toBe('Comment\0secret');
    expect(found.every((c) => c.crcOk)).toBe(true);
    expect(() => png(2, 2, { pixels: new Uint8Array(3) })).toThrow(RangeError);
  });
});

describe('jpeg4x3()', () => {
  it('is a JPEG (SOI … EOI) and a fresh copy each time', () => {
    const jpeg = jpeg4x3();
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    jpeg[0] = 0;
    expect(jpeg4x3()[0]).toBe(0xff);
  });
});
