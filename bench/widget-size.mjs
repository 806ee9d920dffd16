// Each widget's size as a page loads it alone (its published define entry in
// dist/: the element, the provider, Lit, @lit/context, @lit/task and the SDK),
// minified and gzipped, next to the baseline in the same run: Lit alone.
// Bundled with code splitting, as a page's bundler would: what a widget
// imports lazily is counted apart — its zh-TW and en texts (a zh-CN page never
// loads them; an English page loads the `en` chunk: column "en page") and the
// QR encoder (loaded only when a receipt is shown).
// Run after `pnpm build`: `pnpm bench`.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const components = fileURLToPath(new URL('../packages/components/', import.meta.url));

async function measure(label, contents) {
  const dir = mkdtempSync(join(tmpdir(), 'gridkit-size-'));
  const entry = join(components, `.size-entry-${process.pid}.ts`);
  writeFileSync(entry, contents);
  try {
    const result = await build({
      entryPoints: { entry },
      bundle: true,
      splitting: true,
      outdir: dir,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      tsconfig: `${components}tsconfig.json`,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const sizes = (file) => ({ min: file.contents.byteLength, gzip: gzipSync(file.contents, { level: 9 }).byteLength });
    const js = result.outputFiles.filter((f) => f.path.endsWith('.js'));
    const main = sizes(js.find((f) => f.path.endsWith('/entry.js')));
    const lazy = js.filter((f) => !f.path.endsWith('/entry.js'));
    // The English chunk: the lazy output whose inputs are the widget's messages.en module.
    const inputsOf = (file) => Object.keys(result.metafile.outputs[relative(process.cwd(), file.path)]?.inputs ?? {});
    const english = lazy.filter((f) => inputsOf(f).some((input) => input.endsWith('messages.en.js')));
    return {
      label,
      ...main,
      enGzip: english.reduce((sum, f) => sum + sizes(f).gzip, 0),
      lazyGzip: lazy.reduce((sum, f) => sum + sizes(f).gzip, 0),
    };
  } finally {
    rmSync(entry, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

const widgets = readdirSync(`${components}src/define`)
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'provider.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
const rows = [
  await measure('baseline: lit alone', `export { LitElement, html, css } from 'lit';`),
  await measure(
    'baseline: lit, context, task, sdk',
    `export { LitElement, html, css } from 'lit'; export * from '@lit/context'; export * from '@lit/task'; export * from '@gridkit/sdk';`,
  ),
  await measure(
    'baseline: the same and the outbox',
    `export { LitElement, html, css } from 'lit'; export * from '@lit/context'; export * from '@lit/task'; export * from '@gridkit/sdk'; export * from '@gridkit/sdk/outbox';`,
  ),
];
for (const widget of widgets)
  rows.push(await measure(`gk-${widget} (define entry)`, `import './dist/define/${widget}.js';`));
rows.push(await measure('every widget (define/index)', `import './dist/define/index.js';`));
const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
console.log(
  'bundle'.padEnd(40),
  'min'.padStart(11),
  'min+gzip'.padStart(11),
  'en page'.padStart(11),
  'lazy, gzip'.padStart(12),
);
for (const row of rows)
  console.log(
    row.label.padEnd(40),
    kb(row.min).padStart(11),
    kb(row.gzip).padStart(11),
    (row.enGzip ? kb(row.gzip + row.enGzip) : '–').padStart(11),
    (row.lazyGzip ? kb(row.lazyGzip) : '–').padStart(12),
  );
