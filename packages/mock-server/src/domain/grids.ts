import type { Schemas } from '@gridkit/sdk';
import type { Db } from '../store/database.js';
import { notFound, unprocessable } from './errors.js';

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
  return db.prepare('SELECT * FROM grids WHERE id = ?').get(id) as GridRow | undefined;
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

/** The ids on a grid's materialized path, root first, itself last. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The API shape of grid rows, with their ancestor paths and child counts, in two queries. */
export function toGrids(db: Db, rows: GridRow[]): Schemas['Grid'][] {
  if (rows.length === 0) return [];
  const ancestorIds = [...new Set(rows.flatMap((row) => pathIds(row.path)))];
  const names = new Map(
    (
      db
        .prepare(`SELECT id, name, level FROM grids WHERE id IN (${ancestorIds.map(() => '?').join(',')})`)
        .all(...ancestorIds) as { id: string; name: string; level: string }[]
    ).map((g) => [g.id, g]),
  );
  const ids = rows.map((row) => row.id);
  const childCounts = new Map(
    (
      db
        .prepare(
          `SELECT parent_id, COUNT(*) AS n FROM grids WHERE parent_id IN (${ids.map(() => '?').join(',')}) GROUP BY parent_id`,
        )
        .all(...ids) as { parent_id: string; n: number }[]
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
