// Rendering cost of <gk-notice-board> in Chromium, next to its baseline in
// the same page: the same board written with plain DOM calls (a shadow root,
// the widget's own style sheets, the JSON read from the same stubbed `fetch`,
// the finished markup set as innerHTML). The baseline does no templating, so
// it is a lower bound: the ratio is what Lit, the controllers and the SDK cost
// on top. Two figures, each the median of interleaved rounds:
// - one board, warm: from creating the element to its board laid out;
// - a page of 100 boards at once: until the last is laid out.
// The board is the seed's demo grid, fetched once from a seeded mock server
// and then answered by a stub (no network in the measured part).
// Run after `pnpm build`: `node bench/widget-render.mjs [rounds]`.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { startServer } from '../packages/mock-server/dist/index.js';
import { chromiumLaunchOptions } from '../scripts/browser-tests.mjs';

// Playwright as the widgets' own browser tests use it (Debian's Chromium, no download).
const { chromium } = createRequire(new URL('../packages/components/package.json', import.meta.url))('playwright-core');

const rounds = Number(process.argv[2] ?? 15);
const components = new URL('../packages/components/', import.meta.url).pathname;

const api = await startServer({ port: 0, seed: 'demo', log: () => {} });
const gridId = (await (await fetch(`${api.url}/api/v1/grids?q=${encodeURIComponent('桥北社区第二网格')}`)).json())
  .items[0].id;
const board = await (await fetch(`${api.url}/api/v1/grids/${gridId}/notice-board`)).text();
await api.close();

const bundle = await build({
  stdin: { contents: `import './dist/define/notice-board.js';`, resolveDir: components },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
});

// The page: a stubbed fetch, the bundle, and the two ways to render.
const page = `<!doctype html><meta charset="utf-8"><body><div id="stage"></div>
<script type="module">
const board = ${JSON.stringify(board)};
window.fetch = async () => new Response(board, { headers: { 'Content-Type': 'application/json' } });
await import('/bundle.js');
const stage = document.getElementById('stage');
const settle = (el) => el.getBoundingClientRect();

function widget() {
  const el = document.createElement('gk-notice-board');
  el.setAttribute('base-url', 'http://gridkit.invalid/api/v1');
  el.setAttribute('grid-id', ${JSON.stringify(gridId)});
  const shown = new Promise((resolve) => el.addEventListener('gk-load', () => el.updateComplete.then(resolve), { once: true }));
  stage.append(el);
  return shown.then(() => settle(el));
}

// The finished markup and style sheets of one board, taken from the widget, without Lit's markers.
const sample = document.createElement('gk-notice-board');
sample.setAttribute('base-url', 'http://gridkit.invalid/api/v1');
sample.setAttribute('grid-id', ${JSON.stringify(gridId)});
const loaded = new Promise((resolve) => sample.addEventListener('gk-load', resolve, { once: true }));
stage.append(sample);
await loaded;
await sample.updateComplete;
const markup = sample.shadowRoot.innerHTML.replace(/<!--\\?lit\\$[0-9]+\\$-->|<!---->/g, '');
const sheets = sample.shadowRoot.adoptedStyleSheets;
sample.remove();

async function vanilla() {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = sheets;
  stage.append(host);
  await (await fetch('http://gridkit.invalid/api/v1/grids/x/notice-board')).json();
  root.innerHTML = markup;
  settle(host);
}

async function time(render, count) {
  stage.replaceChildren();
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, render));
  const ms = performance.now() - started;
  stage.replaceChildren();
  return ms;
}

window.measure = async (rounds) => {
  const contenders = { 'vanilla DOM (baseline)': vanilla, '<gk-notice-board>': widget };
  const names = Object.keys(contenders);
  const one = Object.fromEntries(names.map((n) => [n, []]));
  const hundred = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) for (let i = 0; i < 20; i++) await time(contenders[name], 1);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const singles = [];
      for (let i = 0; i < 20; i++) singles.push(await time(contenders[name], 1));
      one[name].push(singles.sort((a, b) => a - b)[10]);
      hundred[name].push(await time(contenders[name], 100));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return names.map((name) => ({ name, one: median(one[name]), hundred: median(hundred[name]) }));
};
window.ready = true;
</script>`;

const server = createServer((request, response) => {
  if (request.url === '/bundle.js') {
    response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
  } else response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const tab = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  tab.on('pageerror', (error) => console.error(error.message));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 30_000 });
  const rows = await tab.evaluate((n) => window.measure(n), rounds);
  const base = rows[0];
  console.log('render (Chromium, medians of', rounds, 'interleaved rounds)'.padEnd(10));
  console.log(
    'contender'.padEnd(28),
    'one board, warm'.padStart(18),
    'ratio'.padStart(7),
    '100 boards'.padStart(12),
    'ratio'.padStart(7),
  );
  for (const row of rows)
    console.log(
      row.name.padEnd(28),
      `${row.one.toFixed(2)} ms`.padStart(18),
      `${(row.one / base.one).toFixed(2)}×`.padStart(7),
      `${row.hundred.toFixed(1)} ms`.padStart(12),
      `${(row.hundred / base.hundred).toFixed(2)}×`.padStart(7),
    );
  console.log('goals (issue 11): one board ≤ 1.3×, 100 boards ≤ 1.2× the baseline');
} finally {
  await browser.close();
  server.close();
}
