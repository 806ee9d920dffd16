/**
 * Triage priority (issue 9, item 2): a category's default priority, set at
 * accept or changed later with a reason, the SLA of each priority (dueAt
 * follows it), urgent cases on the community's desk at once, and the
 * `priority` filter. The role × state × level matrix of `prioritize` is
 * checked against an oracle written out here from the contract's words; every
 * refusal is checked in SQLite too: the case row and its timeline unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseLevel, CaseStatus } from '@gridkit/sdk';
import { tokens, units } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';
import { transitionsOn } from './support/transitions.js';

const H = 3_600_000;
let h: Harness;

/**
 * The fixture's categories are all `ordinary`; here the neighbour dispute is a
 * coordination matter (72 h → 144 h) and a safety hazard is urgent (24 h → 4 h).
 */
function triageHarness(): Harness {
  const harness = createHarness();
  harness.db.prepare("UPDATE categories SET default_priority = 'coordination' WHERE code = 'dispute.neighbour'").run();
  harness.db
    .prepare(
      `INSERT INTO categories (code, name, kind, sla_hours, default_priority, sort_order)
       VALUES ('safety.hazard', '{"zh-CN":"安全隐患","en":"Safety hazard"}', 'event', 24, 'urgent', 4)`,
    )
    .run();
  return harness;
}

beforeAll(() => {
  h = triageHarness();
});
afterAll(() => expect(h.contractBreaks).toEqual([]));

const { act, must, caseIn } = transitionsOn(() => h);

function snapshot(caseId: string) {
  return {
    row: h.db
      .prepare('SELECT status, level, version, priority, due_at, updated_at FROM cases WHERE id = ?')
      .get(caseId),
    events: h.db.prepare('SELECT count(*) FROM case_events WHERE case_id = ?').pluck().get(caseId),
  };
}

/** Dispatched cases go to S1's 城管执法中队, whose staff (department-s1) may then start and resolve them — not prioritize. */
const unit = units.cityS1;

describe('priority at report, at accept and later', () => {
  it('a report starts with its category’s default priority and is due by that priority’s SLA', async () => {
    const created = new Date(h.clock.now);
    for (const [categoryCode, priority, hours] of [
      ['env.garbage', 'ordinary', 24],
      ['dispute.neighbour', 'coordination', 144],
      ['safety.hazard', 'urgent', 4],
    ] as const) {
      const receipt = await h.client().cases.create(report({ categoryCode }));
      expect(receipt).toMatchObject({ priority, dueAt: new Date(created.getTime() + hours * H).toISOString() });
      expect(await h.client(tokens.adminD).cases.get(receipt.id)).toMatchObject({ priority });
      expect(await h.client().cases.getPublic(receipt.ticket)).toMatchObject({ priority });
      expect((await h.client().categories.get(categoryCode)).defaultPriority).toBe(priority);
    }
  });

  it('accept confirms the priority without a reason; a different one needs a note, then moves dueAt', async () => {
    const { id, dueAt } = await h.client().cases.create(report());
    // Confirming the default needs nothing and records no priority change.
    const same = await act(tokens.workerG1, id, { action: 'accept', priority: 'ordinary' });
    expect(same.body).toMatchObject({ status: 'accepted', priority: 'ordinary', dueAt });
    const events = await h.client(tokens.adminD).cases.events(id);
    expect(events.items.at(-1)).not.toHaveProperty('priority');

    const other = (await h.client().cases.create(report())).id;
    const before = snapshot(other);
    const unexplained = await act(tokens.workerG1, other, { action: 'accept', priority: 'urgent' });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body).toMatchObject({ errors: [{ path: '/body/note', code: 'note_required' }] });
    expect(snapshot(other)).toEqual(before);
    const urgent = await must(tokens.workerG1, other, { action: 'accept', priority: 'urgent', note: '占压消防通道' });
    const otherCreated = h.db.prepare('SELECT created_at FROM cases WHERE id = ?').pluck().get(other) as string;
    expect(urgent).toMatchObject({
      priority: 'urgent',
      dueAt: new Date(Date.parse(otherCreated) + 4 * H).toISOString(),
      attentionLevels: ['grid', 'community'],
    });
    expect((await h.client(tokens.adminD).cases.events(other)).items.at(-1)).toMatchObject({
      type: 'accept',
      fromPriority: 'ordinary',
      priority: 'urgent',
      note: '占压消防通道',
    });
  });

  it('prioritize needs a new priority and a reason (422 otherwise, nothing changed), and moves dueAt both ways', async () => {
    const { id, createdAt, ticket } = await h.client().cases.create(report());
    await must(tokens.workerG1, id, { action: 'accept' });
    const before = snapshot(id);
    for (const [body, path, code] of [
      [{ action: 'prioritize', note: '需协调' }, '/body/priority', 'priority_required'],
      [{ action: 'prioritize', priority: 'ordinary', note: '仍为一般' }, '/body/priority', 'priority_unchanged'],
      [{ action: 'prioritize', priority: 'coordination' }, '/body/note', 'note_required'],
    ] as const) {
      const result = await act(tokens.workerG1, id, body);
      expect(result.status, code).toBe(422);
      expect(result.body).toMatchObject({ errors: [{ path, code }] });
      expect(snapshot(id)).toEqual(before);
    }
    const up = await must(tokens.workerG1, id, { action: 'prioritize', priority: 'coordination', note: '需物业配合' });
    expect(up).toMatchObject({
      status: 'accepted',
      priority: 'coordination',
      dueAt: new Date(Date.parse(createdAt) + 48 * H).toISOString(),
      version: (before.row as { version: number }).version + 1,
    });
    const down = await must(tokens.workerG1, id, {
      action: 'prioritize',
      priority: 'ordinary',
      note: '物业已自行处理',
    });
    expect(down).toMatchObject({ priority: 'ordinary', dueAt: new Date(Date.parse(createdAt) + 24 * H).toISOString() });
    const events = (await h.client(tokens.adminD).cases.events(id)).items.filter((e) => e.type === 'prioritize');
    expect(events.map((e) => [e.fromPriority, e.priority, e.note])).toEqual([
      ['ordinary', 'coordination', '需物业配合'],
      ['coordination', 'ordinary', '物业已自行处理'],
    ]);
    // By ticket alone: the step and the priority it set, never the reason.
    const timeline = (await h.client().cases.getPublic(ticket)).timeline.filter((e) => e.type === 'prioritize');
    expect(timeline).toEqual([
      expect.objectContaining({ priority: 'coordination', toStatus: 'accepted' }),
      expect.objectContaining({ priority: 'ordinary', toStatus: 'accepted' }),
    ]);
    expect(JSON.stringify(timeline)).not.toContain('物业');
  });
});

type Actor = (typeof tokens)[keyof typeof tokens];
/** The fixture's staff as the oracle sees them (test/support/fixture.ts). */
const staff: Partial<Record<Actor, { role: string; root: string; rootLevel: CaseLevel }>> = {
  [tokens.workerG1]: { role: 'grid_worker', root: '/D/S1/C1/G1/', rootLevel: 'grid' },
  [tokens.workerG3]: { role: 'grid_worker', root: '/D/S2/C2/G3/', rootLevel: 'grid' },
  [tokens.supervisorS1]: { role: 'supervisor', root: '/D/S1/', rootLevel: 'street' },
  [tokens.adminC1]: { role: 'admin', root: '/D/S1/C1/', rootLevel: 'community' },
  [tokens.adminS1]: { role: 'admin', root: '/D/S1/', rootLevel: 'street' },
  [tokens.departmentS1]: { role: 'department', root: '/D/S1/', rootLevel: 'street' },
};
const caseNode: Record<CaseLevel, string> = {
  grid: '/D/S1/C1/G1/',
  community: '/D/S1/C1/',
  street: '/D/S1/',
  district: '/D/',
};

/** The contract's rule for `prioritize`, spelt out: who first (403), then the state (409). */
function expectedPrioritize(actor: Actor, status: CaseStatus, level: CaseLevel): number {
  const who = staff[actor]!;
  if (who.role === 'supervisor' || who.role === 'department') return 403;
  if (who.role === 'grid_worker' && (level !== 'grid' || !caseNode.grid.startsWith(who.root))) return 403;
  if (who.role === 'admin' && !caseNode[level].startsWith(who.root)) return 403;
  return ['accepted', 'dispatched', 'in_progress'].includes(status) ? 200 : 409;
}

const statuses: CaseStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'closed', 'rejected'];
const matrix = (Object.keys(staff) as Actor[]).flatMap((actor) =>
  (['grid', 'community'] as const).flatMap((level) =>
    statuses
      .filter((status) => level === 'grid' || !['submitted', 'rejected'].includes(status))
      .map((status) => ({
        name: `${staff[actor]!.role} at ${staff[actor]!.rootLevel} (${actor}) · ${status} at ${level}`,
        actor,
        level,
        status,
      })),
  ),
);

describe('prioritize: role × state × level', () => {
  it('covers allowed, forbidden and invalid-transition outcomes', () => {
    const outcomes = matrix.map((r) => expectedPrioritize(r.actor, r.status, r.level));
    expect(outcomes.filter((o) => o === 200).length).toBeGreaterThan(5);
    expect(outcomes.filter((o) => o === 403).length).toBeGreaterThan(5);
    expect(outcomes.filter((o) => o === 409).length).toBeGreaterThan(5);
  });

  it.each(matrix)('$name', async ({ actor, status, level }) => {
    const caseId = await caseIn(status, { level, assignee: unit });
    const before = snapshot(caseId);
    expect(before.row).toMatchObject({ status, level });
    const result = await act(actor, caseId, { action: 'prioritize', priority: 'urgent', note: '现场发现有安全风险' });
    const want = expectedPrioritize(actor, status, level);
    expect(result.status, JSON.stringify(result.body)).toBe(want);
    if (want === 200) {
      expect(result.body).toMatchObject({ status, level, priority: 'urgent' });
      expect(snapshot(caseId).events).toBe((before.events as number) + 1);
    } else {
      expect(result.body).toMatchObject({
        type: `https://gridkit.dev/problems/${want === 403 ? 'forbidden' : 'invalid-transition'}`,
      });
      expect(snapshot(caseId)).toEqual(before);
    }
  });
});

describe('urgent cases reach the community at once', () => {
  it('an urgent report is on the community’s desk from the moment it is reported; an ordinary one only once escalated', async () => {
    const local = triageHarness();
    const urgent = await local.client().cases.create(report({ categoryCode: 'safety.hazard' }));
    const ordinary = await local.client().cases.create(report());
    const elsewhere = await local.client().cases.create(report({ gridId: 'G3', categoryCode: 'safety.hazard' }));
    const community = local.client(tokens.adminC1);
    const desk = async (client = community, level: CaseLevel = 'community') =>
      (await client.cases.list({ attentionLevel: level })).items.map((c) => c.id);

    // Still `submitted`: the community sees the urgent case, not the ordinary one, nor another community's.
    expect(await desk()).toEqual([urgent.id]);
    expect((await community.cases.get(urgent.id)).attentionLevels).toEqual(['grid', 'community']);
    expect((await community.cases.get(ordinary.id)).attentionLevels).toEqual(['grid']);
    // The grid's worker has both on the grid's desk.
    expect(new Set(await desk(local.client(tokens.workerG1), 'grid'))).toEqual(new Set([urgent.id, ordinary.id]));
    // …and the community may act on it at once.
    const accepted = await community.cases.transition(urgent.id, { action: 'accept' }, { version: 1 });
    expect(accepted.status).toBe('accepted');

    // The ordinary case reaches the community when escalated; made urgent, at once.
    const worker = local.client(tokens.workerG1);
    let c = await worker.cases.transition(ordinary.id, { action: 'accept' }, { version: 1 });
    c = await worker.cases.transition(
      ordinary.id,
      { action: 'prioritize', priority: 'urgent', note: '积水漫入配电箱' },
      { version: c.version },
    );
    expect(new Set(await desk())).toEqual(new Set([urgent.id, ordinary.id]));
    // Escalated (grid → community), it stays on the community's desk; escalated on to the street, it leaves it.
    await community.cases.transition(urgent.id, { action: 'escalate', note: '需社区协调' }, { version: 2 });
    expect(new Set(await desk())).toEqual(new Set([urgent.id, ordinary.id]));
    await community.cases.transition(urgent.id, { action: 'escalate', note: '需街道协调' }, { version: 3 });
    expect(await desk()).toEqual([ordinary.id]);
    expect(await desk(local.client(tokens.adminS1), 'street')).toEqual([urgent.id]);

    // The priority filter.
    const admin = local.client(tokens.adminD);
    expect(new Set((await admin.cases.list({ priority: 'urgent' })).items.map((x) => x.id))).toEqual(
      new Set([urgent.id, ordinary.id, elsewhere.id]),
    );
    expect((await admin.cases.list({ priority: 'ordinary' })).items).toEqual([]);
    expect(c.priority).toBe('urgent');
    expect(local.contractBreaks).toEqual([]);
  });

  it('a priority outside the contract’s values is a 400 on the filter and on the transition, and changes nothing', async () => {
    const listed = await h.request('/cases?priority=critical', { token: tokens.adminD });
    expect(listed.status).toBe(400);
    const { id } = await h.client().cases.create(report());
    await must(tokens.workerG1, id, { action: 'accept' });
    const before = snapshot(id);
    const result = await act(tokens.workerG1, id, { action: 'prioritize', priority: 'critical', note: 'x' });
    expect(result.status).toBe(400);
    expect(snapshot(id)).toEqual(before);
  });
});
