/**
 * The resident's recourse (issue 9): disputing a closure with the tracking
 * token, and staff recording the outcome of a follow-up (回访). Rules in
 * domain/recourse.ts, SQL in store/cases.ts.
 */
import { parseVersion, publicCaseView, requireTrackingToken, requireVersion } from '../domain/cases.js';
import { requireDisputable, requireFollowUpRecorder, requireOpenFollowUp } from '../domain/recourse.js';
import { ok, type Handler } from '../http/handler.js';
import {
  caseChange,
  findCase,
  insertCaseEvent,
  recordFollowUpOutcome,
  reopenByDispute,
  requireCase,
  requireCaseByTicket,
  scopeOf,
  toCase,
  toPublicCase,
} from '../store/cases.js';
import { caseEventData, recordWebhookEvent } from '../store/webhooks.js';

export const disputeCase: Handler<'disputeCase'> = (context) => {
  const { db, path, body, now } = context;
  return context.write(() => {
    const row = requireCaseByTicket(db, path.ticket);
    requireTrackingToken(body.trackingToken, row.tracking_token_hash);
    requireDisputable(scopeOf(row), { status: row.status, closedAt: row.closed_at }, now);
    const at = now.toISOString();
    reopenByDispute(db, row.id, at);
    insertCaseEvent(db, row.id, {
      type: 'dispute',
      from_status: 'closed',
      to_status: 'in_progress',
      from_level: row.level,
      level: row.level,
      actor_type: 'resident',
      actor_id: null,
      actor_name: null,
      actor_role: null,
      at,
      note: null,
      // The resident's own words: like staff's public notes, shown only with the tracking token.
      public_note: body.reason,
      media_ids: '[]',
      assignee: null,
    });
    const reopened = findCase(db, row.id)!;
    context.announce(caseChange(reopened));
    recordWebhookEvent(db, { type: 'case.status_changed', gridPath: row.grid_path, at, data: caseEventData(reopened) });
    return ok(publicCaseView(toPublicCase(db, reopened, now), true), { 'Cache-Control': 'no-store' });
  });
};

export const recordFollowUp: Handler<'recordFollowUp'> = (context) => {
  const { db, path, body, now, header } = context;
  const principal = context.principal!;
  const expected = parseVersion(header['If-Match'] ?? (header as Record<string, string>)['if-match'] ?? '');
  return context.write(() => {
    const row = requireCase(db, path.caseId);
    // The documented order, as for transitions: who (403), If-Match (412), state (409).
    requireFollowUpRecorder(principal, scopeOf(row));
    requireVersion(scopeOf(row), row.version, expected);
    requireOpenFollowUp(scopeOf(row), row.follow_up_status);
    const at = now.toISOString();
    const by = { type: 'staff' as const, id: principal.id, name: principal.name, role: principal.role };
    recordFollowUpOutcome(db, row.id, { outcome: body.outcome, note: body.note, at, by });
    insertCaseEvent(db, row.id, {
      type: 'follow_up',
      from_status: row.status,
      to_status: row.status,
      from_level: row.level,
      level: row.level,
      actor_type: 'staff',
      actor_id: principal.id,
      actor_name: principal.name,
      actor_role: principal.role,
      at,
      note: body.note,
      public_note: null,
      media_ids: '[]',
      assignee: null,
    });
    const updated = findCase(db, row.id)!;
    context.announce(caseChange(updated));
    return ok(toCase(updated, now), { ETag: `"${updated.version}"` });
  });
};
