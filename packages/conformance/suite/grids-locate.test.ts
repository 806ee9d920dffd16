import type { Grid, GridLocation } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectIssuesAt, expectProblem } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

/** A point the server's own data puts inside the worker's grid: its centroid, when it publishes one with a boundary. */
function pointIn(grid: Grid): { lat: number; lng: number } | undefined {
  return grid.boundary && grid.centroid ? grid.centroid : undefined;
}

describe('locateGrid', () => {
  it('finds the grid at its own centroid, with its ancestor path and the notice board leader', async (ctx) => {
    const point = pointIn(world.workerGrid);
    if (!point) return ctx.skip(); // the server publishes no boundary for this grid: nothing to locate
    const found: GridLocation = await client().grids.locate(point);
    expect(found.point).toEqual(point);
    expect(found.grid.id).toBe(world.workerGrid.id);
    expect(found.grid.path.map((p) => p.id)).toEqual(world.workerAncestors.map((a) => a.id));
    const board = await client().notices.board(world.workerGrid.id);
    expect(found.leader).toEqual(board.leader ?? null);
  });

  it('answers the same grid for the same point, every time (one answer per point)', async (ctx) => {
    const point = pointIn(world.workerGrid);
    if (!point) return ctx.skip();
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await client().grids.locate(point)).grid.id);
    expect(ids.size).toBe(1);
  });

  it('gives 404 not-found where no grid is (the South Atlantic)', async () => {
    await expectProblem(client().grids.locate({ lat: -48.8767, lng: -123.3933 }), 404, 'not-found');
  });

  it('rejects an impossible latitude or longitude with 400 naming the parameter', async () => {
    const latError = await expectProblem(client().grids.locate({ lat: 91, lng: 114 }), 400, 'validation-failed');
    expectIssuesAt(latError.errors ?? [], ['/query/lat']);
    const lngError = await expectProblem(client().grids.locate({ lat: 36, lng: -180.5 }), 400, 'validation-failed');
    expectIssuesAt(lngError.errors ?? [], ['/query/lng']);
  });
});

describe('listGrids by place', () => {
  it('finds a grid by one of its places (compound or street names), when the server publishes them', async (ctx) => {
    const withPlaces: Grid[] = [];
    for await (const g of client().grids.iterate({ level: 'grid', limit: 200 })) {
      if (g.places && g.places.length > 0) withPlaces.push(g);
      if (withPlaces.length >= 5) break;
    }
    if (withPlaces.length === 0) return ctx.skip(); // places are optional
    for (const grid of withPlaces) {
      const place = grid.places![0]!;
      const page = await client().grids.list({ q: place, limit: 200 });
      expect(
        page.items.map((g) => g.id),
        place,
      ).toContain(grid.id);
    }
  });
});
