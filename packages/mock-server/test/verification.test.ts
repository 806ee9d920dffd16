/**
 * Independent verification (核查, issue 9): who may verify a case or reject
 * its resolution (`reopen`), at which level, and that the resolver or the
 * assignee never may. The full matrix — role × root level × case level ×
 * action × the actor's relation to the work — against an oracle written out
 * here from the contract's words, not imported from the server; then role ×
 * every other status (a case not resolved cannot be judged: 409 to a judge,
 * 403 to anyone else). Every refusal is checked in SQLite too: the case row and
 * its `case_events` rows unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseLevel } from '@gridkit/sdk';
import { tokens, units } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';
import { transitionsOn } from './support/transitions.js';

type Token = (typeof tokens)[keyof typeof tokens];
type Relation = 'resolver' | 'assignee' | 'other';
type Judging = 'verify' | 'reopen';

/** The fixture's staff (test/support/fixture.ts), as the oracle sees them. */
const staff: Record<string, { id: string; role: string; root: string; rootLevel: CaseLevel }> = {
  [tokens.workerG1]: { id: 'stf_g1', role: 'grid_worker', root: '/D/S1/C1/G1/', rootLevel: 'grid' },
  [tokens.supervisorG1]: { id: 'stf_sg1', role: 'supervisor', root: '/D/S1/C1/G1/', rootLevel: 'grid' },
  [tokens.supervisorC1]: { id: 'stf_sc1', role: 'supervisor', root: '/D/S1/C1/', rootLevel: 'community' },
  [tokens.supervisorS1]: { id: 'stf_ss1', role: 'supervisor', root: '/D/S1/', rootLevel: 'street' },
  [tokens.supervisorS2]: { id: 'stf_ss2', role: 'supervisor', root: '/D/S2/', rootLevel: 'street' },
  [tokens.supervisorD]: { id: 'stf_sd', role: 'supervisor', root: '/D/', rootLevel: 'district' },
  [tokens.adminC1]: { id: 'stf_c1', role: 'admin', root: '/D/S1/C1/', rootLevel: 'community' },
  [tokens.adminS1]: { id: 'stf_s1', role: 'admin', root: '/D/S1/', rootLevel: 'street' },
  [tokens.adminD]: { id: 'stf_d', role: 'admin', root: '/D/', rootLevel: 'district' },
  [tokens.departmentS1]: { id: 'stf_ds1', role: 'department', root: '/D/S1/', rootLevel: 'street' },
  [tokens.departmentD]: { id: 'stf_dd', role: 'department', root: '/D/', rootLevel: 'district' },
};
/** The departments' units: a department resolves, or is the assignee, as its unit. */
const unitOf: Partial<Record<Token, Record<string, string>>> = {
  [tokens.departmentS1]: units.cityS1,
  [tokens.departmentD]: units.marketD,
};
const caseGridPath = '/D/S1/C1/G1/';
const levels: CaseLevel[] = ['grid', 'community', 'street', 'district'];
const rank = (level: CaseLevel) => levels.indexOf(level);

/** Who may handle (and so resolve) a case at each level: today's rules, unchanged. */
const handlersAt: Record<CaseLevel, Token[]> = {
  grid: [tokens.adminD, tokens.adminS1, tokens.adminC1, tokens.workerG1],
  community: [tokens.adminD, tokens.adminS1, tokens.adminC1],
  street: [tokens.adminD, tokens.adminS1],
  district: [tokens.adminD],
};

/** The contract's rule, spelt out: what a `verify` or `reopen` of a resolved case gets. */
function expected(actor: Token, level: CaseLevel, relation: Relation): { status: number; slug?: string } {
  const who = staff[actor]!;
  // Departments, like grid workers, never judge a resolution: they work on the cases they are given.
  if (who.role === 'grid_worker' || who.role === 'department') return { status: 403, slug: 'forbidden' };
  if (!caseGridPath.startsWith(who.root) || rank(who.rootLevel) < rank(level))
    return { status: 403, slug: 'forbidden' };
  if (relation !== 'other') return { status: 403, slug: 'not-independent' };
  return { status: 200 };
}

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => expect(h.contractBreaks).toEqual([]));

const { versionOf, act, must, caseIn } = transitionsOn(() => h);

const unit = { type: 'unit', id: 'unit-env', name: '一街道环卫所' };

/**
 * A resolved case in G1 at `level`: accepted and escalated by the district
 * admin, dispatched to `assignee`, started and resolved by `resolver`.
 */
async function resolvedCase(level: CaseLevel, resolver: Token, assignee: Record<string, string>) {
  const { id } = await h.client().cases.create(report());
  await must(tokens.adminD, id, { action: 'accept' });
  for (let l = 0; l < rank(level); l++) await must(tokens.adminD, id, { action: 'escalate', note: '需上级协调' });
  await must(tokens.adminD, id, { action: 'dispatch', assignee });
  await must(resolver, id, { action: 'start' });
  await must(resolver, id, { action: 'resolve', publicNote: '已处置' });
  return id;
}

/** What a refusal must leave exactly as it was: the case row and its timeline rows. */
function snapshot(caseId: string) {
  return {
    row: h.db
      .prepare('SELECT status, level, version, assignee, reopen_count, closed_at FROM cases WHERE id = ?')
      .get(caseId),
    events: h.db.prepare('SELECT count(*) FROM case_events WHERE case_id = ?').pluck().get(caseId),
    allEvents: h.db.prepare('SELECT count(*) FROM case_events').pluck().get(),
  };
}

interface Row {
  name: string;
  actor: Token;
  level: CaseLevel;
  action: Judging;
  relation: Relation;
}

/**
 * Every combination that can exist: a resolver must be allowed to resolve there (a department at any level, once
 * the case is its unit's); an assignee must serve the case's grid (a dispatch names no one else); an "other" needs
 * someone else to resolve.
 */
const matrix: Row[] = Object.keys(staff).flatMap((actor) =>
  levels.flatMap((level) =>
    (['verify', 'reopen'] as const).flatMap((action) =>
      (['resolver', 'assignee', 'other'] as const)
        .filter((relation) =>
          relation === 'resolver'
            ? handlersAt[level].includes(actor as Token) || unitOf[actor as Token] !== undefined
            : (relation === 'other' || caseGridPath.startsWith(staff[actor]!.root)) &&
              handlersAt[level].some((t) => t !== actor),
        )
        .map((relation) => ({
          name: `${staff[actor]!.role} at ${staff[actor]!.rootLevel} (${actor}) · case at ${level} · ${action} · actor is ${relation}`,
          actor: actor as Token,
          level,
          action,
          relation,
        })),
    ),
  ),
);

describe('verify and reopen of a resolved case: role × root level × case level × relation', () => {
  it('covers every role, root level, case level, action and relation', () => {
    expect(new Set(matrix.map((r) => staff[r.actor]!.role))).toEqual(
      new Set(['grid_worker', 'supervisor', 'department', 'admin']),
    );
    expect(new Set(matrix.map((r) => r.level)).size).toBe(4);
    expect(new Set(matrix.map((r) => r.relation)).size).toBe(3);
    const outcomes = matrix.map((r) => expected(r.actor, r.level, r.relation));
    expect(outcomes.filter((o) => o.status === 200).length).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o.slug === 'not-independent').length).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o.slug === 'forbidden').length).toBeGreaterThan(20);
  });

  it.each(matrix)('$name', async ({ actor, level, action, relation }) => {
    const resolver = relation === 'resolver' ? actor : handlersAt[level].find((t) => t !== actor)!;
    // A department is assigned (and so resolves) as its unit; anyone else as a person.
    const assignee =
      relation === 'other'
        ? unit
        : (unitOf[actor] ??
          (relation === 'assignee' ? { type: 'person', id: staff[actor]!.id, name: '被派人员' } : unit));
    const caseId = await resolvedCase(level, resolver, assignee);
    const before = snapshot(caseId);
    const result = await act(actor, caseId, action === 'reopen' ? { action, note: '核查未通过，返工' } : { action });
    const want = expected(actor, level, relation);
    expect(result.status, JSON.stringify(result.body)).toBe(want.status);
    if (want.status === 200) {
      expect(result.body).toMatchObject(
        action === 'verify'
          ? { status: 'closed', level, version: (before.row as { version: number }).version + 1 }
          : { status: 'in_progress', level, reopenCount: 1 },
      );
      expect(snapshot(caseId).events).toBe((before.events as number) + 1);
      const last = h.db
        .prepare('SELECT type, actor_id FROM case_events WHERE case_id = ? ORDER BY seq DESC LIMIT 1')
        .get(caseId);
      expect(last).toEqual({ type: action, actor_id: staff[actor]!.id });
    } else {
      expect(result.body).toMatchObject({ type: `https://gridkit.dev/problems/${want.slug}`, status: 403 });
      expect(String(result.body.detail)).not.toBe('');
      // Nothing changed: same row (status, level, version, assignee), same number of events.
      expect(snapshot(caseId)).toEqual(before);
    }
  });
});

describe('around the rule', () => {
  it('the resolver is refused with a problem naming why, in the caller’s language, and nothing changes', async () => {
    const caseId = await resolvedCase('grid', tokens.workerG1, unit);
    let before = snapshot(caseId);
    // A grid worker may not verify at all: forbidden, before independence is even asked.
    const worker = await act(tokens.workerG1, caseId, { action: 'verify' });
    expect(worker.body).toMatchObject({ status: 403, type: 'https://gridkit.dev/problems/forbidden' });
    expect(String(worker.body.detail)).toMatch(/Grid workers may not verify/);
    expect(snapshot(caseId)).toEqual(before);
    // The admin who resolved it is refused as not independent.
    const own = await resolvedCase('grid', tokens.adminC1, unit);
    const ticket = h.db.prepare('SELECT ticket FROM cases WHERE id = ?').pluck().get(own) as string;
    before = snapshot(own);
    const response = await h.request(`/cases/${own}/transitions`, {
      method: 'POST',
      token: tokens.adminC1,
      headers: { 'If-Match': `"${versionOf(own)}"`, 'Accept-Language': 'en' },
      body: JSON.stringify({ action: 'verify' }),
    });
    expect(response.status).toBe(403);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: 'https://gridkit.dev/problems/not-independent',
      title: 'Needs an independent check',
    });
    expect(String(problem.detail)).toContain(`You resolved case ${ticket}`);
    expect(snapshot(own)).toEqual(before);
  });

  it('the latest resolve counts: after a rework resolved by someone else, the first resolver may verify', async () => {
    const caseId = await resolvedCase('grid', tokens.adminC1, unit);
    await must(tokens.supervisorS1, caseId, { action: 'reopen', note: '东侧仍有垃圾，返工' });
    await must(tokens.adminS1, caseId, { action: 'resolve', publicNote: '已彻底清运' });
    expect((await act(tokens.adminS1, caseId, { action: 'verify' })).body).toMatchObject({
      type: 'https://gridkit.dev/problems/not-independent',
    });
    const result = await act(tokens.adminC1, caseId, { action: 'verify' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'closed', reopenCount: 1 });
  });

  it('the current assignee is refused even when someone else resolved; once reassigned after a rework, allowed', async () => {
    const caseId = await resolvedCase('community', tokens.adminD, { type: 'person', id: 'stf_c1', name: '张社区' });
    expect((await act(tokens.adminC1, caseId, { action: 'verify' })).body).toMatchObject({
      status: 403,
      type: 'https://gridkit.dev/problems/not-independent',
    });
    // A unit is not a person: the community admin is independent of the community's own 居委会.
    const unitCase = await resolvedCase('community', tokens.adminD, units.committeeC1);
    expect((await act(tokens.adminC1, unitCase, { action: 'verify' })).status).toBe(200);
  });

  it('a supervisor only judges resolutions: every other action is 403 and changes nothing', async () => {
    const { id } = await h.client().cases.create(report());
    for (const body of [
      { action: 'accept' },
      { action: 'reject', publicNote: '不属于受理范围' },
      { action: 'escalate', note: '上报' },
    ]) {
      const before = snapshot(id);
      const result = await act(tokens.supervisorD, id, body);
      expect(result.body, body.action).toMatchObject({ status: 403, type: 'https://gridkit.dev/problems/forbidden' });
      expect(String(result.body.detail)).toContain('Supervisors verify cases');
      expect(snapshot(id)).toEqual(before);
    }
    await must(tokens.adminD, id, { action: 'accept' });
    await must(tokens.adminD, id, { action: 'dispatch', assignee: unit });
    for (const body of [{ action: 'start' }]) {
      const before = snapshot(id);
      expect((await act(tokens.supervisorS1, id, body)).status).toBe(403);
      expect(snapshot(id)).toEqual(before);
    }
    await must(tokens.workerG1, id, { action: 'start' });
    const before = snapshot(id);
    expect((await act(tokens.supervisorS1, id, { action: 'resolve' })).status).toBe(403);
    expect(snapshot(id)).toEqual(before);
  });

  it('checks run in the documented order: who (403), If-Match (412), the transition table (409), independence (403)', async () => {
    const { id } = await h.client().cases.create(report());
    await must(tokens.adminD, id, { action: 'accept' });
    // Not resolved yet: a grid worker's verify is still 403 (who first), a supervisor's is 409.
    expect((await act(tokens.workerG1, id, { action: 'verify' })).status).toBe(403);
    expect((await act(tokens.supervisorS1, id, { action: 'verify' })).body).toMatchObject({
      status: 409,
      type: 'https://gridkit.dev/problems/invalid-transition',
    });
    const resolved = await resolvedCase('grid', tokens.adminD, unit);
    const stale = await h.request(`/cases/${resolved}/transitions`, {
      method: 'POST',
      token: tokens.adminD,
      headers: { 'If-Match': '"1"' },
      body: JSON.stringify({ action: 'verify' }),
    });
    expect(stale.status).toBe(412);
    // The resolver's reopen without a note: 422 before independence.
    expect((await act(tokens.adminD, resolved, { action: 'reopen' })).status).toBe(422);
    expect((await act(tokens.adminD, resolved, { action: 'reopen', note: '返工' })).status).toBe(403);
  });
});

const otherStatuses = ['submitted', 'accepted', 'dispatched', 'in_progress', 'closed', 'rejected'] as const;

/**
 * The contract's order for a case that is not resolved: who may judge here at all (403) comes before the
 * transition table (409), so a judge learns the case is not ready and anyone else only that they may not.
 */
function expectedOutsideResolved(actor: Token): { status: number; slug: string } {
  const who = staff[actor]!;
  if (who.role === 'grid_worker' || who.role === 'department' || !caseGridPath.startsWith(who.root))
    return { status: 403, slug: 'forbidden' };
  return { status: 409, slug: 'invalid-transition' };
}

const stateMatrix = Object.keys(staff).flatMap((actor) =>
  otherStatuses.flatMap((status) =>
    (['verify', 'reopen'] as const).map((action) => ({
      name: `${staff[actor]!.role} at ${staff[actor]!.rootLevel} (${actor}) · case ${status} · ${action}`,
      actor: actor as Token,
      status,
      action,
    })),
  ),
);

describe('verify and reopen of a case that is not resolved: role × status', () => {
  it('covers every role and every other status, with both outcomes', () => {
    expect(new Set(stateMatrix.map((r) => staff[r.actor]!.role)).size).toBe(4);
    expect(new Set(stateMatrix.map((r) => r.status)).size).toBe(otherStatuses.length);
    const outcomes = stateMatrix.map((r) => expectedOutsideResolved(r.actor).status);
    expect(outcomes.filter((s) => s === 409).length).toBeGreaterThan(20);
    expect(outcomes.filter((s) => s === 403).length).toBeGreaterThan(20);
  });

  it.each(stateMatrix)('$name', async ({ actor, status, action }) => {
    const caseId = await caseIn(status, { assignee: unit });
    const before = snapshot(caseId);
    const result = await act(actor, caseId, action === 'reopen' ? { action, note: '核查未通过，返工' } : { action });
    const want = expectedOutsideResolved(actor);
    expect(result.body).toMatchObject({ type: `https://gridkit.dev/problems/${want.slug}`, status: want.status });
    expect(result.status).toBe(want.status);
    expect(snapshot(caseId)).toEqual(before);
  });
});
