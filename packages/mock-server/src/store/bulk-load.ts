/**
 * The database set up for a bulk load (the seed): one transaction, no
 * fsync, no foreign-key checks, a big cache, and the big tables' secondary
 * indexes dropped for the load and built again from their own definitions
 * afterwards (a sort is much faster than millions of random B-tree inserts).
 * DDL is transactional, so a failed load gets them back with the rollback.
 * The stats rollups are rebuilt from what was loaded (store/rollups.ts).
 * Afterwards the database is back in WAL mode with `synchronous=FULL` and
 * its foreign-key setting.
 */
import type { Db } from './database.js';
import { rebuildRollups } from './rollups.js';
import { plucked, prepared } from './statements.js';

/** Tables whose secondary indexes are rebuilt after the load. */
const bigTables = ['cases', 'case_events', 'service_logs'] as const;

export function bulkLoad<T>(db: Db, load: () => T): T {
  if (db.inTransaction) throw new Error('bulkLoad: call it outside any transaction (it runs its own).');
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('journal_mode = MEMORY');
  db.pragma('cache_size = -262144');
  try {
    db.exec('BEGIN');
    const indexes = prepared(
      db,
      `SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))
        ORDER BY name`,
    ).all(JSON.stringify(bigTables)) as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
    const result = load();
    for (const index of indexes) db.exec(index.sql);
    // The load wrote cases around `writeCase`: the stats rollups are built from them, in the same transaction.
    rebuildRollups(db);
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

/** Whether `table` has `column` (a seed may run against an older schema). */
export function hasColumn(db: Db, table: string, column: string): boolean {
  return (plucked(db, 'SELECT count(*) FROM pragma_table_info(?) WHERE name = ?').get(table, column) as number) > 0;
}
