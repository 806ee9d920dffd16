/**
 * The resident's recourse: with the tracking token, a closure can be disputed
 * within 7 days (the case returns to handling, the reason in the timeline, shown
 * only with the token); a score of 1–2 opens a follow-up (回访) that admins find
 * with `listCases?followUp=open` until an admin or a supervisor records its
 * outcome — never a department's staff; statistics count both. (A dispute
 * after the window, 409 dispute-window-closed, needs control of the server's
 * clock: the reference server's own tests cover it, in
 * packages/mock-server/test/recourse.test.ts.)
 */
import type { Case } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, caseIn, report } from './support/cases.js';
import { client, target } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectProblem, key, notRun, shanghaiDate, tag } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

const DAY = 24 * 3_600_000;

async function state(caseId: string) {
  const kase = await client('admin').cases.get(caseId);
  const events = (await client('admin').cases.events(caseId, { limit: 200 })).items.length;
  return {
    version: kase.version,
    status: kase.status,
    disputeCount: kase.disputeCount,
    reopenCount: kase.reopenCount,
    followUp: kase.followUp,
    events,
  };
}

describe('dispute', () => {
  it('within the window: back to in_progress, counted, the reason shown only with the token', async () => {
    const kase = await caseIn(world, 'closed');
    const byTicket = await client().cases.getPublic(kase.receipt.ticket);
    expect(byTicket).toMatchObject({ status: 'closed', canDispute: true });
    expect(Date.parse(byTicket.disputeUntil!)).toBe(Date.parse(kase.closedAt!) + 7 * DAY);

    const reason = `Conformance dispute ${tag('why')}: the bench is still broken.`;
    const view = await client().cases.dispute(
      kase.receipt.ticket,
      { trackingToken: kase.receipt.trackingToken.toLowerCase(), reason },
      { idempotencyKey: key() },
    );
    expect(view).toMatchObject({ status: 'in_progress', level: kase.level, canDispute: false });
    expect(view.timeline.at(-1)).toMatchObject({
      type: 'dispute',
      fromStatus: 'closed',
      toStatus: 'in_progress',
      publicNote: reason,
    });
    const after = await client('admin').cases.get(kase.id);
    expect(after).toMatchObject({
      status: 'in_progress',
      disputeCount: kase.disputeCount + 1,
      reopenCount: kase.reopenCount + 1,
      version: kase.version + 1,
    });
    expect(after.closedAt).toBeUndefined();
    const last = (await client('admin').cases.events(kase.id, { limit: 200 })).items.at(-1);
    expect(last).toMatchObject({ type: 'dispute', actor: { type: 'resident' }, publicNote: reason });
    // By ticket alone: the step, not the words.
    const anonymous = await client().cases.getPublic(kase.receipt.ticket);
    expect(anonymous.timeline.at(-1)).toMatchObject({ type: 'dispute', toStatus: 'in_progress' });
    expect(JSON.stringify(anonymous)).not.toContain(reason);
    // Handled again and verified independently: closed again, with a new window.
    let again = await act(client('worker'), after, { action: 'resolve', publicNote: 'Repaired again.' });
    again = await act(client('admin'), again, 'verify');
    expect(again).toMatchObject({ status: 'closed', disputeCount: kase.disputeCount + 1 });
    expect((await client().cases.getPublic(kase.receipt.ticket)).canDispute).toBe(true);
  });

  it('a wrong token is 403, a case not closed is 409 case-not-closed; nothing changes', async () => {
    const closed = await caseIn(world, 'closed');
    const open = await caseIn(world, 'resolved');
    const before = await state(closed.id);
    await expectProblem(
      client().cases.dispute(closed.receipt.ticket, { trackingToken: open.receipt.trackingToken, reason: 'Mine?' }),
      403,
      'invalid-tracking-token',
    );
    expect(await state(closed.id)).toEqual(before);
    const openBefore = await state(open.id);
    await expectProblem(
      client().cases.dispute(open.receipt.ticket, { trackingToken: open.receipt.trackingToken, reason: 'Too soon.' }),
      409,
      'case-not-closed',
    );
    expect(await state(open.id)).toEqual(openBefore);
  });
});

describe('follow-up (回访)', () => {
  it('a score of 3 opens none; a score of 1 opens one, hidden by ticket alone, listed for admins', async () => {
    const fair = await caseIn(world, 'closed');
    await client().cases.evaluate(fair.receipt.ticket, { trackingToken: fair.receipt.trackingToken, score: 3 });
    expect((await client('admin').cases.get(fair.id)).followUp).toBeNull();

    const kase = await caseIn(world, 'closed');
    await client().cases.evaluate(kase.receipt.ticket, {
      trackingToken: kase.receipt.trackingToken,
      score: 1,
      comment: 'Nobody came.',
    });
    const after = await client('admin').cases.get(kase.id);
    expect(after.followUp).toMatchObject({ status: 'open' });
    expect(after.version).toBe(kase.version);
    const last = (await client('admin').cases.events(kase.id, { limit: 200 })).items.at(-1);
    expect(last).toMatchObject({ type: 'follow_up_opened', actor: { type: 'system' } });
    const listed = await client('admin').cases.list({ followUp: 'open', q: kase.receipt.ticket });
    expect(listed.items.map((c) => c.id)).toEqual([kase.id]);
    const anonymous = await client().cases.getPublic(kase.receipt.ticket);
    expect(anonymous.followUp).toBeUndefined();
    expect(anonymous.timeline.map((e) => e.type)).not.toContain('follow_up_opened');
    const owner = await client().cases.getPublic(kase.receipt.ticket, { trackingToken: kase.receipt.trackingToken });
    expect(owner.followUp).toMatchObject({ status: 'open' });
  });

  it('a grid worker may not record the outcome (403); an admin does (done, new version); a second time is 409', async () => {
    const kase = await caseIn(world, 'closed');
    await client().cases.evaluate(kase.receipt.ticket, { trackingToken: kase.receipt.trackingToken, score: 2 });
    const open = await client('admin').cases.get(kase.id);
    const before = await state(kase.id);
    await expectProblem(
      client('worker').cases.recordFollowUp(kase.id, { outcome: 'resolved', note: 'Mine.' }, { version: open.version }),
      403,
      'forbidden',
    );
    expect(await state(kase.id)).toEqual(before);
    const done = await client('admin').cases.recordFollowUp(
      kase.id,
      { outcome: 'explained', note: 'Called the resident and explained the schedule.' },
      { version: open.version, idempotencyKey: key() },
    );
    expect(done).toMatchObject({
      version: open.version + 1,
      status: 'closed',
      followUp: { status: 'done', outcome: 'explained', doneBy: { type: 'staff', id: world.admin.id } },
    });
    await expectProblem(
      client('admin').cases.recordFollowUp(kase.id, { outcome: 'resolved', note: 'Again.' }, { version: done.version }),
      409,
      'invalid-transition',
    );
    expect((await client('admin').cases.list({ followUp: 'open', q: kase.receipt.ticket })).items).toEqual([]);
    const owner = await client().cases.getPublic(kase.receipt.ticket, { trackingToken: kase.receipt.trackingToken });
    expect(owner.followUp).toMatchObject({ status: 'done' });
    expect(JSON.stringify(owner)).not.toContain('explained the schedule');
  });

  it('a department’s staff may not record it (403 forbidden), not even on a case their unit resolved; nothing changes', async (ctx) => {
    if (!target().departmentToken) {
      return notRun(
        ctx,
        'no --department-token was given (a department’s staff member whose unit serves the worker’s grid)',
      );
    }
    const department = client('department');
    const me = await department.session.me();
    expect(me).toMatchObject({ role: 'department', unit: { id: expect.any(String), name: expect.any(String) } });
    // The department's own work: dispatched to its unit, started and resolved by it, verified by the admin.
    const { receipt } = await report(world);
    const worker = client('worker');
    let kase: Case = await act(worker, await worker.cases.get(receipt.id), 'accept');
    kase = await act(worker, kase, {
      action: 'dispatch',
      assignee: { type: 'unit', id: me.unit!.id, name: me.unit!.name },
    });
    kase = await act(department, kase, 'start');
    kase = await act(department, kase, { action: 'resolve', publicNote: 'Cleared by the department.' });
    kase = await act(client('admin'), kase, 'verify');
    await client().cases.evaluate(receipt.ticket, { trackingToken: receipt.trackingToken, score: 1 });
    const open = await client('admin').cases.get(kase.id);
    expect(open.followUp).toMatchObject({ status: 'open' });
    const before = await state(kase.id);
    await expectProblem(
      department.cases.recordFollowUp(
        kase.id,
        { outcome: 'resolved', note: 'We cleared it ourselves.' },
        { version: open.version, idempotencyKey: key() },
      ),
      403,
      'forbidden',
    );
    expect(await state(kase.id)).toEqual(before);
  });

  it('a supervisor over the grid may record it', async (ctx) => {
    if (!target().supervisorToken) return ctx.skip(); // no --supervisor-token for this server
    const kase = await caseIn(world, 'closed');
    await client().cases.evaluate(kase.receipt.ticket, { trackingToken: kase.receipt.trackingToken, score: 1 });
    const open = await client('admin').cases.get(kase.id);
    const done = await client('supervisor').cases.recordFollowUp(
      kase.id,
      { outcome: 'unreachable', note: 'No answer.' },
      { version: open.version },
    );
    expect(done.followUp).toMatchObject({ status: 'done', doneBy: { role: 'supervisor' } });
  });
});

describe('statistics', () => {
  it('count disputes and follow-ups of the day’s cohort, before and after', async () => {
    const day = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: day, to: day } as const;
    const before = (await client().stats.resolution(query)).totals;
    const disputed = await caseIn(world, 'closed');
    await client().cases.dispute(disputed.receipt.ticket, {
      trackingToken: disputed.receipt.trackingToken,
      reason: 'Still broken.',
    });
    const rated = await caseIn(world, 'closed');
    await client().cases.evaluate(rated.receipt.ticket, { trackingToken: rated.receipt.trackingToken, score: 1 });
    const after = (await client().stats.resolution(query)).totals;
    expect(after.accepted).toBe(before.accepted + 2);
    expect(after.closed).toBe(before.closed + 1); // the disputed case is no longer closed
    expect(after.disputed).toBe(before.disputed + 1);
    expect(after.followUps).toBe(before.followUps + 1);
    expect(after.followUpsDone).toBe(before.followUpsDone);
    expect(after.disputeRate).not.toBeNull();
    expect(after.followUpRate).toBe(Math.round((after.followUpsDone * 10_000) / after.followUps) / 10_000);
  });
});
