/**
 * Public reads answered from memory (src/http/answer-cache.ts) must never
 * answer what is no longer true. Each test reads once so the answer is
 * remembered, changes the world the way a user or the clock would, and reads
 * again: the notice board after a notice is posted, retired, starts or ends;
 * the public case view after the case moves, after its dispute window ends,
 * and for callers with and without the tracking token. The answers are also
 * compared with a server that remembers nothing, and the read limit still
 * counts answers from memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.js';
import { handlers } from '../src/handlers/index.js';
import { openDatabase } from '../src/store/database.js';
import { createMediaStore } from '../src/store/media-files.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture, tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';

const DAY = 24 * 3_600_000;

/** Another server on the test fixture, with `options` (no rate limit). */
function fixtureApp(options: Partial<Parameters<typeof createApp>[0]>) {
  const db = openDatabase(':memory:');
  buildFixture(db);
  return createApp({
    db,
    media: createMediaStore(mkdtempSync(join(tmpdir(), 'gridkit-media-'))),
    handlers,
    rateLimit: false,
    ...options,
  });
}
let h: Harness;
afterEach(() => expect(h.contractBreaks).toEqual([]));

const boardTitles = async (harness: Harness) => {
  const response = await harness.request('/grids/G1/notice-board');
  expect(response.status).toBe(200);
  return ((await response.json()) as { notices: { title: string }[] }).notices.map((n) => n.title);
};

describe('the notice board from memory', () => {
  it('shows a notice posted after the board was read, and drops one retired', async () => {
    h = createHarness();
    expect(await boardTitles(h)).not.toContain('停电通知');
    const staff = h.client(tokens.workerG1);
    const notice = await staff.notices.create('G1', { title: '停电通知', body: '周五停电。', kind: 'announcement' });
    expect(await boardTitles(h)).toContain('停电通知');
    await staff.notices.retire(notice.id, '已恢复供电');
    expect(await boardTitles(h)).not.toContain('停电通知');
  });

  it('shows a notice from the moment it starts and hides it from the moment it ends, with no write between', async () => {
    h = createHarness({ now: new Date('2026-03-10T02:00:00.000Z') });
    await h.client(tokens.workerG1).notices.create('G1', {
      title: '体检通知',
      body: '周三上午社区体检。',
      kind: 'announcement',
      publishedAt: '2026-03-10T04:00:00.000Z',
      expiresAt: '2026-03-10T06:00:00.000Z',
    });
    expect(await boardTitles(h)).not.toContain('体检通知');
    h.clock.now = new Date('2026-03-10T03:59:59.999Z');
    expect(await boardTitles(h)).not.toContain('体检通知');
    h.clock.now = new Date('2026-03-10T04:00:00.000Z');
    expect(await boardTitles(h)).toContain('体检通知');
    h.clock.now = new Date('2026-03-10T05:59:59.999Z');
    expect(await boardTitles(h)).toContain('体检通知');
    h.clock.now = new Date('2026-03-10T06:00:00.000Z');
    expect(await boardTitles(h)).not.toContain('体检通知');
  });

  it('answers the same bytes and tags as a server that remembers nothing', async () => {
    h = createHarness();
    const forgetful = fixtureApp({ clock: () => h.clock.now, answerCache: false });
    for (const path of ['/grids/G1/notice-board', '/grids/G2/notice-board']) {
      for (let i = 0; i < 3; i++) {
        const remembered = await h.request(path);
        const fresh = await forgetful.fetch(new Request(`${h.baseUrl}${path}`));
        expect(remembered.headers.get('ETag')).toBe(fresh.headers.get('ETag'));
        expect(await remembered.text()).toBe(await fresh.text());
      }
    }
  });

  it('still answers 304 for the remembered answer’s tag', async () => {
    h = createHarness();
    const first = await h.request('/grids/G1/notice-board');
    const again = await h.request('/grids/G1/notice-board', {
      headers: { 'If-None-Match': first.headers.get('ETag')! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('the public case view from memory', () => {
  async function closedCase() {
    const receipt = await h.client().cases.create(report());
    const admin = h.client(tokens.adminD);
    let c = await admin.cases.get(receipt.id);
    for (const input of [
      { action: 'accept', publicNote: '已受理，三日内清运。' },
      { action: 'dispatch', assignee: { type: 'person', id: 'stf_g1', name: '王网格' } },
      { action: 'start' },
      { action: 'resolve' },
    ] as const)
      c = await admin.cases.transition(c.id, input, { version: c.version });
    await h.client(tokens.supervisorD).cases.transition(c.id, { action: 'verify' }, { version: c.version });
    return receipt;
  }

  it('follows the case: a read before a transition does not hide the transition', async () => {
    h = createHarness();
    const receipt = await h.client().cases.create(report());
    expect((await h.client().cases.getPublic(receipt.ticket)).status).toBe('submitted');
    const admin = h.client(tokens.adminD);
    const c = await admin.cases.get(receipt.id);
    await admin.cases.transition(c.id, { action: 'accept' }, { version: c.version });
    expect((await h.client().cases.getPublic(receipt.ticket)).status).toBe('accepted');
  });

  it('shows notes with the token only: a read with the token is not given to a read without, nor to a wrong token', async () => {
    h = createHarness();
    const receipt = await closedCase();
    const other = await h.client().cases.create(report({ description: '另一件：路灯不亮' }));
    const withToken = await h.client().cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(withToken.timeline.some((step) => step.publicNote === '已受理，三日内清运。')).toBe(true);
    const byTicket = await h.request(`/tickets/${receipt.ticket}`);
    expect(await byTicket.text()).not.toContain('已受理，三日内清运。');
    const wrong = await h.request(`/tickets/${receipt.ticket}`, {
      headers: { 'X-Tracking-Token': other.trackingToken },
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('已受理');
  });

  it('stops offering the dispute one millisecond after its window ends, with no write between', async () => {
    h = createHarness();
    const receipt = await closedCase();
    const view = await h.client().cases.getPublic(receipt.ticket);
    expect(view.canDispute).toBe(true);
    h.clock.now = new Date(Date.parse(view.disputeUntil!));
    expect((await h.client().cases.getPublic(receipt.ticket)).canDispute).toBe(true);
    h.clock.now = new Date(Date.parse(view.disputeUntil!) + 1);
    expect((await h.client().cases.getPublic(receipt.ticket)).canDispute).toBe(false);
    expect(Date.parse(view.disputeUntil!) - Date.parse(view.closedAt!)).toBe(7 * DAY);
  });

  it('counts answers from memory against the read limit: enumeration still meets 429', async () => {
    h = createHarness({ rateLimit: { perMinute: 1000, burst: 1000 } });
    // Writes are limited apart from reads: reads get the default public limit (120 a minute, bursts of 60).
    const receipt = await h.client().cases.create(report());
    const statuses: number[] = [];
    for (let i = 0; i < 400 && !statuses.includes(429); i++)
      statuses.push((await h.request(`/tickets/${receipt.ticket}`)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(1);
  });
});

describe('cross-origin answers', () => {
  it('a listed origin is allowed on answers from memory and from the database, an unlisted one is not', async () => {
    h = createHarness();
    const app = fixtureApp({ corsOrigins: ['https://portal.example.gov.cn'] });
    const get = (path: string, origin: string) =>
      app.fetch(new Request(`${h.baseUrl}${path}`, { headers: { Origin: origin } }));
    for (let i = 0; i < 2; i++) {
      const listed = await get('/grids/G1/notice-board', 'https://portal.example.gov.cn');
      expect(listed.headers.get('Access-Control-Allow-Origin')).toBe('https://portal.example.gov.cn');
      expect(listed.headers.get('Access-Control-Expose-Headers')).toContain('ETag');
      expect(listed.headers.get('Vary')).toContain('Origin');
      const unlisted = await get('/grids/G1/notice-board', 'https://elsewhere.example.com');
      expect(unlisted.headers.get('Access-Control-Allow-Origin')).toBeNull();
    }
    const missing = await get('/no-such-thing', 'https://portal.example.gov.cn');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Access-Control-Allow-Origin')).toBe('https://portal.example.gov.cn');
  });
});
