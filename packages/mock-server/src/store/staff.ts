/** Staff accounts and their bearer tokens (`staff`): every statement that reads them. */
import type { Principal } from '../domain/principal.js';
import type { Db } from './database.js';
import { gridName, gridPaths } from './grids.js';
import { prepared } from './statements.js';

/** A staff member's bearer token, as the seed creates it and the start banner, tests and demo pages show it. */
export interface StaffToken {
  token: string;
  staffId: string;
  name: string;
  role: Principal['role'];
  gridIds: string[];
  /** The name and the grids, for a picker: `王芳 · 桥北社区第二网格`. */
  label: string;
}

interface StaffRow {
  id: string;
  name: string;
  role: Principal['role'];
  grid_ids: string;
}

/** The staff member a bearer token belongs to, with their jurisdiction; `undefined` for an unknown token. */
export function principalByToken(db: Db, token: string): Principal | undefined {
  const row = prepared(db, 'SELECT id, name, role, grid_ids FROM staff WHERE token = ?').get(token) as
    StaffRow | undefined;
  if (!row) return undefined;
  const gridIds = JSON.parse(row.grid_ids) as string[];
  return { id: row.id, name: row.name, role: row.role, gridIds, paths: gridPaths(db, gridIds) };
}

/** The staff tokens in the store, with a label naming their grids, for the start banner and tests. */
export function staffTokens(db: Db): StaffToken[] {
  const rows = prepared(
    db,
    'SELECT id, name, role, token, grid_ids FROM staff ORDER BY role, id',
  ).all() as (StaffRow & {
    token: string;
  })[];
  return rows.map((row) => {
    const gridIds = JSON.parse(row.grid_ids) as string[];
    return {
      token: row.token,
      staffId: row.id,
      name: row.name,
      role: row.role,
      gridIds,
      label: `${row.name} · ${gridIds.map((id) => gridName(db, id) ?? id).join('、')}`,
    };
  });
}
