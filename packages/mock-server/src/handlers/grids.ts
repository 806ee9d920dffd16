import { notFound } from '../domain/errors.js';
import { ok, type Handler } from '../http/handler.js';
import {
  ancestorRows,
  gridLeader,
  leafGridAt,
  listGridRows,
  requireGrid,
  toGrid,
  toGrids,
  toTeamMember,
} from '../store/grids.js';
import { decodeCursor, page } from './cursor.js';

export const listGrids: Handler<'listGrids'> = ({ db, query }) => {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query, 1);
  const rows = listGridRows(db, {
    parentId: query.parentId,
    level: query.level,
    q: query.q,
    afterCode: after ? String(after[0]) : undefined,
    limit,
  });
  const result = page(
    rows,
    query,
    (row) => row,
    (row) => [row.code],
  );
  return ok({ items: toGrids(db, result.items), nextCursor: result.nextCursor });
};

/** The leaf grid at a point, with its path and its leader's public card (as on the notice board). */
export const locateGrid: Handler<'locateGrid'> = ({ db, query }) => {
  const point = { lat: query.lat, lng: query.lng };
  const found = leafGridAt(db, point);
  if (!found) throw notFound(`A grid at ${point.lat}, ${point.lng}`);
  const leader = gridLeader(db, found.id);
  return ok({ point, grid: toGrid(db, found), leader: leader ? toTeamMember(leader) : null });
};

export const getGrid: Handler<'getGrid'> = ({ db, path }) => ok(toGrid(db, requireGrid(db, path.gridId)));

export const listGridAncestors: Handler<'listGridAncestors'> = ({ db, path }) => {
  return ok({ items: toGrids(db, ancestorRows(db, requireGrid(db, path.gridId))) });
};
