// CSV export of every case (GET /exports/cases, a district admin) while the server's memory is watched: the export
// is streamed a page of 500 cases at a time, so the server's heap should stay as flat at 100,000 cases as at 10,000.
// The baseline, in the same server process: the same rows read at once and made into one CSV string (what an export
// that is not streamed holds). The server runs in a child process (production mode) that samples its own heap and
// resident memory every 20 ms; this process downloads the file, reading it as it arrives.
//
//   pnpm run build && node bench/export-memory.mjs                      # 10,000 and 100,000 cases
//   node bench/export-memory.mjs --cases 10000,100000,1000000           # and 1,000,000 (seeding takes minutes;
//                                                                        the all-at-once baseline runs up to 200,000)
//
// Databases are kept in bench/.data/export-<cases>/ and reused; delete the folder to seed again. The live heap (after
// a full GC every 250 ms) is what "flat" means; the raw heap peak depends on when V8 collects.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

if (process.argv[2] === '--serve') {
  const [, , , dataDir, grids, cases] = process.argv;
  const { startServer } = await import('../packages/mock-server/dist/index.js');
  const { listCaseRows } = await import('../packages/mock-server/dist/store/cases.js');
  const { stringify } = await import(
    (await import('node:module'))
      .createRequire(new URL('../packages/mock-server/package.json', import.meta.url))
      .resolve('csv-stringify/sync')
  );
  const server = await startServer({
    port: 0,
    dataDir,
    seed: { grids: Number(grids), cases: Number(cases) },
    rateLimit: false,
    validateResponses: false,
    log: () => {},
  });
  let peak;
  let timer;
  let gcTimer;
  const sample = () => {
    const { heapUsed, rss } = process.memoryUsage();
    peak = { ...peak, heapUsed: Math.max(peak.heapUsed, heapUsed), rss: Math.max(peak.rss, rss) };
  };
  // What the heap holds alive (after a full GC), apart from garbage not yet collected: the raw peak depends on
  // when V8 chooses to collect (a fast export on a quiet machine collects less often), the live heap does not.
  const sampleLive = () => {
    global.gc();
    peak = { ...peak, live: Math.max(peak.live, process.memoryUsage().heapUsed) };
  };
  const start = () => {
    // Twice: what one full GC leaves to finalize, the second collects.
    global.gc();
    global.gc();
    peak = { heapUsed: 0, rss: 0, live: 0 };
    sample();
    const before = { ...peak, live: peak.heapUsed };
    timer = setInterval(sample, 20);
    gcTimer = setInterval(sampleLive, 250);
    return before;
  };
  const stopSampling = () => {
    clearInterval(timer);
    clearInterval(gcTimer);
  };
  let before;
  process.on('message', async (message) => {
    if (message === 'start') {
      before = start();
      process.send({ started: true });
    } else if (message === 'stop') {
      stopSampling();
      sample();
      sampleLive();
      process.send({ before, peak });
    } else if (message === 'whole') {
      // The baseline: every row at once, as one CSV string.
      const base = start();
      const rows = listCaseRows(server.db, { jurisdiction: ['/'], now: new Date().toISOString(), limit: 1e9 });
      const text = stringify(rows.map((row) => Object.values(row)));
      sample();
      sampleLive();
      stopSampling();
      process.send({ before: base, peak, bytes: Buffer.byteLength(text), rows: rows.length });
    } else if (message === 'close') {
      await server.close();
      process.exit(0);
    }
  });
  process.send({ apiUrl: server.apiUrl });
} else {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000,100000' } } });
  const sizes = values.cases.split(',').map(Number);
  const MiB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const results = [];
  for (const cases of sizes) {
    const grids = Math.max(100, Math.round(cases / 100));
    const dataDir = new URL(`./.data/export-${cases}/`, import.meta.url).pathname;
    mkdirSync(dataDir, { recursive: true });
    const fresh = !existsSync(join(dataDir, 'gridkit.sqlite'));
    const child = fork(new URL(import.meta.url).pathname, ['--serve', dataDir, String(grids), String(cases)], {
      stdio: 'inherit',
      execArgv: ['--expose-gc'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const next = () => new Promise((resolve) => child.once('message', resolve));
    const seeding = performance.now();
    const { apiUrl } = await next();
    if (fresh)
      console.log(
        `${cases.toLocaleString('en')} cases: seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s`,
      );

    child.send('start');
    await next();
    const started = performance.now();
    const response = await fetch(`${apiUrl}/exports/cases`, {
      headers: { Authorization: 'Bearer demo-admin-district' },
    });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    child.send('stop');
    const streamed = await next();
    // Above 200,000 cases the baseline itself needs gigabytes of heap (+736 MiB at 100,000): it is not run there.
    const whole = cases <= 200_000 ? (child.send('whole'), await next()) : undefined;
    child.send('close');
    await new Promise((resolve) => child.once('exit', resolve));
    results.push({
      cases,
      file: MiB(bytes),
      lines,
      seconds: seconds.toFixed(1),
      streamedLive: MiB(streamed.peak.live - streamed.before.live),
      streamedHeap: MiB(streamed.peak.heapUsed - streamed.before.heapUsed),
      streamedRss: MiB(streamed.peak.rss - streamed.before.rss),
      wholeHeap: whole ? MiB(whole.peak.live - whole.before.live) : 'not run (needs gigabytes)',
      db: MiB(statSync(join(dataDir, 'gridkit.sqlite')).size),
    });
  }
  console.log(
    '\nCSV export of every case, server memory above its idle level: live heap (after a full GC, every 250 ms),' +
      ' raw heap and RSS (peaks of 20 ms samples)',
  );
  console.log(
    'cases      | file      | rows      | time   | streamed: live heap | streamed: raw heap | streamed: RSS | all at once: live heap',
  );
  for (const r of results)
    console.log(
      `${r.cases.toLocaleString('en').padEnd(10)} | ${r.file.padEnd(9)} | ${String(r.lines - 1).padEnd(9)} | ${`${r.seconds} s`.padEnd(6)} | ${r.streamedLive.padEnd(19)} | ${r.streamedHeap.padEnd(18)} | ${r.streamedRss.padEnd(13)} | ${r.wholeHeap}`,
    );
}
