/**
 * The role × jurisdiction matrix: who may read and act on what.
 * Fixture: G1, G2 under C1 under S1; G3 under C2 under S2; all under D.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseLevel, GridkitError } from '@gridkit/sdk';
import { tokens, units } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';

let h: Harness;
afterEach(() => expect(h.contractBreaks).toEqual([]));

type Who = keyof typeof tokens;
const everyone = Object.keys(tokens) as Who[];

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: GridkitError) => e.status,
  );

/** A fresh accepted case in `gridId`, escalated to `level`. */
async function acceptedCase(gridId: string, level: CaseLevel) {
  const admin = h.client(tokens.adminD);
  const { id } = await h.client().cases.create(report({ gridId }));
  let c = await admin.cases.transition(id, { action: 'accept' }, { version: 1 });
  while (c.level !== level)
    c = await admin.cases.transition(id, { action: 'escalate', note: '上报' }, { version: c.version });
  return c;
}

describe('acting on a case (dispatch)', () => {
  // [grid, level the case is at] → who may act
  const matrix: [string, CaseLevel, Who[]][] = [
    ['G1', 'grid', ['workerG1', 'adminC1', 'adminS1', 'adminD']],
    ['G3', 'grid', ['workerG3', 'adminD']],
    ['G1', 'community', ['adminC1', 'adminS1', 'adminD']],
    ['G1', 'street', ['adminS1', 'adminD']],
    ['G1', 'district', ['adminD']],
    ['G3', 'community', ['adminD']],
  ];
  it.each(
    matrix.flatMap(([grid, level, allowed]) =>
      everyone.map((who) => ({ grid, level, who, allowed: allowed.includes(who) })),
    ),
  )('case in $grid at $level level, $who → allowed: $allowed', async ({ grid, level, who, allowed }) => {
    h = createHarness();
    const c = await acceptedCase(grid, level);
    const status = await outcome(
      h
        .client(tokens[who])
        .cases.transition(c.id, { action: 'dispatch', assignee: units.marketD }, { version: c.version }),
    );
    expect(status).toBe(allowed ? 200 : 403);
    expect((await h.client(tokens.adminD).cases.get(c.id)).status).toBe(allowed ? 'dispatched' : 'accepted');
  });
});

describe('reading cases', () => {
  it('lists only the cases inside each caller’s jurisdiction', async () => {
    h = createHarness();
    const c = h.client();
    for (const gridId of ['G1', 'G2', 'G3']) await c.cases.create(report({ gridId }));
    const seen = async (who: Who) => (await h.client(tokens[who]).cases.list()).items.map((x) => x.gridId).sort();
    expect(await seen('workerG1')).toEqual(['G1']);
    expect(await seen('workerG3')).toEqual(['G3']);
    expect(await seen('adminC1')).toEqual(['G1', 'G2']);
    expect(await seen('adminS1')).toEqual(['G1', 'G2']);
    expect(await seen('adminD')).toEqual(['G1', 'G2', 'G3']);
  });

  it('refuses a case or a grid filter outside the jurisdiction', async () => {
    h = createHarness();
    const { id } = await h.client().cases.create(report({ gridId: 'G3' }));
    expect(await outcome(h.client(tokens.workerG1).cases.get(id))).toBe(403);
    expect(await outcome(h.client(tokens.adminC1).cases.events(id))).toBe(403);
    expect(await outcome(h.client(tokens.adminC1).cases.list({ gridId: 'G3' }))).toBe(403);
    expect(await outcome(h.client(tokens.workerG3).cases.get(id))).toBe(200);
  });

  it('asks for a token on every staff operation and rejects a bogus one', async () => {
    h = createHarness();
    const { id } = await h.client().cases.create(report());
    const calls = (c: ReturnType<Harness['client']>) => [
      c.cases.list(),
      c.cases.get(id),
      c.cases.events(id),
      c.cases.transition(id, { action: 'accept' }, { version: 1 }),
      c.serviceLogs.list(),
      c.serviceLogs.summary({ month: '2026-03' }),
      c.session.me(),
      c.notices.create('G1', { title: '通知', body: '内容', kind: 'announcement' }),
    ];
    for (const client of [h.client(), h.client('bogus-token')]) {
      expect(await Promise.all(calls(client).map(outcome))).toEqual(Array(8).fill(401));
    }
    expect(h.count('notices')).toBe(0);
  });
});

describe('service logs and notices', () => {
  const log = (gridId: string) => ({
    gridId,
    occurredAt: '2026-03-10T01:00:00Z',
    kind: 'visit' as const,
    subjectGroups: ['elderly_alone' as const],
    summary: '走访独居老人',
    minutes: 20,
    outcome: 'resolved' as const,
  });
  // Supervisors and departments' staff are staff with a jurisdiction like admins: notices and service logs keep
  // today's rule (inside it).
  const matrix: [string, Who[]][] = [
    [
      'G1',
      [
        'workerG1',
        'adminC1',
        'adminS1',
        'adminD',
        'supervisorG1',
        'supervisorC1',
        'supervisorS1',
        'supervisorD',
        'departmentS1',
        'departmentD',
      ],
    ],
    [
      'G2',
      ['adminC1', 'adminS1', 'adminD', 'supervisorC1', 'supervisorS1', 'supervisorD', 'departmentS1', 'departmentD'],
    ],
    ['G3', ['workerG3', 'adminD', 'supervisorS2', 'supervisorD', 'departmentS2', 'departmentD']],
  ];
  it.each(matrix.flatMap(([grid, allowed]) => everyone.map((who) => ({ grid, who, allowed: allowed.includes(who) }))))(
    'service log and notice for $grid by $who → allowed: $allowed',
    async ({ grid, who, allowed }) => {
      h = createHarness();
      const client = h.client(tokens[who]);
      expect(await outcome(client.serviceLogs.create(log(grid)))).toBe(allowed ? 200 : 403);
      expect(
        await outcome(client.notices.create(grid, { title: '停水通知', body: '周六停水', kind: 'announcement' })),
      ).toBe(allowed ? 200 : 403);
      expect(h.count('service_logs')).toBe(allowed ? 1 : 0);
      expect(h.count('notices')).toBe(allowed ? 1 : 0);
    },
  );

  it('reports who the token belongs to', async () => {
    h = createHarness();
    expect(await h.client(tokens.workerG1).session.me()).toEqual({
      id: 'stf_g1',
      name: '王网格',
      role: 'grid_worker',
      gridIds: ['G1'],
    });
    expect(await h.client(tokens.adminS1).session.me()).toMatchObject({ role: 'admin', gridIds: ['S1'] });
    expect(await h.client(tokens.adminS1).session.me()).not.toHaveProperty('unit');
    // A department's staff member: their unit's area, and the unit itself.
    expect(await h.client(tokens.departmentS1).session.me()).toEqual({
      id: 'stf_ds1',
      name: '钱城管',
      role: 'department',
      gridIds: ['S1'],
      unit: { id: 'unit-cg', name: '一街道城管执法中队' },
    });
  });
});
