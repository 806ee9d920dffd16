/** Webhooks for vendors (issue 13): admins register, list and remove them, read the delivery log, re-send. */
import { randomBytes } from 'node:crypto';
import { forbidden, notFound, unprocessable } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import type { Principal } from '../domain/principal.js';
import { webhookUrlIssues } from '../domain/webhooks.js';
import { created, ok, type Handler } from '../http/handler.js';
import {
  findDelivery,
  findWebhook,
  insertWebhook,
  listDeliveryRows,
  listWebhookRows,
  markWebhookDeleted,
  requeueDelivery,
  toWebhook,
  toWebhookDelivery,
  type WebhookRow,
} from '../store/webhooks.js';
import { decodeCursor, page } from './cursor.js';

/** Webhooks are an admin's: other roles get 403. */
function requireAdmin(principal: Principal | undefined): Principal {
  if (principal?.role !== 'admin') throw forbidden('Webhooks are registered and read by admins.');
  return principal;
}

/** A live webhook inside the admin's jurisdiction; 404 otherwise (another's is not told to exist). */
function requireOwnWebhook(db: Parameters<Handler<'listWebhooks'>>[0]['db'], admin: Principal, id: string): WebhookRow {
  const row = findWebhook(db, id);
  if (!row || !admin.paths.some((path) => row.grid_path.startsWith(path))) throw notFound(`Webhook ${id}`);
  return row;
}

export const createWebhook: Handler<'createWebhook'> = (context) => {
  const { db, body, now } = context;
  const admin = requireAdmin(context.principal);
  const issues = webhookUrlIssues(body.url);
  if (issues.length) throw unprocessable(...issues);
  return context.write(() => {
    const row = {
      id: newId('whk'),
      url: body.url,
      events: JSON.stringify(body.events),
      description: body.description ?? null,
      grid_id: admin.gridIds[0]!,
      grid_path: admin.paths[0]!,
      secret: `whsec_${randomBytes(24).toString('base64url')}`,
      created_by: admin.id,
      created_at: now.toISOString(),
    };
    insertWebhook(db, row);
    return created({ ...toWebhook({ ...row, deleted_at: null }), secret: row.secret });
  });
};

export const listWebhooks: Handler<'listWebhooks'> = ({ db, principal }) =>
  ok({ items: listWebhookRows(db, requireAdmin(principal).paths).map(toWebhook) });

export const deleteWebhook: Handler<'deleteWebhook'> = (context) => {
  const { db, path, now } = context;
  const row = requireOwnWebhook(db, requireAdmin(context.principal), path.webhookId);
  return context.write(() => {
    markWebhookDeleted(db, row.id, now.toISOString());
    return { status: 204 };
  });
};

export const listWebhookDeliveries: Handler<'listWebhookDeliveries'> = ({ db, path, query, principal }) => {
  const row = requireOwnWebhook(db, requireAdmin(principal), path.webhookId);
  const scope = { ...query, webhookId: row.id };
  const after = decodeCursor(scope, 2);
  const rows = listDeliveryRows(db, row.id, {
    after: after && [String(after[0]), String(after[1])],
    limit: query.limit ?? 50,
  });
  return ok(page(rows, scope, toWebhookDelivery, (delivery) => [delivery.created_at, delivery.id]));
};

export const redeliverWebhook: Handler<'redeliverWebhook'> = (context) => {
  const { db, path, now } = context;
  const row = requireOwnWebhook(db, requireAdmin(context.principal), path.webhookId);
  const delivery = findDelivery(db, row.id, path.deliveryId);
  if (!delivery) throw notFound(`Delivery ${path.deliveryId}`);
  return context.write(() => {
    requeueDelivery(db, delivery.id, now.toISOString());
    return { status: 202, body: toWebhookDelivery(findDelivery(db, row.id, delivery.id)!) };
  });
};
