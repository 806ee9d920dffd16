// Finding the grid at a point (locateGrid) on a large district: seeds
// 10,000 grids into a temporary data folder, starts the real server, and
// times the lookup for a few thousand random points over HTTP and in
// process, beside a baseline in the same run: the same lookup without the
// bounding-box prefilter (read every grid's polygon, test each), which is
// what the R*Tree saves.
//
//   pnpm bench:locate                 # 10,000 grids, 3,000 points
//   GRIDS=2000 POINTS=1000 pnpm bench:locate
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../packages/mock-server/dist/index.js';
import { gridAtPoint } from '../packages/mock-server/dist/domain/geometry.js';
import { allGridsWithBoundary, gridsWhoseBoxContains } from '../packages/mock-server/dist/store/grids.js';

const grids = Number(process.env.GRIDS ?? 10_000);
const points = Number(process.env.POINTS ?? 3_000);
// The baseline is ~1000× slower; a few hundred points give stable medians.
const baselinePoints = Number(process.env.BASELINE_POINTS ?? 300);

const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-locate-'));
const started = performance.now();
const server = await startServer({
  port: 0,
  dataDir,
  seed: { grids, cases: 0 },
  validateResponses: false,
  rateLimit: false,
  log: () => {},
});
console.log(`seeded ${server.seeded?.grids} grids in ${((performance.now() - started) / 1000).toFixed(1)} s`);

try {
  const db = server.db;
  const district = db.prepare("SELECT boundary FROM grids WHERE level = 'district'").pluck().get();
  const ring = JSON.parse(district).coordinates[0];
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  // A fixed PRNG (mulberry32): the same points every run. 5% fall just outside the district (the 404 path).
  let state = 20261122;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sample = Array.from({ length: points }, () => {
    const margin = random() < 0.05 ? 0.02 : 0;
    return {
      lng: +(west - margin + random() * (east - west)).toFixed(6),
      lat: +(south - margin + random() * (north - south)).toFixed(6),
    };
  });

  const time = async (label, list, fn) => {
    const ms = [];
    let found = 0;
    for (const point of list) {
      const t0 = performance.now();
      if (await fn(point)) found++;
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
    return { label, n: list.length, found, p50: q(0.5), p95: q(0.95) };
  };

  const withPrefilter = (point) => {
    const candidates = gridsWhoseBoxContains(db, point).map((row) => ({ ...row, boundary: JSON.parse(row.boundary) }));
    return gridAtPoint(candidates, point);
  };
  const fullScan = (point) => {
    const candidates = allGridsWithBoundary(db).map((row) => ({ ...row, boundary: JSON.parse(row.boundary) }));
    return gridAtPoint(candidates, point);
  };
  // The two must agree before their times mean anything.
  for (const point of sample.slice(0, baselinePoints)) {
    if (withPrefilter(point)?.id !== fullScan(point)?.id) throw new Error(`disagree at ${JSON.stringify(point)}`);
  }

  const http = async (point) => {
    const response = await fetch(`${server.apiUrl}/grids/locate?lat=${point.lat}&lng=${point.lng}`);
    await response.arrayBuffer();
    if (response.status !== 200 && response.status !== 404) throw new Error(`HTTP ${response.status}`);
    return response.status === 200;
  };
  await time('warm-up', sample.slice(0, 200), http);

  const results = [
    await time('locateGrid over HTTP (R*Tree prefilter)', sample, http),
    await time('in process, R*Tree prefilter', sample, withPrefilter),
    await time('in process, baseline: full scan of every polygon', sample.slice(0, baselinePoints), fullScan),
  ];
  const f = (ms) => `${ms.toFixed(3)} ms`.padStart(11);
  console.log(`\n${grids} grids; random points over the district (5% just outside)\n`);
  console.log(
    `${'what'.padEnd(52)} ${'points'.padStart(6)} ${'found'.padStart(6)} ${'p50'.padStart(11)} ${'p95'.padStart(11)}`,
  );
  for (const r of results)
    console.log(
      `${r.label.padEnd(52)} ${String(r.n).padStart(6)} ${String(r.found).padStart(6)} ${f(r.p50)} ${f(r.p95)}`,
    );
  const [, pre, base] = results;
  console.log(
    `\nbaseline ÷ prefilter (in process): p50 ${(base.p50 / pre.p50).toFixed(0)}×, p95 ${(base.p95 / pre.p95).toFixed(0)}×`,
  );
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
