/**
 * Conditional reads (the contract's "Conditional reads"): every public read a
 * kiosk repeats carries a strong `ETag` and `Cache-Control: no-cache`;
 * `If-None-Match` with it is a bodiless `304` with the same tag; another tag
 * gets the whole answer; a change to the answer changes the tag.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { client, rawFetch } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { tag } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

const strongTag = /^"[^"]*"$/;

describe('conditional reads', () => {
  const paths = (w: World) => [
    '/grids?limit=5',
    `/grids/${w.workerGrid.id}`,
    `/grids/${w.workerGrid.id}/ancestors`,
    `/grids/${w.workerGrid.id}/notice-board`,
    `/grids/${w.workerGrid.id}/notices`,
    '/categories',
    `/categories/${w.plainCategory.code}`,
    `/stats/resolution?gridId=${w.adminRoot.id}&from=2026-01-01&to=2026-01-31`,
  ];

  it('each answers with a strong ETag and no-cache, then 304 without a body for that tag, and 200 for another', async () => {
    for (const path of paths(world)) {
      const first = await rawFetch(path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('ETag');
      expect(etag, `${path}: ETag`).toMatch(strongTag);
      expect(first.headers.get('Cache-Control'), `${path}: Cache-Control`).toBe('no-cache');
      const again = await rawFetch(path, { headers: { 'If-None-Match': etag! } });
      expect(again.status, `${path} with If-None-Match`).toBe(304);
      expect(await again.text(), `${path}: 304 has no body`).toBe('');
      expect(again.headers.get('ETag'), `${path}: 304 repeats the tag`).toBe(etag);
      const other = await rawFetch(path, { headers: { 'If-None-Match': '"conformance-not-this-tag"' } });
      expect(other.status, `${path} with another tag`).toBe(200);
      expect(await other.json(), `${path}: the same answer`).toEqual(await first.json());
    }
  });

  it('a new notice changes the notice board’s tag', async () => {
    const path = `/grids/${world.workerGrid.id}/notice-board`;
    const etag = (await rawFetch(path)).headers.get('ETag')!;
    const title = `Conformance ${tag('etag')}`;
    await client('worker').notices.create(world.workerGrid.id, { title, body: 'ETag check.', kind: 'announcement' });
    const after = await rawFetch(path, { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(((await after.json()) as { notices: { title: string }[] }).notices.map((n) => n.title)).toContain(title);
  });
});
