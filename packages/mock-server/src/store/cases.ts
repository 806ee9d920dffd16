/**
 * Cases and their timelines (`cases`, `case_events`, `ticket_sequences`):
 * rows, their API shapes (staff view, event, public view), and every
 * statement that reads or writes them.
 */
import type { Schemas } from '@gridkit/sdk';
import { isOverdue, type CaseScope, type ResolutionFacts } from '../domain/cases.js';
import { notFound } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { finalStatuses, type CaseAction, type CaseLevel, type CaseStatus } from '../domain/lifecycle.js';
import { attentionLevels, type CasePriority } from '../domain/priority.js';
import { canDispute, disputeUntil } from '../domain/recourse.js';
import { pathIds } from '../domain/grids.js';
import { formatTicket, ticketDay, ticketPrefix } from '../domain/tickets.js';
import { categoryName } from './categories.js';
import type { Db } from './database.js';
import { equals, newestFirstAfter, whereOf, withinSubtrees } from './filters.js';
import { gridName, ticketPrefixesOnPath } from './grids.js';
import { writeCase } from './rollups.js';
import { plucked, prepared } from './statements.js';

export interface CaseRow {
  id: string;
  ticket: string;
  tracking_token_hash: string;
  grid_id: string;
  grid_path: string;
  category_code: string;
  description: string;
  address: string;
  lat: number | null;
  lng: number | null;
  media_ids: string;
  attributes: string;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_staff_id: string | null;
  channel: Schemas['CaseChannel'];
  status: CaseStatus;
  level: CaseLevel;
  assignee: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  accepted_at: string | null;
  closed_at: string | null;
  closed_level: CaseLevel | null;
  due_at: string;
  reopen_count: number;
  evaluation_score: number | null;
  evaluation_comment: string | null;
  evaluated_at: string | null;
  priority: CasePriority;
  dispute_count: number;
  follow_up_status: Schemas['FollowUpStatus'] | null;
  follow_up_opened_at: string | null;
  follow_up_outcome: Schemas['FollowUpOutcome'] | null;
  follow_up_note: string | null;
  follow_up_done_at: string | null;
  /** The `Actor` who recorded the outcome, as JSON. */
  follow_up_done_by: string | null;
}

export interface CaseEventRow {
  id: string;
  case_id: string;
  seq: number;
  type: Schemas['CaseEventType'];
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  from_level: CaseLevel | null;
  level: CaseLevel;
  actor_type: Schemas['Actor']['type'];
  actor_id: string | null;
  actor_name: string | null;
  actor_role: Schemas['StaffRole'] | null;
  at: string;
  note: string | null;
  public_note: string | null;
  media_ids: string;
  assignee: string | null;
  /** Set on events that changed the priority (an `accept` to another priority, a `prioritize`). */
  from_priority: CasePriority | null;
  priority: CasePriority | null;
}

export function findCase(db: Db, id: string): CaseRow | undefined {
  return prepared(db, 'SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
}

export function requireCase(db: Db, id: string): CaseRow {
  const row = findCase(db, id);
  if (!row) throw notFound(`Case ${id}`);
  return row;
}

/** The case whose tracking token hashes to `hash` (tokens are stored as hashes only). */
export function findCaseByTrackingTokenHash(db: Db, hash: string): CaseRow | undefined {
  return prepared(db, 'SELECT * FROM cases WHERE tracking_token_hash = ?').get(hash) as CaseRow | undefined;
}

export function requireCaseByTicket(db: Db, ticket: string): CaseRow {
  const row = prepared(db, 'SELECT * FROM cases WHERE ticket = ?').get(ticket) as CaseRow | undefined;
  if (!row) throw notFound(`Case ${ticket}`);
  return row;
}

/**
 * Who did the work on a case, for the independence rule (domain/cases.ts):
 * the actor of its latest `resolve` and its current assignee.
 */
export function resolutionOf(db: Db, row: CaseRow): ResolutionFacts {
  const resolverId = plucked(
    db,
    "SELECT actor_id FROM case_events WHERE case_id = ? AND type = 'resolve' ORDER BY seq DESC LIMIT 1",
  ).get(row.id) as string | null | undefined;
  return { resolverId: resolverId ?? null, assignee: assigneeOf(row) };
}

/** The case's current assignee (a unit or person on record), or `null`. */
export const assigneeOf = (row: CaseRow): Schemas['Assignee'] | null =>
  row.assignee ? (JSON.parse(row.assignee) as Schemas['Assignee']) : null;

/** What the access rules (domain/cases.ts) read of a case row. */
/** What live streams are told of a case (http/live.ts): its public status and level, and where it is. */
export const caseChange = (row: Pick<CaseRow, 'ticket' | 'status' | 'level' | 'grid_path'>) => ({
  kind: 'case' as const,
  ticket: row.ticket,
  status: row.status,
  level: row.level,
  gridPath: row.grid_path,
});

export const scopeOf = (row: CaseRow): CaseScope => ({ ticket: row.ticket, level: row.level, gridPath: row.grid_path });

function evaluationOf(row: CaseRow): Schemas['Evaluation'] | null {
  if (row.evaluation_score === null || !row.evaluated_at) return null;
  return {
    score: row.evaluation_score,
    ...(row.evaluation_comment ? { comment: row.evaluation_comment } : {}),
    createdAt: row.evaluated_at,
  };
}

function followUpOf(row: CaseRow): Schemas['FollowUp'] | null {
  if (!row.follow_up_status || !row.follow_up_opened_at) return null;
  return {
    status: row.follow_up_status,
    openedAt: row.follow_up_opened_at,
    ...(row.follow_up_outcome ? { outcome: row.follow_up_outcome } : {}),
    ...(row.follow_up_note ? { note: row.follow_up_note } : {}),
    ...(row.follow_up_done_at ? { doneAt: row.follow_up_done_at } : {}),
    ...(row.follow_up_done_by ? { doneBy: JSON.parse(row.follow_up_done_by) as Schemas['Actor'] } : {}),
  };
}

/** The staff view, with the reporter's personal data. */
export function toCase(row: CaseRow, now: Date): Schemas['Case'] {
  const reporter =
    row.reporter_name || row.reporter_phone
      ? {
          ...(row.reporter_name ? { name: row.reporter_name } : {}),
          ...(row.reporter_phone ? { phone: row.reporter_phone } : {}),
        }
      : null;
  return {
    id: row.id,
    ticket: row.ticket,
    status: row.status,
    level: row.level,
    gridId: row.grid_id,
    categoryCode: row.category_code,
    priority: row.priority,
    attentionLevels: attentionLevels(row.priority, row.level),
    dueAt: row.due_at,
    createdAt: row.created_at,
    description: row.description,
    location: {
      address: row.address,
      ...(row.lat !== null && row.lng !== null ? { point: { lat: row.lat, lng: row.lng } } : {}),
    },
    mediaIds: JSON.parse(row.media_ids) as string[],
    attributes: JSON.parse(row.attributes) as Schemas['CaseAttributes'],
    reporter,
    channel: row.channel,
    assignee: row.assignee ? (JSON.parse(row.assignee) as Schemas['Assignee']) : null,
    version: row.version,
    updatedAt: row.updated_at,
    ...(row.accepted_at ? { acceptedAt: row.accepted_at } : {}),
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    reopenCount: row.reopen_count,
    disputeCount: row.dispute_count,
    evaluation: evaluationOf(row),
    followUp: followUpOf(row),
    overdue: isOverdue(row.status, row.due_at, now),
  };
}

export function toCaseEvent(row: CaseEventRow): Schemas['CaseEvent'] {
  return {
    id: row.id,
    caseId: row.case_id,
    type: row.type,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    ...(row.from_level && row.from_level !== row.level ? { fromLevel: row.from_level } : {}),
    level: row.level,
    actor: {
      type: row.actor_type,
      ...(row.actor_id ? { id: row.actor_id } : {}),
      ...(row.actor_name ? { name: row.actor_name } : {}),
      ...(row.actor_role ? { role: row.actor_role } : {}),
    },
    at: row.at,
    ...(row.note ? { note: row.note } : {}),
    ...(row.public_note ? { publicNote: row.public_note } : {}),
    mediaIds: JSON.parse(row.media_ids) as string[],
    ...(row.assignee ? { assignee: JSON.parse(row.assignee) as Schemas['Assignee'] } : {}),
    ...(row.from_priority ? { fromPriority: row.from_priority } : {}),
    ...(row.priority ? { priority: row.priority } : {}),
  };
}

/**
 * The resident's view: no personal data, no internal notes, no follow-up
 * outcome. This is the view with the tracking token; `publicCaseView`
 * (domain/cases.ts) cuts it down for a request by ticket alone.
 */
export function toPublicCase(db: Db, row: CaseRow, now: Date): Schemas['PublicCase'] {
  const events = prepared(db, 'SELECT * FROM case_events WHERE case_id = ? ORDER BY seq').all(row.id) as CaseEventRow[];
  const evaluation = evaluationOf(row);
  const followUp = followUpOf(row);
  const until = row.status === 'closed' ? disputeUntil(row.closed_at) : undefined;
  return {
    ticket: row.ticket,
    status: row.status,
    level: row.level,
    gridId: row.grid_id,
    gridName: gridName(db, row.grid_id)!,
    categoryCode: row.category_code,
    categoryName: categoryName(db, row.category_code),
    priority: row.priority,
    createdAt: row.created_at,
    dueAt: row.due_at,
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    ...(until ? { disputeUntil: until } : {}),
    ...(evaluation ? { evaluation } : {}),
    ...(followUp
      ? {
          followUp: {
            status: followUp.status,
            openedAt: followUp.openedAt,
            ...(followUp.doneAt ? { doneAt: followUp.doneAt } : {}),
          },
        }
      : {}),
    canEvaluate: row.status === 'closed' && !evaluation,
    canDispute: canDispute(row.status, row.closed_at, now),
    timeline: events.map((event) => ({
      type: event.type,
      ...(event.from_status ? { fromStatus: event.from_status } : {}),
      toStatus: event.to_status,
      level: event.level,
      at: event.at,
      ...(event.priority ? { priority: event.priority } : {}),
      ...(event.public_note ? { publicNote: event.public_note } : {}),
    })),
  };
}

/**
 * The next work-order number for a report in a grid (see domain/tickets.ts).
 * Called inside the case's write transaction: SQLite serializes writers, so
 * two reports at the same instant get consecutive numbers, never the same one.
 */
export function nextTicket(db: Db, gridPath: string, createdAt: Date): string {
  const day = ticketDay(ticketPrefix(gridPath, ticketPrefixesOnPath(db, gridPath)), createdAt);
  const sequence = plucked(
    db,
    `INSERT INTO ticket_sequences (prefix, last) VALUES (?, 1)
     ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last`,
  ).get(day) as number;
  return formatTicket(day, sequence);
}

/** A new case as reported: `submitted`, at grid level, version 1. */
export type NewCase = Pick<
  CaseRow,
  | 'id'
  | 'ticket'
  | 'tracking_token_hash'
  | 'grid_id'
  | 'grid_path'
  | 'category_code'
  | 'description'
  | 'address'
  | 'lat'
  | 'lng'
  | 'media_ids'
  | 'attributes'
  | 'reporter_name'
  | 'reporter_phone'
  | 'reporter_staff_id'
  | 'channel'
  | 'created_at'
  | 'due_at'
  | 'priority'
>;

export function insertCase(db: Db, row: NewCase): void {
  writeCase(db, row.id, () =>
    prepared(
      db,
      `INSERT INTO cases (id, ticket, tracking_token_hash, grid_id, grid_path, category_code, description, address, lat, lng,
         media_ids, attributes, reporter_name, reporter_phone, reporter_staff_id, channel, status, level, version,
         created_at, updated_at, due_at, priority)
       VALUES (@id, @ticket, @tracking_token_hash, @grid_id, @grid_path, @category_code, @description, @address, @lat, @lng,
         @media_ids, @attributes, @reporter_name, @reporter_phone, @reporter_staff_id, @channel, 'submitted', 'grid', 1,
         @created_at, @created_at, @due_at, @priority)`,
    ).run(row),
  );
}

/** Appends an event to a case's timeline, numbered after the last one (priorities only on events that change it). */
export function insertCaseEvent(
  db: Db,
  caseId: string,
  event: Omit<CaseEventRow, 'id' | 'case_id' | 'seq' | 'from_priority' | 'priority'> &
    Partial<Pick<CaseEventRow, 'from_priority' | 'priority'>>,
): void {
  prepared(
    db,
    `INSERT INTO case_events (id, case_id, seq, type, from_status, to_status, from_level, level, actor_type, actor_id,
       actor_name, actor_role, at, note, public_note, media_ids, assignee, from_priority, priority)
     VALUES (@id, @case_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = @case_id), @type,
       @from_status, @to_status, @from_level, @level, @actor_type, @actor_id, @actor_name, @actor_role, @at, @note,
       @public_note, @media_ids, @assignee, @from_priority, @priority)`,
  ).run({ from_priority: null, priority: null, ...event, id: newId('evt'), case_id: caseId });
}

/**
 * Moves a case to its next status and level (domain/lifecycle.ts decided
 * them) and bumps its version; the first accept stamps `accepted_at`, a
 * close stamps `closed_at` and the level it was closed at, a reopen counts.
 */
export function updateCaseStatus(
  db: Db,
  change: {
    id: string;
    action: CaseAction;
    status: CaseStatus;
    level: CaseLevel;
    assignee: string | null;
    at: string;
    /** The priority after the action, and the due time that follows from it (domain/priority.ts). */
    priority: CasePriority;
    dueAt: string;
  },
): void {
  writeCase(db, change.id, () =>
    prepared(
      db,
      `UPDATE cases SET status = @status, level = @level, assignee = @assignee, version = version + 1, updated_at = @at,
         priority = @priority, due_at = @dueAt,
         accepted_at = COALESCE(accepted_at, CASE WHEN @action = 'accept' THEN @at END),
         closed_at = CASE WHEN @status = 'closed' THEN @at ELSE closed_at END,
         closed_level = CASE WHEN @status = 'closed' THEN @level ELSE closed_level END,
         reopen_count = reopen_count + CASE WHEN @action = 'reopen' THEN 1 ELSE 0 END
       WHERE id = @id`,
    ).run(change),
  );
}

/** Records the one evaluation; `openFollowUp` (a score of 1–2, domain/recourse.ts) opens a follow-up at the same instant. */
export function recordEvaluation(
  db: Db,
  id: string,
  evaluation: { score: number; comment: string | null; at: string; openFollowUp: boolean },
): void {
  writeCase(db, id, () =>
    prepared(
      db,
      `UPDATE cases SET evaluation_score = @score, evaluation_comment = @comment, evaluated_at = @at,
         follow_up_status = CASE WHEN @openFollowUp THEN 'open' ELSE follow_up_status END,
         follow_up_opened_at = CASE WHEN @openFollowUp THEN @at ELSE follow_up_opened_at END
       WHERE id = @id`,
    ).run({ ...evaluation, openFollowUp: evaluation.openFollowUp ? 1 : 0, id }),
  );
}

/**
 * The reporter's dispute: back to `in_progress` at the level it was closed
 * at (same assignee), no longer closed, one more reopening and dispute.
 */
export function reopenByDispute(db: Db, id: string, at: string): void {
  writeCase(db, id, () =>
    prepared(
      db,
      `UPDATE cases SET status = 'in_progress', closed_at = NULL, closed_level = NULL, reopen_count = reopen_count + 1,
         dispute_count = dispute_count + 1, version = version + 1, updated_at = @at
       WHERE id = @id`,
    ).run({ id, at }),
  );
}

/** A follow-up's outcome: done, with what was found, who recorded it and when; a new version. */
export function recordFollowUpOutcome(
  db: Db,
  id: string,
  outcome: { outcome: Schemas['FollowUpOutcome']; note: string; at: string; by: Schemas['Actor'] },
): void {
  writeCase(db, id, () =>
    prepared(
      db,
      `UPDATE cases SET follow_up_status = 'done', follow_up_outcome = @outcome, follow_up_note = @note,
         follow_up_done_at = @at, follow_up_done_by = @by, version = version + 1, updated_at = @at
       WHERE id = @id`,
    ).run({ ...outcome, by: JSON.stringify(outcome.by), id }),
  );
}

/** The staff list's filters (already validated); times are RFC 3339 UTC. */
export interface CaseFilter {
  /** The principal's jurisdiction: the subtrees it may see. */
  jurisdiction: readonly string[];
  /** The `gridId` filter's subtree. */
  subtree?: string;
  status?: readonly CaseStatus[];
  level?: CaseLevel;
  categoryCode?: string;
  createdFrom?: string;
  createdTo?: string;
  /** With `now`: only overdue cases (true) or only cases that are not (false). */
  overdue?: boolean;
  now: string;
  /** An assignee's id. */
  assignee?: string;
  priority?: CasePriority;
  /** Cases that need this level's attention (domain/priority.ts's `attentionLevels`). */
  attentionLevel?: CaseLevel;
  followUp?: Schemas['FollowUpStatus'];
  /** A ticket (any case), or text in the description or address. */
  q?: string;
  /** Keyset: the `[created_at, id]` of the previous page's last case. */
  after?: readonly [string, string];
  limit: number;
}

const finalList = finalStatuses.map((status) => `'${status}'`).join(', ');

/** A page of cases, newest first (one row more than `limit`, to tell whether a next page exists). */
export function listCaseRows(db: Db, filter: CaseFilter): CaseRow[] {
  const where = whereOf([
    withinSubtrees('grid_path', filter.jurisdiction),
    filter.subtree !== undefined && withinSubtrees('grid_path', [filter.subtree], 's'),
    filter.status?.length
      ? {
          sql: 'status IN (SELECT value FROM json_each(@statuses))',
          params: { statuses: JSON.stringify(filter.status) },
        }
      : undefined,
    equals('level', 'level', filter.level),
    equals('category_code', 'categoryCode', filter.categoryCode),
    filter.createdFrom !== undefined && {
      sql: 'created_at >= @createdFrom',
      params: { createdFrom: filter.createdFrom },
    },
    filter.createdTo !== undefined && { sql: 'created_at < @createdTo', params: { createdTo: filter.createdTo } },
    // The SQL form of domain/cases.ts's isOverdue.
    filter.overdue !== undefined && {
      sql: filter.overdue
        ? `(status NOT IN (${finalList}) AND due_at < @now)`
        : `(status IN (${finalList}) OR due_at >= @now)`,
      params: { now: filter.now },
    },
    equals("json_extract(assignee, '$.id')", 'assignee', filter.assignee),
    equals('priority', 'priority', filter.priority),
    equals('follow_up_status', 'followUp', filter.followUp),
    // The SQL form of domain/priority.ts's attentionLevels.
    filter.attentionLevel !== undefined && {
      sql: `(level = @attentionLevel OR (@attentionLevel = 'community' AND priority = 'urgent' AND level = 'grid'))`,
      params: { attentionLevel: filter.attentionLevel },
    },
    filter.q !== undefined && {
      sql: '(ticket = upper(@q) OR instr(description, @q) > 0 OR instr(address, @q) > 0)',
      params: { q: filter.q },
    },
    newestFirstAfter('created_at', filter.after),
  ]);
  return prepared(
    db,
    `SELECT * FROM cases ${walksNewestFirst(filter) ? 'INDEXED BY cases_created' : ''} ${where.sql}
      ORDER BY created_at DESC, id DESC LIMIT @limit`,
  ).all({
    ...where.params,
    limit: filter.limit + 1,
  }) as CaseRow[];
}

/**
 * Whether a page is read by walking `cases_created` newest first, stopping at
 * `limit` matches, rather than from the subtree's path index, which hands
 * over every case of the subtree to be sorted before the first row: 250 ms a
 * page for a district of 100,000 cases, so an export of them took a minute.
 * Walking is right when the cases looked at are a large share of all (a
 * district, street or community); a grid's few cases are found faster by
 * path. A follow-up filter has a partial index of its own.
 */
function walksNewestFirst(filter: CaseFilter): boolean {
  if (filter.followUp !== undefined) return false;
  const depth = (path: string) => pathIds(path).length;
  const scope = filter.subtree !== undefined ? [filter.subtree] : filter.jurisdiction;
  // Depth 1–3: the district, a street, a community; 4: a grid.
  return scope.length > 0 && Math.min(...scope.map(depth)) <= 3;
}

/** A page of a case's timeline after event `afterSeq` (one row more than `limit`). */
export function listCaseEventRows(db: Db, caseId: string, afterSeq: number, limit: number): CaseEventRow[] {
  return prepared(db, 'SELECT * FROM case_events WHERE case_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(
    caseId,
    afterSeq,
    limit + 1,
  ) as CaseEventRow[];
}
