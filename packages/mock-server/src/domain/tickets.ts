import type { Db } from '../store/database.js';
import { pathIds } from './grids.js';
import { shanghaiDate } from './time.js';

const fallbackPrefix = 'GK';

/**
 * The next work-order number for a report in a grid: the district's prefix,
 * the Shanghai date, and the day's sequence in that district. Called inside
 * the case's write transaction: SQLite serializes writers, so two reports at
 * the same instant get consecutive numbers, never the same one.
 */
export function nextTicket(db: Db, gridPath: string, createdAt: Date): string {
  const ids = pathIds(gridPath);
  const prefixes = db
    .prepare(
      `SELECT id, ticket_prefix FROM grids WHERE id IN (${ids.map(() => '?').join(',')}) AND ticket_prefix IS NOT NULL`,
    )
    .all(...ids) as { id: string; ticket_prefix: string }[];
  // The nearest ancestor that names a prefix wins.
  const prefix =
    ids
      .slice()
      .reverse()
      .map((id) => prefixes.find((p) => p.id === id)?.ticket_prefix)
      .find(Boolean) ?? fallbackPrefix;
  const key = `${prefix}-${shanghaiDate(createdAt).replaceAll('-', '')}`;
  const sequence = db
    .prepare(
      `INSERT INTO ticket_sequences (prefix, last) VALUES (?, 1)
       ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last`,
    )
    .pluck()
    .get(key) as number;
  return `${key}-${String(sequence).padStart(4, '0')}`;
}
