// Renders the demo pages in headless Chromium against a freshly seeded mock
// server and saves screenshots to docs/screenshots/ (run after `pnpm build`):
//   node packages/components/scripts/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '@gridkit/mock-server';

const out = new URL('../../../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await startServer({
  port: 0,
  seed: 'demo',
  demoDir: new URL('../dist/demo', import.meta.url).pathname,
  log: (line) => console.error(line),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
const shots = [
  ['notice-board-portal-light', 'portal.html', { width: 1280, height: 1400 }],
  ['notice-board-portal-dark', 'portal.html?theme=dark', { width: 1280, height: 1400 }],
  ['notice-board-portal-en', 'portal.html?lang=en', { width: 1280, height: 1400 }],
  ['notice-board-kiosk-light', 'kiosk.html', { width: 1920, height: 1080 }],
  ['notice-board-kiosk-dark', 'kiosk.html?theme=dark', { width: 1920, height: 1080 }],
  ['notice-board-kiosk-high-contrast', 'kiosk.html?theme=high-contrast&lang=zh-TW', { width: 1920, height: 1080 }],
  ['notice-board-phone', 'portal.html', { width: 390, height: 1600 }],
  ['resolution-rate-portal-light', 'resolution-rate.html', { width: 1280, height: 900 }],
  ['resolution-rate-portal-dark', 'resolution-rate.html?theme=dark', { width: 1280, height: 900 }],
  ['resolution-rate-kiosk-light', 'resolution-rate.html?layout=kiosk', { width: 1920, height: 1080 }],
];
const problems = [];
for (const [name, path, viewport] of shots) {
  const page = await browser.newPage({ viewport });
  page.on('console', (m) => m.type() === 'error' && problems.push(`${name}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
  await page.goto(`${server.url}/${path}`);
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('gk-notice-board')].every((el) => el.shadowRoot?.querySelector('.board')) &&
      [...document.querySelectorAll('gk-resolution-rate')].every((el) =>
        el.shadowRoot?.querySelector('.rate[aria-busy="false"]'),
      ),
  );
  await page.screenshot({ path: `${out}${name}.png`, fullPage: name.includes('portal') || name.includes('phone') });
  await page.close();
  console.log(`docs/screenshots/${name}.png`);
}
await browser.close();
await server.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
