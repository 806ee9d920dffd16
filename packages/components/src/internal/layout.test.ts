/**
 * Layouts that fit (WCAG 1.4.10 reflow, kiosk screens): every widget, in
 * each of its layouts, at a 320 px and a 390 px phone, a 1366 laptop, a
 * 1920 screen, a 1080×1920 portrait kiosk and 200% zoom of a 1366×768
 * screen (683×384 CSS px), in zh-CN and en, against the real mock server.
 * Two things must hold: the page never scrolls sideways, and no text box in
 * any shadow root is narrower than its text (a clipped "3,37", a month label
 * running into the next). One page per widget, resized through the sizes.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createGridkitClient, type CaseReceipt } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import '../define/notice-board.js';
import '../define/resolution-rate.js';
import '../define/case-tracker.js';
import '../define/issue-reporter.js';
import '../define/service-log-form.js';
import '../define/kiosk.js';
import { demoGridId, testServer } from '../test-support/server.js';
import { reportCase } from '../test-support/cases.js';
import { fillBareReport } from '../issue-reporter/test-helpers.js';

const sizes = [
  { name: '320', width: 320, height: 640 },
  { name: '390', width: 390, height: 844 },
  { name: '1366', width: 1366, height: 768 },
  { name: '1920', width: 1920, height: 1080 },
  { name: 'portrait kiosk', width: 1080, height: 1920 },
  { name: '200% zoom', width: 683, height: 384 },
] as const;
const langs = ['zh-CN', 'en'] as const;

const api = createGridkitClient({ baseUrl: testServer.apiUrl });
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

/** Two frames: container queries and the resize settle before anything is measured. */
const settle = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** Shown to sighted users: not display:none, not visibility:hidden, not a 1 px visually-hidden box. */
function shown(element: Element): boolean {
  for (let node: Element | null = element; node;) {
    const style = getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    if (style.clipPath === 'inset(50%)') return false;
    node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null;
  }
  return element.getClientRects().length > 0;
}

/** Every element in every shadow root under `root`. */
function allElements(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (scope: ParentNode) => {
    for (const element of scope.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  return found;
}

/** Elements carrying text of their own, in every shadow root under `root` (nested widgets too). */
function textBoxes(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (scope: ParentNode) => {
    for (const element of scope.querySelectorAll('*')) {
      if (element.shadowRoot) visit(element.shadowRoot);
      const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (ownText) found.push(element);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  return found;
}

const describeElement = (element: Element) =>
  `<${element.localName}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ').join('.')}` : ''}> "${element.textContent!.trim().replace(/\s+/g, ' ').slice(0, 30)}"`;

/** Inside a region that scrolls sideways on its own (a wide table's wrapper): its overflow is reachable. */
function inSidewaysScroller(element: Element, root: Element): boolean {
  for (
    let node = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host as Element | undefined);
    node && node !== root;
  ) {
    if (/auto|scroll/.test(getComputedStyle(node).overflowX)) return true;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined);
  }
  return false;
}

/**
 * What does not fit, as readable lines: the page scrolling sideways, and
 * every text box whose text is wider than the box (scrollWidth vs
 * clientWidth; inline boxes have no clientWidth and are measured through
 * the block that holds them).
 */
function misfits(root: Element): string[] {
  const problems: string[] = [];
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) {
    // Name the innermost boxes that stick out, so a failure says where to look.
    const out = [root, ...allElements(root)].filter(
      (e) => shown(e) && e.getBoundingClientRect().right > page.clientWidth + 1,
    );
    const innermost = out.filter(
      (e) => !out.some((o) => o !== e && e.contains(o) && o.getRootNode() === e.getRootNode()),
    );
    problems.push(
      `page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth} (${innermost
        .slice(0, 3)
        .map((e) => `${describeElement(e)} right ${Math.round(e.getBoundingClientRect().right)}`)
        .join('; ')})`,
    );
  }
  // Text that sticks out of the widget itself: a phone number that never breaks, beside a large portrait,
  // runs past the card's edge even where nothing scrolls (an inline box has no scrollWidth of its own).
  for (const box of textBoxes(root)) {
    if (!shown(box)) continue;
    const rect = box.getBoundingClientRect();
    // Its own widget: the host of the shadow root it is in (the board inside the kiosk, say).
    const edge = ((box.getRootNode() as ShadowRoot).host ?? root).getBoundingClientRect();
    if ((rect.right > edge.right + 1 || rect.left < edge.left - 1) && !inSidewaysScroller(box, root)) {
      problems.push(
        `${describeElement(box)} sticks out of the widget: ${Math.round(rect.left)}–${Math.round(rect.right)} outside ${Math.round(edge.left)}–${Math.round(edge.right)}`,
      );
      continue;
    }
    if (getComputedStyle(box).display.startsWith('inline') && box.localName !== 'button') continue;
    if (box.scrollWidth > box.clientWidth + 1) {
      problems.push(`${describeElement(box)} clipped: ${box.scrollWidth} > ${box.clientWidth}`);
    }
  }
  return problems;
}

/** Resizes through every size, collecting what does not fit at each. */
async function checkAllSizes(el: Element, prepare?: () => Promise<void>) {
  const problems: string[] = [];
  for (const size of sizes) {
    await setViewport({ width: size.width, height: size.height });
    await settle();
    if (prepare) await prepare();
    for (const problem of misfits(el)) problems.push(`${size.name}: ${problem}`);
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
}

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
  {
    name: 'issue reporter, first step',
    mount: (lang: string) =>
      fixture(
        html`<gk-issue-reporter
          lang=${lang}
          base-url=${testServer.apiUrl}
          grid-id=${demoGridId}
          .outbox=${createOutbox(api, { name: `layout-reporter-${Math.random().toString(36).slice(2)}` })}
        ></gk-issue-reporter>`,
      ),
    ready: (el: Element) => $(el, '#category'),
  },
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
  {
    name: 'service log form, signed in',
    mount: (lang: string) => {
      const client = createGridkitClient({ baseUrl: testServer.apiUrl, token: worker.token });
      return fixture(
        html`<gk-service-log-form
          lang=${lang}
          base-url=${testServer.apiUrl}
          token=${worker.token}
          grid-id=${worker.gridIds[0]!}
          idle-reset="0"
          .outbox=${createOutbox(client, { name: `layout-log-${Math.random().toString(36).slice(2)}` })}
        ></gk-service-log-form>`,
      );
    },
    ready: (el: Element) => $(el, '.month .figures'),
  },
  {
    name: 'kiosk home',
    mount: (lang: string) =>
      fixture(html`<gk-kiosk lang=${lang} base-url=${testServer.apiUrl} grid-id=${demoGridId}></gk-kiosk>`),
    ready: (el: Element) => $(el, '#home-heading'),
  },
  {
    name: 'kiosk, the board open',
    mount: async (lang: string) => {
      const el = await fixture(
        html`<gk-kiosk lang=${lang} base-url=${testServer.apiUrl} grid-id=${demoGridId}></gk-kiosk>`,
      );
      await waitUntil(() => $(el, '[data-choice="board"]'), 'no home', { timeout: 10000 });
      $(el, '[data-choice="board"]')!.click();
      return el;
    },
    ready: (el: Element) => el.shadowRoot!.querySelector('gk-notice-board')?.shadowRoot?.querySelector('.board'),
  },
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

  // A ticket too wide for its column overflows under the QR code beside it:
  // no box is narrower than its text there, so only the text's own extent shows it.
  for (const scenario of scenarios.filter((s) => s.name.startsWith('issue reporter, receipt'))) {
    it(`${scenario.name}: the whole ticket is readable beside the QR code, at every size`, async () => {
      const el = await mounted(scenario, 'zh-CN');
      const problems: string[] = [];
      for (const size of sizes) {
        await setViewport({ width: size.width, height: size.height });
        await settle();
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
        expect(await checkAllSizes(el)).to.deep.equal([]);
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
      expect(await checkAllSizes(el)).to.deep.equal([]);
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
