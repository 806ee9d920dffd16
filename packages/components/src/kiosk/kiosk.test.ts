import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createGridkitClient, ticketPattern, trackingTokenPattern, type Grid } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import '../define/kiosk.js';
import type { GkKiosk } from './kiosk.js';
import { kioskMessages } from './messages.js';
import { loadTexts, textsIn } from '../messages/index.js';
import { demoGridId, testServer } from '../test-support/server.js';
import { demoStaff, reportCase } from '../test-support/cases.js';
import { offlineClient } from '../test-support/clients.js';
import { sendMouse } from '@web/test-runner-commands';
import { everything, sendKeys, setTouchEmulation, setViewport, tap, touchTap } from '../issue-reporter/test-helpers.js';

const api = createGridkitClient({ baseUrl: testServer.apiUrl });

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
/** The widget the kiosk has open, if any. */
const child = (el: GkKiosk, tag: string) => $(el, tag);
const inChild = <T extends Element = HTMLElement>(el: GkKiosk, tag: string, selector: string) =>
  child(el, tag)?.shadowRoot?.querySelector<T>(selector) ?? null;
const choice = (el: GkKiosk, name: string) => $(el, `[data-choice="${name}"]`)!;
const textOf = (el: HTMLElement) => everything(el).join(' ').replace(/\s+/g, ' ');
const homeShown = (el: GkKiosk) => $(el, '#home-heading') !== null;

/** The English words (four letters or more) under `node` that are cut across two lines. */
function wordsCut(node: Node): string[] {
  const cut: string[] = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (const word of text.textContent!.matchAll(/[A-Za-z]{4,}/g)) {
      const range = document.createRange();
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) cut.push(word[0]);
    }
  }
  return cut;
}

const kiosk = (attrs: { lang?: string; idle?: number; grace?: number; grids?: string; trackUrl?: string } = {}) =>
  fixture<GkKiosk>(
    html`<gk-kiosk
      lang=${attrs.lang ?? 'zh-CN'}
      base-url=${testServer.apiUrl}
      grid-id=${attrs.grids ?? demoGridId}
      idle-reset=${attrs.idle ?? 90}
      idle-grace=${attrs.grace ?? 20}
      track-url=${ifDefined(attrs.trackUrl)}
    ></gk-kiosk>`,
  );

/**
 * What is left of a resident in a tree, every shadow root walked (nested widgets too): which of
 * `secrets` any text or attribute still holds, which inputs still hold a value or a choice, and
 * which pictures (images, canvases, the receipt's QR code) are still there.
 */
function residue(node: Node, secrets: string[]) {
  const strings: string[] = [];
  const inputs: string[] = [];
  const pictures: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) strings.push(n.textContent ?? '');
    if (n instanceof Element) {
      for (const attribute of n.attributes) strings.push(attribute.value);
      const name = `${n.localName}${n.id ? `#${n.id}` : ''}`;
      if (n instanceof HTMLInputElement && (n.type === 'radio' || n.type === 'checkbox')) {
        if (n.checked) inputs.push(`${name} checked`);
      } else if (n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement || n instanceof HTMLSelectElement) {
        strings.push(n.value);
        if (n.value) inputs.push(`${name} = ${n.value}`);
        if (n instanceof HTMLInputElement && n.files?.length) inputs.push(`${name} has files`);
      }
      if (n.matches('img, canvas, svg.gk-qr, [part~="qr"], [part~="qr-code"]')) pictures.push(name);
      if (n.shadowRoot) walk(n.shadowRoot);
    }
    for (const child of n.childNodes) walk(child);
  };
  walk(node);
  const all = strings.join('\n');
  return { secrets: secrets.filter((secret) => all.includes(secret)), inputs, pictures };
}

/** Opens a choice by a tap and waits for its widget to have loaded what a resident needs first. */
async function openByTap(el: GkKiosk, name: 'report' | 'track' | 'board' | 'stats') {
  await tap(choice(el, name));
  const ready: Record<typeof name, [string, string]> = {
    report: ['gk-issue-reporter', '#category'],
    track: ['gk-case-tracker', '#ticket'],
    board: ['gk-notice-board', 'h2'],
    stats: ['gk-resolution-rate', 'h2'],
  };
  const [tag, selector] = ready[name];
  await waitUntil(() => inChild(el, tag, selector), `${tag} did not show ${selector}`, { timeout: 10000 });
}

describe('<gk-kiosk>', () => {
  afterEach(() => setViewport(800, 600));

  it('a full round by taps: report a problem, still-there prompt, idle reset, nothing of the resident left', async () => {
    const el = await kiosk({ idle: 2, grace: 2 });
    await waitUntil(() => homeShown(el), 'no home screen');
    expect(child(el, 'gk-issue-reporter')).to.equal(null);

    await openByTap(el, 'report');
    expect($(el, '#screen-heading')!.textContent).to.equal('我要反映问题');
    const reporter = child(el, 'gk-issue-reporter')!;
    // The kiosk's one countdown covers the widget: its own is off, it knows the grid.
    expect(reporter.getAttribute('idle-reset')).to.equal('0');
    expect(reporter.getAttribute('grid-id')).to.equal(demoGridId);

    // Choose a category, go a step, type an address.
    await tap(inChild(el, 'gk-issue-reporter', 'input[value="infra.cable"]')!.closest('label')!);
    await tap(inChild(el, 'gk-issue-reporter', 'button[type="submit"]')!);
    await waitUntil(() => inChild(el, 'gk-issue-reporter', 'form.step-where #address'), 'no where step');
    await tap(inChild(el, 'gk-issue-reporter', '#address')!);
    await sendKeys({ type: '幸福里7号楼私密地址' });
    expect(textOf(el)).to.include('幸福里7号楼私密地址');

    // Nobody touches the screen: the kiosk asks, with a countdown.
    await waitUntil(() => $(el, '[part="idle-prompt"]'), 'no still-there prompt', { timeout: 5000 });
    const prompt = $(el, '[part="idle-prompt"]')!;
    expect(prompt.getAttribute('role')).to.equal('alertdialog');
    expect(prompt.textContent).to.match(/[12] 秒后将返回首页/);
    // "Keep going" by a tap keeps everything.
    await tap($(el, '.idle-stay')!);
    await waitUntil(() => !$(el, '[part="idle-prompt"]'), 'prompt stayed after "keep going"');
    expect(inChild<HTMLInputElement>(el, 'gk-issue-reporter', '#address')!.value).to.equal('幸福里7号楼私密地址');
    expect(child(el, 'gk-issue-reporter')).to.equal(reporter);

    // Then nobody again: the countdown runs out and the kiosk goes home by itself.
    const home = oneEvent(el, 'gk-screen-change');
    await waitUntil(() => $(el, '[part="idle-prompt"]'), 'no second prompt', { timeout: 5000 });
    const { detail } = await home;
    expect(detail).to.deep.equal({ screen: 'home', reason: 'idle' });
    await el.updateComplete;
    expect(homeShown(el)).to.equal(true);
    expect(el.shadowRoot!.activeElement?.id).to.equal('home-heading');

    // Nothing of the last resident in any shadow root: no text, no input value, no widget.
    expect(reporter.isConnected).to.equal(false);
    expect(textOf(el)).not.to.include('幸福里7号楼私密地址');
    expect(textOf(document.body)).not.to.include('幸福里7号楼私密地址');
    expect(child(el, 'gk-issue-reporter')).to.equal(null);

    // The next resident gets a fresh form.
    await openByTap(el, 'report');
    expect(child(el, 'gk-issue-reporter')).not.to.equal(reporter);
    expect(inChild(el, 'gk-issue-reporter', 'form.step-what')).not.to.equal(null);
    expect(inChild<HTMLInputElement>(el, 'gk-issue-reporter', 'input[value="infra.cable"]')!.checked).to.equal(false);
  });

  it('a tap beside the prompt keeps the screen; "back to start" in it goes home at once', async () => {
    const el = await kiosk({ idle: 2, grace: 30 });
    await openByTap(el, 'board');
    const board = child(el, 'gk-notice-board');
    await waitUntil(() => $(el, '[part="idle-prompt"]'), 'no prompt', { timeout: 5000 });
    // The rest of the screen is inert while it asks.
    expect($(el, 'main')!.inert).to.equal(true);
    await sendMouse({ type: 'click', position: [4, 300] });
    await waitUntil(() => !$(el, '[part="idle-prompt"]'), 'a tap beside the prompt did not dismiss it');
    expect(child(el, 'gk-notice-board')).to.equal(board);
    await waitUntil(() => $(el, '[part="idle-prompt"]'), 'no second prompt', { timeout: 5000 });
    await tap($(el, '.idle-leave')!);
    await waitUntil(() => homeShown(el), 'did not go home');
    expect(child(el, 'gk-notice-board')).to.equal(null);
  });

  it('follows a case by its ticket, by taps, then forgets it on "back to start"', async () => {
    const receipt = await reportCase('submitted', { description: '自助终端查询测试：楼道灯不亮' });
    const el = await kiosk();
    await openByTap(el, 'track');
    expect($(el, '#screen-heading')!.textContent).to.equal('查询办理进度');
    expect($(el, '.help')!.textContent).to.include('工单号');
    await tap(inChild(el, 'gk-case-tracker', '#ticket')!);
    await sendKeys({ type: receipt.ticket.toLowerCase() });
    await tap(inChild(el, 'gk-case-tracker', 'button[type="submit"]')!);
    await waitUntil(() => inChild(el, 'gk-case-tracker', '#result-heading'), 'case not shown', { timeout: 8000 });
    expect(inChild(el, 'gk-case-tracker', '#result-heading')!.textContent).to.include(receipt.ticket);

    await tap($(el, '[part="home-button"]')!);
    await waitUntil(() => homeShown(el), 'not home');
    expect(textOf(el)).not.to.include(receipt.ticket);
    await openByTap(el, 'track');
    expect(inChild<HTMLInputElement>(el, 'gk-case-tracker', '#ticket')!.value).to.equal('');
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`is accessible (axe) on home and on every screen, in ${lang}`, async () => {
      const el = await kiosk({ lang });
      await waitUntil(() => homeShown(el), 'no home');
      if (lang === 'en') expect($(el, '#home-heading')!.textContent).to.equal('Community self-service');
      await expect(el).to.be.accessible();
      for (const name of ['report', 'track', 'board', 'stats'] as const) {
        await openByTap(el, name);
        await expect(el, name).to.be.accessible();
        await tap($(el, '[part="home-button"]')!);
        await waitUntil(() => homeShown(el), 'not home');
      }
    });
  }

  it('shows an offline banner on `offline`, and takes it away on `online`', async () => {
    const el = await kiosk();
    const status = $(el, '[part="status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.textContent!.trim()).to.equal('');
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(status.textContent).to.include('网络已断开');
    expect(status.textContent).to.include('上报会先保存在本机');
    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(status.textContent).not.to.include('网络已断开');
  });

  it('counts the reports waiting in the outbox, live', async () => {
    const outbox = createOutbox(offlineClient(), { name: `kiosk-test-${Date.now()}`, autoFlush: false });
    try {
      const el = await fixture<GkKiosk>(
        html`<gk-kiosk base-url=${testServer.apiUrl} grid-id=${demoGridId} .outbox=${outbox}></gk-kiosk>`,
      );
      await el.updateComplete;
      const status = () => $(el, '[part="status"]')!.textContent!;
      expect(status()).not.to.include('等待发送');
      const report = {
        gridId: demoGridId,
        categoryCode: 'light.street',
        description: '断网时上报',
        location: { address: '桥北社区' },
      };
      const first = await outbox.submitCase(report);
      expect(first.status).to.equal('queued');
      await waitUntil(() => status().includes('1 份上报等待发送'), `no count: ${status()}`);
      await outbox.submitCase(report);
      await waitUntil(() => status().includes('2 份上报等待发送'), `count not updated: ${status()}`);
      // The reporter it opens writes to the same outbox.
      await openByTap(el, 'report');
      expect((child(el, 'gk-issue-reporter') as HTMLElement & { outbox: unknown }).outbox).to.equal(outbox);
      for (const entry of await outbox.pending()) await outbox.discard(entry.id);
      await waitUntil(() => !status().includes('等待发送'), 'count stayed after the queue emptied');
    } finally {
      outbox.close();
    }
  });

  it('a refused report: staff open it from the banner, see why (nothing the resident wrote), and discard it with two taps', async () => {
    const outbox = createOutbox(api, { name: `kiosk-refused-${Date.now()}`, autoFlush: false });
    try {
      const refused = await outbox.submitCase({
        gridId: demoGridId,
        categoryCode: 'no.such.category',
        description: '居民隐私：张三家门口 13800000000',
        location: { address: '桥北社区 3 号楼' },
      });
      expect(refused.status).to.equal('failed');
      if (refused.status !== 'failed') return;
      const el = await fixture<GkKiosk>(
        html`<gk-kiosk base-url=${testServer.apiUrl} grid-id=${demoGridId} .outbox=${outbox}></gk-kiosk>`,
      );
      const status = () => $(el, '[part="status"]')!.textContent!;
      await waitUntil(() => status().includes('1 份上报未被受理'), `no refused count: ${status()}`);
      await tap($(el, '.open-refused')!);
      await waitUntil(() => $(el, '.refused-entry'), 'the refused screen did not open');
      const entry = $(el, '.refused-entry')!.textContent!.replace(/\s+/g, ' ');
      expect(entry).to.include('no.such.category');
      expect(entry).to.include(refused.problem.detail ?? refused.problem.title);
      expect(entry).to.include(refused.problem.requestId!);
      for (const typed of ['张三', '13800000000', '桥北社区 3 号楼']) expect(textOf(el)).not.to.include(typed);
      await expect(el).to.be.accessible();

      await tap($(el, '.discard')!);
      await waitUntil(() => $(el, '.discard-confirm'), 'no confirmation asked');
      expect((await outbox.pending()).length, 'one tap discards nothing').to.equal(1);
      await tap($(el, '.discard-confirm')!);
      await waitUntil(() => $(el, '.none-refused'), 'the list did not empty');
      expect(await outbox.pending()).to.deep.equal([]);
      expect(status()).not.to.include('未被受理');
      await tap($(el, '[part="home-button"]')!);
      await waitUntil(() => homeShown(el), 'did not go home');
    } finally {
      outbox.close();
    }
  });

  it('scales itself and the open widget with the text size control, all targets at least 48 px, reset on idle', async () => {
    // A long idle time while the tracker loads (slow on a loaded machine); shortened below.
    const el = await kiosk({ idle: 120, grace: 1 });
    await waitUntil(() => homeShown(el), 'no home');
    const titleSize = () => parseFloat(getComputedStyle($(el, '.choice-title')!).fontSize);
    const standard = titleSize();
    const xl = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.text-size button')][2]!;
    expect(xl.textContent!.trim()).to.equal('特大');
    await tap(xl);
    await el.updateComplete;
    expect(xl.getAttribute('aria-pressed')).to.equal('true');
    expect(titleSize() / standard).to.be.closeTo(1.5, 0.01);
    for (const button of el.shadowRoot!.querySelectorAll('button')) {
      const box = button.getBoundingClientRect();
      expect(Math.min(box.width, box.height), button.textContent!.trim()).to.be.at.least(48);
    }

    await openByTap(el, 'track');
    const trackerSize = parseFloat(getComputedStyle(child(el, 'gk-case-tracker')!).fontSize);
    // The tracker's kiosk text (1.6rem = 25.6 px) times 1.5.
    expect(trackerSize).to.be.closeTo(25.6 * 1.5, 0.5);

    // The next resident starts at the standard size again.
    el.idleReset = 1;
    await waitUntil(() => homeShown(el) && titleSize() === standard, 'size not reset', { timeout: 8000 });
  });

  it('opened again while the network is down, the board shows the last good one, marked with when it was loaded', async () => {
    const el = await kiosk();
    await openByTap(el, 'board');
    const leader = inChild(el, 'gk-notice-board', '[part="leader"] .name')!.textContent;
    await tap($(el, '[part="home-button"]')!);
    await waitUntil(() => homeShown(el), 'not home');
    const original = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    try {
      await tap(choice(el, 'board'));
      await waitUntil(
        () => inChild(el, 'gk-notice-board', '[part="stale"] span')?.textContent?.trim(),
        'no stale marker',
        { timeout: 8000 },
      );
      expect(inChild(el, 'gk-notice-board', '[part="leader"] .name')!.textContent).to.equal(leader);
      expect(inChild(el, 'gk-notice-board', '[part="stale"] span')!.textContent).to.match(/\d{1,2}:\d{2}/);
    } finally {
      window.fetch = original;
    }
  });

  it('a board never loaded shows the offline state, not an empty board', async () => {
    const grids: Grid[] = [];
    for await (const grid of api.grids.iterate({ level: 'grid' })) if (grids.push(grid) >= 3) break;
    const el = await kiosk({ grids: grids[2]!.id });
    await waitUntil(() => homeShown(el), 'no home');
    const original = window.fetch;
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    try {
      await tap(choice(el, 'board'));
      await waitUntil(() => inChild(el, 'gk-notice-board', '[data-problem]'), 'no problem state', { timeout: 8000 });
      expect(inChild(el, 'gk-notice-board', '[part="leader"]')).to.equal(null);
    } finally {
      window.fetch = original;
    }
  });

  it('with several grids, asks which one before opening the board', async () => {
    const grids: Grid[] = [];
    for await (const grid of api.grids.iterate({ level: 'grid' })) if (grids.push(grid) >= 2) break;
    const el = await kiosk({ grids: `${grids[0]!.id} ${grids[1]!.id}` });
    await waitUntil(() => $(el, '.served')?.textContent?.includes(grids[1]!.name), 'served grids not named');
    await tap(choice(el, 'board'));
    await waitUntil(() => $(el, '.grid-choice'), 'no grid chooser');
    const buttons = [...el.shadowRoot!.querySelectorAll('.grid-choice')].map((b) => b.textContent!.trim());
    expect(buttons).to.deep.equal([grids[0]!.name, grids[1]!.name]);
    await tap(el.shadowRoot!.querySelectorAll('.grid-choice')[1]!);
    await waitUntil(() => inChild(el, 'gk-notice-board', 'h2'), 'board not shown', { timeout: 8000 });
    expect(inChild(el, 'gk-notice-board', 'h2')!.textContent).to.equal(grids[1]!.name);
  });

  it('tells the page developer what is missing instead of showing a broken home', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const noApi = await fixture<GkKiosk>(html`<gk-kiosk grid-id="g1"></gk-kiosk>`);
      // A grid-id set a moment later (a page that looks it up first) is no mistake.
      const late = await fixture<GkKiosk>(html`<gk-kiosk base-url=${testServer.apiUrl}></gk-kiosk>`);
      setTimeout(() => late.setAttribute('grid-id', demoGridId), 300);
      await waitUntil(() => $(noApi, '[role="alert"]'), 'no message', { timeout: 3000 });
      expect($(noApi, '[role="alert"]')!.textContent).to.include('base-url');
      expect($(noApi, '[data-choice]')).to.equal(null);
      const noGrid = await fixture<GkKiosk>(html`<gk-kiosk base-url=${testServer.apiUrl}></gk-kiosk>`);
      await waitUntil(() => $(noGrid, '[role="alert"]'), 'no message', { timeout: 3000 });
      expect($(noGrid, '[role="alert"]')!.textContent).to.include('grid-id');
      expect($(late, '[role="alert"]')).to.equal(null);
      expect($(late, '[data-choice]')).not.to.equal(null);
    } finally {
      console.warn = original;
    }
    expect(warnings.some((w) => w.includes('<gk-kiosk>') && w.includes('base-url'))).to.equal(true);
    expect(warnings.filter((w) => w.includes('<gk-kiosk>') && w.includes('grid-id'))).to.have.length(1);
  });

  for (const [width, height] of [
    [1080, 1920],
    [1920, 1080],
  ] as const) {
    it(`fits a ${width}×${height} screen: the four choices visible without scrolling`, async () => {
      await setViewport(width, height);
      const el = await kiosk();
      await waitUntil(() => homeShown(el), 'no home');
      const main = $(el, 'main')!;
      expect(main.scrollHeight).to.be.at.most(main.clientHeight);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      for (const name of ['report', 'track', 'board', 'stats']) {
        const box = choice(el, name).getBoundingClientRect();
        expect(box.bottom, name).to.be.at.most(height);
        expect(box.height, name).to.be.at.least(96);
      }
    });

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`fits the demo grid's whole board on one ${width}×${height} screen, in ${lang}`, async () => {
        await setViewport(width, height);
        const el = await kiosk({ lang });
        await openByTap(el, 'board');
        const main = $(el, 'main')!;
        expect(main.scrollHeight, 'the board scrolls').to.be.at.most(main.clientHeight);
        expect(document.documentElement.scrollWidth).to.be.at.most(width);
        const phone = inChild(el, 'gk-notice-board', '[part="leader"] a[href^="tel:"]')!;
        expect(phone.getBoundingClientRect().bottom).to.be.at.most(height);
      });

      it(`keeps the report's Continue on screen and uncovered at each step's start on a ${width}×${height} screen, in ${lang}`, async () => {
        await setViewport(width, height);
        const el = await kiosk({ lang });
        await openByTap(el, 'report');
        const reporter = child(el, 'gk-issue-reporter')!;
        const continueInView = (when: string) => {
          const button = inChild<HTMLButtonElement>(el, 'gk-issue-reporter', 'button[type="submit"]')!;
          const box = button.getBoundingClientRect();
          expect(box.top, when).to.be.at.least(0);
          expect(box.bottom, when).to.be.at.most(height);
          // Nothing lies over it: what a finger at its centre touches is the button.
          const touched = reporter.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          expect(touched !== null && button.contains(touched), when).to.equal(true);
        };
        // The categories can be longer than the screen: the button must not wait below them.
        expect($(el, 'main')!.scrollTop).to.equal(0);
        continueInView('the categories');
        inChild<HTMLInputElement>(el, 'gk-issue-reporter', 'input[value="infra.cable"]')!.click();
        inChild<HTMLButtonElement>(el, 'gk-issue-reporter', 'button[type="submit"]')!.click();
        await waitUntil(() => inChild(el, 'gk-issue-reporter', '#address'), 'the where step did not show');
        continueInView('where');
      });

      it(`shows a closed case's rating and its button without scrolling on a ${width}×${height} screen, in ${lang}`, async () => {
        const receipt = await reportCase('closed', { description: '自助终端评价测试：路灯已修好' });
        await setViewport(width, height);
        const el = await kiosk({ lang });
        await openByTap(el, 'track');
        const tracker = child(el, 'gk-case-tracker')!;
        tracker.setAttribute('ticket', receipt.ticket);
        tracker.setAttribute('token', receipt.trackingToken);
        await waitUntil(() => inChild(el, 'gk-case-tracker', '.rating button[type="submit"]'), 'no rating form', {
          timeout: 8000,
        });
        const send = inChild(el, 'gk-case-tracker', '.rating button[type="submit"]')!.getBoundingClientRect();
        expect(send.bottom, 'the rating button is below the screen').to.be.at.most(height);
        for (const score of el.shadowRoot!.querySelector('gk-case-tracker')!.shadowRoot!.querySelectorAll('.score')) {
          const box = score.getBoundingClientRect();
          expect(box.bottom).to.be.at.most(height);
          expect(Math.min(box.width, box.height)).to.be.at.least(48);
        }
      });
    }
  }

  it("keeps the English words of a case's facts whole on a portrait kiosk, at every text size", async () => {
    await setViewport(1080, 1920);
    const { admin } = await demoStaff();
    // The longest category name of the seed: "Illegal construction" was cut as "constructio / n".
    const seeded = (await admin.cases.list({ categoryCode: 'city.illegal_construction', limit: 1 })).items[0]!;
    const el = await kiosk({ lang: 'en' });
    await openByTap(el, 'track');
    child(el, 'gk-case-tracker')!.setAttribute('ticket', seeded.ticket);
    await waitUntil(() => inChild(el, 'gk-case-tracker', '.facts dd'), 'no facts', { timeout: 8000 });
    for (const size of el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="text-size"] button')) {
      await tap(size);
      await el.updateComplete;
      const facts = child(el, 'gk-case-tracker')!.shadowRoot!.querySelector('.facts')!;
      expect(facts.textContent).to.include('construction');
      expect(wordsCut(facts), `at text size "${size.textContent!.trim()}"`).to.deep.equal([]);
    }
  });

  it('has every text in zh-TW and en that it has in zh-CN', async () => {
    await Promise.all([loadTexts(kioskMessages, 'zh-TW'), loadTexts(kioskMessages, 'en')]);
    const keys = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
        : [prefix];
    const source = keys(textsIn(kioskMessages, 'zh-CN')).sort();
    expect(keys(textsIn(kioskMessages, 'zh-TW')).sort()).to.deep.equal(source);
    expect(keys(textsIn(kioskMessages, 'en')).sort()).to.deep.equal(source);
    // No Chinese left in the English texts (plain strings and the functions' output).
    const en = textsIn(kioskMessages, 'en')!;
    const shown = [en.title, en.home, en.offlineDetail, en.queued(2, '2'), en.idlePrompt('9'), en.choices.report.desc];
    for (const text of shown) expect(text).not.to.match(/[\u4e00-\u9fff]/);
  });

  describe('by touch, on a 1080×1920 portrait kiosk', () => {
    // A touch screen for these tests only (each test file has its own page). Last in the file: once
    // emulation is off again, headless Chromium reports the machine's own pointer, `(pointer: none)`.
    before(() => setTouchEmulation(true));
    after(() => setTouchEmulation(false));

    it('a full round by touch: report, follow, idle reset; nothing of the resident left in any shadow root; axe clean', async function () {
      this.timeout(90000);
      await setViewport(1080, 1920);
      expect(navigator.maxTouchPoints, 'a touch screen').to.be.greaterThan(0);
      const trackUrl = 'https://city.example/track?ticket={ticket}&token={token}';
      // A long wait while the resident works (a loaded machine can be slow); shortened to go idle below.
      const el = await kiosk({ idle: 120, grace: 2, trackUrl });
      const pointers: string[] = [];
      el.addEventListener('pointerdown', (event) => pointers.push(event.pointerType));
      await waitUntil(() => homeShown(el), 'no home screen');
      const reporterHas = <T extends Element = HTMLElement>(selector: string) =>
        inChild<T>(el, 'gk-issue-reporter', selector);
      const step = async (name: string) =>
        waitUntil(() => reporterHas(`form.step-${name}`), `no ${name} step`, { timeout: 10000 });
      const next = () => touchTap(reporterHas('form button[type="submit"]')!);

      // 1. Report a problem, every step by touch and key presses.
      await touchTap(choice(el, 'report'));
      await waitUntil(() => reporterHas('#category'), 'no categories', { timeout: 10000 });
      expect($(el, '#screen-heading')!.textContent).to.equal('我要反映问题');
      // A category with extra fields: a number and a yes/no.
      await touchTap(reporterHas('input[value="dispute.neighbour"]')!.closest('label')!);
      expect(reporterHas<HTMLInputElement>('input[value="dispute.neighbour"]')!.checked).to.equal(true);
      await next();
      await step('details');
      expect(reporterHas('.progress')!.textContent).to.equal('第 2 步，共 7 步');
      await touchTap(reporterHas('#attr-households_involved')!);
      await sendKeys({ type: '3' });
      await touchTap(reporterHas('#attr-mediated_before')!.closest('label')!);
      expect(reporterHas<HTMLInputElement>('#attr-mediated_before')!.checked).to.equal(true);
      await next();
      // Where: the kiosk's grid, with who will handle it (no grid to look for); only the address to type.
      await step('where');
      const grid = await api.grids.get(demoGridId);
      await waitUntil(() => reporterHas('[part="handler"] .grid-path'), 'no handler shown', { timeout: 10000 });
      expect(reporterHas('[part="handler"] .grid-path')!.textContent).to.include(grid.name);
      expect(reporterHas('#grid'), 'a grid search on a kiosk with its grid').to.equal(null);
      const address = `幸福里${Math.floor(Math.random() * 90 + 10)}号楼3单元`;
      await touchTap(reporterHas('#address')!);
      await sendKeys({ type: address });
      await next();
      // Photos are optional for this category: skipped.
      await step('photos');
      expect(reporterHas('#step-heading')!.textContent).to.include('选填');
      await next();
      const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const description = `楼上邻居每晚装修到十一点 kiosk-${tag}`;
      await step('describe');
      await touchTap(reporterHas('#description')!);
      await sendKeys({ type: description });
      expect(reporterHas<HTMLTextAreaElement>('#description')!.value).to.equal(description);
      await next();
      await step('contact');
      await touchTap(reporterHas('#contact-anonymous')!.closest('label')!);
      await next();
      await step('review');
      const review = reporterHas('[part="review"]')!.textContent!.replace(/\s+/g, ' ');
      for (const answer of ['邻里纠纷', '涉及户数：3', '之前是否调解过：是', address, grid.name, description, '匿名']) {
        expect(review).to.include(answer);
      }
      // The walk below reaches what is on screen inside the nested widget.
      expect(residue(el, [address, description]).secrets).to.deep.equal([address, description]);

      const submitted = oneEvent(el, 'gk-case-submitted');
      await next();
      const { detail: sent } = await submitted;
      await waitUntil(() => reporterHas('[part="receipt"] [part="qr"] svg'), 'no receipt with a QR code', {
        timeout: 10000,
      });
      const ticket = reporterHas('[part="ticket"]')!.textContent!.trim();
      expect(ticket).to.match(ticketPattern);
      expect(ticket).to.equal(sent.ticket);
      const groups = [...child(el, 'gk-issue-reporter')!.shadowRoot!.querySelectorAll('[part="token"] .group')].map(
        (g) => g.textContent!.trim(),
      );
      expect(groups).to.have.length(3);
      const token = groups.join('-');
      expect(token).to.match(trackingTokenPattern);
      expect(token).to.equal(sent.trackingToken);
      const qr = reporterHas<SVGElement>('[part="qr"] svg.gk-qr')!;
      expect(qr.getAttribute('role')).to.equal('img');
      expect(qr.getAttribute('aria-label')).to.equal('用手机扫码查看进度');
      await expect(el, 'the receipt').to.be.accessible();

      // On the server: exactly one case with that description, as the resident gave it.
      const { admin } = await demoStaff();
      const found = (await admin.cases.list({ q: description })).items.filter((c) => c.description === description);
      expect(found).to.have.length(1);
      expect(found[0]!.ticket).to.equal(ticket);
      expect(found[0]!.gridId).to.equal(demoGridId);
      expect(found[0]!.channel).to.equal('kiosk');
      expect(found[0]!.location.address).to.equal(address);
      expect(found[0]!.attributes).to.deep.equal({ households_involved: 3, mediated_before: true });
      expect(found[0]!.reporter, 'anonymous').to.equal(null);

      // 2. Home, then follow the case by its ticket and token.
      await touchTap($(el, '[part="home-button"]')!);
      await waitUntil(() => homeShown(el), 'not home');
      expect(child(el, 'gk-issue-reporter')).to.equal(null);
      await touchTap(choice(el, 'track'));
      await waitUntil(() => inChild(el, 'gk-case-tracker', '#ticket'), 'no tracker form', { timeout: 10000 });
      await touchTap(inChild(el, 'gk-case-tracker', '#ticket')!);
      await sendKeys({ type: ticket });
      await touchTap(inChild(el, 'gk-case-tracker', '#token')!);
      await sendKeys({ type: token });
      await touchTap(inChild(el, 'gk-case-tracker', 'button[type="submit"]')!);
      await waitUntil(() => inChild(el, 'gk-case-tracker', '#result-heading'), 'case not shown', { timeout: 10000 });
      expect(inChild(el, 'gk-case-tracker', '#result-heading')!.textContent).to.equal(`工单 ${ticket}`);
      expect(inChild(el, 'gk-case-tracker', '.status')!.textContent!.trim()).to.equal('已提交，等待受理');
      expect(inChild(el, 'gk-case-tracker', '#token-error')!.textContent!.trim(), 'token refused').to.equal('');
      expect(inChild(el, 'gk-case-tracker', '[part="token-note"]'), 'shown as without a token').to.equal(null);

      // 3. Nobody touches the screen: "still there?", then home by itself.
      const secrets = [ticket, token, token.replace(/-/g, ''), token.split('').join(' '), description, address];
      const beforeReset = residue(el, secrets);
      expect(beforeReset.secrets).to.include.members([ticket, token]);
      expect(beforeReset.inputs).to.have.length.greaterThan(0);
      const wentHome = oneEvent(el, 'gk-screen-change');
      el.setAttribute('idle-reset', '2');
      await waitUntil(() => $(el, '[part="idle-prompt"]'), 'no still-there prompt', { timeout: 8000 });
      const { detail } = await wentHome;
      expect(detail).to.deep.equal({ screen: 'home', reason: 'idle' });
      await el.updateComplete;
      expect(homeShown(el)).to.equal(true);
      expect(child(el, 'gk-case-tracker')).to.equal(null);

      // Nothing of the resident in any shadow root (nested widgets included), nor in the page.
      const left = residue(document.body, secrets);
      expect(left.secrets, 'the resident’s texts').to.deep.equal([]);
      expect(left.inputs, 'input values').to.deep.equal([]);
      expect(left.pictures, 'images, canvases, QR codes').to.deep.equal([]);
      await expect(el, 'home after the reset').to.be.accessible();

      // Every pointer the kiosk and its widgets got was a finger.
      expect([...new Set(pointers)], `${pointers.length} pointerdowns`).to.deep.equal(['touch']);
    });
  });
});
