import type { Db } from '../store/database.js';
import { covers, type Principal } from '../http/auth.js';
import { forbidden, notFound } from './errors.js';
import type { GridRow } from './grids.js';

/** The `[start, end)` text range of materialized paths inside a subtree (`/` sorts just before `0`). */
export function subtreeRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}

/** SQL restricting `column` (a grid path) to the principal's jurisdiction. */
export function jurisdictionClause(principal: Principal, column: string): { sql: string; args: string[] } {
  if (principal.paths.length === 0) return { sql: '0', args: [] };
  return {
    sql: `(${principal.paths.map(() => `(${column} >= ? AND ${column} < ?)`).join(' OR ')})`,
    args: principal.paths.flatMap(subtreeRange),
  };
}

/** 403 unless the grid lies inside the principal's jurisdiction. */
export function requireGridInJurisdiction(principal: Principal, grid: Pick<GridRow, 'id' | 'path'>): void {
  if (!covers(principal, grid.path)) throw forbidden(`Grid ${grid.id} is outside your jurisdiction.`);
}

/**
 * SQL for a list's `gridId` filter: the grid's subtree. Unknown grid → 404; a
 * grid neither inside the jurisdiction nor containing it → 403 (a filter that
 * contains the jurisdiction is narrowed by `jurisdictionClause` anyway).
 */
export function subtreeFilter(db: Db, principal: Principal, gridId: string, column = 'grid_path') {
  const grid = db.prepare('SELECT id, path FROM grids WHERE id = ?').get(gridId) as
    Pick<GridRow, 'id' | 'path'> | undefined;
  if (!grid) throw notFound(`Grid ${gridId}`);
  if (!covers(principal, grid.path) && !principal.paths.some((p) => p.startsWith(grid.path))) {
    throw forbidden(`Grid ${gridId} is outside your jurisdiction.`);
  }
  return { sql: `${column} >= ? AND ${column} < ?`, args: subtreeRange(grid.path) };
}
