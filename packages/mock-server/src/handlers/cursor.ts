import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';

/**
 * Opaque cursors: the sort key of the last item of a page, and a digest of
 * the filters the page was asked with, as base64url JSON. A cursor that does
 * not decode, or is sent with other filters, is a 400: it would silently
 * skip or repeat items.
 */
type Filters = Record<string, unknown>;

function digest(filters: Filters): string {
  const relevant = Object.keys(filters)
    .filter((key) => key !== 'cursor' && key !== 'limit' && filters[key] !== undefined)
    .sort()
    .map((key) => [key, filters[key]]);
  return createHash('sha256').update(JSON.stringify(relevant)).digest('base64url').slice(0, 12);
}

export function decodeCursor(filters: Filters & { cursor?: string }, arity: number): (string | number)[] | undefined {
  if (filters.cursor === undefined) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(filters.cursor, 'base64url').toString('utf8')) as {
      k?: unknown;
      f?: unknown;
    };
    const key = decoded.k;
    if (
      decoded.f === digest(filters) &&
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => ['string', 'number'].includes(typeof k))
    ) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the problem below
  }
  throw new DomainError(400, 'validation-failed', 'The cursor is not one this server issued for these filters.', [
    { path: '/query/cursor', message: 'is not a valid cursor for these filters', code: 'malformed' },
  ]);
}

/** Takes `limit + 1` rows, returns a page and the cursor to the next one. */
export function page<Row, Item>(
  rows: Row[],
  filters: Filters & { limit?: number },
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => readonly (string | number)[],
): { items: Item[]; nextCursor: string | null } {
  const limit = filters.limit ?? 50;
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const nextCursor = more
    ? Buffer.from(JSON.stringify({ k: keyOf(kept[kept.length - 1]!), f: digest(filters) })).toString('base64url')
    : null;
  return { items: kept.map(toItem), nextCursor };
}
