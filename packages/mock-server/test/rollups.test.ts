/**
 * Stats rollups (store/rollups.ts): the figures read from the rollups are the
 * figures computed from the cases, to the byte, after any history of case
 * changes — checked property-based over randomized histories driven through
 * the HTTP API (reports, every transition including reopen, escalate and
 * prioritize, ratings, disputes, follow-ups), with time moving across
 * Shanghai midnights and month ends; and the rollups kept up change by change
 * are exactly the ones a rebuild makes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '@gridkit/sdk';
import { allowedActions, type CaseAction, type CaseLevel, type CaseStatus } from '../src/domain/lifecycle.js';
import { canDispute } from '../src/domain/recourse.js';
import { shanghaiDate } from '../src/domain/time.js';
import { contract } from '../src/http/contract.js';
import { seedDatabase } from '../src/seed/index.js';
import { updateCaseStatus } from '../src/store/cases.js';
import { openDatabase, type Db } from '../src/store/database.js';
import { explainRollupRows, medianFromHistogram, periodsBetween, rollupDimOf } from '../src/store/rollup-stats.js';
import { explainClosingBounds, rebuildRollups, rollupCounters, rollupNodeOf, writeCase } from '../src/store/rollups.js';
import { resolutionStats, type ResolutionQuery } from '../src/store/stats.js';
import { tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';

type GroupBy = Schemas['ResolutionGroupBy'];
const groupings = (contract.components.schemas as Record<string, { enum?: GroupBy[] }>).ResolutionGroupBy!.enum!;

const H = 3_600_000;
const D = 24 * H;

/** Every rollup row, with nodes and keys by name: what "the same rollups" means. */
function rollupSnapshot(db: Db): Record<string, unknown[]> {
  const named = (table: string, columns: string, order: string) =>
    db
      .prepare(
        `SELECT n.grid_id, k.dim, k.value, ${columns} FROM ${table} AS r
           JOIN rollup_nodes AS n ON n.node = r.node JOIN rollup_keys AS k ON k.key = r.key
          ORDER BY n.grid_id, k.dim, k.value, ${order}`,
      )
      .raw()
      .all();
  const counters = rollupCounters.map(([column]) => `r.${column}`).join(', ');
  return {
    counts: named('rollup_counts', `r.period, ${counters}`, 'r.period'),
    closing: named('rollup_closing', 'r.period, r.bucket, r.n, r.min_ms, r.max_ms', 'r.period, r.bucket'),
    coarse: named('rollup_closing_coarse', 'r.period, r.coarse, r.n', 'r.period, r.coarse'),
  };
}

/** The figures of `query` from the rollups and from the cases, as JSON (the bytes a response carries). */
function bothWays(db: Db, query: ResolutionQuery): [string, string] {
  return [JSON.stringify(resolutionStats(db, query, 'rollups')), JSON.stringify(resolutionStats(db, query, 'cases'))];
}

/** Every day of `from`..`to` as `YYYY-MM-DD`. */
const dayAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * D).toISOString().slice(0, 10);
const lastDayOfMonth = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------
// Randomized histories.

type Command =
  | { kind: 'report'; grid: string; category: string; channel: string }
  | { kind: 'act'; pick: number; choice: number }
  | { kind: 'sweep' }
  | { kind: 'evaluate'; pick: number; score: number }
  | { kind: 'dispute'; pick: number }
  | { kind: 'followUp'; pick: number; outcome: Schemas['FollowUpOutcome'] }
  | { kind: 'wait'; ms: number }
  | { kind: 'toMidnight'; offset: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('report' as const),
      grid: fc.constantFrom('G1', 'G2', 'G3', 'C1', 'S2', 'D'),
      category: fc.constantFrom('env.garbage', 'dispute.neighbour', 'light.street'),
      channel: fc.constantFrom('web', 'kiosk', 'app', 'hotline', 'wechat', 'staff'),
    }),
  },
  // Mostly the next step of the closed loop, else any allowed action (reject, escalate, prioritize, reopen, …).
  { weight: 14, arbitrary: fc.record({ kind: fc.constant('act' as const), pick: fc.nat(), choice: fc.nat() }) },
  // The next step for every case at once, at one instant: cases reported together close together, so their
  // closing times share buckets (and a dispute then takes one out of a bucket it shares).
  { weight: 3, arbitrary: fc.constant({ kind: 'sweep' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('evaluate' as const),
      pick: fc.nat(),
      score: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dispute' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('followUp' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom('resolved', 'explained', 'unreachable', 'reworked'),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.oneof(
        fc.integer({ min: 1, max: 120_000 }),
        fc.integer({ min: 1, max: 8 * H }),
        fc.integer({ min: 1, max: 3 * D }),
        fc.integer({ min: 1, max: 20 * D }),
        // Whole hours: closing times of several cases then share 0.1 h buckets, and leave them on a dispute.
        fc.integer({ min: 1, max: 30 }).map((hours) => hours * H),
        fc.integer({ min: 1, max: 30 }).map((hours) => hours * H),
      ),
    }),
  },
  // To the last millisecond of a Shanghai day, or the first of the next one.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toMidnight' as const), offset: fc.constantFrom(-1, 0) }) },
);

interface CaseState {
  id: string;
  ticket: string;
  status: CaseStatus;
  level: CaseLevel;
  priority: Schemas['CasePriority'];
  version: number;
  closed_at: string | null;
  evaluation_score: number | null;
  follow_up_status: string | null;
}

const priorities: Schemas['CasePriority'][] = ['ordinary', 'coordination', 'urgent'];
const judging: CaseAction[] = ['verify', 'reopen'];
/** The next step of the closed loop from each status. */
const mainPath: Partial<Record<CaseStatus, CaseAction>> = {
  submitted: 'accept',
  accepted: 'dispatch',
  dispatched: 'start',
  in_progress: 'resolve',
  resolved: 'verify',
};

/** Runs one command through the API; every request must succeed (an ineligible command does nothing). */
async function run(h: Harness, trackingTokens: Map<string, string>, c: Command): Promise<void> {
  const cases = () =>
    h.db
      .prepare(
        'SELECT id, ticket, status, level, priority, version, closed_at, evaluation_score, follow_up_status FROM cases ORDER BY id',
      )
      .all() as CaseState[];
  const must = async (response: Response, what: string) => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${await response.text()}`);
    return response;
  };
  const pickFrom = <T>(list: T[], pick: number) => (list.length ? list[pick % list.length] : undefined);
  const now = h.clock.now;
  const act = async (target: CaseState, action: CaseAction, choice = 0) => {
    const otherPriority = priorities.filter((p) => p !== target.priority)[choice % 2]!;
    const body = {
      action,
      note: '处置记录',
      publicNote: '处置说明',
      // The district's admin serves every node a case can be reported on.
      ...(action === 'dispatch' ? { assignee: { type: 'person', id: 'stf_d', name: '刘区' } } : {}),
      ...(action === 'prioritize' || (action === 'accept' && choice % 3 === 0) ? { priority: otherPriority } : {}),
    };
    await must(
      await h.request(`/cases/${target.id}/transitions`, {
        method: 'POST',
        token: judging.includes(action) ? tokens.supervisorD : tokens.adminD,
        headers: { 'If-Match': `"${target.version}"` },
        body: JSON.stringify(body),
      }),
      `${action} ${target.ticket}`,
    );
  };

  switch (c.kind) {
    case 'wait':
      h.clock.now = new Date(now.getTime() + c.ms);
      return;
    case 'toMidnight': {
      const nextDay = Date.parse(`${dayAfter(shanghaiDate(now), 1)}T00:00:00.000+08:00`);
      h.clock.now = new Date(Math.max(now.getTime() + 1, nextDay + c.offset));
      return;
    }
    case 'report': {
      const staff = c.channel === 'staff';
      const grid = staff ? 'G1' : c.grid;
      const response = await must(
        await h.request('/cases', {
          method: 'POST',
          token: staff ? tokens.workerG1 : undefined,
          headers: { 'Idempotency-Key': `report-${trackingTokens.size + 1}` },
          body: JSON.stringify(
            report({ gridId: grid, categoryCode: c.category, ...(staff ? {} : { channel: c.channel }) }),
          ),
        }),
        `report ${JSON.stringify(c)}`,
      );
      const receipt = (await response.json()) as { ticket: string; trackingToken: string };
      trackingTokens.set(receipt.ticket, receipt.trackingToken);
      return;
    }
    case 'act': {
      const target = pickFrom(
        cases().filter((row) => allowedActions(row.status, row.level).length > 0),
        c.pick,
      );
      if (!target) return;
      const allowed = allowedActions(target.status, target.level);
      const next = mainPath[target.status];
      const action = c.choice % 10 < 7 && next && allowed.includes(next) ? next : pickFrom(allowed, c.choice)!;
      await act(target, action, c.choice);
      return;
    }
    case 'sweep': {
      for (const target of cases()) {
        const next = mainPath[target.status];
        if (next && allowedActions(target.status, target.level).includes(next)) await act(target, next);
      }
      return;
    }
    case 'evaluate': {
      const target = pickFrom(
        cases().filter((row) => row.status === 'closed' && row.evaluation_score === null),
        c.pick,
      );
      if (!target) return;
      await must(
        await h.request(`/tickets/${target.ticket}/evaluation`, {
          method: 'POST',
          body: JSON.stringify({ trackingToken: trackingTokens.get(target.ticket), score: c.score }),
        }),
        `evaluate ${target.ticket}`,
      );
      return;
    }
    case 'dispute': {
      const target = pickFrom(
        cases().filter((row) => canDispute(row.status, row.closed_at, now)),
        c.pick,
      );
      if (!target) return;
      await must(
        await h.request(`/tickets/${target.ticket}/dispute`, {
          method: 'POST',
          body: JSON.stringify({ trackingToken: trackingTokens.get(target.ticket), reason: '问题仍未解决' }),
        }),
        `dispute ${target.ticket}`,
      );
      return;
    }
    case 'followUp': {
      const target = pickFrom(
        cases().filter((row) => row.follow_up_status === 'open'),
        c.pick,
      );
      if (!target) return;
      await must(
        await h.request(`/cases/${target.id}/follow-up`, {
          method: 'POST',
          token: tokens.adminD,
          headers: { 'If-Match': `"${target.version}"` },
          body: JSON.stringify({ outcome: c.outcome, note: '电话回访' }),
        }),
        `follow-up ${target.ticket}`,
      );
      return;
    }
  }
}

/** The fixture, every node keeping rollups (so maintenance runs for up to four ancestors), one more category. */
function historyHarness(start: Date): Harness {
  const h = createHarness({ now: start });
  h.db
    .prepare(
      `INSERT INTO categories (code, name, kind, sla_hours, default_priority, sort_order)
       VALUES ('light.street', '{"zh-CN":"路灯","en":"Street light"}', 'component', 12, 'urgent', 4)`,
    )
    .run();
  rebuildRollups(h.db, { levels: 'all' });
  return h;
}

let h: Harness | undefined;
afterEach(() => {
  if (h) expect(h.contractBreaks).toEqual([]);
  h = undefined;
});

describe('rollups over randomized histories', () => {
  it('answer every grouping of every node and range exactly as the cases do, and equal a rebuild', async () => {
    for (const groupBy of groupings)
      expect(rollupDimOf(groupBy), `a rollup dimension for groupBy=${groupBy}`).toBeDefined();
    // Starts 10 minutes before Shanghai midnight on the last day of January.
    const start = new Date('2026-01-31T15:50:00.000Z');
    const ranges = fc.array(fc.tuple(fc.nat({ max: 150 }), fc.nat({ max: 150 })), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 5, maxLength: 120, size: 'max' }),
        ranges,
        async (commands, picked) => {
          const harness = (h = historyHarness(start));
          const trackingTokens = new Map<string, string>();
          for (const c of commands) await run(harness, trackingTokens, c);

          const first = shanghaiDate(start);
          const last = shanghaiDate(harness.clock.now);
          const months = [...new Set(periodsBetween(first, last).map((p) => String(p).slice(0, 6)))].map(
            (m) => `${m.slice(0, 4)}-${m.slice(4)}`,
          );
          const periods: [string, string][] = [
            [first, last],
            // Whole months, read from month rows only.
            ...months.map((m): [string, string] => [`${m}-01`, lastDayOfMonth(m)]),
            // The two days around the first Shanghai midnight, and across the first month end.
            [first, first],
            [dayAfter(first, 1), dayAfter(first, 1)],
            [first, dayAfter(first, 2)],
            ...picked.map(([a, b]): [string, string] => [
              dayAfter(first, Math.min(a, b)),
              dayAfter(first, Math.max(a, b)),
            ]),
          ];
          for (const gridId of ['D', 'S1', 'S2', 'C1', 'G1']) {
            for (const groupBy of groupings) {
              for (const [from, to] of periods) {
                const query = { gridId, from, to, groupBy };
                const [fromRollups, fromCases] = bothWays(harness.db, query);
                if (fromRollups !== fromCases) {
                  throw new Error(`${JSON.stringify(query)}\nrollups: ${fromRollups}\ncases:   ${fromCases}`);
                }
              }
            }
          }
          // What was kept up change by change is what a rebuild makes.
          const kept = rollupSnapshot(harness.db);
          rebuildRollups(harness.db, { levels: 'all' });
          expect(kept).toEqual(rollupSnapshot(harness.db));
          expect(harness.contractBreaks).toEqual([]);
        },
      ),
      // A failure shrinks by replaying histories; the limit keeps that (and a slow machine) from running away.
      { numRuns: 30, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true },
    );
  }, 180_000);
});

// ---------------------------------------------------------------------------
// Targeted cases.

/** The fixture with cases closed after the given durations (ms), all accepted on 2026-03-10 in Shanghai. */
async function closedAfter(
  durations: readonly number[],
): Promise<{ h: Harness; ids: string[]; tickets: string[]; trackingTokens: string[] }> {
  const harness = (h = historyHarness(new Date('2026-03-10T01:00:00.000Z')));
  const ids: string[] = [];
  const tickets: string[] = [];
  const trackingTokens: string[] = [];
  for (const duration of durations) {
    const created = new Date('2026-03-10T01:00:00.000Z');
    harness.clock.now = created;
    const receipt = (await (
      await harness.request('/cases', {
        method: 'POST',
        headers: { 'Idempotency-Key': `report-${ids.length + 1}` },
        body: JSON.stringify(report()),
      })
    ).json()) as { id: string; ticket: string; trackingToken: string };
    const steps: [CaseAction, string][] = [
      ['accept', tokens.adminD],
      ['dispatch', tokens.adminD],
      ['start', tokens.adminD],
      ['resolve', tokens.adminD],
    ];
    let version = 1;
    for (const [i, [action, token]] of steps.entries()) {
      harness.clock.now = new Date(created.getTime() + i + 1);
      const response = await harness.request(`/cases/${receipt.id}/transitions`, {
        method: 'POST',
        token,
        headers: { 'If-Match': `"${version++}"` },
        body: JSON.stringify({
          action,
          // The district's admin serves every node a case can be reported on.
          ...(action === 'dispatch' ? { assignee: { type: 'person', id: 'stf_d', name: '刘区' } } : {}),
        }),
      });
      expect(response.status).toBe(200);
    }
    harness.clock.now = new Date(created.getTime() + duration);
    const verified = await harness.request(`/cases/${receipt.id}/transitions`, {
      method: 'POST',
      token: tokens.supervisorD,
      headers: { 'If-Match': `"${version}"` },
      body: JSON.stringify({ action: 'verify' }),
    });
    expect(verified.status).toBe(200);
    ids.push(receipt.id);
    tickets.push(receipt.ticket);
    trackingTokens.push(receipt.trackingToken);
  }
  return { h: harness, ids, tickets, trackingTokens };
}

const march10 = { gridId: 'D', from: '2026-03-10', to: '2026-03-10' } as const;

describe('exact medians', () => {
  // 0.05 h = 180,000 ms: the rounding boundary of medianHoursToClose, where one bucket ends and the next begins.
  const edge = 10 * H + 180_000;
  it.each([
    ['two middle values in adjacent buckets, mean on the boundary', [edge - 1, edge + 1], 10.1],
    ['two middle values in adjacent buckets, mean just below it', [edge - 2, edge + 1], 10],
    ['odd count, the middle value the last of its bucket', [H, edge - 1, 20 * H], 10],
    ['odd count, the middle value the first of the next bucket', [H, edge, 20 * H], 10.1],
    ['two middle values far apart (different 10 h buckets)', [2 * H, 3 * H, 41 * H, 50 * H], 22],
    ['two middle values in one bucket', [H, edge - 100, edge - 50, 30 * H], 10],
  ])('%s', async (_, durations, hours) => {
    const { h: harness } = await closedAfter(durations);
    const [fromRollups, fromCases] = bothWays(harness.db, march10);
    expect(fromRollups).toBe(fromCases);
    expect(JSON.parse(fromRollups).totals.medianHoursToClose).toBe(hours);
  });

  it('agrees with a sorted list for any counts (the walk over coarse and fine buckets)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 * H }), { minLength: 1, maxLength: 60 }), (values) => {
        const bucket = (ms: number) => Math.floor((ms + 180_000) / 360_000);
        const fine = new Map<number, { bucket: number; n: number; min_ms: number; max_ms: number }>();
        for (const ms of values) {
          const row = fine.get(bucket(ms)) ?? { bucket: bucket(ms), n: 0, min_ms: ms, max_ms: ms };
          fine.set(bucket(ms), {
            ...row,
            n: row.n + 1,
            min_ms: Math.min(row.min_ms, ms),
            max_ms: Math.max(row.max_ms, ms),
          });
        }
        const rows = [...fine.values()].sort((a, b) => a.bucket - b.bucket);
        const coarse = new Map<number, number>();
        for (const row of rows)
          coarse.set(Math.floor(row.bucket / 100), (coarse.get(Math.floor(row.bucket / 100)) ?? 0) + row.n);
        const median = medianFromHistogram(
          [...coarse].map(([c, n]) => ({ coarse: c, n })),
          (lo, hi) => rows.filter((row) => row.bucket >= lo && row.bucket <= hi),
        );
        const sorted = [...values].sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        const exact = sorted.length % 2 ? sorted[mid]! : sorted[mid - 1]! + (sorted[mid]! - sorted[mid - 1]!) * 0.5;
        const hours = (ms: number) => Math.round(ms / 360_000) / 10;
        expect(hours(median!)).toBe(hours(exact));
      }),
      { numRuns: 300 },
    );
  });
});

describe('maintenance', () => {
  it('restores the extremes of a bucket a disputed case leaves', async () => {
    // Three cases in the 10 h bucket; the dispute takes the largest out of it.
    const { h: harness, tickets, trackingTokens } = await closedAfter([10 * H - 1000, 10 * H, 10 * H + 1000]);
    const extremes = () =>
      harness.db
        .prepare(
          `SELECT r.n, r.min_ms, r.max_ms FROM rollup_closing AS r JOIN rollup_keys AS k ON k.key = r.key
            JOIN rollup_nodes AS n ON n.node = r.node
           WHERE n.grid_id = 'D' AND k.dim = 'none' AND r.period = 20260310`,
        )
        .all();
    expect(extremes()).toEqual([{ n: 3, min_ms: 10 * H - 1000, max_ms: 10 * H + 1000 }]);
    const response = await harness.request(`/tickets/${tickets[2]}/dispute`, {
      method: 'POST',
      body: JSON.stringify({ trackingToken: trackingTokens[2], reason: '垃圾又堆起来了' }),
    });
    expect(response.status).toBe(200);
    expect(extremes()).toEqual([{ n: 2, min_ms: 10 * H - 1000, max_ms: 10 * H }]);
    const kept = rollupSnapshot(harness.db);
    rebuildRollups(harness.db, { levels: 'all' });
    expect(rollupSnapshot(harness.db)).toEqual(kept);
  });

  it('changes the rollups in the write’s transaction: a write that fails leaves them as they were', async () => {
    const { h: harness, ids } = await closedAfter([5 * H]);
    const before = rollupSnapshot(harness.db);
    harness.clock.now = new Date('2026-03-11T01:00:00.000Z');
    expect(() =>
      harness.db.transaction(() => {
        // A reopen-like change of the closed case, then a failure before commit.
        updateCaseStatus(harness.db, {
          id: ids[0]!,
          action: 'reopen',
          status: 'in_progress',
          level: 'grid',
          assignee: null,
          at: '2026-03-11T01:00:00.000Z',
          priority: 'ordinary',
          dueAt: '2026-03-11T01:00:00.000Z',
        });
        expect(rollupSnapshot(harness.db)).not.toEqual(before);
        throw new Error('after the case changed');
      })(),
    ).toThrow('after the case changed');
    expect(rollupSnapshot(harness.db)).toEqual(before);
  });

  it('fails loudly, never silently wrong, when the rollups fell out of step with the cases', async () => {
    const { h: harness, ids } = await closedAfter([5 * H]);
    // As if the case had been closed by a statement that bypassed writeCase: no closing time kept for it.
    harness.db.prepare('DELETE FROM rollup_closing').run();
    expect(() =>
      writeCase(harness.db, ids[0]!, () =>
        harness.db.prepare("UPDATE cases SET status = 'in_progress', closed_at = NULL WHERE id = ?").run(ids[0]),
      ),
    ).toThrow(/out of step.*rebuild-rollups/);
  });

  it('every statement that changes a case row runs inside writeCase', () => {
    // The one write path: a new statement on `cases` that bypassed it would leave the rollups behind.
    const source = readFileSync(new URL('../src/store/cases.ts', import.meta.url), 'utf8');
    const functions = source.split(/\n(?=export )/);
    const writers = functions.filter((text) => /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+cases\b/.test(text));
    expect(writers.length).toBeGreaterThanOrEqual(5);
    for (const text of writers) expect(text, text.slice(0, 80)).toMatch(/writeCase\(db,/);
  });
});

describe('reads', () => {
  it('splits a range into whole months and the days of partial ones', () => {
    expect(periodsBetween('2025-11-23', '2026-02-28')).toEqual([
      ...[23, 24, 25, 26, 27, 28, 29, 30].map((d) => 20251100 + d),
      202512,
      202601,
      202602,
    ]);
    expect(periodsBetween('2024-02-01', '2024-02-29')).toEqual([202402]);
    expect(periodsBetween('2024-02-01', '2024-02-28')).toHaveLength(28);
    expect(periodsBetween('2026-03-10', '2026-03-10')).toEqual([20260310]);
  });

  it('reads the rollups by primary key, and finds a bucket’s cases through cases_closing_ms', async () => {
    const { h: harness } = await closedAfter([5 * H]);
    const node = rollupNodeOf(harness.db, 'D')!;
    for (const groupBy of groupings) {
      for (const plan of explainRollupRows(harness.db, node, groupBy)) {
        // `r` is the rollup table; each read is a seek per key and period, never a scan of the node's rows.
        const reads = plan.filter((line) => / r /.test(line));
        expect(reads.length, plan.join('\n')).toBeGreaterThan(0);
        for (const line of reads) {
          expect(line, plan.join('\n')).toMatch(/^SEARCH r USING PRIMARY KEY \(node=\? AND key=\? AND period=\?/);
        }
      }
    }
    for (const dim of ['none', 'category', 'level'] as const) {
      expect(explainClosingBounds(harness.db, node, dim).join('\n')).toMatch(/SEARCH c USING INDEX cases_closing_ms/);
    }
  });
});

describe('building the rollups', () => {
  it('a seed builds them for the district: the same figures as the cases, the same rows as a rebuild', () => {
    const db = openDatabase(':memory:');
    const now = new Date('2026-11-22T04:00:00.000Z');
    const summary = seedDatabase(db, { size: { grids: 40, cases: 3000 }, now });
    const district = summary.rootGridId;
    expect(db.prepare('SELECT grid_id FROM rollup_nodes').pluck().all()).toEqual([district]);
    expect(db.prepare('SELECT count(*) FROM rollup_counts').pluck().get()).toBeGreaterThan(0);
    for (const groupBy of groupings) {
      for (const [from, to] of [
        ['2025-11-23', '2026-11-22'],
        ['2026-01-01', '2026-06-30'],
        ['2026-02-14', '2026-03-03'],
        ['2026-11-22', '2026-11-22'],
      ]) {
        const [fromRollups, fromCases] = bothWays(db, { gridId: district, from: from!, to: to!, groupBy });
        expect(fromRollups).toBe(fromCases);
      }
    }
    // A street has no rollups: its figures come from the cases, and asking for rollups says so.
    const street = db.prepare("SELECT id FROM grids WHERE level = 'street' LIMIT 1").pluck().get() as string;
    expect(() => resolutionStats(db, { gridId: street, from: '2026-01-01', to: '2026-01-31' }, 'rollups')).toThrow(
      /keeps no rollups/,
    );
    const kept = rollupSnapshot(db);
    rebuildRollups(db);
    expect(rollupSnapshot(db)).toEqual(kept);
    db.close();
  });

  it('`gridkit-mock rebuild-rollups` builds them again in a data folder', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-rollups-'));
    try {
      const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
      seedDatabase(db, { size: { grids: 10, cases: 400 }, now: new Date('2026-11-22T04:00:00.000Z') });
      const kept = rollupSnapshot(db);
      // As a database from before the rollups: none kept, so none read.
      db.exec(
        'DELETE FROM rollup_counts; DELETE FROM rollup_closing; DELETE FROM rollup_closing_coarse; DELETE FROM rollup_nodes;',
      );
      db.close();
      const output = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli.ts', 'rebuild-rollups', '--data-dir', dataDir],
        { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8' },
      );
      expect(output).toMatch(/Stats rollups rebuilt: 1 nodes \(district\), 400 cases, \d+ rows/);
      const reopened = openDatabase(join(dataDir, 'gridkit.sqlite'));
      expect(rollupSnapshot(reopened)).toEqual(kept);
      reopened.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
