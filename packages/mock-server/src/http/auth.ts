import type { Db } from '../store/database.js';

/** A staff member acting through a bearer token. */
export interface Principal {
  id: string;
  name: string;
  role: 'grid_worker' | 'admin';
  /** A worker's own grids, or an admin's subtree root. */
  gridIds: string[];
  /** Materialized paths of those grids: the jurisdiction is everything below them. */
  paths: string[];
}

interface StaffRow {
  id: string;
  name: string;
  role: Principal['role'];
  grid_ids: string;
}

/** `undefined`: no token sent; `null`: a token was sent but is not valid. */
export function authenticate(db: Db, authorization: string | null): Principal | undefined | null {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return null;
  const row = db.prepare('SELECT id, name, role, grid_ids FROM staff WHERE token = ?').get(match[1]) as
    StaffRow | undefined;
  if (!row) return null;
  const gridIds = JSON.parse(row.grid_ids) as string[];
  const paths = gridIds.length
    ? (db
        .prepare(`SELECT path FROM grids WHERE id IN (${gridIds.map(() => '?').join(',')})`)
        .pluck()
        .all(...gridIds) as string[])
    : [];
  return { id: row.id, name: row.name, role: row.role, gridIds, paths };
}

/** Whether a grid (by its materialized path) lies inside the principal's jurisdiction. */
export function covers(principal: Principal, gridPath: string): boolean {
  return principal.paths.some((root) => gridPath.startsWith(root));
}
