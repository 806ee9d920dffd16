// Durable writes: POST /cases per second with group commit (the default: concurrent reports share one transaction
// and one disk sync, each answered once it is on disk) against one transaction and one sync per report, the
// baseline, in the same run. The server runs in a child process (production mode: no response validation, no rate
// limit) on a real SQLite file with synchronous=FULL; this process sends the reports, `CONCURRENCY` at a time, like
// many kiosks at once. Rounds alternate baseline and group commit; medians and the ratio are printed. Also: one
// fsync on this disk, the floor of a durable write without grouping.
//
//   pnpm run build && node bench/server-writes.mjs [rounds]       # CONCURRENCY=32 REPORTS=1500 by default
import { fork } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (process.argv[2] === '--serve') {
  const { startServer } = await import('../packages/mock-server/dist/index.js');
  const server = await startServer({
    port: 0,
    dataDir: process.argv[4],
    seed: { grids: 50, cases: 200 },
    rateLimit: false,
    validateResponses: false,
    groupCommit: process.argv[3] === 'on',
    log: () => {},
  });
  process.send({ apiUrl: server.apiUrl });
  process.on('message', async () => {
    await server.close();
    process.exit(0);
  });
} else {
  const rounds = Number(process.argv[2] ?? 5);
  const concurrency = Number(process.env.CONCURRENCY ?? 32);
  const reports = Number(process.env.REPORTS ?? 1500);

  /** Starts a server with group commit `on` or `off` on a fresh data folder. */
  async function serve(mode) {
    const dataDir = mkdtempSync(join(tmpdir(), `gridkit-writes-${mode}-`));
    const child = fork(new URL(import.meta.url).pathname, ['--serve', mode, dataDir], { stdio: 'inherit' });
    const { apiUrl } = await new Promise((resolve) => child.once('message', resolve));
    return {
      apiUrl,
      async stop() {
        child.send('stop');
        await new Promise((resolve) => child.once('exit', resolve));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  /** Reports per second: `reports` sent `concurrency` at a time, each with its own Idempotency-Key. */
  async function measure(apiUrl) {
    const grids = (await (await fetch(`${apiUrl}/grids?level=grid&limit=50`)).json()).items;
    const categories = (await (await fetch(`${apiUrl}/categories?limit=200`)).json()).items.filter(
      (c) => !c.requiresPhoto && !c.requiresLocation && !c.attributes.some((a) => a.required),
    );
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < reports) {
          const i = next++;
          const response = await fetch(`${apiUrl}/cases`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${i}-${started}` },
            body: JSON.stringify({
              gridId: grids[i % grids.length].id,
              categoryCode: categories[i % categories.length].code,
              description: `楼道灯不亮 ${i}`,
              location: { address: `3 号楼 ${i}` },
            }),
          });
          await response.arrayBuffer();
          if (response.status !== 201) failed++;
        }
      }),
    );
    if (failed) throw new Error(`${failed} of ${reports} reports were not 201`);
    return reports / ((performance.now() - started) / 1000);
  }

  /** One write and fsync of 4 KiB on this disk, µs (median of 200). */
  function fsyncMicros() {
    const dir = mkdtempSync(join(tmpdir(), 'gridkit-fsync-'));
    const fd = openSync(join(dir, 'f'), 'w');
    const block = Buffer.alloc(4096, 1);
    const times = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      writeSync(fd, block);
      fsyncSync(fd);
      times.push((performance.now() - t) * 1000);
    }
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    return median(times);
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };

  const results = { off: [], on: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 ? ['on', 'off'] : ['off', 'on']) {
      const server = await serve(mode);
      results[mode].push(await measure(server.apiUrl));
      await server.stop();
    }
  }
  const fsync = fsyncMicros();
  const off = median(results.off);
  const on = median(results.on);
  console.log(
    `\nDurable reports (POST /cases, synchronous=FULL), ${reports} per round at ${concurrency} at a time, medians of ${rounds} interleaved rounds`,
  );
  console.log('contender                                   reports/s   ratio');
  console.log(`one transaction and sync per report (base)  ${off.toFixed(0).padStart(9)}   1.00×`);
  console.log(`group commit                                ${on.toFixed(0).padStart(9)}   ${(on / off).toFixed(2)}×`);
  console.log(`one 4 KiB write + fsync on this disk: ${fsync.toFixed(0)} µs (≈ ${(1e6 / fsync).toFixed(0)} syncs/s)`);
  console.log('goal (issue 11): ≥ 3,000 reports/s, each on disk when acknowledged');
}
