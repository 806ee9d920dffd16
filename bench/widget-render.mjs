// Rendering cost of <gk-notice-board> in Chromium, next to its baseline in
// the same page: the same board written with plain DOM calls (a shadow root,
// the widget's own style sheets, the JSON read from the same stubbed `fetch`,
// the finished markup set as innerHTML). The baseline does no templating, so
// it is a lower bound: the ratio is what Lit, the controllers and the SDK cost
// on top. Two figures, each from its own run of interleaved rounds (in each
// round each contender takes one sample, the order alternating from round to
// round), after one warm-up sample each that is not kept:
// - one board, warm: one sample is `batch` boards (default 30) rendered one
//   after another, each created, awaited until its board is laid out, and
//   removed; the sample is the loop's time divided by `batch`, so it spans
//   tens of ms, far above the page timer's 0.1 ms resolution;
// - a page of 100 boards at once: one sample is from creating them to the
//   last one laid out.
// Every sample starts after a forced GC, so none pays for the garbage of the
// one before. That makes both contenders slower than in a page that never
// collects, by about the same factor: the ratios hold.
// It prints each contender's median sample, the median of the per-round
// ratios (widget ÷ baseline, same round) and their spread (quartiles and
// min–max), and the load average at the start and the end: on a machine busy
// with other work the widget's ratios come out higher and spread wider. The
// board is the seed's demo grid, fetched once from a seeded mock server and
// then answered by a stub (no network in the measured part).
// Run after `pnpm build`: `node bench/widget-render.mjs [rounds] [batch]`
// (default 31 rounds, under 2 minutes on 2 idle cores).
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { startServer } from '../packages/mock-server/dist/index.js';
import { chromiumLaunchOptions } from '../scripts/browser-tests.mjs';

// Playwright as the widgets' own browser tests use it (Debian's Chromium, no download).
const { chromium } = createRequire(new URL('../packages/components/package.json', import.meta.url))('playwright-core');

const loadAtStart = loadavg()[0];
const rounds = Number(process.argv[2] ?? 31);
const batch = Number(process.argv[3] ?? 30);
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

// A forced GC before every sample, so none pays for the garbage of the one before.
async function inARow(render, batch) {
  stage.replaceChildren();
  gc();
  const started = performance.now();
  for (let i = 0; i < batch; i++) (await render()).remove();
  return (performance.now() - started) / batch;
}

async function atOnce(render, count) {
  stage.replaceChildren();
  gc();
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
  // Each figure in its own run of rounds, so a sample always follows one of the same kind (with both figures in
  // one round, the first 100 boards after a run of single boards came out slower).
  for (const [samples, take] of [
    [one, (name) => inARow(contenders[name], batch)],
    [hundred, (name) => atOnce(contenders[name], 100)],
  ]) {
    for (const name of names) await take(name);
    for (let round = 0; round < rounds; round++)
      for (const name of round % 2 ? [...names].reverse() : names) samples[name].push(await take(name));
  }
  return { names, one, hundred };
};
window.ready = true;
</script>`;

const server = createServer((request, response) => {
  if (request.url === '/bundle.js') {
    response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle.outputFiles[0].contents);
  } else response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
// `gc()` in the page, for the forced GC before each sample.
const browser = await chromium.launch({
  ...chromiumLaunchOptions,
  args: [...chromiumLaunchOptions.args, '--js-flags=--expose-gc'],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  tab.on('pageerror', (error) => console.error(error.message));
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 30_000 });
  const { names, one, hundred } = await tab.evaluate(([n, b]) => window.measure(n, b), [rounds, batch]);
  const quantile = (xs, q) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (s.length - 1) * q;
    return s[Math.floor(at)] + (s[Math.ceil(at)] - s[Math.floor(at)]) * (at - Math.floor(at));
  };
  const median = (xs) => quantile(xs, 0.5);
  const base = names[0];
  // Widget ÷ baseline within each round: both saw the same moment of a shared machine.
  const ratios = (samples, name) => samples[name].map((ms, i) => ms / samples[base][i]);
  const spread = (xs) =>
    `${quantile(xs, 0.25).toFixed(2)}–${quantile(xs, 0.75).toFixed(2)}× (min–max ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}×)`;
  const load = `load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`;
  console.log(`render (Chromium, ${rounds} interleaved rounds, one board: ${batch} in a row per sample; ${load})`);
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
  console.log('medians; ratio: median of the per-round ratios to the baseline');
  for (const name of names.slice(1))
    console.log(
      `spread of ${name}'s per-round ratios, quartiles: one board ${spread(ratios(one, name))},`,
      `100 boards ${spread(ratios(hundred, name))}`,
    );
  console.log('goals (issue 11): one board ≤ 1.3×, 100 boards ≤ 1.2× the baseline');
} finally {
  await browser.close();
  server.close();
}
