/**
 * The case tracker's kiosk demo page as a community centre shows it: a heading
 * and one line of instructions in the page's language, the ticket field on the
 * first screen, no sideways scroll, nothing blocked by the page's strict
 * Content-Security-Policy. The built demo pages served by the real mock server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type StartedServer } from '@gridkit/mock-server';
import { chromiumLaunchOptions } from '../../../scripts/browser-tests.mjs';

const demoDir = fileURLToPath(new URL('../dist/demo/', import.meta.url));
let dataDir: string;
let server: StartedServer;
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gridkit-demo-pages-'));
  server = await startServer({ port: 0, dataDir, seed: 'demo', demoDir, log: () => undefined });
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const intro = {
  'zh-CN': { heading: '查询工单办理进度', instructions: '请输入回执上的工单号' },
  en: { heading: 'Follow your case', instructions: 'Enter the case number on your receipt' },
};

describe('case-tracker.html?layout=kiosk', () => {
  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
  ] as const) {
    for (const lang of ['zh-CN', 'en'] as const) {
      it(`has a heading, instructions and the ticket field on a ${width}×${height} screen, in ${lang}`, async () => {
        const page = await browser.newPage({ viewport: { width, height } });
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        try {
          await page.goto(`${server.url}/case-tracker.html?layout=kiosk&lang=${lang}`);
          await expect.poll(() => page.locator('h1').textContent()).toBe(intro[lang].heading);
          expect(await page.locator('.kiosk-intro p').textContent()).toContain(intro[lang].instructions);
          expect(await page.title()).toContain(intro[lang].heading);
          // The portal's masthead and sidebar are gone: the tracker is what the resident sees.
          expect(await page.locator('.masthead, .page aside').count()).toBe(0);
          expect(await page.locator('gk-case-tracker').getAttribute('layout')).toBe('kiosk');
          const ticket = page.locator('gk-case-tracker #ticket');
          await ticket.waitFor({ state: 'visible' });
          const box = (await ticket.boundingBox())!;
          expect(box.y + box.height, 'the ticket field is below the first screen').toBeLessThanOrEqual(height);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          expect(problems).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }
});
