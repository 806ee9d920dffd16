import type { Schemas } from '@gridkit/sdk';
import type { Db } from '../store/database.js';
import type { Principal } from '../http/auth.js';
import { covers } from '../http/auth.js';
import { forbidden, notFound, unprocessable, type Issue } from './errors.js';
import { pathIds } from './grids.js';
import { finalStatuses, type CaseLevel, type CaseStatus } from './lifecycle.js';

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
}

export function findCase(db: Db, id: string): CaseRow | undefined {
  return db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
}

export function findCaseByTicket(db: Db, ticket: string): CaseRow {
  const row = db.prepare('SELECT * FROM cases WHERE ticket = ?').get(ticket) as CaseRow | undefined;
  if (!row) throw notFound(`Case ${ticket}`);
  return row;
}

function evaluationOf(row: CaseRow): Schemas['Evaluation'] | null {
  if (row.evaluation_score === null || !row.evaluated_at) return null;
  return {
    score: row.evaluation_score,
    ...(row.evaluation_comment ? { comment: row.evaluation_comment } : {}),
    createdAt: row.evaluated_at,
  };
}

export function isOverdue(row: CaseRow, now: Date): boolean {
  return !finalStatuses.includes(row.status) && row.due_at < now.toISOString();
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
    evaluation: evaluationOf(row),
    overdue: isOverdue(row, now),
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
  };
}

/** The resident's view: no personal data, no internal notes. */
export function toPublicCase(db: Db, row: CaseRow): Schemas['PublicCase'] {
  const grid = db.prepare('SELECT name FROM grids WHERE id = ?').get(row.grid_id) as { name: string };
  const category = db.prepare('SELECT name FROM categories WHERE code = ?').get(row.category_code) as { name: string };
  const events = db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq').all(row.id) as CaseEventRow[];
  const evaluation = evaluationOf(row);
  return {
    ticket: row.ticket,
    status: row.status,
    level: row.level,
    gridId: row.grid_id,
    gridName: grid.name,
    categoryCode: row.category_code,
    categoryName: JSON.parse(category.name) as Schemas['LocalizedText'],
    createdAt: row.created_at,
    dueAt: row.due_at,
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
    ...(evaluation ? { evaluation } : {}),
    canEvaluate: row.status === 'closed' && !evaluation,
    timeline: events.map((event) => ({
      type: event.type,
      ...(event.from_status ? { fromStatus: event.from_status } : {}),
      toStatus: event.to_status,
      level: event.level,
      at: event.at,
      ...(event.public_note ? { publicNote: event.public_note } : {}),
    })),
  };
}

/**
 * Who may act on a case: a grid worker on cases of their grids while the
 * case is at grid level; above that, admins whose subtree contains the
 * case's node at its current level (its community, street or district).
 */
export function requireCaseActor(db: Db, principal: Principal, row: CaseRow): void {
  if (principal.role === 'grid_worker') {
    if (row.level === 'grid' && covers(principal, row.grid_path)) return;
    throw forbidden(
      row.level === 'grid'
        ? `Case ${row.ticket} is outside your grids.`
        : `Case ${row.ticket} was escalated to ${row.level} level; only admins there may act on it.`,
    );
  }
  if (covers(principal, nodePathAtLevel(db, row.grid_path, row.level))) return;
  throw forbidden(`Case ${row.ticket} at ${row.level} level is outside your jurisdiction.`);
}

/** Who may read a case: anyone whose jurisdiction contains its grid. */
export function requireCaseReader(principal: Principal, row: CaseRow): void {
  if (!covers(principal, row.grid_path)) throw forbidden(`Case ${row.ticket} is outside your jurisdiction.`);
}

function nodePathAtLevel(db: Db, gridPath: string, level: CaseLevel): string {
  if (level === 'grid') return gridPath;
  const ids = pathIds(gridPath);
  const node = db
    .prepare(`SELECT path FROM grids WHERE level = ? AND id IN (${ids.map(() => '?').join(',')})`)
    .pluck()
    .get(level, ...ids) as string | undefined;
  // A tree without that level: only admins over the whole tree.
  return node ?? `/${ids[0]}/`;
}

/** Checks answers to a category's extra fields (Open311 attributes). */
export function attributeIssues(
  definitions: Schemas['CategoryAttribute'][],
  answers: Schemas['CaseAttributes'],
): Issue[] {
  const issues: Issue[] = [];
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code))
      issues.push({
        path: `/body/attributes/${code}`,
        code: 'unknown_attribute',
        message: `The category has no attribute ${code}.`,
      });
  }
  for (const definition of definitions) {
    const path = `/body/attributes/${definition.code}`;
    const value = answers[definition.code];
    if (value === undefined || value === '') {
      if (definition.required)
        issues.push({ path, code: 'attribute_required', message: `${definition.code} is required for this category.` });
      continue;
    }
    const keys = new Set((definition.options ?? []).map((o) => o.key));
    const valid = (() => {
      switch (definition.datatype) {
        case 'number':
          return typeof value === 'number' && Number.isFinite(value);
        case 'boolean':
          return typeof value === 'boolean';
        case 'date':
          return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
        case 'singlevaluelist':
          return typeof value === 'string' && keys.has(value);
        case 'multivaluelist':
          return Array.isArray(value) && value.every((v) => keys.has(v));
        default:
          return typeof value === 'string';
      }
    })();
    if (!valid)
      issues.push({
        path,
        code: 'attribute_invalid',
        message: `${definition.code} must be a valid ${definition.datatype}.`,
      });
  }
  return issues;
}

export function requireMediaIds(db: Db, ids: string[] | undefined, path: string): void {
  if (!ids?.length) return;
  const found = new Set(
    db
      .prepare(`SELECT id FROM media WHERE id IN (${ids.map(() => '?').join(',')})`)
      .pluck()
      .all(...ids) as string[],
  );
  const issues = ids
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => !found.has(id))
    .map(({ id, index }) => ({
      path: `${path}/${index}`,
      code: 'unknown_media',
      message: `Media ${id} does not exist.`,
    }));
  if (issues.length) throw unprocessable(...issues);
}
