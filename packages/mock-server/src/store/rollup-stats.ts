/**
 * Resolution statistics read from the rollups (store/rollups.ts) of a node
 * that keeps them: the same rows the from-scratch SQL delivers
 * (domain/stats.ts's `ReceivedRow` and `CohortRow`), folded by the same
 * `assembleResolutionStats`, so the answer is the same to the byte.
 *
 * Cost, whatever the number of cases: a range is its whole months plus the
 * days of a partial first or last month (at most ~85 periods); the counters
 * are one row per key and period; a median reads the 10 h buckets of its keys,
 * then only the 0.1 h buckets of the one or two 10 h buckets holding the middle
 * value(s). Every read is a primary-key range per key and period.
 */
import type { Schemas } from '@gridkit/sdk';
import type { CohortRow, ReceivedRow } from '../domain/stats.js';
import type { Db } from './database.js';
import { bucketsPerCoarse, rollupCounters, rollupDims, type RollupDim, type RollupNode } from './rollups.js';
import { prepared } from './statements.js';

type ResolutionGroupBy = Schemas['ResolutionGroupBy'];

/** The rollup dimension a grouping reads (`month` reads the whole, by period), if the rollups keep it. */
export function rollupDimOf(groupBy: ResolutionGroupBy): RollupDim | undefined {
  if (groupBy === 'month' || groupBy === 'none') return 'none';
  return (rollupDims as readonly string[]).includes(groupBy) ? (groupBy as RollupDim) : undefined;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The periods of the Shanghai days `from`..`to` (`YYYY-MM-DD`, checked): a
 * whole month as `yyyymm`, each day of a partial month as `yyyymmdd`.
 */
export function periodsBetween(from: string, to: string): number[] {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const periods: number[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const first = y === fy && m === fm ? fd : 1;
    const last = y === ty && m === tm ? td : daysIn(y, m);
    if (first === 1 && last === daysIn(y, m)) periods.push(y * 100 + m);
    else for (let d = first; d <= last; d++) periods.push(y * 10_000 + m * 100 + d);
  }
  return periods;
}

/** `yyyymm` of a period. */
const monthOfPeriod = (period: number) => (period >= 1_000_000 ? Math.floor(period / 100) : period);
/** `YYYY-MM` of a `yyyymm`. */
const monthKey = (month: number) =>
  `${String(Math.floor(month / 100)).padStart(4, '0')}-${String(month % 100).padStart(2, '0')}`;

/** The group of a rollup row, as SQL: the key's value, or for `month` the period's month. */
const groupSql = (groupBy: ResolutionGroupBy) =>
  groupBy === 'month' ? 'CASE WHEN r.period >= 1000000 THEN r.period / 100 ELSE r.period END' : 'k.value';

/** Counters summed per group over the periods (`@periods`, a JSON array); the `AS` names are domain/stats.ts's. */
const countsSql = (groupBy: ResolutionGroupBy) => `
  SELECT ${groupSql(groupBy)} AS k, ${rollupCounters.map(([column, alias]) => `sum(r.${column}) AS ${alias}`).join(', ')}
    FROM rollup_keys AS k CROSS JOIN rollup_counts AS r ON r.key = k.key
   WHERE k.dim = @dim AND r.node = @node AND r.period IN (SELECT value FROM json_each(@periods))
   GROUP BY 1`;

/** Closing times per group and 10 h bucket over the periods, in bucket order. */
const coarseSql = (groupBy: ResolutionGroupBy) => `
  SELECT ${groupSql(groupBy)} AS k, min(k.key) AS key, r.coarse AS coarse, sum(r.n) AS n
    FROM rollup_keys AS k CROSS JOIN rollup_closing_coarse AS r ON r.key = k.key
   WHERE k.dim = @dim AND r.node = @node AND r.period IN (SELECT value FROM json_each(@periods))
   GROUP BY 1, 3
   ORDER BY 1, 3`;

/** One key's 0.1 h buckets from `@lo` to `@hi` over the periods, in order, with their extremes. */
const fineSql = `
  SELECT r.bucket AS bucket, sum(r.n) AS n, min(r.min_ms) AS min_ms, max(r.max_ms) AS max_ms
    FROM rollup_closing AS r
   WHERE r.node = @node AND r.key = @key AND r.period IN (SELECT value FROM json_each(@periods))
     AND r.bucket >= @lo AND r.bucket <= @hi
   GROUP BY r.bucket
   ORDER BY r.bucket`;

type CoarseRow = { k: string | number; key: number; coarse: number; n: number };
type FineRow = { bucket: number; n: number; min_ms: number; max_ms: number };

function outOfStep(what: string): Error {
  return new Error(`Stats rollups are out of step (${what}); rebuild them with \`gridkit-mock rebuild-rollups\`.`);
}

/**
 * The median closing time (ms) from a histogram — as SQLite's `median()`
 * over the durations themselves would give it, up to the rounding to 0.1 h
 * that `hours()` applies (see store/rollups.ts for why that is exact):
 * `coarse` are the 10 h buckets in order, `fine(lo, hi)` reads the 0.1 h
 * buckets `lo`..`hi`.
 */
export function medianFromHistogram(
  coarse: readonly { coarse: number; n: number }[],
  fine: (lo: number, hi: number) => readonly FineRow[],
): number | null {
  const total = coarse.reduce((sum, row) => sum + row.n, 0);
  if (total === 0) return null;
  // 1-based ranks of the middle value(s).
  const low = Math.floor((total + 1) / 2);
  const high = total % 2 === 1 ? low : low + 1;
  let seen = 0;
  let first: { coarse: number; before: number } | undefined;
  let last: number | undefined;
  for (const row of coarse) {
    if (!first && seen + row.n >= low) first = { coarse: row.coarse, before: seen };
    if (seen + row.n >= high) {
      last = row.coarse;
      break;
    }
    seen += row.n;
  }
  if (!first || last === undefined) throw outOfStep('coarse closing times');
  seen = first.before;
  let lower: FineRow | undefined;
  let upper: FineRow | undefined;
  for (const row of fine(first.coarse * bucketsPerCoarse, (last + 1) * bucketsPerCoarse - 1)) {
    if (!lower && seen + row.n >= low) lower = row;
    if (seen + row.n >= high) {
      upper = row;
      break;
    }
    seen += row.n;
  }
  if (!lower || !upper) throw outOfStep('fine closing times');
  // One bucket: every value in it rounds alike. Two: the middle values are the lower's largest, the upper's smallest;
  // their mean as SQLite's median() computes it (v1 + (v2 − v1) × 0.5, exact for whole milliseconds).
  return lower === upper ? lower.min_ms : lower.max_ms + (upper.min_ms - lower.max_ms) * 0.5;
}

/** The medians per group (by `k`) of one dimension over `periods`. */
function medians(
  db: Db,
  node: RollupNode,
  groupBy: ResolutionGroupBy,
  dim: RollupDim,
  periods: readonly number[],
): Map<string | number, number | null> {
  const rows = prepared(db, coarseSql(groupBy)).all({
    dim,
    node: node.node,
    periods: JSON.stringify(periods),
  }) as CoarseRow[];
  const groups = new Map<string | number, CoarseRow[]>();
  for (const row of rows) {
    const group = groups.get(row.k);
    if (group) group.push(row);
    else groups.set(row.k, [row]);
  }
  const result = new Map<string | number, number | null>();
  for (const [k, coarse] of groups) {
    // A month reads only its own periods (there is one key, the whole).
    const own = groupBy === 'month' ? periods.filter((period) => monthOfPeriod(period) === k) : periods;
    const json = JSON.stringify(own);
    result.set(
      k,
      medianFromHistogram(
        coarse,
        (lo, hi) =>
          prepared(db, fineSql).all({ node: node.node, key: coarse[0]!.key, periods: json, lo, hi }) as FineRow[],
      ),
    );
  }
  return result;
}

type CountsRow = Omit<ReceivedRow & CohortRow, 'k' | 'total' | 'medianMs'> & { k: string | number };

/**
 * The rows `assembleResolutionStats` folds, from the rollups of `node` for
 * `from`..`to` (checked) grouped by `groupBy` (one `rollupDimOf` keeps).
 */
export function rollupRows(
  db: Db,
  node: RollupNode,
  groupBy: ResolutionGroupBy,
  from: string,
  to: string,
): { received: ReceivedRow[]; cohort: CohortRow[] } {
  const dim = rollupDimOf(groupBy);
  if (!dim) throw new Error(`The rollups keep no dimension for groupBy=${groupBy}.`);
  const periods = periodsBetween(from, to);
  const counts = prepared(db, countsSql(groupBy)).all({
    dim,
    node: node.node,
    periods: JSON.stringify(periods),
  }) as CountsRow[];
  const groupMedians = medians(db, node, groupBy, dim, periods);
  const keyOf = (k: string | number) => (groupBy === 'month' ? monthKey(k as number) : String(k));

  const received: ReceivedRow[] = [];
  const cohort: CohortRow[] = [];
  for (const { k, received: receivedCount, rejected, ...cohortCounts } of counts) {
    // Every counted case is received or accepted in its period: a group with neither has no case.
    if (receivedCount === 0 && cohortCounts.accepted === 0) continue;
    received.push({ k: keyOf(k), received: receivedCount, rejected });
    cohort.push({ k: keyOf(k), ...cohortCounts, total: 0, medianMs: groupMedians.get(k) ?? null });
  }
  if (groupBy !== 'none') {
    // With groups, the whole cohort's median comes from the whole (`none`), as the from-scratch SQL's total row.
    const zeros = Object.fromEntries(rollupCounters.map(([, alias]) => [alias, 0])) as Omit<
      CohortRow,
      'k' | 'total' | 'medianMs'
    >;
    const total = medians(db, node, 'none', 'none', periods).get('') ?? null;
    cohort.push({ ...zeros, k: null, total: 1, medianMs: total });
  }
  return { received, cohort };
}

/** EXPLAIN QUERY PLAN of the three kinds of statements `rollupRows` runs, for the tests. */
export function explainRollupRows(db: Db, node: RollupNode, groupBy: ResolutionGroupBy): string[][] {
  const params = { dim: rollupDimOf(groupBy), node: node.node, periods: '[202601, 20260201]' };
  return [
    [countsSql(groupBy), params],
    [coarseSql(groupBy), params],
    [fineSql, { node: node.node, key: 1, periods: params.periods, lo: 0, hi: 99 }],
  ].map(([sql, values]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql as string}`).all(values) as { detail: string }[]).map((row) => row.detail),
  );
}
