/** Grid workers' service logs (`service_logs`): rows, their API shape, and every statement that reads or writes them. */
import type { Schemas } from '@gridkit/sdk';
import type { LoggedService } from '../domain/service-logs.js';
import type { Db } from './database.js';
import { equals, newestFirstAfter, whereOf, withinSubtrees } from './filters.js';
import { prepared } from './statements.js';

export interface ServiceLogRow {
  id: string;
  grid_id: string;
  worker_id: string;
  worker_name: string;
  occurred_at: string;
  kind: Schemas['ServiceLogKind'];
  subject_groups: string;
  household_ref: string | null;
  summary: string;
  minutes: number;
  outcome: Schemas['ServiceOutcome'];
  case_id: string | null;
  created_at: string;
}

export function toServiceLog(row: ServiceLogRow): Schemas['ServiceLog'] {
  return {
    id: row.id,
    gridId: row.grid_id,
    occurredAt: row.occurred_at,
    kind: row.kind,
    subjectGroups: JSON.parse(row.subject_groups) as Schemas['SubjectGroup'][],
    ...(row.household_ref ? { householdRef: row.household_ref } : {}),
    summary: row.summary,
    minutes: row.minutes,
    outcome: row.outcome,
    ...(row.case_id ? { caseId: row.case_id } : {}),
    workerId: row.worker_id,
    workerName: row.worker_name,
    createdAt: row.created_at,
  };
}

export function insertServiceLog(db: Db, row: ServiceLogRow & { grid_path: string }): void {
  prepared(
    db,
    `INSERT INTO service_logs (id, grid_id, grid_path, worker_id, worker_name, occurred_at, kind, subject_groups,
       household_ref, summary, minutes, outcome, case_id, created_at)
     VALUES (@id, @grid_id, @grid_path, @worker_id, @worker_name, @occurred_at, @kind, @subject_groups,
       @household_ref, @summary, @minutes, @outcome, @case_id, @created_at)`,
  ).run(row);
}

export function findServiceLog(db: Db, id: string): ServiceLogRow | undefined {
  return prepared(db, 'SELECT * FROM service_logs WHERE id = ?').get(id) as ServiceLogRow | undefined;
}

/** The filters of the list and the monthly summary (already validated); times are RFC 3339 UTC. */
export interface ServiceLogFilter {
  /** The principal's jurisdiction: the subtrees it may see. */
  jurisdiction: readonly string[];
  /** The `gridId` filter's subtree. */
  subtree?: string;
  workerId?: string;
  kind?: Schemas['ServiceLogKind'];
  occurredFrom?: string;
  /** Exclusive. */
  occurredTo?: string;
}

function serviceLogWhere(filter: ServiceLogFilter, after?: readonly [string, string]) {
  return whereOf([
    withinSubtrees('grid_path', filter.jurisdiction),
    filter.occurredFrom !== undefined && { sql: 'occurred_at >= @from', params: { from: filter.occurredFrom } },
    filter.occurredTo !== undefined && { sql: 'occurred_at < @to', params: { to: filter.occurredTo } },
    filter.subtree !== undefined && withinSubtrees('grid_path', [filter.subtree], 's'),
    equals('worker_id', 'workerId', filter.workerId),
    equals('kind', 'kind', filter.kind),
    newestFirstAfter('occurred_at', after),
  ]);
}

/** A page of entries, newest first (one row more than `limit`); `after` is the previous page's last `[occurred_at, id]`. */
export function listServiceLogRows(
  db: Db,
  filter: ServiceLogFilter & { after?: readonly [string, string]; limit: number },
): ServiceLogRow[] {
  const where = serviceLogWhere(filter, filter.after);
  return prepared(db, `SELECT * FROM service_logs ${where.sql} ORDER BY occurred_at DESC, id DESC LIMIT @limit`).all({
    ...where.params,
    limit: filter.limit + 1,
  }) as ServiceLogRow[];
}

type SummaryRow = Pick<
  ServiceLogRow,
  'occurred_at' | 'kind' | 'subject_groups' | 'household_ref' | 'minutes' | 'outcome'
>;

/** Every entry matching the filters, with only what the monthly summary (domain/service-logs.ts) counts. */
export function loggedServices(db: Db, filter: ServiceLogFilter): LoggedService[] {
  const where = serviceLogWhere(filter);
  const rows = prepared(
    db,
    `SELECT occurred_at, kind, subject_groups, household_ref, minutes, outcome FROM service_logs ${where.sql}`,
  ).all(where.params) as SummaryRow[];
  return rows.map((row) => ({
    occurredAt: row.occurred_at,
    kind: row.kind,
    subjectGroups: JSON.parse(row.subject_groups) as Schemas['SubjectGroup'][],
    householdRef: row.household_ref,
    minutes: row.minutes,
    outcome: row.outcome,
  }));
}
