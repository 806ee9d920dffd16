/**
 * Finding the grid at a point (locateGrid) and by the name of a compound
 * (listGrids?q=), on the hand-made fixture with boundaries drawn for the
 * test (shared border, outer vertices, a hole, a MultiPolygon), and on the
 * seeded demo district.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Schemas } from '@gridkit/sdk';
import { placePoint } from '../src/domain/geometry.js';
import { createHarness, type Harness } from './support/harness.js';
import { createSeededServer, type SeededServer } from './support/seeded.js';

const rect = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const polygon = (...rings: number[][][]) => JSON.stringify({ type: 'Polygon', coordinates: rings });

/**
 *   36.02 ┌───────────────┬───────────────┐
 *         │      C1       │      G3       │   G3 has a hole [114.025–114.03] × [36.005–36.01]
 *   36.01 ├───────┬───────┤   ┌──┐        │   that belongs to G2 (a MultiPolygon)
 *         │  G1   │  G2   │   └──┘        │
 *   36.00 └───────┴───────┴───────────────┘
 *       114.00  114.01  114.02          114.04
 */
function drawFixtureMap(h: Harness): void {
  const set = h.db.prepare('UPDATE grids SET boundary = ? WHERE id = ?');
  set.run(polygon(rect(114.0, 36.0, 114.01, 36.01)), 'G1');
  const hole = rect(114.025, 36.005, 114.03, 36.01);
  set.run(JSON.stringify({ type: 'MultiPolygon', coordinates: [[rect(114.01, 36.0, 114.02, 36.01)], [hole]] }), 'G2');
  set.run(polygon(rect(114.02, 36.0, 114.04, 36.02), [...hole].reverse()), 'G3');
  // A community's outline covers its grids; the lookup answers with grids only.
  set.run(polygon(rect(114.0, 36.0, 114.02, 36.02)), 'C1');
  h.db.prepare('UPDATE grids SET places = ? WHERE id = ?').run(JSON.stringify(['桥北路23号院', '映月小区']), 'G2');
}

let h: Harness;

describe('locateGrid on drawn boundaries', () => {
  beforeAll(() => {
    h = createHarness();
    drawFixtureMap(h);
  });
  afterEach(() => expect(h.contractBreaks).toEqual([]));

  const locate = async (lat: number | string, lng: number | string) => {
    const response = await h.request(`/grids/locate?lat=${lat}&lng=${lng}`, { headers: { 'Accept-Language': 'en' } });
    return { status: response.status, body: (await response.json()) as Schemas['GridLocation'] & { type?: string } };
  };

  it('finds the grid whose boundary contains the point, with its path and leader', async () => {
    const { status, body } = await locate(36.005, 114.005);
    expect(status).toBe(200);
    expect(body.point).toEqual({ lat: 36.005, lng: 114.005 });
    expect(body.grid).toMatchObject({ id: 'G1', name: '一社区第一网格', level: 'grid' });
    expect(body.grid.path!.map((p) => p.id)).toEqual(['D', 'S1', 'C1']);
    // The leader card is the notice board's leader, field for field.
    const board = (await (await h.request('/grids/G1/notice-board')).json()) as Schemas['NoticeBoard'];
    expect(body.leader).toEqual(board.leader);
    expect(body.leader).toMatchObject({ name: '王网格', role: 'grid_leader', workPhone: '0372-5123456' });
  });

  it('gives a vacant leader as null', async () => {
    const { status, body } = await locate(36.005, 114.015);
    expect(status).toBe(200);
    expect(body.grid.id).toBe('G2');
    expect(body.leader).toBeNull();
  });

  it('gives a point on a shared border to the grid whose code sorts first, every time', async () => {
    for (const lat of [36.0, 36.003, 36.0071, 36.01]) {
      const { body } = await locate(lat, 114.01);
      expect(body.grid.id, `lat ${lat}`).toBe('G1'); // 410502-001-001-01 < 410502-001-001-02
    }
    // The G2 | G3 border at lng 114.02: G2's code sorts first.
    expect((await locate(36.004, 114.02)).body.grid.id).toBe('G2');
  });

  it('counts the outer vertices and edges of the served area as inside', async () => {
    expect((await locate(36.0, 114.0)).body.grid.id).toBe('G1');
    expect((await locate(36.01, 114.0)).body.grid.id).toBe('G1');
    expect((await locate(36.02, 114.04)).body.grid.id).toBe('G3');
    expect((await locate(36.0, 114.03)).body.grid.id).toBe('G3');
  });

  it('answers 404 outside every grid, including just outside an outer edge', async () => {
    for (const [lat, lng] of [
      [35.5, 113.5],
      [36.0, 113.999999],
      [36.020001, 114.03],
      [-33.86, 151.2],
    ] as const) {
      const { status, body } = await locate(lat, lng);
      expect(status, `${lat},${lng}`).toBe(404);
      expect(body.type).toBe('https://gridkit.dev/problems/not-found');
    }
    // Inside the community's outline but in no grid: still 404 (communities are not answers).
    expect((await locate(36.015, 114.005)).status).toBe(404);
  });

  it('gives a point in a hole to the grid that owns the enclave (MultiPolygon), not to the one around it', async () => {
    expect((await locate(36.0075, 114.0275)).body.grid.id).toBe('G2');
    expect((await locate(36.015, 114.035)).body.grid.id).toBe('G3');
    // On the hole's edge: G2 and G3 share it; G2 sorts first.
    expect((await locate(36.005, 114.0275)).body.grid.id).toBe('G2');
  });

  it('follows a boundary that is redrawn (the bounding boxes are kept by the store)', async () => {
    h.db.prepare('UPDATE grids SET boundary = ? WHERE id = ?').run(polygon(rect(115.0, 37.0, 115.01, 37.01)), 'G1');
    expect((await locate(37.005, 115.005)).body.grid.id).toBe('G1');
    expect((await locate(36.005, 114.005)).status).toBe(404);
    h.db.prepare('UPDATE grids SET boundary = ? WHERE id = ?').run(polygon(rect(114.0, 36.0, 114.01, 36.01)), 'G1');
    expect((await locate(36.005, 114.005)).body.grid.id).toBe('G1');
    expect((await locate(37.005, 115.005)).status).toBe(404);
  });

  it('rejects a missing or impossible latitude or longitude with 400, naming the parameter', async () => {
    for (const [query, path] of [
      ['lat=91&lng=114', '/query/lat'],
      ['lat=-90.5&lng=114', '/query/lat'],
      ['lat=36&lng=180.01', '/query/lng'],
      ['lat=abc&lng=114', '/query/lat'],
      ['lat=36', '/query/lng'],
      ['lng=114', '/query/lat'],
      ['lat=&lng=114', '/query/lat'],
    ] as const) {
      const response = await h.request(`/grids/locate?${query}`);
      expect(response.status, query).toBe(400);
      const problem = await response.json();
      expect(problem.type).toBe('https://gridkit.dev/problems/validation-failed');
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('finds a grid by the name of a compound inside it (listGrids?q=)', async () => {
    for (const q of ['映月小区', '映月', '23号院', '桥北路23号院']) {
      const page = await h.client().grids.list({ q });
      expect(
        page.items.map((g) => g.id),
        q,
      ).toEqual(['G2']);
      expect(page.items[0]!.places).toEqual(['桥北路23号院', '映月小区']);
    }
    expect((await h.client().grids.list({ q: '没有这个小区' })).items).toEqual([]);
    // Names and codes still match as before.
    expect((await h.client().grids.list({ q: '第一网格' })).items.map((g) => g.id)).toEqual(['G1', 'G3']);
  });
});

describe('the seeded demo district', () => {
  let s: SeededServer;
  beforeAll(() => {
    s = createSeededServer();
  });
  afterAll(() => s.db.close());
  afterEach(() => expect(s.contractBreaks).toEqual([]));

  interface Row {
    id: string;
    code: string;
    name: string;
    level: string;
    parent_id: string | null;
    boundary: string | null;
    centroid_lat: number;
    centroid_lng: number;
    places: string;
  }
  const rows = () => s.db.prepare('SELECT * FROM grids ORDER BY code').all() as Row[];

  it('draws a boundary for every grid, community, street and the district, each holding its centroid', () => {
    for (const row of rows()) {
      if (row.level === 'building') continue;
      expect(row.boundary, row.name).not.toBeNull();
      expect(placePoint(JSON.parse(row.boundary!), { lat: row.centroid_lat, lng: row.centroid_lng }), row.name).toBe(
        'inside',
      );
    }
  });

  it('tiles each community with its grids: every point is in exactly one grid, and in its parents', () => {
    const all = rows();
    const grids = all.filter((r) => r.level === 'grid').map((r) => ({ ...r, shape: JSON.parse(r.boundary!) }));
    const byId = new Map(all.map((r) => [r.id, r]));
    const district = all.find((r) => r.level === 'district')!;
    const outer = (JSON.parse(district.boundary!) as { coordinates: [number, number][][] }).coordinates[0]!;
    const [west, south] = outer[0]!;
    const [east, north] = outer[2]!;
    // A fixed lattice of points over the district (no randomness: the test is the same every run).
    for (let i = 1; i < 60; i++) {
      for (let j = 1; j < 60; j++) {
        const point = {
          lng: west! + ((east! - west!) * (i + 0.37)) / 60,
          lat: south! + ((north! - south!) * (j + 0.61)) / 60,
        };
        const inside = grids.filter((g) => placePoint(g.shape, point) !== 'outside');
        expect(inside.length, JSON.stringify(point)).toBe(1);
        const community = byId.get(inside[0]!.parent_id!)!;
        expect(placePoint(JSON.parse(community.boundary!), point)).not.toBe('outside');
      }
    }
  });

  it('locates every grid from its own centroid, leader as on its notice board', async () => {
    for (const row of rows().filter((r) => r.level === 'grid')) {
      const response = await s.request(`/grids/locate?lat=${row.centroid_lat}&lng=${row.centroid_lng}`);
      expect(response.status, row.name).toBe(200);
      const body = (await response.json()) as Schemas['GridLocation'];
      expect(body.grid.id, row.name).toBe(row.id);
      if (row.name === '桥北社区第二网格' || row.name === '映月路社区第一网格') {
        const board = (await (await s.request(`/grids/${row.id}/notice-board`)).json()) as Schemas['NoticeBoard'];
        expect(body.leader).toEqual(board.leader);
        expect(body.leader).not.toBeNull();
      }
    }
  });

  it('puts the contract example point in 桥北社区第二网格 and 桥北小学 (an enclave) in 第四网格', async () => {
    const at = async (lat: number, lng: number) =>
      ((await (await s.request(`/grids/locate?lat=${lat}&lng=${lng}`)).json()) as Schemas['GridLocation']).grid;
    expect((await at(36.0995, 114.3522)).name).toBe('桥北社区第二网格');
    const third = rows().find((r) => r.name === '桥北社区第三网格')!;
    const shape = JSON.parse(third.boundary!) as { type: string; coordinates: number[][][] };
    expect(shape.coordinates).toHaveLength(2); // outer ring and the hole
    const hole = shape.coordinates[1]!;
    const lng = (hole[0]![0]! + hole[2]![0]!) / 2;
    const lat = (hole[0]![1]! + hole[2]![1]!) / 2;
    const owner = await at(lat, lng);
    expect(owner.name).toBe('桥北社区第四网格');
    expect(owner.boundary!.type).toBe('MultiPolygon');
    expect(owner.places).toContain('桥北小学');
  });

  it('gives every grid plausible, unique places, and finds a grid by one of them', async () => {
    const grids = rows().filter((r) => r.level === 'grid');
    const seen = new Set<string>();
    for (const grid of grids) {
      const places = JSON.parse(grid.places) as string[];
      expect(places.length, grid.name).toBeGreaterThanOrEqual(1);
      for (const place of places) {
        expect(place).toMatch(
          /^[\u4e00-\u9fff0-9]+(号院|小区|花园|家园|苑|家属院|公寓|菜市场|小学|幼儿园|卫生服务站|公园|商场|文化广场|农贸市场)$/,
        );
        expect(seen.has(place), place).toBe(false);
        seen.add(place);
      }
    }
    const page = (await (
      await s.request(`/grids?q=${encodeURIComponent('桥北路23号院')}`)
    ).json()) as Schemas['GridPage'];
    expect(page.items.map((g) => g.name)).toEqual(['桥北社区第二网格']);
    // Any grid's place finds that grid.
    const sample = grids[37]!;
    const place = (JSON.parse(sample.places) as string[])[0]!;
    const found = (await (await s.request(`/grids?q=${encodeURIComponent(place)}`)).json()) as Schemas['GridPage'];
    expect(found.items.map((g) => g.id)).toContain(sample.id);
  });
});
