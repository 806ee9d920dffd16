import { isGridkitError } from '../error.js';
import type { Problem } from '../contract.js';

/** How one failed attempt is handled. */
export type Failure =
  /** Try again later: offline, timeout, 408, 429, 5xx, or anything that is not a server's answer. */
  | { transient: true; label: string }
  /** The server refused this write; sending it again cannot help. */
  | { transient: false; problem: Problem };

/**
 * Transient: no answer (`network`, `timeout`), 408, 429 and 5xx. Every other
 * 4xx is the server's final word on this body, including 422
 * `idempotency-key-reused`, which stable keys never cause. An error that is
 * not a GridkitError (a bug, an abort) keeps the entry queued: nothing is
 * dropped on a doubt.
 */
export function classify(error: unknown): Failure {
  if (!isGridkitError(error)) {
    return { transient: true, label: error instanceof Error ? error.name : 'error' };
  }
  if (error.kind !== 'http') return { transient: true, label: error.kind };
  const { status } = error;
  if (status === 408 || status === 429 || status >= 500) return { transient: true, label: String(status) };
  return { transient: false, problem: error.problem };
}

/** Full jitter (AWS architecture blog): a random wait up to a ceiling that doubles per attempt. */
export function backoff(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
