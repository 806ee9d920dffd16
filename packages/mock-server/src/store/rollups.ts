/**
 * Rollups of the resolution statistics (issue 11): the figures of
 * `GET /stats/resolution` kept pre-aggregated per node, so that a district's
 * year is read from a few thousand rows instead of its million cases (the
 * covering indexes alone take ~180 ms to walk there). This module writes
 * them; store/rollup-stats.ts reads them.
 *
 * What is kept, for each node in `rollup_nodes` (migration 8):
 * - `rollup_counts`: every counter the figures are made of (domain/stats.ts's
 *   `ReceivedRow` and `CohortRow`) per group key and period — `received` and
 *   `rejected` in the period a case was created, the cohort's counters in the
 *   period it was first accepted, exactly as the from-scratch SQL places them.
 * - `rollup_closing`: the cohort's closing times (closed − created, whole
 *   milliseconds) as a histogram of 0.1 h buckets, each with its count and its
 *   exact smallest and largest value; `rollup_closing_coarse` counts the same
 *   per 10 h, so a median first finds its 10 h bucket and then reads only the
 *   0.1 h buckets inside it.
 * Periods are integers, `yyyymmdd` for a Shanghai day and `yyyymm` for a
 * Shanghai month; every case counts in its day row and in its month row, so a
 * range reads its whole months, and days only for a partial first or last
 * month. Group keys (`rollup_keys`) are (dimension, value) pairs, one per entry
 * of `rollupDims` (`none` is the whole); a new dimension is one more entry and
 * a rebuild.
 *
 * Why the median is exact: a bucket holds the durations that round to the
 * same tenth of an hour (`hours()` in domain/stats.ts rounds half up, and the
 * bucket of `ms` is ⌊(ms + 180,000) ÷ 360,000⌋). The median is the middle
 * value, or the mean of the two middle values: when they share a bucket, any
 * value of the bucket rounds like it; when they do not, the lower one is the
 * largest value of its bucket and the higher one the smallest of its own —
 * both kept exactly.
 *
 * Which nodes: `rollupLevels`, the district — the one subtree too big to
 * walk. A street, community or grid is read from the covering indexes
 * (store/stats.ts) in a few milliseconds even at 1M cases, and keeping their
 * day-by-bucket histograms would store several rows per closed case for each
 * level. `rebuildRollups` can register other levels (the CLI's `--levels`).
 *
 * Maintenance: every statement that changes a case row runs inside
 * `writeCase`, which reads the case's facts before and after it and applies
 * the difference to each node on the case's path that keeps rollups
 * (`applyCaseToRollups`), in the same transaction as the write. A bulk load
 * (the seed) writes rows directly and rebuilds afterwards.
 */
import { subtreeRange } from '../domain/jurisdiction.js';
import { levels } from '../domain/lifecycle.js';
import { shanghaiDayStart } from '../domain/time.js';
import type { Db } from './database.js';
import { plucked, prepared } from './statements.js';

/**
 * The group dimensions kept, each a column of `CaseFacts`; `none` is the whole (its one value is ''), and
 * `children` the node's child on the case's path (its materialized path; see `valueFor`).
 */
export const rollupDims = ['none', 'category', 'level', 'priority', 'channel', 'children'] as const;
export type RollupDim = (typeof rollupDims)[number];

/** The levels whose nodes keep rollups (see the module comment). */
export const rollupLevels: readonly string[] = ['district'];

/** Width of a closing-time bucket: 0.1 h, the precision `medianHoursToClose` is given in. */
export const bucketMs = 360_000;
/** Fine buckets per coarse bucket (10 h). */
export const bucketsPerCoarse = 100;

/**
 * A counter of the figures: its column in `rollup_counts`, its name in
 * domain/stats.ts's rows, and the side it is counted on (`received`: in the
 * period of creation; `cohort`: in the period of first acceptance).
 */
export const rollupCounters = [
  ['received', 'received', 'received'],
  ['rejected', 'rejected', 'received'],
  ['accepted', 'accepted', 'cohort'],
  ['closed', 'closed', 'cohort'],
  ['closed_on_time', 'closedOnTime', 'cohort'],
  ['evaluations', 'evaluations', 'cohort'],
  ['satisfied', 'satisfied', 'cohort'],
  ['reopened', 'reopened', 'cohort'],
  ['disputed', 'disputed', 'cohort'],
  ['ever_closed', 'everClosed', 'cohort'],
  ['follow_ups', 'followUps', 'cohort'],
  ['follow_ups_done', 'followUpsDone', 'cohort'],
  ['closed_grid', 'closedGrid', 'cohort'],
  ['closed_community', 'closedCommunity', 'cohort'],
  ['closed_street', 'closedStreet', 'cohort'],
  ['closed_district', 'closedDistrict', 'cohort'],
] as const;
type CounterColumn = (typeof rollupCounters)[number][0];

/** What one case contributes, read by `factsSql` (one row per case). */
export interface CaseFacts {
  path: string;
  category: string;
  /** The level group: the level it was closed at when closed, else its current level. */
  level: string;
  priority: string;
  channel: string;
  /** Shanghai `yyyymmdd` of creation, and of first acceptance (null: never accepted). */
  created_day: number;
  accepted_day: number | null;
  /** 0/1 per counter; `received` and `accepted` are 1 on their side by definition. */
  counters: Record<CounterColumn, number>;
  /** Closed: whole milliseconds from creation to closing, and its fine and coarse bucket; else null. */
  ms: number | null;
  bucket: number | null;
  coarse: number | null;
}

const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const shanghaiDay = (column: string) => `CAST(strftime('%Y%m%d', ${column}, '+8 hours') AS INTEGER)`;
/** ⌊a ÷ b⌋ for b > 0, also for a negative `a` (SQLite's `/` truncates toward zero). */
const floorDiv = (a: string, b: number) => `((${a}) - (((${a}) % ${b}) + ${b}) % ${b}) / ${b}`;

/** A closed case's whole milliseconds from creation to closing: the expression `cases_closing_ms` indexes. */
const closingMs = 'CAST(round((julianday(c.closed_at) - julianday(c.created_at)) * 86400000) AS INTEGER)';

/** Each counter's 0/1 value for one case, as SQL over `cases AS c` (the definitions of domain/stats.ts). */
const counterSql: Record<CounterColumn, string> = {
  received: '1',
  rejected: flag(`c.status = 'rejected'`),
  accepted: '1',
  closed: flag(`c.status = 'closed'`),
  closed_on_time: flag(`c.status = 'closed' AND c.closed_at <= c.due_at`),
  evaluations: flag(`c.status = 'closed' AND c.evaluation_score IS NOT NULL`),
  satisfied: flag(`c.status = 'closed' AND c.evaluation_score >= 4`),
  reopened: flag(`c.status = 'closed' AND c.reopen_count > 0`),
  disputed: flag('c.dispute_count > 0'),
  ever_closed: flag(`c.status = 'closed' OR c.dispute_count > 0`),
  follow_ups: flag('c.follow_up_status IS NOT NULL'),
  follow_ups_done: flag(`c.follow_up_status = 'done'`),
  ...(Object.fromEntries(
    levels.map((level) => [`closed_${level}`, flag(`c.status = 'closed' AND c.closed_level = '${level}'`)]),
  ) as Record<`closed_${(typeof levels)[number]}`, string>),
};

/**
 * The facts of the cases matching `where` (over `cases AS c`), one row each:
 * the one definition of what a case contributes, read by the maintenance
 * (one case) and by the rebuild (all of them). `LIMIT -1` keeps SQLite from
 * flattening the steps into one, which would compute the closing time again
 * for every use of it in the bucket arithmetic.
 */
function factsSql(where: string): string {
  return `
    SELECT path, category, level, priority, channel, created_day, accepted_day,
           ${rollupCounters.map(([column]) => column).join(', ')},
           ms, bucket, ${floorDiv('bucket', bucketsPerCoarse)} AS coarse
      FROM (
        SELECT *, ${floorDiv(`ms + ${bucketMs / 2}`, bucketMs)} AS bucket
          FROM (
            SELECT c.grid_path AS path, c.category_code AS category,
                   CASE WHEN c.status = 'closed' THEN coalesce(c.closed_level, c.level) ELSE c.level END AS level,
                   c.priority AS priority, c.channel AS channel,
                   ${shanghaiDay('c.created_at')} AS created_day, ${shanghaiDay('c.accepted_at')} AS accepted_day,
                   ${rollupCounters.map(([column]) => `${counterSql[column]} AS ${column}`).join(',\n                   ')},
                   CASE WHEN c.status = 'closed' THEN ${closingMs} END AS ms
              FROM cases AS c
             WHERE ${where}
             LIMIT -1)
         LIMIT -1)`;
}

type FactsRow = Omit<CaseFacts, 'counters'> & Record<CounterColumn, number>;

function toFacts(row: FactsRow | undefined): CaseFacts | undefined {
  if (!row) return undefined;
  const counters = {} as Record<CounterColumn, number>;
  for (const [column] of rollupCounters) counters[column] = row[column];
  return {
    path: row.path,
    category: row.category,
    level: row.level,
    priority: row.priority,
    channel: row.channel,
    created_day: row.created_day,
    accepted_day: row.accepted_day,
    counters,
    ms: row.ms,
    bucket: row.bucket,
    coarse: row.coarse,
  };
}

const caseFactsSql = factsSql('c.id = ?');

/** One case's facts, or undefined when there is no such case. */
export function caseFacts(db: Db, caseId: string): CaseFacts | undefined {
  return toFacts(prepared(db, caseFactsSql).get(caseId) as FactsRow | undefined);
}

/** A node that keeps rollups: its number in the rollup tables and its path. */
export interface RollupNode {
  node: number;
  path: string;
}

/** The node that keeps rollups for grid `gridId`, if it does. */
export function rollupNodeOf(db: Db, gridId: string): RollupNode | undefined {
  return prepared(
    db,
    'SELECT n.node, g.path FROM rollup_nodes AS n JOIN grids AS g ON g.id = n.grid_id WHERE n.grid_id = ?',
  ).get(gridId) as RollupNode | undefined;
}

/** The nodes on a materialized path (`/<root>/…/<own>/`) that keep rollups: those whose path starts it (few). */
function rollupNodesOn(db: Db, path: string): RollupNode[] {
  return prepared(
    db,
    `SELECT n.node, g.path FROM rollup_nodes AS n CROSS JOIN grids AS g ON g.id = n.grid_id
      WHERE substr(@path, 1, length(g.path)) = g.path`,
  ).all({ path }) as RollupNode[];
}

/**
 * The one way a case row changes: runs `write` (the statement that inserts or
 * updates case `caseId`) and applies the change to the rollups, all in one
 * transaction (a savepoint inside the caller's), so a rollup never disagrees
 * with a committed case.
 */
export function writeCase<T>(db: Db, caseId: string, write: () => T): T {
  // A database where no node keeps rollups (before its first rebuild) has nothing to keep up.
  if (!plucked(db, 'SELECT EXISTS (SELECT 1 FROM rollup_nodes)').get()) return write();
  return db.transaction((): T => {
    const before = caseFacts(db, caseId);
    const result = write();
    applyCaseToRollups(db, before, caseFacts(db, caseId));
    return result;
  })();
}

type CountDelta = { node: number; dim: RollupDim; value: string; period: number; counts: number[] };
type ClosingDelta = {
  node: RollupNode;
  dim: RollupDim;
  value: string;
  period: number;
  bucket: number;
  ms: number;
  n: number;
};
type CoarseDelta = { node: number; dim: RollupDim; value: string; period: number; coarse: number; n: number };

interface Deltas {
  counts: Map<string, CountDelta>;
  closing: Map<string, ClosingDelta>;
  coarse: Map<string, CoarseDelta>;
}

const monthOf = (day: number) => Math.floor(day / 100);

/** A key's value as SQL over the rebuild's facts (a table of them, with a `children` column) named `alias`. */
const valueOf = (dim: RollupDim, alias: string) => (dim === 'none' ? `''` : `${alias}.${dim}`);

/** The dimensions other than the whole: the columns a rebuild groups the facts by. */
const groupColumns = rollupDims.filter((dim) => dim !== 'none').join(', ');

/**
 * The child of `nodePath` on the materialized `path` below it (`/…/<node>/<child>/…` → `/…/<node>/<child>/`);
 * '' for the node itself. `childOnSql` is the same in SQL (store/stats.ts groups the cases by it).
 */
const childOn = (nodePath: string, path: string) => path.slice(0, path.indexOf('/', nodePath.length) + 1);
export const childOnSql = (nodePath: string, path: string) =>
  `substr(${path}, 1, CASE WHEN length(${path}) > length(${nodePath})
     THEN length(${nodePath}) + instr(substr(${path}, length(${nodePath}) + 1), '/') ELSE 0 END)`;

/** What a case with `facts` is keyed by under `dim` in `node`'s rollups. */
function valueFor(dim: RollupDim, facts: CaseFacts, node: RollupNode): string {
  if (dim === 'none') return '';
  if (dim === 'children') return childOn(node.path, facts.path);
  return facts[dim];
}

/** Adds `sign` × what a case with `facts` contributes to `nodes` into `deltas`. */
function contribute(deltas: Deltas, facts: CaseFacts, nodes: readonly RollupNode[], sign: 1 | -1): void {
  const side = (which: 'received' | 'cohort') =>
    rollupCounters.map(([column, , counted]) => (counted === which ? sign * facts.counters[column] : 0));
  const received = side('received');
  const cohort = facts.accepted_day === null ? undefined : side('cohort');
  for (const node of nodes) {
    for (const dim of rollupDims) {
      const value = valueFor(dim, facts, node);
      const addCounts = (period: number, counts: number[]) => {
        const id = JSON.stringify([node.node, dim, value, period]);
        const entry = deltas.counts.get(id);
        if (entry) counts.forEach((count, i) => (entry.counts[i]! += count));
        else deltas.counts.set(id, { node: node.node, dim, value, period, counts: [...counts] });
      };
      for (const period of [facts.created_day, monthOf(facts.created_day)]) addCounts(period, received);
      if (!cohort) continue;
      for (const period of [facts.accepted_day!, monthOf(facts.accepted_day!)]) {
        addCounts(period, cohort);
        if (facts.ms === null) continue;
        const closingId = JSON.stringify([node.node, dim, value, period, facts.bucket, facts.ms]);
        const closing = deltas.closing.get(closingId);
        if (closing) closing.n += sign;
        else
          deltas.closing.set(closingId, {
            node,
            dim,
            value,
            period,
            bucket: facts.bucket!,
            ms: facts.ms,
            n: sign,
          });
        const coarseId = JSON.stringify([node.node, dim, value, period, facts.coarse]);
        const coarse = deltas.coarse.get(coarseId);
        if (coarse) coarse.n += sign;
        else deltas.coarse.set(coarseId, { node: node.node, dim, value, period, coarse: facts.coarse!, n: sign });
      }
    }
  }
}

/** A rollup that disagrees with the cases (a row written around `writeCase`): loud, never silently wrong. */
function outOfStep(what: string): Error {
  return new Error(
    `Stats rollups are out of step with the cases (${what}); rebuild them with \`gridkit-mock rebuild-rollups\`.`,
  );
}

const countColumns = rollupCounters.map(([column]) => column);
const upsertCountsSql = `
  INSERT INTO rollup_counts (node, key, period, ${countColumns.join(', ')})
  VALUES (?, ?, ?, ${countColumns.map(() => '?').join(', ')})
  ON CONFLICT (node, key, period) DO UPDATE SET
    ${countColumns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')}`;

const updateCountsSql = `
  UPDATE rollup_counts SET ${countColumns.map((column) => `${column} = ${column} + ?`).join(', ')}
   WHERE node = ? AND key = ? AND period = ?`;

/**
 * Moves one case's contribution in the rollups from `before` (its facts
 * before the change; undefined for a new case) to `after` (undefined for a
 * deleted one): what `before` added is taken away and what `after` adds is
 * added, on every node of the case's path that keeps rollups. Only rows whose
 * figures change are touched (a rating changes a few counters, never the
 * closing times). Run it inside the transaction of the write (`writeCase`).
 */
export function applyCaseToRollups(db: Db, before: CaseFacts | undefined, after: CaseFacts | undefined): void {
  const deltas: Deltas = { counts: new Map(), closing: new Map(), coarse: new Map() };
  if (before) contribute(deltas, before, rollupNodesOn(db, before.path), -1);
  if (after) contribute(deltas, after, rollupNodesOn(db, after.path), 1);
  if (!deltas.counts.size) return;

  const keys = new Map<string, number>();
  const keyOf = (dim: RollupDim, value: string): number => {
    const id = `${dim}\u0000${value}`;
    let key = keys.get(id);
    if (key === undefined) {
      key = plucked(db, 'SELECT key FROM rollup_keys WHERE dim = ? AND value = ?').get(dim, value) as
        number | undefined;
      key ??= Number(
        prepared(db, 'INSERT INTO rollup_keys (dim, value) VALUES (?, ?)').run(dim, value).lastInsertRowid,
      );
      keys.set(id, key);
    }
    return key;
  };

  for (const delta of deltas.counts.values()) {
    if (delta.counts.every((count) => count === 0)) continue;
    const key = keyOf(delta.dim, delta.value);
    if (delta.counts.every((count) => count >= 0)) {
      prepared(db, upsertCountsSql).run(delta.node, key, delta.period, ...delta.counts);
      continue;
    }
    // Something leaves the row, which must be there (an insert would meet the CHECKs with negative counts).
    const changed = prepared(db, updateCountsSql).run(...delta.counts, delta.node, key, delta.period).changes;
    if (changed === 0) throw outOfStep(`no ${delta.dim} ${delta.value} counts for period ${delta.period}`);
    // A row no case is counted in any more (every case counts as received or accepted) goes.
    prepared(
      db,
      'DELETE FROM rollup_counts WHERE node = ? AND key = ? AND period = ? AND received = 0 AND accepted = 0',
    ).run(delta.node, key, delta.period);
  }

  for (const delta of deltas.coarse.values()) {
    if (delta.n === 0) continue;
    const key = keyOf(delta.dim, delta.value);
    if (delta.n > 0) {
      prepared(
        db,
        `INSERT INTO rollup_closing_coarse (node, key, period, coarse, n) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (node, key, period, coarse) DO UPDATE SET n = n + excluded.n`,
      ).run(delta.node, key, delta.period, delta.coarse, delta.n);
      continue;
    }
    const left = prepared(
      db,
      `UPDATE rollup_closing_coarse SET n = n + ? WHERE node = ? AND key = ? AND period = ? AND coarse = ?
       RETURNING n`,
    ).get(delta.n, delta.node, key, delta.period, delta.coarse) as { n: number } | undefined;
    if (!left) throw outOfStep(`no coarse closing-time bucket ${delta.coarse} in period ${delta.period}`);
    if (left.n === 0) {
      prepared(db, 'DELETE FROM rollup_closing_coarse WHERE node = ? AND key = ? AND period = ? AND coarse = ?').run(
        delta.node,
        key,
        delta.period,
        delta.coarse,
      );
    }
  }

  // Additions first: a bucket's extremes restored after a removal are then read from the cases as they are now.
  const closing = [...deltas.closing.values()].filter((delta) => delta.n !== 0).sort((a, b) => b.n - a.n);
  for (const delta of closing) {
    const key = keyOf(delta.dim, delta.value);
    const id = [delta.node.node, key, delta.period, delta.bucket] as const;
    if (delta.n > 0) {
      prepared(
        db,
        `INSERT INTO rollup_closing (node, key, period, bucket, n, min_ms, max_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (node, key, period, bucket) DO UPDATE SET
           n = n + excluded.n, min_ms = min(min_ms, excluded.min_ms), max_ms = max(max_ms, excluded.max_ms)`,
      ).run(...id, delta.n, delta.ms, delta.ms);
      continue;
    }
    const left = prepared(
      db,
      `UPDATE rollup_closing SET n = n + ? WHERE node = ? AND key = ? AND period = ? AND bucket = ?
       RETURNING n, min_ms, max_ms`,
    ).get(delta.n, ...id) as { n: number; min_ms: number; max_ms: number } | undefined;
    if (!left) throw outOfStep(`no closing-time bucket ${delta.bucket} in period ${delta.period}`);
    if (left.n === 0) {
      prepared(db, 'DELETE FROM rollup_closing WHERE node = ? AND key = ? AND period = ? AND bucket = ?').run(...id);
    } else if (delta.ms === left.min_ms || delta.ms === left.max_ms) {
      // The value that left was an extreme: the bucket's new extremes come from the closed cases still in it.
      const bounds = closingBounds(db, delta.node, delta.dim, delta.value, delta.period, delta.bucket);
      if (bounds.n !== left.n) throw outOfStep(`bucket ${delta.bucket} in period ${delta.period} counts ${left.n}`);
      prepared(
        db,
        'UPDATE rollup_closing SET min_ms = ?, max_ms = ? WHERE node = ? AND key = ? AND period = ? AND bucket = ?',
      ).run(bounds.min_ms, bounds.max_ms, ...id);
    }
  }
}

/** The UTC instants `[start, end)` of a period (`yyyymmdd` or `yyyymm`), as stored times compare. */
export function periodInstants(period: number): [string, string] {
  const isDay = period >= 1_000_000;
  const y = Math.floor(period / (isDay ? 10_000 : 100));
  const m = Math.floor(period / (isDay ? 100 : 1)) % 100;
  const d = isDay ? period % 100 : 1;
  const date = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
  const start = date(y, m, d);
  const end = isDay ? date(y, m, d + 1) : date(y, m + 1, 1);
  return [shanghaiDayStart(start).toISOString(), shanghaiDayStart(end).toISOString()];
}

/**
 * The count and extremes of the closing times in one bucket of one rollup
 * row, from the cases: the closed cases of the node's subtree accepted in the
 * period whose duration falls in the bucket, found through `cases_closing_ms`
 * (the closed cases of one 0.1 h bucket accepted in one period: a few hundred
 * at most, whatever the node).
 */
function closingBoundsSql(dim: RollupDim): string {
  const where = `c.status = 'closed' AND ${closingMs} >= @msLo AND ${closingMs} < @msHi
                 AND c.accepted_at >= @start AND c.accepted_at < @end AND c.grid_path >= @lo AND c.grid_path < @hi`;
  // A child's value is its path: the cases below it.
  const matches =
    dim === 'children' ? 'substr(facts.path, 1, length(@value)) = @value' : `${valueOf(dim, 'facts')} = @value`;
  return `SELECT count(*) AS n, min(ms) AS min_ms, max(ms) AS max_ms
            FROM (${factsSql(where)}) AS facts
           WHERE ${matches}`;
}

function closingBoundsParams(node: RollupNode, value: string, period: number, bucket: number) {
  const [lo, hi] = subtreeRange(node.path);
  const [start, end] = periodInstants(period);
  const msLo = bucket * bucketMs - bucketMs / 2;
  return { msLo, msHi: msLo + bucketMs, start, end, lo, hi, value };
}

function closingBounds(
  db: Db,
  node: RollupNode,
  dim: RollupDim,
  value: string,
  period: number,
  bucket: number,
): { n: number; min_ms: number | null; max_ms: number | null } {
  return prepared(db, closingBoundsSql(dim)).get(closingBoundsParams(node, value, period, bucket)) as {
    n: number;
    min_ms: number | null;
    max_ms: number | null;
  };
}

/** EXPLAIN QUERY PLAN of the statement that restores a bucket's extremes (for the test that it uses `cases_closing_ms`). */
export function explainClosingBounds(db: Db, node: RollupNode, dim: RollupDim): string[] {
  const params = closingBoundsParams(node, '', 202601, 0);
  return (db.prepare(`EXPLAIN QUERY PLAN ${closingBoundsSql(dim)}`).all(params) as { detail: string }[]).map(
    (row) => row.detail,
  );
}

export interface RebuildOptions {
  /** The levels whose nodes keep rollups (default `rollupLevels`), or `all` (tests exercise every level). */
  levels?: readonly string[] | 'all';
}

export interface RebuildSummary {
  /** Nodes that keep rollups. */
  nodes: number;
  cases: number;
  /** Rows written, all rollup tables together. */
  rows: number;
  ms: number;
}

/**
 * Builds every rollup again from the cases, in one transaction (a savepoint
 * inside a caller's, such as the bulk load's): registers the nodes of
 * `levels`, then aggregates in SQL — the facts of all cases once, summed per
 * node, day and full combination of group values, then per key, then days
 * into months and fine buckets into coarse ones. The result is exactly what
 * `applyCaseToRollups` keeps up case by case (the tests compare the tables).
 */
export function rebuildRollups(db: Db, options: RebuildOptions = {}): RebuildSummary {
  const started = performance.now();
  const levelList = options.levels ?? rollupLevels;
  return db.transaction((): RebuildSummary => {
    db.exec('DELETE FROM rollup_counts; DELETE FROM rollup_closing; DELETE FROM rollup_closing_coarse;');
    const chosen =
      levelList === 'all'
        ? 'SELECT id FROM grids'
        : 'SELECT id FROM grids WHERE level IN (SELECT value FROM json_each(@levels))';
    const params = levelList === 'all' ? {} : { levels: JSON.stringify(levelList) };
    db.prepare(`DELETE FROM rollup_nodes WHERE grid_id NOT IN (${chosen})`).run(params);
    db.prepare(`INSERT OR IGNORE INTO rollup_nodes (grid_id) SELECT id FROM (${chosen}) ORDER BY id`).run(params);

    // The facts of every case, once per node that counts it.
    db.exec(`
      DROP TABLE IF EXISTS temp.rollup_facts;
      CREATE TEMP TABLE rollup_facts AS
        SELECT n.node, ${childOnSql('n.lo', 'f.path')} AS children, f.*
          FROM (${factsSql('1')}) AS f
          JOIN (SELECT r.node, g.path AS lo, substr(g.path, 1, length(g.path) - 1) || '0' AS hi
                  FROM rollup_nodes AS r JOIN grids AS g ON g.id = r.grid_id) AS n
            ON f.path >= n.lo AND f.path < n.hi;`);
    for (const dim of rollupDims) {
      db.exec(
        `INSERT OR IGNORE INTO rollup_keys (dim, value) SELECT DISTINCT '${dim}', ${valueOf(dim, 'f')} FROM temp.rollup_facts AS f`,
      );
    }

    // Counters: per node, day and combination of group values (each case on its received and its cohort day) …
    const sideSums = (which: 'received' | 'cohort') =>
      rollupCounters.map(([column, , counted]) => `${counted === which ? column : '0'} AS ${column}`).join(', ');
    db.exec(`
      DROP TABLE IF EXISTS temp.rollup_base;
      CREATE TEMP TABLE rollup_base AS
        SELECT node, day, ${groupColumns},
               ${countColumns.map((column) => `sum(${column}) AS ${column}`).join(', ')}
          FROM (SELECT node, created_day AS day, ${groupColumns}, ${sideSums('received')}
                  FROM temp.rollup_facts
                UNION ALL
                SELECT node, accepted_day AS day, ${groupColumns}, ${sideSums('cohort')}
                  FROM temp.rollup_facts WHERE accepted_day IS NOT NULL)
         GROUP BY node, day, ${groupColumns};`);
    // … then per key, …
    for (const dim of rollupDims) {
      db.exec(`
        INSERT INTO rollup_counts (node, key, period, ${countColumns.join(', ')})
        SELECT b.node, k.key, b.day, ${countColumns.map((column) => `sum(b.${column})`).join(', ')}
          FROM temp.rollup_base AS b JOIN rollup_keys AS k ON k.dim = '${dim}' AND k.value = ${valueOf(dim, 'b')}
         GROUP BY b.node, k.key, b.day;`);
    }
    // … and days into months.
    db.exec(`
      INSERT INTO rollup_counts (node, key, period, ${countColumns.join(', ')})
      SELECT node, key, period / 100, ${countColumns.map((column) => `sum(${column})`).join(', ')}
        FROM rollup_counts WHERE period >= 1000000
       GROUP BY node, key, period / 100;`);

    // Closing times: per node, day, combination and bucket, then per key, then months, then coarse buckets.
    db.exec(`
      DROP TABLE IF EXISTS temp.rollup_closing_base;
      CREATE TEMP TABLE rollup_closing_base AS
        SELECT node, accepted_day AS day, ${groupColumns}, bucket,
               count(*) AS n, min(ms) AS min_ms, max(ms) AS max_ms
          FROM temp.rollup_facts WHERE accepted_day IS NOT NULL AND ms IS NOT NULL
         GROUP BY node, accepted_day, ${groupColumns}, bucket;`);
    for (const dim of rollupDims) {
      db.exec(`
        INSERT INTO rollup_closing (node, key, period, bucket, n, min_ms, max_ms)
        SELECT b.node, k.key, b.day, b.bucket, sum(b.n), min(b.min_ms), max(b.max_ms)
          FROM temp.rollup_closing_base AS b JOIN rollup_keys AS k ON k.dim = '${dim}' AND k.value = ${valueOf(dim, 'b')}
         GROUP BY b.node, k.key, b.day, b.bucket;`);
    }
    db.exec(`
      INSERT INTO rollup_closing (node, key, period, bucket, n, min_ms, max_ms)
      SELECT node, key, period / 100, bucket, sum(n), min(min_ms), max(max_ms)
        FROM rollup_closing WHERE period >= 1000000
       GROUP BY node, key, period / 100, bucket;
      INSERT INTO rollup_closing_coarse (node, key, period, coarse, n)
      SELECT node, key, period, ${floorDiv('bucket', bucketsPerCoarse)}, sum(n)
        FROM rollup_closing
       GROUP BY node, key, period, ${floorDiv('bucket', bucketsPerCoarse)};
      DROP TABLE temp.rollup_facts;
      DROP TABLE temp.rollup_base;
      DROP TABLE temp.rollup_closing_base;`);

    const count = (table: string) => plucked(db, `SELECT count(*) FROM ${table}`).get() as number;
    return {
      nodes: count('rollup_nodes'),
      cases: count('cases'),
      rows: count('rollup_counts') + count('rollup_closing') + count('rollup_closing_coarse'),
      ms: Math.round(performance.now() - started),
    };
  })();
}
