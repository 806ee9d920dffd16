/**
 * Photos a resident attaches to a report, prepared in the browser before upload:
 * decoded (upright, following the camera's orientation tag), downscaled so the
 * longest side fits, and re-encoded. Re-encoding writes only pixels, so EXIF —
 * GPS position, camera serial, time — never leaves the device. The server strips
 * metadata too (see `uploadMedia` in the contract); this is the first line.
 *
 * Hand-written on purpose: the browser already has the decoder, the resampler
 * and the encoder (`createImageBitmap`, canvas, `convertToBlob`/`toBlob`); the
 * libraries that wrap them are several times larger (docs/photos-and-qr.md).
 */

/** Value for `<input type="file" accept>`: what `preparePhoto` can read (HEIC only where the browser decodes it). */
export const photoTypes = 'image/jpeg,image/png,image/webp,image/heic,image/heif';

/** Why a file could not be prepared. */
export type PhotoErrorCode =
  /** Not a photo format we read (a PDF, a text file, a GIF, HEIC on a browser that cannot decode it). */
  | 'unsupported'
  /** Larger than we dare decode, or still over the server's limit after re-encoding. */
  | 'too-large'
  /** Looks like a JPEG/PNG/WebP but the browser could not decode it (truncated or corrupt). */
  | 'decode-failed';

export class PhotoError extends Error {
  override readonly name = 'PhotoError';
  constructor(
    readonly code: PhotoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface PreparePhotoOptions {
  /** Longest side of the result in CSS pixels; smaller photos are never upscaled. Default 1600. */
  maxSide?: number;
  /** Output format. WebP falls back to JPEG where the browser cannot encode it. Default JPEG. */
  type?: 'image/jpeg' | 'image/webp';
  /** Encoder quality, 0–1. Default 0.85. */
  quality?: number;
}

interface PreparedPhoto {
  /** The re-encoded image, without metadata. */
  blob: Blob;
  /** Pixel size of `blob`, upright. */
  width: number;
  height: number;
}

/** A phone photo is 3–15 MB; past this, decoding could exhaust a kiosk's memory. */
const MAX_INPUT_BYTES = 50 * 1024 * 1024;
/** The contract's upload limit (`uploadMedia`: 10 MiB). */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Decoded pixel budget (≈ 400 MB of RGBA); a 48 MP phone photo is well under. */
const MAX_INPUT_PIXELS = 100_000_000;

type Sniffed = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heif' | undefined;

/** The format by content, not by name or declared type (phones often send HEIC as `application/octet-stream`). */
async function sniff(file: Blob): Promise<Sniffed> {
  const b = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  // ISO base media file with an image brand: HEIC/HEIF (and AVIF, same container).
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif|avis)$/.test(ascii(8, 12))) {
    return 'image/heif';
  }
  return undefined;
}

/** Decode upright. `createImageBitmap` reads blobs without a URL, so no `blob:` in a strict CSP's img-src. */
async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    // Browsers that predate the 'from-image' value reject it with a TypeError; their default is upright.
    if (error instanceof TypeError) return createImageBitmap(file);
    throw error;
  }
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function canvasOf(
  width: number,
  height: number,
): { ctx: Canvas2D; encode: (type: string, quality: number) => Promise<Blob | null> } {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) return { ctx, encode: (type, quality) => canvas.convertToBlob({ type, quality }) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new PhotoError('decode-failed', 'No 2D canvas available to draw the photo.');
  return { ctx, encode: (type, quality) => new Promise((resolve) => canvas.toBlob(resolve, type, quality)) };
}

/**
 * Prepare a photo for upload: upright, longest side ≤ `maxSide`, re-encoded
 * (JPEG by default) without any metadata.
 *
 * @throws {PhotoError} `unsupported` for anything but JPEG/PNG/WebP (and HEIC
 *   where the browser decodes it), `too-large` past {@link MAX_INPUT_BYTES} or
 *   100 megapixels or when the result would exceed the upload limit,
 *   `decode-failed` for a damaged image.
 */
export async function preparePhoto(file: Blob, options: PreparePhotoOptions = {}): Promise<PreparedPhoto> {
  const maxSide = Math.max(1, Math.floor(options.maxSide ?? 1600));
  const quality = options.quality ?? 0.85;
  const wanted = options.type ?? 'image/jpeg';

  const kind = await sniff(file);
  if (!kind) throw new PhotoError('unsupported', 'This file is not a JPEG, PNG, WebP or HEIC photo.');
  if (file.size > MAX_INPUT_BYTES) {
    throw new PhotoError('too-large', `The photo is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  }

  let bitmap: ImageBitmap;
  try {
    bitmap = await decode(file);
  } catch (cause) {
    // A HEIC the browser cannot read is a format we do not support here, not a broken file.
    if (kind === 'image/heif') {
      throw new PhotoError('unsupported', 'This browser cannot read HEIC photos; choose a JPEG instead.', { cause });
    }
    throw new PhotoError('decode-failed', 'The photo could not be read; it may be damaged.', { cause });
  }

  try {
    const { width: w0, height: h0 } = bitmap;
    if (w0 * h0 > MAX_INPUT_PIXELS) throw new PhotoError('too-large', 'The photo has too many pixels to process.');
    const scale = Math.min(1, maxSide / Math.max(w0, h0));
    const width = Math.max(1, Math.round(w0 * scale));
    const height = Math.max(1, Math.round(h0 * scale));

    const { ctx, encode } = canvasOf(width, height);
    if (wanted === 'image/jpeg') {
      // JPEG has no alpha: transparent PNG areas would turn black; paper white reads better.
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
    }
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);

    let blob = await encode(wanted, quality);
    // A browser that cannot encode WebP hands back PNG; JPEG is smaller for photos and accepted everywhere.
    if (!blob || blob.type !== wanted) blob = await encode('image/jpeg', quality);
    if (!blob || (blob.type !== 'image/jpeg' && blob.type !== wanted)) {
      throw new PhotoError('decode-failed', 'The photo could not be re-encoded.');
    }
    if (blob.size > MAX_UPLOAD_BYTES) {
      throw new PhotoError('too-large', 'The photo is still larger than the upload limit after resizing.');
    }
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}
