/**
 * Webhooks (`webhooks`, `webhook_events`, `webhook_deliveries`): the
 * registered endpoints, each event once, and its delivery to every webhook
 * that is told of it; every statement that reads or writes them.
 */
import type { Schemas } from '@gridkit/sdk';
import { newId } from '../domain/ids.js';
import type { WebhookEventType } from '../domain/webhooks.js';
import type { CaseRow } from './cases.js';
import type { Db } from './database.js';
import { newestFirstAfter, whereOf, withinSubtrees } from './filters.js';
import { prepared } from './statements.js';

export interface WebhookRow {
  id: string;
  url: string;
  events: string;
  description: string | null;
  grid_id: string;
  grid_path: string;
  secret: string;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
}

export const toWebhook = (row: WebhookRow): Schemas['Webhook'] => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookEventType[],
  ...(row.description ? { description: row.description } : {}),
  gridId: row.grid_id,
  createdAt: row.created_at,
});

export function insertWebhook(db: Db, row: Omit<WebhookRow, 'deleted_at'>): void {
  prepared(
    db,
    `INSERT INTO webhooks (id, url, events, description, grid_id, grid_path, secret, created_by, created_at)
     VALUES (@id, @url, @events, @description, @grid_id, @grid_path, @secret, @created_by, @created_at)`,
  ).run(row);
}

export function findWebhook(db: Db, id: string): WebhookRow | undefined {
  return prepared(db, 'SELECT * FROM webhooks WHERE id = ? AND deleted_at IS NULL').get(id) as WebhookRow | undefined;
}

/** The live webhooks registered inside `paths`, newest first. */
export function listWebhookRows(db: Db, paths: readonly string[]): WebhookRow[] {
  const where = whereOf([withinSubtrees('grid_path', paths), { sql: 'deleted_at IS NULL' }]);
  return prepared(db, `SELECT * FROM webhooks ${where.sql} ORDER BY created_at DESC, id DESC`).all(
    where.params,
  ) as WebhookRow[];
}

export function markWebhookDeleted(db: Db, id: string, at: string): void {
  prepared(db, 'UPDATE webhooks SET deleted_at = ? WHERE id = ?').run(at, id);
  prepared(
    db,
    `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = 'webhook removed'
      WHERE webhook_id = ? AND status = 'pending'`,
  ).run(id);
}

/** What webhooks are told of a case (never the reporter). */
export const caseEventData = (
  row: Pick<CaseRow, 'id' | 'ticket' | 'status' | 'level' | 'grid_id' | 'category_code' | 'priority'>,
) => ({
  caseId: row.id,
  ticket: row.ticket,
  status: row.status,
  level: row.level,
  gridId: row.grid_id,
  categoryCode: row.category_code,
  priority: row.priority,
});

/**
 * An event, with a pending delivery to every live webhook told of its type
 * whose subtree holds `gridPath`; nothing when none is. Called inside the
 * write's transaction, so an event is never lost nor made by a write that
 * did not happen.
 */
export function recordWebhookEvent(
  db: Db,
  event: { type: WebhookEventType; gridPath: string; at: string; data: Record<string, unknown> },
): void {
  const hooks = prepared(
    db,
    `SELECT id FROM webhooks
      WHERE deleted_at IS NULL AND substr(@gridPath, 1, length(grid_path)) = grid_path
        AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = @type)`,
  ).all({ gridPath: event.gridPath, type: event.type }) as { id: string }[];
  if (hooks.length === 0) return;
  const id = newId('whe');
  const payload = JSON.stringify({ id, type: event.type, createdAt: event.at, data: event.data });
  prepared(db, 'INSERT INTO webhook_events (id, type, payload, created_at) VALUES (?, ?, ?, ?)').run(
    id,
    event.type,
    payload,
    event.at,
  );
  const insert = prepared(
    db,
    `INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
  );
  for (const hook of hooks) insert.run(newId('dlv'), hook.id, id, event.at, event.at);
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: WebhookEventType;
  status: Schemas['WebhookDelivery']['status'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

const deliveryColumns = `d.id, d.webhook_id, d.event_id, e.type AS event_type, d.status, d.attempts, d.last_status_code,
  d.last_error, d.next_attempt_at, d.delivered_at, d.created_at`;

export const toWebhookDelivery = (row: DeliveryRow): Schemas['WebhookDelivery'] => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  eventType: row.event_type,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at,
  deliveredAt: row.delivered_at,
  createdAt: row.created_at,
});

/** A page of a webhook's deliveries, newest first (one row more than `limit`). */
export function listDeliveryRows(
  db: Db,
  webhookId: string,
  page: { after?: readonly [string, string]; limit: number },
): DeliveryRow[] {
  const where = whereOf([
    { sql: 'd.webhook_id = @webhookId', params: { webhookId } },
    newestFirstAfter('d.created_at', page.after, 'd.id'),
  ]);
  return prepared(
    db,
    `SELECT ${deliveryColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id ${where.sql}
      ORDER BY d.created_at DESC, d.id DESC LIMIT @limit`,
  ).all({ ...where.params, limit: page.limit + 1 }) as DeliveryRow[];
}

export function findDelivery(db: Db, webhookId: string, id: string): DeliveryRow | undefined {
  return prepared(
    db,
    `SELECT ${deliveryColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
      WHERE d.webhook_id = ? AND d.id = ?`,
  ).get(webhookId, id) as DeliveryRow | undefined;
}

/** Back to pending now, its attempts counted anew (a redelivery). */
export function requeueDelivery(db: Db, id: string, at: string): void {
  prepared(
    db,
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, delivered_at = NULL WHERE id = ?`,
  ).run(at, id);
}

/** A delivery due now: what to send, where, signed with what. */
export interface DueDelivery {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  event_id: string;
  event_type: WebhookEventType;
  payload: string;
}

export function dueDeliveries(db: Db, now: string, limit: number): DueDelivery[] {
  return prepared(
    db,
    `SELECT d.id, d.attempts, w.url, w.secret, e.id AS event_id, e.type AS event_type, e.payload
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN webhook_events e ON e.id = d.event_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND w.deleted_at IS NULL
      ORDER BY d.next_attempt_at LIMIT ?`,
  ).all(now, limit) as DueDelivery[];
}

/** The outcome of an attempt. */
export function recordAttempt(
  db: Db,
  id: string,
  outcome: {
    status: DeliveryRow['status'];
    attempts: number;
    statusCode: number | null;
    error: string | null;
    nextAttemptAt: string | null;
    deliveredAt: string | null;
  },
): void {
  prepared(
    db,
    `UPDATE webhook_deliveries SET status = @status, attempts = @attempts, last_status_code = @statusCode,
        last_error = @error, next_attempt_at = @nextAttemptAt, delivered_at = @deliveredAt
      WHERE id = @id AND status = 'pending'`,
  ).run({ id, ...outcome });
}
