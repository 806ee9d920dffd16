/**
 * The public, read-mostly side: the grid tree, a grid's notice board and
 * notices (with staff posting and retiring), and the case categories.
 */
import { type Grid, type Notice } from '@gridkit/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokens } from './support/fixture.js';
import { createHarness, type Harness } from './support/harness.js';
import { failure, problemType, expectProblem } from './support/problems.js';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => {
  expect(h.contractBreaks).toEqual([]);
});

const ids = (items: { id: string }[]) => items.map((item) => item.id);

/** Every fixture node, ordered by code. */
const byCode = ['D', 'S1', 'C1', 'G1', 'G2', 'S2', 'C2', 'G3'];

/** A finer unit under G1 whose name and code hold Latin letters, for the case-insensitive search. */
function addBuilding(h: Harness): void {
  h.db
    .prepare(
      `INSERT INTO grids (id, code, name, level, parent_id, path, depth, households, updated_at)
       VALUES ('B1', '410502-001-001-01-A', 'Block A 楼栋', 'building', 'G1', '/D/S1/C1/G1/B1/', 4, 40, ?)`,
    )
    .run('2026-01-01T00:00:00.000Z');
}

// ---------------------------------------------------------------- grids

describe('listGrids', () => {
  it('without filters lists every node, ordered by code, on one page', async () => {
    const page = await h.client().grids.list();
    expect(ids(page.items)).toEqual(byCode);
    expect(page.items.map((g) => g.code)).toEqual([...page.items.map((g) => g.code)].sort());
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ['D', ['S1', 'S2']],
    ['C1', ['G1', 'G2']],
    ['S2', ['C2']],
    ['G1', []],
  ])('parentId=%s lists only its direct children', async (parentId, expected) => {
    const page = await h.client().grids.list({ parentId });
    expect(ids(page.items)).toEqual(expected);
    for (const grid of page.items) expect(grid.parentId).toBe(parentId);
  });

  it.each([
    ['grid', ['G1', 'G2', 'G3']],
    ['community', ['C1', 'C2']],
    ['street', ['S1', 'S2']],
    ['district', ['D']],
    ['building', []],
  ])('level=%s lists only nodes of that level', async (level, expected) => {
    const page = await h.client().grids.list({ level });
    expect(ids(page.items)).toEqual(expected);
  });

  it.each([
    ['一社区', ['C1', 'G1', 'G2']],
    ['第二网格', ['G2']],
    ['二社区', ['C2', 'G3']],
    ['410502-002', ['S2', 'C2', 'G3']],
    ['-01', ['G1', 'G3']],
    ['999', []],
  ])('q=%s matches the name or the code as a substring', async (q, expected) => {
    const page = await h.client().grids.list({ q });
    expect(ids(page.items)).toEqual(expected);
  });

  it('q is case-insensitive, on the name and on the code', async () => {
    addBuilding(h);
    expect(ids((await h.client().grids.list({ q: 'block a' })).items)).toEqual(['B1']);
    expect(ids((await h.client().grids.list({ q: 'BLOCK' })).items)).toEqual(['B1']);
    expect(ids((await h.client().grids.list({ q: '01-a' })).items)).toEqual(['B1']);
  });

  it('filters combine', async () => {
    expect(ids((await h.client().grids.list({ parentId: 'C1', q: '第二' })).items)).toEqual(['G2']);
    expect(ids((await h.client().grids.list({ level: 'grid', q: '二社区' })).items)).toEqual(['G3']);
    expect(ids((await h.client().grids.list({ parentId: 'C1', level: 'community' })).items)).toEqual([]);
  });

  it('limit=2 walks every node in code order, and the last page has nextCursor null', async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await h.client().grids.list({ limit: 2, cursor });
      pages.push(ids(page.items));
      if (page.nextCursor === null) break;
      expect(typeof page.nextCursor).toBe('string');
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([
      ['D', 'S1'],
      ['C1', 'G1'],
      ['G2', 'S2'],
      ['C2', 'G3'],
    ]);
  });

  it('pagination keeps the filters: level=grid, limit=2', async () => {
    const first = await h.client().grids.list({ level: 'grid', limit: 2 });
    expect(ids(first.items)).toEqual(['G1', 'G2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await h.client().grids.list({ level: 'grid', limit: 2, cursor: first.nextCursor! });
    expect(ids(second.items)).toEqual(['G3']);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['base64 of something else', Buffer.from('{"code":"410502"}').toString('base64url')],
    ['a cursor holding a number array', Buffer.from('[1,2,3]').toString('base64url')],
  ])('a forged cursor (%s) → 400 naming /query/cursor', async (_label, cursor) => {
    const problem = await expectProblem(
      await h.request(`/grids?cursor=${encodeURIComponent(cursor)}`),
      400,
      'validation-failed',
    );
    expect(problem.errors?.map((e) => e.path)).toContain('/query/cursor');
  });

  it('a cursor used with other filters → 400 (contract: BadRequest, "a cursor used with other filters")', async () => {
    const first = await h.client().grids.list({ level: 'grid', limit: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const problem = await expectProblem(
      await h.request(`/grids?level=street&limit=1&cursor=${first.nextCursor}`),
      400,
      'validation-failed',
    );
    expect(problem.errors?.map((e) => e.path)).toContain('/query/cursor');
  });
});

describe('getGrid and listGridAncestors', () => {
  it('a grid has its ancestors root-first in path, with names and levels, and its child count', async () => {
    const g1 = await h.client().grids.get('G1');
    expect(g1).toMatchObject({
      id: 'G1',
      code: '410502-001-001-01',
      name: '一社区第一网格',
      level: 'grid',
      parentId: 'C1',
      households: 300,
      childCount: 0,
    });
    expect(g1.path).toEqual([
      { id: 'D', name: '测试区', level: 'district' },
      { id: 'S1', name: '一街道', level: 'street' },
      { id: 'C1', name: '一社区', level: 'community' },
    ]);
  });

  it('childCount counts direct children only; a root has an empty path and parentId null', async () => {
    const d = await h.client().grids.get('D');
    expect(d).toMatchObject({ parentId: null, path: [], childCount: 2, level: 'district' });
    expect((await h.client().grids.get('C1')).childCount).toBe(2);
    expect((await h.client().grids.get('S2')).childCount).toBe(1);
    addBuilding(h);
    expect((await h.client().grids.get('G1')).childCount).toBe(1);
    const b1 = await h.client().grids.get('B1');
    expect(b1.level).toBe('building');
    expect(ids(b1.path)).toEqual(['D', 'S1', 'C1', 'G1']);
  });

  it('ancestors are full nodes, root first, excluding the node itself', async () => {
    const ancestors = await h.client().grids.ancestors('G3');
    expect(ids(ancestors)).toEqual(['D', 'S2', 'C2']);
    const [d, s2, c2] = ancestors as [Grid, Grid, Grid];
    expect(d).toMatchObject({ code: '410502', name: '测试区', parentId: null, path: [], childCount: 2 });
    expect(s2).toMatchObject({ code: '410502-002', parentId: 'D', childCount: 1 });
    expect(ids(s2.path)).toEqual(['D']);
    expect(c2).toMatchObject({ code: '410502-002-001', parentId: 'S2', childCount: 1 });
    expect(ids(c2.path)).toEqual(['D', 'S2']);
  });

  it('a root has no ancestors', async () => {
    expect(await h.client().grids.ancestors('D')).toEqual([]);
  });

  it.each(['/grids/G404', '/grids/G404/ancestors', '/grids/G404/notice-board', '/grids/G404/notices'])(
    '%s → 404 not-found',
    async (path) => {
      await expectProblem(await h.request(path), 404, 'not-found');
    },
  );
});

// ---------------------------------------------------------------- notice board

interface NoticeSeed {
  id: string;
  /** Offsets from clock.now, in minutes. */
  published: number;
  expires?: number | null;
  retired?: number | null;
  pinned?: boolean;
  title?: string;
  body?: string;
  gridId?: string;
}

function insertNotices(h: Harness, seeds: NoticeSeed[]): void {
  const at = (minutes: number | null | undefined) =>
    minutes === null || minutes === undefined ? null : new Date(h.clock.now.getTime() + minutes * 60_000).toISOString();
  const insert = h.db.prepare(
    `INSERT INTO notices (id, grid_id, title, body, kind, pinned, published_at, expires_at, retired_at,
       author_id, author_name, created_at)
     VALUES (?, ?, ?, ?, 'announcement', ?, ?, ?, ?, 'stf_g1', '王网格', ?)`,
  );
  for (const seed of seeds) {
    insert.run(
      seed.id,
      seed.gridId ?? 'G1',
      seed.title ?? `公告 ${seed.id}`,
      seed.body ?? `内容 ${seed.id}`,
      seed.pinned ? 1 : 0,
      at(seed.published),
      at(seed.expires),
      at(seed.retired),
      at(Math.min(seed.published, 0)),
    );
  }
}

const day = 24 * 60;
const scriptText = '<script>alert("x")</script> <b>粗体</b> & 3 > 2 — 请勿 <img src=x onerror=alert(1)>';

/** A board's worth of notices around clock.now: four current ones and five that must not show. */
const boardSeeds: NoticeSeed[] = [
  { id: 'ntc_pinned_old', published: -3 * day, pinned: true },
  { id: 'ntc_now', published: 0 },
  { id: 'ntc_script', published: -30, title: scriptText, body: `${scriptText}\n第二行` },
  { id: 'ntc_hour', published: -60, expires: day },
  { id: 'ntc_two_days', published: -2 * day },
  { id: 'ntc_expired', published: -5 * day, expires: -1 },
  { id: 'ntc_expires_now', published: -4 * day, expires: 0 },
  { id: 'ntc_retired', published: -day, retired: -60, pinned: true },
  { id: 'ntc_scheduled', published: 60, pinned: true },
  { id: 'ntc_other_grid', published: -60, gridId: 'G2' },
];
const currentOrder = ['ntc_pinned_old', 'ntc_now', 'ntc_script', 'ntc_hour', 'ntc_two_days'];

describe('getNoticeBoard', () => {
  it('has the grid, its leader, the team without the leader, service hours and services', async () => {
    const board = await h.client().notices.board('G1');
    expect(board.grid).toMatchObject({ id: 'G1', name: '一社区第一网格', level: 'grid' });
    expect(ids(board.grid.path)).toEqual(['D', 'S1', 'C1']);
    expect(board.leader).toMatchObject({ id: 'tm_1', name: '王网格', role: 'grid_leader', workPhone: '0372-5123456' });
    expect(ids(board.team)).toEqual(['tm_2']);
    expect(board.team[0]).toMatchObject({ name: '陈警官', role: 'police_officer', duties: ['治安巡逻'] });
    expect(board.serviceHours).toBe('周一至周五 8:30–17:30');
    expect(board.services).toEqual(['代办证明']);
    expect(board.notices).toEqual([]);
  });

  it('a grid without a team has leader null and an empty team', async () => {
    const board = await h.client().notices.board('G2');
    expect(board.leader).toBeNull();
    expect(board.team).toEqual([]);
  });

  it('shows current notices only, pinned first, then newest; expired, retired and scheduled ones are hidden', async () => {
    insertNotices(h, boardSeeds);
    const board = await h.client().notices.board('G1');
    expect(ids(board.notices)).toEqual(currentOrder);
  });

  it('follows the clock: an expiry takes a notice off, a scheduled one appears when its time comes', async () => {
    insertNotices(h, boardSeeds);
    h.clock.now = new Date(h.clock.now.getTime() + day * 60_000 + 1000);
    const board = await h.client().notices.board('G1');
    expect(ids(board.notices)).toEqual(['ntc_scheduled', 'ntc_pinned_old', 'ntc_now', 'ntc_script', 'ntc_two_days']);
  });

  it('text with markup comes back verbatim, as plain JSON text', async () => {
    insertNotices(h, boardSeeds);
    const response = await h.request('/grids/G1/notice-board');
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const board = (await response.json()) as { notices: Notice[] };
    const notice = board.notices.find((n) => n.id === 'ntc_script')!;
    expect(notice.title).toBe(scriptText);
    expect(notice.body).toBe(`${scriptText}\n第二行`);
  });

  it('a notice posted through the API with markup is stored and served verbatim', async () => {
    const posted = await h
      .client(tokens.workerG1)
      .notices.create('G1', { title: scriptText, body: `${scriptText}\r\n  缩进`, kind: 'alert' });
    expect(posted.title).toBe(scriptText);
    const served = (await h.client().notices.board('G1')).notices.find((n) => n.id === posted.id)!;
    expect(served.title).toBe(scriptText);
    expect(served.body).toBe(`${scriptText}\r\n  缩进`);
  });

  it('updatedAt moves when a notice is retired (it is when anything on the board last changed)', async () => {
    const worker = h.client(tokens.workerG1);
    const posted = await worker.notices.create('G1', { title: '临时通知', body: '今天下午停电。', kind: 'alert' });
    const before = await h.client().notices.board('G1');
    expect(Date.parse(before.updatedAt)).toBeGreaterThanOrEqual(Date.parse(posted.publishedAt));
    h.clock.now = new Date(h.clock.now.getTime() + 2 * 60 * 60_000);
    const retired = await worker.notices.retire(posted.id);
    const after = await h.client().notices.board('G1');
    expect(after.notices).toEqual([]);
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(retired.retiredAt!));
  });
});

// ---------------------------------------------------------------- listNotices

describe('listNotices', () => {
  beforeEach(() => insertNotices(h, boardSeeds));

  const everyG1Notice = [
    'ntc_scheduled',
    'ntc_retired',
    'ntc_pinned_old',
    'ntc_now',
    'ntc_script',
    'ntc_hour',
    'ntc_two_days',
    'ntc_expires_now',
    'ntc_expired',
  ];

  it('without includeExpired, anyone sees the current notices in board order', async () => {
    const page = await h.client().notices.list('G1');
    expect(ids(page.items)).toEqual(currentOrder);
    expect(page.nextCursor).toBeNull();
    expect(ids((await h.client().notices.list('G1', { includeExpired: false })).items)).toEqual(currentOrder);
  });

  it('includeExpired without a token → 401 with WWW-Authenticate', async () => {
    const response = await h.request('/grids/G1/notices?includeExpired=true');
    await expectProblem(response, 401, 'unauthenticated');
    expect(response.headers.get('WWW-Authenticate')).toEqual(expect.stringMatching(/^Bearer/));
  });

  it('an invalid token is 401 even without includeExpired (never silently ignored)', async () => {
    await expectProblem(await h.request('/grids/G1/notices', { token: 'expired-token' }), 401, 'unauthenticated');
  });

  it('includeExpired by a worker of another grid → 403', async () => {
    const error = await failure(h.client(tokens.workerG3).notices.list('G1', { includeExpired: true }));
    expect(error.status).toBe(403);
    expect(error.type).toBe(problemType('forbidden'));
  });

  it.each([
    ['the grid’s worker', tokens.workerG1],
    ['the community admin', tokens.adminC1],
    ['the district admin', tokens.adminD],
  ])(
    'includeExpired by %s lists expired, retired and scheduled notices too, pinned first then newest',
    async (_who, token) => {
      const page = await h.client(token).notices.list('G1', { includeExpired: true });
      expect(ids(page.items)).toEqual(everyG1Notice);
      const retired = page.items.find((n) => n.id === 'ntc_retired')!;
      expect(retired.retiredAt).toEqual(expect.any(String));
    },
  );

  it('limit=2 pages through includeExpired in the same order, ending with nextCursor null', async () => {
    const worker = h.client(tokens.workerG1);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await worker.notices.list('G1', { includeExpired: true, limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.items));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(everyG1Notice);
  });
});

// ---------------------------------------------------------------- createNotice and retireNotice

describe('createNotice', () => {
  it('by the grid’s worker: 201, author is the worker, defaults applied, shown on the board', async () => {
    const notice = await h
      .client(tokens.workerG1)
      .notices.create('G1', { title: '停水通知', body: '3月12日9:00–12:00停水。', kind: 'announcement' });
    expect(notice).toMatchObject({
      gridId: 'G1',
      title: '停水通知',
      body: '3月12日9:00–12:00停水。',
      kind: 'announcement',
      pinned: false,
      expiresAt: null,
      retiredAt: null,
      author: { id: 'stf_g1', name: '王网格' },
    });
    expect(Date.parse(notice.publishedAt)).toBe(h.clock.now.getTime());
    const board = await h.client().notices.board('G1');
    expect(board.notices).toEqual([notice]);
  });

  it('a pinned notice goes before older pinned-less ones; a scheduled one waits', async () => {
    insertNotices(h, [{ id: 'ntc_recent', published: -1 }]);
    const worker = h.client(tokens.workerG1);
    const pinned = await worker.notices.create('G1', {
      title: '寒潮预警',
      body: '注意保暖。',
      kind: 'alert',
      pinned: true,
      publishedAt: new Date(h.clock.now.getTime() - 60 * 60_000).toISOString(),
    });
    const scheduled = await worker.notices.create('G1', {
      title: '义诊',
      body: '下周义诊。',
      kind: 'event',
      publishedAt: '2026-03-12T01:00:00Z',
      expiresAt: '2026-03-14T04:00:00Z',
    });
    expect(pinned.pinned).toBe(true);
    expect(ids((await h.client().notices.board('G1')).notices)).toEqual([pinned.id, 'ntc_recent']);
    const all = await worker.notices.list('G1', { includeExpired: true });
    expect(ids(all.items)).toEqual([pinned.id, scheduled.id, 'ntc_recent']);
  });

  it('by a community admin for a grid of the community: 201', async () => {
    const notice = await h.client(tokens.adminC1).notices.create('G2', { title: '通知', body: '内容', kind: 'policy' });
    expect(notice).toMatchObject({ gridId: 'G2', author: { id: 'stf_c1', name: '张社区' } });
  });

  it('by a worker of another grid → 403, nothing stored', async () => {
    const error = await failure(
      h.client(tokens.workerG3).notices.create('G1', { title: '越权', body: '不应出现', kind: 'announcement' }),
    );
    expect(error.status).toBe(403);
    expect(error.type).toBe(problemType('forbidden'));
    expect(h.count('notices')).toBe(0);
  });

  it('without a token → 401, nothing stored', async () => {
    const error = await failure(
      h.client().notices.create('G1', { title: '匿名', body: '不应出现', kind: 'announcement' }),
    );
    expect(error.status).toBe(401);
    expect(error.type).toBe(problemType('unauthenticated'));
    expect(h.count('notices')).toBe(0);
  });
});

describe('retireNotice', () => {
  it('sets retiredAt, takes the notice off the board, keeps it in the staff list', async () => {
    const worker = h.client(tokens.workerG1);
    const notice = await worker.notices.create('G1', { title: '停水通知', body: '明天停水。', kind: 'announcement' });
    h.clock.now = new Date(h.clock.now.getTime() + 30 * 60_000);
    const retired = await worker.notices.retire(notice.id, '已恢复供水');
    expect(retired).toMatchObject({ id: notice.id, title: '停水通知', publishedAt: notice.publishedAt });
    expect(Date.parse(retired.retiredAt!)).toBe(h.clock.now.getTime());
    expect((await h.client().notices.board('G1')).notices).toEqual([]);
    expect((await h.client().notices.list('G1')).items).toEqual([]);
    const all = await worker.notices.list('G1', { includeExpired: true });
    expect(all.items).toEqual([retired]);
  });

  it('a second retire → 409 notice-already-retired, and the first retiredAt stays', async () => {
    const worker = h.client(tokens.workerG1);
    const notice = await worker.notices.create('G1', { title: '通知', body: '内容', kind: 'announcement' });
    const first = await worker.notices.retire(notice.id);
    h.clock.now = new Date(h.clock.now.getTime() + 60 * 60_000);
    const error = await failure(worker.notices.retire(notice.id));
    expect(error.status).toBe(409);
    expect(error.type).toBe(problemType('notice-already-retired'));
    const [stored] = (await worker.notices.list('G1', { includeExpired: true })).items;
    expect(stored!.retiredAt).toBe(first.retiredAt);
  });

  it('a retry with the same Idempotency-Key replays the original 200', async () => {
    const worker = h.client(tokens.workerG1);
    const notice = await worker.notices.create('G1', { title: '通知', body: '内容', kind: 'announcement' });
    const send = () =>
      h.request(`/notices/${notice.id}/retire`, {
        method: 'POST',
        token: tokens.workerG1,
        headers: { 'Idempotency-Key': 'retire-once-0001' },
        body: JSON.stringify({ reason: '重复' }),
      });
    const first = await send();
    expect(first.status).toBe(200);
    const second = await send();
    expect(second.status).toBe(200);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
  });

  it('by a worker of another grid → 403 and the notice stays up', async () => {
    const notice = await h.client(tokens.workerG1).notices.create('G1', { title: '通知', body: '内容', kind: 'event' });
    const error = await failure(h.client(tokens.workerG3).notices.retire(notice.id));
    expect(error.status).toBe(403);
    expect(ids((await h.client().notices.board('G1')).notices)).toEqual([notice.id]);
  });

  it('an unknown notice → 404', async () => {
    const error = await failure(h.client(tokens.adminD).notices.retire('ntc_doesnotexist'));
    expect(error.status).toBe(404);
    expect(error.type).toBe(problemType('not-found'));
  });
});

// ---------------------------------------------------------------- categories

const manholeCategory = {
  code: 'road.manhole',
  name: { 'zh-CN': '井盖', en: 'Manhole cover' },
  kind: 'component',
  slaHours: 48,
  defaultPriority: 'ordinary',
  requiresLocation: true,
  requiresPhoto: true,
  attributes: [
    {
      code: 'damage',
      label: { 'zh-CN': '损坏情况', en: 'Damage' },
      datatype: 'singlevaluelist',
      required: true,
      order: 1,
      options: [
        { key: 'missing', label: { 'zh-CN': '缺失', en: 'Missing' } },
        { key: 'broken', label: { 'zh-CN': '破损', en: 'Broken' } },
      ],
    },
  ],
};

describe('categories', () => {
  it('listCategories lists every category, ordered by code', async () => {
    const page = await h.client().categories.list();
    expect(page.items.map((c) => c.code)).toEqual(['dispute.neighbour', 'env.garbage', 'road.manhole']);
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ['component', ['road.manhole']],
    ['event', ['env.garbage']],
    ['dispute', ['dispute.neighbour']],
    ['service', []],
  ] as const)('kind=%s lists only that kind', async (kind, expected) => {
    const page = await h.client().categories.list({ kind });
    expect(page.items.map((c) => c.code)).toEqual(expected);
    for (const category of page.items) expect(category.kind).toBe(kind);
  });

  it('limit=1 pages through every category once', async () => {
    const seen: string[] = [];
    for await (const category of h.client().categories.iterate({ limit: 1 })) seen.push(category.code);
    expect([...seen].sort()).toEqual(['dispute.neighbour', 'env.garbage', 'road.manhole']);
  });

  it('getCategory returns the SLA, requirements and attributes with their options', async () => {
    expect(await h.client().categories.get('road.manhole')).toEqual(manholeCategory);
    expect(await h.client().categories.get('env.garbage')).toMatchObject({
      kind: 'event',
      slaHours: 24,
      requiresLocation: false,
      requiresPhoto: false,
      attributes: [],
    });
  });

  it('attributes have code, label, datatype, required and order; list attributes have options', async () => {
    const { items } = await h.client().categories.list();
    const attributes = items.flatMap((c) => c.attributes);
    expect(attributes.map((a) => a.code).sort()).toEqual(['damage', 'households']);
    for (const attribute of attributes) {
      expect(attribute.code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(typeof attribute.label['zh-CN']).toBe('string');
      expect(typeof attribute.required).toBe('boolean');
      expect(Number.isInteger(attribute.order)).toBe(true);
      if (attribute.datatype.endsWith('valuelist')) expect(attribute.options?.length).toBeGreaterThan(0);
    }
    expect(attributes.find((a) => a.code === 'households')).toMatchObject({ datatype: 'number', required: false });
  });

  it('an unknown category → 404', async () => {
    const error = await failure(h.client().categories.get('env.nothing'));
    expect(error.status).toBe(404);
    expect(error.type).toBe(problemType('not-found'));
  });

  it('a malformed category code → 400 naming /path/categoryCode', async () => {
    const problem = await expectProblem(await h.request('/categories/Env.Garbage'), 400, 'validation-failed');
    expect(problem.errors?.map((e) => e.path)).toContain('/path/categoryCode');
  });
});
