import type { ResolutionFigures, ResolutionGroup } from '@gridkit/sdk/core';

/** The figures a ranking can follow: share settled at grid level, on-time, satisfaction, resolution. */
export const rankingFigures = ['grid-share', 'on-time', 'satisfaction', 'resolution'] as const;
export type RankingFigure = (typeof rankingFigures)[number];

/** A figure's value for a unit (a fraction 0–1), or null when it has nothing to divide by. */
export function figureOf(figures: ResolutionFigures, figure: RankingFigure): number | null {
  switch (figure) {
    case 'grid-share':
      return figures.closedByLevel.grid.share;
    case 'on-time':
      return figures.onTimeRate;
    case 'satisfaction':
      return figures.satisfactionRate;
    case 'resolution':
      return figures.resolutionRate;
  }
}

export interface RankedUnit {
  group: ResolutionGroup;
  value: number | null;
  /** 1 for the best; equal value and cases received share a rank; null: not ranked (no value). */
  rank: number | null;
  /** 红榜 (the best) or 黄榜 (the worst), for the first and last `listSize` ranked units. */
  list?: 'red' | 'yellow';
}

/** How many units go on each list: a quarter of those ranked, at most three. */
export const listSize = (ranked: number) => Math.min(3, Math.floor(ranked / 4));

/**
 * The units ranked by `figure`, best first: a higher value first, then more
 * cases received (the same rate over more cases weighs more), then the
 * order they came in. Units without a value follow, unranked, as they came.
 */
export function rankUnits(groups: readonly ResolutionGroup[], figure: RankingFigure): RankedUnit[] {
  const valued = groups.map((group, order) => ({ group, order, value: figureOf(group.figures, figure) }));
  const ranked = valued
    .filter((unit) => unit.value !== null)
    .sort((a, b) => b.value! - a.value! || b.group.figures.received - a.group.figures.received || a.order - b.order);
  const lists = listSize(ranked.length);
  const units: RankedUnit[] = [];
  ranked.forEach((unit, i) => {
    const previous = ranked[i - 1];
    // Equal value over equally many cases: the same rank as the unit above.
    const tied =
      previous !== undefined &&
      previous.value === unit.value &&
      previous.group.figures.received === unit.group.figures.received;
    units.push({
      group: unit.group,
      value: unit.value,
      rank: tied ? units[i - 1]!.rank : i + 1,
      ...(i < lists ? { list: 'red' as const } : i >= ranked.length - lists ? { list: 'yellow' as const } : {}),
    });
  });
  return [
    ...units,
    ...valued.filter((unit) => unit.value === null).map((unit) => ({ group: unit.group, value: null, rank: null })),
  ];
}
