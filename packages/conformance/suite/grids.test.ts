import type { Grid } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectIssuesAt, expectProblem, expectRawProblem } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

function expectGridShape(g: Grid): void {
  expect(typeof g.id).toBe('string');
  expect(typeof g.code).toBe('string');
  expect(typeof g.name).toBe('string');
  expect(g.level).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(g.parentId === null || typeof g.parentId === 'string').toBe(true);
  expect(Array.isArray(g.path)).toBe(true);
  expect(Number.isInteger(g.childCount) && g.childCount >= 0).toBe(true);
  expect(g.households === null || (Number.isInteger(g.households) && g.households >= 0)).toBe(true);
  expect(g.population === null || (Number.isInteger(g.population) && g.population >= 0)).toBe(true);
  if (g.parentId === null) expect(g.path).toEqual([]);
  else expect(g.path.at(-1)?.id).toBe(g.parentId);
}

describe('listGrids', () => {
  it('lists grid nodes ordered by code, each with its shape', async () => {
    const page = await client().grids.list({ limit: 200 });
    expect(page.items.length).toBeGreaterThan(0);
    expect('nextCursor' in page).toBe(true);
    page.items.forEach(expectGridShape);
    const codes = page.items.map((g) => g.code);
    expect(codes).toEqual([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters by parentId: direct children only, as many as the parent childCount', async () => {
    const parentId = world.workerGrid.parentId;
    if (!parentId) return;
    const parent = await client().grids.get(parentId);
    const children: Grid[] = [];
    for await (const g of client().grids.iterate({ parentId, limit: 200 })) children.push(g);
    expect(children.map((c) => c.parentId)).toEqual(children.map(() => parentId));
    expect(children.map((c) => c.id)).toContain(world.workerGrid.id);
    expect(children).toHaveLength(parent.childCount);
  });

  it('filters by level', async () => {
    const page = await client().grids.list({ level: world.workerGrid.level, limit: 200 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const g of page.items) expect(g.level).toBe(world.workerGrid.level);
  });

  it('filters by text in the name or code, case-insensitively', async () => {
    const byCode = await client().grids.list({ q: world.workerGrid.code, limit: 200 });
    expect(byCode.items.map((g) => g.id)).toContain(world.workerGrid.id);
    for (const g of byCode.items)
      expect(`${g.name} ${g.code}`.toLowerCase()).toContain(world.workerGrid.code.toLowerCase());
    const byName = await client().grids.list({ q: world.workerGrid.name, limit: 200 });
    expect(byName.items.map((g) => g.id)).toContain(world.workerGrid.id);
    const nothing = await client().grids.list({ q: 'zzq-conformance-no-grid-has-this-name' });
    expect(nothing).toMatchObject({ items: [], nextCursor: null });
  });

  it('pages with limit=2 through iterate to exactly the single big page, and ends with nextCursor null', async () => {
    const big: Grid[] = [];
    for await (const g of client().grids.iterate({ limit: 200 })) big.push(g);
    const small: Grid[] = [];
    let pages = 0;
    let cursor: string | undefined;
    for (;;) {
      const page = await client().grids.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(2);
      small.push(...page.items);
      if (page.nextCursor === null) break;
      expect(typeof page.nextCursor).toBe('string');
      cursor = page.nextCursor;
      if (pages > 1000) throw new Error('pagination did not end');
    }
    expect(small.map((g) => g.id)).toEqual(big.map((g) => g.id));
    const viaIterate: string[] = [];
    for await (const g of client().grids.iterate({ limit: 2 })) viaIterate.push(g.id);
    expect(viaIterate).toEqual(big.map((g) => g.id));
  });

  it.each([
    ['0', 0],
    ['201', 201],
    ['abc', 'abc'],
    ['-1', -1],
    ['1.5', 1.5],
  ])('rejects limit=%s with 400 naming /query/limit', async (_label, limit) => {
    const result = await client().raw.GET('/grids', { params: { query: { limit: limit as never } } });
    const problem = expectRawProblem(result, 400, 'validation-failed');
    expectIssuesAt(problem.errors, ['/query/limit']);
  });

  it('rejects an invalid level and an empty q with 400', async () => {
    const bad = await client().raw.GET('/grids', { params: { query: { level: 'Not A Level' } } });
    expectIssuesAt(expectRawProblem(bad, 400, 'validation-failed').errors, ['/query/level']);
    const empty = await client().raw.GET('/grids', { params: { query: { q: '' } } });
    expectIssuesAt(expectRawProblem(empty, 400, 'validation-failed').errors, ['/query/q']);
  });

  it('ignores a staff token sent to a public operation (no 401 for a bogus one)', async () => {
    const page = await client({ token: 'conformance-bogus-token' }).grids.list({ limit: 1 });
    expect(page.items).toHaveLength(1);
  });
});

describe('getGrid', () => {
  it('returns the node with its ancestor path, matching the list entry', async () => {
    const grid = await client().grids.get(world.workerGrid.id);
    expectGridShape(grid);
    expect(grid.id).toBe(world.workerGrid.id);
    const listed = (await client().grids.list({ q: grid.code, limit: 200 })).items.find((g) => g.id === grid.id);
    expect(listed).toMatchObject({
      id: grid.id,
      code: grid.code,
      name: grid.name,
      level: grid.level,
      parentId: grid.parentId,
    });
  });

  it('returns 404 not-found for an unknown id', async () => {
    await expectProblem(client().grids.get('conformance-no-such-grid'), 404, 'not-found');
  });
});

describe('listGridAncestors', () => {
  it('returns the full ancestors root first, excluding the node, matching its path', async () => {
    const ancestors = await client().grids.ancestors(world.workerGrid.id);
    ancestors.forEach(expectGridShape);
    expect(ancestors.map((a) => a.id)).toEqual(world.workerGrid.path.map((p) => p.id));
    expect(ancestors.map((a) => a.id)).not.toContain(world.workerGrid.id);
    expect(ancestors[0]?.parentId ?? null).toBeNull();
    ancestors.forEach((a, i) => {
      if (i > 0) expect(a.parentId).toBe(ancestors[i - 1]!.id);
    });
  });

  it('is empty for a root', async () => {
    const rootId = world.workerGrid.path[0]?.id ?? world.workerGrid.id;
    expect(await client().grids.ancestors(rootId)).toEqual([]);
  });

  it('returns 404 not-found for an unknown id', async () => {
    await expectProblem(client().grids.ancestors('conformance-no-such-grid'), 404, 'not-found');
  });
});
