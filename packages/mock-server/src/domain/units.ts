/**
 * Units and assignees (issue 9, departments): a case's assignee is always a
 * unit or person on record that serves the case's grid, never free text; a
 * department's staff act on what is dispatched to them. No I/O: the store
 * finds the unit or person (store/units.ts).
 */
import type { Schemas } from '@gridkit/sdk';
import { unprocessable } from './errors.js';
import { pathIds } from './grids.js';
import type { Principal } from './principal.js';

type Assignee = Schemas['Assignee'];

/** A unit or person on record, as far as dispatching goes. */
export interface RegisteredAssignee {
  /** The registered name: what the case records, whatever name a dispatch sent. */
  name: string;
  /** Materialized paths of the subtrees it serves: a unit's node, a staff member's jurisdiction, a team's node. */
  serves: readonly string[];
  /**
   * A team member's node: a member of a finer unit (a building's head) also
   * serves the grid above it, on the same branch.
   */
  branch?: string;
}

/** The nodes from the root down to `path` itself (`/D/S1/C1/` → `/D/`, `/D/S1/`, `/D/S1/C1/`): whose units serve it. */
export function pathsDownTo(path: string): string[] {
  const ids = pathIds(path);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

/** Whether a registered unit or person serves a case reported in the grid at `gridPath`. */
export function servesGrid(registered: RegisteredAssignee, gridPath: string): boolean {
  return (
    registered.serves.some((root) => gridPath.startsWith(root)) ||
    (registered.branch !== undefined && registered.branch.startsWith(gridPath))
  );
}

/**
 * The assignee a dispatch records: the one on record, under its registered
 * name. 422 `unknown_assignee` when no unit or person of that type has the
 * id, `assignee_outside_area` when it does not serve the case's grid (a
 * street's 派出所 takes no case of another street).
 */
export function dispatchedAssignee(
  sent: Assignee,
  registered: RegisteredAssignee | undefined,
  caseGridPath: string,
): Assignee {
  if (!registered) {
    throw unprocessable({
      path: '/body/assignee/id',
      code: 'unknown_assignee',
      message:
        sent.type === 'unit'
          ? `No unit ${sent.id} is on record; pick one from listUnits.`
          : `No person ${sent.id} is on record; name a staff member or a team member of a notice board.`,
    });
  }
  if (!servesGrid(registered, caseGridPath)) {
    throw unprocessable({
      path: '/body/assignee/id',
      code: 'assignee_outside_area',
      message: `${registered.name} (${sent.id}) does not serve the grid this case was reported in.`,
    });
  }
  return { type: sent.type, id: sent.id, name: registered.name };
}

/** Whether a case's assignee is the principal's unit (department staff), or the principal in person. */
export function assignedTo(principal: Principal, assignee: Assignee | null): boolean {
  if (!assignee) return false;
  if (assignee.type === 'person') return assignee.id === principal.id;
  return principal.unit !== undefined && assignee.id === principal.unit.id;
}
