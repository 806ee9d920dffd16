/**
 * Upload checks for `POST /media`: the type comes from the bytes (a claimed
 * Content-Type or file name proves nothing), and metadata that can locate or
 * identify the uploader (EXIF GPS and camera details, XMP, IPTC, C2PA/JUMBF,
 * comments) is removed before the image is ever stored or served. Images are
 * never re-encoded: kept segments and chunks are copied byte-for-byte, so pixels
 * and colour are untouched. The one thing written anew is a JPEG's orientation:
 * its EXIF is dropped whole and replaced by a minimal one holding only that tag,
 * so viewers still show the photo upright without the pixels being rotated.
 */
import { crc32 } from 'node:zlib';
import { imageSize } from 'image-size';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface CleanImage {
  type: ImageType;
  bytes: Uint8Array;
  /**
   * Pixel dimensions as stored, before any rotation: a portrait phone photo saved
   * landscape with `orientation` 6 reports its landscape width and height, and a
   * viewer shows it `height` wide and `width` high.
   */
  width: number;
  height: number;
  /**
   * EXIF orientation (1–8) that `bytes` carries and viewers apply: 2–8 only for a JPEG
   * whose EXIF had it; 1 (upright, as stored) otherwise, and always for PNG and WebP,
   * whose EXIF is dropped whole.
   */
  orientation: number;
}

/** The largest image accepted: a side of 20 000 px and 100 megapixels (a phone photo is 12–50). */
export const maxImageSide = 20_000;
export const maxImagePixels = 100_000_000;

export class InvalidImageError extends Error {
  override readonly name = 'InvalidImageError';
  constructor(
    /**
     * `unsupported`: not JPEG/PNG/WebP (415); `corrupt`: claims to be one but is broken;
     * `dimensions`: its width or height is beyond `maxImageSide` or `maxImagePixels` (422).
     */
    readonly reason: 'unsupported' | 'corrupt' | 'dimensions',
    message: string,
  ) {
    super(message);
  }
}

const corrupt = (message: string) => new InvalidImageError('corrupt', message);

/** Refuses dimensions no phone or camera makes, before anything is sized from them. */
function checkDimensions(width: number, height: number): void {
  if (width > maxImageSide || height > maxImageSide || width * height > maxImagePixels) {
    throw new InvalidImageError(
      'dimensions',
      `The image claims ${width}×${height} pixels; at most ${maxImageSide} px a side and ${maxImagePixels / 1_000_000} megapixels are accepted.`,
    );
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
// `>>> 0` keeps values >= 2^31 positive, so oversized lengths fail the bounds checks.
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u32le = (b: Uint8Array, at: number) =>
  ((b[at + 3]! << 24) | (b[at + 2]! << 16) | (b[at + 1]! << 8) | b[at]!) >>> 0;

/** By magic bytes; undefined for anything else (GIF, SVG, HTML, PDF, truncated junk...). */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Validates and cleans an upload: detects the type by content, reads the dimensions
 * (via image-size), and returns a copy with metadata removed. JPEG: of the APPn
 * segments only APP0 JFIF, APP2 ICC profiles and APP14 Adobe are kept (so EXIF
 * and XMP in APP1, MPF and FlashPix APP2, C2PA/JUMBF APP11, Ducky APP12 and IPTC APP13
 * go), COM is dropped, and an EXIF orientation of 2–8 is written back as a minimal
 * APP1 (see `orientationSegment`). PNG: eXIf, tEXt, iTXt, zTXt, tIME are dropped.
 * WebP: EXIF, XMP are dropped. Anything after the image's end marker is dropped too:
 * phones append whole secondary images or videos there, with their own metadata.
 * Throws `InvalidImageError`; a malformed EXIF alone does not make a JPEG invalid,
 * its orientation then counts as absent.
 */
export function cleanImage(bytes: Uint8Array): CleanImage {
  const type = sniffImageType(bytes);
  if (!type) throw new InvalidImageError('unsupported', 'Not a JPEG, PNG or WebP image.');
  const { bytes: cleaned, orientation } =
    type === 'image/jpeg'
      ? cleanJpeg(bytes)
      : { bytes: type === 'image/png' ? cleanPng(bytes) : cleanWebp(bytes), orientation: 1 };
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(cleaned);
  } catch {
    throw corrupt('Image dimensions are unreadable.');
  }
  const { width = 0, height = 0 } = size;
  if (size.type !== SIZE_TYPE[type] || !(width > 0 && height > 0)) throw corrupt('Image dimensions are unreadable.');
  checkDimensions(width, height);
  return { type, bytes: cleaned, width, height, orientation };
}

const SIZE_TYPE: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const startsWith = (b: Uint8Array, prefix: string) => ascii(b, 0, prefix.length) === prefix;

/**
 * Keep-only list for APPn (FFE0–FFEF), by marker and the identifier that starts the
 * segment's payload (the bytes after its length field). Everything else goes: APP1
 * EXIF/XMP, APP2 MPF (secondary images) and FlashPix, APP11 JUMBF/C2PA (which can
 * carry location), APP12 Ducky/PictureInfo, APP13 IPTC, and any APPn unknown today.
 */
function keepJpegApp(marker: number, payload: Uint8Array): boolean {
  // JFXX is left out: it exists to carry a thumbnail, which may show what a crop removed.
  if (marker === 0xe0) return startsWith(payload, 'JFIF\0');
  if (marker === 0xe2) return startsWith(payload, 'ICC_PROFILE\0'); // colour profile (may span several APP2s)
  if (marker === 0xee) return startsWith(payload, 'Adobe'); // tells decoders the colour transform (RGB/YCCK)
  return false;
}

/**
 * EXIF orientation from the TIFF structure of an APP1 `Exif\0\0` segment: IFD0's tag
 * 0x0112 of type SHORT and count 1, read as browsers do (entries are scanned while
 * they fit, the first match counts). 1 when absent, out of range (not 2–8) or
 * unreadable, never an error: the EXIF is dropped anyway.
 */
function exifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const u16 = (at: number) => (order === 'MM' ? u16be(tiff, at) : tiff[at]! | (tiff[at + 1]! << 8));
  const u32 = (at: number) => (order === 'MM' ? u32be(tiff, at) : u32le(tiff, at));
  if (u16(2) !== 42) return 1;
  const ifd0 = u32(4);
  if (ifd0 < 8 || ifd0 + 2 > tiff.length) return 1;
  for (let n = u16(ifd0), at = ifd0 + 2; n > 0 && at + 12 <= tiff.length; n--, at += 12) {
    if (u16(at) !== 0x0112 || u16(at + 2) !== 3 || u32(at + 4) !== 1) continue;
    const value = u16(at + 8);
    return value >= 2 && value <= 8 ? value : 1;
  }
  return 1;
}

/**
 * The whole EXIF a cleaned JPEG carries: an APP1 with a TIFF header and IFD0 holding
 * only Orientation (SHORT, count 1), next-IFD offset 0; 36 bytes.
 */
function orientationSegment(orientation: number): Uint8Array {
  const segment = new Uint8Array(36);
  const view = new DataView(segment.buffer);
  view.setUint16(0, 0xffe1);
  view.setUint16(2, segment.length - 2);
  segment.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4); // "Exif\0\0"
  // Always big-endian ("MM"), whatever the upload used: byte order is a trait of the
  // camera's firmware, and this way the segment depends on the orientation alone.
  view.setUint16(10, 0x4d4d);
  view.setUint16(12, 42);
  view.setUint32(14, 8); // IFD0 right after the header
  view.setUint16(18, 1); // one entry
  view.setUint16(20, 0x0112); // Orientation
  view.setUint16(22, 3); // SHORT
  view.setUint32(24, 1); // count; value left-aligned in the 4-byte field, next-IFD offset 0 after it
  view.setUint16(28, orientation);
  return segment;
}

// The frame types browsers decode and image-size measures; lossless, hierarchical and
// arithmetic-coded JPEGs are valid files that would be stored but not displayable.
const JPEG_SOF_OK = new Set([0xc0, 0xc1, 0xc2]);

function cleanJpeg(b: Uint8Array): { bytes: Uint8Array; orientation: number } {
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let pos = 2;
  let frame = false;
  let scan = false;
  // Where APP1 normally sits: after SOI and the APP0s that lead the kept segments.
  let app1At = 1;
  // From the first Exif APP1 before the first scan, the one viewers read (they stop at SOS).
  let orientation: number | undefined;
  for (;;) {
    if (pos + 2 > b.length) throw corrupt('JPEG ends before its end-of-image marker.');
    if (b[pos] !== 0xff) throw corrupt('JPEG marker expected.');
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9) {
      if (!scan) throw corrupt('JPEG has no image data.');
      kept.push(b.subarray(pos, pos + 2));
      if (orientation !== undefined && orientation !== 1) kept.splice(app1At, 0, orientationSegment(orientation));
      return { bytes: concat(kept), orientation: orientation ?? 1 };
    }
    if (marker === 0x00 || marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      throw corrupt('Unexpected JPEG marker.');
    }
    if (pos + 4 > b.length) throw corrupt('JPEG segment is truncated.');
    const length = u16be(b, pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > b.length) throw corrupt('JPEG segment length runs past the end.');
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (frame) throw corrupt('JPEG has more than one frame header.');
      if (!JPEG_SOF_OK.has(marker))
        throw new InvalidImageError('unsupported', 'Only baseline and progressive JPEG are accepted.');
      frame = true;
    }
    const payload = b.subarray(pos + 4, end);
    if (marker === 0xe1 && !scan && orientation === undefined && startsWith(payload, 'Exif\0\0')) {
      orientation = exifOrientation(payload.subarray(6));
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (isApp ? keepJpegApp(marker, payload) : marker !== 0xfe /* COM */) {
      kept.push(b.subarray(pos, end));
      if (marker === 0xe0 && app1At === kept.length - 1) app1At = kept.length;
    }
    pos = end;
    if (marker !== 0xda) continue;
    if (!frame) throw corrupt('JPEG scan before frame header.');
    scan = true;
    // Entropy-coded data runs to the next marker; FF00 (stuffed byte) and RSTn belong to it.
    let i = pos;
    for (;;) {
      i = b.indexOf(0xff, i);
      if (i < 0 || i + 1 >= b.length) throw corrupt('JPEG image data is truncated.');
      const next = b[i + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
      else if (next === 0xff) i += 1;
      else break;
    }
    kept.push(b.subarray(pos, i));
    pos = i;
  }
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** Channels per pixel of each PNG colour type (grey, RGB, palette, grey+alpha, RGBA). */
const PNG_CHANNELS: Record<number, number | undefined> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/**
 * Deflate cannot compress better than about 1032:1 (a 258-byte match in two bits);
 * image data shorter than its raw size over this is not the image its header claims.
 */
const DEFLATE_MAX_RATIO = 1100;

function cleanPng(b: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [b.subarray(0, 8)];
  let pos = 8;
  let idat = false;
  let idatBytes = 0;
  let rawBytes = 0;
  for (;;) {
    if (pos + 12 > b.length) throw corrupt('PNG ends before its IEND chunk.');
    const length = u32be(b, pos);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > b.length) throw corrupt('PNG chunk length runs past the end.');
    const type = ascii(b, pos + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw corrupt('PNG chunk type is invalid.');
    if ((pos === 8) !== (type === 'IHDR')) throw corrupt('PNG must start with exactly one IHDR chunk.');
    if (type === 'IHDR' && length !== 13) throw corrupt('PNG IHDR chunk has the wrong size.');
    if (type === 'IHDR') {
      const width = u32be(b, pos + 8);
      const height = u32be(b, pos + 12);
      const channels = PNG_CHANNELS[b[pos + 17]!];
      if (!channels || !(width > 0 && height > 0)) throw corrupt('PNG IHDR chunk is invalid.');
      checkDimensions(width, height);
      // Each row: a filter byte, then its pixels (at bit depth × channels bits each).
      rawBytes = height * (1 + Math.ceil((width * channels * b[pos + 16]!) / 8));
    }
    if (type === 'IDAT') idatBytes += length;
    // A bad CRC means damaged bytes; decoders reject critical chunks with one, so do we.
    if (crc32(b.subarray(pos + 4, end - 4)) !== u32be(b, end - 4)) throw corrupt(`PNG ${type} chunk CRC mismatch.`);
    if (!PNG_DROP.has(type)) kept.push(b.subarray(pos, end));
    if (type === 'IDAT') idat = true;
    if (type === 'IEND') {
      if (!idat) throw corrupt('PNG has no image data.');
      if (idatBytes * DEFLATE_MAX_RATIO < rawBytes) throw corrupt('PNG image data is too short for its dimensions.');
      return concat(kept);
    }
    pos = end;
  }
}

const WEBP_DROP = new Set(['EXIF', 'XMP ']);
// VP8X flag bits announcing EXIF (0x08) and XMP (0x04) chunks that we remove.
const VP8X_METADATA_FLAGS = 0x08 | 0x04;
const WEBP_HEADER_SIZE: Record<string, number | undefined> = { 'VP8 ': 10, VP8L: 5 };

function cleanWebp(b: Uint8Array): Uint8Array {
  const riffSize = u32le(b, 4);
  const end = 8 + riffSize;
  if (end > b.length || riffSize < 4 + 8) throw corrupt('WebP RIFF size runs past the end.');
  const kept: Uint8Array[] = [];
  let pos = 12;
  let image = false;
  while (pos < end) {
    if (pos + 8 > end) throw corrupt('WebP chunk header is truncated.');
    const fourcc = ascii(b, pos, 4);
    const size = u32le(b, pos + 4);
    const chunkEnd = pos + 8 + size + (size & 1); // chunks are padded to even length
    if (chunkEnd > end) throw corrupt('WebP chunk size runs past the end.');
    const minSize = WEBP_HEADER_SIZE[fourcc];
    if (pos === 12 && fourcc !== 'VP8X' && minSize === undefined) throw corrupt('WebP must start with an image chunk.');
    // image-size reads the header at fixed offsets; too short a chunk would make it read its neighbour.
    if (minSize !== undefined && size < minSize) throw corrupt(`WebP ${fourcc} chunk is too short.`);
    if (fourcc === 'VP8X' && (pos !== 12 || size < 10)) throw corrupt('WebP VP8X chunk is misplaced or too short.');
    image ||= minSize !== undefined || fourcc === 'ANMF';
    if (!WEBP_DROP.has(fourcc)) kept.push(b.subarray(pos, chunkEnd));
    pos = chunkEnd;
  }
  if (!image) throw corrupt('WebP has no image data.');
  const body = concat(kept);
  if (ascii(body, 0, 4) === 'VP8X') body[8] = body[8]! & ~VP8X_METADATA_FLAGS;
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concat([header, body]);
}
