// `pnpm start`: builds only what the demo serves — the SDK, the mock server
// and the widgets, incrementally (tsc -b skips what did not change) — then
// the no-build bundle, and starts the server with the demo pages (and the
// Storybook that `pnpm build` made, at /docs/storybook/). Building Storybook,
// the tests' type-check and the conformance suite belong to `pnpm build`.
import { buildApiReference } from './api-reference.mjs';
import { publishStorybook } from './storybook-docs.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const started = performance.now();
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

/**
 * Whether the no-build bundle and the demo pages need assembling again (~8 s):
 * anything tsc wrote (widgets or SDK), any source file or folder (a deleted
 * module changes its folder's time), the demo pages or the bundling scripts
 * newer than the bundle.
 */
function bundleIsStale() {
  const components = `${root}packages/components/`;
  const bundle = `${components}dist/demo/gridkit.js`;
  if (!existsSync(bundle)) return true;
  const builtAt = statSync(bundle).mtimeMs;
  const newer = (dir, skip = () => false) =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).some((entry) => {
      const path = join(entry.parentPath, entry.name);
      return !skip(path) && statSync(path).mtimeMs > builtAt;
    });
  return (
    newer(`${components}dist`, (path) => /\/dist\/(cdn|demo)(\/|$)/.test(path)) ||
    newer(`${components}src`) ||
    newer(`${components}demo`) ||
    newer(`${components}scripts`) ||
    // The bundle has the SDK inside: a change there that leaves the widgets' output alone still counts.
    newer(`${root}packages/sdk/dist`) ||
    statSync(`${components}src`).mtimeMs > builtAt
  );
}

/**
 * The API reference served at /docs/api, built from the contract with Redocly
 * (~12 s) only when the contract or redocly.yaml changed since the last build.
 */
function buildApiReferenceIfChanged() {
  const page = `${root}packages/components/dist/demo/docs/api/index.html`;
  const stamp = `${page}.sha256`;
  const hash = createHash('sha256');
  for (const file of ['openapi/gridkit.yaml', 'redocly.yaml']) hash.update(readFileSync(`${root}${file}`));
  const digest = hash.digest('hex');
  if (existsSync(page) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  buildApiReference(page);
  writeFileSync(stamp, digest);
}

run('pnpm', ['exec', 'tsc', '-b', 'packages/mock-server', 'packages/components']);
if (bundleIsStale()) run('node', ['packages/components/scripts/bundle.mjs']);
else console.log('bundle and demo pages up to date');
buildApiReferenceIfChanged();
if (!publishStorybook(`${root}packages/components/dist/demo`))
  console.log('no Storybook build to serve at /docs/storybook/: `pnpm build` makes one');
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const server = spawn(
  process.execPath,
  ['packages/mock-server/dist/cli.js', '--demo-dir', 'packages/components/dist/demo', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
