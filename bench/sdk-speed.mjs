// Calls per second through @gridkit/sdk with a stubbed `fetch` (a canned JSON
// Response, no network), next to its baselines in the same run: the stub called
// directly ("raw fetch") and bare openapi-fetch on the same contract. Rounds
// are interleaved (each round runs every contender, in a rotating order) and
// the medians are compared, so a machine busy with other work skews all alike.
// Run after `pnpm build`: `node bench/sdk-speed.mjs [rounds] [calls per round]`.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const sdkRequire = createRequire(new URL('../packages/sdk/package.json', import.meta.url));
// The ESM build, as a bundler would pick it.
const { default: createClient } = await import(
  pathToFileURL(sdkRequire.resolve('openapi-fetch').replace(/\.cjs$/, '.mjs')).href
);
const { createGridkitClient } = await import('../packages/sdk/dist/index.js');

const rounds = Number(process.argv[2] ?? 15);
const calls = Number(process.argv[3] ?? 5000);
const baseUrl = 'http://gridkit.invalid/api/v1';
const grid = JSON.stringify({
  id: 'grd_4BCg6L6keGz1',
  name: '桥北社区第二网格',
  level: 'grid',
  parentId: 'grd_qiaobei',
  path: ['文峰区', '西关街道', '桥北社区'],
});
const stub = async () => new Response(grid, { status: 200, headers: { 'Content-Type': 'application/json' } });

const openapi = createClient({ baseUrl, fetch: stub });
const gridkit = createGridkitClient({ baseUrl, fetch: stub });
const gridkitBare = createGridkitClient({ baseUrl, fetch: stub, timeoutMs: 0, retry: false });

const contenders = {
  'raw fetch (baseline)': async () => (await stub(`${baseUrl}/grids/g1`)).json(),
  'openapi-fetch (baseline)': () => openapi.GET('/grids/{gridId}', { params: { path: { gridId: 'g1' } } }),
  '@gridkit/sdk grids.get (timeout + retries on)': () => gridkit.grids.get('g1'),
  '@gridkit/sdk grids.get (timeout 0, retry false)': () => gridkitBare.grids.get('g1'),
};
const names = Object.keys(contenders);

async function round(run) {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return calls / ((performance.now() - started) / 1000);
}

// Warm up every path so the JIT has seen them all before anything is timed.
for (const name of names) await round(contenders[name]);

const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(r + k) % names.length];
    samples[name].push(await round(contenders[name]));
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const medians = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
const reference = medians['openapi-fetch (baseline)'];
console.log(`Node ${process.version}, ${rounds} interleaved rounds of ${calls} sequential calls, medians\n`);
console.log('contender'.padEnd(48), 'calls/s'.padStart(10), '× openapi-fetch'.padStart(16));
for (const name of names)
  console.log(
    name.padEnd(48),
    Math.round(medians[name]).toString().padStart(10),
    (medians[name] / reference).toFixed(2).padStart(16),
  );
const ratio = medians['@gridkit/sdk grids.get (timeout + retries on)'] / reference;
console.log(`\n@gridkit/sdk with its defaults: ${ratio.toFixed(2)}× bare openapi-fetch (goal ≥ 0.90×)`);
