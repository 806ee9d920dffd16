/**
 * Independent verification (核查): whoever resolved a case, or is its
 * assignee, may not verify it or reject its resolution; grid workers never
 * may; a supervisor or an admin at or above the case's level may, and one
 * whose jurisdiction lies below it may not. A refusal changes nothing: same
 * version, status and timeline.
 */
import type { Case, Grid } from '@gridkit/sdk';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { act, report, unitAssignee } from './support/cases.js';
import { client, target, type Who } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectProblem, notRun } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

/** What a refusal must leave as it was: the case's version and status, and the length of its timeline. */
async function state(caseId: string) {
  const admin = client('admin');
  const kase = await admin.cases.get(caseId);
  const events: unknown[] = [];
  for await (const event of admin.cases.iterateEvents(caseId)) events.push(event);
  return { version: kase.version, status: kase.status, level: kase.level, events: events.length };
}

/** A fresh case in the worker's grid, handled up to `resolved` by `handler`, dispatched to `assignee`. */
async function resolvedBy(handler: Who, assignee: Case['assignee'] = unitAssignee()): Promise<Case> {
  const { receipt } = await report(world);
  const c = client(handler);
  let kase = await c.cases.get(receipt.id);
  kase = await act(c, kase, 'accept');
  kase = await act(c, kase, { action: 'dispatch', assignee: assignee! });
  kase = await act(c, kase, 'start');
  return act(c, kase, { action: 'resolve', publicNote: 'Done.' });
}

describe('independent verification', () => {
  it('refuses the resolver’s verify and reopen with 403 not-independent, and changes nothing', async () => {
    const kase = await resolvedBy('admin');
    const before = await state(kase.id);
    expect(before.status).toBe('resolved');
    const admin = client('admin');
    const error = await expectProblem(act(admin, kase, { action: 'verify' }), 403, 'not-independent');
    expect(error.problem.detail ?? '').not.toBe('');
    await expectProblem(act(admin, kase, { action: 'reopen', note: 'Not good enough.' }), 403, 'not-independent');
    expect(await state(kase.id)).toEqual(before);
  });

  it('refuses the current assignee (a person with the caller’s staff id), even when someone else resolved', async () => {
    const kase = await resolvedBy('worker', { type: 'person', id: world.admin.id, name: world.admin.name });
    const before = await state(kase.id);
    await expectProblem(act(client('admin'), kase, { action: 'verify' }), 403, 'not-independent');
    expect(await state(kase.id)).toEqual(before);
  });

  it('refuses a grid worker’s verify and reopen with 403 forbidden, and changes nothing', async () => {
    const kase = await resolvedBy('worker');
    const before = await state(kase.id);
    const worker = client('worker');
    await expectProblem(act(worker, kase, { action: 'verify' }), 403, 'forbidden');
    await expectProblem(act(worker, kase, { action: 'reopen', note: 'Redo it.' }), 403, 'forbidden');
    expect(await state(kase.id)).toEqual(before);
  });

  it('lets an admin above the case verify what the worker resolved: closed, one more event, by the admin', async () => {
    const kase = await resolvedBy('worker');
    const before = await state(kase.id);
    const closed = await act(client('admin'), kase, { action: 'verify', publicNote: 'Checked on site.' });
    expect(closed).toMatchObject({ status: 'closed', version: before.version + 1 });
    const after = await state(kase.id);
    expect(after.events).toBe(before.events + 1);
    const last = (await client('admin').cases.events(kase.id, { limit: 200 })).items.at(-1);
    expect(last).toMatchObject({ type: 'verify', actor: { type: 'staff', id: world.admin.id, role: 'admin' } });
  });

  it('lets a supervisor verify or reject a resolution, and nothing else', async (ctx) => {
    if (!target().supervisorToken) return ctx.skip(); // no --supervisor-token for this server
    const supervisor = client('supervisor');
    const me = await supervisor.session.me();
    expect(me.role).toBe('supervisor');

    // Handling is not a supervisor's: accept is 403 and changes nothing.
    const { receipt } = await report(world);
    const fresh = await client('admin').cases.get(receipt.id);
    const untouched = await state(fresh.id);
    await expectProblem(act(supervisor, fresh, 'accept'), 403, 'forbidden');
    expect(await state(fresh.id)).toEqual(untouched);

    // Rejecting the worker's resolution (返工), then verifying the second one.
    let kase = await resolvedBy('worker');
    kase = await act(supervisor, kase, { action: 'reopen', note: 'Still loose on the east side.' });
    expect(kase).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    kase = await act(client('worker'), kase, { action: 'resolve', publicNote: 'Fixed again.' });
    kase = await act(supervisor, kase, { action: 'verify' });
    expect(kase).toMatchObject({ status: 'closed', reopenCount: 1 });
    const events = (await client('admin').cases.events(kase.id, { limit: 200 })).items;
    expect(events.filter((e) => e.type === 'verify' || e.type === 'reopen').map((e) => e.actor)).toEqual([
      expect.objectContaining({ id: me.id, role: 'supervisor' }),
      expect.objectContaining({ id: me.id, role: 'supervisor' }),
    ]);
  });
});

/** A case's level; the levels of grid nodes a case climbs through are the same words. */
type Level = Case['level'];

/** The levels a case of the worker's grid climbs through, the worker's grid first: grid, community, street, district. */
function climb(): Grid[] {
  const above = world.workerAncestors.filter((g) => g.id !== world.workerGrid.id);
  return [world.workerGrid, ...[...above].reverse()];
}

/** A fresh case of the worker's grid, accepted and escalated to `level` (off the grid by the worker, higher by the admin). */
async function acceptedAt(level: Level): Promise<Case> {
  const { receipt } = await report(world);
  const worker = client('worker');
  let kase = await act(worker, await worker.cases.get(receipt.id), 'accept');
  for (let step = 0; kase.level !== level && step < climb().length; step++) {
    kase = await act(client(kase.level === 'grid' ? 'worker' : 'admin'), kase, 'escalate');
  }
  expect(kase.level).toBe(level);
  return kase;
}

/** …then dispatched, started and resolved at that level by whoever handles it there (the worker on the grid, else the admin). */
async function resolvedAt(level: Level): Promise<Case> {
  const handler = client(level === 'grid' ? 'worker' : 'admin');
  let kase = await acceptedAt(level);
  kase = await act(handler, kase, 'dispatch');
  kase = await act(handler, kase, 'start');
  return act(handler, kase, { action: 'resolve', publicNote: 'Done at this level.' });
}

/**
 * A supervisor or an admin judges a resolution only when its jurisdiction root is at or above the case's current
 * level: a case escalated above it is refused (403 forbidden, before independence is even asked), and nothing
 * changes; at its own level the same token verifies, so the refusal was about the level.
 */
async function judgeBelowTheCase(who: 'lowerSupervisor' | 'lowerAdmin', ctx: TestContext): Promise<void> {
  const role = who === 'lowerSupervisor' ? 'supervisor' : 'admin';
  const option = who === 'lowerSupervisor' ? '--lower-supervisor-token' : '--lower-admin-token';
  if (!(who === 'lowerSupervisor' ? target().lowerSupervisorToken : target().lowerAdminToken)) {
    return notRun(
      ctx,
      `no ${option} was given (a staff token with role ${role} whose jurisdiction is a street or a community over the worker's grid)`,
    );
  }
  const judge = client(who);
  const me = await judge.session.me();
  expect(me.role).toBe(role);
  const levels = climb();
  // Its level over the worker's grid: its highest jurisdiction root on the way up.
  const own = levels.findLastIndex((g) => me.gridIds.includes(g.id));
  expect(own, `${option} (${me.id}) covers the worker's grid from below the top`).toBeGreaterThanOrEqual(0);
  expect(own).toBeLessThan(levels.length - 1);
  const ownLevel = levels[own]!.level as Level;
  const above = levels[own + 1]!.level as Exclude<Level, 'grid'>;
  if (!world.adminCovers[above]) {
    return notRun(
      ctx,
      `the admin token does not cover the ${above} above the worker's grid, so no case can be escalated there`,
    );
  }

  const high = await resolvedAt(above);
  const before = await state(high.id);
  expect(before).toMatchObject({ status: 'resolved', level: above });
  await expectProblem(act(judge, high, { action: 'verify', publicNote: 'Checked.' }), 403, 'forbidden');
  await expectProblem(act(judge, high, { action: 'reopen', note: 'Redo it.' }), 403, 'forbidden');
  expect(await state(high.id)).toEqual(before);

  const mine = await resolvedAt(ownLevel);
  const closed = await act(judge, mine, { action: 'verify' });
  expect(closed).toMatchObject({ status: 'closed', level: ownLevel, version: mine.version + 1 });
}

describe('a judge below the case’s level', () => {
  it('refuses a supervisor whose jurisdiction lies below the case’s level: verify and reopen are 403 forbidden and change nothing; at its own level it verifies', (ctx) =>
    judgeBelowTheCase('lowerSupervisor', ctx));

  it('refuses an admin whose jurisdiction lies below the case’s level: verify and reopen are 403 forbidden and change nothing; at its own level it verifies', (ctx) =>
    judgeBelowTheCase('lowerAdmin', ctx));
});
