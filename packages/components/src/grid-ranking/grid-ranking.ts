import { html, nothing, type PropertyDeclarations } from 'lit';
import type { Grid, GridkitCore, ResolutionStats } from '@gridkit/sdk/core';
import { statsResource } from '@gridkit/sdk/resources/stats';
import { emit } from '../events.js';
import { cardStyles } from '../internal/card.js';
import { LocalizeController } from '../internal/localize.js';
import type { ReadyState } from '../internal/stale-while-error.js';
import { freshnessStyles, renderFreshness, renderLoading, renderProblem, stateStyles } from '../internal/states.js';
import { PeriodFiguresElement, type PeriodDates, type WithGrid } from '../resolution-rate/period-figures.js';
import { gridRankingStyles } from './grid-ranking.styles.js';
import { gridRankingMessages } from './messages.js';
import { figureOf, listSize, rankingFigures, rankUnits, type RankingFigure } from './ranking.js';

/** Fired when the reader ranks by another figure; `detail.rankBy` is the figure. */
export type GkRankChangeEvent = CustomEvent<{ rankBy: RankingFigure }>;

declare global {
  interface HTMLElementEventMap {
    'gk-rank-change': GkRankChangeEvent;
  }
}

interface Figures {
  stats: ResolutionStats;
}

/** Each figure's heading in the messages. */
const figureNames: Record<RankingFigure, 'gridShare' | 'onTime' | 'satisfaction' | 'resolution'> = {
  'grid-share': 'gridShare',
  'on-time': 'onTime',
  satisfaction: 'satisfaction',
  resolution: 'resolution',
};

/**
 * The ranking of the units under a grid node (红黄榜): the streets of a
 * district, the communities of a street or the grids of a community, ranked
 * by the share of cases settled at grid level (小事不出网格), the on-time
 * rate, the satisfaction rate or the resolution rate, with the best on the
 * red list and the worst on the yellow. A table a screen reader reads as
 * one; each figure's heading ranks by it. A unit with nothing to divide by
 * is shown as "no data" and not ranked, never as 0%.
 *
 * @csspart base - the outermost element, in every state
 * @csspart table - the ranking table
 * @csspart row - one unit's row
 * @csspart sort - a column heading's button that ranks by it
 * @csspart badge - the red-list or yellow-list mark
 * @csspart empty - a grid has no units to rank
 * @csspart definitions - the "how are these figures calculated" disclosure
 * @csspart state - loading, error, offline and set-up messages
 * @csspart retry - the retry button
 * @csspart stale - the line over a ranking kept from an earlier load; empty while fresh
 * @csspart stale-retry - its "try now" button
 * @fires gk-rank-change - the reader ranked by another figure (`detail.rankBy`)
 */
export class GkGridRanking extends PeriodFiguresElement<Figures> {
  static override styles = [
    ...PeriodFiguresElement.styles,
    stateStyles,
    freshnessStyles,
    cardStyles,
    gridRankingStyles,
  ];

  static override properties: PropertyDeclarations = {
    rankBy: { attribute: 'rank-by', reflect: true },
  };

  protected readonly localize = new LocalizeController(this, gridRankingMessages);

  /** The figure ranked by: `grid-share` (default), `on-time`, `satisfaction` or `resolution`. */
  rankBy: RankingFigure = 'grid-share';

  protected loadFigures(core: GridkitCore, gridId: string, { from, to }: PeriodDates, signal: AbortSignal) {
    return statsResource(core)
      .resolution({ gridId, from, to, groupBy: 'children' }, { signal })
      .then((stats) => ({ stats }));
  }

  override render() {
    const m = this.localize.messages;
    return html`<div part="base">
      ${this.data.render({
        loading: () => renderLoading(m),
        ready: (value, state) => this.renderLoaded(value, state),
        problem: (error) => renderProblem(m, error, () => this.data.reload(), this.localName),
      })}
    </div>`;
  }

  private get figure(): RankingFigure {
    return (rankingFigures as readonly string[]).includes(this.rankBy) ? this.rankBy : 'grid-share';
  }

  private chooseFigure(figure: RankingFigure) {
    if (figure === this.figure) return;
    this.rankBy = figure;
    emit(this, 'gk-rank-change', { rankBy: figure });
  }

  private day(date: string): string {
    return this.localize.date(`${date}T12:00:00+08:00`, { dateStyle: 'medium' });
  }

  private renderLoaded({ grid, stats }: WithGrid<Figures>, { busy, freshness }: ReadyState) {
    const m = this.localize.messages;
    const time = (at: number) => this.localize.date(new Date(at), { timeStyle: 'short' });
    return html`${renderFreshness(m, freshness, time, () => this.data.reload())}
      <section
        class="ranking card-surface"
        aria-labelledby="title"
        aria-busy=${busy ? 'true' : 'false'}
        ?data-switching=${busy && freshness?.error === undefined}
      >
        <header>
          <h2 id="title">${m.title(grid.name)}</h2>
          <p class="range">${m.range(this.day(stats.from), this.day(stats.to))}</p>
        </header>
        ${
          stats.groups.length === 0
            ? html`<div class="empty" part="empty">
                <h3>${m.empty}</h3>
                <p>${m.emptyDetail(grid.name)}</p>
              </div>`
            : this.renderTable(grid, stats)
        }
        ${this.renderDefinitions()}
      </section>`;
  }

  private renderTable(grid: Grid, stats: ResolutionStats) {
    const m = this.localize.messages;
    const figure = this.figure;
    const units = rankUnits(stats.groups, figure);
    const lists = listSize(units.filter((unit) => unit.rank !== null).length);
    const percent = (value: number | null) =>
      value === null
        ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${m.noRate}</span>`
        : this.localize.percent(value);
    const column = (which: RankingFigure) => {
      const name = m[figureNames[which]];
      const active = which === figure;
      return html`<th scope="col" class="figure" aria-sort=${active ? 'descending' : nothing}>
        <button
          type="button"
          part="sort"
          aria-pressed=${active ? 'true' : 'false'}
          title=${m.rankBy(name)}
          @click=${() => this.chooseFigure(which)}
        >
          ${name}<span class="arrow" aria-hidden="true">${active ? '▼' : ''}</span>
        </button>
      </th>`;
    };
    const value = (unit: (typeof units)[number], which: RankingFigure) =>
      html`<td class=${which === figure ? 'figure ranked-by' : 'figure'}>
        ${percent(figureOf(unit.group.figures, which))}
      </td>`;
    return html`${
        lists > 0
          ? html`<p class="hint">${m.listsHint(m.redHint(String(lists)), m.yellowHint(String(lists)))}</p>`
          : nothing
      }
      <p class="caption" aria-hidden="true">${m.caption(grid.name, m[figureNames[figure]])}</p>
      <div class="table-box">
        <table part="table">
          <!-- Read by screen readers with the table; shown above the box, which may scroll sideways on a phone. -->
          <caption class="visually-hidden">
            ${m.caption(grid.name, m[figureNames[figure]])}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="rank">${m.rank}</th>
              <th scope="col">${m.name}</th>
              <th scope="col" class="number">${m.received}</th>
              ${rankingFigures.map(column)}
            </tr>
          </thead>
          <tbody>
            ${units.map(
              (unit) =>
                html`<tr part="row" class=${unit.list ?? ''}>
                  <td class="rank">${unit.rank === null ? m.notRanked : this.localize.number(unit.rank)}</td>
                  <th scope="row" class="name">
                    <span class="unit">${unit.group.label?.['zh-CN'] ?? unit.group.key}</span>
                    ${
                      unit.list
                        ? html`<span class="badge ${unit.list}" part="badge"
                            >${unit.list === 'red' ? m.red : m.yellow}</span
                          >`
                        : nothing
                    }
                  </th>
                  <td class="number">${this.localize.number(unit.group.figures.received)}</td>
                  ${rankingFigures.map((which) => value(unit, which))}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderDefinitions() {
    const m = this.localize.messages;
    return html`<details part="definitions">
      <summary>${m.definitionsTitle}</summary>
      <ul>
        ${(['gridShare', 'onTime', 'satisfaction', 'resolution', 'lists'] as const).map(
          (key) => html`<li>${m.definitions[key]}</li>`,
        )}
      </ul>
    </details>`;
  }
}
