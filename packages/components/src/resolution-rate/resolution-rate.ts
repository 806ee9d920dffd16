import { html, nothing, svg, type PropertyDeclarations } from 'lit';
import {
  caseLevelValues,
  casePriorityValues,
  type GridkitCore,
  type ResolutionFigures,
  type ResolutionStats,
} from '@gridkit/sdk/core';
import { statsResource } from '@gridkit/sdk/resources/stats';
import { emit } from '../events.js';
import { formatter, LocalizeController } from '../internal/localize.js';
import type { ReadyState } from '../internal/stale-while-error.js';
import { freshnessStyles, renderFreshness, renderLoading, renderProblem, stateStyles } from '../internal/states.js';
import { cardStyles } from '../internal/card.js';
import { resolutionRateMessages } from './messages.js';
import { periodPresets, periodRange, shanghaiToday } from './period.js';
import { PeriodFiguresElement, type PeriodDates, type WithGrid } from './period-figures.js';
import { resolutionRateStyles } from './resolution-rate.styles.js';

/** Fired when the reader picks another period; `detail` has the period and its inclusive dates. */
export type GkPeriodChangeEvent = CustomEvent<{ period: string; from: string; to: string }>;

declare global {
  interface HTMLElementEventMap {
    'gk-period-change': GkPeriodChangeEvent;
  }
}

const levels = caseLevelValues;
type Level = (typeof levels)[number];

interface Figures {
  stats: ResolutionStats;
  /** The same period grouped by triage priority: on time by priority. */
  byPriority: ResolutionStats;
}

/**
 * Resolution figures for any grid node (district, street, community, grid)
 * over a period: cases received, resolution rate (办结率), on-time rate
 * (按期办结率), satisfaction rate (满意率), the share closed at each level
 * (小事不出社区), on-time by triage priority, rework (返工), residents'
 * disputes and follow-ups (回访), and the monthly trend, each chart with a table of the same
 * numbers and every figure's definition one disclosure away. A rate without
 * a denominator is shown as "no data", never as 0% or 100%.
 *
 * @csspart base - the outermost element, in every state
 * @csspart picker - the period picker (a native select)
 * @csspart figures - the headline figures
 * @csspart figure - one headline figure
 * @csspart chart - a chart (SVG)
 * @csspart table - a chart's table
 * @csspart table-toggle - the "show as table" button
 * @csspart empty - the empty state of a period with no cases
 * @csspart by-priority - the on-time-by-priority box and its table
 * @csspart recourse - the rework, dispute and follow-up figures
 * @csspart recourse-figure - one of those figures
 * @csspart definitions - the "how are these figures calculated" disclosure
 * @csspart state - loading, error, offline and set-up messages
 * @csspart retry - the retry button
 * @csspart stale - the line over figures kept from an earlier load ("updated 10:42 — reconnecting…"); empty while fresh
 * @csspart stale-retry - its "try now" button
 * @fires gk-period-change - the reader picked another period (`detail.period`, `detail.from`, `detail.to`)
 */
export class GkResolutionRate extends PeriodFiguresElement<Figures> {
  static override styles = [
    ...PeriodFiguresElement.styles,
    stateStyles,
    freshnessStyles,
    cardStyles,
    resolutionRateStyles,
  ];

  static override properties: PropertyDeclarations = {
    tables: { attribute: false },
  };

  protected readonly localize = new LocalizeController(this, resolutionRateMessages);

  private tables: Partial<Record<'levels' | 'trend', boolean>> = {};

  protected async loadFigures(core: GridkitCore, gridId: string, { from, to }: PeriodDates, signal: AbortSignal) {
    const stats = statsResource(core);
    const [byMonth, byPriority] = await Promise.all([
      stats.resolution({ gridId, from, to, groupBy: 'month' }, { signal }),
      stats.resolution({ gridId, from, to, groupBy: 'priority' }, { signal }),
    ]);
    return { stats: byMonth, byPriority };
  }

  override render() {
    return html`<div part="base">${this.renderBody()}</div>`;
  }

  private renderBody() {
    const m = this.localize.messages;
    return this.data.render({
      loading: () => renderLoading(m),
      ready: (value, state) => this.renderLoaded(value, state),
      problem: (error) => renderProblem(m, error, () => this.data.reload(), this.localName),
    });
  }

  private onPick(event: Event) {
    const period = (event.target as HTMLSelectElement).value;
    if (period === this.period) return;
    this.period = period;
    const { from, to } = this.range;
    emit(this, 'gk-period-change', { period, from, to });
  }

  /**
   * A period's name; `withDates` (the picker) adds the dates a rolling period
   * covers, so that no two choices read alike (in December the last 12 months
   * are this year).
   */
  private periodName(value: string, withDates = false): string {
    const m = this.localize.messages;
    const range = periodRange(value);
    const [thisYear] = shanghaiToday();
    switch (range.kind) {
      case 'last-30-days':
        return withDates
          ? m.presets.withDates(m.presets[range.kind], this.shortDay(range.from), this.shortDay(range.to))
          : m.presets[range.kind];
      case 'last-12-months':
        return withDates
          ? m.presets.withDates(
              m.presets[range.kind],
              this.monthName(range.from.slice(0, 7), 'year'),
              this.monthName(range.to.slice(0, 7), 'year'),
            )
          : m.presets[range.kind];
      case 'year':
        return range.year === thisYear
          ? m.presets.thisYear(String(range.year))
          : range.year === thisYear - 1
            ? m.presets.lastYear(String(range.year))
            : m.presets.year(String(range.year));
      case 'quarter':
        return m.presets.quarter(String(range.year), range.part!);
      case 'month':
        return m.presets.month(String(range.year), range.part!);
    }
  }

  private day(date: string): string {
    return this.localize.date(`${date}T12:00:00+08:00`, { dateStyle: 'medium' });
  }

  /** A `YYYY-MM-DD` date as a short month and day (`11月2日`, `Nov 2`). */
  private shortDay(date: string): string {
    return this.localize.date(`${date}T12:00:00+08:00`, { month: 'short', day: 'numeric' });
  }

  /**
   * A `YYYY-MM` key as a month name: short for chart labels (`false`), with
   * the year for tables and labels (`true`), short with the year (`'year'`).
   */
  private monthName(key: string, long: boolean | 'year'): string {
    const [y, mo] = key.split('-').map(Number);
    const options: Intl.DateTimeFormatOptions =
      long === 'year'
        ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
        : long
          ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
          : { month: 'short', timeZone: 'UTC' };
    return formatter(Intl.DateTimeFormat, this.localize.locale, options).format(new Date(Date.UTC(y!, mo! - 1, 15)));
  }

  private rate(value: number | null): string {
    return value === null ? this.localize.messages.noRate : this.localize.percent(value);
  }

  private renderPicker() {
    const m = this.localize.messages;
    const current = this.range.period;
    const options = periodPresets();
    if (!options.includes(current)) options.push(current);
    return html`<label class="picker" part="picker"
      ><span>${m.periodLabel}</span>
      <select @change=${this.onPick} .value=${current}>
        ${options.map((value) => html`<option value=${value} ?selected=${value === current}>${this.periodName(value, true)}</option>`)}
      </select></label
    >`;
  }

  private renderLoaded({ grid, stats, byPriority }: WithGrid<Figures>, { busy, freshness }: ReadyState) {
    const m = this.localize.messages;
    const time = (at: number) => this.localize.date(new Date(at), { timeStyle: 'short' });
    const totals = stats.totals;
    const empty = totals.received === 0 && totals.accepted === 0;
    const periodName = this.periodName(this.range.period);
    return html`${renderFreshness(m, freshness, time, () => this.data.reload())}
      <section
        class="rate card-surface"
        aria-labelledby="title"
        aria-busy=${busy ? 'true' : 'false'}
        ?data-switching=${busy && freshness?.error === undefined}
      >
        <header>
          <div>
            <h2 id="title">${m.title(grid.name)}</h2>
            <p class="range">${periodName}${m.metaSeparator}${m.range(this.day(stats.from), this.day(stats.to))}</p>
          </div>
          ${this.renderPicker()}
        </header>
        ${
          empty
            ? html`<div class="empty" part="empty">
                <svg class="empty-icon" viewBox="0 0 48 48" aria-hidden="true">
                  <rect x="8" y="6" width="32" height="38" rx="4" />
                  <path d="M16 18h16M16 26h16M16 34h9" />
                </svg>
                <h3>${m.emptyTitle}</h3>
                <p>${m.emptyDetail(periodName)}</p>
              </div>`
            : html`${this.renderFigures(totals)}
                <div class="charts">${this.renderLevels(totals)} ${this.renderTrend(stats)}</div>
                <div class="charts">${this.renderByPriority(byPriority)} ${this.renderRecourse(totals)}</div>`
        }
        ${this.renderDefinitions()}
      </section>`;
  }

  private renderFigure(name: string, value: number | null, detail: string, none: string) {
    return html`<div class="figure" part="figure">
      <dt>${name}</dt>
      <dd class="value">
        ${
          value === null
            ? html`<span aria-hidden="true">—</span
                ><span class="visually-hidden">${this.localize.messages.noRate}</span>`
            : this.localize.percent(value)
        }
      </dd>
      <dd class="detail">${value === null ? none : detail}</dd>
    </div>`;
  }

  private renderFigures(t: ResolutionFigures) {
    const m = this.localize.messages;
    const n = (value: number) => this.localize.number(value);
    return html`<dl class="figures" part="figures">
      <div class="figure" part="figure">
        <dt>${m.received}</dt>
        <dd class="value">${m.cases(n(t.received))}</dd>
        <dd class="detail">${m.receivedDetail(n(t.received - t.rejected), n(t.rejected))}</dd>
        ${this.renderAcceptedNote(t)}
      </div>
      ${this.renderFigure(m.resolutionRate, t.resolutionRate, m.resolutionDetail(n(t.closed), n(t.accepted)), m.noAccepted)}
      ${this.renderFigure(m.onTimeRate, t.onTimeRate, m.onTimeDetail(n(t.closedOnTime), n(t.closed)), m.noClosed)}
      ${this.renderFigure(
        m.satisfactionRate,
        t.satisfactionRate,
        m.satisfactionDetail(n(t.satisfied), n(t.evaluations)),
        m.noEvaluations,
      )}
    </dl>`;
  }

  /**
   * Why the cases accepted differ from those received and not rejected: the
   * API counts received and rejected over the cases reported in the period,
   * accepted over the cases accepted in it (some reported before it), so the
   * exact number still waiting cannot be known, only its floor.
   */
  private renderAcceptedNote(t: ResolutionFigures) {
    const m = this.localize.messages;
    const notRejected = t.received - t.rejected;
    if (t.accepted > notRejected)
      return html`<dd class="detail accepted-note">${m.acceptedIncludesEarlier(this.localize.number(t.accepted))}</dd>`;
    if (t.accepted < notRejected)
      return html`<dd class="detail accepted-note">
        ${m.notYetAccepted(this.localize.number(notRejected - t.accepted))}
      </dd>`;
    return nothing;
  }

  private renderToggle(which: 'levels' | 'trend', tableId: string) {
    const m = this.localize.messages;
    const open = !!this.tables[which];
    return html`<button
      type="button"
      class="toggle"
      part="table-toggle"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${tableId}
      @click=${() => (this.tables = { ...this.tables, [which]: !open })}
    >
      ${open ? m.hideTable : m.showTable}
    </button>`;
  }

  private renderLevels(t: ResolutionFigures) {
    const m = this.localize.messages;
    const shares = levels.map((level) => ({ level, ...t.closedByLevel[level] }));
    const head = html`<h3 id="levels-title">${m.levelsTitle}</h3>
      <p class="hint">${m.levelsHint}</p>`;
    if (t.closed === 0 || shares.every((s) => s.share === null)) {
      return html`<section class="chart-box levels" aria-labelledby="levels-title">
        ${head}
        <p class="none">${m.levelsNone}</p>
      </section>`;
    }
    const label = m.levelsChart(
      shares
        .map((s) => `${m.levels[s.level]} ${this.rate(s.share)}${m.aside(m.cases(this.localize.number(s.closed)))}`)
        .join(m.clauseSeparator),
    );
    let x = 0;
    const open = !!this.tables.levels;
    return html`<section class="chart-box levels" aria-labelledby="levels-title">
      ${head}
      <svg class="stack" part="chart" role="img" aria-label=${label} viewBox="0 0 100 10" preserveAspectRatio="none">
        ${shares.map((s) => {
          const width = (s.share ?? 0) * 100;
          const rect = svg`<rect class="l-${s.level}" x=${x} y="0" width=${width} height="10"></rect>`;
          x += width;
          return rect;
        })}
      </svg>
      <ul class="legend" aria-hidden="true">
        ${shares.map(
          (s) =>
            html`<li>
              <span class="swatch l-${s.level}"></span><span class="legend-name">${m.levels[s.level as Level]}</span>
              <strong>${this.rate(s.share)}</strong>
              <span class="legend-count">${m.cases(this.localize.number(s.closed))}</span>
            </li>`,
        )}
      </ul>
      ${this.renderToggle('levels', 'levels-table')}
      <div class=${open ? 'table-box' : 'table-box visually-hidden'}>
        <table id="levels-table" part="table" class="data">
          <caption>
            ${m.levelsTable}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m.level}</th>
              <th scope="col">${m.closed}</th>
              <th scope="col">${m.share}</th>
            </tr>
          </thead>
          <tbody>
            ${shares.map(
              (s) =>
                html`<tr data-level=${s.level}>
                  <th scope="row">${m.levels[s.level]}</th>
                  <td>${this.localize.number(s.closed)}</td>
                  <td>${this.rate(s.share)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderTrend(stats: ResolutionStats) {
    const m = this.localize.messages;
    const months = stats.groups;
    if (months.length === 0) return nothing;
    const n = months.length;
    const maxReceived = Math.max(1, ...months.map((g) => g.figures.received));
    // One column of 10 units per month; the rate line lives in y 4–46 (100% at the top), the received bars in 58–100.
    const rateY = (rate: number) => 46 - rate * 42;
    const cx = (i: number) => i * 10 + 5;
    // The month still running: most of its cases are not closed yet, so its rate is low by nature.
    // Its point is hollow, reached by a dashed line, and named "so far" everywhere.
    const [year, month] = shanghaiToday();
    const runningKey = `${year}-${String(month).padStart(2, '0')}`;
    const running = (key: string) => key === runningKey && stats.to.startsWith(runningKey);
    let line = '';
    let dots = '';
    let partial = '';
    let runningDot = '';
    months.forEach((g, i) => {
      const rate = g.figures.resolutionRate;
      if (rate === null) return;
      const previous = i > 0 ? months[i - 1]!.figures.resolutionRate : null;
      if (running(g.key)) {
        partial = previous === null ? '' : `M${cx(i - 1)} ${rateY(previous)} L${cx(i)} ${rateY(rate)}`;
        runningDot = `M${cx(i)} ${rateY(rate)} h0`;
        return;
      }
      line += `${previous === null ? 'M' : 'L'}${cx(i)} ${rateY(rate)} `;
      dots += `M${cx(i)} ${rateY(rate)} h0 `;
    });
    const runningMonth = months.find((g) => running(g.key));
    const monthLabel = (key: string, long: boolean) =>
      running(key) ? m.soFar(this.monthName(key, long)) : this.monthName(key, long);
    const label = m.trendChart(
      months
        .map((g) =>
          m.trendPart(
            monthLabel(g.key, true),
            this.rate(g.figures.resolutionRate),
            this.localize.number(g.figures.received),
          ),
        )
        .join(m.clauseSeparator),
    );
    const open = !!this.tables.trend;
    return html`<section class="chart-box trend" aria-labelledby="trend-title">
      <h3 id="trend-title">${m.trendTitle}</h3>
      <p class="hint">
        <span class="key key-rate" aria-hidden="true"></span>${m.resolutionRate}
        <span class="key key-received" aria-hidden="true"></span>${m.received}
      </p>
      <div class="plot">
        <span class="axis a100" aria-hidden="true">${this.localize.percent(1)}</span>
        <span class="axis a50" aria-hidden="true">${this.localize.percent(0.5)}</span>
        <span class="axis a0" aria-hidden="true">${this.localize.percent(0)}</span>
        <span class="axis amax" aria-hidden="true">${m.cases(this.localize.number(maxReceived))}</span>
        <svg part="chart" role="img" aria-label=${label} viewBox="0 0 ${n * 10} 100" preserveAspectRatio="none">
          <path class="grid-line" d="M0 4 H${n * 10} M0 25 H${n * 10} M0 46 H${n * 10}"></path>
          ${months.map((g, i) => {
            const h = (g.figures.received / maxReceived) * 42;
            return svg`<rect class="bar" x=${i * 10 + 2} y=${100 - h} width="6" height=${h}></rect>`;
          })}
          <path class="rate-line" d=${line}></path>
          <path class="rate-dots" d=${dots}></path>
          ${partial ? svg`<path class="rate-line running" d=${partial}></path>` : nothing}
          ${
            runningDot
              ? svg`<path class="rate-dots" d=${runningDot}></path><path class="running-dot" d=${runningDot}></path>`
              : nothing
          }
        </svg>
        <ol class=${n > 6 ? 'months many' : 'months'} aria-hidden="true">
          ${months.map((g) => html`<li class=${running(g.key) ? 'running' : ''}>${this.monthName(g.key, false)}</li>`)}
        </ol>
      </div>
      ${runningMonth ? html`<p class="hint running-note">${m.runningMonth(this.monthName(runningMonth.key, true))}</p>` : nothing}
      ${this.renderToggle('trend', 'trend-table')}
      <div class=${open ? 'table-box' : 'table-box visually-hidden'}>
        <table id="trend-table" part="table" class="data">
          <caption>
            ${m.trendTable}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m.month}</th>
              <th scope="col">${m.received}</th>
              <th scope="col">${m.resolutionRate}</th>
            </tr>
          </thead>
          <tbody>
            ${months.map(
              (g) =>
                html`<tr data-month=${g.key}>
                  <th scope="row">${monthLabel(g.key, true)}</th>
                  <td>${this.localize.number(g.figures.received)}</td>
                  <td>${this.rate(g.figures.resolutionRate)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** On time by triage priority: a small table, one row a priority, in the contract's order. */
  private renderByPriority(stats: ResolutionStats) {
    const m = this.localize.messages;
    const n = (value: number) => this.localize.number(value);
    const rows = casePriorityValues.flatMap((key) => {
      const group = stats.groups.find((g) => g.key === key);
      return group ? [{ key, figures: group.figures }] : [];
    });
    return html`<section class="chart-box by-priority" part="by-priority" aria-labelledby="priority-title">
      <h3 id="priority-title">${m.priorityTitle}</h3>
      <p class="hint">${m.priorityHint}</p>
      <div class="table-box">
        <table id="priority-table" part="table" class="data">
          <caption class="visually-hidden">
            ${m.priorityTable}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m.priority}</th>
              <th scope="col">${m.closed}</th>
              <th scope="col">${m.closedOnTime}</th>
              <th scope="col">${m.onTimeRate}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              ({ key, figures }) =>
                html`<tr data-priority=${key}>
                  <th scope="row">${m.priorities[key] ?? ''}</th>
                  <td>${n(figures.closed)}</td>
                  <td>${n(figures.closedOnTime)}</td>
                  <td>${this.rate(figures.onTimeRate)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** What happens when residents are not satisfied: rework (返工), disputes and follow-ups (回访). */
  private renderRecourse(t: ResolutionFigures) {
    const m = this.localize.messages;
    const n = (value: number) => this.localize.number(value);
    const figure = (key: string, name: string, value: number | null, detail: string, none: string) =>
      html`<div class="figure small" part="recourse-figure" data-figure=${key}>
        <dt>${name}</dt>
        <dd class="value">
          ${
            value === null
              ? html`<span aria-hidden="true">—</span><span class="visually-hidden">${m.noRate}</span>`
              : this.localize.percent(value)
          }
        </dd>
        <dd class="detail">${value === null ? none : detail}</dd>
      </div>`;
    return html`<section class="chart-box recourse" part="recourse" aria-labelledby="recourse-title">
      <h3 id="recourse-title">${m.recourseTitle}</h3>
      <p class="hint">${m.recourseHint}</p>
      <dl class="recourse-figures">
        ${figure('reopen', m.reopenRate, t.reopenRate, m.reopenDetail(n(t.reopened), n(t.closed)), m.noClosed)}
        ${figure('dispute', m.disputeRate, t.disputeRate, m.disputeDetail(n(t.disputed)), m.noDisputable)}
        ${figure(
          'follow-up',
          m.followUpRate,
          t.followUpRate,
          m.followUpDetail(n(t.followUpsDone), n(t.followUps)),
          m.noFollowUps,
        )}
      </dl>
    </section>`;
  }

  private renderDefinitions() {
    const m = this.localize.messages;
    const d = m.definitions;
    return html`<details class="definitions" part="definitions">
      <summary>${m.definitionsTitle}</summary>
      <ul>
        ${[
          d.received,
          d.resolutionRate,
          d.onTimeRate,
          d.satisfactionRate,
          d.levels,
          d.byPriority,
          d.reopenRate,
          d.disputeRate,
          d.followUpRate,
          d.noCases,
          d.asOf,
        ].map((text) => html`<li>${text}</li>`)}
      </ul>
    </details>`;
  }
}
