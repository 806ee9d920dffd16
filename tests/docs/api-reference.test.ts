// The API reference as `pnpm start` builds it (scripts/api-reference.mjs) and the mock
// server serves it at /docs/api: in Chromium the page renders the contract's
// operations under the page's own policy, with no script blocked by it.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '@gridkit/mock-server';
import { expect, it } from 'vitest';
import { buildApiReference } from '../../scripts/api-reference.mjs';
import { chromiumLaunchOptions } from '../../scripts/browser-tests.mjs';

it('GET /docs/api serves the reference built from the contract, and it renders under its policy', async () => {
  const demoDir = mkdtempSync(join(tmpdir(), 'gridkit-api-docs-'));
  mkdirSync(join(demoDir, 'docs/api'), { recursive: true });
  buildApiReference(join(demoDir, 'docs/api/index.html'), { quiet: true });
  const server = await startServer({ port: 0, seed: false, demoDir, log: () => {} });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const response = await fetch(`${server.url}/docs/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);

    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on(
      'console',
      (m) => /Content Security Policy/.test(m.text()) && /script/i.test(m.text()) && blocked.push(m.text()),
    );
    page.on('pageerror', (e) => blocked.push(e.message));
    await page.goto(`${server.url}/docs/api`);
    await page.getByText('getPublicCase', { exact: false }).first().waitFor({ state: 'attached', timeout: 30_000 });
    await expect(
      page
        .getByRole('heading', { name: /Gridkit API/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText('Cases', { exact: true }).first().isVisible()).resolves.toBe(true);
    expect(blocked).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
  }
}, 90_000);
