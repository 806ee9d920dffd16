// Size of @gridkit/sdk as a browser bundle (minified, then gzip), next to its
// baseline in the same run: openapi-fetch alone, which it builds on.
// Run after `pnpm build`: `pnpm bench`.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const sdkDir = fileURLToPath(new URL('../packages/sdk/', import.meta.url));

async function measure(label, contents) {
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
  return { label, min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const rows = [
  await measure('baseline: openapi-fetch alone', `export { default } from 'openapi-fetch';`),
  await measure('@gridkit/sdk (whole client)', `export * from './dist/index.js';`),
  await measure('@gridkit/sdk: errors only (tree-shaken)', `export { isGridkitError } from './dist/index.js';`),
  await measure('@gridkit/sdk/outbox (incl. idb)', `export * from '@gridkit/sdk/outbox';`),
  await measure('baseline: idb alone', `export * from 'idb';`),
];
const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
console.log('bundle'.padEnd(44), 'min'.padStart(11), 'min+gzip'.padStart(11));
for (const row of rows) console.log(row.label.padEnd(44), kb(row.min).padStart(11), kb(row.gzip).padStart(11));
const [base, sdk] = rows;
console.log(`\nthe SDK adds ${kb(sdk.gzip - base.gzip)} min+gzip over openapi-fetch`);
