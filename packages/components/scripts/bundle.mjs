// After tsc: minifies the templates of the published modules in dist/, then
// builds the no-build bundle for portal pages from them: every element
// registered, Lit and the SDK included, one ES module (dist/cdn/gridkit.js).
// Also assembles the demo pages the mock server serves (dist/demo/).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { minifyTemplates } from './minify-templates.mjs';

const root = new URL('..', import.meta.url).pathname;

// tsc -b never deletes the output of a source that was moved or removed; a
// stale module must not be published (or bundled).
for (const entry of readdirSync(`${root}dist`, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath, entry.name);
  const path = relative(`${root}dist`, file);
  if (!entry.isFile() || !path.endsWith('.js') || /^(cdn|demo)\//.test(path)) continue;
  if (existsSync(`${root}src/${path.replace(/\.js$/, '.ts')}`)) continue;
  for (const suffix of ['.js', '.js.map', '.d.ts', '.d.ts.map']) rmSync(file.replace(/\.js$/, suffix), { force: true });
  console.log(`removed stale dist/${path}`);
}
const minified = await minifyTemplates(`${root}dist`);
if (minified.files) console.log(`templates minified in ${minified.files} modules, ${minified.saved} bytes less`);
await build({
  // From dist (templates minified); esbuild follows each module's source map back to src/.
  entryPoints: [`${root}dist/define/index.js`],
  outfile: `${root}dist/cdn/gridkit.js`,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: 'es2022',
  logLevel: 'warning',
});
mkdirSync(`${root}dist/demo`, { recursive: true });
cpSync(`${root}demo`, `${root}dist/demo`, { recursive: true });
cpSync(`${root}dist/cdn/gridkit.js`, `${root}dist/demo/gridkit.js`);
cpSync(`${root}dist/cdn/gridkit.js.map`, `${root}dist/demo/gridkit.js.map`);
console.log('dist/cdn/gridkit.js, dist/demo/');
