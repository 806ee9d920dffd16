import type { CaseReceipt, Notice } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/cases.js';
import { client, type GridkitClient, type Who } from './support/client.js';
import { caseInput, discover, type World } from './support/discovery.js';
import { expectProblem, expectRawProblem, key, shanghaiMonth, tag, type RawResult } from './support/helpers.js';

let world: World;
let kase: CaseReceipt;
let notice: Notice;
let marker: string;
beforeAll(async () => {
  world = await discover();
  marker = tag('auth');
  kase = (await report(world)).receipt;
  notice = await client('worker').notices.create(world.workerGrid.id, {
    title: `Auth ${marker}`,
    body: 'Auth test notice.',
    kind: 'announcement',
  });
});

type Call = (c: GridkitClient) => Promise<RawResult>;

const staffCalls: Array<[string, Call]> = [
  ['getCurrentStaff', (c) => c.raw.GET('/me')],
  ['listCases', (c) => c.raw.GET('/cases', { params: { query: { gridId: world.workerGrid.id } } })],
  ['getCase', (c) => c.raw.GET('/cases/{caseId}', { params: { path: { caseId: kase.id } } })],
  ['listCaseEvents', (c) => c.raw.GET('/cases/{caseId}/events', { params: { path: { caseId: kase.id } } })],
  [
    'transitionCase',
    (c) =>
      c.raw.POST('/cases/{caseId}/transitions', {
        params: { path: { caseId: kase.id }, header: { 'If-Match': '"1"', 'Idempotency-Key': key() } },
        body: { action: 'accept' },
      }),
  ],
  [
    'createNotice',
    (c) =>
      c.raw.POST('/grids/{gridId}/notices', {
        params: { path: { gridId: world.workerGrid.id }, header: { 'Idempotency-Key': key() } },
        body: { title: `Unauthorized ${marker}`, body: 'Must not be stored.', kind: 'announcement' },
      }),
  ],
  [
    'retireNotice',
    (c) =>
      c.raw.POST('/notices/{noticeId}/retire', {
        params: { path: { noticeId: notice.id }, header: { 'Idempotency-Key': key() } },
        body: {},
      }),
  ],
  [
    'createServiceLog',
    (c) =>
      c.raw.POST('/service-logs', {
        params: { header: { 'Idempotency-Key': key() } },
        body: {
          gridId: world.workerGrid.id,
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          kind: 'visit',
          subjectGroups: ['general'],
          summary: `Unauthorized ${marker}`,
          minutes: 5,
          outcome: 'resolved',
        },
      }),
  ],
  ['listServiceLogs', (c) => c.raw.GET('/service-logs', { params: { query: {} } })],
  [
    'getServiceLogSummary',
    (c) => c.raw.GET('/service-logs/summary', { params: { query: { month: shanghaiMonth() } } }),
  ],
  [
    'listNotices with includeExpired',
    (c) =>
      c.raw.GET('/grids/{gridId}/notices', {
        params: { path: { gridId: world.workerGrid.id }, query: { includeExpired: true } },
      }),
  ],
];

async function expectNothingChanged(): Promise<void> {
  expect((await client('admin').cases.get(kase.id)).version).toBe(1);
  const notices: Notice[] = [];
  for await (const n of client('admin').notices.iterate(world.workerGrid.id, { includeExpired: true, limit: 200 }))
    notices.push(n);
  expect(notices.find((n) => n.id === notice.id)?.retiredAt).toBeNull();
  expect(notices.some((n) => n.title.startsWith('Unauthorized') && n.title.includes(marker))).toBe(false);
  const logs = await client('admin').serviceLogs.list({ gridId: world.workerGrid.id, limit: 200 });
  expect(logs.items.some((l) => l.summary.includes(marker))).toBe(false);
}

describe('401 unauthenticated on staff operations', () => {
  const variants: Array<[string, Who | { headers: Record<string, string> }]> = [
    ['without a token', 'public'],
    ['with a bogus token', { token: 'conformance-bogus-token' }],
    ['with a non-Bearer Authorization', { headers: { Authorization: 'Basic Y29uZm9ybWFuY2U6eA==' } }],
  ];
  for (const [variant, who] of variants) {
    it.each(staffCalls)(`%s ${variant}`, async (_op, call) => {
      const c =
        typeof who === 'object' && 'headers' in who ? client('public', { headers: who.headers }) : client(who as Who);
      const result = await call(c);
      expectRawProblem(result, 401, 'unauthenticated');
      expect(result.response.headers.get('WWW-Authenticate') ?? '').toMatch(/^Bearer/i);
    });
  }

  it('createCase with a bogus token is 401', async () => {
    const result = await client({ token: 'conformance-bogus-token' }).raw.POST('/cases', {
      params: { header: { 'Idempotency-Key': key() } },
      body: caseInput(world, {}, marker),
    });
    expectRawProblem(result, 401, 'unauthenticated');
  });

  it('changed nothing', expectNothingChanged);
});

describe("403 forbidden outside the worker's jurisdiction", () => {
  let foreign: CaseReceipt;
  beforeAll(async () => {
    foreign = await client().cases.create(caseInput(world, { gridId: world.otherGrid.id }));
  });

  it('createServiceLog for another grid', async () => {
    const m = tag('foreignlog');
    await expectProblem(
      client('worker').serviceLogs.create({
        gridId: world.otherGrid.id,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        kind: 'visit',
        subjectGroups: ['general'],
        summary: `Foreign ${m}`,
        minutes: 5,
        outcome: 'resolved',
      }),
      403,
      'forbidden',
    );
    if (world.otherGridInAdmin) {
      const logs = await client('admin').serviceLogs.list({ gridId: world.otherGrid.id, limit: 200 });
      expect(logs.items.some((l) => l.summary.includes(m))).toBe(false);
    }
  });

  it('createNotice in another grid', async () => {
    const title = `Foreign ${tag('foreignnotice')}`;
    await expectProblem(
      client('worker').notices.create(world.otherGrid.id, { title, body: 'Not my grid.', kind: 'announcement' }),
      403,
      'forbidden',
    );
    const listed = await client().notices.list(world.otherGrid.id, { limit: 200 });
    expect(listed.items.some((n) => n.title === title)).toBe(false);
  });

  it('listNotices with includeExpired for another grid', async () => {
    await expectProblem(client('worker').notices.list(world.otherGrid.id, { includeExpired: true }), 403, 'forbidden');
  });

  it('retireNotice in another grid', async (ctx) => {
    if (!world.otherGridInAdmin) return ctx.skip(); // the admin cannot post there either
    const foreignNotice = await client('admin').notices.create(world.otherGrid.id, {
      title: `Foreign ${tag('retire')}`,
      body: 'Posted by the admin.',
      kind: 'announcement',
    });
    await expectProblem(client('worker').notices.retire(foreignNotice.id), 403, 'forbidden');
    const still = await client().notices.list(world.otherGrid.id, { limit: 200 });
    expect(still.items.map((n) => n.id)).toContain(foreignNotice.id);
  });

  it('getCase, listCaseEvents and transitionCase of a case in another grid', async () => {
    await expectProblem(client('worker').cases.get(foreign.id), 403, 'forbidden');
    await expectProblem(client('worker').cases.events(foreign.id), 403, 'forbidden');
    await expectProblem(
      client('worker').cases.transition(foreign.id, { action: 'accept' }, { version: 1 }),
      403,
      'forbidden',
    );
    expect((await client().cases.getPublic(foreign.ticket)).status).toBe('submitted');
  });

  it('listCases, listServiceLogs and getServiceLogSummary filtered on another grid', async () => {
    await expectProblem(client('worker').cases.list({ gridId: world.otherGrid.id }), 403, 'forbidden');
    await expectProblem(client('worker').serviceLogs.list({ gridId: world.otherGrid.id }), 403, 'forbidden');
    await expectProblem(
      client('worker').serviceLogs.summary({ month: shanghaiMonth(), gridId: world.otherGrid.id }),
      403,
      'forbidden',
    );
  });

  it("the worker's unfiltered case list leaves out cases of other grids", async () => {
    const page = await client('worker').cases.list({ q: foreign.ticket });
    expect(page.items).toEqual([]);
    const mine = await client('worker').cases.list({ q: kase.ticket });
    expect(mine.items.map((c) => c.id)).toEqual([kase.id]);
  });

  it('the admin sees the case and records service there when its subtree covers the other grid', async (ctx) => {
    if (!world.otherGridInAdmin) return ctx.skip();
    expect((await client('admin').cases.get(foreign.id)).gridId).toBe(world.otherGrid.id);
    expect((await client('admin').cases.list({ gridId: world.otherGrid.id, q: foreign.ticket })).items).toHaveLength(1);
    const log = await client('admin').serviceLogs.create({
      gridId: world.otherGrid.id,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      kind: 'inspection',
      subjectGroups: ['general'],
      summary: `Admin inspection ${tag('adminlog')}`,
      minutes: 10,
      outcome: 'resolved',
    });
    expect(log).toMatchObject({ gridId: world.otherGrid.id, workerId: world.admin.id });
  });

  it('changed nothing', expectNothingChanged);
});
