// Every story of the static Storybook build, opened in Chromium with no API
// server running: it must show its intended state (the text its
// `parameters.expect` names), with no axe violation (WCAG 2.2 A/AA rules) and
// no console error other than the failed responses it causes on purpose.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type Axe from 'axe-core';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/browser-tests.mjs';
import type { StoryExpectation } from '../support.js';

const staticDir = new URL('../storybook-static/', import.meta.url).pathname;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

if (!existsSync(join(staticDir, 'index.json'))) {
  throw new Error('No Storybook build: run `pnpm --filter @gridkit/stories build` (part of `pnpm build`) first.');
}
const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8')) as {
  entries: Record<string, { id: string; type: string; title: string; name: string }>;
};
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
const docs = Object.values(index.entries).filter((entry) => entry.type === 'docs');

interface ManifestDeclaration {
  tagName?: string;
  description?: string;
  attributes?: { name: string; description?: string }[];
}
const manifest = JSON.parse(
  readFileSync(new URL('../../packages/components/custom-elements.json', import.meta.url), 'utf8'),
) as { modules: { declarations?: ManifestDeclaration[] }[] };
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName);

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** The build as any static host serves it; nothing answers /api/v1 but msw in the page. */
function serveStatic(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    // Chromium asks every host for a favicon; Storybook's is an SVG linked from the page.
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    try {
      const body = await readFile(join(staticDir, path.endsWith('/') ? `${path}index.html` : path));
      response.writeHead(200, { 'Content-Type': mime[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The text of the story root, shadow roots included, as a user reads it. */
function deepText(): string {
  const walk = (node: Node): string => {
    if (node instanceof Element && (node.tagName === 'STYLE' || node.tagName === 'SCRIPT')) return '';
    const own = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
    const shadow = node instanceof Element && node.shadowRoot ? walk(node.shadowRoot) : '';
    // Slotted children are read where the light DOM has them; the shadow tree's own text is added once.
    return own + shadow + [...node.childNodes].map(walk).join('');
  };
  const root = document.querySelector('#storybook-root');
  return root ? walk(root).replace(/\s+/g, ' ') : '';
}

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await serveStatic();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('every story stands alone', () => {
  it('the build has the stories', () => {
    expect(stories.length).toBeGreaterThan(50);
  });

  it.concurrent.each(stories.map((story) => [story.id, story] as const))('%s', async (_id, story) => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    try {
      // The a11y addon's own axe run is switched off: this test runs axe itself, once the state shows.
      await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story&globals=a11y.manual:!true`);
      // Storybook has rendered the story and run its play function (a story that throws ends "errored").
      const phase = await page
        .waitForFunction(
          () => {
            const render = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } })
              .__STORYBOOK_PREVIEW__?.currentRender;
            return ['finished', 'errored', 'aborted'].includes(render?.phase ?? '') && render!.phase;
          },
          undefined,
          { timeout: 30_000 },
        )
        .then((handle) => handle.jsonValue());
      expect(phase, 'the story renders and plays without throwing').toBe('finished');
      const expectation = await page.evaluate(
        () =>
          (
            window as unknown as {
              __STORYBOOK_PREVIEW__: { currentRender: { story: { parameters: { expect?: unknown } } } };
            }
          ).__STORYBOOK_PREVIEW__.currentRender.story.parameters.expect as StoryExpectation | undefined,
      );
      expect(expectation, `${story.title} › ${story.name} declares parameters.expect`).toBeTruthy();
      const shown = await page
        .waitForFunction(
          ({ text, read }) => (new Function(`return (${read})()`)() as string).includes(text),
          { text: expectation!.text, read: deepText.toString() },
          { timeout: 30_000, polling: 100 },
        )
        .then(() => true)
        .catch(() => false);
      const text = await page.evaluate((read) => new Function(`return (${read})()`)() as string, deepText.toString());
      expect(shown, `shows “${expectation!.text}”; it shows: ${text.slice(0, 300)}`).toBe(true);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (tags) => {
        const axe = (window as unknown as { axe: typeof Axe }).axe;
        const result = await axe.run('#storybook-root', { runOnly: { type: 'tag', values: tags } });
        return result.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      }, wcag);
      expect(violations, 'axe violations').toEqual([]);

      const intended = (line: string) =>
        (expectation!.statuses ?? []).some((status) =>
          line.startsWith(`Failed to load resource: the server responded with a status of ${status} `),
        ) ||
        (expectation!.networkError === true && line.startsWith('Failed to load resource: net::ERR_FAILED'));
      expect(
        errors.filter((line) => !intended(line)),
        'console errors',
      ).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('autodocs from the Custom Elements Manifest', () => {
  it('every widget with stories has a docs page', () => {
    expect(docs.map((entry) => entry.title).sort()).toEqual([...new Set(stories.map((story) => story.title))].sort());
  });

  it.concurrent.each(docs.map((entry) => [entry.id, entry] as const))('%s', async (_id, entry) => {
    const tag = entry.title.split('/').pop()!;
    const declaration = declarations.find((d) => d.tagName === tag);
    expect(declaration, `${tag} is in custom-elements.json`).toBeTruthy();
    const attribute = declaration!.attributes!.find((a) => a.description)!;
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    // The stories the page embeds (each in its own iframe) are tested one by one above; not loaded again here.
    await page.route(
      (url) => url.pathname.endsWith('/iframe.html') && url.searchParams.get('viewMode') === 'story',
      (route) => route.fulfill({ status: 204 }),
    );
    try {
      await page.goto(`${base}/iframe.html?id=${entry.id}&viewMode=docs&globals=a11y.manual:!true`);
      // The class's JSDoc as the page's description, and an attribute's description in the args table.
      const firstLine = declaration!.description!.split('\n')[0]!.trim();
      const firstWords = attribute.description!.split(/\s+/).slice(0, 3).join(' ').replace(/`/g, '');
      await page.waitForFunction(
        ([a, b]) => document.body.innerText.includes(a!) && document.body.innerText.replace(/`/g, '').includes(b!),
        [firstLine, firstWords],
        { timeout: 30_000 },
      );
      expect(
        await page.locator('tr').filter({ hasText: attribute.name }).filter({ hasText: firstWords }).count(),
        `a row of the args table names ${attribute.name} with its description`,
      ).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
