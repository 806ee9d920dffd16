/**
 * The daily service register: recording entries within one's jurisdiction,
 * listing them, the monthly summary (Asia/Shanghai calendar, hand-computed
 * expectations) and idempotent creation.
 */
import {
  serviceLogKindValues,
  serviceOutcomeValues,
  subjectGroupValues,
  type ServiceLog,
  type ServiceLogInput,
} from '@gridkit/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';
import { failure, problemType } from './support/problems.js';

let h: Harness;
afterEach(() => {
  expect(h.contractBreaks).toEqual([]);
});

const entry = (overrides: Partial<ServiceLogInput> = {}): ServiceLogInput => ({
  gridId: 'G1',
  occurredAt: '2026-03-10T01:30:00Z',
  kind: 'visit',
  subjectGroups: ['elderly_alone'],
  householdRef: 'G1-3-2-301',
  summary: '入户走访独居老人张大爷，检查燃气和取暖设施。',
  minutes: 40,
  outcome: 'followup_needed',
  ...overrides,
});

// ---------------------------------------------------------------- creating

describe('createServiceLog', () => {
  beforeEach(() => {
    h = createHarness();
  });

  it('a worker for their own grid: 201, the entry as sent, recorded as theirs', async () => {
    const log = await h.client(tokens.workerG1).serviceLogs.create(entry());
    expect(log).toMatchObject({
      gridId: 'G1',
      kind: 'visit',
      subjectGroups: ['elderly_alone'],
      householdRef: 'G1-3-2-301',
      summary: '入户走访独居老人张大爷，检查燃气和取暖设施。',
      minutes: 40,
      outcome: 'followup_needed',
      workerId: 'stf_g1',
      workerName: '王网格',
    });
    expect(Date.parse(log.occurredAt)).toBe(Date.parse('2026-03-10T01:30:00Z'));
    expect(Date.parse(log.createdAt)).toBe(h.clock.now.getTime());
    expect(log.caseId).toBeUndefined();
    expect(h.count('service_logs')).toBe(1);
  });

  it('an occurredAt with an offset is the same instant', async () => {
    const log = await h.client(tokens.workerG1).serviceLogs.create(entry({ occurredAt: '2026-03-10T09:30:00+08:00' }));
    expect(Date.parse(log.occurredAt)).toBe(Date.parse('2026-03-10T01:30:00Z'));
  });

  it('a worker for another grid → 403, nothing stored', async () => {
    const error = await failure(h.client(tokens.workerG1).serviceLogs.create(entry({ gridId: 'G3' })));
    expect(error.status).toBe(403);
    expect(error.type).toBe(problemType('forbidden'));
    expect(h.count('service_logs')).toBe(0);
  });

  it('a worker for the community above their grid → 403 (a worker acts in their own grids only)', async () => {
    const error = await failure(h.client(tokens.workerG1).serviceLogs.create(entry({ gridId: 'C1' })));
    expect(error.status).toBe(403);
    expect(h.count('service_logs')).toBe(0);
  });

  it('a community admin for a grid of the community: 201, the admin is the worker', async () => {
    const log = await h.client(tokens.adminC1).serviceLogs.create(entry({ gridId: 'G2' }));
    expect(log).toMatchObject({ gridId: 'G2', workerId: 'stf_c1', workerName: '张社区' });
  });

  it('a community admin outside the community → 403', async () => {
    const error = await failure(h.client(tokens.adminC1).serviceLogs.create(entry({ gridId: 'G3' })));
    expect(error.status).toBe(403);
    expect(h.count('service_logs')).toBe(0);
  });

  it('without a token → 401', async () => {
    const error = await failure(h.client().serviceLogs.create(entry()));
    expect(error.status).toBe(401);
    expect(error.type).toBe(problemType('unauthenticated'));
    expect(h.count('service_logs')).toBe(0);
  });

  it('a related case is kept as caseId', async () => {
    const receipt = await h.client().cases.create(report());
    const log = await h
      .client(tokens.workerG1)
      .serviceLogs.create(entry({ kind: 'mediation', outcome: 'case_opened', caseId: receipt.id }));
    expect(log.caseId).toBe(receipt.id);
  });

  it('occurredAt exactly now is accepted', async () => {
    const log = await h.client(tokens.workerG1).serviceLogs.create(entry({ occurredAt: h.clock.now.toISOString() }));
    expect(Date.parse(log.occurredAt)).toBe(h.clock.now.getTime());
  });

  it('occurredAt more than 5 minutes in the future → 422 time_in_future; a clock 2 minutes fast is allowed', async () => {
    const worker = h.client(tokens.workerG1);
    const occurredAt = new Date(h.clock.now.getTime() + 6 * 60_000).toISOString();
    const error = await failure(worker.serviceLogs.create(entry({ occurredAt })));
    expect(error.status).toBe(422);
    expect(error.errors).toContainEqual(expect.objectContaining({ path: '/body/occurredAt', code: 'time_in_future' }));
    expect(h.count('service_logs')).toBe(0);
    const fast = new Date(h.clock.now.getTime() + 2 * 60_000).toISOString();
    await expect(worker.serviceLogs.create(entry({ occurredAt: fast }))).resolves.toMatchObject({ occurredAt: fast });
    expect(h.count('service_logs')).toBe(1);
  });

  it('householdRef reaches staff responses only, never a public operation', async () => {
    const secret = 'HH-SECRET-7788';
    const receipt = await h.client().cases.create(report());
    const worker = h.client(tokens.workerG1);
    const created = await worker.serviceLogs.create(
      entry({ householdRef: secret, outcome: 'case_opened', caseId: receipt.id }),
    );
    expect(created.householdRef).toBe(secret);
    expect((await worker.serviceLogs.list()).items[0]!.householdRef).toBe(secret);
    expect((await h.client(tokens.adminD).serviceLogs.list({ gridId: 'G1' })).items[0]!.householdRef).toBe(secret);

    const pub = h.client();
    const publicBodies = [
      await pub.cases.getPublic(receipt.ticket),
      await pub.notices.board('G1'),
      await pub.grids.get('G1'),
      await pub.stats.resolution({ gridId: 'D', from: '2026-03-01', to: '2026-03-31' }),
    ];
    for (const body of publicBodies) expect(JSON.stringify(body)).not.toContain(secret);
    const anonymous = await h.request('/service-logs');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain(secret);
  });
});

// ---------------------------------------------------------------- idempotency

describe('createServiceLog with an Idempotency-Key', () => {
  beforeEach(() => {
    h = createHarness();
  });

  const post = (key: string, body: ServiceLogInput, token: string = tokens.workerG1) =>
    h.request('/service-logs', {
      method: 'POST',
      token,
      headers: { 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });

  it('the same key twice → the same entry, one row; the second answer is marked Idempotent-Replayed', async () => {
    const first = await post('log-key-0001', entry());
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const original = (await first.json()) as ServiceLog;

    h.clock.now = new Date(h.clock.now.getTime() + 60 * 60_000);
    const second = await post('log-key-0001', entry());
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await second.json()).toEqual(original);
    expect(h.count('service_logs')).toBe(1);
  });

  it('the same key with a key order change in the JSON is still the same request', async () => {
    await post('log-key-0002', entry());
    const reordered = Object.fromEntries(Object.entries(entry()).reverse()) as unknown as ServiceLogInput;
    const second = await post('log-key-0002', reordered);
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(h.count('service_logs')).toBe(1);
  });

  it('the same key with a different body → 422 idempotency-key-reused, still one row', async () => {
    await post('log-key-0003', entry());
    const second = await post('log-key-0003', entry({ minutes: 41 }));
    expect(second.status).toBe(422);
    expect(((await second.json()) as { type: string }).type).toBe(problemType('idempotency-key-reused'));
    expect(h.count('service_logs')).toBe(1);
  });

  it('keys are scoped to the caller: the same key from another staff member is a new entry', async () => {
    const mine = (await (await post('log-key-0004', entry())).json()) as ServiceLog;
    const theirs = await post('log-key-0004', entry(), tokens.adminC1);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('Idempotent-Replayed')).toBeNull();
    const log = (await theirs.json()) as ServiceLog;
    expect(log.id).not.toBe(mine.id);
    expect(log.workerId).toBe('stf_c1');
    expect(h.count('service_logs')).toBe(2);
  });

  it('different keys for the same body are two entries', async () => {
    expect((await post('log-key-0005', entry())).status).toBe(201);
    expect((await post('log-key-0006', entry())).status).toBe(201);
    expect(h.count('service_logs')).toBe(2);
  });
});

// ---------------------------------------------------------------- a month of entries

/**
 * Nine entries around March 2026. Shanghai is UTC+8, so the Shanghai date
 * (in brackets) can differ from the UTC one.
 */
const seeds: { n: number; token: string; input: ServiceLogInput }[] = [
  // [Mar 1 00:30] G1 by the worker
  {
    n: 1,
    token: tokens.workerG1,
    input: entry({
      occurredAt: '2026-02-28T16:30:00Z',
      kind: 'visit',
      subjectGroups: ['elderly_alone'],
      householdRef: 'H-101',
      minutes: 30,
      outcome: 'resolved',
    }),
  },
  // [Mar 1 23:59]
  {
    n: 2,
    token: tokens.workerG1,
    input: entry({
      occurredAt: '2026-03-01T15:59:00Z',
      kind: 'visit',
      subjectGroups: ['elderly_alone', 'chronically_ill'],
      householdRef: 'H-101',
      minutes: 45,
      outcome: 'followup_needed',
    }),
  },
  // [Mar 2 00:00], no household
  {
    n: 3,
    token: tokens.workerG1,
    input: {
      ...entry({
        occurredAt: '2026-03-01T16:00:00Z',
        kind: 'mediation',
        subjectGroups: ['general'],
        minutes: 60,
        outcome: 'case_opened',
      }),
      householdRef: undefined,
    },
  },
  // [Mar 15 10:00] G2 by the community admin
  {
    n: 4,
    token: tokens.adminC1,
    input: entry({
      gridId: 'G2',
      occurredAt: '2026-03-15T02:00:00Z',
      kind: 'assistance',
      subjectGroups: ['disabled', 'hardship'],
      householdRef: 'H-202',
      minutes: 90,
      outcome: 'referred',
    }),
  },
  // [Mar 20 16:00] G3 by its worker
  {
    n: 5,
    token: tokens.workerG3,
    input: entry({
      gridId: 'G3',
      occurredAt: '2026-03-20T08:00:00Z',
      kind: 'inspection',
      subjectGroups: ['general'],
      householdRef: 'H-301',
      minutes: 20,
      outcome: 'resolved',
    }),
  },
  // [Mar 31 23:59:59]
  {
    n: 6,
    token: tokens.workerG1,
    input: entry({
      occurredAt: '2026-03-31T15:59:59Z',
      kind: 'publicity',
      subjectGroups: ['newcomer'],
      householdRef: 'H-102',
      minutes: 15,
      outcome: 'resolved',
    }),
  },
  // [Apr 1 01:30] — April, not March
  {
    n: 7,
    token: tokens.workerG1,
    input: entry({
      occurredAt: '2026-03-31T17:30:00Z',
      kind: 'visit',
      subjectGroups: ['elderly_alone'],
      householdRef: 'H-101',
      minutes: 40,
      outcome: 'resolved',
    }),
  },
  // [Feb 28 23:59] — February
  {
    n: 8,
    token: tokens.workerG1,
    input: entry({
      occurredAt: '2026-02-28T15:59:00Z',
      kind: 'visit',
      subjectGroups: ['general'],
      householdRef: 'H-999',
      minutes: 25,
      outcome: 'resolved',
    }),
  },
  // [Mar 5 09:00] G3 by the district admin
  {
    n: 9,
    token: tokens.adminD,
    input: entry({
      gridId: 'G3',
      occurredAt: '2026-03-05T01:00:00Z',
      kind: 'registration',
      subjectGroups: ['newcomer', 'unemployed'],
      householdRef: 'H-301',
      minutes: 35,
      outcome: 'resolved',
    }),
  },
];

/** Seed number → id of the created entry. */
let idOf: Map<number, string>;

async function seedMonth(): Promise<void> {
  h = createHarness({ now: new Date('2026-04-05T00:00:00Z') });
  idOf = new Map();
  for (const seed of seeds) {
    const log = await h.client(seed.token).serviceLogs.create(seed.input);
    idOf.set(seed.n, log.id);
  }
}

/** The ids of seed numbers, to compare with a list's items. */
const logs = (...ns: number[]) => ns.map((n) => idOf.get(n));
const idsOf = (items: ServiceLog[]) => items.map((item) => item.id);

describe('listServiceLogs', () => {
  beforeEach(seedMonth);

  it('the district admin sees every entry, newest occurredAt first', async () => {
    const page = await h.client(tokens.adminD).serviceLogs.list();
    expect(idsOf(page.items)).toEqual(logs(7, 6, 5, 4, 9, 3, 2, 1, 8));
    expect(page.nextCursor).toBeNull();
    const third = page.items.find((item) => item.id === idOf.get(3))!;
    expect(third.householdRef).toBeUndefined();
  });

  it.each([
    ['C1', [7, 6, 4, 3, 2, 1, 8]],
    ['G2', [4]],
    ['S2', [5, 9]],
    ['G3', [5, 9]],
    ['D', [7, 6, 5, 4, 9, 3, 2, 1, 8]],
  ])('gridId=%s covers its whole subtree', async (gridId, expected) => {
    const page = await h.client(tokens.adminD).serviceLogs.list({ gridId });
    expect(idsOf(page.items)).toEqual(logs(...expected));
  });

  it.each([
    ['stf_g1', [7, 6, 3, 2, 1, 8]],
    ['stf_c1', [4]],
    ['stf_d', [9]],
    ['stf_nobody', []],
  ])('workerId=%s', async (workerId, expected) => {
    const page = await h.client(tokens.adminD).serviceLogs.list({ workerId });
    expect(idsOf(page.items)).toEqual(logs(...expected));
  });

  it.each([
    ['visit', [7, 2, 1, 8]],
    ['registration', [9]],
    ['other', []],
  ] as const)('kind=%s', async (kind, expected) => {
    const page = await h.client(tokens.adminD).serviceLogs.list({ kind });
    expect(idsOf(page.items)).toEqual(logs(...expected));
  });

  it('occurredFrom is inclusive and occurredTo exclusive', async () => {
    const page = await h
      .client(tokens.adminD)
      .serviceLogs.list({ occurredFrom: '2026-02-28T16:30:00Z', occurredTo: '2026-03-31T17:30:00Z' });
    expect(idsOf(page.items)).toEqual(logs(6, 5, 4, 9, 3, 2, 1));
  });

  it('occurredFrom/To with +08:00 offsets select the Shanghai month of March', async () => {
    const page = await h
      .client(tokens.adminD)
      .serviceLogs.list({ occurredFrom: '2026-03-01T00:00:00+08:00', occurredTo: '2026-04-01T00:00:00+08:00' });
    expect(idsOf(page.items)).toEqual(logs(6, 5, 4, 9, 3, 2, 1));
  });

  it('filters combine with AND', async () => {
    const page = await h.client(tokens.adminD).serviceLogs.list({
      workerId: 'stf_g1',
      kind: 'visit',
      occurredFrom: '2026-03-01T00:00:00+08:00',
    });
    expect(idsOf(page.items)).toEqual(logs(7, 2, 1));
  });

  it.each([
    ['the G1 worker', tokens.workerG1, [7, 6, 3, 2, 1, 8]],
    ['the G3 worker (also the admin’s entry in G3)', tokens.workerG3, [5, 9]],
    ['the C1 admin', tokens.adminC1, [7, 6, 4, 3, 2, 1, 8]],
    ['the S1 admin', tokens.adminS1, [7, 6, 4, 3, 2, 1, 8]],
  ])('jurisdiction: %s sees only entries of their grids', async (_who, token, expected) => {
    const page = await h.client(token).serviceLogs.list();
    expect(idsOf(page.items)).toEqual(logs(...expected));
  });

  it('a workerId filter does not reach outside the jurisdiction', async () => {
    const page = await h.client(tokens.workerG3).serviceLogs.list({ workerId: 'stf_g1' });
    expect(page.items).toEqual([]);
  });

  it('a gridId outside the jurisdiction → 403', async () => {
    const error = await failure(h.client(tokens.workerG3).serviceLogs.list({ gridId: 'G1' }));
    expect(error.status).toBe(403);
    expect(error.type).toBe(problemType('forbidden'));
    const admin = await failure(h.client(tokens.adminC1).serviceLogs.list({ gridId: 'S2' }));
    expect(admin.status).toBe(403);
  });

  it('limit=4 pages through in the same order, ending with nextCursor null', async () => {
    const admin = h.client(tokens.adminD);
    const pages: (string | undefined)[][] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await admin.serviceLogs.list({ limit: 4, cursor });
      pages.push(idsOf(page.items));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([logs(7, 6, 5, 4), logs(9, 3, 2, 1), logs(8)]);
  });

  it('without a token → 401', async () => {
    const error = await failure(h.client().serviceLogs.list());
    expect(error.status).toBe(401);
  });
});

// ---------------------------------------------------------------- monthly summary

// A summary lists every value of the contract's enums, in the contract's order.
const kinds = serviceLogKindValues;
const groups = subjectGroupValues;
const outcomes = serviceOutcomeValues;

/** Every day of a month, zeros except the given `{ 'DD': [entries, minutes] }`. */
function days(month: string, count: number, filled: Record<string, [number, number]>) {
  return Array.from({ length: count }, (_, i) => {
    const dd = String(i + 1).padStart(2, '0');
    const [entries, minutes] = filled[dd] ?? [0, 0];
    return { date: `${month}-${dd}`, entries, minutes };
  });
}

const byKind = (filled: Partial<Record<(typeof kinds)[number], [number, number]>>) =>
  kinds.map((kind) => ({ kind, entries: filled[kind]?.[0] ?? 0, minutes: filled[kind]?.[1] ?? 0 }));
const bySubjectGroup = (filled: Partial<Record<(typeof groups)[number], number>>) =>
  groups.map((subjectGroup) => ({ subjectGroup, entries: filled[subjectGroup] ?? 0 }));
const byOutcome = (filled: Partial<Record<(typeof outcomes)[number], number>>) =>
  outcomes.map((outcome) => ({ outcome, entries: filled[outcome] ?? 0 }));

describe('getServiceLogSummary', () => {
  beforeEach(seedMonth);

  it('March 2026 for the whole district, computed by hand', async () => {
    // March (Shanghai): entries 1, 2, 3, 4, 5, 6, 9.
    const summary = await h.client(tokens.adminD).serviceLogs.summary({ month: '2026-03' });
    expect(summary).toEqual({
      month: '2026-03',
      entries: 7,
      minutes: 30 + 45 + 60 + 90 + 20 + 15 + 35,
      households: 4, // H-101 (twice), H-202, H-301 (twice), H-102; entry 3 has none
      byKind: byKind({
        visit: [2, 75],
        mediation: [1, 60],
        assistance: [1, 90],
        inspection: [1, 20],
        publicity: [1, 15],
        registration: [1, 35],
      }),
      // entry 2 counts for elderly_alone and chronically_ill, 4 for disabled and hardship, 9 for newcomer and unemployed
      bySubjectGroup: bySubjectGroup({
        elderly_alone: 2,
        disabled: 1,
        chronically_ill: 1,
        unemployed: 1,
        newcomer: 2,
        hardship: 1,
        general: 2,
      }),
      byOutcome: byOutcome({ resolved: 4, followup_needed: 1, referred: 1, case_opened: 1 }),
      byDay: days('2026-03', 31, {
        '01': [2, 75], // 2026-02-28T16:30Z and 2026-03-01T15:59Z
        '02': [1, 60], // 2026-03-01T16:00Z
        '05': [1, 35],
        '15': [1, 90],
        '20': [1, 20],
        '31': [1, 15], // 2026-03-31T15:59:59Z; 17:30Z is April 1st
      }),
    });
  });

  it('April 2026: the entry at 2026-03-31T17:30:00Z belongs to April 1st; byDay has 30 days', async () => {
    const summary = await h.client(tokens.adminD).serviceLogs.summary({ month: '2026-04' });
    expect(summary).toEqual({
      month: '2026-04',
      entries: 1,
      minutes: 40,
      households: 1,
      byKind: byKind({ visit: [1, 40] }),
      bySubjectGroup: bySubjectGroup({ elderly_alone: 1 }),
      byOutcome: byOutcome({ resolved: 1 }),
      byDay: days('2026-04', 30, { '01': [1, 40] }),
    });
  });

  it('February 2026 has 28 days and only the entry of Feb 28 (Shanghai)', async () => {
    const summary = await h.client(tokens.adminD).serviceLogs.summary({ month: '2026-02' });
    expect(summary.entries).toBe(1);
    expect(summary.minutes).toBe(25);
    expect(summary.byDay).toEqual(days('2026-02', 28, { '28': [1, 25] }));
  });

  it('a month without entries: zeros everywhere, every kind, group, outcome and day still listed', async () => {
    const summary = await h.client(tokens.adminD).serviceLogs.summary({ month: '2024-02' });
    expect(summary).toEqual({
      month: '2024-02',
      entries: 0,
      minutes: 0,
      households: 0,
      byKind: byKind({}),
      bySubjectGroup: bySubjectGroup({}),
      byOutcome: byOutcome({}),
      byDay: days('2024-02', 29, {}),
    });
  });

  it('workerId: only that worker’s entries, and the filter is echoed', async () => {
    // stf_g1 in March: entries 1, 2, 3, 6.
    const summary = await h.client(tokens.adminD).serviceLogs.summary({ month: '2026-03', workerId: 'stf_g1' });
    expect(summary).toMatchObject({ month: '2026-03', workerId: 'stf_g1', entries: 4, minutes: 150, households: 2 });
    expect(summary.byKind).toEqual(byKind({ visit: [2, 75], mediation: [1, 60], publicity: [1, 15] }));
  });

  it('gridId: the subtree, and the filter is echoed', async () => {
    // C1 in March: entries 1, 2, 3, 4, 6.
    const summary = await h.client(tokens.adminD).serviceLogs.summary({ month: '2026-03', gridId: 'C1' });
    expect(summary).toMatchObject({ gridId: 'C1', entries: 5, minutes: 240, households: 3 });
    expect(summary.byOutcome).toEqual(byOutcome({ resolved: 2, followup_needed: 1, referred: 1, case_opened: 1 }));
  });

  it('without filters, the caller’s jurisdiction only: the G3 worker gets G3’s March', async () => {
    // G3 in March: entries 5 and 9, both for household H-301.
    const summary = await h.client(tokens.workerG3).serviceLogs.summary({ month: '2026-03' });
    expect(summary).toMatchObject({ entries: 2, minutes: 55, households: 1 });
    expect(summary.gridId).toBeUndefined();
    expect(summary.workerId).toBeUndefined();
  });

  it('a gridId outside the jurisdiction → 403', async () => {
    const error = await failure(h.client(tokens.adminC1).serviceLogs.summary({ month: '2026-03', gridId: 'G3' }));
    expect(error.status).toBe(403);
    expect(error.type).toBe(problemType('forbidden'));
  });
});
