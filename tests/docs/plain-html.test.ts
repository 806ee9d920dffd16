// The components guide's plain-HTML snippet ("Without a build step"), copied
// into a page served from ANOTHER origin (a tiny static server on its own
// port, with a strict policy), loading the no-build bundle from the mock
// server's demo folder as a portal would from its CDN: in Chromium the
// widget shows the API's data, with no console error, and the bundle's
// source map resolves from that origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type StartedServer } from '@gridkit/mock-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/browser-tests.mjs';
import { codeBlocks } from './doc-blocks.js';

const root = new URL('../../', import.meta.url).pathname;
const demoDir = join(root, 'packages/components/dist/demo');
const guide = join(root, 'docs/components.md');

/** The first html block after the "Without a build step" heading. */
function snippet(): string {
  const heading = 'Without a build step';
  const headingLine =
    readFileSync(guide, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(heading)) + 1;
  const block = codeBlocks(guide, ['html']).find((b) => headingLine > 0 && b.line > headingLine);
  if (!block) throw new Error(`no html block after "${heading}" in docs/components.md`);
  return block.code;
}

let api: StartedServer;
let portal: Server;
let portalUrl: string;
let browser: Browser;
let page = '';

beforeAll(async () => {
  if (!existsSync(join(demoDir, 'gridkit.js'))) throw new Error('build the components first (pnpm run build)');
  api = await startServer({ port: 0, demoDir, log: () => {} });
  const html = snippet()
    .replaceAll('/assets/gridkit/gridkit.js', `${api.url}/gridkit.js`)
    .replaceAll('https://grid.example.gov.cn/api/v1', api.apiUrl);
  page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Portal</title></head><body>\n${html}\n</body></html>`;
  portal = createServer((request, response) => {
    // Chromium asks every origin for a favicon; a portal has one.
    if (request.url === '/favicon.ico') return void response.writeHead(204).end();
    if (request.url !== '/') return void response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      // A portal's own strict policy: scripts and API calls only from itself and the Gridkit host.
      'Content-Security-Policy': `default-src 'self'; script-src 'self' ${api.url}; connect-src 'self' ${api.url}; img-src 'self' data: ${api.url}`,
    });
    response.end(page);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  // "localhost" vs the API's 127.0.0.1: another origin (host and port differ).
  portalUrl = `http://localhost:${(portal.address() as AddressInfo).port}/`;
  browser = await chromium.launch(chromiumLaunchOptions);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => portal?.close(resolve));
  await api?.close();
});

it('the snippet is the documented one: the bundle by a script tag and a notice board with an existing grid', () => {
  expect(page).toContain(`<script type="module" src="${api.url}/gridkit.js"></script>`);
  expect(page).toMatch(/<gk-notice-board [^>]*grid-id="grd_\w+"/);
});

it('shows the grid leader from the API on a page of another origin, with no console error', async () => {
  const gridId = /grid-id="(grd_\w+)"/.exec(page)![1]!;
  const board = (await (await fetch(`${api.apiUrl}/grids/${gridId}/notice-board`)).json()) as {
    grid: { name: string };
    leader?: { name: string };
  };
  expect(board.leader?.name).toBeTruthy();

  const tab = await browser.newPage();
  const problems: string[] = [];
  tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  tab.on('pageerror', (e) => problems.push(e.message));
  tab.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  const bundleScripts: string[] = [];
  tab.on('response', (r) => r.url().startsWith(api.url) && r.url().endsWith('.js') && bundleScripts.push(r.url()));
  await tab.goto(portalUrl);
  expect(new URL(tab.url()).origin).not.toBe(new URL(api.url).origin);
  const widget = tab.locator('gk-notice-board');
  // Playwright's text locators pierce shadow roots: this is the text a resident sees.
  await widget.getByText(board.leader!.name).first().waitFor({ timeout: 15_000 });
  await expect(widget.getByText(board.grid.name).first().isVisible()).resolves.toBe(true);
  expect(problems).toEqual([]);

  // Every module of the bundle the page loaded (the entry, the shared chunks) names a source map
  // that resolves from the portal's origin too (what DevTools loads), sources included; an entry
  // that only imports chunks has no code of its own to map.
  const maps = await tab.evaluate(async (scripts) => {
    const found: { script: string; status: number; sources: number; texts: number }[] = [];
    for (const scriptUrl of scripts) {
      const script = await (await fetch(scriptUrl)).text();
      const name = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(script)?.[1];
      // The bundler's own helpers (a module's namespace object when it is both imported and loaded on
      // demand) have no source of ours to map.
      if (!name && /\/chunks\/rolldown-runtime-[\w-]+\.js$/.test(scriptUrl)) continue;
      if (!name) {
        if (!/^(\s*import\s*"[^"]+";)*\s*$/.test(script))
          found.push({ script: scriptUrl, status: 0, sources: 0, texts: 0 });
        continue;
      }
      const response = await fetch(new URL(name, scriptUrl));
      const json = (await response.json()) as { sources: string[]; sourcesContent?: unknown[] };
      found.push({
        script: scriptUrl,
        status: response.status,
        sources: json.sources.length,
        texts: json.sourcesContent?.length ?? 0,
      });
    }
    return found;
  }, bundleScripts);
  expect(bundleScripts.length).toBeGreaterThan(1);
  expect(maps.length).toBeGreaterThan(0);
  for (const map of maps) {
    expect(map.status, map.script).toBe(200);
    expect(map.sources, map.script).toBeGreaterThan(0);
    expect(map.texts, map.script).toBe(map.sources);
  }
  await tab.close();
});
