import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createGridkitClient, type ResolutionFigures, type ResolutionStats } from '@gridkit/sdk';
import '../define/resolution-rate.js';
import type { GkResolutionRate } from './resolution-rate.js';
import { periodPresets, periodRange, shanghaiToday } from './period.js';
import { demoGridId, testServer } from '../test-support/server.js';
import { runDesignedStatesSuite } from '../test-support/designed-states-suite.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => shadow(el).textContent!.replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) =>
  shadow(el).querySelector<T>(selector)!;
const api = createGridkitClient({ baseUrl: testServer.apiUrl });

async function loaded(el: GkResolutionRate) {
  await waitUntil(
    () => shadow(el).querySelector('.rate[aria-busy="false"], [role="alert"]'),
    'figures did not render',
    { timeout: 8000 },
  );
  return el;
}

async function widget(gridId: string, period?: string, lang = 'zh-CN') {
  return loaded(
    await fixture<GkResolutionRate>(
      html`<gk-resolution-rate
        lang=${lang}
        base-url=${testServer.apiUrl}
        grid-id=${gridId}
        period=${period ?? 'last-12-months'}
      ></gk-resolution-rate>`,
    ),
  );
}

async function statsFor(gridId: string, period: string): Promise<ResolutionStats> {
  const { from, to } = periodRange(period);
  return api.stats.resolution({ gridId, from, to, groupBy: 'month' });
}

/**
 * The widget and the API's figures for the same period, read while nothing
 * changed them: other test files report cases into the district at the same
 * time, so a read is repeated until the API gives the same figures before and
 * after the widget loaded.
 */
async function widgetWithStats(gridId: string, period: string) {
  for (let attempt = 1; ; attempt += 1) {
    const before = JSON.stringify((await statsFor(gridId, period)).totals);
    const el = await widget(gridId, period);
    const stats = await statsFor(gridId, period);
    if (JSON.stringify(stats.totals) === before || attempt === 12) return { el, stats };
    el.remove();
    // Another file's cases are being moved along right now: let them settle.
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}

const percent = (locale: string, value: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);

/** The rendered headline figures, and the ones the API gives for the same period. */
function expectFigures(el: GkResolutionRate, totals: ResolutionFigures, locale = 'zh-CN', noData = '无数据') {
  const values = [...shadow(el).querySelectorAll('[part="figure"] .value')].map((v) => v.textContent!.trim());
  expect(values).to.have.length(4);
  expect(values[0]).to.include(new Intl.NumberFormat(locale).format(totals.received));
  const rates = [totals.resolutionRate, totals.onTimeRate, totals.satisfactionRate];
  rates.forEach((rate, i) => {
    if (rate === null) {
      expect(values[i + 1]).to.include('—');
      expect(values[i + 1]).to.include(noData);
    } else expect(values[i + 1]).to.equal(percent(locale, rate));
  });
}

/** The tables hold exactly the numbers the charts are drawn from. */
function expectTables(el: GkResolutionRate, stats: ResolutionStats, locale = 'zh-CN') {
  const root = shadow(el);
  const fmtRate = (rate: number | null) => (rate === null ? '无数据' : percent(locale, rate));
  const levelRows = [...root.querySelectorAll('#levels-table tbody tr')];
  expect(levelRows.map((r) => r.getAttribute('data-level'))).to.deep.equal(['grid', 'community', 'street', 'district']);
  for (const row of levelRows) {
    const share = stats.totals.closedByLevel[row.getAttribute('data-level') as 'grid'];
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent!.trim());
    expect(cells).to.deep.equal([new Intl.NumberFormat(locale).format(share.closed), fmtRate(share.share)]);
  }
  const monthRows = [...root.querySelectorAll('#trend-table tbody tr')];
  expect(monthRows.map((r) => r.getAttribute('data-month'))).to.deep.equal(stats.groups.map((g) => g.key));
  monthRows.forEach((row, i) => {
    const figures = stats.groups[i]!.figures;
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent!.trim());
    expect(cells).to.deep.equal([
      new Intl.NumberFormat(locale).format(figures.received),
      fmtRate(figures.resolutionRate),
    ]);
  });
  // Each chart is one image with a summary of the same numbers.
  const charts = [...root.querySelectorAll('svg[part="chart"]')];
  expect(charts).to.have.length(2);
  for (const chart of charts) {
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')!.length).to.be.greaterThan(10);
  }
  const grid = stats.totals.closedByLevel.grid.share!;
  expect(charts[0]!.getAttribute('aria-label')).to.include(percent(locale, grid));
  const last = stats.groups.at(-1)!.figures;
  expect(charts[1]!.getAttribute('aria-label')).to.include(new Intl.NumberFormat(locale).format(last.received));
  // Bars are drawn from the same shares: the grid level's width is its share.
  const firstRect = charts[0]!.querySelector('rect')!;
  expect(Number(firstRect.getAttribute('width'))).to.be.closeTo(grid * 100, 1e-9);
}

runDesignedStatesSuite({
  tag: 'gk-resolution-rate',
  readWidget: true,
  needsGrid: true,
  providerAttributes: { 'grid-id': demoGridId },
  ready: { what: 'the figures', when: (root) => root.querySelector('[part="figures"]') !== null },
  notFound: { attributes: { 'grid-id': 'grd_nope' }, text: '没有找到该网格' },
  // A period with no cases: the words, never 0% or 100%, and the picker stays to choose another period.
  empty: {
    attributes: { 'grid-id': demoGridId, period: '2001' },
    text: '本期无案件',
    check: async (el) => {
      const stats = await statsFor(demoGridId, '2001');
      expect(stats.totals.received).to.equal(0);
      expect(stats.totals.resolutionRate).to.equal(null);
      expect(text(el)).to.include('2001年');
      expect(text(el)).not.to.match(/%/);
      expect(shadow(el).querySelector('[part="figures"], svg[part="chart"]')).to.equal(null);
      expect(shadow(el).querySelector('[part="picker"] select')).not.to.equal(null);
    },
  },
});

describe('<gk-resolution-rate>', () => {
  it('shows the district’s figures exactly as the API computes them, with charts and tables', async () => {
    const district = (await api.grids.list({ level: 'district' })).items[0]!;
    const { el, stats } = await widgetWithStats(district.id, 'last-12-months');
    expect(stats.totals.received).to.be.greaterThan(0);
    expect(shadow(el).querySelector('h2')!.textContent).to.include(district.name);
    expectFigures(el, stats.totals);
    expectTables(el, stats);
    expect(stats.groups.length).to.be.within(12, 13);
    await expect(el).to.be.accessible();
  });

  it('shows a grid’s figures for a quarter, and no-data words where a rate has no denominator', async () => {
    const period = periodPresets()[5]!; // the last full quarter
    const el = await widget(demoGridId, period);
    const stats = await statsFor(demoGridId, period);
    expect(el.range.period).to.equal(period);
    expectFigures(el, stats.totals);
    if (stats.totals.closed > 0) expectTables(el, stats);
    await expect(el).to.be.accessible();
  });

  it('names the month still running "so far", draws it dashed and hollow, and says why its rate is low', async () => {
    const district = (await api.grids.list({ level: 'district' })).items[0]!;
    const el = await widget(district.id, 'last-12-months');
    const [year, month] = shanghaiToday();
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const row = shadow(el).querySelector(`#trend-table tr[data-month="${key}"] th`)!;
    expect(row.textContent).to.equal(`${year}年${month}月（至今）`);
    // Only that month: the others are whole months, named plainly.
    const others = [...shadow(el).querySelectorAll('#trend-table tbody th')].filter((th) => th !== row);
    expect(others.every((th) => !th.textContent!.includes('至今'))).to.equal(true);
    expect(shadow(el).querySelector('.running-note')!.textContent).to.include(`${month}月尚未过完`);
    expect(shadow(el).querySelector('path.rate-line.running, path.running-dot')).not.to.equal(null);
    expect(shadow(el).querySelector('svg[part="chart"].trend, .trend svg')!.getAttribute('aria-label')).to.include(
      '（至今）',
    );
    // A past year has no running month.
    const past = await widget(district.id, String(year - 1));
    expect(shadow(past).querySelector('.running-note')).to.equal(null);
    expect(shadow(past).textContent).not.to.include('至今');
    await expect(el).to.be.accessible();
  });

  it('computes Shanghai calendar periods', () => {
    const now = new Date('2026-03-31T17:30:00Z'); // 1 April 01:30 in Shanghai
    expect(periodRange('last-12-months', now)).to.include({ from: '2025-05-01', to: '2026-04-01' });
    expect(periodRange('last-30-days', now)).to.include({ from: '2026-03-03', to: '2026-04-01' });
    expect(periodRange('2025', now)).to.include({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodRange('2026', now)).to.include({ from: '2026-01-01', to: '2026-04-01' });
    expect(periodRange('2025-Q4', now)).to.include({ from: '2025-10-01', to: '2025-12-31' });
    expect(periodRange('2024-02', now)).to.include({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('nonsense', now)).to.include({ period: 'last-12-months', from: '2025-05-01' });
    expect(periodPresets(now)).to.deep.equal([
      'last-30-days',
      'last-12-months',
      '2026',
      '2025',
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
    ]);
  });

  it('speaks zh-TW and English, and follows a lang change at run time', async () => {
    const stats = await statsFor(demoGridId, 'last-12-months');
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="zh-TW">
        <gk-resolution-rate base-url=${testServer.apiUrl} grid-id=${demoGridId}></gk-resolution-rate>
      </div>`,
    );
    const el = await loaded(wrapper.querySelector('gk-resolution-rate')!);
    expect(text(el)).to.include('辦結率');
    expect(text(el)).to.include('按期辦結率');
    expect(text(el)).to.include('這些數字怎麼算');
    expectFigures(el, stats.totals, 'zh-TW', '無資料');
    wrapper.lang = 'en';
    await waitUntil(() => text(el).includes('Resolution rate'), 'did not switch to English');
    expect(text(el)).to.include('On-time rate');
    expect(text(el)).to.include('Last 12 months');
    expect(text(el)).not.to.include('辦結率');
    expectFigures(el, stats.totals, 'en', 'No data');
    await expect(el).to.be.accessible();

    const en = await widget(demoGridId, undefined, 'en');
    expect(text(en)).to.include('Satisfaction rate');
    expect(shadow(en).querySelector('#trend-table th[scope="row"]')!.textContent).to.match(/[A-Z][a-z]+ \d{4}/);
  });

  it('changes the period with the picker by keyboard, fires gk-period-change and reloads', async () => {
    const el = await widget(demoGridId);
    const select = shadow(el).querySelector<HTMLSelectElement>('[part="picker"] select')!;
    expect(select.value).to.equal('last-12-months');
    expect([...select.options].map((o) => o.value)).to.deep.equal(periodPresets());
    select.focus();
    expect(shadow(el).activeElement).to.equal(select);
    // A focused native select moves to the next option with ArrowDown and fires `change`:
    // last 12 months -> this year -> last year.
    const presets = periodPresets();
    const thisYear = presets[2]!;
    const lastYear = presets[3]!;
    let changed = oneEvent(el, 'gk-period-change');
    await sendKeys({ press: 'ArrowDown' });
    expect((await changed).detail).to.deep.equal({ period: thisYear, ...pick(periodRange(thisYear)) });
    expect(el.getAttribute('period')).to.equal(thisYear);
    // This year may cover the same dates as the last 12 months (in December): then nothing reloads.
    await el.updateComplete;
    await loaded(el);
    expect(shadow(el).activeElement).to.equal(select);
    expectFigures(el, (await statsFor(demoGridId, thisYear)).totals);

    changed = oneEvent(el, 'gk-period-change');
    const reloaded = oneEvent(el, 'gk-load');
    await sendKeys({ press: 'ArrowDown' });
    expect((await changed).detail).to.deep.equal({ period: lastYear, ...pick(periodRange(lastYear)) });
    expect(el.getAttribute('period')).to.equal(lastYear);
    await reloaded;
    await loaded(el);
    expect(shadow(el).activeElement).to.equal(select);
    const stats = await statsFor(demoGridId, lastYear);
    expect(text(el)).to.include(`去年（${lastYear}年）`);
    // The seed covers the 365 days before now: in December a leaf grid's last year may have no case at all.
    if (stats.totals.received === 0 && stats.totals.accepted === 0) {
      expect(shadow(el).querySelector('[part="empty"]'), 'an empty year shows the empty state').not.to.equal(null);
    } else {
      expectFigures(el, stats.totals);
      expect(shadow(el).querySelectorAll('#trend-table tbody tr')).to.have.length(12);
    }
  });

  it('opens the definitions by keyboard, with the resolution rate’s definition', async () => {
    const el = await widget(demoGridId);
    const details = shadow(el).querySelector<HTMLDetailsElement>('[part="definitions"]')!;
    const summary = details.querySelector('summary')!;
    expect(details.open).to.equal(false);
    summary.focus();
    expect(shadow(el).activeElement).to.equal(summary);
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    expect(details.textContent).to.include('这些数字怎么算');
    expect(details.textContent).to.include('办结率 = 已办结 ÷ 已受理');
    expect(details.textContent).to.include('办结要经与办理无关的监督员或上级核查');
    expect(details.textContent).to.include('满意率 = 评分为 4–5 分的评价 ÷ 全部评价');
    await expect(el).to.be.accessible();
  });

  it('shows a chart’s table on request, with a toggle that says so', async () => {
    const el = await widget(demoGridId);
    const toggle = shadow(el).querySelector<HTMLButtonElement>('.levels [part="table-toggle"]')!;
    const table = shadow(el).querySelector('#levels-table')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    // Hidden by its wrapper: a table ignores the 1 px box of .visually-hidden and would widen the page.
    expect(table.closest('.visually-hidden')).to.not.equal(null);
    toggle.focus();
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(table.closest('.visually-hidden')).to.equal(null);
    expect(table.getBoundingClientRect().height).to.be.greaterThan(40);
    await expect(el).to.be.accessible();
  });
});

describe('<gk-resolution-rate> words for residents', () => {
  const numbers = (text: string) => (text.match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replace(/,/g, '')));

  it('defines every figure in plain words, with no API field names, in every language', async () => {
    for (const lang of ['zh-CN', 'zh-TW', 'en']) {
      const el = await widget(demoGridId, 'last-12-months', lang);
      const definitions = shadow(el).querySelector<HTMLDetailsElement>('[part="definitions"]')!;
      definitions.open = true;
      const words = definitions.textContent!;
      expect(words, lang).not.to.match(/dueAt|closedAt|createdAt|[a-z][A-Z][a-z]/);
      expect(words, lang).not.to.match(/[（(]\s*[a-zA-Z_]+\s*[）)]/);
    }
  });

  it('splits the cases received so the parts add up, and says why the cases accepted differ', async () => {
    const district = (await api.grids.list({ level: 'district' })).items[0]!;
    const branches = new Set<string>();
    for (const period of ['last-12-months', 'last-30-days', ...periodPresets().slice(4)]) {
      const { el, stats } = await widgetWithStats(district.id, period);
      const totals = stats.totals;
      if (totals.received === 0 && totals.accepted === 0) continue;
      const received = shadow(el).querySelector('[part="figure"]')!;
      const [value, detail] = [...received.querySelectorAll('.value, .detail:not(.accepted-note)')].map(
        (node) => node.textContent!,
      );
      const parts = numbers(detail!);
      expect(parts, period).to.have.length(2);
      expect(parts[0]! + parts[1]!, `${period}: the parts make the whole`).to.equal(numbers(value!)[0]);
      expect(parts[1], period).to.equal(totals.rejected);
      const note = received.querySelector('.accepted-note')?.textContent ?? '';
      const notRejected = totals.received - totals.rejected;
      if (totals.accepted > notRejected) {
        branches.add('earlier');
        expect(note, period).to.include(`本期共受理 ${totals.accepted.toLocaleString('zh-CN')} 件`);
        expect(note, period).to.include('本期之前收到');
      } else if (totals.accepted < notRejected) {
        branches.add('waiting');
        expect(note, period).to.include(`至少 ${(notRejected - totals.accepted).toLocaleString('zh-CN')} 件`);
      } else {
        branches.add('equal');
        expect(note, period).to.equal('');
      }
    }
    expect(branches.size, 'periods with a difference to explain').to.be.at.least(1);
    expect(
      [...branches].some((b) => b !== 'equal'),
      'no period needed an explanation',
    ).to.equal(true);
  });

  it('names each period in the picker by what it covers: no two choices read alike', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const el = await widget(demoGridId, 'last-12-months', lang);
      const options = [...shadow(el).querySelectorAll('[part="picker"] option')].map((o) => o.textContent!.trim());
      expect(new Set(options).size, `${lang}: ${options.join(' | ')}`).to.equal(options.length);
      // The rolling choices say their dates: on 1 December the last 12 months are this year, and the reader sees it.
      const { from, to } = periodRange('last-12-months');
      const month = (key: string) =>
        new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
          new Date(`${key.slice(0, 7)}-15T00:00:00Z`),
        );
      const rolling = options[periodPresets().indexOf('last-12-months')]!;
      expect(rolling, lang).to.include(month(from));
      expect(rolling, lang).to.include(month(to));
    }
    // The day the issue was seen: the two ranges are the same days, and their names differ.
    const december = new Date('2026-12-01T02:00:00Z');
    expect(pick(periodRange('last-12-months', december))).to.deep.equal(pick(periodRange('2026', december)));
  });
});

function pick({ from, to }: { from: string; to: string }) {
  return { from, to };
}

describe('<gk-resolution-rate> priority, rework and follow-ups', () => {
  const priorityStats = (gridId: string, period: string) => {
    const { from, to } = periodRange(period);
    return api.stats.resolution({ gridId, from, to, groupBy: 'priority' });
  };

  it('shows on time by priority, rework, disputes and follow-ups exactly as the API computes them', async () => {
    const district = (await api.grids.list({ level: 'district' })).items[0]!;
    const period = 'last-12-months';
    // Other files report cases meanwhile: read until the API gives the same figures around the widget's load.
    let el!: GkResolutionRate;
    let byPriority!: ResolutionStats;
    let totals!: ResolutionFigures;
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const before = JSON.stringify((await priorityStats(district.id, period)).groups);
      el = await widget(district.id, period);
      byPriority = await priorityStats(district.id, period);
      totals = byPriority.totals;
      if (JSON.stringify(byPriority.groups) === before || attempt === 12) break;
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
    const n = (value: number) => new Intl.NumberFormat('zh-CN').format(value);
    const rate = (value: number | null) => (value === null ? '无数据' : percent('zh-CN', value));

    // One row a priority, in the contract's order, in words.
    const rows = [...shadow(el).querySelectorAll('#priority-table tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-priority'))).to.deep.equal(byPriority.groups.map((g) => g.key));
    expect(byPriority.groups.map((g) => g.key)).to.deep.equal(['ordinary', 'coordination', 'urgent']);
    expect(rows.map((r) => r.querySelector('th')!.textContent!.trim())).to.deep.equal(['一般', '需协调', '紧急']);
    byPriority.groups.forEach((group, i) => {
      const cells = [...rows[i]!.querySelectorAll('td')].map((c) => c.textContent!.trim());
      expect(cells).to.deep.equal([
        n(group.figures.closed),
        n(group.figures.closedOnTime),
        rate(group.figures.onTimeRate),
      ]);
    });
    // The seed's history has closed cases of every priority.
    expect(byPriority.groups.every((g) => g.figures.closed > 0)).to.equal(true);

    const figure = (key: string) => $(el, `[part="recourse-figure"][data-figure="${key}"]`);
    const value = (key: string) => figure(key).querySelector('.value')!.textContent!.trim();
    expect(totals.closed).to.be.greaterThan(0);
    expect(value('reopen')).to.equal(percent('zh-CN', totals.reopenRate!));
    expect(figure('reopen').textContent).to.include(`返工 ${n(totals.reopened)} / 已办结 ${n(totals.closed)}`);
    expect(value('dispute')).to.include(totals.disputeRate === null ? '—' : percent('zh-CN', totals.disputeRate));
    expect(figure('dispute').textContent).to.include(
      totals.disputeRate === null ? '无法计算' : `提出异议 ${n(totals.disputed)} 件`,
    );
    if (totals.followUpRate === null) expect(value('follow-up')).to.include('—');
    else {
      expect(value('follow-up')).to.equal(percent('zh-CN', totals.followUpRate));
      expect(figure('follow-up').textContent).to.include(
        `已回访 ${n(totals.followUpsDone)} / 需回访 ${n(totals.followUps)}`,
      );
    }
    // The headline figures are still the four of before.
    expect(shadow(el).querySelectorAll('[part="figure"]')).to.have.length(4);
    expect(text(el)).not.to.match(/reopen|dispute|followUp|ordinary|coordination|urgent/);
    await expect(el).to.be.accessible();
  });

  it('defines rework, disputes, follow-ups and on time by priority in plain words, in every language', async () => {
    const expected = {
      'zh-CN': ['返工率', '群众异议率', '回访完成率', '按紧急程度'],
      'zh-TW': ['返工率', '群眾異議率', '回訪完成率', '按緊急程度'],
      en: ['Handled again', 'Disputed by residents', 'Follow-ups done', 'By urgency'],
    } as const;
    for (const [lang, words] of Object.entries(expected)) {
      const el = await widget(demoGridId, 'last-12-months', lang);
      const definitions = $<HTMLDetailsElement>(el, '[part="definitions"]');
      definitions.open = true;
      for (const word of words) expect(definitions.textContent, `${lang}: ${word}`).to.include(word);
      expect(definitions.textContent, lang).not.to.match(/reopenRate|disputeRate|followUp|groupBy|[a-z][A-Z][a-z]/);
      expect($(el, '[part="by-priority"] h3').textContent!.length).to.be.greaterThan(2);
      if (lang === 'en') expect($(el, '[part="by-priority"]').textContent).not.to.match(/[\u4e00-\u9fff]/);
      await expect(el).to.be.accessible();
    }
  });
});
