/**
 * Departments (职能部门): units on record a case is dispatched to (an assignee
 * is never free text), staff of the `department` role who report what their
 * inspections find into the grid (channel `department`) and start and resolve
 * what is dispatched to their unit — nothing else, and never verify. Staff
 * report only into grids inside their jurisdiction. Statistics by channel.
 * A refusal changes nothing: same version, status and timeline.
 *
 * The department's own tests need `--department-token` (a department whose
 * unit serves the worker's grid); the rest run against any server.
 */
import {
  caseActionValues,
  caseChannelValues,
  caseStatusValues,
  unitKindValues,
  unitsResource,
  type Case,
  type CaseAction,
  type CaseStatus,
  type StaffPrincipal,
  type Unit,
} from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, ALLOWED_FROM, caseIn, fullInput, JUDGING, PATH_TO, report, unitAssignee } from './support/cases.js';
import { client, target } from './support/client.js';
import { caseInput, discover, type World } from './support/discovery.js';
import { expectProblem, key, shanghaiDate, tag } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

const units = (who: Parameters<typeof client>[0] = 'admin') => unitsResource(client(who).core);

/** Every unit serving the worker's grid (its own node and those above). */
async function unitsServingWorkerGrid(): Promise<Unit[]> {
  const all: Unit[] = [];
  for await (const unit of units().iterate({ gridId: world.workerGrid.id, limit: 100 })) all.push(unit);
  return all;
}

/** What a refusal must leave as it was: version, status, level, assignee and the length of the timeline. */
async function state(caseId: string) {
  const admin = client('admin');
  const kase = await admin.cases.get(caseId);
  const events: unknown[] = [];
  for await (const event of admin.cases.iterateEvents(caseId)) events.push(event);
  return {
    version: kase.version,
    status: kase.status,
    level: kase.level,
    assignee: kase.assignee,
    events: events.length,
  };
}

describe('listUnits: the units a case may be dispatched to', () => {
  it('lists, for the worker’s grid, units of that grid’s node or of its ancestors, each well formed', async () => {
    const serving = await unitsServingWorkerGrid();
    expect(serving.length).toBeGreaterThan(0);
    const onPath = new Set([world.workerGrid.id, ...world.workerAncestors.map((a) => a.id)]);
    for (const unit of serving) {
      expect(unit.id).toEqual(expect.any(String));
      expect(unit.name.length).toBeGreaterThan(0);
      expect(unitKindValues).toContain(unit.kind);
      expect(onPath.has(unit.gridId), `${unit.name} (${unit.gridId}) serves the worker's grid`).toBe(true);
    }
    expect(new Set(serving.map((u) => u.id)).size).toBe(serving.length);
    // The kind filter keeps only that kind.
    const departments = (await units().list({ gridId: world.workerGrid.id, kind: 'department', limit: 200 })).items;
    expect(departments.every((u) => u.kind === 'department')).toBe(true);
    expect(departments.map((u) => u.id)).toEqual(serving.filter((u) => u.kind === 'department').map((u) => u.id));
  });

  it('is for staff: 401 without a token; an unknown gridId is 404', async () => {
    await expectProblem(units('public').list(), 401, 'unauthenticated');
    await expectProblem(units().list({ gridId: `no-such-grid-${tag('g')}` }), 404, 'not-found');
  });
});

describe('an assignee is a unit or person on record', () => {
  it('a dispatch records the unit under its registered name, whatever name was sent', async () => {
    const unit = unitAssignee();
    const accepted = await caseIn(world, 'accepted');
    const kase = await act(client('worker'), accepted, {
      action: 'dispatch',
      assignee: { ...unit, name: `Some other name ${tag('n')}` },
    });
    expect(kase.assignee).toEqual(unit);
  });

  it.each([
    ['an unknown unit', () => ({ type: 'unit' as const, id: `unit-${tag('none')}`, name: 'Nobody' })],
    ['free text for a person', () => ({ type: 'person' as const, id: `self-${tag('none')}`, name: 'Self' })],
    ['a unit’s id sent as a person', () => ({ ...unitAssignee(), type: 'person' as const })],
  ])('%s is 422 unknown_assignee, and nothing changes', async (_, assignee) => {
    const kase = await caseIn(world, 'accepted');
    const before = await state(kase.id);
    const error = await expectProblem(
      act(client('worker'), kase, { action: 'dispatch', assignee: assignee() }),
      422,
      'unprocessable',
    );
    expect(error.errors).toEqual([expect.objectContaining({ path: '/body/assignee/id', code: 'unknown_assignee' })]);
    expect(await state(kase.id)).toEqual(before);
  });

  it('a unit that does not serve the case’s grid is 422 assignee_outside_area, and nothing changes', async (ctx) => {
    const serving = new Set((await unitsServingWorkerGrid()).map((u) => u.id));
    let elsewhere: Unit | undefined;
    for await (const unit of units().iterate({ limit: 200 })) {
      if (!serving.has(unit.id)) {
        elsewhere = unit;
        break;
      }
    }
    if (!elsewhere) return ctx.skip(); // every unit of this server serves the worker's grid
    const kase = await caseIn(world, 'accepted');
    const before = await state(kase.id);
    const error = await expectProblem(
      act(client('admin'), kase, {
        action: 'dispatch',
        assignee: { type: 'unit', id: elsewhere.id, name: elsewhere.name },
      }),
      422,
      'unprocessable',
    );
    expect(error.errors).toEqual([
      expect.objectContaining({ path: '/body/assignee/id', code: 'assignee_outside_area' }),
    ]);
    expect(await state(kase.id)).toEqual(before);
  });
});

describe('staff report only inside their jurisdiction', () => {
  it('a worker’s report into a grid outside their jurisdiction is 403 and stores nothing; their own grid’s is theirs', async () => {
    const marker = tag('outside');
    const input = caseInput(world, { gridId: world.otherGrid.id }, marker);
    await expectProblem(client('worker').cases.create(input, { idempotencyKey: key() }), 403, 'forbidden');
    if (world.otherGridInAdmin) {
      expect((await client('admin').cases.list({ q: marker })).items).toEqual([]);
    }
    const own = await report(world, {}, 'worker');
    expect((await client('worker').cases.get(own.receipt.id)).channel).toBe('grid_worker');
  });

  it('nobody claims a staff channel without a staff token: 422 channel_not_allowed', async () => {
    for (const channel of ['department', 'grid_worker'] as const) {
      const error = await expectProblem(
        client().cases.create(caseInput(world, { channel }), { idempotencyKey: key() }),
        422,
        'unprocessable',
      );
      expect(error.errors).toEqual([expect.objectContaining({ path: '/body/channel', code: 'channel_not_allowed' })]);
    }
  });
});

describe('statistics by channel', () => {
  it('groupBy=channel gives every channel in the contract’s order, adding up to the totals; a report counts in its own', async () => {
    const today = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: today, to: today, groupBy: 'channel' as const };
    const before = await client().stats.resolution(query);
    await report(world, { channel: 'kiosk' });
    const after = await client().stats.resolution(query);
    expect(after.groupBy).toBe('channel');
    expect(after.groups.map((g) => g.key)).toEqual([...caseChannelValues]);
    for (const g of after.groups) expect(g.label?.['zh-CN'], `label of ${g.key}`).toEqual(expect.any(String));
    const sum = (k: 'received' | 'accepted' | 'closed') => after.groups.reduce((n, g) => n + g.figures[k], 0);
    expect([sum('received'), sum('accepted'), sum('closed')]).toEqual([
      after.totals.received,
      after.totals.accepted,
      after.totals.closed,
    ]);
    const received = (stats: typeof after, channel: string) =>
      stats.groups.find((g) => g.key === channel)!.figures.received;
    expect(received(after, 'kiosk') - received(before, 'kiosk')).toBe(1);
    expect(received(after, 'web') - received(before, 'web')).toBe(0);
  });
});

describe('a department’s staff', () => {
  let me: StaffPrincipal;
  const needsDepartment = (ctx: { skip: () => void }) => {
    if (!target().departmentToken) ctx.skip(); // no --department-token for this server
  };
  beforeAll(async () => {
    if (target().departmentToken) me = await client('department').session.me();
  });
  const ownUnit = () => ({ type: 'unit' as const, id: me.unit!.id, name: me.unit!.name });

  it('report what their inspections find into the grid: channel department, counted in stats by channel', async (ctx) => {
    needsDepartment(ctx);
    expect(me).toMatchObject({ role: 'department', unit: { id: expect.any(String), name: expect.any(String) } });
    const today = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: today, to: today, groupBy: 'channel' as const };
    const before = await client().stats.resolution(query);
    // Whatever channel is sent, a department's report is the department channel's.
    const { receipt } = await report(world, { channel: 'web' }, 'department');
    const kase = await client('worker').cases.get(receipt.id);
    expect(kase).toMatchObject({ channel: 'department', gridId: world.workerGrid.id, status: 'submitted' });
    const [created] = (await client('worker').cases.events(receipt.id)).items;
    expect(created).toMatchObject({ type: 'created', actor: { type: 'staff', id: me.id, role: 'department' } });
    const after = await client().stats.resolution(query);
    const received = (stats: typeof after) => stats.groups.find((g) => g.key === 'department')!.figures.received;
    expect(received(after) - received(before)).toBe(1);
  });

  it('start and resolve a case dispatched to their unit; may not verify it; a supervisor or admin closes it', async (ctx) => {
    needsDepartment(ctx);
    const department = client('department');
    let kase: Case = await caseIn(world, 'accepted');
    kase = await act(client('worker'), kase, { action: 'dispatch', assignee: ownUnit() });
    expect(kase.assignee).toEqual(ownUnit());
    // Their desk: the cases assigned to their unit.
    expect((await department.cases.list({ assignee: me.unit!.id, q: kase.ticket })).items.map((c) => c.id)).toEqual([
      kase.id,
    ]);
    kase = await act(department, kase, 'start');
    kase = await act(department, kase, { action: 'resolve', publicNote: 'Cleared by the department.' });
    expect(kase.status).toBe('resolved');
    const before = await state(kase.id);
    await expectProblem(act(department, kase, { action: 'verify' }), 403, 'forbidden');
    await expectProblem(act(department, kase, { action: 'reopen', note: 'Not ours to judge.' }), 403, 'forbidden');
    expect(await state(kase.id)).toEqual(before);
    const closed = await act(client('admin'), kase, 'verify');
    expect(closed.status).toBe('closed');
    const events = (await client('admin').cases.events(kase.id, { limit: 200 })).items;
    expect(events.filter((e) => e.type === 'start' || e.type === 'resolve').map((e) => e.actor)).toEqual([
      expect.objectContaining({ id: me.id, role: 'department' }),
      expect.objectContaining({ id: me.id, role: 'department' }),
    ]);
  });

  /** The contract's rule for a department on a case of the worker's grid, spelt out: who (403) first, then the state (409). */
  function expected(action: CaseAction, status: CaseStatus, ownCase: boolean): 200 | 403 | 409 {
    if (JUDGING.includes(action)) return 403;
    if (!ownCase || (action !== 'start' && action !== 'resolve')) return 403;
    return ALLOWED_FROM[action].includes(status) ? 200 : 409;
  }

  it.for([...caseStatusValues])(
    'role × action × state: from %s, every action on a case of their unit, and of another, gets the contract’s answer',
    { timeout: 60_000 },
    async (status, ctx) => {
      needsDepartment(ctx);
      const department = client('department');
      // Dispatched (when the status is past dispatch) to the department's unit: the worker drives it as usual.
      const { receipt } = await report(world);
      let kase: Case = await client('worker').cases.get(receipt.id);
      for (const action of PATH_TO[status]) {
        const who = JUDGING.includes(action) ? client('admin') : client('worker');
        kase = await act(who, kase, action === 'dispatch' ? { action, assignee: ownUnit() } : action);
      }
      const ownCase = kase.assignee?.type === 'unit' && kase.assignee.id === me.unit!.id;
      expect(ownCase).toBe(['dispatched', 'in_progress', 'resolved', 'closed'].includes(status));
      const outcomes = caseActionValues.map((action) => ({ action, want: expected(action, status, ownCase) }));
      // Refusals first (they change nothing), the one allowed action last.
      for (const { action, want } of outcomes.filter((o) => o.want !== 200)) {
        const before = await state(kase.id);
        await expectProblem(
          act(department, kase, fullInput(action)),
          want,
          want === 403 ? 'forbidden' : 'invalid-transition',
        );
        expect(await state(kase.id), `${action} from ${status}`).toEqual(before);
      }
      for (const { action } of outcomes.filter((o) => o.want === 200)) {
        const moved = await act(department, kase, fullInput(action));
        expect(moved).toMatchObject({
          status: action === 'start' ? 'in_progress' : 'resolved',
          version: kase.version + 1,
        });
      }
      // A case dispatched to another unit is not theirs: even start is 403.
      if (status === 'dispatched') {
        const other = (await unitsServingWorkerGrid()).find((u) => u.id !== me.unit!.id);
        if (other) {
          let elsewhere: Case = await caseIn(world, 'accepted');
          elsewhere = await act(client('worker'), elsewhere, {
            action: 'dispatch',
            assignee: { type: 'unit', id: other.id, name: other.name },
          });
          await expectProblem(act(department, elsewhere, 'start'), 403, 'forbidden');
        }
      }
    },
  );
});
