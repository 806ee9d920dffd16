/**
 * Webhooks' rules (issue 13, docs/webhooks.md): where a webhook may point,
 * how a delivery is signed (Stripe's and GitHub's scheme: HMAC-SHA256 of
 * "<unix seconds>.<body>"), and when a failed attempt is tried again.
 */
import { createHmac } from 'node:crypto';
import type { Schemas } from '@gridkit/sdk';
import type { Issue } from './errors.js';

export type WebhookEventType = Schemas['WebhookEventType'];

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `https`, or `http` to a loopback host (development and tests); anything else is an issue. */
export function webhookUrlIssues(text: string): Issue[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [{ path: '/body/url', code: 'url_not_allowed', message: 'is not an absolute URL.' }];
  }
  const loopback = loopbackHosts.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) {
    return url.username || url.password
      ? [{ path: '/body/url', code: 'url_not_allowed', message: 'must not carry a user name or password.' }]
      : [];
  }
  return [
    {
      path: '/body/url',
      code: 'url_not_allowed',
      message: 'must be https (plain http only to a loopback host).',
    },
  ];
}

/** `Gridkit-Signature`'s value for `body` sent at `seconds` (Unix time). */
export function webhookSignature(secret: string, seconds: number, body: string): string {
  return `t=${seconds},v1=${createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex')}`;
}

/** When failed attempts are tried again: after `firstMs`, doubling up to `maxMs`, `maxAttempts` in all. */
export interface WebhookRetry {
  firstMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const defaultWebhookRetry: WebhookRetry = { firstMs: 10_000, maxMs: 60 * 60 * 1000, maxAttempts: 8 };

/** After `attempts` failed attempts: the wait before the next, or `undefined` when they have run out. */
export function nextAttemptDelay(attempts: number, retry: WebhookRetry): number | undefined {
  if (attempts >= retry.maxAttempts) return undefined;
  return Math.min(retry.maxMs, retry.firstMs * 2 ** (attempts - 1));
}
