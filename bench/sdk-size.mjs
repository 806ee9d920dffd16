// Size of @gridkit/sdk as a browser bundle (minified, then gzip), next to its
// baseline in the same run: openapi-fetch alone, which it replaced, and each
// figure against its budget (docs/sdk.md, "Size").
// Run after `pnpm build`: `node bench/sdk-size.mjs`; with `--check` (what
// `pnpm bench:size` runs) it exits 1 when a budget is exceeded.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const sdkDir = fileURLToPath(new URL('../packages/sdk/', import.meta.url));
const KiB = 1024;

async function measure(label, contents, budgetKiB) {
  const result = await build({
    stdin: { contents, resolveDir: sdkDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { label, min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, budgetKiB };
}

const core = `export { createGridkitCore } from './dist/index.js';`;
const rows = [
  await measure('baseline: openapi-fetch alone', `export { default } from 'openapi-fetch';`),
  await measure('@gridkit/sdk, every export', `export * from './dist/index.js';`, 4.5),
  await measure('createGridkitClient (every resource)', `export { createGridkitClient } from './dist/index.js';`),
  await measure('createGridkitCore alone', core),
  await measure('core + noticesResource', `${core} export { noticesResource } from './dist/index.js';`),
  await measure('core + casesResource', `${core} export { casesResource } from './dist/index.js';`),
  await measure('errors only (isGridkitError)', `export { isGridkitError } from './dist/index.js';`),
  await measure('@gridkit/sdk/outbox (incl. idb)', `export * from '@gridkit/sdk/outbox';`),
  await measure('baseline: idb alone', `export * from 'idb';`),
];
const kb = (n) => `${(n / KiB).toFixed(2)} KiB`;
let over = 0;
console.log('bundle'.padEnd(40), 'min'.padStart(11), 'min+gzip'.padStart(11), 'budget'.padStart(11), '');
for (const row of rows) {
  const budget = row.budgetKiB === undefined ? '–' : `≤ ${row.budgetKiB.toFixed(2)}`;
  const fails = row.budgetKiB !== undefined && row.gzip > row.budgetKiB * KiB;
  if (fails) over++;
  console.log(
    row.label.padEnd(40),
    kb(row.min).padStart(11),
    kb(row.gzip).padStart(11),
    budget.padStart(11),
    row.budgetKiB === undefined ? '' : fails ? 'OVER' : 'ok',
  );
}
const byLabel = Object.fromEntries(rows.map((row) => [row.label, row]));
const coreGzip = byLabel['createGridkitCore alone'].gzip;
console.log(
  `\none resource over the core: notices ${kb(byLabel['core + noticesResource'].gzip - coreGzip)}, cases ${kb(byLabel['core + casesResource'].gzip - coreGzip)}`,
);
if (process.argv.includes('--check') && over) {
  console.error(`${over} SDK size budget(s) exceeded`);
  process.exitCode = 1;
}
