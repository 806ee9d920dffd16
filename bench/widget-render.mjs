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
const batch = Number(process.argv[3] ?? 40);
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
  return shown.then(() => (settle(el), el));
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
  return host;
}

// One sample of (a): batch boards rendered one after another, each created, awaited until laid out and removed;
// the loop's time divided by batch. One sample of (b): 100 boards created at once, until the last is laid out.
const collect = () => globalThis.gc?.();

async function inARow(render, batch) {
  stage.replaceChildren();
  collect();
  const started = performance.now();
  let inside = 0;
  for (let i = 0; i < batch; i++) { const t = performance.now(); const el = await render(); inside += performance.now() - t; el.remove(); }
  window.inside ??= {}; (window.inside[render.name] ??= []).push(inside / batch);
  return (performance.now() - started) / batch;
}

async function atOnce(render, count) {
  stage.replaceChildren();
  collect();
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, render));
  const ms = performance.now() - started;
  stage.replaceChildren();
  return ms;
}

window.measure = async (rounds, batch) => {
  const contenders = { 'vanilla DOM (baseline)': vanilla, '<gk-notice-board>': widget };
  const names = Object.keys(contenders);
  const one = Object.fromEntries(names.map((n) => [n, []]));
  const hundred = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) {
    await inARow(contenders[name], batch);
    await atOnce(contenders[name], 100);
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) one[name].push(await inARow(contenders[name], batch));
    for (const name of order) hundred[name].push(await atOnce(contenders[name], 100));
  }
  return { names, one, hundred, inside: window.inside };
};
window.ready = true;
</script>`;

const server = createServer((request, response) => {
  if (request.url === '/bundle.js') {
    response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
  } else response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const launch = process.env.GC === '1' ? { ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--js-flags=--expose-gc'] } : chromiumLaunchOptions;
const browser = await chromium.launch(launch);
try {
  const tab = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  tab.on('pageerror', (error) => console.error(error.message));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 30_000 });
  const { names, one, hundred, inside } = await tab.evaluate(([n, b]) => window.measure(n, b), [rounds, batch]);
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const quantile = (xs, q) => {
    const s = sorted(xs);
    const at = (s.length - 1) * q;
    return s[Math.floor(at)] + (s[Math.ceil(at)] - s[Math.floor(at)]) * (at - Math.floor(at));
  };
  const median = (xs) => quantile(xs, 0.5);
  const [base, ...others] = names;
  const ratios = (samples, name) => samples[name].map((ms, i) => ms / samples[base][i]);
  console.log(`render (Chromium, medians of ${rounds} interleaved rounds; one board: ${batch} in a row per sample)`);
  console.log(
    'contender'.padEnd(28),
    'one board, warm'.padStart(18),
    'ratio'.padStart(7),
    '100 boards'.padStart(12),
    'ratio'.padStart(7),
  );
  for (const name of names)
    console.log(
      name.padEnd(28),
      `${median(one[name]).toFixed(2)} ms`.padStart(18),
      `${median(ratios(one, name)).toFixed(2)}×`.padStart(7),
      `${median(hundred[name]).toFixed(1)} ms`.padStart(12),
      `${median(ratios(hundred, name)).toFixed(2)}×`.padStart(7),
    );
  const spread = (xs) =>
    `${quantile(xs, 0.25).toFixed(2)}–${quantile(xs, 0.75).toFixed(2)}× (min–max ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}×)`;
  for (const name of others) {
    console.log(`per-round ratios of ${name}, quartiles: one board ${spread(ratios(one, name))}; 100 boards ${spread(ratios(hundred, name))}`);
    console.log('DEBUG ms/ms', (median(one[name])/median(one[base])).toFixed(3), (median(hundred[name])/median(hundred[base])).toFixed(3));
    console.log('DEBUG one', one[name].map(x=>x.toFixed(2)).join(' '), '|', one[base].map(x=>x.toFixed(2)).join(' '));
    console.log('DEBUG hundred', hundred[name].map(x=>x.toFixed(0)).join(' '), '|', hundred[base].map(x=>x.toFixed(0)).join(' '));
  }
  console.log('DEBUG inside', JSON.stringify(Object.fromEntries(Object.entries(inside).map(([k, v]) => [k, median(v).toFixed(2)]))));
  console.log('goals (issue 11): one board ≤ 1.3×, 100 boards ≤ 1.2× the baseline');
} finally {
  await browser.close();
  server.close();
}
