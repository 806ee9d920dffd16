import {
  serviceLogKindValues,
  serviceOutcomeValues,
  subjectGroupValues,
  type ServiceLog,
  type ServiceLogInput,
  type ServiceLogSummary,
} from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/cases.js';
import { client, type Who } from './support/client.js';
import { discover, inWorkerJurisdiction, type World } from './support/discovery.js';
import {
  daysInMonth,
  expectIssueCodes,
  expectIssuesAt,
  expectProblem,
  expectRawProblem,
  expectUnknownPropertyIssue,
  key,
  RFC3339,
  shanghaiDate,
  shanghaiMonth,
  tag,
} from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

// A summary lists every value of the contract's enums, in the contract's order.
const KINDS = [...serviceLogKindValues];
const GROUPS = [...subjectGroupValues];
const OUTCOMES = [...serviceOutcomeValues];

function logInput(overrides: Partial<ServiceLogInput> = {}, marker = tag('log')): ServiceLogInput {
  return {
    gridId: world.workerGrid.id,
    occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    kind: 'assistance',
    subjectGroups: ['disabled', 'hardship'],
    householdRef: `HH-${marker}`,
    summary: `Conformance: helped with a benefit form ${marker}`,
    minutes: 25,
    outcome: 'followup_needed',
    ...overrides,
  };
}

async function recentLogs(who: Who, query: Record<string, unknown> = {}): Promise<ServiceLog[]> {
  const out: ServiceLog[] = [];
  for await (const l of client(who).serviceLogs.iterate({
    occurredFrom: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    limit: 200,
    ...query,
  })) {
    out.push(l);
  }
  return out;
}

function expectSummaryShape(s: ServiceLogSummary, month: string): void {
  expect(s.month).toBe(month);
  expect(s.byKind.map((k) => k.kind)).toEqual(KINDS);
  expect(s.bySubjectGroup.map((g) => g.subjectGroup)).toEqual(GROUPS);
  expect(s.byOutcome.map((o) => o.outcome)).toEqual(OUTCOMES);
  expect(s.byDay).toHaveLength(daysInMonth(month));
  s.byDay.forEach((d, i) => expect(d.date).toBe(`${month}-${String(i + 1).padStart(2, '0')}`));
  expect(s.byKind.reduce((n, k) => n + k.entries, 0)).toBe(s.entries);
  expect(s.byKind.reduce((n, k) => n + k.minutes, 0)).toBe(s.minutes);
  expect(s.byOutcome.reduce((n, o) => n + o.entries, 0)).toBe(s.entries);
  expect(s.byDay.reduce((n, d) => n + d.entries, 0)).toBe(s.entries);
  expect(s.byDay.reduce((n, d) => n + d.minutes, 0)).toBe(s.minutes);
}

describe('createServiceLog', () => {
  it('the worker records an entry in their grid: 201, the worker is the caller', async () => {
    const input = logInput();
    const log = await client('worker').serviceLogs.create(input, { idempotencyKey: key() });
    expect(log).toMatchObject({
      gridId: input.gridId,
      kind: input.kind,
      subjectGroups: input.subjectGroups,
      householdRef: input.householdRef,
      summary: input.summary,
      minutes: input.minutes,
      outcome: input.outcome,
      workerId: world.worker.id,
      workerName: world.worker.name,
    });
    expect(Date.parse(log.occurredAt)).toBe(Date.parse(input.occurredAt));
    expect(log.createdAt).toMatch(RFC3339);
  });

  it('an admin records one within their subtree, as themselves', async () => {
    const log = await client('admin').serviceLogs.create(
      logInput({ kind: 'inspection', subjectGroups: ['general'], outcome: 'resolved' }),
    );
    expect(log.workerId).toBe(world.admin.id);
  });

  it('links a case', async () => {
    const { receipt } = await report(world);
    const log = await client('worker').serviceLogs.create(logInput({ outcome: 'case_opened', caseId: receipt.id }));
    expect(log.caseId).toBe(receipt.id);
  });

  it('accepts an occurredAt a minute ahead (a device clock running a little fast)', async () => {
    const log = await client('worker').serviceLogs.create(
      logInput({ occurredAt: new Date(Date.now() + 60_000).toISOString() }),
    );
    expect(log.workerId).toBe(world.worker.id);
  });

  it('422 for a time in the future, an unknown grid or an unknown case; nothing stored', async () => {
    const marker = tag('log422');
    const future = await expectProblem(
      client('worker').serviceLogs.create(
        logInput({ occurredAt: new Date(Date.now() + 3 * 3_600_000).toISOString() }, marker),
      ),
      422,
      'unprocessable',
    );
    expectIssueCodes(future.errors, ['time_in_future']);
    const unknownGrid = await expectProblem(
      client('admin').serviceLogs.create(logInput({ gridId: 'conformance-no-such-grid' }, marker)),
      422,
      'unprocessable',
    );
    expectIssueCodes(unknownGrid.errors, ['unknown_grid']);
    const unknownCase = await expectProblem(
      client('worker').serviceLogs.create(
        logInput({ caseId: 'conformance-no-such-case', outcome: 'case_opened' }, marker),
      ),
      422,
      'unprocessable',
    );
    expectIssueCodes(unknownCase.errors, ['unknown_case']);
    expect((await recentLogs('admin', { gridId: world.workerGrid.id })).some((l) => l.summary.includes(marker))).toBe(
      false,
    );
  });

  describe('invalid bodies are 400 with the field paths, and store nothing', () => {
    const bodies: Array<[string, (i: ServiceLogInput) => unknown, string | [string, string]]> = [
      ['missing summary', ({ summary: _s, ...r }) => r, '/body/summary'],
      ['missing gridId', ({ gridId: _g, ...r }) => r, '/body/gridId'],
      ['minutes 0', (i) => ({ ...i, minutes: 0 }), '/body/minutes'],
      ['minutes 721', (i) => ({ ...i, minutes: 721 }), '/body/minutes'],
      ['minutes as a string', (i) => ({ ...i, minutes: '20' }), '/body/minutes'],
      ['no subject group', (i) => ({ ...i, subjectGroups: [] }), '/body/subjectGroups'],
      ['unknown subject group', (i) => ({ ...i, subjectGroups: ['aliens'] }), '/body/subjectGroups/0'],
      ['unknown kind', (i) => ({ ...i, kind: 'party' }), '/body/kind'],
      ['occurredAt not a date-time', (i) => ({ ...i, occurredAt: 'this morning' }), '/body/occurredAt'],
      ['summary too long (1001)', (i) => ({ ...i, summary: `${i.summary}${'x'.repeat(1001)}` }), '/body/summary'],
      ['unknown property', (i) => ({ ...i, mood: 'good' }), ['/body', 'mood']],
    ];
    it.each(bodies)('%s', async (_name, mutate, where) => {
      const marker = tag('logbad');
      const input = logInput({}, marker);
      const result = await client('worker').raw.POST('/service-logs', {
        params: { header: { 'Idempotency-Key': key() } },
        body: mutate(input) as ServiceLogInput,
      });
      const problem = expectRawProblem(result, 400, 'validation-failed');
      if (Array.isArray(where)) expectUnknownPropertyIssue(problem.errors, where[0], where[1]);
      else
        expect(
          problem.errors.some((e) => e.path === where || e.path.startsWith(`${where}/`)),
          JSON.stringify(problem.errors),
        ).toBe(true);
      expect((await recentLogs('admin', { gridId: world.workerGrid.id })).some((l) => l.summary.includes(marker))).toBe(
        false,
      );
    });
  });
});

describe('listServiceLogs', () => {
  let mine: ServiceLog;
  let marker: string;
  beforeAll(async () => {
    marker = tag('loglist');
    mine = await client('worker').serviceLogs.create(
      logInput({ kind: 'mediation', subjectGroups: ['general'], outcome: 'resolved' }, marker),
    );
  });

  it('lists entries newest occurredAt first, with the new one', async () => {
    const all = await recentLogs('worker');
    expect(all.map((l) => l.id)).toContain(mine.id);
    const times = all.map((l) => Date.parse(l.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by grid, worker, kind and time', async () => {
    const byGrid = await recentLogs('worker', { gridId: world.workerGrid.id });
    expect(byGrid.every((l) => l.gridId === world.workerGrid.id)).toBe(true);
    expect(byGrid.map((l) => l.id)).toContain(mine.id);
    const byWorker = await recentLogs('admin', { workerId: world.worker.id });
    expect(byWorker.every((l) => l.workerId === world.worker.id)).toBe(true);
    expect(byWorker.map((l) => l.id)).toContain(mine.id);
    const byKind = await recentLogs('worker', { kind: 'mediation' });
    expect(byKind.every((l) => l.kind === 'mediation')).toBe(true);
    expect(byKind.map((l) => l.id)).toContain(mine.id);
    const byOtherKind = await recentLogs('worker', { kind: 'publicity' });
    expect(byOtherKind.map((l) => l.id)).not.toContain(mine.id);
    const after = await recentLogs('worker', {
      occurredFrom: new Date(Date.parse(mine.occurredAt) + 1000).toISOString(),
    });
    expect(after.map((l) => l.id)).not.toContain(mine.id);
    const before = await client('worker').serviceLogs.list({
      occurredTo: mine.occurredAt,
      occurredFrom: new Date(Date.parse(mine.occurredAt) - 60_000).toISOString(),
    });
    expect(before.items.map((l) => l.id)).not.toContain(mine.id);
    expect((await recentLogs('admin', { gridId: world.adminRoot.id })).map((l) => l.id)).toContain(mine.id);
  });

  it('shows the worker only entries of their jurisdiction', async () => {
    const all = await recentLogs('worker', { occurredFrom: new Date(Date.now() - 40 * 24 * 3_600_000).toISOString() });
    const gridIds = [...new Set(all.map((l) => l.gridId))];
    for (const id of gridIds) {
      const grid = await client().grids.get(id);
      expect(inWorkerJurisdiction(grid, world.worker), `worker sees entries of ${id}`).toBe(true);
    }
  });

  it('pages with limit=2 to the same result as one page', async () => {
    const query = { gridId: world.workerGrid.id, occurredFrom: new Date(Date.now() - 3 * 3_600_000).toISOString() };
    const big = (await client('worker').serviceLogs.list({ ...query, limit: 200 })).items.map((l) => l.id);
    const small: string[] = [];
    for await (const l of client('worker').serviceLogs.iterate({ ...query, limit: 2 })) small.push(l.id);
    expect(small).toEqual(big);
  });

  it('rejects bad query values with 400', async () => {
    const limit = await client('worker').raw.GET('/service-logs', { params: { query: { limit: 0 } } });
    expectIssuesAt(expectRawProblem(limit, 400, 'validation-failed').errors, ['/query/limit']);
    const kind = await client('worker').raw.GET('/service-logs', { params: { query: { kind: 'party' as never } } });
    expectIssuesAt(expectRawProblem(kind, 400, 'validation-failed').errors, ['/query/kind']);
  });
});

describe('getServiceLogSummary', () => {
  it('counts a new entry in every breakdown of its month', async () => {
    const occurredAt = new Date(Date.now() - 30 * 60_000);
    const month = shanghaiMonth(occurredAt);
    const day = shanghaiDate(occurredAt);
    const worker = client('worker');
    const before = await worker.serviceLogs.summary({ month, workerId: world.worker.id });
    expectSummaryShape(before, month);
    expect(before.workerId).toBe(world.worker.id);

    const input = logInput({
      occurredAt: occurredAt.toISOString(),
      kind: 'visit',
      subjectGroups: ['elderly_alone', 'chronically_ill'],
      minutes: 40,
      outcome: 'referred',
    });
    await worker.serviceLogs.create(input);
    const after = await worker.serviceLogs.summary({ month, workerId: world.worker.id });
    expectSummaryShape(after, month);

    expect(after.entries).toBe(before.entries + 1);
    expect(after.minutes).toBe(before.minutes + 40);
    expect(after.households).toBe(before.households + 1);
    const kind = (s: ServiceLogSummary, k: string) => s.byKind.find((x) => x.kind === k)!;
    expect(kind(after, 'visit').entries).toBe(kind(before, 'visit').entries + 1);
    expect(kind(after, 'visit').minutes).toBe(kind(before, 'visit').minutes + 40);
    const group = (s: ServiceLogSummary, g: string) => s.bySubjectGroup.find((x) => x.subjectGroup === g)!.entries;
    expect(group(after, 'elderly_alone')).toBe(group(before, 'elderly_alone') + 1);
    expect(group(after, 'chronically_ill')).toBe(group(before, 'chronically_ill') + 1);
    expect(group(after, 'general')).toBe(group(before, 'general'));
    const outcome = (s: ServiceLogSummary, o: string) => s.byOutcome.find((x) => x.outcome === o)!.entries;
    expect(outcome(after, 'referred')).toBe(outcome(before, 'referred') + 1);
    const dayOf = (s: ServiceLogSummary) => s.byDay.find((d) => d.date === day)!;
    expect(dayOf(after).entries).toBe(dayOf(before).entries + 1);
    expect(dayOf(after).minutes).toBe(dayOf(before).minutes + 40);

    const byGrid = await client('admin').serviceLogs.summary({ month, gridId: world.workerGrid.id });
    expectSummaryShape(byGrid, month);
    expect(byGrid.gridId).toBe(world.workerGrid.id);
    expect(byGrid.entries).toBeGreaterThanOrEqual(after.entries > 0 ? 1 : 0);
    const whole = await worker.serviceLogs.summary({ month });
    expectSummaryShape(whole, month);
    expect(whole.entries).toBeGreaterThanOrEqual(after.entries);
  });

  it('an empty month has zeros in every breakdown', async () => {
    const s = await client('worker').serviceLogs.summary({ month: '1990-02', workerId: world.worker.id });
    expectSummaryShape(s, '1990-02');
    expect(s.entries).toBe(0);
    expect(s.households).toBe(0);
    expect(s.byDay).toHaveLength(28);
  });

  it('rejects a missing or malformed month with 400', async () => {
    const missing = await client('worker').raw.GET('/service-logs/summary', { params: { query: {} as never } });
    expectIssuesAt(expectRawProblem(missing, 400, 'validation-failed').errors, ['/query/month']);
    const bad = await client('worker').raw.GET('/service-logs/summary', { params: { query: { month: '2026-13' } } });
    expectIssuesAt(expectRawProblem(bad, 400, 'validation-failed').errors, ['/query/month']);
  });
});
