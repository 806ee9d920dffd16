import { attributeDatatypeValues, categoryCodePattern, categoryKindValues, type Category } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectIssuesAt, expectProblem, expectRawProblem } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

function expectCategoryShape(c: Category): void {
  expect(c.code).toMatch(categoryCodePattern);
  expect(typeof c.name['zh-CN']).toBe('string');
  expect(categoryKindValues).toContain(c.kind);
  expect(Number.isInteger(c.slaHours) && c.slaHours >= 1).toBe(true);
  expect(typeof c.requiresLocation).toBe('boolean');
  expect(typeof c.requiresPhoto).toBe('boolean');
  expect(Array.isArray(c.attributes)).toBe(true);
  for (const a of c.attributes) {
    expect(a.code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(typeof a.label['zh-CN']).toBe('string');
    expect(attributeDatatypeValues).toContain(a.datatype);
    expect(typeof a.required).toBe('boolean');
    expect(Number.isInteger(a.order)).toBe(true);
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist')
      expect(a.options?.length ?? 0).toBeGreaterThan(0);
  }
}

describe('listCategories', () => {
  it('lists categories ordered by code, each with its shape', async () => {
    const page = await client().categories.list({ limit: 200 });
    expect(page.items.length).toBeGreaterThan(0);
    page.items.forEach(expectCategoryShape);
    const codes = page.items.map((c) => c.code);
    expect(codes).toEqual([...codes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters by kind', async () => {
    for (const kind of categoryKindValues) {
      const items: Category[] = [];
      for await (const c of client().categories.iterate({ kind, limit: 200 })) items.push(c);
      for (const c of items) expect(c.kind).toBe(kind);
      expect(items.map((c) => c.code)).toEqual(world.categories.filter((c) => c.kind === kind).map((c) => c.code));
    }
  });

  it('pages with limit=2 through iterate to the same list as one big page', async () => {
    const small: string[] = [];
    for await (const c of client().categories.iterate({ limit: 2 })) small.push(c.code);
    expect(small).toEqual(world.categories.map((c) => c.code));
    const last = await client().categories.list({ limit: 200 });
    if (last.items.length < 200) expect(last.nextCursor).toBeNull();
  });

  it('rejects an unknown kind with 400 naming /query/kind', async () => {
    const result = await client().raw.GET('/categories', { params: { query: { kind: 'weather' as never } } });
    expectIssuesAt(expectRawProblem(result, 400, 'validation-failed').errors, ['/query/kind']);
  });
});

describe('getCategory', () => {
  it('returns one category equal to its list entry', async () => {
    for (const listed of world.categories.slice(0, 5)) {
      const one = await client().categories.get(listed.code);
      expectCategoryShape(one);
      expect(one).toEqual(listed);
    }
  });

  it('returns 404 not-found for an unknown code', async () => {
    await expectProblem(client().categories.get('conformance.no_such_category'), 404, 'not-found');
  });
});
