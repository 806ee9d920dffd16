import type { QueryParams } from '@gridkit/sdk';
import { requireFilterGrid } from '../domain/jurisdiction.js';
import type { Principal } from '../domain/principal.js';
import { instantAt } from '../domain/time.js';
import type { CaseFilter } from '../store/cases.js';
import type { Db } from '../store/database.js';
import { findGridPlace } from '../store/grids.js';

/**
 * The filters of a staff list of cases (`listCases`, `exportCases`): the
 * caller's jurisdiction, and a `gridId` inside it (else 403).
 */
export function caseFilterOf(
  db: Db,
  staff: Principal,
  query: Omit<QueryParams<'listCases'>, 'cursor' | 'limit'>,
  now: Date,
): Omit<CaseFilter, 'after' | 'limit'> {
  const subtree =
    query.gridId === undefined
      ? undefined
      : requireFilterGrid(staff, query.gridId, findGridPlace(db, query.gridId)).path;
  return {
    jurisdiction: staff.paths,
    subtree,
    status: query.status,
    level: query.level || undefined,
    categoryCode: query.categoryCode || undefined,
    createdFrom: query.createdFrom ? instantAt(query.createdFrom, '/query/createdFrom').toISOString() : undefined,
    createdTo: query.createdTo ? instantAt(query.createdTo, '/query/createdTo').toISOString() : undefined,
    overdue: query.overdue,
    now: now.toISOString(),
    assignee: query.assignee || undefined,
    priority: query.priority || undefined,
    attentionLevel: query.attentionLevel || undefined,
    followUp: query.followUp || undefined,
    q: query.q || undefined,
  };
}
