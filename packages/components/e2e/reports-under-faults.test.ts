/**
 * Nothing lost, nothing doubled: residents file 200 reports through
 * `<gk-issue-reporter>` on the demo page (the no-build bundle, the offline
 * outbox in IndexedDB) while the network and the server misbehave: answers
 * dropped after commit, 503 with Retry-After, timeouts after commit, broken
 * connections, offline windows, page reloads with reports still queued, and a
 * server restart. At the end the server's SQLite file holds exactly one case
 * per report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type StartedServer } from '@gridkit/mock-server';
import { chromiumLaunchOptions } from '../../../scripts/browser-tests.mjs';
import { emptyCounts, injectWriteFaults, seededRandom } from './support/faults.js';

const reports = Number(process.env.GRIDKIT_E2E_REPORTS ?? 200);
const seed = Number(process.env.GRIDKIT_E2E_SEED ?? 20261130);
const demoDir = fileURLToPath(new URL('../dist/demo/', import.meta.url));
const marker = `E2E-${seed}`;

let dataDir: string;
let server: StartedServer;
let browser: Browser;

async function start(port = 0) {
  return startServer({
    port,
    dataDir,
    seed: 'demo',
    demoDir,
    faults: { enabled: true },
    rateLimit: false,
    validateResponses: true,
    log: () => undefined,
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gridkit-e2e-'));
  server = await start();
  browser = await chromium.launch(chromiumLaunchOptions);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Reports of this run stored on the server, read straight from its SQLite file. */
function storedReports(): { description: string; media: number }[] {
  return server.db
    .prepare(`SELECT description, json_array_length(media_ids) AS media FROM cases WHERE description LIKE ?`)
    .all(`${marker} #%`) as { description: string; media: number }[];
}

/** Reports the page's outbox still keeps (its IndexedDB database, read directly). */
async function pendingOnDevice(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith('gridkit-outbox:reports@'));
    let total = 0;
    for (const name of names) {
      total += await new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames];
          if (stores.length === 0) return (db.close(), resolve(0));
          const tx = db.transaction(stores, 'readonly');
          let count = 0;
          for (const store of stores)
            tx.objectStore(store).count().onsuccess = (e) => (count += (e.target as IDBRequest<number>).result);
          tx.oncomplete = () => (db.close(), resolve(count));
        };
      });
    }
    return total;
  });
}

async function openReporter(context: BrowserContext, page: Page | undefined, gridId: string) {
  const target = page ?? (await context.newPage());
  await target.goto(`${server.url}/reporter.html?grid=${gridId}`);
  await target.evaluate((id) => document.querySelector('gk-issue-reporter')!.setAttribute('grid-id', id), gridId);
  return target;
}

/** One report through the widget, as a resident fills it: no extra fields, anonymous; every 10th with a photo. */
async function fileReport(page: Page, n: number, photo: Buffer) {
  const reporter = page.locator('gk-issue-reporter');
  const next = reporter.locator('form button[type="submit"]');
  await reporter.locator('input[value="green.space"]').check();
  await next.click();
  await reporter.locator('#address').fill(`小区中心花园 ${n} 号`);
  await next.click();
  await reporter.locator('form.step-photos').waitFor();
  if (n % 10 === 0) {
    await reporter
      .locator('#photo-library')
      .setInputFiles({ name: `p${n}.jpg`, mimeType: 'image/jpeg', buffer: photo });
    await reporter.locator('.thumb-ready').first().waitFor();
  }
  await next.click();
  await reporter.locator('#description').fill(`${marker} #${n} 绿地被踩秃了`);
  await next.click();
  await reporter.locator('#contact-anonymous').check();
  await next.click();
  await reporter.locator('form.step-review').waitFor();
  await next.click();
  // Sent (the receipt) or kept on the device (queued): either way the resident is done.
  await reporter.locator('#outcome-heading').waitFor({ timeout: 60_000 });
  const outcome = (await reporter.locator('[part="ticket"]').count()) > 0 ? 'sent' : 'queued';
  await reporter.getByRole('button', { name: '再反映一个问题' }).click();
  await reporter.locator('input[value="green.space"]').waitFor();
  return outcome;
}

it(
  `files ${reports} reports through faults, reloads and a restart: exactly one case each`,
  async () => {
    const random = seededRandom(seed);
    const counts = emptyCounts();
    const gridId = (
      server.db.prepare(`SELECT id FROM grids WHERE level = 'grid' ORDER BY code LIMIT 1`).get() as { id: string }
    ).id;
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    await injectWriteFaults(context, counts, { rate: 0.5, random });
    // A real photo, made by the browser's own encoder.
    let page = await openReporter(context, undefined, gridId);
    const photo = Buffer.from(
      await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(1200, 900);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = '#3a7';
        ctx.fillRect(0, 0, 1200, 900);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg' });
        return [...new Uint8Array(await blob.arrayBuffer())];
      }),
    );

    const outcomes = { sent: 0, queued: 0 };
    const port = Number(new URL(server.url).port);
    for (let n = 1; n <= reports; n += 1) {
      if (n % 19 === 0) {
        // Offline for this whole report: it must wait on the device.
        counts.offlineWindows += 1;
        await context.setOffline(true);
        const outcome = await fileReport(page, n, photo);
        outcomes[outcome] += 1;
        expect(outcome, 'a report made offline is kept on the device').toBe('queued');
        expect(await pendingOnDevice(page)).toBeGreaterThan(0);
        if (n % 38 === 0) {
          // The tab is closed while offline; a new one sends what the old one kept.
          counts.reloads += 1;
          await page.close();
          await context.setOffline(false);
          page = await openReporter(context, undefined, gridId);
          continue;
        }
        await context.setOffline(false);
        continue;
      }
      if (n % 23 === 0) {
        counts.reloads += 1;
        page = await openReporter(context, page, gridId);
      }
      if (n === Math.floor(reports / 2)) {
        counts.serverRestarts += 1;
        await server.close();
        server = await start(port);
      }
      outcomes[await fileReport(page, n, photo)] += 1;
    }
    // The last reload leaves whatever is still queued to the outbox of a fresh page.
    counts.reloads += 1;
    page = await openReporter(context, page, gridId);
    const deadline = Date.now() + 5 * 60_000;
    while ((await pendingOnDevice(page)) > 0 && Date.now() < deadline) {
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.waitForTimeout(1000);
    }

    const stored = storedReports();
    console.info(
      `reports ${reports}: ${outcomes.sent} acknowledged at once, ${outcomes.queued} queued; ` +
        `cases stored ${stored.length}; faults ${JSON.stringify(counts)}`,
    );
    expect(await pendingOnDevice(page)).toBe(0);
    const numbers = stored.map((row) => Number(/#(\d+) /.exec(row.description)![1]));
    expect(new Set(numbers).size, 'a report was stored twice').toBe(stored.length);
    expect(stored.length, 'a report was lost').toBe(reports);
    expect(stored.filter((row) => row.media === 1).length).toBe(Math.floor(reports / 10));
    expect(
      counts.dropAfterCommit + counts.timeoutAfterCommit + counts.unavailable + counts.networkError,
    ).toBeGreaterThan(reports / 5);
    await context.close();
    // A longer run by hand (GRIDKIT_E2E_REPORTS) gets about 6 s a report: faults and reloads slow some of them.
  },
  Math.max(30 * 60_000, reports * 6_000),
);
