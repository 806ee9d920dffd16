// Makes the photo fixtures for src/internal/photo.test.ts. Run once from
// packages/components: `node src/test-support/images/make-fixtures.mjs`.
// Chromium draws and encodes the pixels; the EXIF block (GPS position, camera
// make, orientation) is written here by hand, as a phone would put it in APP1.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import exifr from 'exifr';

const here = new URL('./', import.meta.url);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const page = await browser.newPage();

/** Draw a photo-like scene (sky gradient, ground, a few shapes) and encode it; `mark` paints a red block in one corner. */
async function draw(width, height, type, quality, mark) {
  const bytes = await page.evaluate(
    async ({ width, height, type, quality, mark }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (type === 'image/png') {
        ctx.clearRect(0, 0, width, height); // transparent background
        ctx.fillStyle = '#2a6';
        ctx.beginPath();
        ctx.arc(width / 2, height / 2, Math.min(width, height) / 3, 0, Math.PI * 2);
        ctx.fill();
      } else {
        const sky = ctx.createLinearGradient(0, 0, 0, height);
        sky.addColorStop(0, '#6ab');
        sky.addColorStop(0.6, '#dde');
        sky.addColorStop(0.6, '#686');
        sky.addColorStop(1, '#343');
        ctx.fillStyle = sky;
        ctx.fillRect(0, 0, width, height);
        ctx.fillStyle = '#555';
        for (let i = 0; i < 12; i += 1)
          ctx.fillRect((i * width) / 12 + width / 48, height * 0.35, width / 24, height * 0.25);
      }
      if (mark) {
        ctx.fillStyle = '#f00';
        const [x, y] = mark;
        ctx.fillRect(x * width, y * height, width / 4, height / 4);
      }
      const blob = await canvas.convertToBlob({ type, quality });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    { width, height, type, quality, mark },
  );
  return Buffer.from(bytes);
}

/** A little-endian TIFF with IFD0 (make, orientation, GPS pointer) and a GPS IFD. */
function exifBlock({ orientation, lat, lng }) {
  const dms = (deg) => {
    const d = Math.floor(deg);
    const m = Math.floor((deg - d) * 60);
    const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
    return [
      [d, 1],
      [m, 1],
      [s, 100],
    ];
  };
  // entry: [tag, type, count, value] with value a number (inline) or Buffer (stored after the IFD)
  const ifd = (entries, start) => {
    const head = 2 + entries.length * 12 + 4;
    const table = Buffer.alloc(head);
    const data = [];
    let dataOffset = start + head;
    table.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, count, value], i) => {
      const at = 2 + i * 12;
      table.writeUInt16LE(tag, at);
      table.writeUInt16LE(type, at + 2);
      table.writeUInt32LE(count, at + 4);
      if (Buffer.isBuffer(value) && value.length > 4) {
        table.writeUInt32LE(dataOffset, at + 8);
        data.push(value);
        dataOffset += value.length + (value.length % 2);
        if (value.length % 2) data.push(Buffer.alloc(1));
      } else if (Buffer.isBuffer(value)) value.copy(table, at + 8);
      else if (type === 3) table.writeUInt16LE(value, at + 8);
      else table.writeUInt32LE(value, at + 8);
    });
    return Buffer.concat([table, ...data]);
  };
  const ascii = (s) => Buffer.from(`${s}\0`, 'latin1');
  const rationals = (list) => {
    const b = Buffer.alloc(list.length * 8);
    list.forEach(([n, d], i) => (b.writeUInt32LE(n, i * 8), b.writeUInt32LE(d, i * 8 + 4)));
    return b;
  };
  const make = ascii('GridkitTestPhone');
  const ifd0Entries = (gpsOffset) => [
    [0x010f, 2, make.length, make],
    [0x0112, 3, 1, orientation],
    [0x8825, 4, 1, gpsOffset],
  ];
  const ifd0Length = ifd(ifd0Entries(0), 8).length;
  const gpsStart = 8 + ifd0Length;
  const gps = ifd(
    [
      [0x0000, 1, 4, Buffer.from([2, 2, 0, 0])],
      [0x0001, 2, 2, ascii('N')],
      [0x0002, 5, 3, rationals(dms(lat))],
      [0x0003, 2, 2, ascii('E')],
      [0x0004, 5, 3, rationals(dms(lng))],
    ],
    gpsStart,
  );
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  const tiff = Buffer.concat([header, ifd(ifd0Entries(gpsStart), 8), gps]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([segment, payload]);
}

/** APP1 right after SOI, where the Exif standard puts it. */
const withExif = (jpeg, exif) => Buffer.concat([jpeg.subarray(0, 2), exif, jpeg.subarray(2)]);

// A phone held upright: pixels stored landscape (2400×1800) with orientation 6
// (rotate 90° clockwise to view), so the upright photo is 1800×2400. The red
// block sits at the stored bottom-left, which is the upright top-left.
const gpsPhoto = withExif(
  await draw(2400, 1800, 'image/jpeg', 0.85, [0, 0.75]),
  exifBlock({ orientation: 6, lat: 36.0976, lng: 114.3927 }),
);
writeFileSync(new URL('gps-rotated.jpg', here), gpsPhoto);
writeFileSync(new URL('large-4000x3000.jpg', here), await draw(4000, 3000, 'image/jpeg', 0.8));
writeFileSync(new URL('small-transparent.png', here), await draw(320, 200, 'image/png', undefined));
writeFileSync(new URL('not-a-photo.txt', here), 'The drain cover on Xiguan Street is broken.\n');
await browser.close();

const read = await exifr.parse(gpsPhoto, { gps: true, translateValues: false });
console.log('gps-rotated.jpg EXIF read back:', {
  make: read.Make,
  orientation: read.Orientation,
  latitude: read.latitude,
  longitude: read.longitude,
});
