import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { Db } from '../store/database.js';
import { deleteOutcomesBefore, findOutcome, insertOutcome } from '../store/idempotency.js';
import type { Reply } from './handler.js';
import { problemFromError, type ProblemInit } from './problem.js';

/** Keys are kept at least this long (the contract promises 24 h). */
export const keyLifetimeMs = 24 * 60 * 60 * 1000;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** What "the same request" means: method, path and body, whatever the key order of its JSON. */
export function fingerprint(method: string, path: string, body: unknown, bytes?: Uint8Array): string {
  const hash = createHash('sha256')
    .update(`${method} ${path}\n`)
    .update(JSON.stringify(canonical(body ?? null)));
  if (bytes) hash.update(bytes);
  return hash.digest('hex');
}

/**
 * Runs `write` once per (scope, key). The key's record is written in the same
 * transaction as the write, so after a crash either both exist or neither.
 * A replay returns the stored outcome; the same key with another request is
 * refused. Problems the write ends in (4xx) are stored too, as the contract
 * says; 5xx are not (the transaction rolls back), so a retry runs again.
 */
export function idempotentWrite(
  db: Db,
  entry: { scope: string; key: string; fingerprint: string; now: Date },
  write: () => Reply,
): Reply {
  return db.transaction((): Reply => {
    const stored = findOutcome(db, entry.scope, entry.key);
    if (stored) {
      if (stored.request_hash !== entry.fingerprint) {
        throw new DomainError(
          422,
          'idempotency-key-reused',
          'This Idempotency-Key was already used with a different request; use a new key for a new request.',
          [{ path: '/header/Idempotency-Key', message: 'was used with a different request', code: 'key_reused' }],
        );
      }
      const headers = { ...(JSON.parse(stored.headers) as Record<string, string>), 'Idempotent-Replayed': 'true' };
      const body = stored.body === null ? undefined : (JSON.parse(stored.body) as unknown);
      if (stored.status >= 400) return { status: stored.status, problem: { ...(body as ProblemInit), headers } };
      return { status: stored.status, body, headers };
    }
    let outcome: Reply;
    try {
      outcome = db.transaction(write)();
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500 || error.status === 429) throw error;
      outcome = { status: error.status, problem: problemFromError(error) };
    }
    const { headers, body } = outcome.problem
      ? { headers: outcome.problem.headers ?? {}, body: { ...outcome.problem, headers: undefined } }
      : { headers: outcome.headers ?? {}, body: outcome.body };
    insertOutcome(db, {
      scope: entry.scope,
      key: entry.key,
      request_hash: entry.fingerprint,
      status: outcome.status,
      headers: JSON.stringify(headers),
      body: body === undefined ? null : JSON.stringify(body),
      createdAt: entry.now.toISOString(),
    });
    return outcome;
  })();
}

/** Forgets keys older than twice their promised lifetime. */
export function purgeIdempotencyKeys(db: Db, now: Date): number {
  const cutoff = new Date(now.getTime() - 2 * keyLifetimeMs).toISOString();
  return deleteOutcomesBefore(db, cutoff);
}
