/**
 * Grid queries for the point lookup and text search. (Older grid SQL still
 * lives in domain/grids.ts and handlers/grids.ts, until it moves here.)
 */
import type { GridRow } from '../domain/grids.js';
import type { Db } from './database.js';

/**
 * Leaf grids (level `grid`, where cases are reported) whose boundary's box
 * contains the point, by code: the R*Tree (`grid_bboxes`) narrows 10,000
 * grids to the one or two around the point. R*Tree boxes are stored as
 * 32-bit floats rounded outwards, so they never miss a grid; the exact test
 * follows in domain/geometry.ts.
 */
export function gridsWhoseBoxContains(db: Db, point: { lat: number; lng: number }): GridRow[] {
  return db
    .prepare(
      `SELECT g.* FROM grid_bboxes b JOIN grids g ON g.id = b.grid_id
        WHERE b.west <= :lng AND b.east >= :lng AND b.south <= :lat AND b.north >= :lat AND g.level = 'grid'
        ORDER BY g.code`,
    )
    .all(point) as GridRow[];
}

/** Every leaf grid with a boundary, by code: the lookup without the prefilter (the benchmark's baseline). */
export function allGridsWithBoundary(db: Db): GridRow[] {
  return db
    .prepare(`SELECT * FROM grids WHERE level = 'grid' AND boundary IS NOT NULL ORDER BY code`)
    .all() as GridRow[];
}

export interface TeamMemberRow {
  id: string;
  name: string;
  role: string;
  role_label: string | null;
  photo_url: string | null;
  work_phone: string | null;
  duties: string;
  is_leader: number;
}

/** The grid's leader (the first member marked leader, as on the notice board), if the post is filled. */
export function gridLeader(db: Db, gridId: string): TeamMemberRow | undefined {
  return db
    .prepare(
      `SELECT id, name, role, role_label, photo_url, work_phone, duties, is_leader FROM team_members
        WHERE grid_id = ? AND is_leader = 1 ORDER BY sort_order, id LIMIT 1`,
    )
    .get(gridId) as TeamMemberRow | undefined;
}

export interface GridFilter {
  parentId?: string;
  level?: string;
  /** Name, code, or one of the node's places contains it (case-insensitive). */
  q?: string;
  /** Keyset: codes after this one. */
  afterCode?: string;
  limit: number;
}

/** A page of grids by code (one row more than `limit`, to tell whether a next page exists). */
export function listGridRows(db: Db, filter: GridFilter): GridRow[] {
  const where: string[] = [];
  const args: Record<string, string | number> = { limit: filter.limit + 1 };
  if (filter.parentId !== undefined) {
    where.push('parent_id = :parentId');
    args.parentId = filter.parentId;
  }
  if (filter.level !== undefined) {
    where.push('level = :level');
    args.level = filter.level;
  }
  if (filter.q) {
    where.push(`(instr(lower(name), lower(:q)) > 0 OR instr(lower(code), lower(:q)) > 0
      OR EXISTS (SELECT 1 FROM json_each(grids.places) WHERE instr(lower(json_each.value), lower(:q)) > 0))`);
    args.q = filter.q;
  }
  if (filter.afterCode !== undefined) {
    where.push('code > :afterCode');
    args.afterCode = filter.afterCode;
  }
  return db
    .prepare(`SELECT * FROM grids ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY code LIMIT :limit`)
    .all(args) as GridRow[];
}
