import type { Notice, NoticeInput, ValidationIssue } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { client, type Who } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import {
  expectIssueCodes,
  expectIssuesAt,
  expectProblem,
  expectRawProblem,
  expectUnknownPropertyIssue,
  key,
  RFC3339,
  tag,
} from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function noticeInput(overrides: Partial<NoticeInput> = {}, marker = tag('notice')): NoticeInput {
  return {
    title: `Conformance ${marker}`,
    body: `Body of ${marker}.\nSecond line.`,
    kind: 'announcement',
    ...overrides,
  };
}

async function allNotices(gridId: string, who: Who, includeExpired: boolean): Promise<Notice[]> {
  const out: Notice[] = [];
  for await (const n of client(who).notices.iterate(gridId, { includeExpired, limit: 200 })) out.push(n);
  return out;
}

function expectBoardOrder(items: Notice[]): void {
  // Pinned first, then newest publishedAt first.
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    if (a.pinned !== b.pinned) expect(a.pinned, 'pinned notices come first').toBe(true);
    else expect(Date.parse(a.publishedAt)).toBeGreaterThanOrEqual(Date.parse(b.publishedAt));
  }
}

describe('getNoticeBoard', () => {
  it('returns the grid, leader, team, service hours, services and current notices only', async () => {
    const board = await client().notices.board(world.workerGrid.id);
    expect(board.grid.id).toBe(world.workerGrid.id);
    expect(board.leader === null || typeof board.leader.name === 'string').toBe(true);
    for (const m of [...(board.leader ? [board.leader] : []), ...board.team]) {
      expect(m.role).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(Array.isArray(m.duties)).toBe(true);
      expect(m.photoUrl === null || typeof m.photoUrl === 'string').toBe(true);
      expect(m.workPhone === null || typeof m.workPhone === 'string').toBe(true);
    }
    expect(typeof board.serviceHours).toBe('string');
    expect(Array.isArray(board.services)).toBe(true);
    expect(board.updatedAt).toMatch(RFC3339);
    const now = Date.now();
    for (const n of board.notices) {
      expect(n.retiredAt).toBeNull();
      expect(Date.parse(n.publishedAt)).toBeLessThanOrEqual(now + 60_000);
      if (n.expiresAt) expect(Date.parse(n.expiresAt)).toBeGreaterThan(now - 60_000);
    }
    expectBoardOrder(board.notices);
  });

  it('returns 404 not-found for an unknown grid', async () => {
    await expectProblem(client().notices.board('conformance-no-such-grid'), 404, 'not-found');
  });
});

describe('createNotice, listNotices, retireNotice', () => {
  it('the worker posts a notice in their grid: 201, author is the worker, visible on the board and in the list', async () => {
    const input = noticeInput({ pinned: true, kind: 'alert' });
    const notice = await client('worker').notices.create(world.workerGrid.id, input, { idempotencyKey: key() });
    expect(notice).toMatchObject({
      gridId: world.workerGrid.id,
      title: input.title,
      body: input.body,
      kind: 'alert',
      pinned: true,
      retiredAt: null,
      expiresAt: null,
    });
    expect(notice.author?.id).toBe(world.worker.id);
    expect(Math.abs(Date.parse(notice.publishedAt) - Date.now())).toBeLessThan(10 * 60_000);

    const listed = await allNotices(world.workerGrid.id, 'public', false);
    expect(listed.find((n) => n.id === notice.id)).toEqual(notice);
    expectBoardOrder(listed);
    const board = await client().notices.board(world.workerGrid.id);
    expect(board.notices.map((n) => n.id)).toContain(notice.id);
    expect(Date.parse(board.updatedAt)).toBeGreaterThanOrEqual(Date.parse(notice.publishedAt));
  });

  it('defaults pinned to false and keeps plain text verbatim', async () => {
    const body = 'Line 1 <b>not html</b> & "quotes"\nLine 2';
    const notice = await client('worker').notices.create(world.workerGrid.id, noticeInput({ body }));
    expect(notice.pinned).toBe(false);
    expect(notice.body).toBe(body);
  });

  it('orders the list pinned first, then newest first', async () => {
    await client('worker').notices.create(world.workerGrid.id, noticeInput({ pinned: false }));
    await client('worker').notices.create(world.workerGrid.id, noticeInput({ pinned: true }));
    expectBoardOrder(await allNotices(world.workerGrid.id, 'public', false));
    expectBoardOrder(await allNotices(world.workerGrid.id, 'admin', true));
  });

  it('hides scheduled and expired notices from the public list and board, shows them to staff with includeExpired', async () => {
    const now = Date.now();
    const scheduled = await client('worker').notices.create(
      world.workerGrid.id,
      noticeInput({ publishedAt: iso(now + 48 * HOUR), expiresAt: iso(now + 96 * HOUR) }),
    );
    // Expires a few seconds from now (an expiry already past at posting time is pointless, and
    // some servers refuse it), then the test waits until it has expired.
    const expiresAt = Math.ceil((Date.now() + 3_000) / 1000) * 1000;
    const expired = await client('worker').notices.create(
      world.workerGrid.id,
      noticeInput({ publishedAt: iso(now - 48 * HOUR), expiresAt: iso(expiresAt) }),
    );
    expect((await allNotices(world.workerGrid.id, 'public', false)).map((n) => n.id)).toContain(expired.id);
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 1_000));
    const publicIds = (await allNotices(world.workerGrid.id, 'public', false)).map((n) => n.id);
    expect(publicIds).not.toContain(scheduled.id);
    expect(publicIds).not.toContain(expired.id);
    const boardIds = (await client().notices.board(world.workerGrid.id)).notices.map((n) => n.id);
    expect(boardIds).not.toContain(scheduled.id);
    expect(boardIds).not.toContain(expired.id);
    for (const who of ['worker', 'admin'] as const) {
      const staffIds = (await allNotices(world.workerGrid.id, who, true)).map((n) => n.id);
      expect(staffIds).toContain(scheduled.id);
      expect(staffIds).toContain(expired.id);
    }
  });

  it('retires a notice: 200 with retiredAt, gone from the board, still listed for staff; a second retire is 409', async () => {
    const notice = await client('worker').notices.create(world.workerGrid.id, noticeInput());
    const retireKey = key();
    const retired = await client('worker').notices.retire(notice.id, 'Conformance: event cancelled', {
      idempotencyKey: retireKey,
    });
    expect(retired.id).toBe(notice.id);
    expect(retired.retiredAt).toMatch(RFC3339);

    expect((await allNotices(world.workerGrid.id, 'public', false)).map((n) => n.id)).not.toContain(notice.id);
    expect((await client().notices.board(world.workerGrid.id)).notices.map((n) => n.id)).not.toContain(notice.id);
    const staff = (await allNotices(world.workerGrid.id, 'admin', true)).find((n) => n.id === notice.id);
    expect(staff?.retiredAt).toBe(retired.retiredAt);

    // Same key → the original 200 replayed; new key → 409.
    const replay = await client('worker').raw.POST('/notices/{noticeId}/retire', {
      params: { path: { noticeId: notice.id }, header: { 'Idempotency-Key': retireKey } },
      body: { reason: 'Conformance: event cancelled' },
    });
    expect(replay.response.status).toBe(200);
    expect(replay.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.data).toEqual(retired);
    await expectProblem(
      client('worker').notices.retire(notice.id, undefined, { idempotencyKey: key() }),
      409,
      'notice-already-retired',
    );
  });

  it('retires without a body', async () => {
    const notice = await client('admin').notices.create(world.workerGrid.id, noticeInput());
    const retired = await client('admin').notices.retire(notice.id);
    expect(retired.retiredAt).toMatch(RFC3339);
  });

  it('replays createNotice with the same Idempotency-Key: same notice, only one stored', async () => {
    const input = noticeInput();
    const k = key();
    const first = await client('worker').raw.POST('/grids/{gridId}/notices', {
      params: { path: { gridId: world.workerGrid.id }, header: { 'Idempotency-Key': k } },
      body: input,
    });
    const second = await client('worker').raw.POST('/grids/{gridId}/notices', {
      params: { path: { gridId: world.workerGrid.id }, header: { 'Idempotency-Key': k } },
      body: input,
    });
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    expect(second.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.data).toEqual(first.data);
    const stored = (await allNotices(world.workerGrid.id, 'admin', true)).filter((n) => n.title === input.title);
    expect(stored).toHaveLength(1);
    const reused = await client('worker').raw.POST('/grids/{gridId}/notices', {
      params: { path: { gridId: world.workerGrid.id }, header: { 'Idempotency-Key': k } },
      body: { ...input, title: `${input.title} (changed)` },
    });
    expectIssueCodes(expectRawProblem(reused, 422, 'idempotency-key-reused').errors, ['key_reused']);
  });

  it('rejects expiresAt not after publishedAt with 422 invalid_period, storing nothing', async () => {
    const now = Date.now();
    const input = noticeInput({ publishedAt: iso(now + HOUR), expiresAt: iso(now) });
    const error = await expectProblem(
      client('worker').notices.create(world.workerGrid.id, input),
      422,
      'unprocessable',
    );
    expectIssueCodes(error.errors, ['invalid_period']);
    expect((await allNotices(world.workerGrid.id, 'admin', true)).some((n) => n.title === input.title)).toBe(false);
  });

  describe('invalid bodies are 400 with the field paths, and store nothing', () => {
    const cases: Array<[string, (i: NoticeInput) => unknown, (errors: ValidationIssue[]) => void]> = [
      ['missing title', ({ title: _t, ...rest }) => rest, (e) => expectIssuesAt(e, ['/body/title'])],
      [
        'missing body and kind',
        ({ body: _b, kind: _k, ...rest }) => rest,
        (e) => expectIssuesAt(e, ['/body/body', '/body/kind']),
      ],
      [
        'title too long (121)',
        (i) => ({ ...i, title: `${i.title}${'x'.repeat(121)}` }),
        (e) => expectIssuesAt(e, ['/body/title']),
      ],
      ['unknown kind', (i) => ({ ...i, kind: 'gossip' }), (e) => expectIssuesAt(e, ['/body/kind'])],
      ['pinned as a string', (i) => ({ ...i, pinned: 'yes' }), (e) => expectIssuesAt(e, ['/body/pinned'])],
      [
        'publishedAt not a date-time',
        (i) => ({ ...i, publishedAt: 'tomorrow' }),
        (e) => expectIssuesAt(e, ['/body/publishedAt']),
      ],
      ['unknown property', (i) => ({ ...i, author: 'me' }), (e) => expectUnknownPropertyIssue(e, '/body', 'author')],
      ['body too long (5001)', (i) => ({ ...i, body: 'x'.repeat(5001) }), (e) => expectIssuesAt(e, ['/body/body'])],
    ];
    it.each(cases)('%s', async (_name, mutate, check) => {
      const marker = tag('badnotice');
      const input = noticeInput({}, marker);
      const result = await client('worker').raw.POST('/grids/{gridId}/notices', {
        params: { path: { gridId: world.workerGrid.id }, header: { 'Idempotency-Key': key() } },
        body: mutate(input) as NoticeInput,
      });
      check(expectRawProblem(result, 400, 'validation-failed').errors);
      const stored = await allNotices(world.workerGrid.id, 'admin', true);
      expect(stored.some((n) => n.title.includes(marker) || n.body.includes(marker))).toBe(false);
    });
  });

  it('rejects an invalid retire body with 400 and leaves the notice on the board', async () => {
    const notice = await client('worker').notices.create(world.workerGrid.id, noticeInput());
    for (const body of [{ reason: 'x'.repeat(501) }, { reason: 'ok', extra: true }, { reason: 42 }]) {
      const result = await client('worker').raw.POST('/notices/{noticeId}/retire', {
        params: { path: { noticeId: notice.id }, header: { 'Idempotency-Key': key() } },
        body: body as never,
      });
      const problem = expectRawProblem(result, 400, 'validation-failed');
      if ('extra' in body) expectUnknownPropertyIssue(problem.errors, '/body', 'extra');
      else expectIssuesAt(problem.errors, ['/body/reason']);
    }
    expect((await allNotices(world.workerGrid.id, 'public', false)).map((n) => n.id)).toContain(notice.id);
  });

  it('returns 404 for an unknown grid (list, create) and an unknown notice (retire)', async () => {
    await expectProblem(client().notices.list('conformance-no-such-grid'), 404, 'not-found');
    await expectProblem(client('admin').notices.create('conformance-no-such-grid', noticeInput()), 404, 'not-found');
    await expectProblem(client('admin').notices.retire('conformance-no-such-notice'), 404, 'not-found');
  });

  it('rejects limit=0 on listNotices with 400', async () => {
    const result = await client().raw.GET('/grids/{gridId}/notices', {
      params: { path: { gridId: world.workerGrid.id }, query: { limit: 0 } },
    });
    expectIssuesAt(expectRawProblem(result, 400, 'validation-failed').errors, ['/query/limit']);
  });
});
