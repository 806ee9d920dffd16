// The Storybook build as `pnpm start` serves it, beside the demo pages at
// /docs/storybook/ (copied by scripts/storybook-docs.mjs): the manager lists
// the widgets, and a story opened from it renders its intended state from the
// answers msw gives in the page, under the mock server's policy for the page
// (no script blocked). The server holds no data (no seed): the leader's name
// on the board can only come from msw.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '@gridkit/mock-server';
import { expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/browser-tests.mjs';
import { publishStorybook } from '../../scripts/storybook-docs.mjs';

it('GET /docs/storybook/ serves the static build; a story opened there renders with its API answered in the page', async () => {
  const demoDir = mkdtempSync(join(tmpdir(), 'gridkit-storybook-docs-'));
  const server = await startServer({ port: 0, seed: false, demoDir, log: () => {} });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    // Before the copy: the page says how to get one.
    const missing = await fetch(`${server.url}/docs/storybook/`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toMatch(/pnpm build/);

    expect(publishStorybook(demoDir)).toBe(true);
    const response = await fetch(`${server.url}/docs/storybook`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/docs/storybook/');
    const index = await fetch(`${server.url}/docs/storybook/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);

    const context = await browser.newContext({ locale: 'en', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const watch = (text: string) => /Content Security Policy|Refused to/i.test(text) && problems.push(text);
    page.on('console', (m) => watch(m.text()));
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    await page.goto(`${server.url}/docs/storybook/?path=/story/widgets-gk-notice-board--card`);
    // The sidebar lists every widget.
    for (const name of ['gk-notice-board', 'gk-issue-reporter', 'gk-service-log-form'])
      await page.getByText(name, { exact: true }).first().waitFor({ timeout: 30_000 });
    // The story in the preview frame shows the recorded board: the grid leader's name.
    const preview = page.frameLocator('#storybook-preview-iframe');
    await preview.locator('gk-notice-board').getByText('王丽娜').first().waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}, 120_000);
