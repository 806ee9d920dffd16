// A new user's first hour, from the packed tarballs (after `pnpm build`):
// a fresh project outside the workspace (so nothing resolves from the
// workspace's node_modules) installs @gridkit/sdk, @gridkit/components and
// @gridkit/mock-server, once with npm and once with pnpm, each in one
// command; then starts `gridkit-mock` from the installed package, reads it
// with the installed SDK from plain Node, and bundles a page with the
// installed widgets (esbuild) that shows the seeded grid's board in Chromium.
// Under pnpm the project first installs as the docs warn (better-sqlite3's
// build skipped): the CLI must say what to run, and what it says must work.
// @gridkit/conformance is private (never published), so it is not installed.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, extname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/browser-tests.mjs';

const root = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
const published = ['sdk', 'components', 'mock-server'] as const;
const managers = ['npm', 'pnpm'] as const;
type Manager = (typeof managers)[number];

const base = mkdtempSync(join(tmpdir(), 'gridkit-install-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The environment of a user's shell: without what `pnpm run` adds for the
 * workspace (npm_* settings, the workspace's .bin folders on PATH).
 */
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_|NODE_PATH$|INIT_CWD$)/i.test(key)),
);
userEnv.PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => !dir.startsWith(root))
  .join(delimiter);

function run(
  command: string,
  args: string[],
  cwd: string,
  { timeoutMs = 300_000, env = {} }: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Run> {
  const started = performance.now();
  // Its own process group, so a timeout stops whatever it started too.
  const child = spawn(command, args, {
    cwd,
    env: { ...userEnv, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

async function succeed(command: string, args: string[], cwd: string, env?: Record<string, string>): Promise<Run> {
  const result = await run(command, args, cwd, { env });
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  return result;
}

interface MockServer {
  process: ChildProcess;
  apiUrl: string;
}

/** `gridkit-mock` from the project's installed bin, on a free port; resolves once it printed its API URL. */
async function startMock(manager: Manager, dir: string): Promise<MockServer> {
  const [command, ...args] = manager === 'npm' ? ['npx', 'gridkit-mock'] : ['pnpm', 'exec', 'gridkit-mock'];
  // Its own process group, so stopping it stops npx/pnpm and the server under them.
  const child = spawn(command!, [...args, '--port', '0', '--data-dir', join(dir, '.data')], {
    cwd: dir,
    env: userEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gridkit-mock did not start in 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const api = /API\s+(http:\/\/\S+\/api\/v1)/.exec(output)?.[1];
      if (api && /Ready in/.test(output)) {
        clearTimeout(timer);
        resolve({ process: child, apiUrl: api });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gridkit-mock exited ${code} before it was ready:\n${output}`));
    });
  });
}

async function stopMock(server: MockServer | undefined) {
  if (!server || server.process.exitCode !== null) return;
  const exited = once(server.process, 'exit');
  process.kill(-server.process.pid!, 'SIGTERM');
  await exited;
}

interface Project {
  dir: string;
  install: Run;
  /** pnpm only: the install as the docs warn about, and the CLI's answer, before the documented fix. */
  ignoredBuilds?: Run;
  unbuiltStart?: Run;
  approve?: Run;
  server: MockServer;
}

const projects = new Map<Manager, Promise<Project>>();
const tarballs: Record<string, string> = {};
let browser: Browser;

/** A fresh project: a package.json and nothing else, as `npm init` leaves it. */
function freshProject(manager: Manager, extra: Record<string, unknown> = {}): string {
  const dir = join(base, `${manager}-project`);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `fresh-${manager}-project`, private: true, type: 'module', ...extra }, null, 2),
  );
  return dir;
}

async function npmProject(): Promise<Project> {
  const dir = freshProject('npm');
  // npm reuses the SDK tarball given on the same command for the other packages' `"@gridkit/sdk": "0.0.0"`.
  const install = await succeed('npm', ['install', '--no-audit', '--no-fund', ...Object.values(tarballs)], dir);
  return { dir, install, server: await startMock('npm', dir) };
}

async function pnpmProject(): Promise<Project> {
  // Until the packages are in the registry, the others' `"@gridkit/sdk": "0.0.0"` (packed from
  // `workspace:*`) must come from the tarball: pnpm resolves it from the registry even when the
  // tarball is on the same command line, so an override points it there.
  const dir = freshProject('pnpm', { pnpm: { overrides: { '@gridkit/sdk': `file:${tarballs.sdk}` } } });
  const install = await succeed('pnpm', ['add', ...Object.values(tarballs)], dir);
  const ignoredBuilds = await succeed('pnpm', ['ignored-builds'], dir);
  const unbuiltStart = await run(
    'pnpm',
    ['exec', 'gridkit-mock', '--port', '0', '--data-dir', join(dir, '.data')],
    dir,
    {
      timeoutMs: 60_000,
    },
  );
  // What the CLI says to run. `--all` is choosing better-sqlite3 in the prompt: it is the only
  // build pnpm skipped here (the test checks that).
  const approve = await succeed('pnpm', ['approve-builds', '--all'], dir);
  return { dir, install, ignoredBuilds, unbuiltStart, approve, server: await startMock('pnpm', dir) };
}

beforeAll(async () => {
  expect(relative(root, base).startsWith('..'), `${base} is outside the workspace`).toBe(true);
  for (const file of ['sdk/dist/index.js', 'components/dist/define/notice-board.js', 'mock-server/dist/cli.js'])
    if (!existsSync(join(root, 'packages', file))) throw new Error(`packages/${file} is missing: run pnpm build first`);
  const packDir = join(base, 'tarballs');
  await Promise.all(
    published.map((name) => succeed('pnpm', ['pack', '--pack-destination', packDir], join(root, 'packages', name))),
  );
  for (const name of published) {
    const file = readdirSync(packDir).find((f) => f.startsWith(`gridkit-${name}-`) && f.endsWith('.tgz'));
    if (!file) throw new Error(`no tarball for @gridkit/${name} in ${packDir}`);
    tarballs[name] = join(packDir, file);
  }
  // Both installs at once: each builds better-sqlite3 from source here (no prebuilt binary can be
  // downloaded), a minute of one core each.
  projects.set('npm', npmProject());
  projects.set('pnpm', pnpmProject());
  const settled = await Promise.allSettled(projects.values());
  for (const [manager, project] of managers.map((m, i) => [m, settled[i]!] as const)) {
    if (project.status === 'fulfilled')
      console.log(
        `${manager}: install ${(project.value.install.ms / 1000).toFixed(1)} s` +
          (project.value.approve ? `, approve-builds (build) ${(project.value.approve.ms / 1000).toFixed(1)} s` : ''),
      );
  }
  browser = await chromium.launch(chromiumLaunchOptions);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(
    [...projects.values()].map((p) => p.then((project) => stopMock(project.server)).catch(() => undefined)),
  );
  rmSync(base, { recursive: true, force: true });
});

const get = (manager: Manager) => projects.get(manager)!;

/** Every installed copy of a package in the project (realpaths, so pnpm's links count once). */
function installedCopies(dir: string, name: string): string[] {
  const found = new Set<string>();
  const walk = (modules: string, depth: number) => {
    if (depth > 6 || !existsSync(modules)) return;
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      const path = join(modules, entry.name);
      if (entry.name === '.bin') continue;
      if (entry.name.startsWith('@') && entry.isDirectory()) {
        for (const scoped of readdirSync(path)) visit(join(path, scoped), `${entry.name}/${scoped}`, depth);
      } else if (entry.name === '.pnpm') {
        for (const store of readdirSync(path)) walk(join(path, store, 'node_modules'), depth + 1);
      } else visit(path, entry.name, depth);
    }
  };
  const visit = (path: string, packageName: string, depth: number) => {
    if (packageName === name) found.add(realpathSync(path));
    walk(join(path, 'node_modules'), depth + 1);
  };
  walk(join(dir, 'node_modules'), 0);
  return [...found];
}

interface Board {
  grid: { id: string; name: string };
  leader?: { name: string };
}

/** The seeded data, read with plain HTTP: the first grid-level grid and its notice board. */
async function seeded(apiUrl: string): Promise<{ gridIds: string[]; board: Board }> {
  const list = (await (await fetch(`${apiUrl}/grids?level=grid&limit=3`)).json()) as { items: { id: string }[] };
  const gridId = list.items[0]!.id;
  const board = (await (await fetch(`${apiUrl}/grids/${gridId}/notice-board`)).json()) as Board;
  return { gridIds: list.items.map((g) => g.id), board };
}

describe.each(managers)('a fresh project installing the tarballs with %s', (manager) => {
  it('installs all three in one command, with one @gridkit/sdk: the packed one', async () => {
    const { dir } = await get(manager);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(published.map((n) => `@gridkit/${n}`).sort());
    for (const value of Object.values(manifest.dependencies)) expect(value).toMatch(/^file:.*\.tgz$/);
    // Components and the server depend on the SDK; a second copy (or one from the registry) would
    // split the client's classes in two.
    const sdkCopies = installedCopies(dir, '@gridkit/sdk');
    expect(sdkCopies).toHaveLength(1);
    const installedSdk = JSON.parse(readFileSync(join(sdkCopies[0]!, 'package.json'), 'utf8'));
    const packedSdk = JSON.parse(readFileSync(join(root, 'packages/sdk/package.json'), 'utf8'));
    expect(installedSdk.version).toBe(packedSdk.version);
    expect(existsSync(join(sdkCopies[0]!, 'src')), 'the tarball ships its sources').toBe(true);
    for (const dependent of ['@gridkit/components', '@gridkit/mock-server']) {
      const pkg = JSON.parse(readFileSync(join(installedCopies(dir, dependent)[0]!, 'package.json'), 'utf8'));
      // `workspace:*` packed as the exact version.
      expect(pkg.dependencies['@gridkit/sdk']).toBe(packedSdk.version);
    }
  });

  if (manager === 'pnpm') {
    it('skips better-sqlite3’s build unless allowed, and gridkit-mock then says what to run, not a stack trace', async () => {
      const { ignoredBuilds, unbuiltStart } = await get('pnpm');
      // The only build skipped, so `approve-builds --all` below is "choose better-sqlite3".
      const lines = ignoredBuilds!.stdout.split('\n');
      const listed = lines.slice(lines.findIndex((line) => /ignored builds/i.test(line)) + 1);
      expect(
        listed
          .slice(
            0,
            listed.findIndex((line) => !/^\s+\S/.test(line)),
          )
          .map((l) => l.trim()),
      ).toEqual(['better-sqlite3']);
      expect(unbuiltStart!.code).toBe(1);
      expect(unbuiltStart!.stderr).toContain('the native SQLite module (better-sqlite3) is not built');
      expect(unbuiltStart!.stderr).toContain('pnpm approve-builds');
      expect(unbuiltStart!.stderr).toContain('npm rebuild better-sqlite3');
      expect(unbuiltStart!.stderr).not.toMatch(/^\s+at /m);
      expect(unbuiltStart!.stdout).not.toContain('Gridkit mock server');
    });

    it('`pnpm approve-builds` (what the CLI says) records the approval and builds better-sqlite3', async () => {
      const { dir } = await get('pnpm');
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(manifest.pnpm.onlyBuiltDependencies).toEqual(['better-sqlite3']);
      const [sqlite] = installedCopies(dir, 'better-sqlite3');
      expect(existsSync(join(sqlite!, 'build/Release/better_sqlite3.node'))).toBe(true);
    });
  } else {
    it('builds better-sqlite3 on install', async () => {
      const { dir } = await get('npm');
      const [sqlite] = installedCopies(dir, 'better-sqlite3');
      expect(existsSync(join(sqlite!, 'build/Release/better_sqlite3.node'))).toBe(true);
    });
  }

  it('starts gridkit-mock from the installed package, serving the seeded grids', async () => {
    const { server } = await get(manager);
    const health = await fetch(`${server.apiUrl}/health`);
    expect(health.status).toBe(200);
    const { gridIds, board } = await seeded(server.apiUrl);
    expect(gridIds).toHaveLength(3);
    expect(board.grid.name).toBeTruthy();
    expect(board.leader?.name).toBeTruthy();
  });

  it('the installed SDK reads that server from plain Node', async () => {
    const { dir, server } = await get(manager);
    const { gridIds, board } = await seeded(server.apiUrl);
    // A user's script in the project: it resolves `@gridkit/sdk` from the project's node_modules.
    writeFileSync(
      join(dir, 'read-board.mjs'),
      `import { createGridkitClient } from '@gridkit/sdk';
const gridkit = createGridkitClient({ baseUrl: process.env.API_URL, locale: 'zh-CN' });
const page = await gridkit.grids.list({ level: 'grid', limit: 3 });
const board = await gridkit.notices.board(page.items[0].id);
console.log(JSON.stringify({
  resolved: import.meta.resolve('@gridkit/sdk'),
  gridIds: page.items.map((g) => g.id),
  grid: board.grid.name,
  leader: board.leader?.name,
}));
`,
    );
    const result = await succeed('node', ['read-board.mjs'], dir, { API_URL: server.apiUrl });
    const read = JSON.parse(result.stdout) as { resolved: string; gridIds: string[]; grid: string; leader: string };
    expect(new URL(read.resolved).pathname.startsWith(dir)).toBe(true);
    expect(read.gridIds).toEqual(gridIds);
    expect(read.grid).toBe(board.grid.name);
    expect(read.leader).toBe(board.leader!.name);
  });

  it('a page bundled with esbuild from the installed widgets shows the grid’s name and leader in Chromium', async () => {
    const { dir, server } = await get(manager);
    const { board } = await seeded(server.apiUrl);
    // The components guide's bundler entry: one tag registered.
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/main.js'), `import '@gridkit/components/define/notice-board';\n`);
    const assets = join(dir, 'public/assets');
    const { metafile } = await build({
      absWorkingDir: dir,
      entryPoints: ['src/main.js'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      outdir: assets,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    // Everything came from the fresh project, the widgets' SDK included.
    expect(inputs.filter((input) => input.startsWith('..'))).toEqual([]);
    expect(inputs.some((input) => /@gridkit[+/]components/.test(input))).toBe(true);
    expect(inputs.some((input) => /@gridkit[+/]sdk/.test(input))).toBe(true);

    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Portal</title></head><body>
<gk-notice-board base-url="${server.apiUrl}" grid-id="${board.grid.id}"></gk-notice-board>
<script type="module" src="/assets/main.js"></script>
</body></html>`;
    const site: Server = createServer((request, response) => {
      const path = new URL(request.url!, 'http://x').pathname;
      if (path === '/') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
      const file = join(assets, path.replace(/^\/assets\//, ''));
      if (!path.startsWith('/assets/') || !file.startsWith(assets) || !existsSync(file))
        return void response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      const type = extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream';
      response.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const tab = await browser.newPage();
    try {
      const problems: string[] = [];
      tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
      const widget = tab.locator('gk-notice-board');
      // Playwright's text locators pierce shadow roots: the text a resident sees.
      await widget.getByText(board.leader!.name).first().waitFor({ timeout: 20_000 });
      await expect(widget.getByText(board.grid.name).first().isVisible()).resolves.toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await tab.close();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
