// Each widget's size as a page loads it alone (its published define entry in
// dist/: the element, the provider, Lit and the SDK core with the resources
// the widget calls), minified and gzipped, next to the baselines in the same
// run (Lit alone; the shared base every widget needs), and against its budget
// (docs/components.md, "Size"). With `--check` (what
// `pnpm bench:size` runs) it exits 1 when a budget is exceeded.
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
    // What the page loads before the widget shows: the entry and every chunk it
    // imports statically (code it shares with a lazy chunk lands in one of those).
    const metaOf = (file) => result.metafile.outputs[relative(process.cwd(), file.path)];
    const byMetaPath = new Map(js.map((f) => [relative(process.cwd(), f.path), f]));
    const eager = new Set();
    const visit = (file) => {
      if (eager.has(file)) return;
      eager.add(file);
      for (const imported of metaOf(file)?.imports ?? [])
        if (imported.kind === 'import-statement' && byMetaPath.has(imported.path)) visit(byMetaPath.get(imported.path));
    };
    visit(js.find((f) => f.path.endsWith('/entry.js')));
    // Gzipped as one file: close to what HTTP compression of the chunks gives, and comparable with a single bundle.
    const eagerCode = Buffer.concat([...eager].map((f) => Buffer.from(f.contents)));
    const main = sizes({ contents: eagerCode });
    const lazy = js.filter((f) => !eager.has(f));
    // The English chunk: the lazy output whose inputs are the widget's messages.en module.
    const inputsOf = (file) => Object.keys(result.metafile.outputs[relative(process.cwd(), file.path)]?.inputs ?? {});
    const english = lazy.filter((f) =>
      inputsOf(f).some((input) => input.endsWith('messages.en.js') || input.endsWith('messages/en.js')),
    );
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
// What every widget needs before its own code: Lit, the provider and its
// context, GridkitElement, texts and formats, the designed states, the task
// and the SDK core.
const base = [
  `import './dist/define/provider.js';`,
  `export { GridkitElement } from './dist/internal/gridkit-element.js';`,
  `export { LocalizeController } from './dist/internal/localize.js';`,
  `export * from './dist/internal/states.js';`,
  `export { StaleWhileErrorController } from './dist/internal/stale-while-error.js';`,
  `export { Task } from './dist/internal/task.js';`,
  `export { html, css, nothing } from 'lit';`,
].join(' ');
// What a write widget (reporter, service log) needs before its own code: the
// base without the read widgets' stale-while-error loading.
const writeBase = [
  `import './dist/define/provider.js';`,
  `export { GridkitElement } from './dist/internal/gridkit-element.js';`,
  `export { LocalizeController } from './dist/internal/localize.js';`,
  `export { renderLoading, renderProblem, requireConfiguration } from './dist/internal/states.js';`,
  `export { Task } from './dist/internal/task.js';`,
  `export { html, css, nothing } from 'lit';`,
].join(' ');
// Budgets in KiB, min+gzip: the base; a read widget's own code over the base;
// the write widgets' define entries whole (incl. Lit), lazy chunks apart.
const readWidgets = ['notice-board', 'resolution-rate', 'grid-ranking', 'case-tracker'];
const budgets = { base: 10, overBase: 4, 'issue-reporter': 18, 'service-log-form': 16 };
const rows = [
  await measure('baseline: lit alone', `export { LitElement, html, css } from 'lit';`),
  await measure(
    'baseline: lit and sdk core',
    `export { LitElement, html, css } from 'lit'; export { createGridkitCore } from '@gridkit/sdk';`,
  ),
  { ...(await measure('shared base (every widget needs it)', base)), budget: budgets.base },
  await measure('baseline: a write widget’s base', writeBase),
];
const baseGzip = rows[2].gzip;
for (const widget of widgets) {
  const row = await measure(`gk-${widget} (define entry)`, `import './dist/define/${widget}.js';`);
  if (readWidgets.includes(widget)) row.overBase = { gzip: row.gzip - baseGzip, budget: budgets.overBase };
  else row.budget = budgets[widget];
  rows.push(row);
}
rows.push(await measure('every widget (define/index)', `import './dist/define/index.js';`));
const kb = (n) => `${(n / 1024).toFixed(2)} KiB`;
let over = 0;
const verdict = (gzip, budget) => {
  if (budget === undefined) return '';
  const fails = gzip > budget * 1024;
  if (fails) over++;
  return `≤ ${budget} ${fails ? 'OVER' : 'ok'}`;
};
console.log(
  'bundle'.padEnd(40),
  'min'.padStart(11),
  'min+gzip'.padStart(11),
  'en page'.padStart(11),
  'lazy, gzip'.padStart(12),
  'over base'.padStart(11),
  '  budget',
);
for (const row of rows)
  console.log(
    row.label.padEnd(40),
    kb(row.min).padStart(11),
    kb(row.gzip).padStart(11),
    (row.enGzip ? kb(row.gzip + row.enGzip) : '–').padStart(11),
    (row.lazyGzip ? kb(row.lazyGzip) : '–').padStart(12),
    (row.overBase ? kb(row.overBase.gzip) : '–').padStart(11),
    ' ',
    row.overBase ? `over base ${verdict(row.overBase.gzip, row.overBase.budget)}` : verdict(row.gzip, row.budget),
  );
if (process.argv.includes('--check') && over) {
  console.error(`${over} widget size budget(s) exceeded`);
  process.exitCode = 1;
}
