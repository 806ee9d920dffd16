// `pnpm start`: builds only what the demo serves — the SDK, the mock server
// and the widgets, incrementally (tsc -b skips what did not change) — then
// the no-build bundle, and starts the server with the demo pages. Storybook,
// the tests' type-check and the conformance suite belong to `pnpm build`.
import { execFileSync, spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const started = performance.now();
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run('pnpm', ['exec', 'tsc', '-b', 'packages/mock-server', 'packages/components']);
run('node', ['packages/components/scripts/bundle.mjs']);
console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const server = spawn(
  process.execPath,
  ['packages/mock-server/dist/cli.js', '--demo-dir', 'packages/components/dist/demo', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
