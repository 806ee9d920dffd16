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
  /** Department staff: the unit they work for. */
  unitId?: string;
  /** The name and the grids, for a picker: `王芳 · 桥北社区第二网格`. */
  label: string;
}

interface StaffRow {
  id: string;
  name: string;
  role: Principal['role'];
  grid_ids: string;
  unit_id: string | null;
  unit_name: string | null;
}

/**
 * The staff member a bearer token belongs to, with their jurisdiction (and
 * unit), and when the token stops being valid (`null`: never); `undefined`
 * for an unknown token.
 */
export function staffByToken(db: Db, token: string): { principal: Principal; expiresAt: string | null } | undefined {
  const row = prepared(
    db,
    `SELECT s.id, s.name, s.role, s.grid_ids, s.unit_id, u.name AS unit_name, s.token_expires_at
       FROM staff s LEFT JOIN units u ON u.id = s.unit_id WHERE s.token = ?`,
  ).get(token) as (StaffRow & { token_expires_at: string | null }) | undefined;
  if (!row) return undefined;
  const gridIds = JSON.parse(row.grid_ids) as string[];
  return {
    principal: {
      id: row.id,
      name: row.name,
      role: row.role,
      gridIds,
      paths: gridPaths(db, gridIds),
      ...(row.unit_id ? { unit: { id: row.unit_id, name: row.unit_name ?? row.unit_id } } : {}),
    },
    expiresAt: row.token_expires_at,
  };
}

/** The staff tokens in the store, with a label naming their grids (or unit), for the start banner and tests. */
export function staffTokens(db: Db): StaffToken[] {
  const rows = prepared(
    db,
    `SELECT s.id, s.name, s.role, s.token, s.grid_ids, s.unit_id, u.name AS unit_name
       FROM staff s LEFT JOIN units u ON u.id = s.unit_id ORDER BY s.role, s.id`,
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
      ...(row.unit_id ? { unitId: row.unit_id } : {}),
      // A department's staff member is known by their unit: `李青山 · 西关街道城管执法中队`.
      label: `${row.name} · ${row.unit_name ?? gridIds.map((id) => gridName(db, id) ?? id).join('、')}`,
    };
  });
}
