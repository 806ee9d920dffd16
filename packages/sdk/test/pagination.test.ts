import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGridkitClient } from '../src/index.js';
import { startApiDouble, type ApiDouble } from './support/api-double.js';

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

const client = () => createGridkitClient({ baseUrl: api.baseUrl, retry: false });

describe('iterating a paginated list', () => {
  it('walks every page with the server’s cursors and stops at the last one', async () => {
    api.reply(
      { json: { items: [{ id: 'c1' }, { id: 'c2' }], nextCursor: 'p2' } },
      { json: { items: [{ id: 'c3' }], nextCursor: 'p3' } },
      { json: { items: [{ id: 'c4' }], nextCursor: null } },
    );
    const ids: string[] = [];
    for await (const item of client().cases.iterate({ status: ['submitted'], limit: 2 })) ids.push(item.id);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(api.requests.map((r) => r.query.get('cursor'))).toEqual([null, 'p2', 'p3']);
    expect(api.requests.every((r) => r.query.get('status') === 'submitted' && r.query.get('limit') === '2')).toBe(true);
  });

  it('ends after one page when nextCursor is absent', async () => {
    api.reply({ json: { items: [{ id: 'g1' }] } });
    const items = [];
    for await (const grid of client().grids.iterate({ parentId: 'c1' })) items.push(grid);
    expect(items).toHaveLength(1);
    expect(api.requests).toHaveLength(1);
  });

  it('fetches no further page when the caller stops early', async () => {
    api.reply({ json: { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'p2' } });
    for await (const item of client().categories.iterate()) {
      expect(item).toEqual({ id: 'a' });
      break;
    }
    expect(api.requests).toHaveLength(1);
  });

  it('walks a case timeline and a grid’s notices', async () => {
    api.reply(
      { json: { items: [{ id: 'e1' }], nextCursor: 'x' } },
      { json: { items: [{ id: 'e2' }], nextCursor: null } },
    );
    const events = [];
    for await (const event of client().cases.iterateEvents('c1')) events.push(event.id);
    expect(events).toEqual(['e1', 'e2']);
    expect(api.requests.map((r) => r.path)).toEqual(['/cases/c1/events', '/cases/c1/events']);
  });

  it('fails instead of looping when the server repeats a cursor', async () => {
    api.reply(
      { json: { items: [{ id: 'a' }], nextCursor: 'same' } },
      { json: { items: [{ id: 'b' }], nextCursor: 'same' } },
    );
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of client().serviceLogs.iterate({ gridId: 'g1' })) seen.push(item.id);
      })(),
    ).rejects.toThrow(/did not advance/);
    expect(seen).toEqual(['a', 'b']);
  });

  it('surfaces a problem on a later page as a GridkitError', async () => {
    api.reply(
      { json: { items: [{ id: 'a' }], nextCursor: 'p2' } },
      {
        status: 400,
        headers: { 'Content-Type': 'application/problem+json' },
        json: { title: 'Bad cursor', status: 400 },
      },
    );
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of client().notices.iterate('g1')) seen.push(item.id);
      })(),
    ).rejects.toMatchObject({ status: 400, problem: { title: 'Bad cursor' } });
    expect(seen).toEqual(['a']);
  });
});
