// Seeding time (demo set and a large set) and the latency of the
// resolution-stats query on the large set, for a district, a street, a
// community and a grid over a year, next to a baseline in the same run: a
// plain full scan of the cases table (what a query that ignores the
// subtree index would cost at least).
//
//   pnpm bench:server                      # 10,000 grids, 1,000,000 cases
//   GRIDS=2000 CASES=100000 pnpm bench:server
//
// The large database is kept in bench/.data/ and reused when its size
// matches; delete the folder to measure seeding again.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, resolutionStats, seedDatabase } from '../packages/mock-server/dist/index.js';

const grids = Number(process.env.GRIDS ?? 10_000);
const cases = Number(process.env.CASES ?? 1_000_000);
const runs = Number(process.env.RUNS ?? 15);
const now = new Date('2026-11-22T04:00:00.000Z');
const dir = new URL('./.data/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// Demo set, in memory.
{
  const db = openDatabase(':memory:');
  const summary = seedDatabase(db, { now });
  console.log(
    `demo seed: ${summary.grids} grids, ${summary.cases} cases, ${summary.caseEvents} events, ${summary.serviceLogs} service logs in ${seconds(summary.ms)}`,
  );
  db.close();
}

// Large set, on disk.
const file = join(dir, `gridkit-${grids}-${cases}.sqlite`);
if (!existsSync(file)) {
  for (const stale of [file, `${file}-wal`, `${file}-shm`]) rmSync(stale, { force: true });
  const db = openDatabase(file);
  const summary = seedDatabase(db, { size: { grids, cases }, now });
  db.close();
  console.log(
    `large seed: ${summary.grids} grids, ${summary.cases} cases, ${summary.caseEvents} events, ${summary.serviceLogs} service logs in ${seconds(summary.ms)}; file ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`,
  );
} else {
  console.log(`large set reused from ${file} (delete it to time seeding)`);
}

const db = openDatabase(file);
const nodeAt = (level) => db.prepare('SELECT id FROM grids WHERE level = ? ORDER BY code LIMIT 1').pluck().get(level);
const year = { from: '2025-11-23', to: '2026-11-22' };

function measure(label, fn) {
  fn(); // warm the page cache
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { label, p50: pick(0.5), p95: pick(0.95) };
}

const rows = [
  measure('baseline: full scan, COUNT(*) of cases', () =>
    db.prepare('SELECT COUNT(*) FROM cases WHERE due_at IS NOT NULL').get(),
  ),
  measure('district, one year, totals', () => resolutionStats(db, { gridId: nodeAt('district'), ...year })),
  measure('district, one year, by month', () =>
    resolutionStats(db, { gridId: nodeAt('district'), ...year, groupBy: 'month' }),
  ),
  measure('district, one year, by level', () =>
    resolutionStats(db, { gridId: nodeAt('district'), ...year, groupBy: 'level' }),
  ),
  measure('street, one year, by month', () =>
    resolutionStats(db, { gridId: nodeAt('street'), ...year, groupBy: 'month' }),
  ),
  measure('community, one year, by category', () =>
    resolutionStats(db, { gridId: nodeAt('community'), ...year, groupBy: 'category' }),
  ),
  measure('grid, one year, by month', () => resolutionStats(db, { gridId: nodeAt('grid'), ...year, groupBy: 'month' })),
];
const total = db.prepare('SELECT COUNT(*) FROM cases').pluck().get();
console.log(`\nresolution stats on ${total.toLocaleString('en')} cases, ${runs} runs each`);
console.log('query'.padEnd(42), 'p50'.padStart(10), 'p95'.padStart(10));
for (const row of rows)
  console.log(row.label.padEnd(42), `${row.p50.toFixed(1)} ms`.padStart(10), `${row.p95.toFixed(1)} ms`.padStart(10));
db.close();
