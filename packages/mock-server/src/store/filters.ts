/**
 * The one builder of a filtered list's `WHERE`: each filter is a condition
 * with its own named parameters, absent filters are left out, and the rest
 * are joined with AND. Used by the case, service-log and notice lists.
 */
import { subtreeRange } from '../domain/jurisdiction.js';
import type { SqlValue } from './statements.js';

export interface Condition {
  sql: string;
  params?: Record<string, SqlValue>;
}

/** `WHERE a AND b …` (or nothing) and the parameters of the conditions given; falsy entries are skipped. */
export function whereOf(conditions: readonly (Condition | false | undefined)[]): {
  sql: string;
  params: Record<string, SqlValue>;
} {
  const kept = conditions.filter((condition): condition is Condition => Boolean(condition));
  return {
    sql: kept.length ? `WHERE ${kept.map((condition) => condition.sql).join(' AND ')}` : '',
    params: Object.assign({}, ...kept.map((condition) => condition.params ?? {})) as Record<string, SqlValue>,
  };
}

/** `column` (a materialized grid path) inside any of the subtrees rooted at `paths`; none → nothing matches. */
export function withinSubtrees(column: string, paths: readonly string[], name = 'j'): Condition {
  if (paths.length === 0) return { sql: '0' };
  const params: Record<string, string> = {};
  const ranges = paths.map((path, i) => {
    [params[`${name}${i}lo`], params[`${name}${i}hi`]] = subtreeRange(path);
    return `(${column} >= @${name}${i}lo AND ${column} < @${name}${i}hi)`;
  });
  return { sql: `(${ranges.join(' OR ')})`, params };
}

/** Keyset for lists ordered `timeColumn DESC, id DESC`: the rows after the last one of the previous page. */
export function newestFirstAfter(
  timeColumn: string,
  after: readonly [string, string] | undefined,
  idColumn = 'id',
): Condition | undefined {
  if (!after) return undefined;
  // A row value: SQLite starts an index on (time, id) right after the last row, instead of filtering from the newest.
  return {
    sql: `(${timeColumn}, ${idColumn}) < (@afterAt, @afterId)`,
    params: { afterAt: after[0], afterId: after[1] },
  };
}

/** `column = @name`, only when a value is given (`undefined`: no such filter). */
export function equals(column: string, name: string, value: SqlValue | undefined): Condition | undefined {
  return value === undefined ? undefined : { sql: `${column} = @${name}`, params: { [name]: value } };
}
