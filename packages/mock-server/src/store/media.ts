/** Uploaded images' records (`media`; the bytes are in media-files.ts): rows, API shape, statements. */
import type { Schemas } from '@gridkit/sdk';
import { apiBase } from '../limits.js';
import type { Db } from './database.js';
import { plucked, prepared } from './statements.js';

export interface MediaRow {
  id: string;
  content_type: Schemas['Media']['contentType'];
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  created_at: string;
}

/** Where a media item is served. */
export const mediaUrl = (id: string) => `${apiBase}/media/${id}`;

export function toMedia(row: MediaRow): Schemas['Media'] {
  return {
    id: row.id,
    contentType: row.content_type,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    url: mediaUrl(row.id),
    createdAt: row.created_at,
  };
}

export function findMedia(db: Db, id: string): MediaRow | undefined {
  return prepared(db, 'SELECT * FROM media WHERE id = ?').get(id) as MediaRow | undefined;
}

export function insertMedia(
  db: Db,
  media: Omit<MediaRow, 'created_at'> & { purpose: string | null; createdAt: string },
): void {
  prepared(
    db,
    `INSERT INTO media (id, content_type, bytes, width, height, sha256, purpose, created_at)
     VALUES (@id, @content_type, @bytes, @width, @height, @sha256, @purpose, @createdAt)`,
  ).run(media);
}

/** Which of `ids` name stored media. */
export function existingMediaIds(db: Db, ids: readonly string[] | undefined): Set<string> {
  if (!ids?.length) return new Set();
  return new Set(
    plucked(db, 'SELECT id FROM media WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ids),
    ) as string[],
  );
}

/** Whether any media row points at the stored file `sha256` (the same photo may back several rows). */
export function mediaFileReferenced(db: Db, sha256: string): boolean {
  return plucked(db, 'SELECT EXISTS (SELECT 1 FROM media WHERE sha256 = ?)').get(sha256) === 1;
}
