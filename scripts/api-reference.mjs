// The API reference served at /docs/api: one page built from the contract
// by Redocly, with everything inlined (the demo pages' policy allows no CDN).
// Used by `pnpm start` and by the test that opens the page in Chromium.
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;

/** Builds the reference into `page` (~12 s). */
export function buildApiReference(page, { quiet = false } = {}) {
  execFileSync(
    'pnpm',
    ['exec', 'redocly', 'build-docs', 'openapi/gridkit.yaml', '--inlineBundle', '--title', 'Gridkit API', '-o', page],
    { cwd: root, stdio: quiet ? 'ignore' : 'inherit' },
  );
}
