/**
 * Statements are prepared once per database and reused: better-sqlite3
 * statements run again and again, and preparing one (parsing and planning its
 * SQL) costs more than running a small one. Keyed by the SQL text, so a
 * statement built from parts (a list's filters) is prepared once per shape.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/** A value SQLite binds. */
export type SqlValue = string | number | bigint | Buffer | null;

/** Shapes are few (filters × jurisdictions); this only guards against an unbounded mix. */
const maxStatementsPerDb = 1000;

const cache = new WeakMap<Db, Map<string, Statement>>();

function cached(db: Db, key: string, make: () => Statement): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(key);
  if (!statement) {
    if (statements.size >= maxStatementsPerDb) statements.clear();
    statements.set(key, (statement = make()));
  }
  return statement;
}

/** The statement for `sql` on `db`, prepared on first use. */
export function prepared(db: Db, sql: string): Statement {
  return cached(db, sql, () => db.prepare(sql));
}

/** Like `prepared`, returning the first column's value instead of a row (kept apart: plucking is a mode of the statement). */
export function plucked(db: Db, sql: string): Statement {
  return cached(db, `pluck:${sql}`, () => db.prepare(sql).pluck());
}
