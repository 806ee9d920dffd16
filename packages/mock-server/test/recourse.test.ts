/**
 * The resident's recourse (issue 9, item 4): disputing a closure with the
 * tracking token within 7 days (the harness clock moves time), the follow-up
 * (回访) a score of 1–2 opens until an admin or a supervisor records its
 * outcome (role × follow-up state matrix against an oracle written out here),
 * what the public view shows of both with and without the token, and the new
 * statistics against figures computed by hand. Every refusal is checked in
 * SQLite too: the case row and its timeline unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolutionFigures } from '@gridkit/sdk';
import { tokens } from './support/fixture.js';
import { closeCase, createHarness, report, type Harness } from './support/harness.js';
import { failure, problemType } from './support/problems.js';

const H = 3_600_000;
const DAY = 24 * H;
let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => expect(h.contractBreaks).toEqual([]));

function snapshot(harness: Harness, caseId: string) {
  return {
    row: harness.db
      .prepare(
        `SELECT status, level, version, closed_at, closed_level, reopen_count, dispute_count, follow_up_status,
                follow_up_outcome, updated_at FROM cases WHERE id = ?`,
      )
      .get(caseId),
    events: harness.db.prepare('SELECT count(*) FROM case_events WHERE case_id = ?').pluck().get(caseId),
  };
}

/** A report in G1, closed (handled by the district admin, verified by the district supervisor) at the clock's time. */
async function closedCase(harness: Harness = h) {
  const receipt = await harness.client().cases.create(report());
  const closed = await closeCase(harness.client(tokens.adminD), receipt.id, harness.client(tokens.supervisorD));
  return { ...receipt, closed };
}

describe('dispute: the resident takes a closure back within 7 days', () => {
  it('at the last instant of the window: back to handling at its level, the reason in the timeline (token only)', async () => {
    const { id, ticket, trackingToken, closed } = await closedCase();
    const closedAt = closed.closedAt!;
    const byTicket = await h.client().cases.getPublic(ticket);
    expect(byTicket).toMatchObject({
      canDispute: true,
      disputeUntil: new Date(Date.parse(closedAt) + 7 * DAY).toISOString(),
    });
    const start = h.clock.now;
    h.clock.now = new Date(Date.parse(closedAt) + 7 * DAY);
    try {
      // Typed as a person types it: lower case, no dashes.
      const typed = trackingToken.toLowerCase().replaceAll('-', '');
      const view = await h.client().cases.dispute(ticket, { trackingToken: typed, reason: '东侧仍有垃圾，没有清完' });
      expect(view).toMatchObject({ status: 'in_progress', level: 'grid', canDispute: false, canEvaluate: false });
      expect(view).not.toHaveProperty('closedAt');
      expect(view.timeline.at(-1)).toEqual({
        type: 'dispute',
        fromStatus: 'closed',
        toStatus: 'in_progress',
        level: 'grid',
        at: h.clock.now.toISOString(),
        publicNote: '东侧仍有垃圾，没有清完',
      });
      const staffView = await h.client(tokens.adminD).cases.get(id);
      expect(staffView).toMatchObject({
        status: 'in_progress',
        reopenCount: 1,
        disputeCount: 1,
        version: closed.version + 1,
        assignee: closed.assignee,
      });
      expect(staffView).not.toHaveProperty('closedAt');
      expect((await h.client(tokens.adminD).cases.events(id)).items.at(-1)).toMatchObject({
        type: 'dispute',
        actor: { type: 'resident' },
        publicNote: '东侧仍有垃圾，没有清完',
      });
      // By ticket alone: the step, not the resident's words.
      const anonymous = await h.client().cases.getPublic(ticket);
      expect(anonymous.timeline.at(-1)).toEqual({
        type: 'dispute',
        fromStatus: 'closed',
        toStatus: 'in_progress',
        level: 'grid',
        at: h.clock.now.toISOString(),
      });
      expect(JSON.stringify(anonymous)).not.toContain('东侧仍有垃圾');
      // Handled again and verified by someone independent: closed again, with a new window.
      const admin = h.client(tokens.adminD);
      let c = await admin.cases.transition(
        id,
        { action: 'resolve', publicNote: '已全部清运' },
        { version: staffView.version },
      );
      c = await h.client(tokens.supervisorD).cases.transition(id, { action: 'verify' }, { version: c.version });
      expect(c).toMatchObject({
        status: 'closed',
        reopenCount: 1,
        disputeCount: 1,
        closedAt: h.clock.now.toISOString(),
      });
      expect((await h.client().cases.getPublic(ticket)).canDispute).toBe(true);
    } finally {
      h.clock.now = start;
    }
  });

  it('one millisecond after the window: 409 dispute-window-closed, nothing changed', async () => {
    const { id, ticket, trackingToken, closed } = await closedCase();
    const start = h.clock.now;
    h.clock.now = new Date(Date.parse(closed.closedAt!) + 7 * DAY + 1);
    try {
      expect(await h.client().cases.getPublic(ticket)).toMatchObject({ status: 'closed', canDispute: false });
      const before = snapshot(h, id);
      const error = await failure(h.client().cases.dispute(ticket, { trackingToken, reason: '问题又出现了' }));
      expect(error).toMatchObject({ status: 409, type: problemType('dispute-window-closed') });
      expect(error.problem.detail).toContain(ticket);
      expect(snapshot(h, id)).toEqual(before);
    } finally {
      h.clock.now = start;
    }
  });

  it('a wrong token is 403 and reveals nothing; a case that is not closed is 409 case-not-closed; nothing changes', async () => {
    const { id, ticket, trackingToken } = await closedCase();
    const other = await h.client().cases.create(report());
    let before = snapshot(h, id);
    const wrong = await failure(h.client().cases.dispute(ticket, { trackingToken: other.trackingToken, reason: 'x' }));
    expect(wrong).toMatchObject({ status: 403, type: problemType('invalid-tracking-token') });
    expect(JSON.stringify(wrong.problem)).not.toContain(id);
    expect(snapshot(h, id)).toEqual(before);
    // Not closed: submitted, and rejected (final, but never closed).
    before = snapshot(h, other.id);
    const open = await failure(
      h.client().cases.dispute(other.ticket, { trackingToken: other.trackingToken, reason: '还没处理' }),
    );
    expect(open).toMatchObject({ status: 409, type: problemType('case-not-closed') });
    expect(snapshot(h, other.id)).toEqual(before);
    const rejected = await h.client().cases.create(report());
    await h
      .client(tokens.adminD)
      .cases.transition(rejected.id, { action: 'reject', publicNote: '不属于受理范围' }, { version: 1 });
    const refused = await failure(
      h.client().cases.dispute(rejected.ticket, { trackingToken: rejected.trackingToken, reason: '应当受理' }),
    );
    expect(refused).toMatchObject({ status: 409, type: problemType('case-not-closed') });
    // A bad body is 400 before anything is looked at; an unknown ticket 404.
    const empty = await h.request(`/tickets/${ticket}/dispute`, {
      method: 'POST',
      body: JSON.stringify({ trackingToken, reason: '' }),
    });
    expect(empty.status).toBe(400);
    const unknown = await h.request('/tickets/TS-20260310-9999/dispute', {
      method: 'POST',
      body: JSON.stringify({ trackingToken, reason: '问题还在' }),
    });
    expect(unknown.status).toBe(404);
    expect((await h.client(tokens.adminD).cases.get(id)).status).toBe('closed');
  });

  it('a retried dispute with the same Idempotency-Key is one dispute', async () => {
    const { id, ticket, trackingToken } = await closedCase();
    const key = 'dispute-retry-0001';
    const first = await h
      .client()
      .cases.dispute(ticket, { trackingToken, reason: '还有垃圾' }, { idempotencyKey: key });
    const again = await h
      .client()
      .cases.dispute(ticket, { trackingToken, reason: '还有垃圾' }, { idempotencyKey: key });
    expect(again).toEqual(first);
    expect((await h.client(tokens.adminD).cases.get(id)).disputeCount).toBe(1);
  });
});

/** The fixture's staff as the oracle sees them (test/support/fixture.ts); the case is in G1 (/D/S1/C1/G1/). */
const recorders = {
  [tokens.workerG1]: { role: 'grid_worker', root: '/D/S1/C1/G1/' },
  [tokens.supervisorG1]: { role: 'supervisor', root: '/D/S1/C1/G1/' },
  [tokens.supervisorC1]: { role: 'supervisor', root: '/D/S1/C1/' },
  [tokens.supervisorS2]: { role: 'supervisor', root: '/D/S2/' },
  [tokens.supervisorD]: { role: 'supervisor', root: '/D/' },
  [tokens.adminC1]: { role: 'admin', root: '/D/S1/C1/' },
  [tokens.adminS1]: { role: 'admin', root: '/D/S1/' },
  [tokens.adminD]: { role: 'admin', root: '/D/' },
} as const;
type Recorder = keyof typeof recorders;
type FollowUpState = 'none' | 'open' | 'done';

/** The contract's rule for `recordFollowUp`: who (403 forbidden), then the follow-up's state (409). */
function expectedRecord(actor: Recorder, state: FollowUpState): { status: number; slug?: string } {
  const who = recorders[actor];
  if (who.role === 'grid_worker' || !'/D/S1/C1/G1/'.startsWith(who.root)) return { status: 403, slug: 'forbidden' };
  if (state !== 'open') return { status: 409, slug: 'invalid-transition' };
  return { status: 200 };
}

/** A closed case rated `score`, its follow-up in `state` ("done": recorded by the district admin). */
async function ratedCase(state: FollowUpState) {
  const { id, ticket, trackingToken } = await closedCase();
  await h.client().cases.evaluate(ticket, { trackingToken, score: state === 'none' ? 3 : 2, comment: '一般' });
  if (state === 'done') {
    const c = await h.client(tokens.adminD).cases.get(id);
    await h.client(tokens.adminD).cases.recordFollowUp(id, { outcome: 'explained', note: '已电话说明' }, c);
  }
  return { id, ticket, trackingToken };
}

const followUpMatrix = (Object.keys(recorders) as Recorder[]).flatMap((actor) =>
  (['none', 'open', 'done'] as const).map((state) => ({
    name: `${recorders[actor].role} over ${recorders[actor].root} · follow-up ${state}`,
    actor,
    state,
  })),
);

describe('follow-up (回访): a score of 1–2 opens one until its outcome is recorded', () => {
  it('scores 1 and 2 open a follow-up (the system’s act), 3 does not; the admins’ list shows the open ones', async () => {
    const opened: string[] = [];
    for (const score of [1, 2, 3, 5]) {
      const { id, ticket, trackingToken } = await closedCase();
      const version = (await h.client(tokens.adminD).cases.get(id)).version;
      await h.client().cases.evaluate(ticket, { trackingToken, score, comment: '请回访我 13800138000' });
      const c = await h.client(tokens.adminD).cases.get(id);
      // Opening a follow-up is not a transition: the version stays, so no handler's If-Match goes stale.
      expect(c.version).toBe(version);
      const last = (await h.client(tokens.adminD).cases.events(id)).items.at(-1)!;
      if (score <= 2) {
        opened.push(id);
        expect(c.followUp).toEqual({ status: 'open', openedAt: c.evaluation!.createdAt });
        expect(last).toMatchObject({ type: 'follow_up_opened', actor: { type: 'system' }, toStatus: 'closed' });
        // By ticket alone neither the follow-up nor its event shows (they would tell a low score) …
        const anonymous = await h.client().cases.getPublic(ticket);
        expect(anonymous).not.toHaveProperty('followUp');
        expect(anonymous.timeline.map((e) => e.type)).not.toContain('follow_up_opened');
        expect(JSON.stringify(anonymous)).not.toContain('13800138000');
        // … with the token, its state.
        const owner = await h.client().cases.getPublic(ticket, { trackingToken });
        expect(owner.followUp).toEqual({ status: 'open', openedAt: c.evaluation!.createdAt });
      } else {
        expect(c.followUp).toBeNull();
        expect(last.type).toBe('verify');
      }
    }
    const open = (await h.client(tokens.adminS1).cases.list({ followUp: 'open', limit: 200 })).items.map((c) => c.id);
    for (const id of opened) expect(open).toContain(id);
    expect(
      (await h.client(tokens.adminS1).cases.list({ followUp: 'open', limit: 200 })).items.every(
        (c) => c.followUp?.status === 'open',
      ),
    ).toBe(true);
  });

  it('recording the outcome: done, who and when, a new version, the note internal; the list moves it', async () => {
    const { id, ticket, trackingToken } = await ratedCase('open');
    const before = await h.client(tokens.supervisorC1).cases.get(id);
    const stale = await failure(
      h.client(tokens.supervisorC1).cases.recordFollowUp(id, { outcome: 'resolved', note: 'x' }, { version: 1 }),
    );
    expect(stale).toMatchObject({ status: 412, type: problemType('stale-version') });
    const done = await h
      .client(tokens.supervisorC1)
      .cases.recordFollowUp(id, { outcome: 'resolved', note: '上门回访：已复查清运，居民认可' }, before);
    expect(done).toMatchObject({
      status: 'closed',
      version: before.version + 1,
      followUp: {
        status: 'done',
        openedAt: before.followUp!.openedAt,
        outcome: 'resolved',
        note: '上门回访：已复查清运，居民认可',
        doneAt: h.clock.now.toISOString(),
        doneBy: { type: 'staff', id: 'stf_sc1', name: '吴督查', role: 'supervisor' },
      },
    });
    expect((await h.client(tokens.adminD).cases.events(id)).items.at(-1)).toMatchObject({
      type: 'follow_up',
      actor: { id: 'stf_sc1', role: 'supervisor' },
      note: '上门回访：已复查清运，居民认可',
    });
    const openIds = (await h.client(tokens.adminD).cases.list({ followUp: 'open', limit: 200 })).items.map((c) => c.id);
    expect(openIds).not.toContain(id);
    const doneIds = (await h.client(tokens.adminD).cases.list({ followUp: 'done', limit: 200 })).items.map((c) => c.id);
    expect(doneIds).toContain(id);
    // The reporter sees that it was done, never the internal note.
    const owner = await h.client().cases.getPublic(ticket, { trackingToken });
    expect(owner.followUp).toEqual({
      status: 'done',
      openedAt: before.followUp!.openedAt,
      doneAt: h.clock.now.toISOString(),
    });
    expect(JSON.stringify(owner)).not.toContain('上门回访');
  });

  it.each(followUpMatrix)('$name', async ({ actor, state }) => {
    const { id } = await ratedCase(state);
    const before = snapshot(h, id);
    const version = (before.row as { version: number }).version;
    const response = await h.request(`/cases/${id}/follow-up`, {
      method: 'POST',
      token: actor,
      headers: { 'If-Match': `"${version}"` },
      body: JSON.stringify({ outcome: 'unreachable', note: '三次电话未接通' }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    const want = expectedRecord(actor, state);
    expect(response.status, JSON.stringify(body)).toBe(want.status);
    if (want.status === 200) {
      expect(body).toMatchObject({ version: version + 1, followUp: { status: 'done', outcome: 'unreachable' } });
    } else {
      expect(body).toMatchObject({ type: problemType(want.slug!) });
      expect(snapshot(h, id)).toEqual(before);
    }
  });
});

describe('stats: dispute, follow-up and on-time by priority, against figures computed by hand', () => {
  /**
   * Seven reports in G1 at T0 (2026-03-10 10:00 Shanghai), all accepted at T0 + 10 min, so all in March's
   * cohort. SLAs: env.garbage ordinary 24 h; safety.hazard urgent 4 h (S = 24 h); dispute.neighbour
   * coordination 144 h (S = 72 h).
   *
   *   A garbage  ordinary      closed T0+5 h                          on time
   *   B hazard   urgent        closed T0+5 h                          LATE (due T0+4 h)
   *   C hazard   urgent        closed T0+2 h                          on time
   *   D neighbour coordination closed T0+5 h, disputed T0+6 h       in progress (not closed)
   *   E garbage  ordinary      closed T0+5 h, rated 2 T0+6 h (follow-up), disputed T0+7 h, resolved T0+8 h,
   *                            verified T0+9 h (closed, on time), follow-up recorded T0+10 h
   *   F garbage  ordinary      closed T0+5 h, rated 1 T0+6 h (follow-up open)
   *   G garbage  ordinary      closed T0+5 h, rated 5
   *
   * Totals: received 7, accepted 7, closed 6 (all but D), on time 5 (not B), evaluations 3 (E 2, F 1, G 5),
   * satisfied 1, reopened 1 (E: closed and reopened by its dispute), disputed 2 (D, E), closed at least once 7
   * (6 closed + D) → dispute rate 2/7 = 0.2857; follow-ups 2 (E, F), done 1 (E) → 0.5; resolution 6/7 =
   * 0.8571; on time 5/6 = 0.8333; satisfaction 1/3 = 0.3333; reopen 1/6 = 0.1667; hours to close A 5, B 5,
   * C 2, E 9, F 5, G 5 → median 5.
   */
  let s: Harness;
  const T0 = Date.parse('2026-03-10T02:00:00.000Z');
  const at = (hours: number) => (s.clock.now = new Date(T0 + hours * H));

  beforeAll(async () => {
    s = createHarness({ now: new Date(T0) });
    s.db.prepare("UPDATE categories SET default_priority = 'coordination' WHERE code = 'dispute.neighbour'").run();
    s.db
      .prepare(
        `INSERT INTO categories (code, name, kind, sla_hours, default_priority, sort_order)
         VALUES ('safety.hazard', '{"zh-CN":"安全隐患","en":"Safety hazard"}', 'event', 24, 'urgent', 4)`,
      )
      .run();
    const admin = s.client(tokens.adminD);
    const supervisor = s.client(tokens.supervisorD);
    const plan = { A: 'env.garbage', B: 'safety.hazard', C: 'safety.hazard', D: 'dispute.neighbour' } as const;
    const cases: Record<string, { id: string; ticket: string; trackingToken: string; version: number }> = {};
    at(0);
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G'])
      cases[name] = {
        ...(await s.client().cases.create(report({ categoryCode: plan[name as keyof typeof plan] ?? 'env.garbage' }))),
        version: 1,
      };
    at(1 / 6);
    for (const c of Object.values(cases)) {
      for (const input of [
        { action: 'accept' },
        { action: 'dispatch', assignee: { type: 'unit', id: 'unit-env', name: '一街道环卫所' } },
        { action: 'start' },
        { action: 'resolve' },
      ] as const)
        c.version = (await admin.cases.transition(c.id, input, { version: c.version })).version;
    }
    const verify = async (name: string, hours: number) => {
      at(hours);
      const c = cases[name]!;
      c.version = (await supervisor.cases.transition(c.id, { action: 'verify' }, { version: c.version })).version;
    };
    await verify('C', 2);
    for (const name of ['A', 'B', 'D', 'E', 'F', 'G']) await verify(name, 5);
    at(6);
    await s.client().cases.dispute(cases.D!.ticket, { trackingToken: cases.D!.trackingToken, reason: '纠纷未解决' });
    await s.client().cases.evaluate(cases.E!.ticket, { trackingToken: cases.E!.trackingToken, score: 2 });
    await s.client().cases.evaluate(cases.F!.ticket, { trackingToken: cases.F!.trackingToken, score: 1 });
    await s.client().cases.evaluate(cases.G!.ticket, { trackingToken: cases.G!.trackingToken, score: 5 });
    at(7);
    await s.client().cases.dispute(cases.E!.ticket, { trackingToken: cases.E!.trackingToken, reason: '还有垃圾' });
    at(8);
    let e = await admin.cases.get(cases.E!.id);
    e = await admin.cases.transition(e.id, { action: 'resolve' }, { version: e.version });
    at(9);
    e = await supervisor.cases.transition(e.id, { action: 'verify' }, { version: e.version });
    at(10);
    await admin.cases.recordFollowUp(e.id, { outcome: 'resolved', note: '回访认可' }, e);
    at(24 * 30);
  });
  afterAll(() => expect(s.contractBreaks).toEqual([]));

  const query = { gridId: 'D', from: '2026-03-01', to: '2026-03-31' } as const;

  it('totals', async () => {
    const { totals } = await s.client().stats.resolution(query);
    expect(totals).toEqual({
      received: 7,
      accepted: 7,
      closed: 6,
      closedOnTime: 5,
      rejected: 0,
      evaluations: 3,
      satisfied: 1,
      reopened: 1,
      disputed: 2,
      followUps: 2,
      followUpsDone: 1,
      resolutionRate: 0.8571,
      onTimeRate: 0.8333,
      satisfactionRate: 0.3333,
      reopenRate: 0.1667,
      disputeRate: 0.2857,
      followUpRate: 0.5,
      medianHoursToClose: 5,
      closedByLevel: {
        grid: { closed: 6, share: 1 },
        community: { closed: 0, share: 0 },
        street: { closed: 0, share: 0 },
        district: { closed: 0, share: 0 },
      },
    } satisfies ResolutionFigures);
  });

  it('groupBy=priority: on time per priority, in the order ordinary, coordination, urgent', async () => {
    const { groups } = await s.client().stats.resolution({ ...query, groupBy: 'priority' });
    expect(groups.map((g) => [g.key, g.label?.en])).toEqual([
      ['ordinary', 'Ordinary'],
      ['coordination', 'Coordination'],
      ['urgent', 'Urgent'],
    ]);
    const [ordinary, coordination, urgent] = groups.map((g) => g.figures);
    // A E F G: all closed on time; E disputed and reopened; E F followed up, E done; hours 5, 9, 5, 5 → 5.
    expect(ordinary).toMatchObject({
      received: 4,
      accepted: 4,
      closed: 4,
      closedOnTime: 4,
      onTimeRate: 1,
      evaluations: 3,
      satisfied: 1,
      reopened: 1,
      reopenRate: 0.25,
      disputed: 1,
      disputeRate: 0.25,
      followUps: 2,
      followUpsDone: 1,
      followUpRate: 0.5,
      medianHoursToClose: 5,
    });
    // D: accepted, disputed, back in progress: nothing closed, so no on-time rate; closed once, disputed once.
    expect(coordination).toMatchObject({
      received: 1,
      accepted: 1,
      closed: 0,
      resolutionRate: 0,
      onTimeRate: null,
      disputed: 1,
      disputeRate: 1,
      followUpRate: null,
      medianHoursToClose: null,
    });
    // B late (5 h > 4 h), C on time (2 h): 1 / 2; hours 5 and 2 → 3.5.
    expect(urgent).toMatchObject({
      received: 2,
      accepted: 2,
      closed: 2,
      closedOnTime: 1,
      onTimeRate: 0.5,
      disputed: 0,
      disputeRate: 0,
      medianHoursToClose: 3.5,
    });
  });
});
