import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url()); });
await page.goto(process.argv[2]);
await page.waitForTimeout(5000);
console.log(await page.evaluate(() => [...document.querySelectorAll('gk-resolution-rate, gk-grid-ranking')].map((e) => e.outerHTML.slice(0, 200) + ' :: ' + (e.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 200))));
await browser.close();
