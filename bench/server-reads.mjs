// Reads per second from the mock server, against two baselines in the same run:
// Prism (`prism mock` on the same contract: what a vendor would otherwise stand up)
// and a bare Hono handler on the same Node adapter that answers a fixed body of the
// same size (the ceiling of this stack on this machine). Each server runs in its own
// process; autocannon drives it from this one with CONNECTIONS keep-alive connections
// for SECONDS. Rounds alternate the order of the contenders; medians and ratios are
// printed. The mock server runs as in production: no response validation, no rate
// limit, the demo seed on a real SQLite file.
//
//   pnpm run build && node bench/server-reads.mjs [rounds]     # CONNECTIONS=32 SECONDS=5 by default
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const root = new URL('..', import.meta.url).pathname;

if (process.argv[2] === '--gridkit') {
  const { startServer } = await import('../packages/mock-server/dist/index.js');
  const server = await startServer({
    port: 0,
    dataDir: process.argv[3],
    seed: 'demo',
    rateLimit: false,
    validateResponses: false,
    log: () => {},
  });
  process.send({ url: server.url });
  process.on('message', async () => {
    await server.close();
    process.exit(0);
  });
} else if (process.argv[2] === '--bare') {
  // The same Hono and adapter the mock server uses, resolved from its package.
  const require = createRequire(join(root, 'packages/mock-server/package.json'));
  const { Hono } = await import(require.resolve('hono'));
  const { serve } = await import(require.resolve('@hono/node-server'));
  const bodies = JSON.parse(process.argv[3]);
  const app = new Hono();
  app.get('/*', (c) => c.body(bodies[c.req.path] ?? '{}', 200, { 'Content-Type': 'application/json' }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.send({ url: `http://127.0.0.1:${info.port}` }),
  );
  process.on('message', () => server.close(() => process.exit(0)));
} else {
  const rounds = Number(process.argv[2] ?? 3);
  const connections = Number(process.env.CONNECTIONS ?? 32);
  const seconds = Number(process.env.SECONDS ?? 5);

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };

  /** A forked server of this file; resolves with its URL and a stop function. */
  async function forked(args) {
    const child = fork(new URL(import.meta.url).pathname, args, { stdio: 'inherit' });
    const { url } = await new Promise((resolve) => child.once('message', resolve));
    return {
      url,
      stop: async () => {
        child.send('stop');
        await new Promise((resolve) => child.once('exit', resolve));
      },
    };
  }

  /** `prism mock` on the contract, on a free port; its log goes nowhere. */
  async function prism() {
    const port = 4100 + Math.floor(Math.random() * 800);
    const child = spawn(
      join(root, 'node_modules/.bin/prism'),
      ['mock', 'openapi/gridkit.yaml', '-h', '127.0.0.1', '-p', String(port)],
      { cwd: root, stdio: 'ignore' },
    );
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        await fetch(`${url}/health`);
        break;
      } catch {
        if (i > 300) throw new Error('prism did not start in 30 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return {
      url,
      stop: async () => {
        child.kill();
        await new Promise((resolve) => child.once('exit', resolve));
      },
    };
  }

  /** Requests per second of GET `path` (only 200s count; anything else fails the run). */
  async function rate(url, path) {
    const result = await autocannon({ url: `${url}${path}`, connections, duration: seconds });
    const non2xx = result.non2xx + result.errors + result.timeouts;
    if (non2xx) throw new Error(`${url}${path}: ${non2xx} of ${result.requests.total} requests failed`);
    return result.requests.average;
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-reads-'));
  const gridkit = await forked(['--gridkit', dataDir]);
  const api = `${gridkit.url}/api/v1`;
  // What a resident's page asks for: a grid's board, and a case by its ticket (the public view).
  const grid = (await (await fetch(`${api}/grids?q=${encodeURIComponent('桥北社区第二网格')}`)).json()).items[0];
  const category = (await (await fetch(`${api}/categories?limit=200`)).json()).items.find(
    (c) => !c.requiresPhoto && !c.requiresLocation && !c.attributes.some((a) => a.required),
  );
  const receipt = await (
    await fetch(`${api}/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-reads-${Date.now()}` },
      body: JSON.stringify({
        gridId: grid.id,
        categoryCode: category.code,
        description: '楼道灯不亮',
        location: { address: '3 号楼' },
      }),
    })
  ).json();
  const routes = [
    { name: 'GET notice board', path: `/grids/${grid.id}/notice-board` },
    { name: 'GET public ticket view', path: `/tickets/${receipt.ticket}` },
  ];
  // The bare handler answers each path with the mock server's own body: same bytes on the wire.
  const bodies = {};
  for (const route of routes) bodies[`/api/v1${route.path}`] = await (await fetch(`${api}${route.path}`)).text();
  const bare = await forked(['--bare', JSON.stringify(bodies)]);
  const mock = await prism();

  const contenders = [
    { name: 'gridkit mock server', base: api },
    { name: 'Prism mock (baseline)', base: mock.url },
    { name: 'bare Hono, fixed body (ceiling)', base: `${bare.url}/api/v1` },
  ];
  const results = new Map(routes.map((r) => [r.name, new Map(contenders.map((c) => [c.name, []]))]));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...contenders].reverse() : contenders;
      for (const route of routes)
        for (const contender of order)
          results
            .get(route.name)
            .get(contender.name)
            .push(await rate(contender.base, route.path));
    }
  } finally {
    await Promise.all([gridkit.stop(), bare.stop(), mock.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(
    `\nReads per second, ${connections} connections, ${seconds} s each, medians of ${rounds} interleaved rounds`,
  );
  console.log('route                     contender                           req/s   × Prism   of ceiling');
  for (const route of routes) {
    const byName = results.get(route.name);
    const prismRate = median(byName.get('Prism mock (baseline)'));
    const ceiling = median(byName.get('bare Hono, fixed body (ceiling)'));
    for (const contender of contenders) {
      const value = median(byName.get(contender.name));
      console.log(
        `${route.name.padEnd(25)} ${contender.name.padEnd(32)} ${value.toFixed(0).padStart(8)}   ${(value / prismRate).toFixed(2).padStart(6)}×   ${((value / ceiling) * 100).toFixed(0).padStart(8)}%`,
      );
    }
  }
  console.log('goals (issue 11): ≥ 10× Prism; the notice board ≥ 40% of the bare-Hono ceiling');
}
