/**
 * Resolution statistics (`GET /stats/resolution`): every figure of the
 * contract's `ResolutionFigures`, computed in SQL in this one place.
 *
 * Definitions (the contract's, `getResolutionStats`):
 * - The period is the Asia/Shanghai calendar days `from`..`to`, inclusive:
 *   the UTC half-open range `[shanghaiDayStart(from), shanghaiDayEnd(to))`.
 * - `received` / `rejected`: cases whose `created_at` is in the period
 *   (`rejected` = those with status `rejected`).
 * - The cohort: cases whose `accepted_at` (first accept) is in the period;
 *   `accepted` counts it. `closed` = cohort cases with status `closed`;
 *   `closedOnTime` = of those, `closed_at <= due_at`; `evaluations` = closed
 *   cohort cases with a score, `satisfied` = score 4–5; `reopened` = closed
 *   cohort cases with `reopen_count > 0`; `closedByLevel` counts closed
 *   cohort cases by `closed_level`.
 * - Rates are fractions rounded half-up to 4 decimals, `null` when the
 *   denominator is 0 (never a fake 0% or 100%).
 * - `medianHoursToClose`: median of `closed_at − created_at` over closed
 *   cohort cases (even count: mean of the two middle values), in hours
 *   rounded half-up to 1 decimal; `null` when nothing was closed.
 * - Groups: `level` — the level a case was closed at if closed, else its
 *   current level; `category` — categories with a case received or accepted
 *   in the period, most received first (tie: code); `month` — every Shanghai
 *   month the range touches, placed by the same date as in the totals
 *   (`created_at` for received/rejected, `accepted_at` for the cohort).
 *
 * Cost: two statements per request — received (cases created in the period)
 * and cohort (cases accepted in the period) — each a covering index range on
 * `(grid_path, date, …)` (see `casesIn`) followed by one aggregate (GROUP BY,
 * `median()`), so JavaScript only folds a few rows per group; no per-case
 * work in JavaScript, and no read of the cases table. Measured with
 * `pnpm bench:server` (1,000,000 cases over 10,000 grids, file database,
 * shared 2-vCPU machine, p50): a grid, community or street 3–10 ms; the
 * district over one year (~970,000 cases) 0.7 s in total, 2.3–2.5 s grouped —
 * there sorting the cohort for GROUP BY and materializing it (for the
 * total's median) outweigh the index reads.
 */
import type { Schemas } from '@gridkit/sdk';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import { subtreeRange } from './jurisdiction.js';
import { DomainError, notFound, unprocessable } from './errors.js';
import { shanghaiDayEnd, shanghaiDayStart } from './time.js';

/** The subtree's index range (see `subtreeRange`), as named SQL parameters. */
const subtreeBounds = (path: string) => {
  const [lo, hi] = subtreeRange(path);
  return { lo, hi };
};

type ResolutionStats = Schemas['ResolutionStats'];
type ResolutionFigures = Schemas['ResolutionFigures'];
type ResolutionGroup = Schemas['ResolutionGroup'];
type ResolutionGroupBy = Schemas['ResolutionGroupBy'];
type CaseLevel = Schemas['CaseLevel'];
type LocalizedText = Schemas['LocalizedText'];

export type ResolutionQuery = { gridId: string; from: string; to: string; groupBy?: ResolutionGroupBy };

/** The longest range accepted, in calendar months (see `checkPeriod`). */
export const maxRangeMonths = 24;

const levels: readonly CaseLevel[] = ['grid', 'community', 'street', 'district'];

const levelLabels: Record<CaseLevel, LocalizedText> = {
  grid: { 'zh-CN': '网格', 'zh-TW': '網格', en: 'Grid' },
  community: { 'zh-CN': '社区', 'zh-TW': '社區', en: 'Community' },
  street: { 'zh-CN': '街道', 'zh-TW': '街道', en: 'Street' },
  district: { 'zh-CN': '区', 'zh-TW': '區', en: 'District' },
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
    case 'category':
      return 'c.category_code';
    case 'month':
      return monthOf(0, months - 1);
    default:
      throw new DomainError(400, 'validation-failed', `Unknown groupBy ${String(groupBy)}.`, [
        { path: '/query/groupBy', code: 'enum', message: 'groupBy must be one of none, level, category, month.' },
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
           ${closedMs} AS ms
      FROM ${casesIn('accepted_at')}`;
  if (groupBy === 'none') return `SELECT k, 0 AS total, ${counts}, median(ms) AS medianMs FROM (${cohort} LIMIT -1)`;
  return `
    WITH cohort AS MATERIALIZED (${cohort})
    SELECT k, 0 AS total, ${counts}, median(ms) AS medianMs FROM cohort GROUP BY k
    UNION ALL
    SELECT NULL, 1, ${cohortCounts.map(() => '0').join(', ')}, median(ms) FROM cohort`;
}

type ReceivedRow = { k: string | null; received: number; rejected: number };
type CohortRow = {
  k: string | null;
  accepted: number;
  closed: number;
  closedOnTime: number;
  evaluations: number;
  satisfied: number;
  reopened: number;
  closedGrid: number;
  closedCommunity: number;
  closedStreet: number;
  closedDistrict: number;
  /** 1 on the whole-cohort row that carries the total's median. */
  total: 0 | 1;
  medianMs: number | null;
};
type Counts = Omit<ReceivedRow & CohortRow, 'k' | 'total' | 'medianMs'>;

const zeroCounts = (): Counts => ({
  received: 0,
  rejected: 0,
  accepted: 0,
  closed: 0,
  closedOnTime: 0,
  evaluations: 0,
  satisfied: 0,
  reopened: 0,
  closedGrid: 0,
  closedCommunity: 0,
  closedStreet: 0,
  closedDistrict: 0,
});

function add(into: Counts, row: Partial<Counts>): void {
  for (const name of Object.keys(into) as (keyof Counts)[]) into[name] += row[name] ?? 0;
}

/** `numerator ÷ denominator` rounded half-up to 4 decimals; `null` for an empty denominator. */
function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 10_000;
}

/** Milliseconds to hours, rounded half-up to 1 decimal (360,000 ms = 0.1 h). */
function hours(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 360_000) / 10;
}

function figures(c: Counts, medianMs: number | null): ResolutionFigures {
  const share = (closed: number) => ({ closed, share: rate(closed, c.closed) });
  return {
    received: c.received,
    accepted: c.accepted,
    closed: c.closed,
    closedOnTime: c.closedOnTime,
    rejected: c.rejected,
    evaluations: c.evaluations,
    satisfied: c.satisfied,
    reopened: c.reopened,
    resolutionRate: rate(c.closed, c.accepted),
    onTimeRate: rate(c.closedOnTime, c.closed),
    satisfactionRate: rate(c.satisfied, c.evaluations),
    reopenRate: rate(c.reopened, c.closed),
    medianHoursToClose: hours(medianMs),
    closedByLevel: {
      grid: share(c.closedGrid),
      community: share(c.closedCommunity),
      street: share(c.closedStreet),
      district: share(c.closedDistrict),
    },
  };
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a `YYYY-MM-DD` calendar date; `undefined` unless it names a real day. */
function parseDate(text: string): { y: number; m: number; d: number } | undefined {
  const match = datePattern.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return { y, m, d };
}

/**
 * Checks `from`..`to`. "At most 24 months": `to` must fall before the same
 * day of the month 24 months after `from` — so 2025-01-01..2026-12-31 and
 * 2025-03-15..2027-03-14 (exactly 24 months) are accepted, one more day is
 * `range_too_long`. When that day does not exist (from 29 February) it rolls
 * over to 1 March, so 2024-02-29..2026-02-28 is the longest range from then.
 */
function checkPeriod(from: string, to: string): void {
  const start = parseDate(from);
  const end = parseDate(to);
  const malformed = (name: 'from' | 'to') =>
    new DomainError(400, 'validation-failed', `${name} must be a calendar date YYYY-MM-DD.`, [
      { path: `/query/${name}`, code: 'format', message: `${name} must be a calendar date YYYY-MM-DD.` },
    ]);
  if (!start) throw malformed('from');
  if (!end) throw malformed('to');
  if (from > to) {
    throw unprocessable({
      path: '/query/from',
      code: 'invalid_period',
      message: `The period starts (${from}) after it ends (${to}).`,
    });
  }
  const limit = new Date(Date.UTC(start.y, start.m - 1 + maxRangeMonths, start.d)).toISOString().slice(0, 10);
  if (to >= limit) {
    throw unprocessable({
      path: '/query/to',
      code: 'range_too_long',
      message: `The period may span at most ${maxRangeMonths} months: the last day from ${from} is the day before ${limit}.`,
    });
  }
}

/** Every `YYYY-MM` from the month of `from` to the month of `to`, in order. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
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
  const grid = statement(db, 'SELECT path FROM grids WHERE id = ?').get(query.gridId) as { path: string } | undefined;
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
    },
  };
}

const cache = new WeakMap<Db, Map<string, Statement>>();

function statement(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

/** All resolution figures, computed in SQL in this one place. */
export function resolutionStats(db: Db, query: ResolutionQuery): ResolutionStats {
  const { groupBy, months, params } = plan(db, query);

  // One read transaction, so the scans see the same snapshot.
  return db.transaction((): ResolutionStats => {
    const received = statement(db, receivedSql(groupBy, months.length)).all(params) as ReceivedRow[];
    const cohort = statement(db, cohortSql(groupBy, months.length)).all(params) as CohortRow[];

    // Fold the few group rows (at most one per group and part) into counts per group and in total.
    const totalCounts = zeroCounts();
    let totalMedian: number | null = null;
    const byKey = new Map<string, Counts>();
    const medians = new Map<string, number | null>();
    const countsOf = (key: string) => {
      let counts = byKey.get(key);
      if (!counts) byKey.set(key, (counts = zeroCounts()));
      return counts;
    };
    for (const row of received) {
      add(totalCounts, row);
      add(countsOf(row.k ?? ''), row);
    }
    for (const row of cohort) {
      if (row.total === 1) {
        totalMedian = row.medianMs;
        continue;
      }
      add(totalCounts, row);
      add(countsOf(row.k ?? ''), row);
      medians.set(row.k ?? '', row.medianMs);
      if (groupBy === 'none') totalMedian = row.medianMs;
    }

    const totals = figures(totalCounts, totalMedian);
    if (groupBy === 'none')
      return { gridId: query.gridId, from: query.from, to: query.to, groupBy, totals, groups: [] };

    const group = (key: string, label?: LocalizedText): ResolutionGroup => ({
      key,
      ...(label ? { label } : {}),
      figures: figures(byKey.get(key) ?? zeroCounts(), medians.get(key) ?? null),
    });

    let groups: ResolutionGroup[];
    if (groupBy === 'level') {
      groups = levels.map((level) => group(level, levelLabels[level]));
    } else if (groupBy === 'month') {
      groups = months.map((month) => group(month));
    } else {
      const names = new Map(
        (statement(db, 'SELECT code, name FROM categories').all() as { code: string; name: string }[]).map((row) => [
          row.code,
          JSON.parse(row.name) as LocalizedText,
        ]),
      );
      const codes = [...byKey.keys()].sort((a, b) => {
        const difference = byKey.get(b)!.received - byKey.get(a)!.received;
        return difference !== 0 ? difference : a < b ? -1 : a > b ? 1 : 0;
      });
      groups = codes.map((code) => group(code, names.get(code)));
    }
    return { gridId: query.gridId, from: query.from, to: query.to, groupBy, totals, groups };
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
