import type { Schemas } from '@gridkit/sdk';
import { findCase } from '../domain/cases.js';
import { unprocessable } from '../domain/errors.js';
import { requireGridForWrite } from '../domain/grids.js';
import { newId } from '../domain/ids.js';
import { shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from '../domain/time.js';
import { contract } from '../http/contract.js';
import { decodeCursor, page } from '../http/cursor.js';
import { created, ok, type Handler } from '../http/handler.js';
import { jurisdictionClause, requireGridInJurisdiction, subtreeFilter } from '../domain/jurisdiction.js';

interface ServiceLogRow {
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

const enumOf = <T>(schema: string) => (contract.components.schemas![schema] as { enum: T[] }).enum;

function toServiceLog(row: ServiceLogRow): Schemas['ServiceLog'] {
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

export const createServiceLog: Handler<'createServiceLog'> = (context) => {
  const { db, body, now } = context;
  const principal = context.principal!;
  return context.write(() => {
    const grid = requireGridForWrite(db, body.gridId);
    requireGridInJurisdiction(principal, grid);
    const occurredAt = new Date(body.occurredAt);
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) {
      throw unprocessable({
        path: '/body/occurredAt',
        code: 'time_in_future',
        message: 'occurredAt is in the future.',
      });
    }
    if (body.caseId && !findCase(db, body.caseId)) {
      throw unprocessable({
        path: '/body/caseId',
        code: 'unknown_case',
        message: `Case ${body.caseId} does not exist.`,
      });
    }
    const id = newId('log');
    db.prepare(
      `INSERT INTO service_logs (id, grid_id, grid_path, worker_id, worker_name, occurred_at, kind, subject_groups,
         household_ref, summary, minutes, outcome, case_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      grid.id,
      grid.path,
      principal.id,
      principal.name,
      occurredAt.toISOString(),
      body.kind,
      JSON.stringify(body.subjectGroups),
      body.householdRef ?? null,
      body.summary,
      body.minutes,
      body.outcome,
      body.caseId ?? null,
      now.toISOString(),
    );
    return created(toServiceLog(db.prepare('SELECT * FROM service_logs WHERE id = ?').get(id) as ServiceLogRow));
  });
};

export const listServiceLogs: Handler<'listServiceLogs'> = ({ db, query, principal }) => {
  const staff = principal!;
  const limit = query.limit ?? 50;
  const jurisdiction = jurisdictionClause(staff, 'grid_path');
  const where = [jurisdiction.sql];
  const args: (string | number)[] = [...jurisdiction.args];
  if (query.gridId) {
    const filter = subtreeFilter(db, staff, query.gridId);
    where.push(filter.sql);
    args.push(...filter.args);
  }
  if (query.workerId) {
    where.push('worker_id = ?');
    args.push(query.workerId);
  }
  if (query.kind) {
    where.push('kind = ?');
    args.push(query.kind);
  }
  if (query.occurredFrom) {
    where.push('occurred_at >= ?');
    args.push(new Date(query.occurredFrom).toISOString());
  }
  if (query.occurredTo) {
    where.push('occurred_at < ?');
    args.push(new Date(query.occurredTo).toISOString());
  }
  const after = decodeCursor(query, 2);
  if (after) {
    where.push('(occurred_at < ? OR (occurred_at = ? AND id < ?))');
    args.push(after[0]!, after[0]!, after[1]!);
  }
  const rows = db
    .prepare(`SELECT * FROM service_logs WHERE ${where.join(' AND ')} ORDER BY occurred_at DESC, id DESC LIMIT ?`)
    .all(...args, limit + 1) as ServiceLogRow[];
  return ok(page(rows, query, toServiceLog, (row) => [row.occurred_at, row.id]));
};

export const getServiceLogSummary: Handler<'getServiceLogSummary'> = ({ db, query, principal }) => {
  const staff = principal!;
  const firstDay = `${query.month}-01`;
  const [year, month] = query.month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastDay = `${query.month}-${String(days).padStart(2, '0')}`;
  const jurisdiction = jurisdictionClause(staff, 'grid_path');
  const where = [jurisdiction.sql, 'occurred_at >= ?', 'occurred_at < ?'];
  const args: string[] = [
    ...jurisdiction.args,
    shanghaiDayStart(firstDay).toISOString(),
    shanghaiDayEnd(lastDay).toISOString(),
  ];
  if (query.gridId) {
    const filter = subtreeFilter(db, staff, query.gridId);
    where.push(filter.sql);
    args.push(...filter.args);
  }
  if (query.workerId) {
    where.push('worker_id = ?');
    args.push(query.workerId);
  }
  const rows = db
    .prepare(
      `SELECT occurred_at, kind, subject_groups, household_ref, minutes, outcome FROM service_logs WHERE ${where.join(' AND ')}`,
    )
    .all(...args) as Pick<
    ServiceLogRow,
    'occurred_at' | 'kind' | 'subject_groups' | 'household_ref' | 'minutes' | 'outcome'
  >[];

  const byKind = new Map(
    enumOf<Schemas['ServiceLogKind']>('ServiceLogKind').map((kind) => [kind, { kind, entries: 0, minutes: 0 }]),
  );
  const bySubjectGroup = new Map(
    enumOf<Schemas['SubjectGroup']>('SubjectGroup').map((subjectGroup) => [subjectGroup, { subjectGroup, entries: 0 }]),
  );
  const byOutcome = new Map(
    enumOf<Schemas['ServiceOutcome']>('ServiceOutcome').map((outcome) => [outcome, { outcome, entries: 0 }]),
  );
  const byDay = new Map(
    Array.from({ length: days }, (_, i) => {
      const date = `${query.month}-${String(i + 1).padStart(2, '0')}`;
      return [date, { date, entries: 0, minutes: 0 }] as [string, Schemas['ServiceLogByDay']];
    }),
  );
  const households = new Set<string>();
  let minutes = 0;
  for (const row of rows) {
    minutes += row.minutes;
    const kind = byKind.get(row.kind)!;
    kind.entries += 1;
    kind.minutes += row.minutes;
    for (const group of JSON.parse(row.subject_groups) as Schemas['SubjectGroup'][])
      bySubjectGroup.get(group)!.entries += 1;
    byOutcome.get(row.outcome)!.entries += 1;
    const day = byDay.get(shanghaiDate(row.occurred_at))!;
    day.entries += 1;
    day.minutes += row.minutes;
    if (row.household_ref) households.add(row.household_ref);
  }
  return ok({
    month: query.month,
    ...(query.gridId ? { gridId: query.gridId } : {}),
    ...(query.workerId ? { workerId: query.workerId } : {}),
    entries: rows.length,
    minutes,
    households: households.size,
    byKind: [...byKind.values()],
    bySubjectGroup: [...bySubjectGroup.values()],
    byOutcome: [...byOutcome.values()],
    byDay: [...byDay.values()],
  });
};
