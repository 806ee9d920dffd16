#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { nativeSqliteProblem } from './native-sqlite.js';
import { join, resolve } from 'node:path';
import { clientAddressResolver } from './http/client-address.js';
import { apiReferencePath, storybookPath } from './http/docs-pages.js';
import { readRateLimitFrom } from './http/rate-limit.js';
import { startServer } from './server.js';
import { openDatabase } from './store/database.js';
import { rebuildRollups, rollupLevels } from './store/rollups.js';

const usage = `gridkit-mock — the Gridkit API on embedded SQLite

  gridkit-mock [options]                   start the server (options below)
  gridkit-mock rebuild-rollups [--data-dir DIR] [--levels L,…]
                     build the stats rollups again from the cases, then exit: once for a database
                     from a version without them (until then its figures are computed from the cases),
                     or to keep them for more levels than the default (${rollupLevels.join(', ')}).
                     Stop the server on that folder first.

Options (environment variable in brackets):
  --port N           port to listen on [PORT], default 8787
  --host H           address to bind [HOST], default 127.0.0.1 (0.0.0.0 for kiosks on a LAN)
  --data-dir DIR     folder of gridkit.sqlite and media/ [GRIDKIT_DATA_DIR], default ./.data
  --no-seed          do not seed an empty database
  --seed-size G,C    seed an empty database with G grids and C cases instead of the demo set
  --faults SPEC      inject faults [GRIDKIT_FAULTS]: "on", or e.g. "latency=200,503=0.1,429=0.05,drop=0.02"
  --cors ORIGINS     comma-separated origins allowed to call from browsers [GRIDKIT_CORS_ORIGINS], default *
  --demo-dir DIR     serve the demo pages in DIR at / [GRIDKIT_DEMO_DIR]
  --rate-limit N     public writes (reports, uploads, ratings) per minute per address [GRIDKIT_RATE_LIMIT],
                     default 60; 0 turns the limit off (e.g. many kiosks behind one address)
  --read-rate-limit N
                     public reads (case view by ticket, grids, boards, …) per minute per address
                     [GRIDKIT_READ_RATE_LIMIT], default 120 in bursts of N/2; staff reads get 5×N per
                     token; 0 turns read limits off
  --staff-write-rate-limit N
                     writes per minute per staff token (transitions, notices, service logs, …)
                     [GRIDKIT_STAFF_WRITE_RATE_LIMIT], default 600 in bursts of N/2; 0 turns it off
  --trust-proxy LIST reverse proxies whose X-Forwarded-For names the client for the per-address limits
                     [GRIDKIT_TRUST_PROXY]: comma-separated addresses, CIDR ranges, loopback, linklocal,
                     uniquelocal; default none (the connection's address counts, the header is ignored)
  --help             this text`;

const { values, positionals } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-seed': { type: 'boolean' },
    'seed-size': { type: 'string' },
    faults: { type: 'string' },
    cors: { type: 'string' },
    'rate-limit': { type: 'string' },
    'read-rate-limit': { type: 'string' },
    'staff-write-rate-limit': { type: 'string' },
    'trust-proxy': { type: 'string' },
    'demo-dir': { type: 'string' },
    levels: { type: 'string' },
    help: { type: 'boolean' },
  },
  allowPositionals: true,
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const [command] = positionals;
if (positionals.length > 1 || (command !== undefined && command !== 'rebuild-rollups')) {
  console.error(`Unknown command: ${positionals.join(' ')} (the one command is rebuild-rollups; --help for more)`);
  process.exit(2);
}

const seedSize = values['seed-size']?.split(/[,x]/).map(Number);
if (seedSize && (seedSize.length !== 2 || seedSize.some((n) => !Number.isInteger(n) || n <= 0))) {
  console.error('--seed-size takes two positive whole numbers: grids,cases');
  process.exit(2);
}
const cors = values.cors ?? process.env.GRIDKIT_CORS_ORIGINS;
const rateLimit = Number(values['rate-limit'] ?? process.env.GRIDKIT_RATE_LIMIT ?? 60);
if (!Number.isInteger(rateLimit) || rateLimit < 0) {
  console.error('--rate-limit takes a whole number of requests per minute (0 turns it off)');
  process.exit(2);
}
const readRateLimit = Number(values['read-rate-limit'] ?? process.env.GRIDKIT_READ_RATE_LIMIT ?? 120);
if (!Number.isInteger(readRateLimit) || readRateLimit < 0) {
  console.error('--read-rate-limit takes a whole number of reads per minute (0 turns read limits off)');
  process.exit(2);
}
const staffWriteRateLimit = Number(
  values['staff-write-rate-limit'] ?? process.env.GRIDKIT_STAFF_WRITE_RATE_LIMIT ?? 600,
);
if (!Number.isInteger(staffWriteRateLimit) || staffWriteRateLimit < 0) {
  console.error('--staff-write-rate-limit takes a whole number of writes per minute (0 turns it off)');
  process.exit(2);
}
const trustedProxies = (values['trust-proxy'] ?? process.env.GRIDKIT_TRUST_PROXY ?? '')
  .split(',')
  .map((entry) => entry.trim())
  .filter(Boolean);
try {
  clientAddressResolver(trustedProxies);
} catch (error) {
  console.error(
    `--trust-proxy: ${(error as Error).message} (addresses, CIDR ranges, loopback, linklocal, uniquelocal)`,
  );
  process.exit(2);
}
const nativeProblem = nativeSqliteProblem();
if (nativeProblem) {
  console.error(nativeProblem);
  process.exit(1);
}

const dataDir = resolve(values['data-dir'] ?? process.env.GRIDKIT_DATA_DIR ?? '.data');

if (command === 'rebuild-rollups') {
  const levels = values.levels?.split(',').map((level) => level.trim());
  if (levels && (levels.length === 0 || levels.some((level) => !/^[a-z][a-z0-9_]*$/.test(level)))) {
    console.error('--levels takes grid levels separated by commas, e.g. district,street');
    process.exit(2);
  }
  // The file the server opens in that folder (server.ts).
  const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
  const summary = rebuildRollups(db, levels ? { levels } : {});
  db.close();
  console.log(
    `Stats rollups rebuilt: ${summary.nodes} nodes (${(levels ?? rollupLevels).join(', ')}), ${summary.cases} cases, ${summary.rows} rows in ${(summary.ms / 1000).toFixed(1)} s.`,
  );
  process.exit(0);
}

const demoDir = values['demo-dir'] ?? process.env.GRIDKIT_DEMO_DIR;
const started = performance.now();
const server = await startServer({
  port: Number(values.port ?? process.env.PORT ?? 8787),
  host: values.host ?? process.env.HOST,
  dataDir,
  seed: values['no-seed'] ? false : seedSize ? { grids: seedSize[0]!, cases: seedSize[1]! } : 'demo',
  faults: values.faults ?? process.env.GRIDKIT_FAULTS,
  corsOrigins: cors && cors !== '*' ? cors.split(',').map((o) => o.trim()) : '*',
  rateLimit: { perMinute: rateLimit },
  readRateLimit: readRateLimit === 0 ? false : readRateLimitFrom(readRateLimit),
  staffWriteRateLimit:
    staffWriteRateLimit === 0
      ? false
      : { perMinute: staffWriteRateLimit, burst: Math.max(1, Math.ceil(staffWriteRateLimit / 2)) },
  trustedProxies,
  demoDir: demoDir ? resolve(demoDir) : undefined,
});

const lines = [
  '',
  'Gridkit mock server',
  `  API          ${server.apiUrl}`,
  ...(server.demoUrl
    ? [`  Demo pages   ${server.demoUrl}  (portal, kiosk, resolution rate, case tracker, service log)`]
    : []),
  // The docs beside the demo pages, when they were built into the demo folder.
  ...(server.demoUrl && demoDir && existsSync(join(demoDir, apiReferencePath))
    ? [`  API docs     ${server.demoUrl}docs/api`]
    : []),
  ...(server.demoUrl && demoDir && existsSync(join(demoDir, storybookPath, 'index.html'))
    ? [`  Storybook    ${server.demoUrl}docs/storybook/`]
    : []),
  `  Health       ${server.apiUrl}/health`,
  `  Database     ${server.databaseFile}`,
];
if (server.seeded) {
  const s = server.seeded;
  lines.push(
    `  Seeded       ${s.grids} grids, ${s.cases} cases, ${s.caseEvents} case events, ${s.serviceLogs} service log entries in ${(s.ms / 1000).toFixed(1)} s`,
  );
}
// On every start, not only the seeding one: the demo case's token is fixed (docs/mock-server.md).
const sample = server.demoCase ?? server.seeded?.sampleCases.find((c) => c.status === 'closed');
if (sample)
  lines.push(`  Sample case  ticket ${sample.ticket}, tracking token ${sample.trackingToken} (${sample.status})`);
lines.push('', '  Staff tokens (send as  Authorization: Bearer <token>):');
for (const t of server.demoTokens) lines.push(`    ${t.token.padEnd(34)} ${t.role.padEnd(12)} ${t.label}`);
lines.push('', `  Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Ctrl+C stops it.`, '');
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: finishing requests in flight…`);
    void server.close().then(() => process.exit(0));
  });
}
