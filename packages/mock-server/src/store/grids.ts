/**
 * The grid tree and its teams (`grids`, `grid_bboxes`, `team_members`): rows,
 * their API shapes, and every statement that reads them.
 */
import type { Schemas } from '@gridkit/sdk';
import { notFound, unprocessable } from '../domain/errors.js';
import { gridAtPoint, type Boundary } from '../domain/geometry.js';
import { pathIds } from '../domain/grids.js';
import type { GridPlace } from '../domain/jurisdiction.js';
import type { ChildNode } from '../domain/stats.js';
import type { Db } from './database.js';
import { equals, whereOf } from './filters.js';
import { plucked, prepared } from './statements.js';

export interface GridRow {
  id: string;
  code: string;
  name: string;
  level: string;
  parent_id: string | null;
  path: string;
  households: number | null;
  population: number | null;
  boundary: string | null;
  centroid_lat: number | null;
  centroid_lng: number | null;
  service_hours: string;
  services: string;
  updated_at: string;
  /** JSON array of the compounds, streets and landmarks inside the node. */
  places: string;
}

export function findGrid(db: Db, id: string): GridRow | undefined {
  return prepared(db, 'SELECT * FROM grids WHERE id = ?').get(id) as GridRow | undefined;
}

export function requireGrid(db: Db, id: string): GridRow {
  const grid = findGrid(db, id);
  if (!grid) throw notFound(`Grid ${id}`);
  return grid;
}

/** For writes naming a grid in their body: an unknown one is a 422, not a 404. */
export function requireGridForWrite(db: Db, id: string, path = '/body/gridId'): GridRow {
  const grid = findGrid(db, id);
  if (!grid) throw unprocessable({ path, code: 'unknown_grid', message: `Grid ${id} does not exist.` });
  return grid;
}

/** A grid's id and materialized path, for jurisdiction checks. */
export function findGridPlace(db: Db, id: string): GridPlace | undefined {
  return prepared(db, 'SELECT id, path FROM grids WHERE id = ?').get(id) as GridPlace | undefined;
}

/** The materialized paths of the given grids (unknown ids are skipped). */
export function gridPaths(db: Db, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return plucked(db, 'SELECT path FROM grids WHERE id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(ids),
  ) as string[];
}

/** A principal's jurisdiction roots with their levels (unknown ids are skipped), for the verification rule. */
export function jurisdictionRoots(db: Db, ids: readonly string[]): { path: string; level: string }[] {
  if (ids.length === 0) return [];
  return prepared(db, 'SELECT path, level FROM grids WHERE id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(ids),
  ) as { path: string; level: string }[];
}

export function gridName(db: Db, id: string): string | undefined {
  return plucked(db, 'SELECT name FROM grids WHERE id = ?').get(id) as string | undefined;
}

/** A node's direct children, in `listGrids` order (by code): what `groupBy=children` groups by. */
export function childNodes(db: Db, id: string): ChildNode[] {
  return prepared(db, 'SELECT id, path, name FROM grids WHERE parent_id = ? ORDER BY code').all(id) as ChildNode[];
}

/** Every node's name by id (an export names the grid of each case it lists). */
export function gridNamesById(db: Db): Map<string, string> {
  return new Map(
    (prepared(db, 'SELECT id, name FROM grids').all() as { id: string; name: string }[]).map((g) => [g.id, g.name]),
  );
}

export function gridCount(db: Db): number {
  return plucked(db, 'SELECT count(*) FROM grids').get() as number;
}

/** The ancestors of a grid (not itself), root first. */
export function ancestorRows(db: Db, grid: Pick<GridRow, 'path'>): GridRow[] {
  const ids = pathIds(grid.path).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = prepared(db, 'SELECT * FROM grids WHERE id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(ids),
  ) as GridRow[];
  return rows.sort((a, b) => a.path.length - b.path.length);
}

/**
 * The path of the node at `level` on a grid's path (its community, street or
 * district); the root's path when the tree has no node at that level (then
 * only admins over the whole tree qualify).
 */
export function nodePathAtLevel(db: Db, gridPath: string, level: string): string {
  if (level === 'grid') return gridPath;
  const ids = pathIds(gridPath);
  const node = plucked(db, 'SELECT path FROM grids WHERE level = ? AND id IN (SELECT value FROM json_each(?))').get(
    level,
    JSON.stringify(ids),
  ) as string | undefined;
  return node ?? `/${ids[0]}/`;
}

/** The work-order prefixes named on a grid's path, by grid id. */
export function ticketPrefixesOnPath(db: Db, gridPath: string): Map<string, string> {
  const rows = prepared(
    db,
    'SELECT id, ticket_prefix FROM grids WHERE id IN (SELECT value FROM json_each(?)) AND ticket_prefix IS NOT NULL',
  ).all(JSON.stringify(pathIds(gridPath))) as { id: string; ticket_prefix: string }[];
  return new Map(rows.map((row) => [row.id, row.ticket_prefix]));
}

/** The API shape of grid rows, with their ancestor paths and child counts, in two queries. */
export function toGrids(db: Db, rows: GridRow[]): Schemas['Grid'][] {
  if (rows.length === 0) return [];
  const ancestorIds = [...new Set(rows.flatMap((row) => pathIds(row.path)))];
  const names = new Map(
    (
      prepared(db, 'SELECT id, name, level FROM grids WHERE id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify(ancestorIds),
      ) as { id: string; name: string; level: string }[]
    ).map((g) => [g.id, g]),
  );
  const childCounts = new Map(
    (
      prepared(
        db,
        'SELECT parent_id, COUNT(*) AS n FROM grids WHERE parent_id IN (SELECT value FROM json_each(?)) GROUP BY parent_id',
      ).all(JSON.stringify(rows.map((row) => row.id))) as { parent_id: string; n: number }[]
    ).map((r) => [r.parent_id, r.n]),
  );
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    parentId: row.parent_id,
    path: pathIds(row.path)
      .slice(0, -1)
      .map((id) => {
        const ancestor = names.get(id)!;
        return { id, name: ancestor.name, level: ancestor.level };
      }),
    households: row.households,
    population: row.population,
    childCount: childCounts.get(row.id) ?? 0,
    ...(row.boundary ? { boundary: JSON.parse(row.boundary) as Schemas['GeoJsonBoundary'] } : {}),
    ...(row.centroid_lat !== null && row.centroid_lng !== null
      ? { centroid: { lat: row.centroid_lat, lng: row.centroid_lng } }
      : {}),
    ...placesOf(row),
  }));
}

function placesOf(row: GridRow): { places?: string[] } {
  const places = JSON.parse(row.places ?? '[]') as string[];
  return places.length > 0 ? { places } : {};
}

export function toGrid(db: Db, row: GridRow): Schemas['Grid'] {
  return toGrids(db, [row])[0]!;
}

/**
 * Leaf grids (level `grid`, where cases are reported) whose boundary's box
 * contains the point, by code: the R*Tree (`grid_bboxes`) narrows 10,000
 * grids to the one or two around the point. R*Tree boxes are stored as
 * 32-bit floats rounded outwards, so they never miss a grid; the exact test
 * follows in domain/geometry.ts.
 */
export function gridsWhoseBoxContains(db: Db, point: { lat: number; lng: number }): GridRow[] {
  return prepared(
    db,
    `SELECT g.* FROM grid_bboxes b JOIN grids g ON g.id = b.grid_id
      WHERE b.west <= :lng AND b.east >= :lng AND b.south <= :lat AND b.north >= :lat AND g.level = 'grid'
      ORDER BY g.code`,
  ).all(point) as GridRow[];
}

/** The leaf grid whose boundary holds a point (the box prefilter in SQL, then the polygon test), if any. */
export function leafGridAt(db: Db, point: { lat: number; lng: number }): GridRow | undefined {
  const candidates = gridsWhoseBoxContains(db, point).map((row) => ({
    row,
    code: row.code,
    boundary: JSON.parse(row.boundary!) as Boundary,
  }));
  return gridAtPoint(candidates, point)?.row;
}

/** The nodes with no parent: the jurisdictions this server serves (one district in the demo). */
export function rootGrids(db: Db): Pick<GridRow, 'id' | 'code' | 'name'>[] {
  return prepared(db, 'SELECT id, code, name FROM grids WHERE parent_id IS NULL ORDER BY code').all() as Pick<
    GridRow,
    'id' | 'code' | 'name'
  >[];
}

/** Every leaf grid with a boundary, by code: the lookup without the prefilter (the benchmark's baseline). */
export function allGridsWithBoundary(db: Db): GridRow[] {
  return prepared(
    db,
    `SELECT * FROM grids WHERE level = 'grid' AND boundary IS NOT NULL ORDER BY code`,
  ).all() as GridRow[];
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
  return prepared(
    db,
    `SELECT id, name, role, role_label, photo_url, work_phone, duties, is_leader FROM team_members
      WHERE grid_id = ? AND is_leader = 1 ORDER BY sort_order, id LIMIT 1`,
  ).get(gridId) as TeamMemberRow | undefined;
}

/** The grid's team as on its notice board: leaders first, then by sort order. */
export function gridTeam(db: Db, gridId: string): TeamMemberRow[] {
  return prepared(
    db,
    `SELECT id, name, role, role_label, photo_url, work_phone, duties, is_leader FROM team_members
      WHERE grid_id = ? ORDER BY is_leader DESC, sort_order, id`,
  ).all(gridId) as TeamMemberRow[];
}

export function toTeamMember(row: TeamMemberRow): Schemas['TeamMember'] {
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
  const where = whereOf([
    equals('parent_id', 'parentId', filter.parentId),
    equals('level', 'level', filter.level),
    filter.q
      ? {
          sql: `(instr(lower(name), lower(@q)) > 0 OR instr(lower(code), lower(@q)) > 0
      OR EXISTS (SELECT 1 FROM json_each(grids.places) WHERE instr(lower(json_each.value), lower(@q)) > 0))`,
          params: { q: filter.q },
        }
      : undefined,
    filter.afterCode !== undefined && { sql: 'code > @afterCode', params: { afterCode: filter.afterCode } },
  ]);
  return prepared(db, `SELECT * FROM grids ${where.sql} ORDER BY code LIMIT @limit`).all({
    ...where.params,
    limit: filter.limit + 1,
  }) as GridRow[];
}
