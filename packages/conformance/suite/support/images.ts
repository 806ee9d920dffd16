import { jpeg4x3, png as pngBytes, pngChunk, pngSignature } from '@gridkit/sdk/test-support';

// The image builders live once, in the SDK's test support; the suite works on Buffers.
export const PNG_SIGNATURE = Buffer.from(pngSignature);

/** A valid RGB PNG of the given size, a simple gradient. */
export function png(width: number, height: number): Buffer {
  return Buffer.from(pngBytes(width, height));
}

/** A baseline JPEG, 4×3 pixels, no metadata (made with cjpeg). */
export const JPEG_4X3 = Buffer.from(jpeg4x3());

/** The GPS latitude rationals the EXIF block below carries (36° 5′ 58.2″), as they appear in the bytes. */
export const GPS_LATITUDE_BYTES = Buffer.from([
  0, 0, 0, 36, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 2, 0x46, 0, 0, 0, 10,
]);
/** And the longitude rationals (114° 21′ 7.9″). */
export const GPS_LONGITUDE_BYTES = Buffer.from([
  0, 0, 0, 114, 0, 0, 0, 1, 0, 0, 0, 21, 0, 0, 0, 1, 0, 0, 0, 79, 0, 0, 0, 10,
]);
export const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
/** The camera make written into IFD0 (a "camera detail" the server must strip). */
export const CAMERA_MAKE = 'ConformanceCam';

export const TAG_MAKE = 0x010f;
export const TAG_ORIENTATION = 0x0112;
export const TAG_GPS_IFD = 0x8825;

/**
 * A big-endian TIFF block: IFD0 with Make, Orientation and a GPSInfo pointer;
 * a GPS IFD with version, N 36°5′58.2″, E 114°21′7.9″.
 */
function exifTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(180);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  let p = 8;
  const entry = (tagId: number, type: number, count: number, write: (at: number) => void) => {
    tiff.writeUInt16BE(tagId, p);
    tiff.writeUInt16BE(type, p + 2);
    tiff.writeUInt32BE(count, p + 4);
    write(p + 8);
    p += 12;
  };
  // IFD0 at 8: three entries (42 bytes), Make's text at 50, GPS IFD at 66.
  tiff.writeUInt16BE(3, p);
  p += 2;
  entry(TAG_MAKE, 2, CAMERA_MAKE.length + 1, (at) => tiff.writeUInt32BE(50, at));
  entry(TAG_ORIENTATION, 3, 1, (at) => tiff.writeUInt16BE(orientation, at));
  entry(TAG_GPS_IFD, 4, 1, (at) => tiff.writeUInt32BE(66, at));
  tiff.writeUInt32BE(0, p);
  tiff.write(`${CAMERA_MAKE}\0`, 50, 'latin1');
  // GPS IFD at 66: five entries (66 bytes), rationals at 132 and 156.
  p = 66;
  tiff.writeUInt16BE(5, p);
  p += 2;
  entry(0x0000, 1, 4, (at) => tiff.set([2, 3, 0, 0], at)); // GPSVersionID
  entry(0x0001, 2, 2, (at) => tiff.write('N\0', at, 'latin1')); // GPSLatitudeRef
  entry(0x0002, 5, 3, (at) => tiff.writeUInt32BE(132, at)); // GPSLatitude
  entry(0x0003, 2, 2, (at) => tiff.write('E\0', at, 'latin1')); // GPSLongitudeRef
  entry(0x0004, 5, 3, (at) => tiff.writeUInt32BE(156, at)); // GPSLongitude
  tiff.writeUInt32BE(0, p);
  GPS_LATITUDE_BYTES.copy(tiff, 132);
  GPS_LONGITUDE_BYTES.copy(tiff, 156);
  return tiff;
}

/** The 4×3 JPEG with an EXIF APP1 segment (camera make, orientation, GPS position) right after its JFIF APP0. */
export function jpegWithGps(orientation = 6): Buffer {
  const tiff = exifTiff(orientation);
  const app1 = Buffer.alloc(4);
  app1[0] = 0xff;
  app1[1] = 0xe1;
  app1.writeUInt16BE(2 + EXIF_HEADER.length + tiff.length, 2);
  const app0End = 4 + JPEG_4X3.readUInt16BE(4); // SOI (2) + APP0 marker (2) + APP0 length
  return Buffer.concat([JPEG_4X3.subarray(0, app0End), app1, EXIF_HEADER, tiff, JPEG_4X3.subarray(app0End)]);
}

export interface ExifSummary {
  /** Number of Exif APP1 segments. */
  segments: number;
  /** Tags found in IFD0 of any of them. */
  ifd0Tags: number[];
  /** The orientation tag's value, when present. */
  orientation: number | undefined;
}

/** Reads the Exif APP1 segments of a JPEG (before its scan data): which IFD0 tags they carry. */
export function readExif(jpeg: Buffer): ExifSummary {
  const summary: ExifSummary = { segments: 0, ifd0Tags: [], orientation: undefined };
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = jpeg.readUInt16BE(i + 2);
    const segment = jpeg.subarray(i + 4, i + 2 + length);
    if (marker === 0xe1 && segment.subarray(0, 6).equals(EXIF_HEADER)) {
      summary.segments += 1;
      const tiff = segment.subarray(6);
      const le = tiff[0] === 0x49;
      const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
      const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
      try {
        const ifd0 = u32(4);
        const count = u16(ifd0);
        for (let k = 0; k < count; k++) {
          const e = ifd0 + 2 + 12 * k;
          const tagId = u16(e);
          summary.ifd0Tags.push(tagId);
          if (tagId === TAG_ORIENTATION) summary.orientation = u16(e + 8);
        }
      } catch {
        summary.ifd0Tags.push(-1); // unreadable TIFF structure
      }
    }
    i += 2 + length;
  }
  return summary;
}

/** A PNG with a `tEXt` chunk carrying `text` (metadata the server must strip). */
export function pngWithText(width: number, height: number, text: string): Buffer {
  const plain = png(width, height);
  const iend = plain.length - 12;
  return Buffer.concat([plain.subarray(0, iend), pngChunk('tEXt', `Comment\0${text}`), plain.subarray(iend)]);
}

export function blob(bytes: Buffer, type: string): Blob {
  return new Blob([new Uint8Array(bytes)], { type });
}
