/**
 * Where a point lies against a grid's boundary (GeoJSON `Polygon` or
 * `MultiPolygon`, holes included). The one place the server does geometry.
 *
 * The test itself is `point-in-polygon-hao` (the routine Turf uses): exact
 * orientation predicates, so a point on an edge is reported as on the border
 * even where floating-point cross products would round either way. Planar
 * lng/lat is right at grid scale (a few hundred metres).
 */
import pointInPolygon from 'point-in-polygon-hao';
import type { Schemas } from '@gridkit/sdk';

export type Boundary = Schemas['GeoJsonBoundary'];

/** `inside`, `border` (on an outer edge or a hole's edge, vertices included) or `outside`. */
export type Placement = 'inside' | 'border' | 'outside';

type Position = [number, number];

function placeInPolygon(point: Position, rings: Position[][]): Placement {
  const result = pointInPolygon(point, rings);
  return result === 0 ? 'border' : result ? 'inside' : 'outside';
}

/** Where `point` (lng, lat) lies against `boundary`; a MultiPolygon counts its parts as one area. */
export function placePoint(boundary: Boundary, point: { lat: number; lng: number }): Placement {
  const at: Position = [point.lng, point.lat];
  const polygons =
    boundary.type === 'MultiPolygon'
      ? (boundary.coordinates as Position[][][])
      : [boundary.coordinates as Position[][]];
  let onBorder = false;
  for (const rings of polygons) {
    const placement = placeInPolygon(at, rings);
    if (placement === 'inside') return 'inside';
    if (placement === 'border') onBorder = true;
  }
  return onBorder ? 'border' : 'outside';
}

/**
 * The grid at a point among candidates whose boxes contain it: a point inside
 * one grid is in no other (grids do not overlap); a point on a shared border
 * belongs to the grid whose `code` sorts first, so every point has one answer.
 */
export function gridAtPoint<T extends { code: string; boundary: Boundary }>(
  candidates: readonly T[],
  point: { lat: number; lng: number },
): T | undefined {
  let onBorder: T | undefined;
  for (const candidate of candidates) {
    const placement = placePoint(candidate.boundary, point);
    if (placement === 'inside') return candidate;
    if (placement === 'border' && (!onBorder || candidate.code < onBorder.code)) onBorder = candidate;
  }
  return onBorder;
}
