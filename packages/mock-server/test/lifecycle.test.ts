import { afterEach, describe, expect, it } from 'vitest';
import {
  caseActionValues,
  GridkitError,
  type CaseAction,
  type CaseStatus,
  type CaseTransitionInput,
} from '@gridkit/sdk';
import { tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';

let h: Harness;
afterEach(() => expect(h.contractBreaks).toEqual([]));

const actions: CaseAction[] = [...caseActionValues];

/** Each action with the fields it requires, so only the state decides. */
const inputs: Record<CaseAction, CaseTransitionInput> = {
  accept: { action: 'accept' },
  reject: { action: 'reject', publicNote: '不属于受理范围' },
  dispatch: { action: 'dispatch', assignee: { type: 'unit', id: 'unit-env', name: '一街道环卫所' } },
  start: { action: 'start' },
  resolve: { action: 'resolve', publicNote: '已清运' },
  verify: { action: 'verify' },
  reopen: { action: 'reopen', note: '现场复核未清理干净' },
  escalate: { action: 'escalate', note: '需社区协调' },
  prioritize: { action: 'prioritize', priority: 'urgent', note: '占压消防通道，改为紧急' },
};

/** How to bring a new case to each status. */
const paths: Record<CaseStatus, CaseAction[]> = {
  submitted: [],
  accepted: ['accept'],
  dispatched: ['accept', 'dispatch'],
  in_progress: ['accept', 'dispatch', 'start'],
  resolved: ['accept', 'dispatch', 'start', 'resolve'],
  closed: ['accept', 'dispatch', 'start', 'resolve', 'verify'],
  rejected: ['reject'],
};

/**
 * The contract's table: where each legal action leads from each status. Written
 * out here on purpose (not imported from domain/lifecycle.ts): the test's own oracle.
 */
const legal: Partial<Record<CaseStatus, Partial<Record<CaseAction, { status: CaseStatus; level: string }>>>> = {
  submitted: { accept: { status: 'accepted', level: 'grid' }, reject: { status: 'rejected', level: 'grid' } },
  accepted: {
    dispatch: { status: 'dispatched', level: 'grid' },
    escalate: { status: 'accepted', level: 'community' },
    prioritize: { status: 'accepted', level: 'grid' },
  },
  dispatched: {
    start: { status: 'in_progress', level: 'grid' },
    escalate: { status: 'accepted', level: 'community' },
    prioritize: { status: 'dispatched', level: 'grid' },
  },
  in_progress: {
    resolve: { status: 'resolved', level: 'grid' },
    escalate: { status: 'accepted', level: 'community' },
    prioritize: { status: 'in_progress', level: 'grid' },
  },
  resolved: { verify: { status: 'closed', level: 'grid' }, reopen: { status: 'in_progress', level: 'grid' } },
};

/** The reporter's tracking token of each case made by `caseIn`, by case id. */
const trackingTokens = new Map<string, string>();

/** Who takes each action: the district admin handles, the district supervisor judges resolutions (核查). */
const actorOf = (action: CaseAction) =>
  h.client(action === 'verify' || action === 'reopen' ? tokens.supervisorD : tokens.adminD);

async function caseIn(status: CaseStatus) {
  const admin = h.client(tokens.adminD);
  const { id, trackingToken } = await h.client().cases.create(report());
  trackingTokens.set(id, trackingToken);
  let current = await admin.cases.get(id);
  for (const action of paths[status])
    current = await actorOf(action).cases.transition(id, inputs[action], { version: current.version });
  expect(current.status).toBe(status);
  return current;
}

describe('every status × every action', () => {
  const table = (Object.keys(paths) as CaseStatus[]).flatMap((status) => actions.map((action) => ({ status, action })));

  it.each(table)('$status + $action', async ({ status, action }) => {
    h = createHarness();
    const admin = h.client(tokens.adminD);
    const before = await caseIn(status);
    const expected = legal[status]?.[action];
    const result = actorOf(action).cases.transition(before.id, inputs[action], { version: before.version });
    if (expected) {
      const after = await result;
      expect({ status: after.status, level: after.level }).toEqual(expected);
      expect(after.version).toBe(before.version + 1);
      const events = await admin.cases.events(before.id, { limit: 200 });
      expect(events.items.at(-1)).toMatchObject({ type: action, fromStatus: status, toStatus: expected.status });
    } else {
      const error = (await result.catch((e: unknown) => e)) as GridkitError;
      expect(error).toBeInstanceOf(GridkitError);
      expect(error.status).toBe(409);
      expect(error.type).toBe('https://gridkit.dev/problems/invalid-transition');
      const after = await admin.cases.get(before.id);
      expect(after.version).toBe(before.version);
      expect(after.status).toBe(status);
    }
  });
});

describe('what transitions record', () => {
  it('walks the closed loop with reopen, and records who, when, notes and the resident-facing notes', async () => {
    h = createHarness();
    const admin = h.client(tokens.adminD);
    const supervisor = h.client(tokens.supervisorD);
    let c = await caseIn('resolved');
    h.clock.now = new Date('2026-03-10T05:00:00.000Z');
    c = await supervisor.cases.transition(c.id, inputs.reopen, { version: c.version });
    expect(c).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    c = await admin.cases.transition(c.id, inputs.resolve, { version: c.version });
    h.clock.now = new Date('2026-03-10T06:00:00.000Z');
    c = await supervisor.cases.transition(c.id, inputs.verify, { version: c.version });
    expect(c).toMatchObject({
      status: 'closed',
      closedAt: '2026-03-10T06:00:00.000Z',
      acceptedAt: '2026-03-10T02:00:00.000Z',
      version: 8,
    });
    const events = (await admin.cases.events(c.id)).items;
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'accept',
      'dispatch',
      'start',
      'resolve',
      'reopen',
      'resolve',
      'verify',
    ]);
    expect(events[4]).toMatchObject({ actor: { type: 'staff', id: 'stf_d', name: '刘区', role: 'admin' } });
    expect(events[5]).toMatchObject({
      actor: { type: 'staff', id: 'stf_sd', name: '韩督查', role: 'supervisor' },
      note: '现场复核未清理干净',
      at: '2026-03-10T05:00:00.000Z',
    });
    expect(events[2]!.assignee).toEqual({ type: 'unit', id: 'unit-env', name: '一街道环卫所' });

    const publicView = await h.client().cases.getPublic(c.ticket, { trackingToken: trackingTokens.get(c.id) });
    expect(publicView.timeline).toHaveLength(8);
    expect(publicView.timeline[4]).toMatchObject({ type: 'resolve', publicNote: '已清运' });
    expect(JSON.stringify(publicView)).not.toContain('现场复核未清理干净');
    expect(publicView.canEvaluate).toBe(true);
    // By ticket alone the same steps and times, without the notes.
    const byTicket = await h.client().cases.getPublic(c.ticket);
    expect(byTicket.timeline.map((e) => [e.type, e.at])).toEqual(publicView.timeline.map((e) => [e.type, e.at]));
    expect(JSON.stringify(byTicket)).not.toContain('已清运');
  });

  it('escalates level by level to the district and no further, clearing the assignee', async () => {
    h = createHarness();
    const admin = h.client(tokens.adminD);
    let c = await caseIn('dispatched');
    expect(c.assignee).not.toBeNull();
    for (const level of ['community', 'street', 'district']) {
      c = await admin.cases.transition(c.id, inputs.escalate, { version: c.version });
      expect(c).toMatchObject({ status: 'accepted', level, assignee: null });
    }
    const error = await admin.cases
      .transition(c.id, inputs.escalate, { version: c.version })
      .catch((e: GridkitError) => e);
    expect(error).toMatchObject({ status: 409, type: 'https://gridkit.dev/problems/invalid-transition' });
    expect((error as GridkitError).message).toContain('dispatch');
    const events = (await admin.cases.events(c.id)).items.filter((e) => e.type === 'escalate');
    expect(events.map((e) => [e.fromLevel, e.level])).toEqual([
      ['grid', 'community'],
      ['community', 'street'],
      ['street', 'district'],
    ]);
  });

  it('closes a case at the level it reached, which is what the per-level share counts', async () => {
    h = createHarness();
    const admin = h.client(tokens.adminD);
    let c = await caseIn('accepted');
    c = await admin.cases.transition(c.id, inputs.escalate, { version: c.version });
    for (const action of ['dispatch', 'start', 'resolve', 'verify'] as const) {
      c = await actorOf(action).cases.transition(c.id, inputs[action], { version: c.version });
    }
    expect(c).toMatchObject({ status: 'closed', level: 'community' });
    expect(h.db.prepare('SELECT closed_level FROM cases WHERE id = ?').pluck().get(c.id)).toBe('community');
  });

  it.each([
    ['dispatch', 'accepted', { action: 'dispatch' }, '/body/assignee', 'assignee_required'],
    ['reopen', 'resolved', { action: 'reopen' }, '/body/note', 'note_required'],
    ['escalate', 'accepted', { action: 'escalate' }, '/body/note', 'note_required'],
    ['reject', 'submitted', { action: 'reject', note: 'internal only' }, '/body/publicNote', 'public_note_required'],
  ] as const)('%s without its required field is 422 and changes nothing', async (_, status, input, path, code) => {
    h = createHarness();
    const admin = h.client(tokens.adminD);
    const before = await caseIn(status);
    const error = (await actorOf(input.action)
      .cases.transition(before.id, input as CaseTransitionInput, { version: before.version })
      .catch((e: unknown) => e)) as GridkitError;
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([expect.objectContaining({ path, code })]);
    expect((await admin.cases.get(before.id)).version).toBe(before.version);
  });
});

describe('optimistic concurrency', () => {
  it('refuses a stale version with 412 and the current ETag', async () => {
    h = createHarness();
    const before = await caseIn('submitted');
    await h.client(tokens.adminD).cases.transition(before.id, inputs.accept, { version: before.version });
    const response = await h.request(`/cases/${before.id}/transitions`, {
      method: 'POST',
      token: tokens.adminD,
      headers: { 'If-Match': `"${before.version}"` },
      body: JSON.stringify(inputs.reject),
    });
    expect(response.status).toBe(412);
    expect(response.headers.get('ETag')).toBe('"2"');
    expect(await response.json()).toMatchObject({ type: 'https://gridkit.dev/problems/stale-version' });
    expect((await h.client(tokens.adminD).cases.get(before.id)).status).toBe('accepted');
  });

  it('lets exactly one of two staff acting on the same version win', async () => {
    h = createHarness();
    const c = await caseIn('submitted');
    const results = await Promise.allSettled([
      h.client(tokens.adminD).cases.transition(c.id, inputs.accept, { version: c.version }),
      h.client(tokens.adminC1).cases.transition(c.id, inputs.reject, { version: c.version }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as GridkitError).status).toBe(412);
    const after = await h.client(tokens.adminD).cases.get(c.id);
    expect(after.version).toBe(2);
    expect((await h.client(tokens.adminD).cases.events(c.id)).items).toHaveLength(2);
  });

  it('returns the version as an ETag on getCase', async () => {
    h = createHarness();
    const c = await caseIn('dispatched');
    const response = await h.request(`/cases/${c.id}`, { token: tokens.adminD });
    expect(response.headers.get('ETag')).toBe('"3"');
  });
});
