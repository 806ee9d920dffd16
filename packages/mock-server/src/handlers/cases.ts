import { timingSafeEqual } from 'node:crypto';
import type { Schemas } from '@gridkit/sdk';
import {
  attributeIssues,
  findCase,
  findCaseByTicket,
  requireCaseActor,
  requireCaseReader,
  requireMediaIds,
  toCase,
  toCaseEvent,
  toPublicCase,
  type CaseEventRow,
  type CaseRow,
} from '../domain/cases.js';
import { conflict, DomainError, notFound, unprocessable, type Issue } from '../domain/errors.js';
import { findGrid } from '../domain/grids.js';
import { jurisdictionClause, subtreeFilter } from '../domain/jurisdiction.js';
import { newId, newTrackingToken, trackingTokenHash } from '../domain/ids.js';
import { applyAction, type CaseAction } from '../domain/lifecycle.js';
import { nextTicket } from '../domain/tickets.js';
import { decodeCursor, page } from '../http/cursor.js';
import { created, ok, type Handler } from '../http/handler.js';
import type { Db } from '../store/database.js';
import { findCategory } from './categories.js';
import { apiBase } from '../http/app.js';

function insertEvent(db: Db, row: Pick<CaseRow, 'id'>, event: Omit<CaseEventRow, 'id' | 'case_id' | 'seq'>): void {
  db.prepare(
    `INSERT INTO case_events (id, case_id, seq, type, from_status, to_status, from_level, level, actor_type, actor_id,
       actor_name, actor_role, at, note, public_note, media_ids, assignee)
     VALUES (@id, @case_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = @case_id), @type,
       @from_status, @to_status, @from_level, @level, @actor_type, @actor_id, @actor_name, @actor_role, @at, @note,
       @public_note, @media_ids, @assignee)`,
  ).run({ ...event, id: newId('evt'), case_id: row.id });
}

export const createCase: Handler<'createCase'> = (context) => {
  const { db, body, principal, now } = context;
  return context.write(() => {
    const issues: Issue[] = [];
    const grid = findGrid(db, body.gridId);
    if (!grid)
      issues.push({ path: '/body/gridId', code: 'unknown_grid', message: `Grid ${body.gridId} does not exist.` });
    const category = findCategory(db, body.categoryCode);
    if (!category) {
      issues.push({
        path: '/body/categoryCode',
        code: 'unknown_category',
        message: `Category ${body.categoryCode} does not exist.`,
      });
    } else {
      if (category.requiresPhoto && !body.mediaIds?.length) {
        issues.push({
          path: '/body/mediaIds',
          code: 'photo_required',
          message: 'This category needs at least one photo.',
        });
      }
      if (category.requiresLocation && !body.location.point) {
        issues.push({
          path: '/body/location/point',
          code: 'location_required',
          message: 'This category needs coordinates.',
        });
      }
      issues.push(...attributeIssues(category.attributes, body.attributes ?? {}));
    }
    if (!principal && body.channel === 'grid_worker') {
      issues.push({
        path: '/body/channel',
        code: 'channel_not_allowed',
        message: 'Only staff report through the grid_worker channel.',
      });
    }
    if (issues.length) throw unprocessable(...issues);
    requireMediaIds(db, body.mediaIds, '/body/mediaIds');
    const id = newId('cas');
    const trackingToken = newTrackingToken();
    const ticket = nextTicket(db, grid!.path, now);
    const createdAt = now.toISOString();
    const dueAt = new Date(now.getTime() + category!.slaHours * 3_600_000).toISOString();
    const channel = principal ? 'grid_worker' : (body.channel ?? 'web');
    db.prepare(
      `INSERT INTO cases (id, ticket, tracking_token_hash, grid_id, grid_path, category_code, description, address, lat, lng,
         media_ids, attributes, reporter_name, reporter_phone, reporter_staff_id, channel, status, level, version,
         created_at, updated_at, due_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', 'grid', 1, ?, ?, ?)`,
    ).run(
      id,
      ticket,
      trackingTokenHash(trackingToken)!,
      grid!.id,
      grid!.path,
      category!.code,
      body.description,
      body.location.address,
      body.location.point?.lat ?? null,
      body.location.point?.lng ?? null,
      JSON.stringify(body.mediaIds ?? []),
      JSON.stringify(body.attributes ?? {}),
      body.reporter?.name ?? null,
      body.reporter?.phone ?? null,
      principal?.id ?? null,
      channel,
      createdAt,
      createdAt,
      dueAt,
    );
    insertEvent(
      db,
      { id },
      {
        type: 'created',
        from_status: null,
        to_status: 'submitted',
        from_level: null,
        level: 'grid',
        actor_type: principal ? 'staff' : 'resident',
        actor_id: principal?.id ?? null,
        actor_name: principal?.name ?? null,
        actor_role: principal?.role ?? null,
        at: createdAt,
        note: null,
        public_note: null,
        media_ids: JSON.stringify(body.mediaIds ?? []),
        assignee: null,
      },
    );
    return created(
      {
        id,
        ticket,
        trackingToken,
        status: 'submitted' as const,
        level: 'grid' as const,
        gridId: grid!.id,
        categoryCode: category!.code,
        dueAt,
        createdAt,
      },
      { Location: `${apiBase}/tickets/${ticket}` },
    );
  });
};

export const listCases: Handler<'listCases'> = ({ db, query, principal, now }) => {
  const staff = principal!;
  const limit = query.limit ?? 50;
  const jurisdiction = jurisdictionClause(staff, 'grid_path');
  const where = [jurisdiction.sql];
  const args: (string | number)[] = [...jurisdiction.args];
  if (query.gridId !== undefined) {
    const filter = subtreeFilter(db, staff, query.gridId);
    where.push(filter.sql);
    args.push(...filter.args);
  }
  if (query.status?.length) {
    where.push(`status IN (${query.status.map(() => '?').join(',')})`);
    args.push(...query.status);
  }
  if (query.level) {
    where.push('level = ?');
    args.push(query.level);
  }
  if (query.categoryCode) {
    where.push('category_code = ?');
    args.push(query.categoryCode);
  }
  if (query.createdFrom) {
    where.push('created_at >= ?');
    args.push(new Date(query.createdFrom).toISOString());
  }
  if (query.createdTo) {
    where.push('created_at < ?');
    args.push(new Date(query.createdTo).toISOString());
  }
  if (query.overdue !== undefined) {
    where.push(
      query.overdue
        ? "(status NOT IN ('closed', 'rejected') AND due_at < ?)"
        : "(status IN ('closed', 'rejected') OR due_at >= ?)",
    );
    args.push(now.toISOString());
  }
  if (query.assignee) {
    where.push("json_extract(assignee, '$.id') = ?");
    args.push(query.assignee);
  }
  if (query.q) {
    where.push('(ticket = upper(?) OR instr(description, ?) > 0 OR instr(address, ?) > 0)');
    args.push(query.q, query.q, query.q);
  }
  const after = decodeCursor(query, 2);
  if (after) {
    where.push('(created_at < ? OR (created_at = ? AND id < ?))');
    args.push(after[0]!, after[0]!, after[1]!);
  }
  const rows = db
    .prepare(`SELECT * FROM cases WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .all(...args, limit + 1) as CaseRow[];
  return ok(
    page(
      rows,
      query,
      (row) => toCase(row, now),
      (row) => [row.created_at, row.id],
    ),
  );
};

function requireCase(db: Db, caseId: string): CaseRow {
  const row = findCase(db, caseId);
  if (!row) throw notFound(`Case ${caseId}`);
  return row;
}

export const getCase: Handler<'getCase'> = ({ db, path, principal, now }) => {
  const row = requireCase(db, path.caseId);
  requireCaseReader(principal!, row);
  return ok(toCase(row, now), { ETag: `"${row.version}"` });
};

export const getPublicCase: Handler<'getPublicCase'> = ({ db, path }) =>
  ok(toPublicCase(db, findCaseByTicket(db, path.ticket)), { 'Cache-Control': 'no-store' });

const requirements: Partial<Record<CaseAction, { field: 'assignee' | 'note' | 'publicNote'; code: string }>> = {
  dispatch: { field: 'assignee', code: 'assignee_required' },
  reopen: { field: 'note', code: 'note_required' },
  escalate: { field: 'note', code: 'note_required' },
  reject: { field: 'publicNote', code: 'public_note_required' },
};

function parseVersion(ifMatch: string): number {
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) {
    throw new DomainError(400, 'validation-failed', 'If-Match must carry the case version as an ETag, e.g. "3".', [
      { path: '/header/If-Match', message: 'must be an entity tag such as "3"', code: 'malformed' },
    ]);
  }
  return Number(match[1]);
}

export const transitionCase: Handler<'transitionCase'> = (context) => {
  const { db, path, body, now, header } = context;
  const principal = context.principal!;
  const expected = parseVersion(header['If-Match'] ?? (header as Record<string, string>)['if-match'] ?? '');
  return context.write(() => {
    const row = requireCase(db, path.caseId);
    requireCaseActor(db, principal, row);
    if (row.version !== expected) {
      throw new DomainError(
        412,
        'stale-version',
        `Case ${row.ticket} is at version ${row.version}, not ${expected}; reload it and decide again.`,
        [],
        {
          ETag: `"${row.version}"`,
        },
      );
    }
    const next = applyAction(row.status, row.level, body.action);
    const requirement = requirements[body.action];
    if (requirement && !body[requirement.field]) {
      throw unprocessable({
        path: `/body/${requirement.field}`,
        code: requirement.code,
        message: `${body.action} needs ${requirement.field}.`,
      });
    }
    requireMediaIds(db, body.mediaIds, '/body/mediaIds');
    const at = now.toISOString();
    const assignee =
      body.action === 'dispatch' ? JSON.stringify(body.assignee) : body.action === 'escalate' ? null : row.assignee;
    db.prepare(
      `UPDATE cases SET status = ?, level = ?, assignee = ?, version = version + 1, updated_at = ?,
         accepted_at = COALESCE(accepted_at, CASE WHEN ? = 'accept' THEN ? END),
         closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END,
         closed_level = CASE WHEN ? = 'closed' THEN ? ELSE closed_level END,
         reopen_count = reopen_count + CASE WHEN ? = 'reopen' THEN 1 ELSE 0 END
       WHERE id = ?`,
    ).run(
      next.status,
      next.level,
      assignee,
      at,
      body.action,
      at,
      next.status,
      at,
      next.status,
      next.level,
      body.action,
      row.id,
    );
    insertEvent(db, row, {
      type: body.action,
      from_status: row.status,
      to_status: next.status,
      from_level: row.level,
      level: next.level,
      actor_type: 'staff',
      actor_id: principal.id,
      actor_name: principal.name,
      actor_role: principal.role,
      at,
      note: body.note ?? null,
      public_note: body.publicNote ?? null,
      media_ids: JSON.stringify(body.mediaIds ?? []),
      assignee: body.action === 'dispatch' ? JSON.stringify(body.assignee) : null,
    });
    const updated = findCase(db, row.id)!;
    return ok(toCase(updated, now), { ETag: `"${updated.version}"` });
  });
};

export const listCaseEvents: Handler<'listCaseEvents'> = ({ db, path, query, principal }) => {
  const row = requireCase(db, path.caseId);
  requireCaseReader(principal!, row);
  const limit = query.limit ?? 50;
  const scope = { ...query, caseId: row.id };
  const after = decodeCursor(scope, 1);
  const events = db
    .prepare('SELECT * FROM case_events WHERE case_id = ? AND seq > ? ORDER BY seq LIMIT ?')
    .all(row.id, after?.[0] ?? 0, limit + 1) as CaseEventRow[];
  return ok(page(events, scope, toCaseEvent, (event) => [event.seq]));
};

/** Any typed form of the token matches (case, spaces, dashes, full width, O/I/L); text that is no token matches nothing. */
function tokenMatches(token: string, hash: string): boolean {
  const typed = trackingTokenHash(token);
  if (typed === undefined) return false;
  const given = Buffer.from(typed, 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export const evaluateCase: Handler<'evaluateCase'> = (context) => {
  const { db, path, body, now } = context;
  return context.write(() => {
    const row = findCaseByTicket(db, path.ticket);
    if (!tokenMatches(body.trackingToken, row.tracking_token_hash)) {
      throw new DomainError(403, 'invalid-tracking-token', 'The tracking token does not belong to this ticket.');
    }
    if (row.evaluation_score !== null) throw conflict('already-evaluated', `Case ${row.ticket} was already evaluated.`);
    if (row.status !== 'closed')
      throw conflict('case-not-closed', `Case ${row.ticket} is ${row.status}; it can be evaluated once closed.`);
    const at = now.toISOString();
    db.prepare('UPDATE cases SET evaluation_score = ?, evaluation_comment = ?, evaluated_at = ? WHERE id = ?').run(
      body.score,
      body.comment ?? null,
      at,
      row.id,
    );
    const evaluation: Schemas['Evaluation'] = {
      score: body.score,
      ...(body.comment ? { comment: body.comment } : {}),
      createdAt: at,
    };
    return created(evaluation);
  });
};
