// `pnpm dev`: the demo pages served by Vite from the widgets' TypeScript
// sources, reloading the page when a widget, the SDK or a demo page changes,
// with the API of a freshly seeded mock server behind the same origin. For
// whoever develops a widget; `pnpm start` serves the built bundle instead.
//   pnpm dev [--port 5173] [--api-port 8787]
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const components = `${root}packages/components/`;
const { values } = parseArgs({
  // `pnpm dev -- --port …` hands the `--` on.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: { port: { type: 'string', default: '5173' }, 'api-port': { type: 'string', default: '8787' } },
});

// The mock server runs from its build; the SDK is rebuilt by tsc in watch mode,
// and Vite reloads the page when its output changes.
execFileSync('pnpm', ['exec', 'tsc', '-b', 'packages/mock-server'], { cwd: root, stdio: 'inherit' });
const children = [
  spawn('pnpm', ['exec', 'tsc', '-b', '-w', '--preserveWatchOutput', 'packages/sdk'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  }),
];
const api = spawn(
  process.execPath,
  [
    'packages/mock-server/dist/cli.js',
    '--port',
    values['api-port'],
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'gridkit-dev-')),
    // Only for /demo/staff-tokens.json (the service-log page's demo sign-in); Vite serves the pages.
    '--demo-dir',
    `${components}demo`,
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
children.push(api);
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop(), process.exit(0)));
api.on('exit', (code) => {
  if (code) console.error(`the mock server stopped (exit code ${code})`);
});
// The CLI prints its addresses once it listens (and the demo case's ticket and token).
api.stdout.pipe(process.stdout);
await once(api.stdout, 'data');

const target = `http://127.0.0.1:${values['api-port']}`;
const vite = await createServer({
  configFile: false,
  root: `${components}demo`,
  server: {
    port: Number(values.port),
    proxy: { '/api': target, '/demo/staff-tokens.json': target, '/docs': target },
    // The widgets' sources and the SDK's build live outside the demo folder.
    fs: { allow: [root] },
  },
  plugins: [
    {
      name: 'gridkit-demo-bundle-from-source',
      // The pages load `./gridkit.js`, the no-build bundle; in development that is the define entry's source.
      resolveId: (id) => (/(^|\/)gridkit\.js$/.test(id) ? `${components}src/define/index.ts` : undefined),
    },
  ],
});
await vite.listen();
vite.printUrls();
console.log('  Pages reload when a widget, the SDK or a demo page changes; Ctrl+C stops both servers.');
