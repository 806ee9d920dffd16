/** Notices on a grid's board (`notices`): rows, their API shape, and every statement that reads or writes them. */
import type { Schemas } from '@gridkit/sdk';
import type { Db } from './database.js';
import { whereOf } from './filters.js';
import { plucked, prepared } from './statements.js';

export interface NoticeRow {
  id: string;
  grid_id: string;
  title: string;
  body: string;
  kind: Schemas['NoticeKind'];
  pinned: number;
  published_at: string;
  expires_at: string | null;
  retired_at: string | null;
  author_id: string | null;
  author_name: string | null;
}

export function toNotice(row: NoticeRow): Schemas['Notice'] {
  return {
    id: row.id,
    gridId: row.grid_id,
    title: row.title,
    body: row.body,
    kind: row.kind,
    pinned: row.pinned === 1,
    publishedAt: row.published_at,
    expiresAt: row.expires_at,
    retiredAt: row.retired_at,
    ...(row.author_id && row.author_name ? { author: { id: row.author_id, name: row.author_name } } : {}),
  };
}

/** On the board at `@now`: published, not expired, not retired. */
const current = { sql: 'published_at <= @now AND (expires_at IS NULL OR expires_at > @now) AND retired_at IS NULL' };

/** The board's notices at `now`, in its order: pinned first, newest first, then id. */
export function currentNotices(db: Db, gridId: string, now: string): NoticeRow[] {
  return prepared(
    db,
    `SELECT * FROM notices WHERE grid_id = @grid AND ${current.sql} ORDER BY pinned DESC, published_at DESC, id`,
  ).all({ grid: gridId, now }) as NoticeRow[];
}

/** When the board's notices last changed: one appeared, was retired or expired (null: never). */
export function lastNoticeChange(db: Db, gridId: string, now: string): string | null {
  return plucked(
    db,
    `SELECT MAX(at) FROM (
       SELECT published_at AS at FROM notices WHERE grid_id = @grid AND published_at <= @now
       UNION ALL SELECT retired_at FROM notices WHERE grid_id = @grid
       UNION ALL SELECT expires_at FROM notices WHERE grid_id = @grid AND expires_at <= @now)`,
  ).get({ grid: gridId, now }) as string | null;
}

/** When the board next changes by the clock alone: a notice starts or ends (null: only a write changes it). */
export function nextNoticeChange(db: Db, gridId: string, now: string): string | null {
  return plucked(
    db,
    `SELECT MIN(at) FROM (
       SELECT published_at AS at FROM notices WHERE grid_id = @grid AND retired_at IS NULL AND published_at > @now
       UNION ALL SELECT expires_at FROM notices WHERE grid_id = @grid AND retired_at IS NULL AND expires_at > @now)`,
  ).get({ grid: gridId, now }) as string | null;
}

/**
 * A page of a grid's notices in the board's order (one row more than
 * `limit`); `after` is the previous page's last `[pinned, published_at, id]`.
 */
export function listNoticeRows(
  db: Db,
  filter: {
    gridId: string;
    includeExpired: boolean;
    now: string;
    after?: readonly [number, string, string];
    limit: number;
  },
): NoticeRow[] {
  const where = whereOf([
    { sql: 'grid_id = @grid', params: { grid: filter.gridId } },
    !filter.includeExpired && { ...current, params: { now: filter.now } },
    filter.after && {
      sql: `(pinned < @pinned OR (pinned = @pinned AND (published_at < @published OR (published_at = @published AND id > @id))))`,
      params: { pinned: filter.after[0], published: filter.after[1], id: filter.after[2] },
    },
  ]);
  return prepared(
    db,
    `SELECT * FROM notices ${where.sql} ORDER BY pinned DESC, published_at DESC, id LIMIT @limit`,
  ).all({
    ...where.params,
    limit: filter.limit + 1,
  }) as NoticeRow[];
}

export function findNotice(db: Db, id: string): NoticeRow | undefined {
  return prepared(db, 'SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow | undefined;
}

export function insertNotice(
  db: Db,
  notice: Omit<NoticeRow, 'retired_at' | 'pinned'> & { pinned: boolean; created_at: string },
): void {
  prepared(
    db,
    `INSERT INTO notices (id, grid_id, title, body, kind, pinned, published_at, expires_at, author_id, author_name, created_at)
     VALUES (@id, @grid_id, @title, @body, @kind, @pinned, @published_at, @expires_at, @author_id, @author_name, @created_at)`,
  ).run({ ...notice, pinned: notice.pinned ? 1 : 0 });
}

export function markNoticeRetired(db: Db, id: string, retirement: { at: string; reason: string | null }): void {
  prepared(db, 'UPDATE notices SET retired_at = @at, retire_reason = @reason WHERE id = @id').run({
    ...retirement,
    id,
  });
}
