// Every SDK example in the guides runs: each ```ts/```js block is compiled
// (esbuild strips the types), its `http://127.0.0.1:8787` rewritten to a
// freshly started seeded mock server, and imported as a module in this
// package (so `@gridkit/sdk` resolves as it does for a user). A block that
// uses `gridkit` without creating it continues the guide's first example,
// as the guide says: the test gives it the same client. A block marked
// `<!-- not-run: … -->` is counted, not run.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { startServer, type StartedServer } from '@gridkit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks } from './doc-blocks.js';

const root = new URL('../../', import.meta.url).pathname;
const runDir = new URL('./.run/', import.meta.url).pathname;
const guides = [
  'docs/sdk.md',
  'docs/outbox.md',
  'docs/exports.md',
  'docs/open311.md',
  'docs/live.md',
  'docs/webhooks.md',
  'README.md',
];
const blocks = guides.flatMap((file) => codeBlocks(join(root, file), ['ts', 'js']));
const docOrigin = 'http://127.0.0.1:8787';

let server: StartedServer;
beforeAll(async () => {
  server = await startServer({ port: 0, rateLimit: false, log: () => {} });
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
});
afterAll(async () => {
  await server?.close();
  rmSync(runDir, { recursive: true, force: true });
});

/** Declares `gridkit` (the first example's client) for a block that uses it without creating it. */
function prelude(code: string): string {
  if (!/\bgridkit\./.test(code) || /\bconst gridkit\b/.test(code)) return '';
  const importsClient = /\bcreateGridkitClient\b/.test(code);
  return (
    (importsClient ? '' : "import { createGridkitClient as __createClient } from '@gridkit/sdk';\n") +
    `const gridkit = ${importsClient ? 'createGridkitClient' : '__createClient'}({ baseUrl: '${docOrigin}/api/v1', locale: 'zh-CN' });\n`
  );
}

describe('SDK doc examples', () => {
  it('the guides have examples, and every one that is not marked not-run is run below', () => {
    expect(blocks.filter((b) => b.file.endsWith('sdk.md')).length).toBeGreaterThanOrEqual(10);
    const notRun = blocks.filter((b) => b.notRun);
    console.log(
      `${blocks.length} blocks: ${blocks.length - notRun.length} run, ${notRun.length} not run (${notRun
        .map((b) => `${b.file.replace(root, '')}:${b.line} ${b.notRun}`)
        .join('; ')})`,
    );
  });

  for (const [index, block] of blocks.entries()) {
    const name = `${block.file.replace(root, '')}:${block.line}`;
    if (block.notRun) continue;
    it(`${name} runs against the seeded server`, async () => {
      const source = (prelude(block.code) + block.code).replaceAll(docOrigin, server.url);
      const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
      const file = join(runDir, `block-${index}.mjs`);
      // `export {}` keeps a block without imports a module (top-level await).
      writeFileSync(file, `${code}\nexport {};\n`);
      await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
    });
  }
});
