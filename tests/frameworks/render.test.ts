// Each framework example, built as a user's bundler would (esbuild, with the
// Vue and Svelte compilers; Angular's ngc ahead of time, then esbuild with
// Angular's linker, as the Angular CLI builds), rendered in Chromium against the seeded mock
// server that serves the pages under its strict CSP: the widgets show the
// API's data, and the typed `gk-load` handler of each example ran.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type StartedServer } from '@gridkit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/browser-tests.mjs';

const root = new URL('../../', import.meta.url).pathname;
const examples = join(root, 'examples');
const isCustomElement = (tag: string) => tag.startsWith('gk-');

// The few compiler calls used here (the compilers are the examples' own dependencies, resolved from there).
interface VueSfcCompiler {
  parse(source: string, options: { filename: string }): { descriptor: unknown };
  compileScript(descriptor: unknown, options: object): { content: string };
}
interface SvelteCompiler {
  compile(source: string, options: { filename: string; generate: 'client' }): { js: { code: string } };
}

/** `.vue` files through Vue's own SFC compiler, templates compiled ahead with `gk-*` as custom elements. */
function vuePlugin(): Plugin {
  const sfc = createRequire(join(examples, 'vue/package.json'))('vue/compiler-sfc') as VueSfcCompiler;
  return {
    name: 'vue',
    setup(b) {
      b.onLoad({ filter: /\.vue$/ }, ({ path }) => {
        const { descriptor } = sfc.parse(readFileSync(path, 'utf8'), { filename: path });
        const script = sfc.compileScript(descriptor, {
          id: path,
          inlineTemplate: true,
          templateOptions: { compilerOptions: { isCustomElement } },
        });
        return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
      });
    },
  };
}

/** `.svelte` files through Svelte 5's compiler (it strips TypeScript itself). */
async function sveltePlugin(): Promise<Plugin> {
  const compilerPath = createRequire(join(examples, 'svelte/package.json')).resolve('svelte/compiler');
  const { compile } = (await import(pathToFileURL(compilerPath).href)) as SvelteCompiler;
  return {
    name: 'svelte',
    setup(b) {
      b.onLoad({ filter: /\.svelte$/ }, ({ path }) => {
        const { js } = compile(readFileSync(path, 'utf8'), { filename: path, generate: 'client' });
        return { contents: js.code, loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}

interface Babel {
  transformAsync(code: string, options: object): Promise<{ code?: string | null } | null>;
}

/**
 * Angular's linker on every module compiled in partial mode (Angular's own
 * packages and the Gridkit components): what the Angular CLI does before
 * bundling, so the app runs ahead-of-time compiled, with no JIT compiler.
 */
async function angularLinkerPlugin(): Promise<Plugin> {
  const require = createRequire(join(examples, 'angular/node_modules/@angular/compiler-cli/package.json'));
  const babel = require('@babel/core') as Babel;
  const linker = (
    (await import(pathToFileURL(require.resolve('@angular/compiler-cli/linker/babel')).href)) as {
      default: unknown;
    }
  ).default;
  return {
    name: 'angular-linker',
    setup(b) {
      b.onLoad({ filter: /\.m?js$/ }, async ({ path }) => {
        const source = readFileSync(path, 'utf8');
        if (!source.includes('ɵɵngDeclare')) return undefined;
        const linked = await babel.transformAsync(source, {
          filename: path,
          plugins: [[linker, { linkerJitMode: false }]],
          babelrc: false,
          configFile: false,
          compact: false,
          sourceMaps: false,
        });
        return { contents: linked?.code ?? source, loader: 'js' };
      });
    },
  };
}

/** The Angular example compiled by ngc (full AOT, strict templates) into `outDir`; returns its entry. */
async function compileAngular(outDir: string): Promise<string> {
  const example = join(examples, 'angular');
  await promisify(execFile)(
    join(example, 'node_modules/.bin/ngc'),
    ['-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', outDir],
    { cwd: example },
  );
  return join(outDir, 'main.js');
}

const site = mkdtempSync(join(tmpdir(), 'gridkit-examples-'));
const page = (mount: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>example</title><link rel="icon" href="data:,">` +
  `<script type="module" src="./main.js"></script></head><body>` +
  (mount === 'app-root' ? '<app-root></app-root>' : `<div id="${mount}"></div>`) +
  `</body></html>`;

let server: StartedServer;
let browser: Browser;
let gridId: string;
let leaderName: string;

beforeAll(async () => {
  const plugins = [vuePlugin(), await sveltePlugin(), await angularLinkerPlugin()];
  // ngc writes inside the example (its imports resolve from the example's node_modules), in a folder git ignores.
  const angularEntry = await compileAngular(join(examples, 'angular/.ngc-out'));
  for (const [name, mount] of [
    ['react', 'root'],
    ['vue', 'app'],
    ['svelte', 'app'],
    ['angular', 'app-root'],
  ] as const) {
    await build({
      entryPoints: [
        name === 'angular' ? angularEntry : join(examples, name, 'src/main.ts' + (name === 'react' ? 'x' : '')),
      ],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      outfile: join(site, name, 'main.js'),
      define: {
        'process.env.NODE_ENV': '"production"',
        __VUE_OPTIONS_API__: 'false',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
        // What the Angular CLI sets for a production build.
        ngDevMode: 'false',
        ngJitMode: 'false',
        ngI18nClosureMode: 'false',
      },
      plugins,
      logLevel: 'error',
    });
    writeFileSync(join(site, name, 'index.html'), page(mount));
  }
  // Plain HTML: the page as written, with the no-build bundle copied beside it.
  mkdirSync(join(site, 'html'));
  cpSync(join(examples, 'html/index.html'), join(site, 'html/index.html'));
  cpSync(join(examples, 'html/app.js'), join(site, 'html/app.js'));
  // The no-build bundle as the docs say to host it: the whole folder (entries load their chunks beside them).
  cpSync(join(root, 'packages/components/dist/cdn'), join(site, 'html'), { recursive: true });

  server = await startServer({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'gridkit-examples-data-')),
    seed: 'demo',
    demoDir: site,
    rateLimit: false,
    log: () => undefined,
  });
  const grids = await (await fetch(`${server.url}/api/v1/grids?q=${encodeURIComponent('桥北社区第二网格')}`)).json();
  gridId = grids.items[0].id;
  const board = await (await fetch(`${server.url}/api/v1/grids/${gridId}/notice-board`)).json();
  leaderName = board.leader.name;
  browser = await chromium.launch(chromiumLaunchOptions);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(site, { recursive: true, force: true });
});

describe.each([
  ['react', 'gk-notice-board'],
  ['vue', 'gk-notice-board'],
  ['svelte', 'gk-resolution-rate'],
  ['angular', 'gk-notice-board'],
  ['html', 'gk-notice-board'],
])('examples/%s in Chromium', (name, widget) => {
  it(`renders the API's data in <${widget}> and runs its typed gk-load handler, with no console error`, async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${server.url}/${name}/index.html`);
    // The handler wrote the grid id it got in `event.detail.gridId`.
    await expect.poll(() => tab.locator('body').innerText(), { timeout: 20_000 }).toContain(`Loaded ${gridId}`);
    if (widget === 'gk-notice-board')
      // Playwright's locators pierce open shadow roots: the leader's name the API gave, on the board.
      await expect
        .poll(() => tab.locator(widget).first().getByText(leaderName).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
    else expect(await tab.locator(widget).locator('[part~="figures"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
