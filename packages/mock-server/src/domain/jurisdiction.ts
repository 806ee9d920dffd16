import { forbidden, notFound, unauthenticated } from './errors.js';
import { covers, type Principal } from './principal.js';

/** A grid as far as jurisdiction goes: its id and materialized path. */
export interface GridPlace {
  id: string;
  path: string;
}

/** The `[start, end)` text range of materialized paths inside a subtree (`/` sorts just before `0`). */
export function subtreeRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}

/** 403 unless the grid lies inside the principal's jurisdiction. */
export function requireGridInJurisdiction(principal: Principal, grid: GridPlace): void {
  if (!covers(principal, grid.path)) throw forbidden(`Grid ${grid.id} is outside your jurisdiction.`);
}

/**
 * A list's `gridId` filter (the grid's subtree): unknown grid → 404; a grid
 * neither inside the jurisdiction nor containing it → 403 (a filter that
 * contains the jurisdiction is narrowed by the jurisdiction anyway).
 */
export function requireFilterGrid(principal: Principal, gridId: string, grid: GridPlace | undefined): GridPlace {
  if (!grid) throw notFound(`Grid ${gridId}`);
  if (!covers(principal, grid.path) && !principal.paths.some((p) => p.startsWith(grid.path))) {
    throw forbidden(`Grid ${gridId} is outside your jurisdiction.`);
  }
  return grid;
}

/** Staff only (401 without a token), and only over grids in their jurisdiction (403); `what` names the act. */
export function requireStaffOver(principal: Principal | undefined, grid: GridPlace, what: string): Principal {
  if (!principal) throw unauthenticated(`${what} needs a staff bearer token.`);
  requireGridInJurisdiction(principal, grid);
  return principal;
}
