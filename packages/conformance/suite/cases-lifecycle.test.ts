import type { Case, CaseAction, CaseEvent, CaseStatus } from '@gridkit/sdk';
import { isGridkitError } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  act,
  ALL_ACTIONS,
  ALL_STATUSES,
  ALLOWED_FROM,
  caseIn,
  fullInput,
  JUDGING,
  rawTransition,
  report,
  unitAssignee,
} from './support/cases.js';
import { client } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import {
  expectIssueCodes,
  expectIssuesAt,
  expectProblem,
  expectRawProblem,
  expectUnknownPropertyIssue,
  key,
  PROBLEM_BASE,
  RFC3339,
  tag,
} from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

async function events(caseId: string, who: 'worker' | 'admin' = 'worker'): Promise<CaseEvent[]> {
  const out: CaseEvent[] = [];
  for await (const e of client(who).cases.iterateEvents(caseId)) out.push(e);
  return out;
}

describe('the closed loop', () => {
  it('create → accept → dispatch → start → resolve → reopen → resolve → verify, version +1 and ETag each time', async () => {
    const marker = tag('loop');
    const { receipt } = await report(world, {
      reporter: { name: `Reporter ${marker}`, phone: '13800138000' },
      description: `Loop ${marker}`,
    });
    const worker = client('worker');
    const start = await worker.raw.GET('/cases/{caseId}', { params: { path: { caseId: receipt.id } } });
    expect(start.response.status).toBe(200);
    expect(start.response.headers.get('ETag')).toBe('"1"');
    let kase = start.data as Case;
    expect(kase).toMatchObject({
      status: 'submitted',
      level: 'grid',
      version: 1,
      assignee: null,
      reopenCount: 0,
      evaluation: null,
    });
    expect(kase.acceptedAt).toBeUndefined();
    expect(kase.closedAt).toBeUndefined();
    const dueAt = kase.dueAt;

    const steps: Array<[CaseAction, Record<string, unknown>, Partial<Case>]> = [
      ['accept', { publicNote: 'Accepted, we will come and look.' }, { status: 'accepted' }],
      [
        'dispatch',
        { assignee: unitAssignee(), note: 'Needs a truck.' },
        { status: 'dispatched', assignee: unitAssignee() },
      ],
      ['start', {}, { status: 'in_progress' }],
      ['resolve', { publicNote: 'Repaired.' }, { status: 'resolved' }],
      ['reopen', { note: 'Verification failed: still loose.' }, { status: 'in_progress', reopenCount: 1 }],
      ['resolve', { publicNote: 'Repaired again.' }, { status: 'resolved' }],
      ['verify', { publicNote: 'Checked on site, closed.' }, { status: 'closed' }],
    ];
    // The worker handles; the admin judges the resolution (reopen, verify), independent of the work (核查).
    const judge = (action: CaseAction) => (action === 'reopen' || action === 'verify' ? 'admin' : 'worker');
    for (const [action, extra, expected] of steps) {
      const before = kase.version;
      const result = await rawTransition(judge(action), kase.id, { action, ...extra }, { ifMatch: `"${before}"` });
      expect(result.response.status, `${action}: ${JSON.stringify(result.error)}`).toBe(200);
      kase = result.data as Case;
      expect(kase).toMatchObject(expected);
      expect(kase.version).toBe(before + 1);
      expect(result.response.headers.get('ETag')).toBe(`"${kase.version}"`);
      expect(kase.level).toBe('grid');
      expect(kase.dueAt).toBe(dueAt);
      if (action === 'accept') expect(kase.acceptedAt).toMatch(RFC3339);
    }
    expect(kase.version).toBe(8);
    expect(kase.closedAt).toMatch(RFC3339);
    expect(kase.overdue).toBe(false);

    const again = await worker.cases.get(kase.id);
    expect(again).toMatchObject({ status: 'closed', version: 8, reopenCount: 1 });

    const timeline = await events(kase.id);
    expect(timeline.map((e) => e.type)).toEqual(['created', ...steps.map(([a]) => a)]);
    expect(timeline[0]).toMatchObject({ type: 'created', fromStatus: null, toStatus: 'submitted', level: 'grid' });
    expect(timeline[0]!.actor.type).toBe('resident');
    for (const e of timeline.slice(1)) {
      expect(e.actor).toMatchObject(
        judge(e.type as CaseAction) === 'admin'
          ? { type: 'staff', id: world.admin.id, role: 'admin' }
          : { type: 'staff', id: world.worker.id, role: 'grid_worker' },
      );
      expect(e.caseId).toBe(kase.id);
      expect(e.at).toMatch(RFC3339);
    }
    expect(timeline.find((e) => e.type === 'dispatch')).toMatchObject({
      note: 'Needs a truck.',
      assignee: unitAssignee(),
    });
    expect(timeline.find((e) => e.type === 'reopen')).toMatchObject({
      fromStatus: 'resolved',
      toStatus: 'in_progress',
      note: 'Verification failed: still loose.',
    });
    const times = timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // Events page like every list: limit=2 walks to the same timeline, nextCursor null at the end.
    const first = await worker.cases.events(kase.id, { limit: 2 });
    expect(first.items).toEqual(timeline.slice(0, 2));
    expect(first.nextCursor).toBeTruthy();
    const paged: CaseEvent[] = [];
    for await (const e of worker.cases.iterateEvents(kase.id, { limit: 2 })) paged.push(e);
    expect(paged).toEqual(timeline);
    expect((await worker.cases.events(kase.id, { limit: 200 })).nextCursor).toBeNull();
  });

  it('evaluation: not before closing (409 case-not-closed), wrong token 403, once (then 409 already-evaluated)', async () => {
    const { receipt } = await report(world);
    await expectProblem(
      client().cases.evaluate(receipt.ticket, { trackingToken: receipt.trackingToken, score: 5 }),
      409,
      'case-not-closed',
    );
    expect((await client().cases.getPublic(receipt.ticket)).canEvaluate).toBe(false);

    const worker = client('worker');
    let kase = await worker.cases.get(receipt.id);
    for (const action of ['accept', 'dispatch', 'start', 'resolve'] as const) kase = await act(worker, kase, action);
    await expectProblem(
      client().cases.evaluate(receipt.ticket, { trackingToken: receipt.trackingToken, score: 5 }),
      409,
      'case-not-closed',
    );
    kase = await act(client('admin'), kase, 'verify');
    const closedView = await client().cases.getPublic(receipt.ticket);
    expect(closedView).toMatchObject({ status: 'closed', canEvaluate: true, closedAt: kase.closedAt });
    expect(closedView.evaluation).toBeUndefined();

    await expectProblem(
      client().cases.evaluate(receipt.ticket, { trackingToken: `${receipt.trackingToken}x`, score: 5 }),
      403,
      'invalid-tracking-token',
    );
    const k = key();
    const evaluation = await client().cases.evaluate(
      receipt.ticket,
      { trackingToken: receipt.trackingToken, score: 4, comment: 'Quick and clean.' },
      { idempotencyKey: k },
    );
    expect(evaluation).toMatchObject({ score: 4, comment: 'Quick and clean.' });
    expect(evaluation.createdAt).toMatch(RFC3339);

    const replay = await client().raw.POST('/tickets/{ticket}/evaluation', {
      params: { path: { ticket: receipt.ticket }, header: { 'Idempotency-Key': k } },
      body: { trackingToken: receipt.trackingToken, score: 4, comment: 'Quick and clean.' },
    });
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.data).toEqual(evaluation);

    await expectProblem(
      client().cases.evaluate(receipt.ticket, { trackingToken: receipt.trackingToken, score: 1 }),
      409,
      'already-evaluated',
    );
    const pub = await client().cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(pub.evaluation).toEqual(evaluation);
    expect(pub.canEvaluate).toBe(false);
    // The evaluation (its comment above all) is never shown by ticket alone.
    const byTicket = await client().cases.getPublic(receipt.ticket);
    expect(byTicket).not.toHaveProperty('evaluation');
    expect(JSON.stringify(byTicket)).not.toContain('Quick and clean.');
    expect((await worker.cases.get(receipt.id)).evaluation).toEqual(evaluation);
  });

  it('evaluating an unknown ticket is 404', async () => {
    await expectProblem(
      client().cases.evaluate('ZZ-19900101-9999', { trackingToken: 'trk_nothing', score: 5 }),
      404,
      'not-found',
    );
  });

  it('reject: only from submitted, requires publicNote (422 public_note_required), final', async () => {
    const { receipt } = await report(world);
    const worker = client('worker');
    const error = await expectProblem(
      act(worker, { id: receipt.id, version: 1 }, { action: 'reject' }),
      422,
      'unprocessable',
    );
    expectIssueCodes(error.errors, ['public_note_required']);
    expect((await worker.cases.get(receipt.id)).version).toBe(1);

    const note = `Not for the grid: ${tag('reject')}`;
    const rejected = await act(worker, { id: receipt.id, version: 1 }, { action: 'reject', publicNote: note });
    expect(rejected).toMatchObject({ status: 'rejected', version: 2, level: 'grid' });
    const pub = await client().cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(pub.status).toBe('rejected');
    expect(pub.timeline.at(-1)).toMatchObject({
      type: 'reject',
      fromStatus: 'submitted',
      toStatus: 'rejected',
      publicNote: note,
    });
    await expectProblem(act(worker, rejected, 'accept'), 409, 'invalid-transition');
  });

  it.each([
    ['dispatch', 'assignee_required', 'accepted'],
    ['reopen', 'note_required', 'resolved'],
    ['escalate', 'note_required', 'accepted'],
  ] as const)('%s without its required field is 422 %s', async (action, code, from) => {
    const kase = await caseIn(world, from);
    // A reopen judges the worker's resolution: the admin sends it (a worker's would be 403 before any 422).
    const who = action === 'reopen' ? 'admin' : 'worker';
    const error = await expectProblem(act(client(who), kase, { action }), 422, 'unprocessable');
    expectIssueCodes(error.errors, [code]);
    expect((await client('worker').cases.get(kase.id)).version).toBe(kase.version);
  });
});

describe('escalation', () => {
  it.each(['accepted', 'dispatched', 'in_progress'] as const)(
    'from %s moves one level up, back to accepted, clears the assignee',
    async (from) => {
      const kase = await caseIn(world, from);
      const escalated = await act(client('worker'), kase, {
        action: 'escalate',
        note: 'Beyond the grid.',
        publicNote: 'Passed to the community.',
      });
      expect(escalated).toMatchObject({
        status: 'accepted',
        level: 'community',
        assignee: null,
        version: kase.version + 1,
      });
      expect(escalated.acceptedAt).toBe(kase.acceptedAt);
      const last = (await events(kase.id, 'admin')).at(-1);
      expect(last).toMatchObject({
        type: 'escalate',
        fromStatus: from,
        toStatus: 'accepted',
        fromLevel: 'grid',
        level: 'community',
        note: 'Beyond the grid.',
      });
      // By ticket alone: the step, not its public note (that needs the tracking token).
      const pub = await client().cases.getPublic(escalated.ticket);
      expect(pub.level).toBe('community');
      expect(pub.timeline.at(-1)).toMatchObject({ type: 'escalate', level: 'community' });
      expect(pub.timeline.at(-1)).not.toHaveProperty('publicNote');
      // Above grid level the case belongs to admins: the worker may no longer act.
      await expectProblem(act(client('worker'), escalated, 'dispatch'), 403, 'forbidden');
    },
  );

  it('climbs community → street → district, then escalate is 409 invalid-transition', async (ctx) => {
    if (!world.adminCovers.community || !world.adminCovers.street || !world.adminCovers.district) {
      return ctx.skip(); // the admin token does not cover the district above the worker's grid
    }
    const admin = client('admin');
    let kase: Case = await caseIn(world, 'accepted');
    kase = await act(client('worker'), kase, 'escalate');
    expect(kase.level).toBe('community');
    for (const level of ['street', 'district'] as const) {
      kase = await act(admin, kase, 'escalate');
      expect(kase).toMatchObject({ level, status: 'accepted' });
    }
    const error = await expectProblem(act(admin, kase, 'escalate'), 409, 'invalid-transition');
    expect(error.problem.detail ?? '').toContain('dispatch');
    const after = await admin.cases.get(kase.id);
    expect(after).toMatchObject({ level: 'district', version: kase.version });
    // The admin carries on at district level.
    kase = await act(admin, after, 'dispatch');
    expect(kase).toMatchObject({ status: 'dispatched', level: 'district' });
  });
});

describe('the transition table', () => {
  it.each(ALL_STATUSES)(
    'from %s every action not in the table is 409 invalid-transition and changes nothing',
    async (status: CaseStatus) => {
      const kase = await caseIn(world, status);
      const worker = client('worker');
      const admin = client('admin');
      const allowed = ALL_ACTIONS.filter((a) => ALLOWED_FROM[a].includes(status));
      for (const action of ALL_ACTIONS.filter((a) => !allowed.includes(a))) {
        // verify and reopen are the admin's (a grid worker's is 403 whatever the state); the rest the worker's.
        const who = JUDGING.includes(action) ? admin : worker;
        const error = await expectProblem(act(who, kase, fullInput(action)), 409, 'invalid-transition');
        for (const ok of allowed)
          expect(error.problem.detail ?? '', `detail of ${action} from ${status} names ${ok}`).toContain(ok);
      }
      const after = await worker.cases.get(kase.id);
      expect(after).toMatchObject({ status, version: kase.version, level: 'grid' });
    },
    60_000,
  );
});

describe('optimistic concurrency', () => {
  it('a stale If-Match is 412 stale-version with the current ETag; nothing changes', async () => {
    const kase = await caseIn(world, 'accepted');
    const result = await rawTransition(
      'worker',
      kase.id,
      { action: 'dispatch', assignee: unitAssignee() },
      { ifMatch: `"${kase.version - 1}"` },
    );
    expectRawProblem(result, 412, 'stale-version');
    expect(result.response.headers.get('ETag')).toBe(`"${kase.version}"`);
    const ahead = await rawTransition(
      'worker',
      kase.id,
      { action: 'dispatch', assignee: unitAssignee() },
      { ifMatch: `"${kase.version + 5}"` },
    );
    expectRawProblem(ahead, 412, 'stale-version');
    expect(await client('worker').cases.get(kase.id)).toMatchObject({ status: 'accepted', version: kase.version });
  });

  it('a missing or malformed If-Match is 400 naming /header/If-Match', async () => {
    const { receipt } = await report(world);
    const missing = await rawTransition('worker', receipt.id, { action: 'accept' });
    expectIssuesAt(expectRawProblem(missing, 400, 'validation-failed').errors, ['/header/If-Match']);
    const unquoted = await rawTransition('worker', receipt.id, { action: 'accept' }, { ifMatch: '1' });
    expectIssuesAt(expectRawProblem(unquoted, 400, 'validation-failed').errors, ['/header/If-Match']);
    expect((await client('worker').cases.get(receipt.id)).version).toBe(1);
  });

  it('two transitions at once with the same version: exactly one wins, the other gets 412 or 409', async () => {
    for (let round = 0; round < 3; round++) {
      const { receipt } = await report(world);
      const worker = client('worker');
      const results = await Promise.allSettled([
        act(worker, { id: receipt.id, version: 1 }, { action: 'accept', publicNote: 'first' }),
        act(worker, { id: receipt.id, version: 1 }, { action: 'reject', publicNote: 'second' }),
      ]);
      const wins = results.filter((r): r is PromiseFulfilledResult<Case> => r.status === 'fulfilled');
      const losses = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(wins).toHaveLength(1);
      expect(losses).toHaveLength(1);
      const loss = losses[0]!.reason as unknown;
      expect(isGridkitError(loss)).toBe(true);
      if (isGridkitError(loss)) {
        expect([412, 409]).toContain(loss.status);
        expect([`${PROBLEM_BASE}stale-version`, `${PROBLEM_BASE}invalid-transition`]).toContain(loss.type);
      }
      const after = await worker.cases.get(receipt.id);
      expect(after.version).toBe(2);
      expect(after.status).toBe(wins[0]!.value.status);
      expect((await events(receipt.id)).filter((e) => e.type !== 'created')).toHaveLength(1);
    }
  });

  it('replays a transition sent again with the same Idempotency-Key: applied once', async () => {
    const { receipt } = await report(world);
    const k = key();
    const first = await rawTransition(
      'worker',
      receipt.id,
      { action: 'accept' },
      { ifMatch: '"1"', idempotencyKey: k },
    );
    const second = await rawTransition(
      'worker',
      receipt.id,
      { action: 'accept' },
      { ifMatch: '"1"', idempotencyKey: k },
    );
    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(second.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.data).toEqual(first.data);
    expect((await client('worker').cases.get(receipt.id)).version).toBe(2);
  });
});

describe('invalid transition bodies are 400 and change nothing', () => {
  const bodies: Array<[string, unknown, string]> = [
    ['missing action', { note: 'x' }, '/body/action'],
    ['unknown action', { action: 'teleport' }, '/body/action'],
    ['note too long', { action: 'accept', note: 'x'.repeat(2001) }, '/body/note'],
    ['publicNote too long', { action: 'accept', publicNote: 'x'.repeat(501) }, '/body/publicNote'],
    ['empty note', { action: 'accept', note: '' }, '/body/note'],
    ['assignee without name', { action: 'accept', assignee: { type: 'unit', id: 'u1' } }, '/body/assignee/name'],
    [
      'assignee of unknown type',
      { action: 'accept', assignee: { type: 'robot', id: 'u1', name: 'R' } },
      '/body/assignee/type',
    ],
    ['mediaIds not an array', { action: 'accept', mediaIds: 'med_1' }, '/body/mediaIds'],
  ];
  it.each(bodies)('%s', async (_name, body, path) => {
    const { receipt } = await report(world);
    const result = await rawTransition('worker', receipt.id, body, { ifMatch: '"1"' });
    expectIssuesAt(expectRawProblem(result, 400, 'validation-failed').errors, [path]);
    expect(await client('worker').cases.get(receipt.id)).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('unknown property', async () => {
    const { receipt } = await report(world);
    const result = await rawTransition(
      'worker',
      receipt.id,
      { action: 'accept', priority: 'high' },
      { ifMatch: '"1"' },
    );
    expectUnknownPropertyIssue(expectRawProblem(result, 400, 'validation-failed').errors, '/body', 'priority');
    expect((await client('worker').cases.get(receipt.id)).version).toBe(1);
  });
});

describe('invalid evaluation bodies are 400 and leave the case open to evaluation', () => {
  let closed: { ticket: string; trackingToken: string };
  beforeAll(async () => {
    const kase = await caseIn(world, 'closed');
    closed = { ticket: kase.receipt.ticket, trackingToken: kase.receipt.trackingToken };
  });
  const bodies: Array<[string, (t: string) => unknown, string]> = [
    ['score 6', (t) => ({ trackingToken: t, score: 6 }), '/body/score'],
    ['score 0', (t) => ({ trackingToken: t, score: 0 }), '/body/score'],
    ['score as a string', (t) => ({ trackingToken: t, score: '5' }), '/body/score'],
    ['score 4.5', (t) => ({ trackingToken: t, score: 4.5 }), '/body/score'],
    ['missing trackingToken', () => ({ score: 5 }), '/body/trackingToken'],
    ['missing score', (t) => ({ trackingToken: t }), '/body/score'],
    ['comment too long', (t) => ({ trackingToken: t, score: 5, comment: 'x'.repeat(501) }), '/body/comment'],
  ];
  it.each(bodies)('%s', async (_name, body, path) => {
    const result = await client().raw.POST('/tickets/{ticket}/evaluation', {
      params: { path: { ticket: closed.ticket }, header: { 'Idempotency-Key': key() } },
      body: body(closed.trackingToken) as never,
    });
    expectIssuesAt(expectRawProblem(result, 400, 'validation-failed').errors, [path]);
    const pub = await client().cases.getPublic(closed.ticket);
    expect(pub.canEvaluate).toBe(true);
    expect(pub.evaluation).toBeUndefined();
  });

  it('unknown property', async () => {
    const result = await client().raw.POST('/tickets/{ticket}/evaluation', {
      params: { path: { ticket: closed.ticket }, header: { 'Idempotency-Key': key() } },
      body: { trackingToken: closed.trackingToken, score: 5, stars: 5 } as never,
    });
    expectUnknownPropertyIssue(expectRawProblem(result, 400, 'validation-failed').errors, '/body', 'stars');
    expect((await client().cases.getPublic(closed.ticket)).canEvaluate).toBe(true);
  });
});
