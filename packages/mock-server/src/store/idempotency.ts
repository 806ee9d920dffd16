/** Idempotency keys (`idempotency_keys`): the stored outcome of a write, by scope and key. */
import type { Db } from './database.js';
import { prepared } from './statements.js';

export interface StoredOutcome {
  request_hash: string;
  status: number;
  /** JSON object of response headers. */
  headers: string;
  /** JSON body, or null for none. */
  body: string | null;
}

export function findOutcome(db: Db, scope: string, key: string): StoredOutcome | undefined {
  return prepared(
    db,
    'SELECT request_hash, status, headers, body FROM idempotency_keys WHERE scope = ? AND key = ?',
  ).get(scope, key) as StoredOutcome | undefined;
}

export function insertOutcome(db: Db, entry: { scope: string; key: string; createdAt: string } & StoredOutcome): void {
  prepared(
    db,
    `INSERT INTO idempotency_keys (scope, key, request_hash, state, status, headers, body, created_at)
     VALUES (@scope, @key, @request_hash, 'done', @status, @headers, @body, @createdAt)`,
  ).run(entry);
}

/** Forgets the keys created before `cutoff`; how many were forgotten. */
export function deleteOutcomesBefore(db: Db, cutoff: string): number {
  return prepared(db, 'DELETE FROM idempotency_keys WHERE created_at < ?').run(cutoff).changes;
}
