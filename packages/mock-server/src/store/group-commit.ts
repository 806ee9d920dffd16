/**
 * Group commit: the writes of many concurrent requests share one transaction
 * and one disk sync. The first write opens a transaction; each write runs in
 * a savepoint of it (better-sqlite3 nests `db.transaction` that way), so a
 * write that fails rolls back alone; right after the event loop's current
 * turn the transaction commits, with one fsync for all of them. A request is
 * answered only once `durable()` resolves, so every acknowledged write is on
 * disk, as with a transaction per request (synchronous=FULL), at a fraction of
 * the syncs. Reads made meanwhile see the batch's writes, and are answered
 * after the same commit, so nothing is shown that a crash could take back.
 */
import type { Db } from './database.js';

export interface GroupCommit {
  /** Runs `write` (a `db.transaction(…)` call) inside the open batch, opening one if needed. */
  run<T>(write: () => T): T;
  /** Resolves when everything written so far is committed; rejects if that commit failed. */
  durable(): Promise<void>;
}

export function createGroupCommit(db: Db): GroupCommit {
  let committed: Promise<void> | undefined;
  const commitSoon = () =>
    new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        committed = undefined;
        try {
          db.exec('COMMIT');
          resolve();
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    );
  return {
    run(write) {
      if (!db.inTransaction) {
        db.exec('BEGIN IMMEDIATE');
        committed = commitSoon();
        // A failed commit is reported to the requests that wait for it, not as an unhandled rejection.
        committed.catch(() => {});
      }
      return write();
    },
    durable: () => committed ?? Promise.resolve(),
  };
}

/** One transaction per write, committed before it returns: what group commit replaces (kept for comparison). */
export function transactionPerWrite(): GroupCommit {
  return { run: (write) => write(), durable: () => Promise.resolve() };
}
