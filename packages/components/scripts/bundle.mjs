// The no-build bundle for portal pages: every element registered, Lit and the
// SDK included, one ES module (dist/cdn/gridkit.js). Also assembles the demo
// pages the mock server serves (dist/demo/).
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
await build({
  entryPoints: [`${root}src/define/index.ts`],
  outfile: `${root}dist/cdn/gridkit.js`,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: 'es2022',
  tsconfig: `${root}tsconfig.json`,
  logLevel: 'warning',
});
mkdirSync(`${root}dist/demo`, { recursive: true });
cpSync(`${root}demo`, `${root}dist/demo`, { recursive: true });
cpSync(`${root}dist/cdn/gridkit.js`, `${root}dist/demo/gridkit.js`);
console.log('dist/cdn/gridkit.js, dist/demo/');
