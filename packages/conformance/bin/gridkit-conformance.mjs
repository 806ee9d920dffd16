#!/usr/bin/env node
// Runs the Gridkit conformance suite against a server implementing openapi/gridkit.yaml.
//
//   gridkit-conformance --base-url https://their.host/api/v1 --admin-token T1 --worker-token T2
//
// Anything after `--` is passed to vitest as test-name/file filters.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

const usage = `Usage: gridkit-conformance --base-url <url> --admin-token <token> --worker-token <token> [--supervisor-token <token>] [--department-token <token>]
       [--lower-supervisor-token <token>] [--lower-admin-token <token>] [--max-public-reads <n>] [-- <vitest filters>]

Drives every operation of the Gridkit API contract against a running server,
through @gridkit/sdk, and reports what does not conform.

  --base-url      API root including its version path, e.g. https://grid.example.gov.cn/api/v1
  --admin-token   a staff token with role "admin" whose subtree contains the worker's first grid
  --worker-token  a staff token with role "grid_worker"
  --supervisor-token
                  optional: a staff token with role "supervisor" covering the worker's grid from the
                  district; without it the tests of what a supervisor may do are skipped
  --department-token
                  optional: a staff token with role "department" whose unit serves the worker's
                  grid; without it the tests of what a department's staff may do are skipped
  --lower-supervisor-token
                  optional: a staff token with role "supervisor" whose jurisdiction is a street or a
                  community over the worker's grid; the test that a judge below a case's level may not
                  verify it or reject its resolution needs it (reported as skipped without it)
  --lower-admin-token
                  optional: the same for a staff token with role "admin"
  --max-public-reads
                  how many reads without a token one address may make before the server must
                  answer 429 (default 300, at most 5000); raise it if your deployment's public read
                  limit allows larger bursts. The check fails when the walk meets no 429
  -h, --help      show this help

The suite writes test data (cases, notices, service log entries, uploads),
each marked with a unique run id. Run it against a test deployment, not production.
Exit status: 0 when every test passed, 1 otherwise.`;

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: {
      'base-url': { type: 'string' },
      'admin-token': { type: 'string' },
      'worker-token': { type: 'string' },
      'supervisor-token': { type: 'string' },
      'department-token': { type: 'string' },
      'lower-supervisor-token': { type: 'string' },
      'lower-admin-token': { type: 'string' },
      'max-public-reads': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  console.error(`gridkit-conformance: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(2);
}

const { values, positionals } = parsed;
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const missing = ['base-url', 'admin-token', 'worker-token'].filter((name) => !values[name]);
if (missing.length > 0) {
  console.error(`gridkit-conformance: missing ${missing.map((m) => `--${m}`).join(', ')}\n\n${usage}`);
  process.exit(2);
}

let baseUrl;
try {
  baseUrl = new URL(values['base-url']);
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw new Error('not http(s)');
} catch {
  console.error(
    `gridkit-conformance: --base-url must be an http(s) URL such as https://grid.example.gov.cn/api/v1, got ${values['base-url']}`,
  );
  process.exit(2);
}

const maxPublicReads = values['max-public-reads'];
if (
  maxPublicReads !== undefined &&
  !(/^[0-9]+$/.test(maxPublicReads) && Number(maxPublicReads) >= 1 && Number(maxPublicReads) <= 5000)
) {
  console.error(`gridkit-conformance: --max-public-reads must be an integer from 1 to 5000, got ${maxPublicReads}`);
  process.exit(2);
}

process.env.GRIDKIT_BASE_URL = baseUrl.href.replace(/\/+$/, '');
process.env.GRIDKIT_ADMIN_TOKEN = values['admin-token'];
process.env.GRIDKIT_WORKER_TOKEN = values['worker-token'];
if (values['supervisor-token']) process.env.GRIDKIT_SUPERVISOR_TOKEN = values['supervisor-token'];
if (values['department-token']) process.env.GRIDKIT_DEPARTMENT_TOKEN = values['department-token'];
if (values['lower-supervisor-token']) process.env.GRIDKIT_LOWER_SUPERVISOR_TOKEN = values['lower-supervisor-token'];
if (values['lower-admin-token']) process.env.GRIDKIT_LOWER_ADMIN_TOKEN = values['lower-admin-token'];
if (maxPublicReads) process.env.GRIDKIT_MAX_PUBLIC_READS = maxPublicReads;

const { startVitest } = await import('vitest/node');
const vitest = await startVitest('test', positionals, {
  root: packageDir,
  config: join(packageDir, 'vitest.config.ts'),
  run: true,
  watch: false,
});
if (!vitest) process.exit(1);
await vitest.close();
process.exit(process.exitCode ?? 0);
