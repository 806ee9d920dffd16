/**
 * Departments (issue 9, item 3): functional departments are units on record
 * whose staff (role `department`) report what their inspections find into
 * the grids of their area (channel `department`, counted in stats by
 * channel), are dispatched cases (an assignee is a unit or person on record,
 * never free text) and start and resolve those cases — nothing else. Staff
 * report only into grids inside their jurisdiction. The role × action ×
 * state matrix of department staff is checked against an oracle written out
 * here from the contract's words; every refusal is checked in SQLite too.
 *
 * Fixture (test/support/fixture.ts): S1 has 一街道环卫所 (unit-env) and
 * 一街道城管执法中队 (unit-cg, staff department-s1); S2 二街道派出所
 * (unit-police-s2, department-s2); D 测试区市场监督管理局 (unit-market-d,
 * department-d); C1 一社区居委会 (unit-c1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseActionValues, unitsResource, type CaseAction, type CaseLevel, type CaseStatus } from '@gridkit/sdk';
import { tokens, units } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';
import { expectProblem, failure, problemType } from './support/problems.js';
import { transitionsOn } from './support/transitions.js';

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => expect(h.contractBreaks).toEqual([]));

const { act, must, caseIn } = transitionsOn(() => h);

/** Everything a refusal must leave as it was: the case row, its timeline, and every table a write touches. */
function snapshot(caseId?: string) {
  return {
    row: caseId
      ? h.db
          .prepare('SELECT status, level, version, assignee, updated_at, reopen_count FROM cases WHERE id = ?')
          .get(caseId)
      : undefined,
    events: caseId ? h.db.prepare('SELECT count(*) FROM case_events WHERE case_id = ?').pluck().get(caseId) : 0,
    cases: h.count('cases'),
    allEvents: h.count('case_events'),
    tickets: h.db.prepare('SELECT coalesce(sum(last), 0) FROM ticket_sequences').pluck().get(),
  };
}

/** A fresh G1 case accepted by the district admin (at `level`), dispatched to `assignee` when given. */
async function caseFor(assignee?: Record<string, string>, level: CaseLevel = 'grid') {
  const { id, ticket } = await h.client().cases.create(report());
  await must(tokens.adminD, id, { action: 'accept' });
  if (level === 'community') await must(tokens.adminD, id, { action: 'escalate', note: '需社区协调' });
  if (assignee) await must(tokens.adminD, id, { action: 'dispatch', assignee });
  return { id, ticket };
}

describe('units on record: listUnits', () => {
  const list = (token: string | undefined, query: Parameters<ReturnType<typeof unitsResource>['list']>[0] = {}) =>
    unitsResource(h.client(token).core).list(query);

  it('lists every unit top down for any staff member, and asks for a token', async () => {
    const page = await list(tokens.workerG3);
    expect(page.items.map((u) => u.id)).toEqual(['unit-market-d', 'unit-cg', 'unit-env', 'unit-c1', 'unit-police-s2']);
    expect(page.items[0]).toEqual({
      id: 'unit-market-d',
      name: '测试区市场监督管理局',
      kind: 'department',
      gridId: 'D',
      level: 'district',
    });
    expect(page.items.find((u) => u.id === 'unit-c1')).toMatchObject({
      kind: 'community_organization',
      level: 'community',
    });
    expect(page.nextCursor).toBeNull();
    expect((await failure(list(undefined))).status).toBe(401);
  });

  it('with gridId, the units serving that node: its own and its ancestors’', async () => {
    expect((await list(tokens.adminD, { gridId: 'G1' })).items.map((u) => u.id)).toEqual([
      'unit-market-d',
      'unit-cg',
      'unit-env',
      'unit-c1',
    ]);
    expect((await list(tokens.adminD, { gridId: 'G3' })).items.map((u) => u.id)).toEqual([
      'unit-market-d',
      'unit-police-s2',
    ]);
    expect((await list(tokens.adminD, { gridId: 'S1', kind: 'department' })).items.map((u) => u.id)).toEqual([
      'unit-market-d',
      'unit-cg',
      'unit-env',
    ]);
    expect((await list(tokens.adminD, { kind: 'community_organization' })).items.map((u) => u.id)).toEqual(['unit-c1']);
    const unknown = await h.request('/units?gridId=nowhere', { token: tokens.adminD });
    await expectProblem(unknown, 404, 'not-found');
  });

  it('pages with a cursor, every unit once', async () => {
    const units = unitsResource(h.client(tokens.adminD).core);
    const first = await units.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const all: string[] = [];
    for await (const unit of units.iterate({ limit: 2 })) all.push(unit.id);
    expect(all).toEqual(['unit-market-d', 'unit-cg', 'unit-env', 'unit-c1', 'unit-police-s2']);
  });
});

describe('a department’s report', () => {
  it('is recorded through the department channel, by its staff member, whatever channel was sent', async () => {
    const department = h.client(tokens.departmentS1);
    const receipt = await department.cases.create(
      report({ description: '城管巡查发现 3 号楼东侧占道经营', channel: 'web' }),
    );
    const kase = await h.client(tokens.workerG1).cases.get(receipt.id);
    expect(kase).toMatchObject({ channel: 'department', reporter: null, gridId: 'G1', status: 'submitted' });
    const [created] = (await h.client(tokens.workerG1).cases.events(receipt.id)).items;
    expect(created).toMatchObject({
      type: 'created',
      actor: { type: 'staff', id: 'stf_ds1', name: '钱城管', role: 'department' },
    });
    expect(h.db.prepare('SELECT reporter_staff_id FROM cases WHERE id = ?').pluck().get(receipt.id)).toBe('stf_ds1');
    // The grid's worker finds it on their desk (dual reporting: the department reports into the grid).
    const desk = await h.client(tokens.workerG1).cases.list({ status: ['submitted'] });
    expect(desk.items.map((c) => c.id)).toContain(receipt.id);
    // Any other staff member's report is the grid_worker channel's, even when claiming the department's.
    const byAdmin = await h.client(tokens.adminS1).cases.create(report({ channel: 'department' }));
    expect((await h.client(tokens.adminD).cases.get(byAdmin.id)).channel).toBe('grid_worker');
  });

  it('a district department reports into any grid of the district', async () => {
    const receipt = await h.client(tokens.departmentD).cases.create(report({ gridId: 'G3' }));
    expect((await h.client(tokens.adminD).cases.get(receipt.id)).channel).toBe('department');
  });

  it('staff report only into grids inside their jurisdiction: 403 elsewhere, and nothing is stored', async () => {
    for (const [token, gridId] of [
      [tokens.departmentS1, 'G3'],
      [tokens.departmentS2, 'G1'],
      [tokens.workerG1, 'G2'],
      [tokens.adminC1, 'G3'],
      [tokens.supervisorS2, 'G1'],
    ] as const) {
      const before = snapshot();
      const response = await h.request('/cases', {
        method: 'POST',
        token,
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify(report({ gridId })),
      });
      const problem = await expectProblem(response, 403, 'forbidden');
      expect(problem.detail).toContain(gridId);
      expect(snapshot()).toEqual(before);
    }
    // Without the token, the same person reports like anyone else.
    const anonymous = await h.client().cases.create(report({ gridId: 'G3', channel: 'app' }));
    expect((await h.client(tokens.adminD).cases.get(anonymous.id)).channel).toBe('app');
  });

  it('nobody claims the department channel without a department token: 422, nothing stored', async () => {
    const before = snapshot();
    const response = await h.request('/cases', {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(report({ channel: 'department' })),
    });
    const problem = await expectProblem(response, 422, 'unprocessable');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/body/channel', code: 'channel_not_allowed' })]);
    expect(snapshot()).toEqual(before);
  });
});

describe('stats by channel', () => {
  it('gives every channel in the contract’s order, with hand-computed figures', async () => {
    // Its own harness and day: two web reports (one accepted and closed), one kiosk report (accepted), a grid
    // worker's report (accepted), two departments' reports (both accepted, one closed on time).
    const s = createHarness({ now: new Date('2026-04-15T02:00:00.000Z') });
    const local = transitionsOn(() => s);
    const create = async (token: string | undefined, channel?: 'web' | 'kiosk') =>
      (await s.client(token).cases.create(report(channel ? { channel } : {}))).id;
    const accept = (id: string) => local.must(tokens.adminD, id, { action: 'accept' });
    const close = async (id: string, unit: Record<string, string>, handler: string) => {
      await local.must(tokens.adminD, id, { action: 'dispatch', assignee: unit });
      await local.must(handler, id, { action: 'start' });
      await local.must(handler, id, { action: 'resolve', publicNote: '已处置' });
      await local.must(tokens.supervisorD, id, { action: 'verify' });
    };
    const web1 = await create(undefined, 'web');
    await create(undefined, 'web');
    const kiosk = await create(undefined, 'kiosk');
    const worker = await create(tokens.workerG1);
    const department1 = await create(tokens.departmentS1);
    const department2 = await create(tokens.departmentD);
    for (const id of [web1, kiosk, worker, department1, department2]) await accept(id);
    await close(web1, units.envS1, tokens.adminD);
    await close(department1, units.cityS1, tokens.departmentS1);

    const stats = await s
      .client()
      .stats.resolution({ gridId: 'D', from: '2026-04-15', to: '2026-04-15', groupBy: 'channel' });
    expect(stats.groupBy).toBe('channel');
    expect(stats.groups.map((g) => g.key)).toEqual([
      'web',
      'kiosk',
      'app',
      'hotline',
      'wechat',
      'grid_worker',
      'department',
    ]);
    const by = Object.fromEntries(stats.groups.map((g) => [g.key, g]));
    expect(by.department!.label).toEqual({ 'zh-CN': '部门上报', 'zh-TW': '部門上報', en: 'Departments' });
    const figures = (key: string) => {
      const f = by[key]!.figures;
      return [f.received, f.accepted, f.closed, f.closedOnTime, f.resolutionRate, f.onTimeRate];
    };
    expect(figures('web')).toEqual([2, 1, 1, 1, 1, 1]);
    expect(figures('kiosk')).toEqual([1, 1, 0, 0, 0, null]);
    expect(figures('app')).toEqual([0, 0, 0, 0, null, null]);
    expect(figures('grid_worker')).toEqual([1, 1, 0, 0, 0, null]);
    expect(figures('department')).toEqual([2, 2, 1, 1, 0.5, 1]);
    expect(by.department!.figures.closedByLevel.grid).toEqual({ closed: 1, share: 1 });
    expect([stats.totals.received, stats.totals.accepted, stats.totals.closed, stats.totals.resolutionRate]).toEqual([
      6, 5, 2, 0.4,
    ]);
    // The figures are a covering read of the stats index, channel included.
    const { explainResolutionStats } = await import('../src/store/stats.js');
    const plans = explainResolutionStats(s.db, {
      gridId: 'D',
      from: '2026-04-15',
      to: '2026-04-15',
      groupBy: 'channel',
    });
    for (const plan of plans)
      expect(plan.join('\n')).toMatch(/USING COVERING INDEX cases_path_(created|accepted)_stats/);
    expect(s.contractBreaks).toEqual([]);
  });
});

describe('a case dispatched to a department', () => {
  it('records the unit on record under its registered name, and lands on the department’s desk', async () => {
    const { id } = await caseFor();
    const dispatched = await must(tokens.workerG1, id, {
      action: 'dispatch',
      assignee: { type: 'unit', id: 'unit-cg', name: '城管' },
    });
    expect(dispatched.assignee).toEqual(units.cityS1);
    const events = (await h.client(tokens.adminD).cases.events(id)).items;
    expect(events.at(-1)).toMatchObject({ type: 'dispatch', assignee: units.cityS1 });
    const desk = await h.client(tokens.departmentS1).cases.list({ assignee: 'unit-cg' });
    expect(desk.items.map((c) => c.id)).toContain(id);
  });

  it('is started and resolved by the department’s staff, then verified by a supervisor — never by the department', async () => {
    const { id } = await caseFor(units.cityS1);
    expect(await must(tokens.departmentS1, id, { action: 'start', note: '已到场' })).toMatchObject({
      status: 'in_progress',
    });
    await must(tokens.departmentS1, id, { action: 'resolve', publicNote: '摊贩已劝离' });
    const before = snapshot(id);
    const refused = await act(tokens.departmentS1, id, { action: 'verify' });
    expect(refused.body).toMatchObject({ status: 403, type: problemType('forbidden') });
    expect(snapshot(id)).toEqual(before);
    // Returned for rework (返工), it is still the department's: it resolves again.
    await must(tokens.supervisorS1, id, { action: 'reopen', note: '东侧仍有杂物' });
    await must(tokens.departmentS1, id, { action: 'resolve', publicNote: '杂物已清运' });
    expect(await must(tokens.supervisorS1, id, { action: 'verify' })).toMatchObject({ status: 'closed' });
    const actors = (await h.client(tokens.adminD).cases.events(id)).items.map((e) => [e.type, e.actor.id]);
    expect(actors).toEqual([
      ['created', undefined],
      ['accept', 'stf_d'],
      ['dispatch', 'stf_d'],
      ['start', 'stf_ds1'],
      ['resolve', 'stf_ds1'],
      ['reopen', 'stf_ss1'],
      ['resolve', 'stf_ds1'],
      ['verify', 'stf_ss1'],
    ]);
  });

  it('at community level too; an escalation clears the assignee, and with it the department’s hold', async () => {
    const { id } = await caseFor(units.cityS1, 'community');
    await must(tokens.departmentS1, id, { action: 'start' });
    await must(tokens.adminC1, id, { action: 'escalate', note: '需街道协调' });
    const before = snapshot(id);
    const refused = await act(tokens.departmentS1, id, { action: 'resolve' });
    expect(refused.status).toBe(403);
    expect(snapshot(id)).toEqual(before);
  });

  it('a person on record may be the assignee: a staff member or a team member serving the grid', async () => {
    const { id } = await caseFor();
    const dispatched = await must(tokens.adminD, id, {
      action: 'dispatch',
      assignee: { type: 'person', id: 'tm_2', name: '警官' },
    });
    expect(dispatched.assignee).toEqual({ type: 'person', id: 'tm_2', name: '陈警官' });
    const second = await caseFor();
    expect(
      (
        await must(tokens.adminD, second.id, {
          action: 'dispatch',
          assignee: { type: 'person', id: 'stf_ds1', name: 'x' },
        })
      ).assignee,
    ).toEqual({ type: 'person', id: 'stf_ds1', name: '钱城管' });
    // Assigned in person, the department's staff member handles it too.
    await must(tokens.departmentS1, second.id, { action: 'start' });
  });
});

describe('an assignee not on record is refused, and nothing changes', () => {
  const refusals: [string, Record<string, string>, string][] = [
    ['an unknown unit', { type: 'unit', id: 'unit-self', name: '自己' }, 'unknown_assignee'],
    ['free text for a person', { type: 'person', id: 'self', name: '本人' }, 'unknown_assignee'],
    ['a unit id sent as a person', { type: 'person', id: 'unit-cg', name: '一街道城管执法中队' }, 'unknown_assignee'],
    ['a staff id sent as a unit', { type: 'unit', id: 'stf_g1', name: '王网格' }, 'unknown_assignee'],
    ['another street’s unit', units.policeS2, 'assignee_outside_area'],
    ['another grid’s worker', { type: 'person', id: 'stf_g3', name: '李网格' }, 'assignee_outside_area'],
  ];
  it.each(refusals)('%s → 422 %s', async (_, assignee, code) => {
    const { id } = await caseFor();
    const before = snapshot(id);
    const response = await h.request(`/cases/${id}/transitions`, {
      method: 'POST',
      token: tokens.adminD,
      headers: {
        'If-Match': `"${(before.row as { version: number }).version}"`,
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify({ action: 'dispatch', assignee }),
    });
    const problem = await expectProblem(response, 422, 'unprocessable');
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/body/assignee/id', code })]);
    // Same row (status, version, assignee), same timeline, no other case or event anywhere.
    expect(snapshot(id)).toEqual(before);
    expect(before.row).toMatchObject({ status: 'accepted', assignee: null, version: 2 });
  });

  it('an assignee sent with another action is ignored, as the contract says', async () => {
    const { id } = await caseFor(units.envS1);
    const started = await must(tokens.adminD, id, {
      action: 'start',
      assignee: { type: 'unit', id: 'nowhere', name: 'x' },
    });
    expect(started.assignee).toEqual(units.envS1);
  });
});

// ── the role × action × state matrix of department staff ──────────────────────

type Relation = 'own unit' | 'another unit' | 'another street';
/** The department staff of the fixture, by their relation to a G1 case dispatched to 一街道城管执法中队 (unit-cg). */
const departmentStaff: Record<Relation, string> = {
  'own unit': tokens.departmentS1,
  'another unit': tokens.departmentD,
  'another street': tokens.departmentS2,
};
const allowedFrom: Record<CaseAction, CaseStatus[]> = {
  accept: ['submitted'],
  reject: ['submitted'],
  dispatch: ['accepted'],
  start: ['dispatched'],
  resolve: ['in_progress'],
  verify: ['resolved'],
  reopen: ['resolved'],
  escalate: ['accepted', 'dispatched', 'in_progress'],
  prioritize: ['accepted', 'dispatched', 'in_progress'],
};
/** Statuses in which the case is dispatched to unit-cg (before dispatch, and after a rejection, it has no assignee). */
const assigned: CaseStatus[] = ['dispatched', 'in_progress', 'resolved', 'closed'];

/** The contract's rule for department staff, spelt out: who (403) first, then the state (409). */
function expected(relation: Relation, action: CaseAction, status: CaseStatus): number {
  if (action === 'verify' || action === 'reopen') return 403; // never judges a resolution
  if (relation !== 'own unit' || !assigned.includes(status)) return 403; // not its case
  if (action !== 'start' && action !== 'resolve') return 403; // only the work itself
  return allowedFrom[action].includes(status) ? 200 : 409;
}

/** Every field any action may require, so only the role and the state decide. */
const fullInput = (action: CaseAction) => ({
  action,
  note: `${action} 的内部说明`,
  publicNote: `${action} 的公开说明`,
  assignee: units.cityS1,
  priority: 'urgent',
});

const statuses: CaseStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'closed', 'rejected'];
const matrix = (Object.keys(departmentStaff) as Relation[]).flatMap((relation) =>
  (['grid', 'community'] as const).flatMap((level) =>
    statuses
      .filter((status) => level === 'grid' || !['submitted', 'rejected'].includes(status))
      .flatMap((status) =>
        caseActionValues.map((action) => ({
          name: `department (${relation}) · ${action} · ${status} at ${level}`,
          relation,
          action,
          status,
          level,
        })),
      ),
  ),
);

describe('department staff: role × action × state (× level)', () => {
  it('covers allowed, forbidden and invalid-transition outcomes', () => {
    const outcomes = matrix.map((r) => expected(r.relation, r.action, r.status));
    // start from dispatched and resolve from in_progress, at both levels, for the unit's own staff.
    expect(outcomes.filter((o) => o === 200)).toHaveLength(4);
    expect(outcomes.filter((o) => o === 409).length).toBeGreaterThan(8);
    expect(outcomes.filter((o) => o === 403).length).toBeGreaterThan(200);
  });

  it.each(matrix)('$name', async ({ relation, action, status, level }) => {
    const caseId = await caseIn(status, { level, assignee: units.cityS1 });
    const before = snapshot(caseId);
    expect(before.row).toMatchObject({ status, level });
    const result = await act(departmentStaff[relation], caseId, fullInput(action));
    const want = expected(relation, action, status);
    expect(result.status, JSON.stringify(result.body)).toBe(want);
    if (want === 200) {
      expect(result.body).toMatchObject({ status: action === 'start' ? 'in_progress' : 'resolved', level });
      expect(result.body.assignee).toEqual(units.cityS1);
      expect(snapshot(caseId).events).toBe((before.events as number) + 1);
    } else {
      expect(result.body).toMatchObject({
        type: problemType(want === 403 ? 'forbidden' : 'invalid-transition'),
      });
      expect(snapshot(caseId)).toEqual(before);
    }
  });
});
