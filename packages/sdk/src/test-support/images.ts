/**
 * Real image files built in memory, for tests that upload photos (the
 * conformance suite, the mock server's tests, a vendor's own): valid PNGs of
 * any size, with or without metadata chunks, and a tiny baseline JPEG.
 * Plain `Uint8Array`s and no Node built-ins, so they work in browsers too.
 */

/** The eight bytes every PNG starts with. */
export const pngSignature: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Joins byte arrays; strings are taken as Latin-1 (one byte per character). */
export function concatBytes(...parts: (Uint8Array | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? Uint8Array.from(p, (c) => c.charCodeAt(0) & 0xff) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

const u32be = (n: number) => Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** One PNG chunk: length, type, data (a string is Latin-1), CRC. */
export function pngChunk(type: string, data: Uint8Array | string = new Uint8Array()): Uint8Array {
  const body = concatBytes(type, data);
  return concatBytes(u32be(body.length - 4), body, u32be(crc32(body)));
}

/** A zlib stream of stored (uncompressed) deflate blocks: valid everywhere, no compressor needed. */
function zlibStored(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [Uint8Array.of(0x78, 0x01)];
  for (let at = 0; at === 0 || at < data.length; at += 0xffff) {
    const part = data.subarray(at, at + 0xffff);
    const last = at + 0xffff >= data.length ? 1 : 0;
    const n = part.length;
    blocks.push(Uint8Array.of(last, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff), part);
  }
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  blocks.push(u32be(((b << 16) | a) >>> 0));
  return concatBytes(...blocks);
}

export interface PngOptions {
  /** RGB bytes, `width × height × 3`, row by row; a gradient by default. */
  pixels?: Uint8Array;
  /** Chunks placed between `IHDR` and `IDAT` (e.g. `pngChunk('tEXt', 'Comment\0…')`). */
  chunks?: Uint8Array[];
}

/** A valid 8-bit RGB PNG, `width × height`. */
export function png(width: number, height: number, options: PngOptions = {}): Uint8Array {
  const pixels = options.pixels ?? gradient(width, height);
  if (pixels.length !== width * height * 3)
    throw new RangeError(`png: ${width}×${height} needs ${width * height * 3} RGB bytes`);
  const rows = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none).
    rows.set(pixels.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  }
  const ihdr = concatBytes(u32be(width), u32be(height), Uint8Array.of(8, 2, 0, 0, 0)); // 8 bits, RGB
  return concatBytes(
    pngSignature,
    pngChunk('IHDR', ihdr),
    ...(options.chunks ?? []),
    pngChunk('IDAT', zlibStored(rows)),
    pngChunk('IEND'),
  );
}

function gradient(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels.set([(x * 40) & 0xff, (y * 60) & 0xff, 0x80], (y * width + x) * 3);
  return pixels;
}

const jpeg4x3Base64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAADAAQDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwB9FFFcR/Nh/9k=';

/** A baseline JPEG, 4×3 pixels, no metadata (made with cjpeg); a fresh copy on each call. */
export function jpeg4x3(): Uint8Array {
  return Uint8Array.from(atob(jpeg4x3Base64), (c) => c.charCodeAt(0));
}
