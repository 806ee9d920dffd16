// Each widget's size as a page loads it alone (its define entry: the element,
// the provider, Lit, @lit/context, @lit/task and the SDK), minified and
// gzipped, next to the baseline in the same run: Lit alone.
// Run after `pnpm build`: `pnpm bench`.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const components = fileURLToPath(new URL('../packages/components/', import.meta.url));

async function measure(label, contents) {
  const result = await build({
    stdin: { contents, resolveDir: components, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: `${components}tsconfig.json`,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { label, min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const widgets = readdirSync(`${components}src/define`)
  .filter(
    (f) => f.endsWith('.ts') && !['index.ts', 'registry.ts', 'provider.ts'].includes(f) && !f.endsWith('.test.ts'),
  )
  .map((f) => f.replace(/\.ts$/, ''));
const rows = [await measure('baseline: lit alone', `export { LitElement, html, css } from 'lit';`)];
for (const widget of widgets)
  rows.push(await measure(`gk-${widget} (define entry)`, `import './src/define/${widget}.ts';`));
rows.push(await measure('every widget (define/index)', `import './src/define/index.ts';`));
const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
console.log('bundle'.padEnd(40), 'min'.padStart(11), 'min+gzip'.padStart(11));
for (const row of rows) console.log(row.label.padEnd(40), kb(row.min).padStart(11), kb(row.gzip).padStart(11));
