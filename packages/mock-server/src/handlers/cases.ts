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
  parseVersion,
  requireKnownMedia,
  requireResolutionJudge,
  requireTrackingToken,
  requireVersion,
  reportChannel,
} from '../domain/cases.js';
import { unprocessable, type Issue } from '../domain/errors.js';
import { newId, newTrackingToken, trackingTokenHash } from '../domain/ids.js';
import { requireGridInJurisdiction } from '../domain/jurisdiction.js';
import { applyAction } from '../domain/lifecycle.js';
import { dueAtFor, nextPriority } from '../domain/priority.js';
import { disputeChangesAt, opensFollowUp } from '../domain/recourse.js';
import { dispatchedAssignee } from '../domain/units.js';
import { created, ok, type Handler } from '../http/handler.js';
import { apiBase } from '../limits.js';
import { caseEventData, recordWebhookEvent } from '../store/webhooks.js';
import {
  assigneeOf,
  caseChange,
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
import { findGrid, jurisdictionRoots, nodePathAtLevel } from '../store/grids.js';
import { existingMediaIds } from '../store/media.js';
import { findRegisteredAssignee } from '../store/units.js';
import { caseFilterOf } from './case-filter.js';
import { decodeCursor, page } from './cursor.js';

export const createCase: Handler<'createCase'> = (context) => {
  const { db, body, principal, now } = context;
  return context.write(() => {
    const issues: Issue[] = [];
    const grid = findGrid(db, body.gridId);
    if (!grid)
      issues.push({ path: '/body/gridId', code: 'unknown_grid', message: `Grid ${body.gridId} does not exist.` });
    // A staff report is the staff member's own, attributed work: only inside their jurisdiction.
    else if (principal) requireGridInJurisdiction(principal, grid);
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
    const priority = category!.defaultPriority;
    const dueAt = dueAtFor(createdAt, priority, category!.slaHours);
    const channel = reportChannel(body, principal);
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
      priority,
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
    context.announce({ kind: 'case', ticket, status: 'submitted', level: 'grid', gridPath: grid!.path });
    recordWebhookEvent(db, {
      type: 'case.created',
      gridPath: grid!.path,
      at: createdAt,
      data: caseEventData({
        id,
        ticket,
        status: 'submitted',
        level: 'grid',
        grid_id: grid!.id,
        category_code: category!.code,
        priority,
      }),
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
        priority,
        dueAt,
        createdAt,
      },
      { Location: `${apiBase}/tickets/${ticket}` },
    );
  });
};

export const listCases: Handler<'listCases'> = ({ db, query, principal, now }) => {
  const after = decodeCursor(query, 2);
  const rows = listCaseRows(db, {
    ...caseFilterOf(db, principal!, query, now),
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

export const getPublicCase: Handler<'getPublicCase'> = ({ db, path, header, now }) => {
  const row = requireCaseByTicket(db, path.ticket);
  const typed = (
    header['X-Tracking-Token'] ?? (header as Record<string, string | undefined>)['x-tracking-token']
  )?.trim();
  if (typed) requireTrackingToken(typed, row.tracking_token_hash);
  const view = ok(publicCaseView(toPublicCase(db, row, now), Boolean(typed)), { 'Cache-Control': 'no-store' });
  // The clock changes only whether a dispute is still possible; anything else takes a write.
  return { ...view, unchangedUntil: disputeChangesAt(row.status, row.closed_at, now) };
};

export const transitionCase: Handler<'transitionCase'> = (context) => {
  const { db, path, body, now, header } = context;
  const principal = context.principal!;
  const expected = parseVersion(header['If-Match'] ?? (header as Record<string, string>)['if-match'] ?? '');
  return context.write(() => {
    const row = requireCase(db, path.caseId);
    // Verifying, or rejecting a resolution, is for someone independent of the work (核查); the rest, for handlers.
    const judging = judgesResolution(body.action);
    if (judging) requireResolutionJudge(principal, scopeOf(row), jurisdictionRoots(db, principal.gridIds));
    else
      requireCaseActor(principal, scopeOf(row), { action: body.action, assignee: assigneeOf(row) }, () =>
        nodePathAtLevel(db, row.grid_path, row.level),
      );
    requireVersion(scopeOf(row), row.version, expected);
    const next = applyAction(row.status, row.level, body.action);
    requireActionFields(body);
    const priority = nextPriority(body, row.priority);
    requireKnownMedia(body.mediaIds, existingMediaIds(db, body.mediaIds), '/body/mediaIds');
    // A dispatch names a unit or person on record, serving the case's grid; the registered name is kept.
    const dispatched =
      body.action === 'dispatch' && body.assignee
        ? JSON.stringify(dispatchedAssignee(body.assignee, findRegisteredAssignee(db, body.assignee), row.grid_path))
        : null;
    if (judging) requireIndependent(principal, scopeOf(row), resolutionOf(db, row));
    // dueAt follows the priority (domain/priority.ts); the category's SLA is read only when the priority changes.
    const dueAt =
      priority === row.priority
        ? row.due_at
        : dueAtFor(row.created_at, priority, findCategory(db, row.category_code)!.slaHours);
    const at = now.toISOString();
    const assignee = body.action === 'dispatch' ? dispatched : body.action === 'escalate' ? null : row.assignee;
    updateCaseStatus(db, {
      id: row.id,
      action: body.action,
      status: next.status,
      level: next.level,
      assignee,
      at,
      priority,
      dueAt,
    });
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
      assignee: dispatched,
      ...(priority !== row.priority ? { from_priority: row.priority, priority } : {}),
    });
    const updated = findCase(db, row.id)!;
    context.announce(caseChange(updated));
    if (updated.status !== row.status || updated.level !== row.level)
      recordWebhookEvent(db, {
        type: 'case.status_changed',
        gridPath: row.grid_path,
        at,
        data: caseEventData(updated),
      });
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
    const openFollowUp = opensFollowUp(body.score);
    recordEvaluation(db, row.id, { score: body.score, comment: body.comment ?? null, at, openFollowUp });
    // A score of 1–2 opens a follow-up (回访), in the timeline as the system's act.
    if (openFollowUp) {
      insertCaseEvent(db, row.id, {
        type: 'follow_up_opened',
        from_status: row.status,
        to_status: row.status,
        from_level: row.level,
        level: row.level,
        actor_type: 'system',
        actor_id: null,
        actor_name: null,
        actor_role: null,
        at,
        note: null,
        public_note: null,
        media_ids: '[]',
        assignee: null,
      });
    }
    const evaluation: Schemas['Evaluation'] = {
      score: body.score,
      ...(body.comment ? { comment: body.comment } : {}),
      createdAt: at,
    };
    context.announce(caseChange(row));
    recordWebhookEvent(db, {
      type: 'case.evaluated',
      gridPath: row.grid_path,
      at,
      data: { ...caseEventData(row), score: body.score },
    });
    return created(evaluation);
  });
};
