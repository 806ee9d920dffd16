import { conflict, notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { requireStaffOver } from '../domain/jurisdiction.js';
import { noticePeriod } from '../domain/notices.js';
import { created, ok, type Handler } from '../http/handler.js';
import { gridTeam, requireGrid, toGrid, toTeamMember } from '../store/grids.js';
import {
  currentNotices,
  findNotice,
  insertNotice,
  lastNoticeChange,
  listNoticeRows,
  nextNoticeChange,
  markNoticeRetired,
  toNotice,
} from '../store/notices.js';
import { decodeCursor, page } from './cursor.js';
import { recordWebhookEvent } from '../store/webhooks.js';

export const getNoticeBoard: Handler<'getNoticeBoard'> = ({ db, path, now }) => {
  const grid = requireGrid(db, path.gridId);
  const team = gridTeam(db, grid.id);
  const leader = team.find((member) => member.is_leader === 1);
  const notices = currentNotices(db, grid.id, now.toISOString());
  // The board last changed when a notice appeared, was retired or expired, or the grid's own data changed.
  const lastChange = lastNoticeChange(db, grid.id, now.toISOString());
  const updatedAt = lastChange && lastChange > grid.updated_at ? lastChange : grid.updated_at;
  const nextChange = nextNoticeChange(db, grid.id, now.toISOString());
  const board = ok({
    grid: toGrid(db, grid),
    leader: leader ? toTeamMember(leader) : null,
    team: team.filter((member) => member !== leader).map(toTeamMember),
    serviceHours: grid.service_hours,
    services: JSON.parse(grid.services) as string[],
    notices: notices.map(toNotice),
    updatedAt,
  });
  // Nothing but a write or the next notice's start or end changes the board: it may be answered from memory until then.
  return { ...board, unchangedUntil: nextChange ? Date.parse(nextChange) : Infinity };
};

export const listNotices: Handler<'listNotices'> = ({ db, path, query, principal, now }) => {
  const grid = requireGrid(db, path.gridId);
  if (query.includeExpired) requireStaffOver(principal, grid, 'includeExpired');
  const scope = { ...query, gridId: grid.id };
  const after = decodeCursor(scope, 3);
  // Keyset pagination in the board's order: pinned first, newest first, then id.
  const rows = listNoticeRows(db, {
    gridId: grid.id,
    includeExpired: Boolean(query.includeExpired),
    now: now.toISOString(),
    after: after && [Number(after[0]), String(after[1]), String(after[2])],
    limit: query.limit ?? 50,
  });
  return ok(page(rows, scope, toNotice, (row) => [row.pinned, row.published_at, row.id]));
};

export const createNotice: Handler<'createNotice'> = (context) => {
  const { db, path, body, now } = context;
  const grid = requireGrid(db, path.gridId);
  const principal = requireStaffOver(context.principal, grid, 'Posting a notice');
  return context.write(() => {
    const { publishedAt, expiresAt } = noticePeriod(body, now);
    const id = newId('ntc');
    insertNotice(db, {
      id,
      grid_id: grid.id,
      title: body.title,
      body: body.body,
      kind: body.kind,
      pinned: Boolean(body.pinned),
      published_at: publishedAt.toISOString(),
      expires_at: expiresAt?.toISOString() ?? null,
      author_id: principal.id,
      author_name: principal.name,
      created_at: now.toISOString(),
    });
    context.announce({ kind: 'notices', gridId: grid.id });
    recordWebhookEvent(db, {
      type: 'notice.published',
      gridPath: grid.path,
      at: now.toISOString(),
      data: {
        noticeId: id,
        gridId: grid.id,
        title: body.title,
        kind: body.kind,
        publishedAt: publishedAt.toISOString(),
      },
    });
    return created(toNotice(findNotice(db, id)!));
  });
};

export const retireNotice: Handler<'retireNotice'> = (context) => {
  const { db, path, body, now } = context;
  const notice = findNotice(db, path.noticeId);
  if (!notice) throw notFound(`Notice ${path.noticeId}`);
  requireStaffOver(context.principal, requireGrid(db, notice.grid_id), 'Retiring a notice');
  return context.write(() => {
    const current = findNotice(db, notice.id)!;
    if (current.retired_at)
      throw conflict('notice-already-retired', `Notice ${notice.id} was retired at ${current.retired_at}.`);
    markNoticeRetired(db, notice.id, { at: now.toISOString(), reason: body?.reason ?? null });
    context.announce({ kind: 'notices', gridId: notice.grid_id });
    return ok(toNotice(findNotice(db, notice.id)!));
  });
};
