/**
 * Units (`units`): the departments and community bodies cases are dispatched
 * to, and the lookup of an assignee on record (a unit, a staff member or a
 * team member) for a dispatch. The rules are in domain/units.ts.
 */
import type { Schemas } from '@gridkit/sdk';
import type { RegisteredAssignee } from '../domain/units.js';
import type { Db } from './database.js';
import { equals, whereOf } from './filters.js';
import { prepared } from './statements.js';

export interface UnitRow {
  id: string;
  name: string;
  kind: Schemas['UnitKind'];
  grid_id: string;
  grid_path: string;
  /** The level of the unit's node (joined from `grids`). */
  level: string;
}

const unitColumns = 'u.id, u.name, u.kind, u.grid_id, u.grid_path, g.level';

export function toUnit(row: UnitRow): Schemas['Unit'] {
  return { id: row.id, name: row.name, kind: row.kind, gridId: row.grid_id, level: row.level };
}

export interface UnitFilter {
  /** Only the units of these nodes (the paths from the root down to a grid: the units serving it). */
  nodePaths?: readonly string[];
  kind?: Schemas['UnitKind'];
  /** Keyset: the `[grid_path, id]` of the previous page's last unit. */
  after?: readonly [string, string];
  limit: number;
}

/** A page of units, top down by their node's path, then by id (one row more than `limit`). */
export function listUnitRows(db: Db, filter: UnitFilter): UnitRow[] {
  const where = whereOf([
    filter.nodePaths !== undefined && {
      sql: 'u.grid_path IN (SELECT value FROM json_each(@nodePaths))',
      params: { nodePaths: JSON.stringify(filter.nodePaths) },
    },
    equals('u.kind', 'kind', filter.kind),
    filter.after !== undefined && {
      sql: '(u.grid_path > @afterPath OR (u.grid_path = @afterPath AND u.id > @afterId))',
      params: { afterPath: filter.after[0], afterId: filter.after[1] },
    },
  ]);
  return prepared(
    db,
    `SELECT ${unitColumns} FROM units u JOIN grids g ON g.id = u.grid_id ${where.sql}
      ORDER BY u.grid_path, u.id LIMIT @limit`,
  ).all({ ...where.params, limit: filter.limit + 1 }) as UnitRow[];
}

export function findUnit(db: Db, id: string): UnitRow | undefined {
  return prepared(db, `SELECT ${unitColumns} FROM units u JOIN grids g ON g.id = u.grid_id WHERE u.id = ?`).get(id) as
    UnitRow | undefined;
}

/**
 * The unit or person a dispatch names, as on record: a unit serves its
 * node's subtree; a staff member their jurisdiction; a team member their
 * node's branch. `undefined` when nothing of that type has the id.
 */
export function findRegisteredAssignee(db: Db, assignee: Schemas['Assignee']): RegisteredAssignee | undefined {
  if (assignee.type === 'unit') {
    const unit = findUnit(db, assignee.id);
    return unit && { name: unit.name, serves: [unit.grid_path] };
  }
  const staff = prepared(
    db,
    `SELECT s.name, (SELECT json_group_array(g.path) FROM grids g
        WHERE g.id IN (SELECT value FROM json_each(s.grid_ids))) AS paths
       FROM staff s WHERE s.id = ?`,
  ).get(assignee.id) as { name: string; paths: string } | undefined;
  if (staff) return { name: staff.name, serves: JSON.parse(staff.paths) as string[] };
  const member = prepared(
    db,
    'SELECT m.name, g.path FROM team_members m JOIN grids g ON g.id = m.grid_id WHERE m.id = ?',
  ).get(assignee.id) as { name: string; path: string } | undefined;
  return member && { name: member.name, serves: [member.path], branch: member.path };
}
