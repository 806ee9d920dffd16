/**
 * Sends webhook deliveries (store/webhooks.ts) as they fall due: a signed
 * POST of the event's JSON, exactly the bytes stored, with its event id; a
 * 2xx within the timeout is a delivery, anything else is tried again with
 * backoff (domain/webhooks.ts) until the attempts run out. A delivery is
 * marked only after its attempt, so a server stopped mid-attempt sends it
 * again on its next start: at least once, the event id telling repeats apart.
 */
import { defaultWebhookRetry, nextAttemptDelay, webhookSignature, type WebhookRetry } from './domain/webhooks.js';
import type { Clock } from './domain/time.js';
import type { Db } from './store/database.js';
import { dueDeliveries, recordAttempt, type DueDelivery } from './store/webhooks.js';

export interface WebhookDeliveryOptions {
  /** How often due deliveries are looked for. Default 500 ms. */
  intervalMs?: number;
  /** How long a receiver may take to answer. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<WebhookRetry>;
}

export interface WebhookDeliverer {
  /** Sends what is due now (the timer calls it; tests may too). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export function startWebhookDeliverer(
  db: Db,
  clock: Clock,
  options: WebhookDeliveryOptions = {},
  log: (line: string) => void = () => {},
): WebhookDeliverer {
  const retry = { ...defaultWebhookRetry, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  let running: Promise<void> | undefined;
  let closed = false;

  async function attempt(delivery: DueDelivery): Promise<void> {
    const seconds = Math.floor(clock().getTime() / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Gridkit-Webhooks/1',
          'Gridkit-Event-Id': delivery.event_id,
          'Gridkit-Event-Type': delivery.event_type,
          'Gridkit-Signature': webhookSignature(delivery.secret, seconds, delivery.payload),
        },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => {});
    } catch (failure) {
      error =
        failure instanceof Error && failure.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : 'no connection';
    }
    if (closed) return;
    const attempts = delivery.attempts + 1;
    const now = clock();
    const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const wait = delivered ? undefined : nextAttemptDelay(attempts, retry);
    recordAttempt(db, delivery.id, {
      status: delivered ? 'delivered' : wait === undefined ? 'failed' : 'pending',
      attempts,
      statusCode,
      error,
      nextAttemptAt: wait === undefined ? null : new Date(now.getTime() + wait).toISOString(),
      deliveredAt: delivered ? now.toISOString() : null,
    });
  }

  async function tick(): Promise<void> {
    if (closed) return;
    running ??= (async () => {
      try {
        await Promise.all(dueDeliveries(db, clock().toISOString(), 50).map(attempt));
      } catch (failure) {
        log(`webhook deliveries failed: ${failure instanceof Error ? failure.stack : String(failure)}`);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const timer = setInterval(() => void tick(), options.intervalMs ?? 500);
  timer.unref();
  return {
    tick,
    async close() {
      clearInterval(timer);
      closed = true;
      await running;
    },
  };
}
