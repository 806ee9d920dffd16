import { pathIds, requireGrid, toGrid, toGrids, type GridRow } from '../domain/grids.js';
import { decodeCursor, page } from '../http/cursor.js';
import { ok, type Handler } from '../http/handler.js';

export const listGrids: Handler<'listGrids'> = ({ db, query }) => {
  const limit = query.limit ?? 50;
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (query.parentId !== undefined) {
    where.push('parent_id = ?');
    args.push(query.parentId);
  }
  if (query.level !== undefined) {
    where.push('level = ?');
    args.push(query.level);
  }
  if (query.q) {
    where.push('(instr(lower(name), lower(?)) > 0 OR instr(lower(code), lower(?)) > 0)');
    args.push(query.q, query.q);
  }
  const after = decodeCursor(query, 1);
  if (after) {
    where.push('code > ?');
    args.push(after[0]!);
  }
  const rows = db
    .prepare(`SELECT * FROM grids ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY code LIMIT ?`)
    .all(...args, limit + 1) as GridRow[];
  const result = page(
    rows,
    query,
    (row) => row,
    (row) => [row.code],
  );
  return ok({ items: toGrids(db, result.items), nextCursor: result.nextCursor });
};

export const getGrid: Handler<'getGrid'> = ({ db, path }) => ok(toGrid(db, requireGrid(db, path.gridId)));

export const listGridAncestors: Handler<'listGridAncestors'> = ({ db, path }) => {
  const grid = requireGrid(db, path.gridId);
  const ids = pathIds(grid.path).slice(0, -1);
  if (ids.length === 0) return ok({ items: [] });
  const rows = db.prepare(`SELECT * FROM grids WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as GridRow[];
  rows.sort((a, b) => a.path.length - b.path.length);
  return ok({ items: toGrids(db, rows) });
};
