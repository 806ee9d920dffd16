import { deflateSync } from 'node:zlib';
import { pngChunk, pngSignature } from '@gridkit/sdk/test-support';
import exifr from 'exifr';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { cleanImage, InvalidImageError, sniffImageType } from '../src/domain/image-files.js';

// ---------------------------------------------------------------- fixture builders

const bytes = (...parts: (Uint8Array | string | number[])[]): Uint8Array =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
const b64 = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'base64'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const contains = (haystack: Uint8Array, needle: Uint8Array | string) =>
  Buffer.from(haystack).includes(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : Buffer.from(needle));
const u16be = (n: number) => [n >> 8, n & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number) => u32be(n).reverse();

/** 16×8 colour JPEG from cjpeg (baseline, JFIF, restart interval 1 so the scan holds an RST0, and an FF00 stuffed byte). */
const JPEG_BASELINE = b64(`
/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABsSFBcUERsXFhceHBsgKEIrKCUlKFE6PTBCYFVlZF9VXVtqeJmBanGQc1tdhbWG
kJ6jq62rZ4C8ybqmx5moq6T/2wBDARweHigjKE4rK06kbl1upKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSk
pKSkpKSkpKSkpKSkpKT/wAARCAAIABADAREAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAL/xAAfEAACAQMFAQAAAAAA
AAAAAAABAhEDEiEAIkGC4fD/xAAWAQEBAQAAAAAAAAAAAAAAAAAAAQL/xAAhEQABAwMEAwAAAAAAAAAAAAABABHwAiFBAxJR
gWFx8f/dAAQAAf/aAAwDAQACEQMRAD8Ah3aoLZEHYySCvX70NO9w7Zz3mBacOwk5bsL/0C1Vm0BWKILSBkgyOZzJ1DuIckgZ
eD145Suk0m8u/wBX/9k=`);
/** The same picture as a progressive JPEG (cjpeg -progressive): ten scans with DHT segments between them. */
const JPEG_PROGRESSIVE = b64(`
/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1R
V19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj
Y2NjY2NjY2NjY2NjY2P/wgARCAAIABADAREAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAwT/xAAVAQEBAAAAAAAAAAAA
AAAAAAAEBf/dAAQAAv/aAAwDAQACEAMQAAABJ5qB0P/EABYQAAMAAAAAAAAAAAAAAAAAAAABA//aAAgBAQABBQJQFA//xAAV
EQEBAAAAAAAAAAAAAAAAAAADAP/aAAgBAwEBPwE3je//xAAWEQADAAAAAAAAAAAAAAAAAAAAAgP/2gAIAQIBAT8Beo9T/8QA
FBABAAAAAAAAAAAAAAAAAAAAEP/aAAgBAQAGPwI//8QAFRABAQAAAAAAAAAAAAAAAAAAAGH/2gAIAQEAAT8hkk//2gAMAwEA
AgADAAAAEEf/xAAVEQEBAAAAAAAAAAAAAAAAAAAAYf/aAAgBAwEBPxCyz//EABQRAQAAAAAAAAAAAAAAAAAAABD/2gAIAQIB
AT8QP//EABQQAQAAAAAAAAAAAAAAAAAAABD/2gAIAQEAAT8QG//Z`);
/** 3×2 lossless WebP from cwebp: a bare VP8L chunk of odd length (41), so it carries a padding byte. */
const WEBP_VP8L = b64('UklGRjYAAABXRUJQVlA4TCkAAAAvAkAAAC8gFkyGlf8VokAgyZ9hoLFGZv6DhwligECAMlYcc0FE/2N9AAA=');

// Eiffel Tower: 48°51'29.6" N, 2°17'40.2" E.
const LATITUDE = 48 + 51 / 60 + 29.6 / 3600;
const LONGITUDE = 2 + 17 / 60 + 40.2 / 3600;

/** A little-endian TIFF structure as cameras write it: IFD0 pointing to a GPS IFD with lat/long. */
function tiffWithGps(): Uint8Array {
  const t = new DataView(new ArrayBuffer(128));
  t.setUint16(0, 0x4949);
  t.setUint16(2, 42, true);
  t.setUint32(4, 8, true); // IFD0
  t.setUint16(8, 1, true);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    t.setUint16(at, tag, true);
    t.setUint16(at + 2, type, true);
    t.setUint32(at + 4, count, true);
    t.setUint32(at + 8, value, true);
  };
  entry(10, 0x8825, 4, 1, 26); // GPSInfo -> GPS IFD at 26
  t.setUint32(22, 0, true);
  t.setUint16(26, 4, true);
  entry(28, 0x0001, 2, 2, 'N'.charCodeAt(0)); // GPSLatitudeRef
  entry(40, 0x0002, 5, 3, 80); // GPSLatitude
  entry(52, 0x0003, 2, 2, 'E'.charCodeAt(0)); // GPSLongitudeRef
  entry(64, 0x0004, 5, 3, 104); // GPSLongitude
  t.setUint32(76, 0, true);
  [48, 1, 51, 1, 2960, 100, 2, 1, 17, 1, 4020, 100].forEach((v, i) => t.setUint32(80 + i * 4, v, true));
  return new Uint8Array(t.buffer);
}
const TIFF = tiffWithGps();

type IfdEntry = [tag: number, type: number, values: number[] | string];
const IFD_TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 4 /* per half of a RATIONAL */, 7: 1 };

/**
 * A TIFF structure laid out the way camera firmware writes it, in either byte order: IFD0
 * at 8, pointers to an Exif IFD and a GPS IFD, and IFD1 holding a JPEG thumbnail. Values
 * over 4 bytes go in a data area after their IFD; RATIONAL values are given as num, den pairs.
 */
function cameraTiff(
  order: 'II' | 'MM',
  ifd0: IfdEntry[],
  sub: { exif: IfdEntry[]; gps: IfdEntry[]; thumbnail: Uint8Array },
): Uint8Array {
  const le = order === 'II';
  const out = new Uint8Array(8192);
  const view = new DataView(out.buffer);
  let end = 8;
  view.setUint16(0, le ? 0x4949 : 0x4d4d);
  view.setUint16(2, 42, le);
  view.setUint32(4, 8, le);
  /** Writes an IFD at `end`; returns the offsets of its entries' value fields and of its next-IFD field. */
  const writeIfd = (entries: IfdEntry[]) => {
    const at = end;
    end += 2 + entries.length * 12 + 4;
    view.setUint16(at, entries.length, le);
    const valueAt = entries.map(([tag, type, values], i) => {
      const nums = typeof values === 'string' ? [...Buffer.from(`${values}\0`, 'latin1')] : values;
      const size = IFD_TYPE_SIZE[type]!;
      const entry = at + 2 + i * 12;
      view.setUint16(entry, tag, le);
      view.setUint16(entry + 2, type, le);
      view.setUint32(entry + 4, type === 5 ? nums.length / 2 : nums.length, le);
      let data = entry + 8;
      if (nums.length * size > 4) {
        data = end;
        end += nums.length * size + ((nums.length * size) & 1);
        view.setUint32(entry + 8, data, le);
      }
      nums.forEach((v, k) => {
        if (size === 1) view.setUint8(data + k, v);
        else if (size === 2) view.setUint16(data + k * 2, v, le);
        else view.setUint32(data + k * 4, v, le);
      });
      return entry + 8;
    });
    return { valueAt, nextAt: at + 2 + entries.length * 12 };
  };
  const main = writeIfd([...ifd0, [0x8769, 4, [0]], [0x8825, 4, [0]]]); // ExifIFD, GPSInfo
  view.setUint32(main.valueAt[ifd0.length]!, end, le);
  writeIfd(sub.exif);
  view.setUint32(main.valueAt[ifd0.length + 1]!, end, le);
  writeIfd(sub.gps);
  view.setUint32(main.nextAt, end, le);
  const ifd1 = writeIfd([
    [0x0103, 3, [6]], // Compression: JPEG
    [0x0201, 4, [0]], // JPEGInterchangeFormat
    [0x0202, 4, [sub.thumbnail.length]], // JPEGInterchangeFormatLength
  ]);
  view.setUint32(ifd1.valueAt[1]!, end, le);
  out.set(sub.thumbnail, end);
  end += sub.thumbnail.length;
  return out.slice(0, end);
}

const CAMERA_MAKE = 'Canon';
const CAMERA_MODEL = 'Canon EOS R6 Mark II';
const CAMERA_SERIAL = '082021001234';
/** A phone/camera EXIF with Make, Model, DateTime, serial number, GPS and a thumbnail; `orientation` omitted when undefined. */
const cameraExif = (orientation: number | undefined, order: 'II' | 'MM' = 'II') =>
  cameraTiff(
    order,
    [
      [0x010f, 2, CAMERA_MAKE],
      [0x0110, 2, CAMERA_MODEL],
      ...(orientation === undefined ? [] : [[0x0112, 3, [orientation]] as IfdEntry]),
      [0x0132, 2, '2026:11:22 09:12:01'],
    ],
    {
      exif: [
        [0x9003, 2, '2026:11:22 09:12:01'], // DateTimeOriginal
        [0xa431, 2, CAMERA_SERIAL], // BodySerialNumber
      ],
      gps: [
        [0x0001, 2, 'N'],
        [0x0002, 5, [48, 1, 51, 1, 2960, 100]],
        [0x0003, 2, 'E'],
        [0x0004, 5, [2, 1, 17, 1, 4020, 100]],
      ],
      thumbnail: JPEG_BASELINE,
    },
  );
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="48,51.4933N" exif:GPSLongitude="2,17.67E"/></rdf:RDF></x:xmpmeta>`;
const COMMENT = 'Taken at home, 5 Avenue Anatole France';

const segment = (marker: number, payload: Uint8Array | string) => {
  const body = bytes(payload);
  return bytes([0xff, marker, ...u16be(body.length + 2)], body);
};
const JPEG_EXIF = segment(0xe1, bytes('Exif\0\0', TIFF));
const JPEG_XMP = segment(0xe1, bytes('http://ns.adobe.com/xap/1.0/\0', XMP));
const JPEG_IPTC = segment(
  0xed,
  bytes('Photoshop 3.0\0', '8BIM', [0x04, 0x04, 0, 0], u32be(10), [0x1c, 0x02, 0x5a, 0, 5], 'Paris', [0]),
);
const JPEG_COM = segment(0xfe, COMMENT);
const JPEG_ICC = segment(0xe2, bytes('ICC_PROFILE\0', [1, 1], 'opaque profile bytes'));
const JPEG_ADOBE = segment(0xee, bytes('Adobe', [0, 100, 0, 0, 0, 0, 1]));
const exifSegment = (tiff: Uint8Array | number[]) => segment(0xe1, bytes('Exif\0\0', tiff));
/** The exact APP1 a cleaned JPEG carries for orientation `n`: big-endian TIFF, IFD0 with Orientation only. */
const orientationApp1 = (n: number) =>
  bytes(
    [0xff, 0xe1, 0x00, 0x22], // APP1, length 34
    'Exif\0\0',
    [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at 8
    [0x00, 0x01], // one entry
    [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, n, 0x00, 0x00], // Orientation, SHORT, 1, n
    [0x00, 0x00, 0x00, 0x00], // no next IFD
  );

/** Inserts segments right after the baseline's APP0 (SOI + 18-byte JFIF segment). */
const jpegWith = (base: Uint8Array, ...segments: Uint8Array[]) =>
  bytes(base.subarray(0, 20), ...segments, base.subarray(20));

// Chunks (length, type, data, CRC) from the SDK's test support, the one PNG builder.
const PNG_SIGNATURE = pngSignature;
const pngIhdr = (width: number, height: number) =>
  pngChunk('IHDR', bytes(u32be(width), u32be(height), [8, 2, 0, 0, 0]));
// 3×2 RGB, each row prefixed with filter type 0.
const PNG_IDAT = pngChunk(
  'IDAT',
  deflateSync(bytes([0, 255, 0, 0, 0, 255, 0, 0, 0, 255], [0, 9, 9, 9, 99, 99, 99, 199, 199, 199])),
);
const PNG_SRGB = pngChunk('sRGB', bytes([0]));
const PNG_PHYS = pngChunk('pHYs', bytes(u32be(2835), u32be(2835), [1]));
const PNG_IEND = pngChunk('IEND');
const PNG_CLEAN = bytes(PNG_SIGNATURE, pngIhdr(3, 2), PNG_SRGB, PNG_PHYS, PNG_IDAT, PNG_IEND);
const PNG_DIRTY = bytes(
  PNG_SIGNATURE,
  pngIhdr(3, 2),
  PNG_SRGB,
  pngChunk('eXIf', TIFF),
  pngChunk('tEXt', `Comment\0${COMMENT}`),
  PNG_PHYS,
  pngChunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0${XMP}`),
  PNG_IDAT,
  pngChunk('tIME', bytes(u16be(2026), [11, 22, 9, 12, 1])),
  pngChunk('zTXt', bytes('Raw profile type exif\0\0', deflateSync(Buffer.from(hex(TIFF))))),
  PNG_IEND,
);

const riffChunk = (fourcc: string, data: Uint8Array | string) => {
  const body = bytes(data);
  return bytes(fourcc, u32le(body.length), body, body.length % 2 ? [0] : []);
};
const riff = (...chunks: Uint8Array[]) => {
  const body = bytes('WEBP', ...chunks);
  return bytes('RIFF', u32le(body.length), body);
};
const VP8L_CHUNK = WEBP_VP8L.subarray(12);
const vp8x = (flags: number, width: number, height: number) =>
  riffChunk('VP8X', bytes([flags, 0, 0, 0], u32le(width - 1).slice(0, 3), u32le(height - 1).slice(0, 3)));
const WEBP_ICC = riffChunk('ICCP', 'opaque profile bytes');
const WEBP_FLAG = { icc: 0x20, exif: 0x08, xmp: 0x04 };
const WEBP_DIRTY = riff(
  vp8x(WEBP_FLAG.icc | WEBP_FLAG.exif | WEBP_FLAG.xmp, 3, 2),
  WEBP_ICC,
  VP8L_CHUNK,
  riffChunk('EXIF', TIFF),
  riffChunk('XMP ', `${XMP} `), // odd length: exercises padding
);
const WEBP_CLEAN = riff(vp8x(WEBP_FLAG.icc, 3, 2), WEBP_ICC, VP8L_CHUNK);

function webpChunks(b: Uint8Array): { fourcc: string; data: Uint8Array }[] {
  const out = [];
  for (let at = 12; at < b.length;) {
    const size = Buffer.from(b).readUInt32LE(at + 4);
    out.push({
      fourcc: Buffer.from(b.subarray(at, at + 4)).toString('latin1'),
      data: b.subarray(at + 8, at + 8 + size),
    });
    at += 8 + size + (size % 2);
  }
  return out;
}

const expectInvalid = (input: Uint8Array, reason: 'unsupported' | 'corrupt') => {
  let error: unknown;
  try {
    cleanImage(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidImageError);
  expect((error as InvalidImageError).reason).toBe(reason);
};

/** Deterministic PRNG (mulberry32) so a failing mutation case is reproducible. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- sniffing

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP by their magic bytes', () => {
    expect(sniffImageType(JPEG_BASELINE)).toBe('image/jpeg');
    expect(sniffImageType(PNG_CLEAN)).toBe('image/png');
    expect(sniffImageType(WEBP_VP8L)).toBe('image/webp');
  });

  it('returns undefined for other formats and for prefixes too short to tell', () => {
    for (const other of [
      b64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'), // GIF
      bytes('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'),
      bytes('<!doctype html><img src=x onerror=alert(1)>'),
      bytes('%PDF-1.7\n'),
      bytes('BM', new Uint8Array(60)),
      bytes('RIFF', u32le(4), 'WAVE'),
      new Uint8Array(),
      bytes([0xff, 0xd8]),
      PNG_SIGNATURE.subarray(0, 7),
      bytes('RIFF', u32le(4), 'WEB'),
    ]) {
      expect(sniffImageType(other)).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------- JPEG

describe('cleanImage: JPEG', () => {
  const dirty = jpegWith(JPEG_BASELINE, JPEG_EXIF, JPEG_XMP, JPEG_ICC, JPEG_IPTC, JPEG_ADOBE, JPEG_COM);

  it('removes the EXIF GPS position that exifr finds in the upload', async () => {
    const before = await exifr.gps(Buffer.from(dirty));
    expect(before.latitude).toBeCloseTo(LATITUDE, 5);
    expect(before.longitude).toBeCloseTo(LONGITUDE, 5);

    const { bytes: clean } = cleanImage(dirty);
    expect(await exifr.gps(Buffer.from(clean))).toBeUndefined();
    expect(contains(clean, TIFF)).toBe(false);
  });

  it('removes XMP, IPTC and comments', async () => {
    const before = await exifr.parse(Buffer.from(dirty), { tiff: false, xmp: true, iptc: true });
    expect(before).toMatchObject({ City: 'Paris', GPSLatitude: expect.anything() });

    const { bytes: clean } = cleanImage(dirty);
    expect(await exifr.parse(Buffer.from(clean), { tiff: true, xmp: true, iptc: true })).toBeUndefined();
    for (const trace of ['ns.adobe.com', '51.4933N', 'Photoshop 3.0', 'Paris', COMMENT]) {
      expect(contains(clean, trace), trace).toBe(false);
    }
  });

  it('keeps every other segment and the scan data byte-for-byte, and the size readable', () => {
    const result = cleanImage(dirty);
    expect(hex(result.bytes)).toBe(hex(jpegWith(JPEG_BASELINE, JPEG_ICC, JPEG_ADOBE)));
    expect(result).toMatchObject({ type: 'image/jpeg', width: 16, height: 8, orientation: 1 });
    expect(imageSize(result.bytes)).toMatchObject({ type: 'jpg', width: 16, height: 8 });
  });

  it('leaves an already clean JPEG unchanged and does not modify the input', () => {
    const copy = dirty.slice();
    expect(hex(cleanImage(JPEG_BASELINE).bytes)).toBe(hex(JPEG_BASELINE));
    cleanImage(dirty);
    expect(hex(dirty)).toBe(hex(copy));
  });

  it('walks every scan of a progressive JPEG, including metadata placed between scans', () => {
    const firstScan = Buffer.from(JPEG_PROGRESSIVE).indexOf(Buffer.from([0xff, 0xc4]), 200);
    const withMetadata = bytes(JPEG_PROGRESSIVE.subarray(0, firstScan), JPEG_COM, JPEG_PROGRESSIVE.subarray(firstScan));
    const result = cleanImage(jpegWith(withMetadata, JPEG_EXIF));
    expect(hex(result.bytes)).toBe(hex(JPEG_PROGRESSIVE));
    expect(result).toMatchObject({ type: 'image/jpeg', width: 16, height: 8 });
  });

  it('drops data appended after the end of the image (e.g. a second JPEG with its own GPS)', async () => {
    const motionPhoto = bytes(JPEG_BASELINE, jpegWith(JPEG_BASELINE, JPEG_EXIF));
    expect(contains(motionPhoto, TIFF)).toBe(true);
    const { bytes: clean } = cleanImage(motionPhoto);
    expect(hex(clean)).toBe(hex(JPEG_BASELINE));
  });

  it('detects the type from the content, whatever the file was called or claimed to be', () => {
    // An upload named "photo.png" sent as image/png but holding JPEG bytes: only the bytes count.
    const upload = { name: 'photo.png', contentType: 'image/png', data: JPEG_BASELINE };
    expect(cleanImage(upload.data).type).toBe('image/jpeg');
    // And the reverse: PNG bytes are a PNG even if claimed to be JPEG.
    expect(cleanImage(PNG_CLEAN).type).toBe('image/png');
  });
});

describe('cleanImage: JPEG orientation', () => {
  it('keeps orientation 6 from a camera EXIF as a minimal APP1, without GPS, camera details or thumbnail', async () => {
    const upload = jpegWith(JPEG_BASELINE, exifSegment(cameraExif(6)), JPEG_XMP, JPEG_ICC);
    const before = await exifr.parse(Buffer.from(upload), { translateValues: false });
    expect(before).toMatchObject({ Make: CAMERA_MAKE, Model: CAMERA_MODEL, Orientation: 6 });
    expect(before.latitude).toBeCloseTo(LATITUDE, 5);
    expect(await exifr.thumbnail(Buffer.from(upload))).toBeDefined();

    const result = cleanImage(upload);
    expect(hex(result.bytes)).toBe(hex(jpegWith(JPEG_BASELINE, orientationApp1(6), JPEG_ICC)));
    // Stored pixels are 16×8 landscape; viewers rotate them to 8×16.
    expect(result).toMatchObject({ type: 'image/jpeg', width: 16, height: 8, orientation: 6 });
    expect(imageSize(result.bytes)).toMatchObject({ type: 'jpg', width: 16, height: 8, orientation: 6 });

    const clean = Buffer.from(result.bytes);
    expect(await exifr.parse(clean, { translateValues: false })).toEqual({ Orientation: 6 });
    expect(await exifr.parse(clean)).toEqual({ Orientation: 'Rotate 90 CW' });
    expect(await exifr.orientation(clean)).toBe(6);
    const everything = await exifr.parse(clean, {
      tiff: true,
      ifd1: true,
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
    });
    expect(Object.keys(everything)).toEqual(['Orientation']);
    expect(await exifr.gps(clean)).toBeUndefined();
    expect(await exifr.thumbnail(clean)).toBeUndefined();
    for (const trace of [CAMERA_MAKE, CAMERA_SERIAL, '2026:11:22', 'ns.adobe.com']) {
      expect(contains(clean, trace), trace).toBe(false);
    }
  });

  it('writes the same big-endian APP1 for orientations 2–8 whichever byte order the upload used, none for 1', async () => {
    for (const order of ['II', 'MM'] as const) {
      for (let n = 1; n <= 8; n++) {
        const result = cleanImage(jpegWith(JPEG_BASELINE, exifSegment(cameraExif(n, order))));
        expect(result.orientation, `${order} ${n}`).toBe(n);
        expect(hex(result.bytes), `${order} ${n}`).toBe(
          hex(n === 1 ? JPEG_BASELINE : jpegWith(JPEG_BASELINE, orientationApp1(n))),
        );
        if (n > 1) expect(await exifr.orientation(Buffer.from(result.bytes))).toBe(n);
      }
    }
  });

  it.each([
    ['no EXIF at all', JPEG_BASELINE],
    ['an EXIF without an Orientation tag', jpegWith(JPEG_BASELINE, exifSegment(cameraExif(undefined)))],
    ['orientation 0', jpegWith(JPEG_BASELINE, exifSegment(cameraExif(0)))],
    ['orientation 9', jpegWith(JPEG_BASELINE, exifSegment(cameraExif(9, 'MM')))],
    ['orientation 65535', jpegWith(JPEG_BASELINE, exifSegment(cameraExif(0xffff)))],
    ['only XMP in APP1', jpegWith(JPEG_BASELINE, JPEG_XMP)],
  ])('adds no APP1 for %s and reports orientation 1', (_name, upload) => {
    const result = cleanImage(upload);
    expect(result.orientation).toBe(1);
    expect(hex(result.bytes)).toBe(hex(JPEG_BASELINE));
  });

  const le16 = (n: number) => [n & 0xff, n >> 8];
  const le32 = u32le;
  /** Little-endian TIFF header + IFD0 with the given 12-byte entries and a next-IFD offset. */
  const ifd0 = (...entries: number[][]) => bytes('II', le16(42), le32(8), le16(entries.length), ...entries, le32(0));
  const entry = (tag: number, type: number, count: number, value: number) => [
    ...le16(tag),
    ...le16(type),
    ...le32(count),
    ...le16(value),
    0,
    0,
  ];
  const orientation6 = entry(0x0112, 3, 1, 6);

  it.each([
    ['an empty Exif payload', bytes('Exif\0\0')],
    ['only an "Exif" identifier, short of the padding', bytes('Exif')],
    ['a TIFF header cut short', bytes('Exif\0\0II*\0')],
    ['an unknown byte order', bytes('Exif\0\0', 'XX', ifd0(orientation6).subarray(2))],
    ['mixed byte order (II with a big-endian 42)', bytes('Exif\0\0', 'II', [0, 42], ifd0(orientation6).subarray(4))],
    [
      'a TIFF magic that is not 42',
      bytes(
        'Exif\0\0',
        ifd0(orientation6).map((v, i) => (i === 2 ? 43 : v)),
      ),
    ],
    ['IFD0 offset past the end', bytes('Exif\0\0', 'II', le16(42), le32(0xfffffff0), le16(1), orientation6)],
    // Read from offset 0, "II" would be the entry count and the second 12-byte entry would start at 14.
    ['IFD0 offset 0, inside the header', bytes('Exif\0\0', 'II', le16(42), le32(0), new Uint8Array(6), orientation6)],
    ['Orientation entry cut short', bytes('Exif\0\0', ifd0(orientation6).subarray(0, 8 + 2 + 10))],
    ['Orientation stored as a LONG', bytes('Exif\0\0', ifd0(entry(0x0112, 4, 1, 6)))],
    ['Orientation with a count of 2', bytes('Exif\0\0', ifd0(entry(0x0112, 3, 2, 6)))],
    [
      'Orientation only in IFD1',
      bytes('Exif\0\0', ifd0(entry(0x010f, 2, 1, 0)).subarray(0, 22), le32(26), le16(1), orientation6, le32(0)),
    ],
    ['an entry count of 65535 with no room for entries', bytes('Exif\0\0', 'II', le16(42), le32(8), le16(0xffff))],
  ])('accepts a JPEG whose EXIF has %s, as if it had no orientation', (_name, payload) => {
    const result = cleanImage(jpegWith(JPEG_BASELINE, segment(0xe1, payload)));
    expect(result).toMatchObject({ type: 'image/jpeg', width: 16, height: 8, orientation: 1 });
    expect(hex(result.bytes)).toBe(hex(JPEG_BASELINE));
  });

  it('reads the Orientation entry when it fits even if later IFD0 entries are cut off, as browsers do', () => {
    const cut = ifd0(entry(0x010f, 2, 1, 0), orientation6, entry(0x0110, 2, 1, 0)).subarray(0, 8 + 2 + 24 + 5);
    const result = cleanImage(jpegWith(JPEG_BASELINE, exifSegment(cut)));
    expect(result.orientation).toBe(6);
    expect(hex(result.bytes)).toBe(hex(jpegWith(JPEG_BASELINE, orientationApp1(6))));
  });

  it('puts the APP1 right after SOI and any leading APP0s, wherever the EXIF was', () => {
    const soi = JPEG_BASELINE.subarray(0, 2);
    const app0 = JPEG_BASELINE.subarray(2, 20);
    const rest = JPEG_BASELINE.subarray(20);
    const exif = exifSegment(cameraExif(8, 'MM'));
    const jfxx = segment(0xe0, bytes('JFXX\0', [0x13])); // extension 0x13: 1 byte/pixel palette thumbnail header
    // No APP0: straight after SOI.
    expect(hex(cleanImage(bytes(soi, exif, rest)).bytes)).toBe(hex(bytes(soi, orientationApp1(8), rest)));
    // EXIF before APP0 (some writers do that): APP0 first, as JFIF requires.
    expect(hex(cleanImage(bytes(soi, exif, app0, rest)).bytes)).toBe(hex(bytes(soi, app0, orientationApp1(8), rest)));
    // EXIF after the quantisation tables and a JFXX thumbnail APP0: moved up; the thumbnail goes.
    expect(hex(cleanImage(bytes(soi, app0, jfxx, JPEG_ICC, rest.subarray(0, 69), exif, rest.subarray(69))).bytes)).toBe(
      hex(bytes(soi, app0, orientationApp1(8), JPEG_ICC, rest)),
    );
  });

  it('takes the orientation from the first EXIF before the image data, the one viewers read', () => {
    const exif3 = exifSegment(cameraExif(3));
    const exif6 = exifSegment(cameraExif(6, 'MM'));
    expect(cleanImage(jpegWith(JPEG_BASELINE, JPEG_XMP, exif3, exif6)).orientation).toBe(3);
    expect(cleanImage(jpegWith(JPEG_BASELINE, exifSegment(cameraExif(undefined)), exif6)).orientation).toBe(1);
    expect(cleanImage(jpegWith(JPEG_BASELINE, exifSegment(bytes('MM')), exif6)).orientation).toBe(1);
    // Between the scans of a progressive JPEG: decoders have already laid out the image by then.
    const firstScan = Buffer.from(JPEG_PROGRESSIVE).indexOf(Buffer.from([0xff, 0xda]));
    const secondScan = Buffer.from(JPEG_PROGRESSIVE).indexOf(Buffer.from([0xff, 0xc4]), firstScan);
    const late = bytes(JPEG_PROGRESSIVE.subarray(0, secondScan), exif6, JPEG_PROGRESSIVE.subarray(secondScan));
    const result = cleanImage(late);
    expect(result.orientation).toBe(1);
    expect(hex(result.bytes)).toBe(hex(JPEG_PROGRESSIVE));
  });

  it('never rejects a JPEG for damage inside its EXIF, and only ever writes the minimal APP1', () => {
    const next = random(6);
    const exif = exifSegment(cameraExif(6, 'MM'));
    for (let round = 0; round < 1000; round++) {
      const damaged = exif.slice();
      for (let k = 1 + Math.floor(next() * 4); k > 0; k--) {
        damaged[10 + Math.floor(next() * (round % 2 ? 40 : damaged.length - 10))] = Math.floor(next() * 256);
      }
      const result = cleanImage(jpegWith(JPEG_BASELINE, damaged));
      expect(result.orientation).toBeGreaterThanOrEqual(1);
      expect(result.orientation).toBeLessThanOrEqual(8);
      const expected =
        result.orientation === 1 ? JPEG_BASELINE : jpegWith(JPEG_BASELINE, orientationApp1(result.orientation));
      expect(hex(result.bytes)).toBe(hex(expected));
    }
  });
});

describe('cleanImage: JPEG APPn keep-only list', () => {
  // JPEG XT / JUMBF in APP11 as C2PA writes it: "JP", box instance, packet sequence, then a
  // jumb superbox whose description box is labelled c2pa, holding an EXIF assertion with GPS.
  const jumbfContent = bytes('jumd', new Uint8Array(16), [0x03], 'c2pa\0');
  const jumbfJson = bytes('json', '{"exif:GPSLatitude":"48,51.4933N","exif:GPSLongitude":"2,17.67E"}');
  const jumbfBox = bytes(
    u32be(8 + 4 + jumbfContent.length + 4 + jumbfJson.length),
    'jumb',
    u32be(4 + jumbfContent.length),
    jumbfContent,
    u32be(4 + jumbfJson.length),
    jumbfJson,
  );
  const JPEG_JUMBF = segment(0xeb, bytes('JP', [0x02, 0x11], u32be(1), jumbfBox));
  const JPEG_DUCKY = segment(0xec, bytes('Ducky', [0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00]));
  const JPEG_PICTURE_INFO = segment(0xec, '[picture info]\r\nTimeDate=1795000000\r\nShutter=-7\r\n');
  const JPEG_MPF = segment(
    0xe2,
    bytes(
      'MPF\0',
      'II*\0',
      u32le(8),
      [3, 0],
      [0x00, 0xb0, 7, 0],
      u32le(4),
      '0100',
      [0x01, 0xb0, 4, 0],
      u32le(1),
      u32le(0),
    ),
  );
  const JPEG_FLASHPIX = segment(0xe2, bytes('FPXR\0', [0, 1], 'Contents List'));
  const JPEG_ICC_2 = segment(0xe2, bytes('ICC_PROFILE\0', [2, 2], 'rest of the profile'));
  const JPEG_JFXX = segment(0xe0, bytes('JFXX\0', [0x13], new Uint8Array(2)));

  it('drops APP11 JUMBF/C2PA, APP12, MPF and FlashPix APP2 and JFXX thumbnails, and keeps ICC APP2s and APP14 byte-exact', () => {
    const upload = jpegWith(
      JPEG_BASELINE,
      JPEG_JFXX,
      JPEG_ICC,
      JPEG_JUMBF,
      JPEG_MPF,
      JPEG_ICC_2,
      JPEG_DUCKY,
      JPEG_FLASHPIX,
      JPEG_PICTURE_INFO,
      JPEG_ADOBE,
    );
    const { bytes: clean } = cleanImage(upload);
    expect(hex(clean)).toBe(hex(jpegWith(JPEG_BASELINE, JPEG_ICC, JPEG_ICC_2, JPEG_ADOBE)));
    for (const trace of ['JFXX', 'jumb', 'c2pa', '51.4933N', 'MPF', 'Ducky', 'FPXR', 'picture info']) {
      expect(contains(clean, trace), trace).toBe(false);
    }
  });

  it('drops every other APPn, and APP0/APP2/APP14 whose identifier is not JFIF, ICC_PROFILE or Adobe', () => {
    const others = [0xe1, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xef].map((m) =>
      segment(m, bytes('ICC_PROFILE\0', [1, 1], `APP${m - 0xe0} payload`)),
    );
    const impostors = [
      segment(0xe0, bytes('AVI1\0', 'motion JPEG frame info')),
      segment(0xe2, bytes('ICC_PROFIL', 'E')), // identifier split at the segment's end
      segment(0xe2, bytes('icc_profile\0', [1, 1])),
      segment(0xee, bytes('Adob')),
      segment(0xee, bytes('Photoshop')),
      segment(0xe0, bytes('JFIF')), // no NUL
    ];
    const { bytes: clean } = cleanImage(jpegWith(JPEG_BASELINE, ...others, ...impostors, JPEG_ICC, JPEG_ADOBE));
    expect(hex(clean)).toBe(hex(jpegWith(JPEG_BASELINE, JPEG_ICC, JPEG_ADOBE)));
  });
});

// ---------------------------------------------------------------- PNG

describe('cleanImage: PNG', () => {
  it('removes the eXIf GPS position that exifr finds in the upload', async () => {
    const before = await exifr.gps(Buffer.from(PNG_DIRTY));
    expect(before.latitude).toBeCloseTo(LATITUDE, 5);
    expect(before.longitude).toBeCloseTo(LONGITUDE, 5);

    const { bytes: clean } = cleanImage(PNG_DIRTY);
    expect(await exifr.gps(Buffer.from(clean))).toBeUndefined();
    for (const trace of [TIFF, 'eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME', COMMENT, 'ns.adobe.com']) {
      expect(contains(clean, trace)).toBe(false);
    }
  });

  it('keeps the other chunks byte-for-byte (CRCs intact) and the size readable', () => {
    const result = cleanImage(PNG_DIRTY);
    expect(hex(result.bytes)).toBe(hex(PNG_CLEAN));
    expect(result).toMatchObject({ type: 'image/png', width: 3, height: 2, orientation: 1 });
    expect(imageSize(result.bytes)).toMatchObject({ type: 'png', width: 3, height: 2 });
  });

  it('drops data after IEND', () => {
    expect(hex(cleanImage(bytes(PNG_CLEAN, 'Exif\0\0', TIFF)).bytes)).toBe(hex(PNG_CLEAN));
  });
});

// ---------------------------------------------------------------- WebP

describe('cleanImage: WebP', () => {
  it('removes the EXIF GPS position and the XMP chunk', async () => {
    // exifr has no WebP reader, so read the EXIF chunk's TIFF payload directly.
    const exif = webpChunks(WEBP_DIRTY).find((c) => c.fourcc === 'EXIF');
    const before = await exifr.gps(Buffer.from(exif!.data));
    expect(before.latitude).toBeCloseTo(LATITUDE, 5);

    const { bytes: clean } = cleanImage(WEBP_DIRTY);
    expect(webpChunks(clean).map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8L']);
    expect(contains(clean, TIFF)).toBe(false);
    expect(contains(clean, 'ns.adobe.com')).toBe(false);
  });

  it('fixes the RIFF size and the VP8X flags, keeps the rest byte-for-byte and the size readable', () => {
    const result = cleanImage(WEBP_DIRTY);
    expect(Buffer.from(result.bytes).readUInt32LE(4)).toBe(result.bytes.length - 8);
    expect(result.bytes[20]).toBe(WEBP_FLAG.icc); // EXIF and XMP flags cleared, ICC kept
    expect(hex(result.bytes)).toBe(hex(WEBP_CLEAN));
    expect(result).toMatchObject({ type: 'image/webp', width: 3, height: 2, orientation: 1 });
    expect(imageSize(result.bytes)).toMatchObject({ type: 'webp', width: 3, height: 2 });
  });

  it('leaves a simple lossless WebP unchanged and drops data after the RIFF', () => {
    const result = cleanImage(bytes(WEBP_VP8L, 'Exif\0\0', TIFF));
    expect(hex(result.bytes)).toBe(hex(WEBP_VP8L));
    expect(result).toMatchObject({ type: 'image/webp', width: 3, height: 2 });
  });
});

// ---------------------------------------------------------------- rejections

describe('cleanImage: rejections', () => {
  it.each([
    ['GIF', b64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>')],
    ['HTML', bytes('<!doctype html><html><body><img src=x onerror=alert(1)></body></html>')],
    ['PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n')],
    ['empty input', new Uint8Array()],
    ['a lone JPEG SOI', bytes([0xff, 0xd8])],
    ['a RIFF that is not WebP', bytes('RIFF', u32le(12), 'AVI LIST', u32le(0))],
    // Lossless/arithmetic JPEG (SOF3, SOF9): well formed, but browsers cannot show them.
    ['a lossless JPEG', JPEG_BASELINE.map((v, i, a) => (a[i - 1] === 0xff && v === 0xc0 ? 0xc3 : v))],
    ['an arithmetic-coded JPEG', JPEG_BASELINE.map((v, i, a) => (a[i - 1] === 0xff && v === 0xc0 ? 0xc9 : v))],
  ])('rejects %s as unsupported', (_name, input) => {
    expectInvalid(input, 'unsupported');
  });

  const sof = Buffer.from(JPEG_BASELINE).indexOf(Buffer.from([0xff, 0xc0]));
  const dht = Buffer.from(JPEG_BASELINE).indexOf(Buffer.from([0xff, 0xc4]));
  const sos = Buffer.from(JPEG_BASELINE).indexOf(Buffer.from([0xff, 0xda]));
  const withSofHeight = (h: number) => {
    const b = JPEG_BASELINE.slice();
    b.set(u16be(h), sof + 5);
    return b;
  };
  const JPEG_ROTATED = jpegWith(JPEG_BASELINE, exifSegment(cameraExif(6, 'MM')), JPEG_ICC);
  const pngIdatFlipped = PNG_CLEAN.slice();
  pngIdatFlipped[PNG_CLEAN.length - 12 - 5]! ^= 0x01; // last IDAT data byte, before its CRC and IEND

  it.each([
    ['a PNG signature followed by garbage', bytes(PNG_SIGNATURE, 'this is not a chunk at all, just text')],
    ['a PNG whose first chunk is not IHDR', bytes(PNG_SIGNATURE, PNG_IDAT, PNG_IEND)],
    ['a PNG without IEND (truncated)', PNG_CLEAN.subarray(0, PNG_CLEAN.length - 12)],
    ['a PNG with a damaged IDAT (CRC mismatch)', pngIdatFlipped],
    [
      'a PNG chunk length of 4 GiB',
      bytes(PNG_SIGNATURE, pngIhdr(3, 2), [0xff, 0xff, 0xff, 0xff], 'IDAT', new Uint8Array(8)),
    ],
    ['a PNG 0 pixels wide', bytes(PNG_SIGNATURE, pngIhdr(0, 2), PNG_IDAT, PNG_IEND)],
    ['a PNG without image data', bytes(PNG_SIGNATURE, pngIhdr(3, 2), PNG_IEND)],
    ['a JPEG truncated mid-segment', JPEG_BASELINE.subarray(0, dht + 10)],
    ['a JPEG truncated in its image data', JPEG_BASELINE.subarray(0, JPEG_BASELINE.length - 8)],
    [
      'a JPEG segment length running past the end',
      bytes(JPEG_BASELINE.subarray(0, 20), [0xff, 0xe1, 0xff, 0xff], 'Exif\0\0'),
    ],
    [
      'a JPEG segment length of 0',
      bytes(JPEG_BASELINE.subarray(0, 20), [0xff, 0xfe, 0, 0], JPEG_BASELINE.subarray(20)),
    ],
    [
      'a JPEG segment length of 1',
      bytes(JPEG_BASELINE.subarray(0, 20), [0xff, 0xfe, 0, 1], JPEG_BASELINE.subarray(20)),
    ],
    ['JPEG magic followed by garbage', bytes([0xff, 0xd8, 0xff], 'garbage garbage garbage')],
    ['a JPEG without a frame header', bytes(JPEG_BASELINE.subarray(0, sof), JPEG_BASELINE.subarray(sof + 19))],
    ['a JPEG without image data', bytes(JPEG_BASELINE.subarray(0, sos), [0xff, 0xd9])],
    ['a JPEG 0 pixels high', withSofHeight(0)],
    ['a WebP whose RIFF size runs past the end', WEBP_VP8L.subarray(0, WEBP_VP8L.length - 2)],
    ['a WebP chunk running past the RIFF', riff(bytes('VP8L', u32le(1000), VP8L_CHUNK.subarray(8)))],
    ['a WebP with no chunks', riff()],
    ['a WebP with only a VP8X header', riff(vp8x(0, 3, 2))],
    ['a WebP starting with a metadata chunk', riff(riffChunk('EXIF', TIFF), VP8L_CHUNK)],
  ])('rejects %s as corrupt', (_name, input) => {
    expectInvalid(input, 'corrupt');
  });

  it('rejects every truncation of each format as corrupt', () => {
    for (const image of [
      jpegWith(JPEG_BASELINE, JPEG_EXIF, JPEG_COM),
      JPEG_PROGRESSIVE,
      PNG_DIRTY,
      WEBP_DIRTY,
      JPEG_ROTATED,
    ]) {
      // Cut points that still sniff as the format (the rest are 'unsupported', covered above).
      for (let n = 12; n < image.length; n++) expectInvalid(image.subarray(0, n), 'corrupt');
    }
  });

  it('never throws anything but InvalidImageError on randomly damaged files, and never hangs', () => {
    const next = random(20261122);
    for (const image of [
      jpegWith(JPEG_BASELINE, JPEG_EXIF, JPEG_COM),
      JPEG_PROGRESSIVE,
      PNG_DIRTY,
      WEBP_DIRTY,
      JPEG_ROTATED,
    ]) {
      const type = sniffImageType(image);
      for (let round = 0; round < 400; round++) {
        const damaged = image.slice();
        for (let k = 1 + Math.floor(next() * 4); k > 0; k--) {
          damaged[3 + Math.floor(next() * (damaged.length - 3))] = Math.floor(next() * 256);
        }
        try {
          const result = cleanImage(damaged);
          expect(result.type).toBe(type);
          expect(result.width).toBeGreaterThan(0);
          expect(result.height).toBeGreaterThan(0);
          expect([1, 2, 3, 4, 5, 6, 7, 8]).toContain(result.orientation);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidImageError);
        }
      }
    }
  });
});
