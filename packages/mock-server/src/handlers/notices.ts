import type { Schemas } from '@gridkit/sdk';
import { conflict, notFound, unauthenticated, unprocessable } from '../domain/errors.js';
import { requireGrid, toGrid, type GridRow } from '../domain/grids.js';
import { newId } from '../domain/ids.js';
import type { Principal } from '../http/auth.js';
import { requireGridInJurisdiction } from '../domain/jurisdiction.js';
import { decodeCursor, page } from '../http/cursor.js';
import { created, ok, type Handler } from '../http/handler.js';
import type { Db } from '../store/database.js';

interface NoticeRow {
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

export interface TeamRow {
  id: string;
  name: string;
  role: string;
  role_label: string | null;
  photo_url: string | null;
  work_phone: string | null;
  duties: string;
  is_leader: number;
}

function toNotice(row: NoticeRow): Schemas['Notice'] {
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

export function toTeamMember(row: TeamRow): Schemas['TeamMember'] {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    ...(row.role_label ? { roleLabel: JSON.parse(row.role_label) as Schemas['LocalizedText'] } : {}),
    photoUrl: row.photo_url,
    workPhone: row.work_phone,
    duties: JSON.parse(row.duties) as string[],
  };
}

const currentClause = 'published_at <= @now AND (expires_at IS NULL OR expires_at > @now) AND retired_at IS NULL';

function requireStaffOver(principal: Principal | undefined, grid: GridRow, what: string): Principal {
  if (!principal) throw unauthenticated(`${what} needs a staff bearer token.`);
  requireGridInJurisdiction(principal, grid);
  return principal;
}

export const getNoticeBoard: Handler<'getNoticeBoard'> = ({ db, path, now }) => {
  const grid = requireGrid(db, path.gridId);
  const team = db
    .prepare('SELECT * FROM team_members WHERE grid_id = ? ORDER BY is_leader DESC, sort_order, id')
    .all(grid.id) as TeamRow[];
  const leader = team.find((member) => member.is_leader === 1);
  const notices = db
    .prepare(
      `SELECT * FROM notices WHERE grid_id = @grid AND ${currentClause} ORDER BY pinned DESC, published_at DESC, id`,
    )
    .all({ grid: grid.id, now: now.toISOString() }) as NoticeRow[];
  // The board last changed when a notice appeared, was retired or expired, or the grid's own data changed.
  const lastNoticeChange = db
    .prepare(
      `SELECT MAX(at) FROM (
         SELECT published_at AS at FROM notices WHERE grid_id = @grid AND published_at <= @now
         UNION ALL SELECT retired_at FROM notices WHERE grid_id = @grid
         UNION ALL SELECT expires_at FROM notices WHERE grid_id = @grid AND expires_at <= @now)`,
    )
    .pluck()
    .get({ grid: grid.id, now: now.toISOString() }) as string | null;
  const updatedAt = lastNoticeChange && lastNoticeChange > grid.updated_at ? lastNoticeChange : grid.updated_at;
  return ok({
    grid: toGrid(db, grid),
    leader: leader ? toTeamMember(leader) : null,
    team: team.filter((member) => member !== leader).map(toTeamMember),
    serviceHours: grid.service_hours,
    services: JSON.parse(grid.services) as string[],
    notices: notices.map(toNotice),
    updatedAt,
  });
};

export const listNotices: Handler<'listNotices'> = ({ db, path, query, principal, now }) => {
  const grid = requireGrid(db, path.gridId);
  if (query.includeExpired) requireStaffOver(principal, grid, 'includeExpired');
  const limit = query.limit ?? 50;
  const scope = { ...query, gridId: grid.id };
  const after = decodeCursor(scope, 3);
  // Keyset pagination in the board's order: pinned first, newest first, then id.
  const rows = db
    .prepare(
      `SELECT * FROM notices WHERE grid_id = @grid
       ${query.includeExpired ? '' : `AND ${currentClause}`}
       AND (@after IS NULL OR pinned < @pinned
            OR (pinned = @pinned AND (published_at < @published OR (published_at = @published AND id > @id))))
       ORDER BY pinned DESC, published_at DESC, id LIMIT @limit`,
    )
    .all({
      grid: grid.id,
      now: now.toISOString(),
      after: after ? 1 : null,
      pinned: after?.[0] ?? 0,
      published: after?.[1] ?? '',
      id: after?.[2] ?? '',
      limit: limit + 1,
    }) as NoticeRow[];
  return ok(page(rows, scope, toNotice, (row) => [row.pinned, row.published_at, row.id]));
};

export const createNotice: Handler<'createNotice'> = (context) => {
  const { db, path, body, now } = context;
  const grid = requireGrid(db, path.gridId);
  const principal = requireStaffOver(context.principal, grid, 'Posting a notice');
  return context.write(() => {
    const publishedAt = body.publishedAt ? new Date(body.publishedAt) : now;
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined;
    if (expiresAt && expiresAt.getTime() <= Math.max(publishedAt.getTime(), now.getTime())) {
      throw unprocessable({
        path: '/body/expiresAt',
        code: 'invalid_period',
        message: 'expiresAt must be after publishedAt and in the future.',
      });
    }
    const id = newId('ntc');
    db.prepare(
      `INSERT INTO notices (id, grid_id, title, body, kind, pinned, published_at, expires_at, author_id, author_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      grid.id,
      body.title,
      body.body,
      body.kind,
      body.pinned ? 1 : 0,
      publishedAt.toISOString(),
      expiresAt?.toISOString() ?? null,
      principal.id,
      principal.name,
      now.toISOString(),
    );
    return created(toNotice(findNotice(db, id)!));
  });
};

function findNotice(db: Db, id: string): NoticeRow | undefined {
  return db.prepare('SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow | undefined;
}

export const retireNotice: Handler<'retireNotice'> = (context) => {
  const { db, path, body, now } = context;
  const notice = findNotice(db, path.noticeId);
  if (!notice) throw notFound(`Notice ${path.noticeId}`);
  requireStaffOver(context.principal, requireGrid(db, notice.grid_id), 'Retiring a notice');
  return context.write(() => {
    const current = findNotice(db, notice.id)!;
    if (current.retired_at)
      throw conflict('notice-already-retired', `Notice ${notice.id} was retired at ${current.retired_at}.`);
    db.prepare('UPDATE notices SET retired_at = ?, retire_reason = ? WHERE id = ?').run(
      now.toISOString(),
      body?.reason ?? null,
      notice.id,
    );
    return ok(toNotice(findNotice(db, notice.id)!));
  });
};
