// Resolution statistics (GET /stats/resolution) for a district over a year, answered from the rollups and computed
// from scratch over the cases (the covering indexes), next to a baseline in the same run: a full-table COUNT(*) of
// the cases (the least a query that reads every case costs). Runs are interleaved (baseline, rollups, cases, then
// again) and medians reported, for each database size. Also: the rollups' rebuild time and size, a street, community
// and grid (answered from the cases), and what keeping the rollups adds to a write.
//
//   pnpm bench:server                                   # 10,000 and 100,000 cases
//   pnpm bench:server --cases 10000,100000,1000000      # and 1,000,000 (10,000 grids; seeding takes minutes)
//   RUNS=21 GRIDS=2000 pnpm bench:server --cases 100000
//
// Grids default to cases ÷ 100 (10,000 for 1M). Databases are kept in bench/.data/ and reused when their size
// matches; delete the folder to time seeding again. A database from before the rollups gets them built once here.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, seedDatabase } from '../packages/mock-server/dist/index.js';
import { insertCase, updateCaseStatus } from '../packages/mock-server/dist/store/cases.js';
import { rebuildRollups } from '../packages/mock-server/dist/store/rollups.js';
import { resolutionStats } from '../packages/mock-server/dist/store/stats.js';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000,100000' } } });
const sizes = values.cases.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0))
  throw new Error('--cases takes whole numbers, e.g. 10000,100000');
const runs = Number(process.env.RUNS ?? 11);
const now = new Date('2026-11-22T04:00:00.000Z');
const year = { from: '2025-11-23', to: '2026-11-22' };
const dir = new URL('./.data/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const median = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const timed = (fn) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};
const ms = (value) => (value === undefined ? '–' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`);

// Demo set, in memory (the seed includes building its rollups).
{
  const db = openDatabase(':memory:');
  const summary = seedDatabase(db, { now });
  console.log(
    `demo seed: ${summary.grids} grids, ${summary.cases} cases, ${summary.caseEvents} events, ${summary.serviceLogs} service logs in ${seconds(summary.ms)}`,
  );
  db.close();
}

/**
 * What keeping the rollups adds to a write, in transactions rolled back: 200 reports (received counters), 200
 * resolves (no figure changes) or 200 verifications (cohort counters and closing-time buckets), µs per write, with
 * the district keeping rollups (`keep`) or none kept. It runs in the write's transaction, before its one fsync.
 */
function writeCost(db, kind, keep) {
  db.exec('BEGIN');
  try {
    if (!keep) db.exec('DELETE FROM rollup_nodes');
    const at = now.toISOString();
    const rows = db
      .prepare('SELECT * FROM cases WHERE status = ? LIMIT 200')
      .all(kind === 'report' ? 'closed' : kind === 'resolve' ? 'in_progress' : 'resolved');
    const started = performance.now();
    rows.forEach((row, i) => {
      if (kind === 'report') {
        // A copy of a seeded case under a new id (the row's other columns are not the insert's and are not read).
        insertCase(db, { ...row, id: `bench_${i}`, ticket: `BENCH-${i}`, created_at: at });
        return;
      }
      const [action, status] = kind === 'resolve' ? ['resolve', 'resolved'] : ['verify', 'closed'];
      updateCaseStatus(db, {
        id: row.id,
        action,
        status,
        level: row.level,
        assignee: null,
        at,
        priority: row.priority,
        dueAt: row.due_at,
      });
    });
    return ((performance.now() - started) / rows.length) * 1000;
  } finally {
    db.exec('ROLLBACK');
  }
}

const results = [];
for (const cases of sizes) {
  const grids = Number(process.env.GRIDS ?? Math.max(100, Math.round(cases / 100)));
  const file = join(dir, `gridkit-${grids}-${cases}.sqlite`);
  if (!existsSync(file)) {
    for (const stale of [file, `${file}-wal`, `${file}-shm`]) rmSync(stale, { force: true });
    const db = openDatabase(file);
    const summary = seedDatabase(db, { size: { grids, cases }, now });
    db.close();
    console.log(
      `\n${cases.toLocaleString('en')} cases: seeded ${summary.grids} grids, ${summary.cases} cases, ${summary.caseEvents} events, ${summary.serviceLogs} service logs in ${seconds(summary.ms)} (rollups included); file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`,
    );
  } else {
    console.log(`\n${cases.toLocaleString('en')} cases: database reused from ${file} (delete it to time seeding)`);
  }
  const db = openDatabase(file);
  if (db.prepare('SELECT count(*) FROM rollup_nodes').pluck().get() === 0) {
    const rebuilt = rebuildRollups(db);
    console.log(`  rollups built for a database from before them: ${rebuilt.rows} rows in ${seconds(rebuilt.ms)}`);
  }
  // The rebuild on its own (the seed's includes it), in a transaction rolled back so the file stays as it is.
  db.exec('BEGIN');
  const rebuild = rebuildRollups(db);
  db.exec('ROLLBACK');
  let rollupMiB;
  try {
    rollupMiB =
      db
        .prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'rollup_%' OR name LIKE 'sqlite_autoindex_rollup_%'")
        .pluck()
        .get() /
      2 ** 20;
  } catch {
    rollupMiB = undefined; // SQLite built without the dbstat table
  }
  console.log(
    `  rollups: ${rebuild.rows.toLocaleString('en')} rows${rollupMiB === undefined ? '' : `, ${rollupMiB.toFixed(0)} MiB`}, rebuilt in ${seconds(rebuild.ms)}`,
  );

  const nodeAt = (level) => db.prepare('SELECT id FROM grids WHERE level = ? ORDER BY code LIMIT 1').pluck().get(level);
  const district = nodeAt('district');
  const baseline = () => db.prepare('SELECT COUNT(*) FROM cases WHERE due_at IS NOT NULL').get();
  // The from-scratch side gets fewer runs on big databases (seconds each); rollups and baseline get all of them.
  const scratchRuns = cases >= 500_000 ? Math.min(runs, 5) : runs;
  for (const groupBy of ['none', 'month', 'level', 'category', 'priority', 'channel', 'children']) {
    const query = { gridId: district, ...year, groupBy };
    // Same answer both ways, to the byte, before timing anything.
    if (JSON.stringify(resolutionStats(db, query, 'rollups')) !== JSON.stringify(resolutionStats(db, query, 'cases')))
      throw new Error(`rollups and cases disagree on ${JSON.stringify(query)}`);
    const times = { baseline: [], rollups: [], cases: [] };
    for (let i = 0; i < runs; i++) {
      times.baseline.push(timed(baseline));
      times.rollups.push(timed(() => resolutionStats(db, query, 'rollups')));
      if (i < scratchRuns) times.cases.push(timed(() => resolutionStats(db, query, 'cases')));
    }
    results.push({
      cases,
      query: `district, year, ${groupBy === 'none' ? 'totals' : `by ${groupBy}`}`,
      rollups: median(times.rollups),
      fromCases: median(times.cases),
      baseline: median(times.baseline),
    });
  }
  for (const level of ['street', 'community', 'grid']) {
    const query = { gridId: nodeAt(level), ...year, groupBy: 'month' };
    const times = [];
    for (let i = 0; i < runs; i++) times.push(timed(() => resolutionStats(db, query)));
    results.push({ cases, query: `${level}, year, by month (from the cases)`, fromCases: median(times) });
  }
  for (const kind of ['report', 'resolve', 'verify']) {
    const withRollups = [];
    const without = [];
    for (let i = 0; i < 5; i++) {
      withRollups.push(writeCost(db, kind, true));
      without.push(writeCost(db, kind, false));
    }
    results.push({
      cases,
      query: `write: one ${kind}, with rollups / without`,
      write: `${median(withRollups).toFixed(0)} / ${median(without).toFixed(0)} µs`,
    });
  }
  db.close();
}

console.log(`\nresolution stats, medians of ${runs} interleaved runs (from the cases: 5 runs at ≥ 500,000 cases)`);
console.log(
  'cases'.padStart(10),
  'query'.padEnd(44),
  'rollups'.padStart(10),
  'from cases'.padStart(11),
  'COUNT(*)'.padStart(10),
  'speed-up'.padStart(9),
);
for (const row of results) {
  const cases = row.cases.toLocaleString('en').padStart(10);
  if (row.write) {
    console.log(cases, row.query.padEnd(44), row.write.padStart(21));
    continue;
  }
  console.log(
    cases,
    row.query.padEnd(44),
    ms(row.rollups).padStart(10),
    ms(row.fromCases).padStart(11),
    ms(row.baseline).padStart(10),
    (row.rollups === undefined ? '' : `${(row.fromCases / row.rollups).toFixed(0)}×`).padStart(9),
  );
}
