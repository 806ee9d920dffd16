// After tsc: minifies the templates of the published modules in dist/, then
// builds the no-build bundle for portal pages from them with Vite's library
// mode (dist/cdn/): `gridkit.js` registers every element, `<widget>.js`
// registers one (`notice-board.js` …); all share one chunk of Lit and the
// SDK, and load languages and later steps on demand. Also assembles the demo
// pages the mock server serves (dist/demo/).
import { build } from 'vite';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { minifyTemplates } from './minify-templates.mjs';

const root = new URL('..', import.meta.url).pathname;

// tsc -b never deletes the output of a source that was moved or removed; a
// stale module must not be published (or bundled).
for (const entry of readdirSync(`${root}dist`, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath, entry.name);
  const path = relative(`${root}dist`, file);
  if (!entry.isFile() || !path.endsWith('.js') || /^(cdn|demo|types)\//.test(path)) continue;
  if (existsSync(`${root}src/${path.replace(/\.js$/, '.ts')}`)) continue;
  for (const suffix of ['.js', '.js.map', '.d.ts', '.d.ts.map']) rmSync(file.replace(/\.js$/, suffix), { force: true });
  console.log(`removed stale dist/${path}`);
}
const minified = await minifyTemplates(`${root}dist`);
if (minified.files) console.log(`templates minified in ${minified.files} modules, ${minified.saved} bytes less`);
const defineEntries = Object.fromEntries(
  readdirSync(`${root}dist/define`)
    .filter((file) => file.endsWith('.js') && file !== 'index.js')
    .map((file) => [file.replace(/\.js$/, ''), `${root}dist/define/${file}`]),
);
rmSync(`${root}dist/cdn`, { recursive: true, force: true });
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    // From dist (templates minified); the source maps chain back to src/.
    lib: { entry: { gridkit: `${root}dist/define/index.js`, ...defineEntries }, formats: ['es'] },
    outDir: `${root}dist/cdn`,
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
});
mkdirSync(`${root}dist/demo`, { recursive: true });
cpSync(`${root}demo`, `${root}dist/demo`, { recursive: true });
// The demo pages load the bundle as a portal page would: the whole folder beside them.
cpSync(`${root}dist/cdn`, `${root}dist/demo`, { recursive: true });
console.log('dist/cdn/ (gridkit.js and one entry per widget), dist/demo/');
