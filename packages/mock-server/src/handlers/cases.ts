import type { Schemas } from '@gridkit/sdk';
import {
  channelIssues,
  judgesResolution,
  publicCaseView,
  reportIssues,
  requireActionFields,
  requireCaseActor,
  requireCaseReader,
  requireEvaluable,
  requireIndependent,
  requireKnownMedia,
  requireResolutionJudge,
  requireTrackingToken,
  requireVersion,
} from '../domain/cases.js';
import { DomainError, unprocessable, type Issue } from '../domain/errors.js';
import { newId, newTrackingToken, trackingTokenHash } from '../domain/ids.js';
import { requireFilterGrid } from '../domain/jurisdiction.js';
import { applyAction } from '../domain/lifecycle.js';
import { created, ok, type Handler } from '../http/handler.js';
import { apiBase } from '../limits.js';
import {
  findCase,
  insertCase,
  insertCaseEvent,
  listCaseEventRows,
  listCaseRows,
  nextTicket,
  recordEvaluation,
  requireCase,
  requireCaseByTicket,
  resolutionOf,
  scopeOf,
  toCase,
  toCaseEvent,
  toPublicCase,
  updateCaseStatus,
} from '../store/cases.js';
import { findCategory } from '../store/categories.js';
import { findGrid, findGridPlace, jurisdictionRoots, nodePathAtLevel } from '../store/grids.js';
import { existingMediaIds } from '../store/media.js';
import { decodeCursor, page } from './cursor.js';

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
      issues.push(...reportIssues(category, body));
    }
    issues.push(...channelIssues(body, Boolean(principal)));
    if (issues.length) throw unprocessable(...issues);
    requireKnownMedia(body.mediaIds, existingMediaIds(db, body.mediaIds), '/body/mediaIds');
    const id = newId('cas');
    const trackingToken = newTrackingToken();
    const ticket = nextTicket(db, grid!.path, now);
    const createdAt = now.toISOString();
    const dueAt = new Date(now.getTime() + category!.slaHours * 3_600_000).toISOString();
    const channel = principal ? 'grid_worker' : (body.channel ?? 'web');
    insertCase(db, {
      id,
      ticket,
      tracking_token_hash: trackingTokenHash(trackingToken)!,
      grid_id: grid!.id,
      grid_path: grid!.path,
      category_code: category!.code,
      description: body.description,
      address: body.location.address,
      lat: body.location.point?.lat ?? null,
      lng: body.location.point?.lng ?? null,
      media_ids: JSON.stringify(body.mediaIds ?? []),
      attributes: JSON.stringify(body.attributes ?? {}),
      reporter_name: body.reporter?.name ?? null,
      reporter_phone: body.reporter?.phone ?? null,
      reporter_staff_id: principal?.id ?? null,
      channel,
      created_at: createdAt,
      due_at: dueAt,
    });
    insertCaseEvent(db, id, {
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
    });
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
  const subtree =
    query.gridId === undefined
      ? undefined
      : requireFilterGrid(staff, query.gridId, findGridPlace(db, query.gridId)).path;
  const after = decodeCursor(query, 2);
  const rows = listCaseRows(db, {
    jurisdiction: staff.paths,
    subtree,
    status: query.status,
    level: query.level || undefined,
    categoryCode: query.categoryCode || undefined,
    createdFrom: query.createdFrom ? new Date(query.createdFrom).toISOString() : undefined,
    createdTo: query.createdTo ? new Date(query.createdTo).toISOString() : undefined,
    overdue: query.overdue,
    now: now.toISOString(),
    assignee: query.assignee || undefined,
    q: query.q || undefined,
    after: after && [String(after[0]), String(after[1])],
    limit: query.limit ?? 50,
  });
  return ok(
    page(
      rows,
      query,
      (row) => toCase(row, now),
      (row) => [row.created_at, row.id],
    ),
  );
};

export const getCase: Handler<'getCase'> = ({ db, path, principal, now }) => {
  const row = requireCase(db, path.caseId);
  requireCaseReader(principal!, scopeOf(row));
  return ok(toCase(row, now), { ETag: `"${row.version}"` });
};

export const getPublicCase: Handler<'getPublicCase'> = ({ db, path, header }) => {
  const row = requireCaseByTicket(db, path.ticket);
  const typed = (
    header['X-Tracking-Token'] ?? (header as Record<string, string | undefined>)['x-tracking-token']
  )?.trim();
  if (typed) requireTrackingToken(typed, row.tracking_token_hash);
  return ok(publicCaseView(toPublicCase(db, row), Boolean(typed)), { 'Cache-Control': 'no-store' });
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
    // Verifying, or rejecting a resolution, is for someone independent of the work (核查); the rest, for handlers.
    const judging = judgesResolution(body.action);
    if (judging) requireResolutionJudge(principal, scopeOf(row), jurisdictionRoots(db, principal.gridIds));
    else requireCaseActor(principal, scopeOf(row), () => nodePathAtLevel(db, row.grid_path, row.level));
    requireVersion(scopeOf(row), row.version, expected);
    const next = applyAction(row.status, row.level, body.action);
    requireActionFields(body);
    requireKnownMedia(body.mediaIds, existingMediaIds(db, body.mediaIds), '/body/mediaIds');
    if (judging) requireIndependent(principal, scopeOf(row), resolutionOf(db, row));
    const at = now.toISOString();
    const assignee =
      body.action === 'dispatch' ? JSON.stringify(body.assignee) : body.action === 'escalate' ? null : row.assignee;
    updateCaseStatus(db, { id: row.id, action: body.action, status: next.status, level: next.level, assignee, at });
    insertCaseEvent(db, row.id, {
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
  requireCaseReader(principal!, scopeOf(row));
  const limit = query.limit ?? 50;
  const scope = { ...query, caseId: row.id };
  const after = decodeCursor(scope, 1);
  const events = listCaseEventRows(db, row.id, Number(after?.[0] ?? 0), limit);
  return ok(page(events, scope, toCaseEvent, (event) => [event.seq]));
};

export const evaluateCase: Handler<'evaluateCase'> = (context) => {
  const { db, path, body, now } = context;
  return context.write(() => {
    const row = requireCaseByTicket(db, path.ticket);
    requireTrackingToken(body.trackingToken, row.tracking_token_hash);
    requireEvaluable(scopeOf(row), { status: row.status, evaluated: row.evaluation_score !== null });
    const at = now.toISOString();
    recordEvaluation(db, row.id, { score: body.score, comment: body.comment ?? null, at });
    const evaluation: Schemas['Evaluation'] = {
      score: body.score,
      ...(body.comment ? { comment: body.comment } : {}),
      createdAt: at,
    };
    return created(evaluation);
  });
};
