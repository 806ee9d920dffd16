import type { Schemas } from '@gridkit/sdk';

/** A staff member acting through a bearer token (how the token is read is http/auth.ts's business). */
export interface Principal {
  id: string;
  name: string;
  role: Schemas['StaffRole'];
  /** A worker's own grids, or the subtree root of an admin, a supervisor or a department's staff member. */
  gridIds: string[];
  /** Department staff only: the unit they work for (its cases are theirs to start and resolve). */
  unit?: { id: string; name: string };
  /** Materialized paths of those grids: the jurisdiction is everything below them. */
  paths: string[];
}

/** Whether a grid (by its materialized path) lies inside the principal's jurisdiction. */
export function covers(principal: Principal, gridPath: string): boolean {
  return principal.paths.some((root) => gridPath.startsWith(root));
}
