// Contact sheets of every demo page as residents and portal visitors see it:
// each page at 1920×1080, 1080×1920 (portrait kiosk), 1366×768, 390×844 and
// 200% zoom (a 1366×768 screen at 2× scale), in zh-CN and en, one PNG per
// page under docs/screenshots/layouts/. Against a running server with the
// demo pages (`pnpm start`); the sample case printed on start is the one the
// tracker shows. Start it with the public read limit off (`GRIDKIT_READ_RATE_LIMIT=0 pnpm start`): the sheets
// load each page a hundred times from one address, and a 429 leaves a page's grid unset in the shot.
//   node scripts/contact-sheets.mjs [base-url] [ticket] [token]
//   ONLY=kiosk-board,kiosk-home node scripts/contact-sheets.mjs …   (only those sheets)
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(new URL('../packages/components/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [base = 'http://127.0.0.1:8787', ticket, token] = process.argv.slice(2);
const out = new URL('../docs/screenshots/layouts/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const sizes = [
  { name: '1920×1080', width: 1920, height: 1080, scale: 1 },
  { name: '1080×1920', width: 1080, height: 1920, scale: 1 },
  { name: '1366×768', width: 1366, height: 768, scale: 1 },
  { name: '390×844', width: 390, height: 844, scale: 1 },
  { name: '200% zoom', width: 683, height: 384, scale: 2 },
];
const langs = ['zh-CN', 'en'];
const tracked = ticket && token ? `&ticket=${encodeURIComponent(ticket)}&token=${encodeURIComponent(token)}` : '';
/** A page, and what to do on it before the picture (a kiosk choice to open). */
const pages = [
  { name: 'portal', path: '/portal.html' },
  { name: 'reporter', path: '/reporter.html' },
  { name: 'case-tracker', path: `/case-tracker.html?x=1${tracked}` },
  { name: 'resolution-rate', path: '/resolution-rate.html' },
  { name: 'service-log', path: '/service-log.html' },
  { name: 'kiosk-home', path: '/kiosk.html' },
  { name: 'kiosk-report', path: '/kiosk.html', choice: 'report' },
  { name: 'kiosk-track', path: '/kiosk.html', choice: 'track', follow: true },
  { name: 'kiosk-board', path: '/kiosk.html', choice: 'board' },
  { name: 'kiosk-stats', path: '/kiosk.html', choice: 'stats' },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const only = process.env.ONLY?.split(',');
try {
  for (const page of pages.filter((p) => !only || only.includes(p.name))) {
    const tiles = [];
    for (const lang of langs)
      for (const size of sizes) {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          deviceScaleFactor: size.scale,
          locale: lang,
        });
        const tab = await context.newPage();
        const url = new URL(page.path, base);
        if (lang !== 'zh-CN') url.searchParams.set('lang', lang);
        await tab.goto(url.href);
        await tab.waitForTimeout(1500);
        if (page.choice) {
          await tab.locator(`gk-kiosk [data-choice="${page.choice}"]`).click();
          await tab.waitForTimeout(2000);
        }
        // Following the sample case, typed as a resident would (without one, the empty form).
        if (page.follow && ticket && token) {
          await tab.locator('gk-case-tracker #ticket').fill(ticket);
          await tab.locator('gk-case-tracker #token').fill(token);
          await tab.locator('gk-case-tracker #token').press('Enter');
          await tab.waitForTimeout(2000);
        }
        const shot = await tab.screenshot({ type: 'jpeg', quality: 70 });
        tiles.push({ caption: `${size.name} · ${lang}`, src: `data:image/jpeg;base64,${shot.toString('base64')}` });
        await context.close();
      }
    const sheet = await browser.newPage({ viewport: { width: 1600, height: 800 } });
    await sheet.setContent(`<!doctype html><style>
      body { margin: 16px; font: 14px system-ui, sans-serif; background: #ddd; }
      h1 { font-size: 18px; margin: 0 0 12px; }
      .sheet { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; align-items: start; }
      figure { margin: 0; background: #fff; padding: 6px; }
      img { display: block; width: 100%; height: auto; border: 1px solid #999; }
      figcaption { padding-top: 4px; }
    </style><h1>${page.name} (${page.path.split('?')[0]})</h1><div class="sheet">${tiles
      .map((t) => `<figure><img src="${t.src}"><figcaption>${t.caption}</figcaption></figure>`)
      .join('')}</div>`);
    await sheet.waitForLoadState('load');
    await sheet.screenshot({ path: `${out}${page.name}.png`, fullPage: true });
    await sheet.close();
    console.log(`${out}${page.name}.png`);
  }
} finally {
  await browser.close();
}
