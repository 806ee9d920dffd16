/**
 * The SQL of resolution statistics (`GET /stats/resolution`); the metric
 * definitions and the arithmetic on the counts are in domain/stats.ts.
 *
 * Two sources, the same answer to the byte (test/rollups.test.ts checks it
 * over randomized histories): a node that keeps rollups (store/rollups.ts: a
 * district) is answered from them (store/rollup-stats.ts) — on 1,000,000
 * cases a district's year in 2–16 ms, totals or any grouping; every other
 * node from the cases, as below.
 *
 * From the cases: two statements per request — received (cases created in
 * the period) and cohort (cases accepted in the period) — each a covering
 * index range on `(grid_path, date, …)` (see `casesIn`) followed by one
 * aggregate (GROUP BY, `median()`), so JavaScript only folds a few rows per
 * group; no per-case work in JavaScript, and no read of the cases table.
 * Measured with `pnpm bench:server` (1,000,000 cases over 10,000 grids, file
 * database, shared 2-vCPU machine, p50): a grid, community or street
 * 0.2–2 ms; the district over one year (~970,000 cases) 0.5 s in total,
 * 1.1–1.5 s grouped — there sorting the cohort for GROUP BY and
 * materializing it (for the total's median) outweigh the index reads, and
 * walking the indexes alone costs more than 50 ms: hence the rollups.
 */
import type { Schemas } from '@gridkit/sdk';
import { DomainError, notFound } from '../domain/errors.js';
import { subtreeRange } from '../domain/jurisdiction.js';
import {
  assembleResolutionStats,
  checkPeriod,
  monthsBetween,
  type CohortRow,
  type ReceivedRow,
  type ResolutionQuery,
  type ResolutionStats,
} from '../domain/stats.js';
import { shanghaiDayEnd, shanghaiDayStart } from '../domain/time.js';
import { categoryNames } from './categories.js';
import { childNodes } from './grids.js';
import type { Db } from './database.js';
import { rollupDimOf, rollupRows } from './rollup-stats.js';
import { childOnSql, rollupNodeOf } from './rollups.js';
import { prepared } from './statements.js';

export type { ResolutionQuery };

type ResolutionGroupBy = Schemas['ResolutionGroupBy'];

/** The subtree's index range (see `subtreeRange`), as named SQL parameters. */
const subtreeBounds = (path: string) => {
  const [lo, hi] = subtreeRange(path);
  return { lo, hi };
};

/**
 * The SQL expression naming a case's group (over the alias `c`), per
 * grouping and per date column: `month` places received cases by
 * `created_at` and cohort cases by `accepted_at`.
 *
 * `month` compares the date with the instants the Shanghai months start
 * (`@b1`…, see `monthParams`; the times are RFC 3339 UTC strings, which sort
 * as text) in a balanced `CASE`, and yields the month's name (`@k0`…): a
 * few string comparisons per case instead of parsing its date with
 * `strftime` — on a district's year that was a third of the statement. The
 * SQL depends only on the number of months (at most 25), so the prepared
 * statements stay few.
 */
function groupKey(groupBy: ResolutionGroupBy, date: 'created_at' | 'accepted_at', months = 1): string {
  const monthOf = (first: number, last: number): string => {
    if (first === last) return `@k${first}`;
    const middle = (first + last + 1) >> 1;
    return `CASE WHEN c.${date} < @b${middle} THEN ${monthOf(first, middle - 1)} ELSE ${monthOf(middle, last)} END`;
  };
  switch (groupBy) {
    case 'none':
      return `''`;
    case 'level':
      return `CASE WHEN c.status = 'closed' THEN coalesce(c.closed_level, c.level) ELSE c.level END`;
    case 'priority':
      return 'c.priority';
    case 'channel':
      return 'c.channel';
    case 'category':
      return 'c.category_code';
    case 'month':
      return monthOf(0, months - 1);
    case 'children':
      // The child's path: the node's path (@node) and the case's path up to the next '/' after it.
      return childOnSql('@node', 'c.grid_path');
    default:
      throw new DomainError(400, 'validation-failed', `Unknown groupBy ${String(groupBy)}.`, [
        {
          path: '/query/groupBy',
          code: 'enum',
          message: 'groupBy must be one of none, level, priority, channel, category, month, children.',
        },
      ]);
  }
}

/**
 * The cases of the subtree whose `date` is in the period, as `c`: a `FROM …
 * WHERE` clause.
 *
 * The subtree is `grid_path >= @lo AND grid_path < @hi` (see `subtreeRange`)
 * and the period a half-open range on `date`; both are read from one
 * `(grid_path, date, …)` index alone, named with `INDEXED BY` so the planner
 * can never fall back to a table scan or to `cases_created` (which cannot
 * narrow by subtree). Each index also holds every value the figures need
 * (migration 3): `cases_path_created_stats` the received side's,
 * `cases_path_accepted_stats` the cohort's — some of them stored computed, so
 * the SQL below must spell them exactly as the index does. So the read is
 * covering: the index pages in key order, never the table (a district's year
 * used to fetch half a million rows by rowid, after sorting the rowids). The
 * plan (see `explainResolutionStats` and the tests):
 *
 *   SEARCH c USING COVERING INDEX cases_path_created_stats (grid_path>? AND grid_path<?)
 *
 * (and the same with `cases_path_accepted_stats` for the cohort).
 */
function casesIn(date: 'created_at' | 'accepted_at'): string {
  const index = date === 'created_at' ? 'cases_path_created_stats' : 'cases_path_accepted_stats';
  return `cases AS c INDEXED BY ${index}
     WHERE c.grid_path >= @lo AND c.grid_path < @hi AND c.${date} >= @start AND c.${date} < @end`;
}

/** received and rejected per group, over the cases created in the period. */
function receivedSql(groupBy: ResolutionGroupBy, months: number): string {
  return `
    SELECT ${groupKey(groupBy, 'created_at', months)} AS k,
           count(*) AS received,
           count(*) FILTER (WHERE c.status = 'rejected') AS rejected
      FROM ${casesIn('created_at')}
    ${groupBy === 'none' ? '' : 'GROUP BY k'}`;
}

/**
 * A closed case's milliseconds from creation to closing (NULL if not
 * closed), exactly as `cases_path_accepted_stats` stores it, so it is read
 * from the index rather than computed.
 */
const closedMs = `CASE WHEN c.status = 'closed' THEN CAST(round((julianday(c.closed_at) - julianday(c.created_at)) * 86400000) AS INTEGER) END`;

/** The cohort's counts, as SQL over the per-case values below; the `AS` names are `CohortRow`'s. */
const cohortCounts: readonly [alias: string, sql: string][] = [
  ['accepted', 'count(*)'],
  ['closed', 'count(*) FILTER (WHERE x)'],
  ['closedOnTime', 'count(*) FILTER (WHERE x AND on_time)'],
  ['evaluations', 'count(score) FILTER (WHERE x)'],
  ['satisfied', 'count(*) FILTER (WHERE x AND score >= 4)'],
  ['reopened', 'count(*) FILTER (WHERE x AND reopened)'],
  ['disputed', 'count(*) FILTER (WHERE disputed)'],
  ['everClosed', 'count(*) FILTER (WHERE x OR disputed)'],
  ['followUps', 'count(follow_up)'],
  ['followUpsDone', "count(*) FILTER (WHERE follow_up = 'done')"],
  ['closedGrid', "count(*) FILTER (WHERE x AND closed_level = 'grid')"],
  ['closedCommunity', "count(*) FILTER (WHERE x AND closed_level = 'community')"],
  ['closedStreet', "count(*) FILTER (WHERE x AND closed_level = 'street')"],
  ['closedDistrict', "count(*) FILTER (WHERE x AND closed_level = 'district')"],
];

/**
 * The cohort figures per group, over the cases accepted in the period.
 *
 * The per-case values are computed once in a subquery (`LIMIT -1` keeps it
 * from being flattened into the aggregate, which would evaluate each
 * expression again for every figure). `median()` is SQLite's own aggregate
 * (the percentile extension, built into better-sqlite3's SQLite): the middle
 * value, or the mean of the two middle values for an even count; NULLs —
 * cases not closed — are ignored. Durations are whole milliseconds (the
 * stored precision), so the median is exact before it is turned into hours.
 *
 * With a grouping, the total's median cannot be made from the groups', so
 * the cohort is materialized once and read twice: per group, and whole (the
 * row with `total = 1`, which carries only the median: the groups' counts
 * add up to the totals).
 */
function cohortSql(groupBy: ResolutionGroupBy, months: number): string {
  const counts = cohortCounts.map(([alias, sql]) => `${sql} AS ${alias}`).join(',\n           ');
  const cohort = `
    SELECT ${groupKey(groupBy, 'accepted_at', months)} AS k,
           c.status = 'closed' AS x,
           c.closed_at <= c.due_at AS on_time,
           c.evaluation_score AS score,
           c.reopen_count > 0 AS reopened,
           c.closed_level AS closed_level,
           c.dispute_count > 0 AS disputed,
           c.follow_up_status AS follow_up,
           ${closedMs} AS ms
      FROM ${casesIn('accepted_at')}`;
  if (groupBy === 'none') return `SELECT k, 0 AS total, ${counts}, median(ms) AS medianMs FROM (${cohort} LIMIT -1)`;
  return `
    WITH cohort AS MATERIALIZED (${cohort})
    SELECT k, 0 AS total, ${counts}, median(ms) AS medianMs FROM cohort GROUP BY k
    UNION ALL
    SELECT NULL, 1, ${cohortCounts.map(() => '0').join(', ')}, median(ms) FROM cohort`;
}

type Plan = {
  groupBy: ResolutionGroupBy;
  /** The month groups (`month` only; otherwise empty). */
  months: string[];
  params: { lo: string; hi: string; start: string; end: string } & Record<string, string>;
};

/** `@k<i>`: the name of month i; `@b<i>`: the UTC instant month i starts in Shanghai (see `groupKey`). */
function monthParams(months: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  months.forEach((month, i) => {
    params[`k${i}`] = month;
    if (i > 0) params[`b${i}`] = shanghaiDayStart(`${month}-01`).toISOString();
  });
  return params;
}

function plan(db: Db, query: ResolutionQuery): Plan {
  const groupBy = query.groupBy ?? 'none';
  groupKey(groupBy, 'created_at'); // rejects an unknown grouping before any work
  checkPeriod(query.from, query.to);
  const grid = prepared(db, 'SELECT path FROM grids WHERE id = ?').get(query.gridId) as { path: string } | undefined;
  if (!grid) throw notFound(`Grid ${query.gridId}`);
  const months = groupBy === 'month' ? monthsBetween(query.from, query.to) : [];
  return {
    groupBy,
    months,
    params: {
      ...subtreeBounds(grid.path),
      start: shanghaiDayStart(query.from).toISOString(),
      end: shanghaiDayEnd(query.to).toISOString(),
      ...monthParams(months),
      ...(groupBy === 'children' ? { node: grid.path } : {}),
    },
  };
}

/**
 * Where the figures come from: the node's rollups (store/rollups.ts; a
 * district keeps them), or the cases through the covering indexes. Both give
 * the same answer to the byte; `undefined` picks the rollups when the node
 * keeps them, and tests and the benchmark name one to compare them.
 */
export type StatsSource = 'rollups' | 'cases';

/**
 * All resolution figures, folded by domain/stats.ts, from `source` (see
 * `StatsSource`); every statement in one read transaction, so all see the
 * same snapshot. `rollups` for a node that keeps none is an error.
 */
export function resolutionStats(db: Db, query: ResolutionQuery, source?: StatsSource): ResolutionStats {
  const { groupBy, months, params } = plan(db, query);
  return db.transaction((): ResolutionStats => {
    const node = source === 'cases' || !rollupDimOf(groupBy) ? undefined : rollupNodeOf(db, query.gridId);
    if (source === 'rollups' && !node) throw new Error(`Grid ${query.gridId} keeps no rollups for groupBy=${groupBy}.`);
    let received: ReceivedRow[];
    let cohort: CohortRow[];
    if (node) {
      ({ received, cohort } = rollupRows(db, node, groupBy, query.from, query.to));
    } else {
      received = prepared(db, receivedSql(groupBy, months.length)).all(params) as ReceivedRow[];
      cohort = prepared(db, cohortSql(groupBy, months.length)).all(params) as CohortRow[];
    }
    return assembleResolutionStats(query, groupBy, months, received, cohort, {
      categoryNames: () => categoryNames(db),
      children: () => childNodes(db, query.gridId),
    });
  })();
}

/**
 * EXPLAIN QUERY PLAN of the statements `resolutionStats` runs for `query`
 * (received, then cohort): one `detail` line per step, indented by depth.
 * For tests and diagnosis.
 */
export function explainResolutionStats(db: Db, query: ResolutionQuery): string[][] {
  const { groupBy, months, params } = plan(db, query);
  return [receivedSql(groupBy, months.length), cohortSql(groupBy, months.length)].map((sql) => {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, -1]]);
    return rows.map((row) => {
      const level = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, level);
      return `${'  '.repeat(level)}${row.detail}`;
    });
  });
}
