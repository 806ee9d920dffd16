import type { ReactiveControllerHost } from 'lit';
import { Task } from '../internal/task.js';
import { isGridkitError, type GeoPoint, type Grid, type GridkitCore, type TeamMember } from '@gridkit/sdk/core';
import { gridsResource } from '@gridkit/sdk/resources/grids';
import { noticesResource } from '@gridkit/sdk/resources/notices';
import { currentPosition, GeoError } from './geolocation.js';
import { gridPath, type ChosenGrid } from './handler.js';
import type { GridResults, WhereFailure } from './steps/where.js';

interface GridFinderOptions {
  core(): GridkitCore | undefined;
  geolocation(): Geolocation | undefined;
  /** The widget's own grid (`grid-id` or the provider's): a position is then only a position. */
  gridId(): string | undefined;
  /** The device gave its position. */
  onLocated(point: GeoPoint): void;
  /** A grid was found by the position or chosen from a search. */
  onChosen(): void;
}

/**
 * Where the report goes, for the "where" step: the widget's own grid, or the
 * grid found by the device's position or chosen by name; and that grid's
 * leader for "who will handle it". Changes ask the element to render again. Forgets everything
 * on `reset()`; answers to requests made before are then ignored.
 */
export interface FixedGrid {
  grid: ChosenGrid;
  leader: TeamMember | null;
}

export class GridFinder {
  locating = false;
  failure?: WhereFailure;
  grid?: ChosenGrid;
  /** The grid leader: a card, `null` while the post is vacant, undefined while unknown. */
  leader?: TeamMember | null;
  query = '';
  searching = false;
  results?: GridResults;
  private generation = 0;

  /** The widget's own grid and its leader. */
  readonly fixed: Task<readonly [GridkitCore | undefined, string | undefined], FixedGrid | undefined>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: GridFinderOptions,
  ) {
    this.fixed = new Task(host, {
      task: async ([core, gridId], { signal }) => {
        if (!core || !gridId) return undefined;
        const board = await noticesResource(core).board(gridId, { signal });
        return {
          grid: { id: board.grid.id, name: board.grid.name, path: gridPath(board.grid) },
          leader: board.leader,
        };
      },
      args: () => [options.core(), options.gridId()] as const,
    });
  }

  /** The grid the report goes to: the widget's own, or the one found or chosen. */
  get target(): ChosenGrid | undefined {
    return this.options.gridId() ? this.fixed.value?.grid : this.grid;
  }

  /** Its leader: a card, `null` while the post is vacant, undefined while unknown. */
  get targetLeader(): TeamMember | null | undefined {
    return this.options.gridId() ? this.fixed.value?.leader : this.leader;
  }

  /** The device's position, then (unless the grid is fixed) the grid it falls in. */
  async locate() {
    const core = this.options.core();
    const generation = this.generation;
    this.set({ locating: true, failure: undefined });
    try {
      const point = await currentPosition(this.options.geolocation());
      if (generation !== this.generation) return;
      this.options.onLocated(point);
      if (!this.options.gridId() && core) {
        try {
          const found = await gridsResource(core).locate(point);
          if (generation !== this.generation) return;
          const grid = { id: found.grid.id, name: found.grid.name, path: gridPath(found.grid) };
          this.set({ grid, leader: found.leader, results: undefined });
          this.options.onChosen();
        } catch (error) {
          if (generation !== this.generation) return;
          this.set({ failure: isGridkitError(error) && error.status === 404 ? 'outside' : 'failed' });
        }
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.set({ failure: error instanceof GeoError ? error.reason : 'unavailable' });
    } finally {
      if (generation === this.generation) this.set({ locating: false });
    }
  }

  setQuery(query: string) {
    this.set({ query });
  }

  /** Grids whose name or places match the query. */
  async search() {
    const core = this.options.core();
    const query = this.query.trim();
    if (!core || !query) return;
    const generation = this.generation;
    this.set({ searching: true });
    try {
      const page = await gridsResource(core).list({ q: query, level: 'grid', limit: 20 });
      if (generation === this.generation) this.set({ results: { query, grids: page.items } });
    } catch (error) {
      if (generation === this.generation) this.set({ results: { query, error } });
    } finally {
      if (generation === this.generation) this.set({ searching: false });
    }
  }

  /** A grid from the search, then its leader's card. */
  async choose(grid: Grid) {
    this.set({ grid: { id: grid.id, name: grid.name, path: gridPath(grid) }, leader: undefined });
    this.options.onChosen();
    const core = this.options.core();
    const generation = this.generation;
    if (!core) return;
    try {
      const board = await noticesResource(core).board(grid.id);
      if (generation === this.generation && this.grid?.id === grid.id) this.set({ leader: board.leader });
    } catch {
      // The card is a courtesy: the report can go without it.
    }
  }

  /** Back to the search, to choose another grid. */
  unchoose() {
    this.set({ grid: undefined, leader: undefined });
  }

  reset() {
    this.generation += 1;
    this.set({ locating: false, searching: false, query: '' });
    this.set({ failure: undefined, grid: undefined, leader: undefined, results: undefined });
  }

  private set(
    change: Partial<Pick<GridFinder, 'locating' | 'failure' | 'grid' | 'leader' | 'query' | 'searching' | 'results'>>,
  ) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }
}
