/**
 * Conditional reads: the public reads a kiosk repeats carry a strong `ETag`
 * and `Cache-Control: no-cache`; `If-None-Match` with the current tag is a
 * bodiless 304, and any change to the answer (a new notice, a case closed,
 * the clock expiring a notice) gives a new tag and the whole answer again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCase, createHarness, report, type Harness } from './support/harness.js';
import { tokens } from './support/fixture.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => expect(h.contractBreaks).toEqual([]));

const get = (path: string, ifNoneMatch?: string) =>
  h.request(path, ifNoneMatch ? { headers: { 'If-None-Match': ifNoneMatch } } : {});

const reads = [
  '/grids?limit=5',
  '/grids/G1',
  '/grids/G1/ancestors',
  '/grids/G1/notice-board',
  '/grids/G1/notices',
  '/categories',
  '/stats/resolution?gridId=D&from=2026-01-01&to=2026-03-31',
];

describe('conditional reads', () => {
  it.each(reads)('%s: a strong ETag and no-cache, then 304 without a body for the same tag', async (path) => {
    const first = await get(path);
    expect(first.status).toBe(200);
    const tag = first.headers.get('ETag')!;
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers.get('Cache-Control')).toBe('no-cache');
    const again = await get(path, tag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('ETag')).toBe(tag);
    // A list of tags, a weak form of the same tag and `*` match too; another tag does not.
    expect((await get(path, `"other", W/${tag}`)).status).toBe(304);
    expect((await get(path, '*')).status).toBe(304);
    const miss = await get(path, '"not-this-one"');
    expect(miss.status).toBe(200);
    expect(await miss.json()).toEqual(await first.json());
  });

  it('a new notice changes the board’s tag: the old tag gets the whole new board', async () => {
    const before = await get('/grids/G1/notice-board');
    const tag = before.headers.get('ETag')!;
    await h
      .client(tokens.workerG1)
      .notices.create('G1', { title: '停水通知', body: '明日 9:00–12:00 停水。', kind: 'announcement' });
    const after = await get('/grids/G1/notice-board', tag);
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(tag);
    expect(((await after.json()) as { notices: { title: string }[] }).notices.map((n) => n.title)).toContain(
      '停水通知',
    );
  });

  it('the clock alone changes a board: a notice that expires gives a new tag', async () => {
    h.clock.now = new Date('2026-03-10T02:00:00.000Z');
    await h.client(tokens.workerG1).notices.create('G1', {
      title: '限时通知',
      body: '今日有效。',
      kind: 'announcement',
      expiresAt: '2026-03-10T10:00:00.000Z',
    });
    const before = await get('/grids/G1/notice-board');
    h.clock.now = new Date('2026-03-10T11:00:00.000Z');
    const after = await get('/grids/G1/notice-board', before.headers.get('ETag')!);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { notices: { title: string }[] }).notices.map((n) => n.title)).not.toContain(
      '限时通知',
    );
  });

  it('a closed case changes the statistics’ tag', async () => {
    const path = '/stats/resolution?gridId=D&from=2026-03-01&to=2026-03-31';
    const before = await get(path);
    const { id } = await h.client().cases.create(report({ gridId: 'G1' }));
    await closeCase(h.client(tokens.adminD), id, h.client(tokens.supervisorD));
    const after = await get(path, before.headers.get('ETag')!);
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'));
  });

  it('staff reads and the ticket view are not revalidated: no ETag, so no 304', async () => {
    const staff = await h.request('/cases?limit=1', { token: tokens.adminD });
    expect(staff.status).toBe(200);
    expect(staff.headers.get('ETag')).toBeNull();
  });
});
