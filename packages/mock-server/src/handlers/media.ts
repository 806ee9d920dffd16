import { DomainError, notFound } from '../domain/errors.js';
import { cleanImage, InvalidImageError } from '../domain/image-files.js';
import { newId } from '../domain/ids.js';
import { created, type Handler } from '../http/handler.js';
import { maxUploadBytes } from '../limits.js';
import { findMedia, insertMedia, mediaFileReferenced, mediaUrl, toMedia } from '../store/media.js';

export const uploadMedia: Handler<'uploadMedia'> = async (context) => {
  const { db, media, now } = context;
  const file = context.form?.get('file');
  if (!(file instanceof File)) {
    throw new DomainError(400, 'validation-failed', 'Send the image as the multipart part "file".', [
      { path: '/body/file', message: 'must be a file' },
    ]);
  }
  if (file.size > maxUploadBytes) throw new DomainError(413, 'payload-too-large', 'Images may be at most 10 MiB.');
  let image;
  try {
    image = cleanImage(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    if (!(error instanceof InvalidImageError)) throw error;
    if (error.reason === 'dimensions') {
      throw new DomainError(422, 'unprocessable', error.message, [
        { path: '/body/file', message: error.message, code: 'image_too_large' },
      ]);
    }
    throw new DomainError(
      415,
      'unsupported-media-type',
      `Only JPEG, PNG and WebP images are accepted: ${error.message}`,
    );
  }
  // The file is written before the row: a crash in between leaves an unreferenced file (swept at the
  // next start), never a row without one.
  const sha256 = await media.put(image.bytes);
  const purpose = context.form?.get('purpose') ?? null;
  try {
    return context.write(() => {
      const id = newId('med');
      insertMedia(db, {
        id,
        content_type: image.type,
        bytes: image.bytes.byteLength,
        width: image.width,
        height: image.height,
        sha256,
        purpose: purpose as string | null,
        createdAt: now.toISOString(),
      });
      return created(toMedia(findMedia(db, id)!), { Location: mediaUrl(id) });
    });
  } finally {
    // Refused (a reused Idempotency-Key, a replayed problem) or failed: the file goes unless a row uses it.
    media.release(sha256, (hash) => mediaFileReferenced(db, hash));
  }
};

export const getMedia: Handler<'getMedia'> = async ({ db, media, path, header }) => {
  const row = findMedia(db, path.mediaId);
  if (!row) throw notFound(`Media ${path.mediaId}`);
  const etag = `"${row.id}"`;
  const headers = { ETag: etag, 'Cache-Control': 'public, max-age=31536000, immutable' };
  const ifNoneMatch = (header as Record<string, string | undefined>)['if-none-match'];
  // Weak comparison, as RFC 9110 asks for If-None-Match.
  const matches = (tag: string) => tag === '*' || tag.replace(/^W\//, '') === etag;
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => matches(tag.trim()))) {
    return { status: 304, headers };
  }
  return {
    status: 200,
    bytes: await media.read(row.sha256),
    headers: { ...headers, 'Content-Type': row.content_type, 'X-Content-Type-Options': 'nosniff' },
  };
};
