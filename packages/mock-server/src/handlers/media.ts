import type { Schemas } from '@gridkit/sdk';
import { DomainError, notFound } from '../domain/errors.js';
import { cleanImage, InvalidImageError } from '../domain/image-files.js';
import { newId } from '../domain/ids.js';
import { apiBase, maxUploadBytes } from '../http/app.js';
import { created, type Handler } from '../http/handler.js';

interface MediaRow {
  id: string;
  content_type: Schemas['Media']['contentType'];
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  created_at: string;
}

function toMedia(row: MediaRow): Schemas['Media'] {
  return {
    id: row.id,
    contentType: row.content_type,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    url: `${apiBase}/media/${row.id}`,
    createdAt: row.created_at,
  };
}

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
    throw new DomainError(
      415,
      'unsupported-media-type',
      `Only JPEG, PNG and WebP images are accepted: ${error.message}`,
    );
  }
  // The file is written before the row: a crash in between leaves an unreferenced file, never a row without one.
  const sha256 = await media.put(image.bytes);
  const purpose = context.form?.get('purpose') ?? null;
  return context.write(() => {
    const id = newId('med');
    db.prepare(
      'INSERT INTO media (id, content_type, bytes, width, height, sha256, purpose, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, image.type, image.bytes.byteLength, image.width, image.height, sha256, purpose, now.toISOString());
    const row = db.prepare('SELECT * FROM media WHERE id = ?').get(id) as MediaRow;
    return created(toMedia(row), { Location: `${apiBase}/media/${id}` });
  });
};

export const getMedia: Handler<'getMedia'> = async ({ db, media, path, header }) => {
  const row = db.prepare('SELECT * FROM media WHERE id = ?').get(path.mediaId) as MediaRow | undefined;
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
