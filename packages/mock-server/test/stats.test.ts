import { beforeAll, describe, expect, it } from 'vitest';
import type { Schemas } from '@gridkit/sdk';
import { openDatabase, type Db } from '../src/store/database.js';
import { DomainError } from '../src/domain/errors.js';
import { explainResolutionStats, resolutionStats, type ResolutionQuery } from '../src/store/stats.js';
import { contract } from '../src/http/contract.js';
import { compiledOperations, validateResponse } from '../src/http/validation.js';

type ResolutionStats = Schemas['ResolutionStats'];
type ResolutionFigures = Schemas['ResolutionFigures'];

// ---------------------------------------------------------------------------
// The contract, for schema validation: the same validator the server runs on its responses.

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; $ref?: string };
const schemas = contract.components.schemas as Record<string, JsonSchema>;
const statsOperation = compiledOperations.get('getResolutionStats')!;
const contractProblems = (stats: unknown) => validateResponse(statsOperation, 200, 'application/json', stats);
const validateStats = (stats: unknown) => contractProblems(stats).length === 0;

/** Every object in the output has exactly the properties its schema names (no extras, nothing required missing). */
function propertyNamesOf(value: unknown, schema: JsonSchema, where = ''): string[] {
  const resolved = schema.$ref ? schemas[schema.$ref.replace('#/components/schemas/', '')]! : schema;
  const problems: string[] = [];
  if (Array.isArray(value) && resolved.items) {
    value.forEach((item, i) => problems.push(...propertyNamesOf(item, resolved.items!, `${where}/${i}`)));
  } else if (value && typeof value === 'object' && resolved.properties) {
    for (const key of Object.keys(value)) {
      if (!(key in resolved.properties)) problems.push(`${where}/${key} is not in the schema`);
      else
        problems.push(
          ...propertyNamesOf((value as Record<string, unknown>)[key], resolved.properties[key]!, `${where}/${key}`),
        );
    }
  }
  return problems;
}

function expectValid(stats: ResolutionStats): void {
  expect(contractProblems(stats)).toEqual([]);
  expect(propertyNamesOf(stats, { $ref: '#/components/schemas/ResolutionStats' })).toEqual([]);
}

// ---------------------------------------------------------------------------
// Fixture.
//
// District D ─┬─ street S1 ─┬─ community C1 ─┬─ grid G1
//             │             │                └─ grid G2
//             │             └─ community C2 ─── grid G3
//             ├─ street S2 ─── community C3 ─── grid G4       (sibling subtree)
//             └─ street S10                                   (sibling whose id starts like S1)
//
// The main period is 2026-10-01..2026-11-30 in Shanghai = UTC
// [2026-09-30T16:00:00.000Z, 2026-11-30T16:00:00.000Z).

const paths: Record<string, string> = {
  grd_D: '/grd_D/',
  grd_S1: '/grd_D/grd_S1/',
  grd_S2: '/grd_D/grd_S2/',
  grd_S10: '/grd_D/grd_S10/',
  grd_C1: '/grd_D/grd_S1/grd_C1/',
  grd_C2: '/grd_D/grd_S1/grd_C2/',
  grd_C3: '/grd_D/grd_S2/grd_C3/',
  grd_G1: '/grd_D/grd_S1/grd_C1/grd_G1/',
  grd_G2: '/grd_D/grd_S1/grd_C1/grd_G2/',
  grd_G3: '/grd_D/grd_S1/grd_C2/grd_G3/',
  grd_G4: '/grd_D/grd_S2/grd_C3/grd_G4/',
};
const gridLevels: Record<string, string> = { D: 'district', S: 'street', C: 'community', G: 'grid' };

// Inserted in a non-alphabetical order so that an ordering by insertion would show.
const categories: [code: string, name: Schemas['LocalizedText']][] = [
  ['road', { 'zh-CN': '道路破损', 'zh-TW': '道路破損', en: 'Damaged road' }],
  ['waste', { 'zh-CN': '垃圾堆放', en: 'Dumped waste' }],
  ['noise', { 'zh-CN': '噪音扰民', 'zh-TW': '噪音擾民', en: 'Noise' }],
  ['light', { 'zh-CN': '路灯故障', en: 'Street light' }],
  ['green', { 'zh-CN': '绿化损坏', en: 'Damaged greenery' }], // no case at all: never a group
];

type CaseRow = {
  id: string;
  grid: string;
  category: string;
  status: string;
  level: string;
  closedLevel?: string;
  created: string;
  accepted?: string;
  closed?: string;
  due: string;
  reopens?: number;
  score?: number;
};

/** Durations (closed − created) are given in the comments; "SH" is Shanghai wall time. */
// prettier-ignore
const cases: CaseRow[] = [
  // Closed at grid, on time, 10 h (01:00 → 11:00), score 5.
  { id: 'c01', grid: 'grd_G1', category: 'road', status: 'closed', level: 'grid', closedLevel: 'grid',
    created: '2026-10-02T01:00:00.000Z', accepted: '2026-10-02T02:00:00.000Z', closed: '2026-10-02T11:00:00.000Z',
    due: '2026-10-05T00:00:00.000Z', score: 5 },
  // Closed at grid, LATE (closed 10-04 00:00 > due 10-03 12:00), 24 h, reopened once, score 4.
  { id: 'c02', grid: 'grd_G1', category: 'road', status: 'closed', level: 'grid', closedLevel: 'grid',
    created: '2026-10-03T00:00:00.000Z', accepted: '2026-10-03T01:00:00.000Z', closed: '2026-10-04T00:00:00.000Z',
    due: '2026-10-03T12:00:00.000Z', reopens: 1, score: 4 },
  // Closed at community, on time, 48 h, score 3.
  { id: 'c03', grid: 'grd_G2', category: 'noise', status: 'closed', level: 'community', closedLevel: 'community',
    created: '2026-10-10T00:00:00.000Z', accepted: '2026-10-10T00:30:00.000Z', closed: '2026-10-12T00:00:00.000Z',
    due: '2026-10-13T00:00:00.000Z', score: 3 },
  // Closed at street, on time, 6 h, reopened twice, score 1.
  { id: 'c04', grid: 'grd_G3', category: 'waste', status: 'closed', level: 'street', closedLevel: 'street',
    created: '2026-11-01T00:00:00.000Z', accepted: '2026-11-01T01:00:00.000Z', closed: '2026-11-01T06:00:00.000Z',
    due: '2026-11-02T00:00:00.000Z', reopens: 2, score: 1 },
  // Filed on the street node S1 itself; closed at district, LATE, 36 h 10 min = 36.1667 h, not evaluated.
  // Its stored current level deliberately disagrees ('street') to prove that grouping by level uses closed_level.
  { id: 'c05', grid: 'grd_S1', category: 'road', status: 'closed', level: 'street', closedLevel: 'district',
    created: '2026-11-05T00:00:00.000Z', accepted: '2026-11-05T00:10:00.000Z', closed: '2026-11-06T12:10:00.000Z',
    due: '2026-11-06T00:00:00.000Z' },
  // Escalated to community, still in progress after a failed verification (reopened, but not closed).
  { id: 'c06', grid: 'grd_G1', category: 'noise', status: 'in_progress', level: 'community',
    created: '2026-10-20T02:00:00.000Z', accepted: '2026-10-20T03:00:00.000Z', due: '2026-10-25T00:00:00.000Z', reopens: 1 },
  // Created 2026-10-31T16:30Z = 1 Nov 00:30 SH, accepted 1 Nov 01:00 SH: November, not October.
  { id: 'c07', grid: 'grd_G2', category: 'road', status: 'dispatched', level: 'grid',
    created: '2026-10-31T16:30:00.000Z', accepted: '2026-10-31T17:00:00.000Z', due: '2026-11-03T00:00:00.000Z' },
  // Rejected, never accepted.
  { id: 'c08', grid: 'grd_G1', category: 'road', status: 'rejected', level: 'grid',
    created: '2026-10-15T02:00:00.000Z', due: '2026-10-18T00:00:00.000Z' },
  // Submitted, not yet accepted.
  { id: 'c09', grid: 'grd_G2', category: 'waste', status: 'submitted', level: 'grid',
    created: '2026-11-20T02:00:00.000Z', due: '2026-11-23T00:00:00.000Z' },
  // Created 2026-09-30T16:30Z = 1 Oct 00:30 SH: inside the period. Closed at grid, on time, 12.5 h, score 5.
  { id: 'c10', grid: 'grd_G1', category: 'road', status: 'closed', level: 'grid', closedLevel: 'grid',
    created: '2026-09-30T16:30:00.000Z', accepted: '2026-09-30T17:00:00.000Z', closed: '2026-10-01T05:00:00.000Z',
    due: '2026-10-03T00:00:00.000Z', score: 5 },
  // Created 30 Sep 23:59:59.999 SH (before the period: not received) but accepted at 1 Oct 00:00:00.000 SH
  // (the period's first instant: in the cohort). Closed at community exactly at its due time (on time), 12 h.
  { id: 'c11', grid: 'grd_G3', category: 'light', status: 'closed', level: 'community', closedLevel: 'community',
    created: '2026-09-30T15:59:59.999Z', accepted: '2026-09-30T16:00:00.000Z', closed: '2026-10-01T03:59:59.999Z',
    due: '2026-10-01T03:59:59.999Z' },
  // Created 30 Nov 23:00 SH (received) but accepted 1 Dec 00:00 SH — the period's exclusive end: not in the cohort.
  { id: 'c12', grid: 'grd_G2', category: 'road', status: 'closed', level: 'grid', closedLevel: 'grid',
    created: '2026-11-30T15:00:00.000Z', accepted: '2026-11-30T16:00:00.000Z', closed: '2026-12-02T00:00:00.000Z',
    due: '2026-12-05T00:00:00.000Z' },
  // Created at 1 Dec 00:00:00.000 SH — the main period's exclusive end: not received. Still submitted.
  { id: 'c16', grid: 'grd_G3', category: 'waste', status: 'submitted', level: 'grid',
    created: '2026-11-30T16:00:00.000Z', due: '2026-12-03T16:00:00.000Z' },
  // Created and accepted in September, closed in October: outside the period entirely.
  { id: 'c13', grid: 'grd_G1', category: 'road', status: 'closed', level: 'grid', closedLevel: 'grid',
    created: '2026-09-25T00:00:00.000Z', accepted: '2026-09-28T00:00:00.000Z', closed: '2026-10-05T00:00:00.000Z',
    due: '2026-09-30T00:00:00.000Z', score: 5 },
  // Sibling subtree S2: counts for D, never for S1. Closed at grid, 4 h.
  { id: 'c14', grid: 'grd_G4', category: 'road', status: 'closed', level: 'grid', closedLevel: 'grid',
    created: '2026-10-05T00:00:00.000Z', accepted: '2026-10-05T01:00:00.000Z', closed: '2026-10-05T04:00:00.000Z',
    due: '2026-10-08T00:00:00.000Z', score: 5 },
  // Sibling S10, whose path '/grd_D/grd_S10/' starts with '/grd_D/grd_S1': never for S1. Closed at street, 3 h.
  { id: 'c15', grid: 'grd_S10', category: 'noise', status: 'closed', level: 'street', closedLevel: 'street',
    created: '2026-10-06T00:00:00.000Z', accepted: '2026-10-06T01:00:00.000Z', closed: '2026-10-06T03:00:00.000Z',
    due: '2026-10-09T00:00:00.000Z', score: 5 },
];

function buildDb(): Db {
  const db = openDatabase(':memory:');
  const insertGrid = db.prepare(
    `INSERT INTO grids (id, code, name, level, parent_id, path, depth, updated_at)
     VALUES (@id, @code, @name, @level, @parentId, @path, @depth, '2026-01-01T00:00:00.000Z')`,
  );
  for (const [id, path] of Object.entries(paths)) {
    const segments = path.split('/').filter(Boolean);
    insertGrid.run({
      id,
      code: id.slice(4),
      name: id,
      level: gridLevels[id[4]!],
      parentId: segments.length > 1 ? segments[segments.length - 2] : null,
      path,
      depth: segments.length - 1,
    });
  }
  const insertCategory = db.prepare(`INSERT INTO categories (code, name, kind, sla_hours) VALUES (?, ?, 'event', 72)`);
  for (const [code, name] of categories) insertCategory.run(code, JSON.stringify(name));
  const insertCase = db.prepare(
    `INSERT INTO cases (id, ticket, tracking_token_hash, grid_id, grid_path, category_code, description, address,
                        channel, status, level, created_at, updated_at, accepted_at, closed_at, closed_level, due_at,
                        reopen_count, evaluation_score)
     VALUES (@id, @id, 'x', @grid, @path, @category, 'd', 'a', 'web', @status, @level, @created, @created, @accepted,
             @closed, @closedLevel, @due, @reopens, @score)`,
  );
  for (const c of cases) {
    insertCase.run({
      accepted: null,
      closed: null,
      closedLevel: null,
      reopens: 0,
      score: null,
      ...c,
      path: paths[c.grid],
    });
  }
  return db;
}

let db: Db;
beforeAll(() => {
  db = buildDb();
});

const stats = (query: Partial<ResolutionQuery> = {}): ResolutionStats => {
  const result = resolutionStats(db, { gridId: 'grd_S1', from: '2026-10-01', to: '2026-11-30', ...query });
  expectValid(result);
  return result;
};

const share = (closed: number, share: number | null) => ({ closed, share });

const emptyFigures: ResolutionFigures = {
  received: 0,
  accepted: 0,
  closed: 0,
  closedOnTime: 0,
  rejected: 0,
  evaluations: 0,
  satisfied: 0,
  reopened: 0,
  disputed: 0,
  followUps: 0,
  followUpsDone: 0,
  resolutionRate: null,
  onTimeRate: null,
  satisfactionRate: null,
  reopenRate: null,
  disputeRate: null,
  followUpRate: null,
  medianHoursToClose: null,
  closedByLevel: { grid: share(0, null), community: share(0, null), street: share(0, null), district: share(0, null) },
};

// Totals for S1, 2026-10-01..2026-11-30, by hand:
//   received  (created in period, S1 subtree): c01 c02 c03 c04 c05 c06 c07 c08 c09 c10 c12 = 11
//             (not c11: created 1 ms before the period; not c16: created at its exclusive end;
//              not c13: September; not c14, c15: other subtrees)
//   rejected: c08 = 1
//   cohort    (accepted in period): c01 c02 c03 c04 c05 c06 c07 c10 c11 = 9   (not c12: accepted at the exclusive end)
//   closed:   c01 c02 c03 c04 c05 c10 c11 = 7
//   on time:  c01 c03 c04 c10 c11 = 5  (c02, c05 late; c11 closed exactly at due)
//   evaluations: c01(5) c02(4) c03(3) c04(1) c10(5) = 5; satisfied (4–5): c01 c02 c10 = 3
//   reopened: c02 c04 = 2  (c06 was reopened but is not closed)
//   durations (h): 6 (c04), 10 (c01), 12 (c11), 12.5 (c10), 24 (c02), 36.1667 (c05), 48 (c03) → median 12.5
//   closed by level: grid c01 c02 c10 = 3; community c03 c11 = 2; street c04 = 1; district c05 = 1
const s1Totals: ResolutionFigures = {
  received: 11,
  accepted: 9,
  closed: 7,
  closedOnTime: 5,
  rejected: 1,
  evaluations: 5,
  satisfied: 3,
  reopened: 2,
  disputed: 0,
  followUps: 0,
  followUpsDone: 0,
  resolutionRate: 0.7778, // 7 / 9 = 0.77777…
  onTimeRate: 0.7143, // 5 / 7 = 0.714285…
  satisfactionRate: 0.6, // 3 / 5
  reopenRate: 0.2857, // 2 / 7 = 0.285714…
  disputeRate: 0,
  followUpRate: null,
  medianHoursToClose: 12.5, // 4th of 7 sorted durations
  closedByLevel: {
    grid: share(3, 0.4286), // 3 / 7 = 0.428571…
    community: share(2, 0.2857), // 2 / 7
    street: share(1, 0.1429), // 1 / 7 = 0.142857…
    district: share(1, 0.1429), // 1 / 7
  },
};

describe('resolutionStats — totals', () => {
  it('computes every figure of a street subtree over two months', () => {
    const result = stats();
    expect(result).toEqual({
      gridId: 'grd_S1',
      from: '2026-10-01',
      to: '2026-11-30',
      groupBy: 'none',
      totals: s1Totals,
      groups: [],
    });
  });

  it('covers the whole subtree of the district, including both sibling streets', () => {
    // S1's figures plus c14 (S2, grid, 4 h, score 5, on time) and c15 (S10, street, 3 h, score 5, on time).
    const { totals } = stats({ gridId: 'grd_D' });
    expect(totals).toEqual({
      received: 13, // 11 + 2
      accepted: 11, // 9 + 2
      closed: 9, // 7 + 2
      closedOnTime: 7, // 5 + 2
      rejected: 1,
      evaluations: 7, // 5 + 2
      satisfied: 5, // 3 + 2
      reopened: 2,
      disputed: 0,
      followUps: 0,
      followUpsDone: 0,
      resolutionRate: 0.8182, // 9 / 11 = 0.81818…
      onTimeRate: 0.7778, // 7 / 9
      satisfactionRate: 0.7143, // 5 / 7
      reopenRate: 0.2222, // 2 / 9 = 0.2222…
      disputeRate: 0,
      followUpRate: null,
      medianHoursToClose: 12, // sorted 3, 4, 6, 10, 12, 12.5, 24, 36.17, 48 → 5th = 12
      closedByLevel: {
        grid: share(4, 0.4444), // c01 c02 c10 c14: 4 / 9
        community: share(2, 0.2222), // c03 c11: 2 / 9
        street: share(2, 0.2222), // c04 c15: 2 / 9
        district: share(1, 0.1111), // c05: 1 / 9
      },
    });
  });

  it('keeps a sibling whose id starts with the same characters out of the subtree', () => {
    // S10 holds only c15; S1 must not see it (checked above), and S10 must not see S1's cases.
    const { totals } = stats({ gridId: 'grd_S10' });
    expect([totals.received, totals.accepted, totals.closed, totals.medianHoursToClose]).toEqual([1, 1, 1, 3]);
    expect(totals.closedByLevel.street).toEqual(share(1, 1));
  });

  it('covers a community and a single grid', () => {
    // C1 = G1 + G2. Received: G1 c01 c02 c06 c08 c10, G2 c03 c07 c09 c12 = 9.
    // Cohort: G1 c01 c02 c06 c10, G2 c03 c07 = 6; closed c01 c02 c10 c03 = 4 → 4 / 6 = 0.6667.
    const c1 = stats({ gridId: 'grd_C1' }).totals;
    expect([c1.received, c1.accepted, c1.closed, c1.resolutionRate]).toEqual([9, 6, 4, 0.6667]);
    // Durations 10, 12.5, 24, 48 → (12.5 + 24) / 2 = 18.25 → 18.3 (half-up to 1 decimal).
    expect(c1.medianHoursToClose).toBe(18.3);
    // G1: received c01 c02 c06 c08 c10 = 5; cohort c01 c02 c06 c10 = 4; closed 3; rejected c08.
    const g1 = stats({ gridId: 'grd_G1' }).totals;
    expect([g1.received, g1.accepted, g1.closed, g1.rejected, g1.resolutionRate]).toEqual([5, 4, 3, 1, 0.75]);
  });

  it('places the Shanghai-midnight edges of the period correctly', () => {
    // Only 1 Oct: c10 (created 00:30 SH) is received and accepted; c11 is accepted at 00:00:00.000 SH
    // but was created on 30 Sep, so it is in the cohort but not received.
    const first = stats({ from: '2026-10-01', to: '2026-10-01' }).totals;
    expect([first.received, first.accepted, first.closed]).toEqual([1, 2, 2]);
    // Only 30 Sep: c11 is received (created 23:59:59.999 SH) but accepted the next day.
    const before = stats({ from: '2026-09-30', to: '2026-09-30' }).totals;
    expect([before.received, before.accepted, before.resolutionRate]).toEqual([1, 0, null]);
    // Only 30 Nov: c12 is received (23:00 SH); its acceptance at 1 Dec 00:00 SH is not in the day.
    const last = stats({ from: '2026-11-30', to: '2026-11-30' }).totals;
    expect([last.received, last.accepted]).toEqual([1, 0]);
    // Only 1 Dec: c16 is received (created 00:00:00.000 SH); c12 is in the cohort (accepted 00:00 SH, closed
    // at grid, on time).
    const after = stats({ from: '2026-12-01', to: '2026-12-01' }).totals;
    expect([after.received, after.accepted, after.closed, after.closedOnTime, after.resolutionRate]).toEqual([
      1, 1, 1, 1, 1,
    ]);
  });

  it('gives null rates, never 0 or 1, for a period with no cases', () => {
    expect(stats({ from: '2026-01-01', to: '2026-01-07' })).toEqual({
      gridId: 'grd_S1',
      from: '2026-01-01',
      to: '2026-01-07',
      groupBy: 'none',
      totals: emptyFigures,
      groups: [],
    });
  });

  it('gives null only to the rates whose denominator is 0', () => {
    // Nov 5–6: only c05 — accepted and closed (late), never evaluated, not reopened, closed at district.
    const { totals } = stats({ from: '2026-11-05', to: '2026-11-06' });
    expect(totals).toMatchObject({
      accepted: 1,
      closed: 1,
      resolutionRate: 1,
      onTimeRate: 0, // late: 0 / 1
      satisfactionRate: null, // 0 evaluations
      reopenRate: 0, // 0 / 1
      disputeRate: 0,
      followUpRate: null,
      medianHoursToClose: 36.2, // 36 h 10 min = 36.1667 h
      closedByLevel: { grid: share(0, 0), community: share(0, 0), street: share(0, 0), district: share(1, 1) },
    });
  });
});

describe('the schema check itself', () => {
  it('rejects output that breaks the contract', () => {
    const good = resolutionStats(db, { gridId: 'grd_S1', from: '2026-10-01', to: '2026-11-30' });
    expect(validateStats(good)).toBe(true);
    expect(validateStats({ ...good, totals: { ...good.totals, resolutionRate: 1.5 } })).toBe(false);
    expect(validateStats({ ...good, totals: { ...good.totals, closedByLevel: undefined } })).toBe(false);
    expect(validateStats({ ...good, groupBy: 'week' })).toBe(false);
    expect(validateStats({ ...good, from: '2026-13-01' })).toBe(false);
    expect(
      propertyNamesOf(
        { ...good, totals: { ...good.totals, resolution_rate: 0.5 } },
        { $ref: '#/components/schemas/ResolutionStats' },
      ),
    ).toEqual(['/totals/resolution_rate is not in the schema']);
  });
});

describe('resolutionStats — groups', () => {
  it('groups by level: the level a case was closed at, else its current level', () => {
    const result = stats({ groupBy: 'level' });
    expect(result.totals).toEqual(s1Totals);
    expect(result.groups).toEqual([
      {
        key: 'grid',
        label: { 'zh-CN': '网格', 'zh-TW': '網格', en: 'Grid' },
        // received: c01 c02 c10 (closed at grid), c07 c08 c09 (now at grid), c12 (closed at grid) = 7; rejected c08.
        // cohort: c01 c02 c07 c10 = 4; closed c01 c02 c10 = 3; on time c01 c10 = 2;
        // evaluations c01(5) c02(4) c10(5) = 3, all satisfied; reopened c02 = 1; durations 10, 12.5, 24 → 12.5.
        figures: {
          received: 7,
          accepted: 4,
          closed: 3,
          closedOnTime: 2,
          rejected: 1,
          evaluations: 3,
          satisfied: 3,
          reopened: 1,
          disputed: 0,
          followUps: 0,
          followUpsDone: 0,
          resolutionRate: 0.75, // 3 / 4
          onTimeRate: 0.6667, // 2 / 3
          satisfactionRate: 1, // 3 / 3
          reopenRate: 0.3333, // 1 / 3
          disputeRate: 0,
          followUpRate: null,
          medianHoursToClose: 12.5,
          closedByLevel: { grid: share(3, 1), community: share(0, 0), street: share(0, 0), district: share(0, 0) },
        },
      },
      {
        key: 'community',
        label: { 'zh-CN': '社区', 'zh-TW': '社區', en: 'Community' },
        // received: c03 (closed at community), c06 (now at community) = 2 (c11 was created before the period).
        // cohort: c03 c06 c11 = 3; closed c03 c11 = 2, both on time; evaluations c03(3) = 1, none satisfied;
        // durations 12, 48 → (12 + 48) / 2 = 30.
        figures: {
          received: 2,
          accepted: 3,
          closed: 2,
          closedOnTime: 2,
          rejected: 0,
          evaluations: 1,
          satisfied: 0,
          reopened: 0,
          disputed: 0,
          followUps: 0,
          followUpsDone: 0,
          resolutionRate: 0.6667, // 2 / 3
          onTimeRate: 1, // 2 / 2
          satisfactionRate: 0, // 0 / 1
          reopenRate: 0, // 0 / 2
          disputeRate: 0,
          followUpRate: null,
          medianHoursToClose: 30,
          closedByLevel: { grid: share(0, 0), community: share(2, 1), street: share(0, 0), district: share(0, 0) },
        },
      },
      {
        key: 'street',
        label: { 'zh-CN': '街道', 'zh-TW': '街道', en: 'Street' },
        // c04 alone: received, accepted, closed on time, score 1, reopened, 6 h.
        figures: {
          received: 1,
          accepted: 1,
          closed: 1,
          closedOnTime: 1,
          rejected: 0,
          evaluations: 1,
          satisfied: 0,
          reopened: 1,
          disputed: 0,
          followUps: 0,
          followUpsDone: 0,
          resolutionRate: 1,
          onTimeRate: 1,
          satisfactionRate: 0,
          reopenRate: 1,
          disputeRate: 0,
          followUpRate: null,
          medianHoursToClose: 6,
          closedByLevel: { grid: share(0, 0), community: share(0, 0), street: share(1, 1), district: share(0, 0) },
        },
      },
      {
        key: 'district',
        label: { 'zh-CN': '区', 'zh-TW': '區', en: 'District' },
        // c05 alone: closed late, not evaluated, 36 h 10 min → 36.2.
        figures: {
          received: 1,
          accepted: 1,
          closed: 1,
          closedOnTime: 0,
          rejected: 0,
          evaluations: 0,
          satisfied: 0,
          reopened: 0,
          disputed: 0,
          followUps: 0,
          followUpsDone: 0,
          resolutionRate: 1,
          onTimeRate: 0,
          satisfactionRate: null,
          reopenRate: 0,
          disputeRate: 0,
          followUpRate: null,
          medianHoursToClose: 36.2,
          closedByLevel: { grid: share(0, 0), community: share(0, 0), street: share(0, 0), district: share(1, 1) },
        },
      },
    ]);
  });

  it('groups by category: most received first, ties by code, including categories only accepted in the period', () => {
    const result = stats({ groupBy: 'category' });
    expect(result.totals).toEqual(s1Totals);
    // Order: road (7 received), noise (2) before waste (2) by code, light (0 received, 1 accepted); green has no case.
    expect(result.groups.map((g) => g.key)).toEqual(['road', 'noise', 'waste', 'light']);
    expect(result.groups.map((g) => g.label)).toEqual([
      { 'zh-CN': '道路破损', 'zh-TW': '道路破損', en: 'Damaged road' },
      { 'zh-CN': '噪音扰民', 'zh-TW': '噪音擾民', en: 'Noise' },
      { 'zh-CN': '垃圾堆放', en: 'Dumped waste' },
      { 'zh-CN': '路灯故障', en: 'Street light' },
    ]);
    const [road, noise, waste, light] = result.groups.map((g) => g.figures);
    // road: received c01 c02 c05 c07 c08 c10 c12 = 7, rejected c08; cohort c01 c02 c05 c07 c10 = 5;
    // closed c01 c02 c05 c10 = 4; on time c01 c10 = 2; evaluations 5, 4, 5 = 3, all satisfied; reopened c02;
    // durations 10, 12.5, 24, 36.17 → (12.5 + 24) / 2 = 18.25 → 18.3; grid c01 c02 c10 = 3, district c05 = 1.
    expect(road).toEqual({
      received: 7,
      accepted: 5,
      closed: 4,
      closedOnTime: 2,
      rejected: 1,
      evaluations: 3,
      satisfied: 3,
      reopened: 1,
      disputed: 0,
      followUps: 0,
      followUpsDone: 0,
      resolutionRate: 0.8, // 4 / 5
      onTimeRate: 0.5, // 2 / 4
      satisfactionRate: 1, // 3 / 3
      reopenRate: 0.25, // 1 / 4
      disputeRate: 0,
      followUpRate: null,
      medianHoursToClose: 18.3,
      closedByLevel: { grid: share(3, 0.75), community: share(0, 0), street: share(0, 0), district: share(1, 0.25) },
    });
    // noise: received c03 c06 = 2; cohort c03 c06 = 2; closed c03 (48 h, on time, score 3) = 1.
    expect(noise).toMatchObject({
      received: 2,
      accepted: 2,
      closed: 1,
      closedOnTime: 1,
      evaluations: 1,
      satisfied: 0,
      resolutionRate: 0.5,
      onTimeRate: 1,
      satisfactionRate: 0,
      reopenRate: 0,
      disputeRate: 0,
      followUpRate: null,
      medianHoursToClose: 48,
    });
    // waste: received c04 c09 = 2; cohort c04 = 1 (closed on time, score 1, reopened, 6 h).
    expect(waste).toMatchObject({
      received: 2,
      accepted: 1,
      closed: 1,
      reopened: 1,
      disputed: 0,
      followUps: 0,
      followUpsDone: 0,
      reopenRate: 1,
      disputeRate: 0,
      followUpRate: null,
      medianHoursToClose: 6,
    });
    // light: c11 only — accepted in the period, created before it.
    expect(light).toMatchObject({
      received: 0,
      accepted: 1,
      closed: 1,
      closedOnTime: 1,
      resolutionRate: 1,
      satisfactionRate: null,
      medianHoursToClose: 12,
      closedByLevel: { grid: share(0, 0), community: share(1, 1), street: share(0, 0), district: share(0, 0) },
    });
  });

  it('groups by Shanghai month, placing received cases by creation and cohort cases by acceptance', () => {
    const result = stats({ groupBy: 'month' });
    expect(result.totals).toEqual(s1Totals);
    expect(result.groups.map((g) => [g.key, g.label])).toEqual([
      ['2026-10', undefined],
      ['2026-11', undefined],
    ]);
    // October: received c01 c02 c03 c06 c08 c10 (c10 created 1 Oct 00:30 SH) = 6, rejected c08;
    // cohort c01 c02 c03 c06 c10 c11 (c11 accepted 1 Oct 00:00 SH) = 6; closed c01 c02 c03 c10 c11 = 5;
    // on time c01 c03 c10 c11 = 4; evaluations 5, 4, 3, 5 = 4, satisfied 3; reopened c02;
    // durations 10, 12, 12.5, 24, 48 → 12.5; grid c01 c02 c10 = 3, community c03 c11 = 2.
    expect(result.groups[0]!.figures).toEqual({
      received: 6,
      accepted: 6,
      closed: 5,
      closedOnTime: 4,
      rejected: 1,
      evaluations: 4,
      satisfied: 3,
      reopened: 1,
      disputed: 0,
      followUps: 0,
      followUpsDone: 0,
      resolutionRate: 0.8333, // 5 / 6
      onTimeRate: 0.8, // 4 / 5
      satisfactionRate: 0.75, // 3 / 4
      reopenRate: 0.2, // 1 / 5
      disputeRate: 0,
      followUpRate: null,
      medianHoursToClose: 12.5,
      closedByLevel: { grid: share(3, 0.6), community: share(2, 0.4), street: share(0, 0), district: share(0, 0) },
    });
    // November: received c04 c05 c07 (created 1 Nov 00:30 SH, 31 Oct in UTC) c09 c12 = 5;
    // cohort c04 c05 c07 = 3; closed c04 (on time) c05 (late) = 2; evaluations c04(1) = 1; reopened c04;
    // durations 6 and 36.1667 → (6 + 36.1667) / 2 = 21.0833 → 21.1; street c04, district c05.
    expect(result.groups[1]!.figures).toEqual({
      received: 5,
      accepted: 3,
      closed: 2,
      closedOnTime: 1,
      rejected: 0,
      evaluations: 1,
      satisfied: 0,
      reopened: 1,
      disputed: 0,
      followUps: 0,
      followUpsDone: 0,
      resolutionRate: 0.6667, // 2 / 3
      onTimeRate: 0.5, // 1 / 2
      satisfactionRate: 0, // 0 / 1
      reopenRate: 0.5, // 1 / 2
      disputeRate: 0,
      followUpRate: null,
      medianHoursToClose: 21.1,
      closedByLevel: { grid: share(0, 0), community: share(0, 0), street: share(1, 0.5), district: share(1, 0.5) },
    });
  });

  it('lists every month the range touches, empty ones with null rates', () => {
    const result = stats({ from: '2026-11-15', to: '2027-02-03', groupBy: 'month' });
    expect(result.groups.map((g) => g.key)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    // 15–30 Nov: received c09 c12 = 2, no acceptance (c07 and c05 are before the 15th).
    expect(result.groups[0]!.figures).toMatchObject({ received: 2, accepted: 0, resolutionRate: null });
    // December: c16 received (created 1 Dec 00:00 SH); c12, accepted 1 Dec 00:00 SH, closed at grid on time;
    // created 2026-11-30T15:00Z → closed 2026-12-02T00:00Z = 33 h.
    expect(result.groups[1]!.figures).toMatchObject({
      received: 1,
      accepted: 1,
      closed: 1,
      resolutionRate: 1,
      onTimeRate: 1,
      medianHoursToClose: 33,
    });
    expect(result.groups[2]!.figures).toEqual(emptyFigures);
    expect(result.groups[3]!.figures).toEqual(emptyFigures);
    // Totals are the sum of the months: received 2 + 1 = 3, accepted 1.
    expect([result.totals.received, result.totals.accepted, result.totals.medianHoursToClose]).toEqual([3, 1, 33]);
  });

  it('keeps empty groupings well-formed for a period with no cases', () => {
    const level = stats({ from: '2026-01-01', to: '2026-01-07', groupBy: 'level' });
    expect(level.groups.map((g) => g.key)).toEqual(['grid', 'community', 'street', 'district']);
    for (const group of level.groups) expect(group.figures).toEqual(emptyFigures);
    expect(stats({ from: '2026-01-01', to: '2026-01-07', groupBy: 'category' }).groups).toEqual([]);
    expect(stats({ from: '2026-01-01', to: '2026-01-07', groupBy: 'month' }).groups).toEqual([
      { key: '2026-01', figures: emptyFigures },
    ]);
  });

  it('returns the same totals whatever the grouping', () => {
    for (const gridId of ['grd_D', 'grd_S1', 'grd_C2', 'grd_G4']) {
      const none = stats({ gridId }).totals;
      for (const groupBy of ['level', 'category', 'month'] as const) {
        const grouped = stats({ gridId, groupBy });
        expect(grouped.totals).toEqual(none);
        expect(grouped.groups.reduce((sum, g) => sum + g.figures.received, 0)).toBe(none.received);
        expect(grouped.groups.reduce((sum, g) => sum + g.figures.accepted, 0)).toBe(none.accepted);
      }
    }
  });
});

describe('resolutionStats — errors', () => {
  function problem(query: Partial<ResolutionQuery>): DomainError {
    try {
      resolutionStats(db, { gridId: 'grd_S1', from: '2026-10-01', to: '2026-11-30', ...query });
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return error as DomainError;
    }
    throw new Error('expected a DomainError');
  }

  it('is 404 for an unknown grid', () => {
    const error = problem({ gridId: 'grd_nope' });
    expect([error.status, error.slug, error.detail]).toEqual([404, 'not-found', 'Grid grd_nope was not found.']);
  });

  it('is 422 invalid_period when from is after to', () => {
    const error = problem({ from: '2026-11-02', to: '2026-11-01' });
    expect([error.status, error.slug]).toEqual([422, 'unprocessable']);
    expect(error.issues).toEqual([{ path: '/query/from', code: 'invalid_period', message: expect.any(String) }]);
  });

  it('is 422 range_too_long beyond 24 months, and accepts exactly 24', () => {
    const error = problem({ from: '2025-01-01', to: '2027-01-01' });
    expect([error.status, error.slug]).toEqual([422, 'unprocessable']);
    expect(error.issues).toEqual([{ path: '/query/to', code: 'range_too_long', message: expect.any(String) }]);
    expect(problem({ from: '2025-03-15', to: '2027-03-15' }).issues[0]!.code).toBe('range_too_long');
    expect(problem({ from: '2024-02-29', to: '2026-03-01' }).issues[0]!.code).toBe('range_too_long');
    // Exactly 24 months: accepted (24 or 25 month groups).
    expect(stats({ from: '2025-01-01', to: '2026-12-31', groupBy: 'month' }).groups).toHaveLength(24);
    expect(stats({ from: '2025-03-15', to: '2027-03-14', groupBy: 'month' }).groups).toHaveLength(25);
    // From 29 Feb, 24 months end on 28 Feb (29 Feb 2026 does not exist; the limit rolls to 1 Mar).
    expect(stats({ from: '2024-02-29', to: '2026-02-28' }).totals).toEqual(emptyFigures);
  });

  it('checks the period before looking the grid up, and rejects malformed dates', () => {
    expect(problem({ gridId: 'grd_nope', from: '2026-11-02', to: '2026-11-01' }).status).toBe(422);
    const malformed = problem({ from: '2026-02-30' });
    expect([malformed.status, malformed.issues[0]!.path, malformed.issues[0]!.code]).toEqual([
      400,
      '/query/from',
      'format',
    ]);
  });
});

describe('resolutionStats — query plan', () => {
  // Each statement must find its cases through one (grid_path, date, …) index range alone, covering: every value it
  // needs is in the index, so it never reads the cases table (no scan, no lookup by rowid), never another index.
  const expected = (index: string) => `SEARCH c USING COVERING INDEX ${index} (grid_path>? AND grid_path<?)`;
  const readsOfCases = (plan: string[]) =>
    plan.filter((line) => /^\s*(SEARCH|SCAN) (cases|c)\b/.test(line)).map((line) => line.trim());

  function checkPlans(database: Db) {
    for (const groupBy of ['none', 'level', 'category', 'month'] as const) {
      const [received, cohort] = explainResolutionStats(database, {
        gridId: 'grd_S1',
        from: '2026-10-01',
        to: '2026-11-30',
        groupBy,
      });
      expect(readsOfCases(received!), received!.join('\n')).toEqual([expected('cases_path_created_stats')]);
      expect(readsOfCases(cohort!), cohort!.join('\n')).toEqual([expected('cases_path_accepted_stats')]);
      // Grouped: the cohort is materialized once and read twice (groups, whole), not fetched twice.
      if (groupBy !== 'none') {
        expect(
          cohort!.filter((line) => line.trim() === 'MATERIALIZE cohort'),
          cohort!.join('\n'),
        ).toHaveLength(1);
        expect(
          cohort!.filter((line) => line.trim() === 'SCAN cohort'),
          cohort!.join('\n'),
        ).toHaveLength(2);
      }
    }
  }

  it('reads cases only through the covering (grid_path, date, …) indexes', () => {
    checkPlans(db);
  });

  it('keeps that plan once the planner has statistics', () => {
    const analyzed = buildDb();
    analyzed.exec('ANALYZE');
    checkPlans(analyzed);
  });
});
