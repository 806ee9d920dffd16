import { unprocessable } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { requireFilterGrid, requireGridInJurisdiction } from '../domain/jurisdiction.js';
import type { Principal } from '../domain/principal.js';
import { monthDays, summarizeMonth } from '../domain/service-logs.js';
import { instantAt } from '../domain/time.js';
import { created, ok, type Handler } from '../http/handler.js';
import type { Db } from '../store/database.js';
import { findCase } from '../store/cases.js';
import { findGridPlace, requireGridForWrite } from '../store/grids.js';
import {
  findServiceLog,
  insertServiceLog,
  listServiceLogRows,
  loggedServices,
  toServiceLog,
} from '../store/service-logs.js';
import { decodeCursor, page } from './cursor.js';

/** The subtree of a list's `gridId` filter, checked against the jurisdiction. */
const subtreeOf = (db: Db, staff: Principal, gridId: string | undefined) =>
  gridId ? requireFilterGrid(staff, gridId, findGridPlace(db, gridId)).path : undefined;

export const createServiceLog: Handler<'createServiceLog'> = (context) => {
  const { db, body, now } = context;
  const principal = context.principal!;
  return context.write(() => {
    const grid = requireGridForWrite(db, body.gridId);
    requireGridInJurisdiction(principal, grid);
    const occurredAt = instantAt(body.occurredAt, '/body/occurredAt');
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
    insertServiceLog(db, {
      id,
      grid_id: grid.id,
      grid_path: grid.path,
      worker_id: principal.id,
      worker_name: principal.name,
      occurred_at: occurredAt.toISOString(),
      kind: body.kind,
      subject_groups: JSON.stringify(body.subjectGroups),
      household_ref: body.householdRef ?? null,
      summary: body.summary,
      minutes: body.minutes,
      outcome: body.outcome,
      case_id: body.caseId ?? null,
      created_at: now.toISOString(),
    });
    return created(toServiceLog(findServiceLog(db, id)!));
  });
};

export const listServiceLogs: Handler<'listServiceLogs'> = ({ db, query, principal }) => {
  const staff = principal!;
  const subtree = subtreeOf(db, staff, query.gridId);
  const after = decodeCursor(query, 2);
  const rows = listServiceLogRows(db, {
    jurisdiction: staff.paths,
    subtree,
    workerId: query.workerId || undefined,
    kind: query.kind || undefined,
    occurredFrom: query.occurredFrom ? instantAt(query.occurredFrom, '/query/occurredFrom').toISOString() : undefined,
    occurredTo: query.occurredTo ? instantAt(query.occurredTo, '/query/occurredTo').toISOString() : undefined,
    after: after && [String(after[0]), String(after[1])],
    limit: query.limit ?? 50,
  });
  return ok(page(rows, query, toServiceLog, (row) => [row.occurred_at, row.id]));
};

export const getServiceLogSummary: Handler<'getServiceLogSummary'> = ({ db, query, principal }) => {
  const staff = principal!;
  const { from, to } = monthDays(query.month);
  const entries = loggedServices(db, {
    jurisdiction: staff.paths,
    occurredFrom: from,
    occurredTo: to,
    subtree: subtreeOf(db, staff, query.gridId),
    workerId: query.workerId || undefined,
  });
  return ok({
    month: query.month,
    ...(query.gridId ? { gridId: query.gridId } : {}),
    ...(query.workerId ? { workerId: query.workerId } : {}),
    ...summarizeMonth(query.month, entries),
  });
};
