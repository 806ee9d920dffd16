/**
 * Triage priority (`CasePriority`): a report starts with its category's
 * default priority and is due by that priority's SLA; staff set another at
 * accept only with a reason, and change it later with `prioritize` (priority
 * and reason); an urgent case at grid level needs the community's attention
 * at once; `listCases?priority=` and `?attentionLevel=` filter; statistics
 * group by priority. The SLA rule is the suite's own oracle, from the
 * contract's words: ordinary S, coordination 2 × S, urgent min(S, 4).
 */
import type { Case, CasePriority, Category } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, report } from './support/cases.js';
import { client, target } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectProblem, shanghaiDate } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

const H = 3_600_000;
const slaHours = (priority: CasePriority, category: Category) =>
  priority === 'urgent'
    ? Math.min(category.slaHours, 4)
    : priority === 'coordination'
      ? category.slaHours * 2
      : category.slaHours;
const dueAt = (kase: Pick<Case, 'createdAt'>, priority: CasePriority, category: Category) =>
  Date.parse(kase.createdAt) + slaHours(priority, category) * H;
/** Another priority than `p`, for changes. */
const other = (p: CasePriority): CasePriority => (p === 'urgent' ? 'coordination' : 'urgent');

async function state(caseId: string) {
  const kase = await client('admin').cases.get(caseId);
  const events = (await client('admin').cases.events(caseId, { limit: 200 })).items.length;
  return { version: kase.version, status: kase.status, priority: kase.priority, dueAt: kase.dueAt, events };
}

describe('triage priority', () => {
  it('every category names a default priority; a report starts with it and is due by its SLA', async () => {
    for (const category of world.categories)
      expect(['ordinary', 'coordination', 'urgent']).toContain(category.defaultPriority);
    const { receipt } = await report(world);
    const category = world.plainCategory;
    expect(receipt.priority).toBe(category.defaultPriority);
    expect(Date.parse(receipt.dueAt)).toBe(dueAt(receipt, category.defaultPriority, category));
    expect((await client().cases.getPublic(receipt.ticket)).priority).toBe(category.defaultPriority);
  });

  it('accept with another priority needs a note (422, nothing changed); with one, the priority and dueAt change', async () => {
    const { receipt } = await report(world);
    const worker = client('worker');
    const kase = await worker.cases.get(receipt.id);
    const target = other(kase.priority);
    const before = await state(kase.id);
    const error = await expectProblem(act(worker, kase, { action: 'accept', priority: target }), 422, 'unprocessable');
    expect(error.problem.errors?.map((e) => e.code)).toContain('note_required');
    expect(await state(kase.id)).toEqual(before);
    const accepted = await act(worker, kase, { action: 'accept', priority: target, note: 'Triage on the phone.' });
    expect(accepted).toMatchObject({ status: 'accepted', priority: target, version: kase.version + 1 });
    expect(Date.parse(accepted.dueAt)).toBe(dueAt(kase, target, world.plainCategory));
    const last = (await client('admin').cases.events(kase.id, { limit: 200 })).items.at(-1);
    expect(last).toMatchObject({ type: 'accept', fromPriority: kase.priority, priority: target });
  });

  it('prioritize needs a different priority and a reason, is refused from submitted (409), and records the change', async () => {
    const { receipt } = await report(world);
    const worker = client('worker');
    let kase = await worker.cases.get(receipt.id);
    await expectProblem(
      act(worker, kase, { action: 'prioritize', priority: other(kase.priority), note: 'Too early.' }),
      409,
      'invalid-transition',
    );
    kase = await act(worker, kase, 'accept');
    const before = await state(kase.id);
    for (const [input, code] of [
      [{ action: 'prioritize', note: 'No priority.' }, 'priority_required'],
      [{ action: 'prioritize', priority: kase.priority, note: 'Same.' }, 'priority_unchanged'],
      [{ action: 'prioritize', priority: other(kase.priority) }, 'note_required'],
    ] as const) {
      const error = await expectProblem(act(worker, kase, input), 422, 'unprocessable');
      expect(error.problem.errors?.map((e) => e.code)).toContain(code);
    }
    expect(await state(kase.id)).toEqual(before);
    const target = other(kase.priority);
    const changed = await act(worker, kase, { action: 'prioritize', priority: target, note: 'Found a hazard.' });
    expect(changed).toMatchObject({ status: 'accepted', priority: target, version: kase.version + 1 });
    expect(Date.parse(changed.dueAt)).toBe(dueAt(kase, target, world.plainCategory));
    // By ticket alone: the step and the priority, never the reason.
    const view = await client().cases.getPublic(receipt.ticket);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'prioritize', priority: target });
    expect(JSON.stringify(view)).not.toContain('Found a hazard.');
  });

  it('a supervisor may not prioritize (403), and nothing changes', async (ctx) => {
    if (!target().supervisorToken) return ctx.skip(); // no --supervisor-token for this server
    const { receipt } = await report(world);
    const kase = await act(client('worker'), await client('worker').cases.get(receipt.id), 'accept');
    const before = await state(kase.id);
    await expectProblem(
      act(client('supervisor'), kase, { action: 'prioritize', priority: other(kase.priority), note: 'No.' }),
      403,
      'forbidden',
    );
    expect(await state(kase.id)).toEqual(before);
  });

  it('an urgent case at grid level is on the community’s desk at once; the priority filter finds it', async () => {
    const worker = client('worker');
    const admin = client('admin');
    const urgent = (await report(world)).receipt;
    const ordinary = (await report(world)).receipt;
    let u = await worker.cases.get(urgent.id);
    if (u.priority !== 'urgent') u = await act(worker, u, { action: 'accept', priority: 'urgent', note: 'Urgent.' });
    let o = await worker.cases.get(ordinary.id);
    if (o.priority === 'urgent') o = await act(worker, o, { action: 'accept', priority: 'ordinary', note: 'Minor.' });
    expect(u.attentionLevels).toEqual(['grid', 'community']);
    expect(o.attentionLevels).toEqual(['grid']);
    const ids = async (query: Parameters<typeof admin.cases.list>[0]) =>
      (await admin.cases.list({ ...query, limit: 200 })).items.map((c) => c.id);
    // Narrowed by ticket (`q`), so the answer does not depend on what else the server holds.
    expect(await ids({ attentionLevel: 'community', q: urgent.ticket })).toEqual([urgent.id]);
    expect(await ids({ attentionLevel: 'community', q: ordinary.ticket })).toEqual([]);
    expect(await ids({ attentionLevel: 'grid', q: ordinary.ticket })).toEqual([ordinary.id]);
    expect(await ids({ priority: 'urgent', q: urgent.ticket })).toEqual([urgent.id]);
    expect(await ids({ priority: 'urgent', q: ordinary.ticket })).toEqual([]);
    if (world.adminCovers.community) {
      // The community may act on it at once (here: the admin whose subtree holds the community).
      const accepted = u.status === 'submitted' ? await act(admin, u, 'accept') : u;
      expect(accepted.status).toBe('accepted');
    }
  });

  it('statistics group by priority: three groups in order; an urgent acceptance counts under urgent', async () => {
    const day = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: day, to: day, groupBy: 'priority' } as const;
    const before = await client().stats.resolution(query);
    expect(before.groups.map((g) => g.key)).toEqual(['ordinary', 'coordination', 'urgent']);
    const { receipt } = await report(world);
    const worker = client('worker');
    const kase = await worker.cases.get(receipt.id);
    await act(
      worker,
      kase,
      kase.priority === 'urgent' ? 'accept' : { action: 'accept', priority: 'urgent', note: 'Urgent.' },
    );
    const after = await client().stats.resolution(query);
    const urgentOf = (s: typeof before) => s.groups.find((g) => g.key === 'urgent')!.figures;
    expect(urgentOf(after).accepted).toBe(urgentOf(before).accepted + 1);
    expect(after.totals.accepted).toBe(before.totals.accepted + 1);
  });
});
