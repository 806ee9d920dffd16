/**
 * Layouts that fit (WCAG 1.4.10 reflow, kiosk screens): every widget, in
 * each of its layouts, at a 320 px and a 390 px phone, a 1366 laptop, a
 * 1920 screen, a 1080×1920 portrait kiosk, 200% zoom of a 1366×768 screen
 * (683×384 CSS px) and 400% zoom of a 1280×1024 and a 1366×768 screen
 * (320×256 and 342×192 CSS px), in zh-CN and en, against the real mock
 * server; the kiosk on each of its screens in each of its three text sizes.
 *
 * What must hold (see `misfits` in ./test-helpers.ts): the page never
 * scrolls sideways; no box is narrower than its text; no text, measured
 * with a Range, runs out of its own box, out of a tile, badge or card
 * around it, or out of its widget; no two texts are painted over each other
 * (a rating label running into the next, a month name into its neighbour);
 * no select cuts its chosen option short. One page per widget, resized
 * through the sizes; a failure names the scenario, language, size, text
 * size, widget and text.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createGridkitClient, type CaseReceipt } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import '../define/notice-board.js';
import '../define/resolution-rate.js';
import '../define/grid-ranking.js';
import '../define/case-tracker.js';
import '../define/issue-reporter.js';
import '../define/service-log-form.js';
import '../define/kiosk.js';
import type { GkKiosk, KioskTextSize } from '../kiosk/kiosk.js';
import { demoGridId, testServer } from '../test-support/server.js';
import { demoStaff, reportCase } from '../test-support/cases.js';
import { fillBareReport } from '../issue-reporter/test-helpers.js';
import { misfits } from './test-helpers.js';

/**
 * 400% zoom is a device scale factor of 4 on a real laptop. The runner's
 * `setViewport` (Playwright's `setViewportSize`) sets width and height only,
 * and a page's scale factor is fixed when its context is made, so these run
 * at the CSS sizes (1280×1024 and 1366×768 divided by 4): layout in CSS px is
 * the same, only the rasterising of text differs.
 */
const sizes: Size[] = [
  { name: 'phone', width: 320, height: 640 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'screen', width: 1920, height: 1080 },
  { name: 'portrait kiosk', width: 1080, height: 1920 },
  { name: '200% zoom of 1366×768', width: 683, height: 384 },
  { name: '400% zoom of 1280×1024', width: 320, height: 256 },
  { name: '400% zoom of 1366×768', width: 342, height: 192 },
];
const langs = ['zh-CN', 'en'] as const;

const api = createGridkitClient({ baseUrl: testServer.apiUrl });
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/** Two frames: container queries and the resize settle before anything is measured. */
const settle = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** A size the check runs at, in CSS px; a zoom size is a laptop's screen at that zoom. */
interface Size {
  name: string;
  width: number;
  height: number;
}

/** Resizes the page, and waits for container queries and the resize to settle. */
async function resize(size: Size) {
  await setViewport(size);
  await settle();
}

/** Named variants measured at each size without reloading (the kiosk's text sizes). */
interface Variant {
  name: string;
  apply: () => Promise<void>;
}
const asIs: Variant[] = [{ name: '', apply: async () => {} }];

/**
 * Resizes through every size, and at each through every variant, collecting
 * what does not fit as lines naming the scenario, the language, the size,
 * the variant, the widget and the text.
 */
async function checkAllSizes(el: Element, label: string, variants: Variant[] = asIs) {
  const problems: string[] = [];
  for (const size of sizes) {
    await setViewport(size);
    for (const variant of variants) {
      // One settle after the resize and the variant both: the first variant is measured at the new size.
      await variant.apply();
      await settle();
      const where = `${label} at ${size.width}×${size.height} (${size.name})${variant.name ? `, ${variant.name}` : ''}`;
      for (const problem of misfits(el)) problems.push(`${where}: ${problem}`);
    }
  }
  return problems;
}

type DemoToken = (typeof testServer.tokens)[number] & { staffId: string };
const worker = (testServer.tokens as DemoToken[]).find((t) => t.token === 'demo-worker-qiaobei-02')!;

let closedCase: Promise<CaseReceipt> | undefined;
/** A closed case with a public note: the tracker shows the timeline and offers a rating. */
const aClosedCase = () =>
  (closedCase ??= reportCase('closed', { description: 'Layout check: stairwell light out in building 3' }));

interface Scenario {
  name: string;
  mount: (lang: string) => Promise<Element>;
  ready: (el: Element) => unknown;
  /** Measured at each size without reloading (the kiosk's text sizes); by default the widget as it is. */
  variants?: (el: Element) => Variant[];
}

/** The kiosk's three text sizes (适老化), each scaling the kiosk and the widget open in it. */
const textSizes = (el: Element): Variant[] =>
  (['standard', 'large', 'x-large'] as KioskTextSize[]).map((size) => ({
    name: `${size} text`,
    apply: async () => {
      const kiosk = el as GkKiosk;
      kiosk.textSize = size;
      await kiosk.updateComplete;
    },
  }));

/** The widget the kiosk has open. */
const inKiosk = (el: Element, tag: string, selector: string) =>
  el.shadowRoot!.querySelector(tag)?.shadowRoot?.querySelector(selector);

/** The kiosk, its home or one of its screens open (by the choice a resident taps). */
const kioskScreen = (
  name: string,
  choice: 'report' | 'track' | 'board' | 'stats' | undefined,
  ready: (el: Element) => unknown,
  prepare?: (el: Element) => Promise<void>,
): Scenario => ({
  name: `kiosk: ${name}`,
  mount: async (lang: string) => {
    const el = await fixture(
      html`<gk-kiosk lang=${lang} base-url=${testServer.apiUrl} grid-id=${demoGridId} idle-reset="0"></gk-kiosk>`,
    );
    await waitUntil(() => $(el, '[data-choice]'), 'no home', { timeout: 10000 });
    if (choice) $(el, `[data-choice="${choice}"]`)!.click();
    await prepare?.(el);
    return el;
  },
  ready,
  variants: textSizes,
});

const scenarios: Scenario[] = [
  ...(['card', 'kiosk', 'compact'] as const).map((layout) => ({
    name: `notice board (${layout})`,
    mount: (lang: string) =>
      fixture(
        html`<gk-notice-board
          lang=${lang}
          layout=${layout}
          base-url=${testServer.apiUrl}
          grid-id=${demoGridId}
        ></gk-notice-board>`,
      ),
    ready: (el: Element) => $(el, '.board'),
  })),
  // A leaf grid, and the district: four-digit counts ("3,372 件") are where figures were clipped.
  ...(['card', 'kiosk'] as const).flatMap((layout) =>
    (['grid', 'district'] as const).map((level) => ({
      name: `resolution rate (${layout}, ${level})`,
      mount: async (lang: string) => {
        const gridId = level === 'grid' ? demoGridId : (await api.grids.list({ level: 'district' })).items[0]!.id;
        return fixture(
          html`<gk-resolution-rate
            lang=${lang}
            layout=${layout}
            base-url=${testServer.apiUrl}
            grid-id=${gridId}
            period="last-12-months"
          ></gk-resolution-rate>`,
        );
      },
      ready: (el: Element) => $(el, '.rate[aria-busy="false"] .figures'),
    })),
  ),
  // The district's five streets, with their red and yellow marks and four figures a row.
  ...(['card', 'kiosk'] as const).map((layout) => ({
    name: `grid ranking of the district (${layout})`,
    mount: async (lang: string) => {
      const district = (await api.grids.list({ level: 'district' })).items[0]!;
      return fixture(
        html`<gk-grid-ranking
          lang=${lang}
          layout=${layout}
          base-url=${testServer.apiUrl}
          grid-id=${district.id}
        ></gk-grid-ranking>`,
      );
    },
    ready: (el: Element) => $(el, '.ranking[aria-busy="false"] tbody tr'),
  })),
  ...(['card', 'kiosk'] as const).map((layout) => ({
    name: `case tracker with a closed case (${layout})`,
    mount: async (lang: string) => {
      const receipt = await aClosedCase();
      return fixture(
        html`<gk-case-tracker
          lang=${lang}
          layout=${layout}
          base-url=${testServer.apiUrl}
          ticket=${receipt.ticket}
          token=${receipt.trackingToken}
        ></gk-case-tracker>`,
      );
    },
    ready: (el: Element) => $(el, '.case'),
  })),
  // The longest status in English ("Sent to the unit that will handle it", 1.3em bold) with the priority badge
  // beside it: on a phone it once ran 150 px past the card, and only showed when a seeded case happened to be
  // in that state.
  ...(['card', 'kiosk'] as const).map((layout) => ({
    name: `case tracker with a dispatched case needing coordination (${layout})`,
    mount: async (lang: string) => {
      const receipt = await reportCase('dispatched', {
        priority: 'coordination',
        description: 'Layout check: a dispatched case',
      });
      return fixture(
        html`<gk-case-tracker
          lang=${lang}
          layout=${layout}
          base-url=${testServer.apiUrl}
          ticket=${receipt.ticket}
        ></gk-case-tracker>`,
      );
    },
    ready: (el: Element) => $(el, '.case .status-dispatched'),
  })),
  // A seeded case of a long category, needing coordination, looked up without its token (no rating): on a
  // portrait kiosk "Illegal construction" ran past its column into the grid's name.
  {
    name: 'case tracker with a seeded case needing coordination (kiosk)',
    mount: async (lang: string) => {
      const { admin } = await demoStaff();
      const seeded = (await admin.cases.list({ categoryCode: 'city.illegal_construction', limit: 1 })).items[0]!;
      return fixture(
        html`<gk-case-tracker
          lang=${lang}
          layout="kiosk"
          base-url=${testServer.apiUrl}
          ticket=${seeded.ticket}
        ></gk-case-tracker>`,
      );
    },
    ready: (el: Element) => $(el, '.case'),
  },
  ...([false, true] as const).map((kiosk) => ({
    name: `issue reporter, first step${kiosk ? ' (kiosk)' : ''}`,
    mount: (lang: string) =>
      fixture(
        html`<gk-issue-reporter
          lang=${lang}
          ?kiosk=${kiosk}
          idle-reset="0"
          base-url=${testServer.apiUrl}
          grid-id=${demoGridId}
          .outbox=${createOutbox(api, { name: `layout-reporter-${Math.random().toString(36).slice(2)}` })}
        ></gk-issue-reporter>`,
      ),
    ready: (el: Element) => $(el, '#category'),
  })),
  ...([false, true] as const).map((kiosk) => ({
    name: `issue reporter, receipt with its QR code${kiosk ? ' (kiosk)' : ''}`,
    mount: async (lang: string) => {
      const provider = await fixture(
        html`<gk-provider base-url=${testServer.apiUrl} grid-id=${demoGridId} ?kiosk=${kiosk}
          ><gk-issue-reporter
            lang=${lang}
            track-url=${'https://city.example/track?ticket={ticket}&token={token}'}
            .outbox=${createOutbox(api, { name: `layout-receipt-${Math.random().toString(36).slice(2)}` })}
          ></gk-issue-reporter
        ></gk-provider>`,
      );
      const el = provider.querySelector('gk-issue-reporter')!;
      await fillBareReport(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      return el;
    },
    ready: (el: Element) => $(el, '[part="ticket"]') && $(el, '[part="qr"] svg'),
  })),
  ...([false, true] as const).map((kiosk) => ({
    name: `service log form, signed in${kiosk ? ' (kiosk)' : ''}`,
    mount: (lang: string) => {
      const client = createGridkitClient({ baseUrl: testServer.apiUrl, token: worker.token });
      return fixture(
        html`<gk-service-log-form
          lang=${lang}
          ?kiosk=${kiosk}
          base-url=${testServer.apiUrl}
          token=${worker.token}
          grid-id=${worker.gridIds[0]!}
          idle-reset="0"
          .outbox=${createOutbox(client, { name: `layout-log-${Math.random().toString(36).slice(2)}` })}
        ></gk-service-log-form>`,
      );
    },
    ready: (el: Element) => $(el, '.month .figures'),
  })),
  // The kiosk: its home and each screen, a closed case open in the tracker (its rating form, the comment's count).
  kioskScreen('home', undefined, (el) => $(el, '#home-heading')),
  kioskScreen('report a problem', 'report', (el) => inKiosk(el, 'gk-issue-reporter', '#category')),
  kioskScreen(
    'follow my case, a closed case',
    'track',
    (el) => inKiosk(el, 'gk-case-tracker', '.rating button[type="submit"]'),
    async (el) => {
      const receipt = await aClosedCase();
      await waitUntil(() => $(el, 'gk-case-tracker'), 'no tracker', { timeout: 10000 });
      const tracker = $(el, 'gk-case-tracker')!;
      tracker.setAttribute('ticket', receipt.ticket);
      tracker.setAttribute('token', receipt.trackingToken);
    },
  ),
  kioskScreen('team and notices', 'board', (el) => inKiosk(el, 'gk-notice-board', '.board')),
  kioskScreen('how our grid is doing', 'stats', (el) =>
    inKiosk(el, 'gk-resolution-rate', '.rate[aria-busy="false"] .figures'),
  ),
];

async function mounted(scenario: Scenario, lang: string) {
  await setViewport({ width: 1366, height: 768 });
  const el = await scenario.mount(lang);
  await waitUntil(() => scenario.ready(el), `${scenario.name} did not load`, { timeout: 10000 });
  return el;
}

/** Whether two boxes share any area. */
const overlap = (a: DOMRect, b: DOMRect) =>
  a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

describe('layouts that fit', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  // The check itself, on made-up markup: what it must catch, and what it must let pass.
  describe('the check', () => {
    async function made(markup: string) {
      await setViewport({ width: 800, height: 600 });
      const host = await fixture(html`<div style="inline-size: 360px"></div>`);
      host.attachShadow({ mode: 'open' }).innerHTML = markup;
      await settle();
      return host;
    }
    const tiles = (wrap: string) => `<style>
        .scores { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 4px; font: 20px sans-serif }
        .score { display: inline-flex; flex-direction: column; align-items: center; border: 1px solid; ${wrap} }
        .bar { position: sticky; bottom: 0; background: white }
      </style>
      <div class="scores">
        <label class="score"><span>Verydissatisfied</span></label>
        <label class="score"><span>Dissatisfied</span></label>
        <label class="score"><span>Fine</span></label>
      </div>`;

    it('catches a label running out of its tile into the next, a clipped line, a select cut short', async () => {
      const host = await made(`${tiles('')}
        <p style="inline-size: 100px; overflow: hidden; white-space: nowrap">A line that never wraps</p>
        <select style="inline-size: 140px"><option>Last 12 months (Jan 2026 – Dec 2026)</option></select>`);
      const problems = misfits(host).join('\n');
      expect(problems).to.match(/<span> "Verydissatisfied" runs \d+ px out of <label\.score>/);
      expect(problems).to.match(/<span> "Verydissatisfied" runs into <span> "Dissatisfied"/);
      expect(problems).to.match(/<p> "A line that never wraps" (clipped|runs \d+ px out of its own box)/);
      expect(problems).to.match(/<select> "Last 12 months \(Jan 2026 – Dec 2026\)" cut short/);
    });

    it('lets pass labels that wrap inside their tiles, and text scrolling under a sticky bar', async () => {
      const host = await made(`${tiles('overflow-wrap: anywhere; min-inline-size: 0')}
        <div style="block-size: 60px; overflow-y: auto">
          <p style="margin: 0">Scrolled under the bar</p><p>Another line</p><p>A third</p>
          <div class="bar"><button>Continue</button></div>
        </div>`);
      expect(misfits(host)).to.deep.equal([]);
    });
  });

  // A ticket too wide for its column overflows under the QR code beside it:
  // no box is narrower than its text there, so only the text's own extent shows it.
  for (const scenario of scenarios.filter((s) => s.name.startsWith('issue reporter, receipt'))) {
    it(`${scenario.name}: the whole ticket is readable beside the QR code, at every size`, async () => {
      const el = await mounted(scenario, 'zh-CN');
      const problems: string[] = [];
      for (const size of sizes) {
        await resize(size);
        const ticket = $(el, '[part="ticket"]')!;
        const text = document.createRange();
        text.selectNodeContents(ticket);
        const box = text.getBoundingClientRect();
        const qr = $(el, '[part="qr"]')!.getBoundingClientRect();
        const widget = el.getBoundingClientRect();
        if (overlap(box, qr)) problems.push(`${size.name}: the ticket runs under the QR code`);
        if (box.right > widget.right + 1) problems.push(`${size.name}: the ticket runs out of the widget`);
      }
      expect(problems).to.deep.equal([]);
    });
  }

  for (const scenario of scenarios) {
    for (const lang of langs) {
      it(`${scenario.name}, ${lang}: no sideways scroll, no clipped text at any size`, async () => {
        const el = await mounted(scenario, lang);
        expect(await checkAllSizes(el, `${scenario.name}, ${lang}`, scenario.variants?.(el))).to.deep.equal([]);
      });
    }
  }

  for (const lang of langs) {
    it(`resolution rate with both tables shown, ${lang}: fits at every size`, async () => {
      const el = await mounted(
        scenarios.find((s) => s.name === 'resolution rate (card, district)')!,
        lang,
      );
      for (const toggle of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="table-toggle"]')) toggle.click();
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      // The two charts' tables, opened; the table by urgency is always shown.
      expect(
        el.shadowRoot!.querySelectorAll('.table-box:not(.visually-hidden) :is(#levels-table, #trend-table)'),
      ).to.have.length(2);
      expect(el.shadowRoot!.querySelectorAll('table[part="table"]')).to.have.length(3);
      expect(await checkAllSizes(el, `resolution rate with its tables, ${lang}`)).to.deep.equal([]);
    });
  }

  describe('the regressions of issue 10', () => {
    const rateScenario = (layout: 'card' | 'kiosk') =>
      scenarios.find((s) => s.name === `resolution rate (${layout}, district)`)!;

    /** Each headline figure's value inside its own box: nothing cut off ("3,37", "98.3"). */
    function figuresInside(el: Element) {
      return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="figure"]')].map((figure) => {
        const value = figure.querySelector<HTMLElement>('.value')!;
        const box = figure.getBoundingClientRect();
        const text = document.createRange();
        text.selectNodeContents(value);
        const shown = text.getBoundingClientRect();
        return {
          value: value.textContent!.trim(),
          fits:
            value.scrollWidth <= value.clientWidth + 1 && shown.left >= box.left - 1 && shown.right <= box.right + 1,
        };
      });
    }

    for (const [layout, width, height, lang] of [
      ['kiosk', 1080, 1920, 'zh-CN'],
      ['kiosk', 683, 384, 'en'],
      ['card', 683, 384, 'en'],
      ['card', 320, 640, 'zh-CN'],
    ] as const) {
      it(`resolution-rate figures are whole at ${width}×${height} (${layout}, ${lang})`, async () => {
        const el = await mounted(rateScenario(layout), lang);
        await setViewport({ width, height });
        await settle();
        const figures = figuresInside(el);
        expect(figures).to.have.length(4);
        expect(figures.filter((f) => !f.fits)).to.deep.equal([]);
        // The count is the district's four-digit one the issue saw cut to "3,37".
        expect(figures[0]!.value).to.match(/\d,\d{3}/);
      });
    }

    it('month names never run into each other, on a portrait kiosk or a phone', async () => {
      for (const lang of langs) {
        const el = await mounted(rateScenario('kiosk'), lang);
        for (const [width, height] of [
          [1080, 1920],
          [683, 384],
          [390, 844],
          [320, 640],
        ] as const) {
          await setViewport({ width, height });
          await settle();
          const names = [...el.shadowRoot!.querySelectorAll('.months li')]
            .filter((li) => getComputedStyle(li).visibility !== 'hidden')
            .map((li) => {
              const range = document.createRange();
              range.selectNodeContents(li);
              const r = range.getBoundingClientRect();
              return { name: li.textContent!.trim(), left: r.left, right: r.right };
            });
          expect(names.length, `${lang} ${width}`).to.be.greaterThan(3);
          const collisions = names.slice(1).filter((n, i) => n.left < names[i]!.right + 2);
          expect(collisions, `${lang} at ${width}×${height}`).to.deep.equal([]);
        }
      }
    });

    it('the hidden "show as table" tables take no room: no sideways scroll at 1366 or on a 390 phone', async () => {
      const el = await mounted(rateScenario('card'), 'zh-CN');
      for (const [width, height] of [
        [1366, 768],
        [390, 844],
      ] as const) {
        await setViewport({ width, height });
        await settle();
        const toggled = el.shadowRoot!.querySelectorAll('#levels-table, #trend-table');
        expect(toggled).to.have.length(2);
        for (const table of toggled) {
          // Still there for a screen reader, in a 1 px box.
          expect(table.closest('.visually-hidden')!.getBoundingClientRect().width).to.be.at.most(1);
        }
        expect(document.documentElement.scrollWidth, `at ${width}`).to.equal(document.documentElement.clientWidth);
      }
    });
  });
});
