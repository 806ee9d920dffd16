import { caseLevelValues, type Grid, type ResolutionFigures } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, caseIn, report } from './support/cases.js';
import { client, target } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import {
  expectIssueCodes,
  expectIssuesAt,
  expectProblem,
  expectRawProblem,
  isRate,
  recentYear,
  shanghaiDate,
} from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

const LEVELS = caseLevelValues;

function expectFigures(f: ResolutionFigures): void {
  for (const k of [
    'received',
    'accepted',
    'closed',
    'closedOnTime',
    'rejected',
    'evaluations',
    'satisfied',
    'reopened',
  ] as const) {
    expect(Number.isInteger(f[k]) && f[k] >= 0, `${k} = ${f[k]}`).toBe(true);
  }
  for (const k of ['resolutionRate', 'onTimeRate', 'satisfactionRate', 'reopenRate'] as const) {
    expect(isRate(f[k]), `${k} = ${f[k]}`).toBe(true);
  }
  expect(f.closedOnTime).toBeLessThanOrEqual(f.closed);
  expect(f.satisfied).toBeLessThanOrEqual(f.evaluations);
  expect(f.reopened).toBeLessThanOrEqual(f.closed);
  // A rate is null exactly when its denominator is 0, else the rounded fraction.
  const expectRate = (actual: number | null, num: number, den: number, name: string) => {
    if (den === 0) expect(actual, `${name} with a zero denominator`).toBeNull();
    else {
      expect(actual, `${name} = ${num}/${den}`).not.toBeNull();
      expect(
        Math.abs((actual as number) - num / den),
        `${name} = ${num}/${den} rounded to 4 decimals`,
      ).toBeLessThanOrEqual(0.00005 + 1e-9);
    }
  };
  expectRate(f.resolutionRate, f.closed, f.accepted, 'resolutionRate');
  expectRate(f.onTimeRate, f.closedOnTime, f.closed, 'onTimeRate');
  expectRate(f.satisfactionRate, f.satisfied, f.evaluations, 'satisfactionRate');
  expectRate(f.reopenRate, f.reopened, f.closed, 'reopenRate');
  if (f.closed === 0) expect(f.medianHoursToClose).toBeNull();
  else expect(typeof f.medianHoursToClose === 'number' && f.medianHoursToClose >= 0).toBe(true);
  let closedAtLevels = 0;
  for (const level of LEVELS) {
    const share = f.closedByLevel[level];
    expect(Number.isInteger(share.closed) && share.closed >= 0).toBe(true);
    expectRate(share.share, share.closed, f.closed, `closedByLevel.${level}.share`);
    closedAtLevels += share.closed;
  }
  expect(closedAtLevels).toBe(f.closed);
}

describe('getResolutionStats', () => {
  it('counts one more case closed today: received, accepted, closed, on time, evaluated and satisfied +1', async () => {
    const today = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: today, to: today };
    const before = await client().stats.resolution(query);
    expect(before).toMatchObject({ gridId: world.workerGrid.id, from: today, to: today, groupBy: 'none', groups: [] });
    expectFigures(before.totals);
    const rootId = world.adminRoot.id;
    const rootBefore = await client().stats.resolution({ ...query, gridId: rootId });

    const kase = await caseIn(world, 'closed');
    await client().cases.evaluate(kase.receipt.ticket, { trackingToken: kase.receipt.trackingToken, score: 5 });

    const after = await client().stats.resolution(query);
    expectFigures(after.totals);
    const delta = (k: keyof ResolutionFigures) => (after.totals[k] as number) - (before.totals[k] as number);
    expect(delta('received')).toBe(1);
    expect(delta('accepted')).toBe(1);
    expect(delta('closed')).toBe(1);
    expect(delta('closedOnTime')).toBe(1);
    expect(delta('evaluations')).toBe(1);
    expect(delta('satisfied')).toBe(1);
    expect(delta('rejected')).toBe(0);
    expect(delta('reopened')).toBe(0);
    expect(after.totals.closedByLevel.grid.closed).toBe(before.totals.closedByLevel.grid.closed + 1);
    expect(after.totals.resolutionRate).not.toBeNull();

    // The subtree of any ancestor counts it too.
    const rootAfter = await client().stats.resolution({ ...query, gridId: rootId });
    expect(rootAfter.totals.closed - rootBefore.totals.closed).toBe(1);
  });

  it('counts a case reopened before closing in reopened, and one closed at community level in closedByLevel.community', async (ctx) => {
    const today = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: today, to: today };
    const before = await client().stats.resolution(query);

    const worker = client('worker');
    // Reopening and verifying judge the worker's resolution: the admin does it (核查, independent of the work).
    const admin = client('admin');
    let reopened = await caseIn(world, 'resolved');
    reopened = { ...reopened, ...(await act(admin, reopened, 'reopen')) };
    reopened = { ...reopened, ...(await act(worker, reopened, 'resolve')) };
    await act(admin, reopened, 'verify');

    // At community level the admin handles the case, so someone else must verify it: the supervisor.
    let communityClosed = false;
    if (world.adminCovers.community && target().supervisorToken) {
      let kase = await act(worker, await caseIn(world, 'accepted'), 'escalate');
      for (const action of ['dispatch', 'start', 'resolve'] as const) kase = await act(admin, kase, action);
      kase = await act(client('supervisor'), kase, 'verify');
      expect(kase).toMatchObject({ status: 'closed', level: 'community' });
      communityClosed = true;
    }

    const after = await client().stats.resolution(query);
    expectFigures(after.totals);
    expect(after.totals.reopened - before.totals.reopened).toBe(1);
    expect(after.totals.closedByLevel.grid.closed - before.totals.closedByLevel.grid.closed).toBe(1);
    // Without a supervisor token, or when the admin does not cover the community above the worker's grid.
    if (!communityClosed) return ctx.skip();
    expect(after.totals.closed - before.totals.closed).toBe(2);
    expect(after.totals.closedByLevel.community.closed - before.totals.closedByLevel.community.closed).toBe(1);
    const byLevel = await client().stats.resolution({ ...query, groupBy: 'level' });
    const community = byLevel.groups.find((g) => g.key === 'community');
    expect(community?.figures.closed).toBe(after.totals.closedByLevel.community.closed);
  });

  it('counts a score of 3 as an evaluation but not as satisfied', async () => {
    const today = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: today, to: today };
    const kase = await caseIn(world, 'closed');
    const before = await client().stats.resolution(query);
    await client().cases.evaluate(kase.receipt.ticket, {
      trackingToken: kase.receipt.trackingToken,
      score: 3,
      comment: 'So-so.',
    });
    const after = await client().stats.resolution(query);
    expect(after.totals.evaluations - before.totals.evaluations).toBe(1);
    expect(after.totals.satisfied - before.totals.satisfied).toBe(0);
    expectFigures(after.totals);
  });

  it('counts a rejected report as received and rejected, not accepted', async () => {
    const today = shanghaiDate();
    const query = { gridId: world.workerGrid.id, from: today, to: today };
    const before = await client().stats.resolution(query);
    const { receipt } = await report(world);
    await act(client('worker'), { id: receipt.id, version: 1 }, 'reject');
    const after = await client().stats.resolution(query);
    expect(after.totals.received - before.totals.received).toBe(1);
    expect(after.totals.rejected - before.totals.rejected).toBe(1);
    expect(after.totals.accepted - before.totals.accepted).toBe(0);
  });

  it('a period with no cases has zeros and null rates, never 0 or 1', async () => {
    const stats = await client().stats.resolution({
      gridId: world.workerGrid.id,
      from: '1990-01-01',
      to: '1990-01-31',
    });
    const t = stats.totals;
    expect(t).toMatchObject({
      received: 0,
      accepted: 0,
      closed: 0,
      closedOnTime: 0,
      rejected: 0,
      evaluations: 0,
      satisfied: 0,
      reopened: 0,
    });
    expect(t.resolutionRate).toBeNull();
    expect(t.onTimeRate).toBeNull();
    expect(t.satisfactionRate).toBeNull();
    expect(t.reopenRate).toBeNull();
    expect(t.medianHoursToClose).toBeNull();
    for (const level of LEVELS) expect(t.closedByLevel[level]).toEqual({ closed: 0, share: null });
    expect(stats.groups).toEqual([]);
  });

  it('groups by month: every month the range touches, in order', async () => {
    const stats = await client().stats.resolution({
      gridId: world.workerGrid.id,
      from: '1990-01-15',
      to: '1990-03-02',
      groupBy: 'month',
    });
    expect(stats.groupBy).toBe('month');
    expect(stats.groups.map((g) => g.key)).toEqual(['1990-01', '1990-02', '1990-03']);
    for (const g of stats.groups) expectFigures(g.figures);
  });

  it('groups by level: four groups in level order whose closed add up', async () => {
    const today = shanghaiDate();
    const stats = await client().stats.resolution({
      gridId: world.adminRoot.id,
      from: today,
      to: today,
      groupBy: 'level',
    });
    expect(stats.groups.map((g) => g.key)).toEqual([...LEVELS]);
    expectFigures(stats.totals);
    for (const g of stats.groups) expectFigures(g.figures);
    expect(stats.groups.reduce((n, g) => n + g.figures.closed, 0)).toBe(stats.totals.closed);
  });

  it('groups by category: known categories, most received first', async () => {
    const today = shanghaiDate();
    const stats = await client().stats.resolution({
      gridId: world.workerGrid.id,
      from: today,
      to: today,
      groupBy: 'category',
    });
    const codes = world.categories.map((c) => c.code);
    for (const g of stats.groups) {
      expect(codes).toContain(g.key);
      expectFigures(g.figures);
    }
    const received = stats.groups.map((g) => g.figures.received);
    expect(received).toEqual([...received].sort((a, b) => b - a));
    expect(stats.groups.map((g) => g.key)).toContain(world.plainCategory.code);
  });

  it('groups by children: one group per child node in listGrids order, each with that child’s own figures, adding up to the totals', async () => {
    // Every node above the worker's grid (district, street, community on a usual tree), over a year that holds the
    // cases this run reported there (one more now), so the figures compared are not all zeros.
    await report(world);
    const period = recentYear();
    const nodes = world.workerAncestors;
    expect(nodes.length, "the worker's grid has no ancestors: no node with children to group by").toBeGreaterThan(0);
    for (const node of nodes) {
      const children: Grid[] = [];
      for await (const g of client().grids.iterate({ parentId: node.id, limit: 200 })) children.push(g);
      const stats = await client().stats.resolution({ gridId: node.id, ...period, groupBy: 'children' });
      const where = `groupBy=children of ${node.name} (${node.id}, ${node.level})`;
      expect(stats, where).toMatchObject({ gridId: node.id, ...period, groupBy: 'children' });
      expectFigures(stats.totals);
      expect(stats.totals.received, `${where}: the cases this run reported are in its subtree`).toBeGreaterThan(0);
      expect(
        stats.groups.map((g) => g.key),
        `${where}: the keys are the ids of listGrids?parentId=, in its order`,
      ).toEqual(children.map((c) => c.id));
      expect(
        stats.groups.map((g) => g.label?.['zh-CN']),
        `${where}: each label is the child's name`,
      ).toEqual(children.map((c) => c.name));
      for (const group of stats.groups) {
        expectFigures(group.figures);
        const own = await client().stats.resolution({ gridId: group.key, ...period });
        expect(group.figures, `${where}: the group of ${group.key} = its own totals`).toEqual(own.totals);
      }
      for (const counter of ['received', 'accepted', 'closed', 'closedOnTime', 'rejected'] as const) {
        expect(
          stats.groups.reduce((n, g) => n + g.figures[counter], 0),
          `${where}: the groups' ${counter} add up to the totals`,
        ).toBe(stats.totals[counter]);
      }
      // The branch the worker's grid is in holds the run's cases.
      const branch = stats.groups.find(
        (g) => g.key === world.workerGrid.id || world.workerGrid.path.some((p) => p.id === g.key),
      );
      expect(branch?.figures.received, `${where}: the child over the worker's grid`).toBeGreaterThan(0);
      // The same grouping leaves the totals as they are.
      const plain = await client().stats.resolution({ gridId: node.id, ...period });
      expect(stats.totals, `${where}: totals as with groupBy=none`).toEqual(plain.totals);
    }
  });

  it('groups by children: a grid without children has no groups', async () => {
    // Down from the worker's grid (a leaf on a usual tree) to a node without children.
    let leaf = world.workerGrid;
    for (;;) {
      const page = await client().grids.list({ parentId: leaf.id, limit: 1 });
      if (!page.items[0]) break;
      leaf = page.items[0];
    }
    const period = recentYear();
    const stats = await client().stats.resolution({ gridId: leaf.id, ...period, groupBy: 'children' });
    expect(stats).toMatchObject({ gridId: leaf.id, groupBy: 'children', groups: [] });
    const plain = await client().stats.resolution({ gridId: leaf.id, ...period });
    expect(stats.totals).toEqual(plain.totals);
  });

  it('422 invalid_period when from is after to, 422 range_too_long over 24 months', async () => {
    const reversed = await expectProblem(
      client().stats.resolution({ gridId: world.workerGrid.id, from: '2026-02-01', to: '2026-01-01' }),
      422,
      'unprocessable',
    );
    expectIssueCodes(reversed.errors, ['invalid_period']);
    const tooLong = await expectProblem(
      client().stats.resolution({ gridId: world.workerGrid.id, from: '2020-01-01', to: '2022-12-31' }),
      422,
      'unprocessable',
    );
    expectIssueCodes(tooLong.errors, ['range_too_long']);
  });

  it('404 for an unknown grid; 400 for a missing or malformed parameter', async () => {
    await expectProblem(
      client().stats.resolution({ gridId: 'conformance-no-such-grid', from: '2026-01-01', to: '2026-01-31' }),
      404,
      'not-found',
    );
    const missing = await client().raw.GET('/stats/resolution', {
      params: { query: { gridId: world.workerGrid.id, to: '2026-01-31' } as never },
    });
    expectIssuesAt(expectRawProblem(missing, 400, 'validation-failed').errors, ['/query/from']);
    const malformed = await client().raw.GET('/stats/resolution', {
      params: { query: { gridId: world.workerGrid.id, from: '2026-02-30x', to: '2026-03-01' } },
    });
    expectIssuesAt(expectRawProblem(malformed, 400, 'validation-failed').errors, ['/query/from']);
    const groupBy = await client().raw.GET('/stats/resolution', {
      params: {
        query: { gridId: world.workerGrid.id, from: '2026-01-01', to: '2026-01-31', groupBy: 'week' as never },
      },
    });
    expectIssuesAt(expectRawProblem(groupBy, 400, 'validation-failed').errors, ['/query/groupBy']);
  });
});
