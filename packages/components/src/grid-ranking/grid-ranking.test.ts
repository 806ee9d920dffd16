import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createGridkitClient, type ResolutionGroup, type ResolutionStats } from '@gridkit/sdk';
import '../define/grid-ranking.js';
import type { GkGridRanking } from './grid-ranking.js';
import { listSize, rankUnits } from './ranking.js';
import { periodRange } from '../resolution-rate/period.js';
import { demoGridId, testServer } from '../test-support/server.js';
import { runDesignedStatesSuite } from '../test-support/designed-states-suite.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => shadow(el).textContent!.replace(/\s+/g, ' ');
const api = createGridkitClient({ baseUrl: testServer.apiUrl });
/** The district: the demo admin's node, whose children are the five streets. */
const districtId = testServer.tokens.find((t) => t.token === 'demo-admin-district')!.gridIds[0]!;

async function widget(attributes: { gridId?: string; period?: string; lang?: string; layout?: string } = {}) {
  const el = await fixture<GkGridRanking>(
    html`<gk-grid-ranking
      lang=${attributes.lang ?? 'zh-CN'}
      layout=${attributes.layout ?? 'card'}
      base-url=${testServer.apiUrl}
      grid-id=${attributes.gridId ?? districtId}
      period=${attributes.period ?? 'last-12-months'}
    ></gk-grid-ranking>`,
  );
  await waitUntil(() => shadow(el).querySelector('.ranking[aria-busy="false"], [role="alert"]'), 'no ranking', {
    timeout: 8000,
  });
  return el;
}

async function childrenStats(gridId: string, period: string): Promise<ResolutionStats> {
  const { from, to } = periodRange(period);
  return api.stats.resolution({ gridId, from, to, groupBy: 'children' });
}

/**
 * The API's figures at a moment the widget shows the same: other test files report cases into the district while
 * this one runs, and the widget follows them live (within about a second), so the figures are read again until
 * `shown` and `expected` agree (about 9 s at most); the test then asserts on them as they stand.
 */
async function settledStats(el: HTMLElement, shown: () => unknown, expected: (stats: ResolutionStats) => unknown) {
  let stats = await childrenStats(districtId, 'last-12-months');
  for (let tries = 0; tries < 30 && JSON.stringify(shown()) !== JSON.stringify(expected(stats)); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await (el as GkGridRanking).updateComplete;
    stats = await childrenStats(districtId, 'last-12-months');
  }
  return stats;
}

/** The table as a reader sees it: per row the rank cell, the unit's name, its badge and the cells after. */
function rows(el: HTMLElement) {
  return [...shadow(el).querySelectorAll('tbody tr')].map((row) => ({
    rank: row.querySelector('td.rank')!.textContent!.trim(),
    name: row.querySelector('.unit')!.textContent!.trim(),
    badge: row.querySelector('[part="badge"]')?.textContent!.trim() ?? '',
    cells: [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
  }));
}

const percent = (value: number | null) =>
  value === null
    ? '—无数据'
    : new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(value);

runDesignedStatesSuite({
  tag: 'gk-grid-ranking',
  readWidget: true,
  needsGrid: true,
  providerAttributes: { 'grid-id': districtId },
  ready: { what: 'the ranking', when: (root) => root.querySelector('[part="table"]') !== null },
  notFound: { attributes: { 'grid-id': 'grd_nope' }, text: '没有找到该网格' },
  // A node with no units under it (a building, 楼栋, of the demo grid): said in words, with no table.
  empty: {
    attributes: async () => ({ 'grid-id': (await api.grids.list({ parentId: demoGridId })).items[0]!.id }),
    text: '没有下属单位',
    check: (el) => {
      expect(shadow(el).querySelector('[part="table"]')).to.equal(null);
    },
  },
});

describe('<gk-grid-ranking>', () => {
  it('ranks the district’s streets by the share settled at grid level, exactly as the API computes it', async () => {
    const el = await widget();
    const byGridShare = (stats: ResolutionStats) =>
      [...stats.groups].sort(
        (a, b) =>
          (b.figures.closedByLevel.grid.share ?? -1) - (a.figures.closedByLevel.grid.share ?? -1) ||
          b.figures.received - a.figures.received,
      );
    // Every cell as the API's figures read: other files also settle and rate cases meanwhile, which moves the
    // rates without changing the counts, so the wait compares them all.
    const cellsOf = ({ figures }: ResolutionGroup) => [
      new Intl.NumberFormat('zh-CN').format(figures.received),
      percent(figures.closedByLevel.grid.share),
      percent(figures.onTimeRate),
      percent(figures.satisfactionRate),
      percent(figures.resolutionRate),
    ];
    const stats = await settledStats(
      el,
      () => rows(el).map((row) => [row.name, ...row.cells]),
      (api) => byGridShare(api).map((group) => [group.label!['zh-CN'], ...cellsOf(group)]),
    );
    expect(stats.groups).to.have.length(5);
    const expected = byGridShare(stats);
    const shown = rows(el);
    expect(shown.map((row) => row.name)).to.deep.equal(expected.map((group) => group.label!['zh-CN']));
    expect(shown.map((row) => row.rank)).to.deep.equal(['1', '2', '3', '4', '5']);
    shown.forEach((row, i) => expect(row.cells).to.deep.equal(cellsOf(expected[i]!)));
    // Five ranked: one on each list.
    expect(shown.map((row) => row.badge)).to.deep.equal(['红榜', '', '', '', '黄榜']);
    expect(text(el)).to.include('前 1 名上红榜');
    const sorted = shadow(el).querySelector('th[aria-sort="descending"]')!;
    expect(sorted.textContent).to.include('网格办结占比');
    expect(shadow(el).querySelector('caption')!.textContent).to.include('按网格办结占比排名');
    await expect(el).to.be.accessible();
  });

  it('ranks by another figure when its heading is pressed from the keyboard, and says so', async () => {
    const el = await widget();
    const button = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="sort"]')].find((b) =>
      b.textContent!.includes('满意率'),
    )!;
    button.focus();
    const changed = oneEvent(el, 'gk-rank-change');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail).to.deep.equal({ rankBy: 'satisfaction' });
    await el.updateComplete;
    expect(el.getAttribute('rank-by')).to.equal('satisfaction');
    const bySatisfaction = (api: ResolutionStats) =>
      [...api.groups].sort(
        (a, b) =>
          (b.figures.satisfactionRate ?? -1) - (a.figures.satisfactionRate ?? -1) ||
          b.figures.received - a.figures.received,
      );
    const stats = await settledStats(
      el,
      () => rows(el).map((row) => row.name),
      (api) => bySatisfaction(api).map((group) => group.label!['zh-CN']),
    );
    const expected = bySatisfaction(stats);
    expect(rows(el).map((row) => row.name)).to.deep.equal(expected.map((group) => group.label!['zh-CN']));
    expect(shadow(el).querySelector('th[aria-sort="descending"]')!.textContent).to.include('满意率');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
  });

  it('ranks nobody in a period without cases: every unit “不排名”, no list, no percentage', async () => {
    const el = await widget({ period: '2001' });
    const shown = rows(el);
    expect(shown).to.have.length(5);
    expect(shown.every((row) => row.rank === '不排名' && row.badge === '')).to.equal(true);
    expect(text(el)).not.to.match(/%/);
    expect(text(el)).not.to.include('红榜');
  });

  it('speaks English on request, and stays accessible in the kiosk layout', async () => {
    const el = await widget({ lang: 'en', layout: 'kiosk' });
    await waitUntil(() => text(el).includes('Settled at grid level'), 'no English', { timeout: 8000 });
    expect(text(el)).to.include('Red list');
    expect(shadow(el).querySelector('caption')!.textContent).to.include('ranked by settled at grid level');
    expect(shadow(el).querySelector('thead')!.textContent).to.include('Settled at grid level');
    await expect(el).to.be.accessible();
  });
});

describe('rankUnits', () => {
  const unit = (key: string, share: number | null, received: number) =>
    ({
      key,
      figures: {
        received,
        closedByLevel: { grid: { closed: 0, share } },
        onTimeRate: null,
        satisfactionRate: null,
        resolutionRate: null,
      },
    }) as unknown as ResolutionGroup;

  it('puts a higher share first, more cases first on a tie, shares a rank on a full tie, and ranks no unit without data', () => {
    const ranked = rankUnits(
      [unit('a', 0.5, 10), unit('b', null, 40), unit('c', 0.9, 5), unit('d', 0.5, 20), unit('e', 0.5, 20)],
      'grid-share',
    );
    expect(ranked.map((r) => [r.group.key, r.rank])).to.deep.equal([
      ['c', 1],
      ['d', 2],
      ['e', 2],
      ['a', 4],
      ['b', null],
    ]);
    // Four ranked: one on each list.
    expect(ranked.map((r) => r.list ?? '')).to.deep.equal(['red', '', '', 'yellow', '']);
  });

  it('puts a quarter of the ranked units on each list, at most three', () => {
    expect([3, 4, 7, 8, 12, 40].map(listSize)).to.deep.equal([0, 1, 1, 2, 3, 3]);
  });
});
