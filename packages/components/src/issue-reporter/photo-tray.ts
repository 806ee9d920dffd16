import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { preparePhoto, PhotoError, type PhotoErrorCode } from '../internal/photo.js';

/** One photo the resident added: prepared in the browser (downscaled, re-encoded, no EXIF) before anything is sent. */
export interface TrayPhoto {
  /** Local id, for lists and focus; never sent. */
  id: number;
  state: 'preparing' | 'ready' | 'error';
  /** The original file, kept only until it is prepared (or for a retry after an error). */
  file?: File;
  /** The prepared image that will be uploaded. */
  blob?: Blob;
  /** A small decoded copy for the thumbnail (drawn on a canvas: no `blob:` URL, which a strict CSP's img-src refuses). */
  thumb?: ImageBitmap;
  error?: PhotoErrorCode;
}

/**
 * The photos of one report. Prepares each file one at a time (a kiosk has
 * little memory), and forgets everything on `clear()`: blobs dropped,
 * bitmaps closed, files released.
 */
export class PhotoTray implements ReactiveController {
  photos: TrayPhoto[] = [];
  private nextId = 1;
  private queue: Promise<void> = Promise.resolve();
  /** Bumped by clear(): preparations still running for an old report are thrown away. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { maxSide: () => number; max: number },
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.clear();
  }

  get ready(): TrayPhoto[] {
    return this.photos.filter((p) => p.state === 'ready');
  }

  /** Adds files up to the limit; returns how many did not fit. */
  add(files: Iterable<File>): number {
    let refused = 0;
    for (const file of files) {
      if (this.photos.length >= this.options.max) {
        refused += 1;
        continue;
      }
      const photo: TrayPhoto = { id: this.nextId++, state: 'preparing', file };
      this.photos = [...this.photos, photo];
      this.prepare(photo);
    }
    this.host.requestUpdate();
    return refused;
  }

  retry(id: number) {
    const photo = this.photos.find((p) => p.id === id);
    if (!photo?.file || photo.state !== 'error') return;
    this.update(photo, { state: 'preparing', error: undefined });
    this.prepare(photo);
  }

  remove(id: number) {
    const photo = this.photos.find((p) => p.id === id);
    photo?.thumb?.close();
    this.photos = this.photos.filter((p) => p.id !== id);
    this.host.requestUpdate();
  }

  /** Forgets every photo (kiosk reset, a new report). */
  clear() {
    this.generation += 1;
    for (const photo of this.photos) photo.thumb?.close();
    this.photos = [];
    this.queue = Promise.resolve();
    this.host.requestUpdate();
  }

  /** Resolves when every photo added so far is prepared or failed. */
  settled(): Promise<void> {
    return this.queue;
  }

  private prepare(photo: TrayPhoto) {
    const generation = this.generation;
    this.queue = this.queue.then(async () => {
      if (generation !== this.generation || !this.photos.includes(photo) || !photo.file) return;
      try {
        const { blob } = await preparePhoto(photo.file, { maxSide: this.options.maxSide() });
        const thumb = await createImageBitmap(blob, { resizeHeight: 192, resizeQuality: 'medium' });
        if (generation !== this.generation || !this.photos.some((p) => p.id === photo.id)) {
          thumb.close();
          return;
        }
        this.update(photo, { state: 'ready', blob, thumb, file: undefined });
      } catch (error) {
        if (generation !== this.generation) return;
        this.update(photo, { state: 'error', error: error instanceof PhotoError ? error.code : 'decode-failed' });
      }
    });
  }

  private update(photo: TrayPhoto, change: Partial<TrayPhoto>) {
    this.photos = this.photos.map((p) => (p.id === photo.id ? Object.assign(photo, change) : p));
    this.host.requestUpdate();
  }
}

/** Paints a prepared photo's small copy once per canvas. */
const painted = new WeakMap<HTMLCanvasElement, ImageBitmap>();
export function drawThumb(canvas: HTMLCanvasElement | undefined, bitmap: ImageBitmap | undefined) {
  if (!canvas || !bitmap || painted.get(canvas) === bitmap || bitmap.width === 0) return;
  painted.set(canvas, bitmap);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
}
