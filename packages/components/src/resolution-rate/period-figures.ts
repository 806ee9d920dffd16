import type { PropertyDeclarations, PropertyValues } from 'lit';
import type { Grid, GridkitCore } from '@gridkit/sdk/core';
import { gridsResource } from '@gridkit/sdk/resources/grids';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { StaleWhileErrorController } from '../internal/stale-while-error.js';
import { defaultPeriod, periodRange, type PeriodRange } from './period.js';

/** The period's first and last day, as the statistics take them. */
export type PeriodDates = Pick<PeriodRange, 'from' | 'to'>;

/** What such a widget shows: its figures, and the grid they are of. */
export type WithGrid<F> = F & { grid: Grid };

/**
 * A widget of a grid's figures over a period (the resolution figures, the
 * ranking of the units under a grid): its `period`, `layout` and `refresh`,
 * and its figures loaded with the grid for the period's dates, kept through a
 * failed refresh, reloaded every `refresh` seconds and when they change.
 *
 * @fires gk-load - fresh figures were shown
 * @fires gk-error - the figures could not be loaded
 */
export abstract class PeriodFiguresElement<F> extends GridkitElement {
  static override properties: PropertyDeclarations = {
    period: { reflect: true },
    layout: { reflect: true },
    refresh: { type: Number },
  };

  /** `last-12-months` (default), `last-30-days`, a year `YYYY`, a quarter `YYYY-Qn` or a month `YYYY-MM`. */
  period: string = defaultPeriod;
  /** `card` (default) or `kiosk` (large, for a public screen read from two metres). */
  layout: 'card' | 'kiosk' = 'card';
  /** Seconds between refreshes while the widget is visible; 0 turns refreshing off. */
  refresh = 600;

  /** The period's inclusive Shanghai dates. */
  get range(): PeriodRange {
    return periodRange(this.period);
  }

  /** The widget's figures for the grid and the period's dates (the grid itself is loaded beside them). */
  protected abstract loadFigures(
    core: GridkitCore,
    gridId: string,
    range: PeriodDates,
    signal: AbortSignal,
  ): Promise<F>;

  protected readonly data = new StaleWhileErrorController(this, {
    task: async ([core, gridId, from, to], { signal }): Promise<WithGrid<F>> => {
      const [grid, figures] = await Promise.all([
        gridsResource(core!).get(gridId!, { signal }),
        this.loadFigures(core!, gridId!, { from, to }, signal),
      ]);
      return { ...figures, grid };
    },
    args: () => {
      const range = this.range;
      return [this.core, this.activeGridId, range.from, range.to] as const;
    },
    configuration: () => this.configurationProblem(true),
    interval: () => this.refresh * 1000,
    live: ([core, gridId]) => (core && gridId ? { core, topics: { statsOf: gridId } } : undefined),
    onComplete: () => emit(this, 'gk-load', { gridId: this.activeGridId }),
    onError: (error) => emit(this, 'gk-error', { error: error as Error }),
  });

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('refresh')) this.data.schedule();
  }
}
