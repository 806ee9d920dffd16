import { idempotencyHeader, type CallOptions, type GridkitCore, type WriteOptions } from '../core.js';
import type { QueryParams, Schemas } from '../contract.js';
import { paginate } from '../pagination.js';

/** Admins: register endpoints to be told of cases and notices, read the delivery log, re-send (docs/webhooks.md). */
export function webhooksResource({ raw, ok }: GridkitCore) {
  const deliveries = (webhookId: string, query: QueryParams<'listWebhookDeliveries'> = {}, options: CallOptions = {}) =>
    ok(
      raw.GET('/webhooks/{webhookId}/deliveries', {
        params: { path: { webhookId }, query },
        signal: options.signal,
      }),
    );
  return {
    /** Registers an endpoint; the answer's `secret` is shown this once: keep it to verify deliveries. */
    create: (input: Schemas['WebhookInput'], options: WriteOptions = {}) =>
      ok(
        raw.POST('/webhooks', { params: { header: idempotencyHeader(options) }, body: input, signal: options.signal }),
      ),
    list: (options: CallOptions = {}) => ok(raw.GET('/webhooks', { signal: options.signal })),
    /** Stops deliveries to it, pending ones included. */
    remove: async (webhookId: string, options: CallOptions = {}) => {
      await ok(raw.DELETE('/webhooks/{webhookId}', { params: { path: { webhookId } }, signal: options.signal }));
    },
    deliveries,
    iterateDeliveries: (
      webhookId: string,
      query: QueryParams<'listWebhookDeliveries'> = {},
      options: CallOptions = {},
    ) => paginate((q: QueryParams<'listWebhookDeliveries'>) => deliveries(webhookId, q, options), query),
    /** Sends a delivery's event again now, with the same event id. */
    redeliver: (webhookId: string, deliveryId: string, options: CallOptions = {}) =>
      ok(
        raw.POST('/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver', {
          params: { path: { webhookId, deliveryId } },
          signal: options.signal,
        }),
      ),
  };
}
