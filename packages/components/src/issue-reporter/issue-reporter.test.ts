import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import exifr from 'exifr';
import { createGridkitClient, type Grid, type GridkitClient } from '@gridkit/sdk';
import '../define/issue-reporter.js';
import '../define/provider.js';
import type { GkIssueReporter } from './issue-reporter.js';
import { testServer } from '../test-support/server.js';
import { runDesignedStatesSuite } from '../test-support/designed-states-suite.js';
import { runNotSetUpSuite } from '../test-support/not-set-up-suite.js';
import { createOutbox, type Outbox } from '@gridkit/sdk/outbox';
import {
  $,
  $$,
  choose,
  everything,
  fakeGeolocation,
  fillBareReport,
  fillFromWhere,
  focused,
  photoFile,
  root,
  sendKeys,
  setViewport,
  tabTo,
  tap,
  text,
  untilStep,
} from './test-helpers.js';

const trackUrl = 'https://city.example/track?ticket={ticket}&token={token}';

const api = createGridkitClient({ baseUrl: testServer.apiUrl });
const admin = testServer.tokens.find((t) => t.role === 'admin')!;
const staff = createGridkitClient({ baseUrl: testServer.apiUrl, token: admin.token });

let leaf: Promise<Grid> | undefined;
/** A leaf grid of the seed with a centroid, so a device "standing" there finds it. */
const aGrid = () =>
  (leaf ??= (async () => {
    for await (const grid of api.grids.iterate({ level: 'grid' })) if (grid.centroid) return grid;
    throw new Error('no grid with a centroid in the seed');
  })());

/** Each test its own outbox database, so nothing queued by one test is sent in another. */
let outboxes = 0;
const outboxName = () => `reporter-test-${Date.now()}-${(outboxes += 1)}`;

// The categories are what the reporter loads before a resident can start.
runDesignedStatesSuite({
  tag: 'gk-issue-reporter',
  ready: { what: 'the categories', when: (root) => root.querySelector('#category') !== null },
});

// What the page's developer sees when the page forgot the client: as the read widgets' "not set up" state.
runNotSetUpSuite({
  tag: 'gk-issue-reporter',
  bare: html`<gk-issue-reporter grid-id="grd_4BCg6L6keGz1"></gk-issue-reporter>`,
  inProvider: html`<gk-provider grid-id="grd_4BCg6L6keGz1"><gk-issue-reporter></gk-issue-reporter></gk-provider>`,
  notShown: /暂时无法加载|服务器没有正常响应|网络已断开|无法连接服务器/,
});

describe('<gk-issue-reporter>', () => {
  it('takes a complete report by keyboard alone, and the case is on the server', async () => {
    const grid = await aGrid();
    const el = await fixture<GkIssueReporter>(
      html`<gk-issue-reporter
        base-url=${testServer.apiUrl}
        .geolocation=${fakeGeolocation(grid.centroid!)}
        track-url=${trackUrl}
      ></gk-issue-reporter>`,
    );
    await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });

    // 1. What: search, pick with Space, continue with Enter.
    await tabTo(el, '#category-search');
    await sendKeys({ type: '路灯' });
    await el.updateComplete;
    expect($$(el, 'input[name="category"]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['light.street']);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('input#category');
    await sendKeys({ press: 'Space' });
    await tabTo(el, 'button[type="submit"]');
    await sendKeys({ press: 'Enter' });

    // 2. Details: a required list and an optional text.
    await untilStep(el, 'details');
    expect(focused(el)).to.equal('h2#step-heading');
    expect(text(el)).to.include('故障类型');
    await tabTo(el, 'button[type="submit"]');
    await sendKeys({ press: 'Enter' }); // nothing chosen yet: not allowed
    await el.updateComplete;
    expect(focused(el)).to.equal('div#error-summary');
    expect($(el, '#error-summary').textContent).to.include('请选择“故障类型”');
    expect($(el, '#attr-fault').getAttribute('aria-invalid')).to.equal('true');
    await tabTo(el, '#attr-fault');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect($(el, '#attr-fault').hasAttribute('aria-invalid')).to.equal(false);
    await tabTo(el, '#attr-pole_number');
    await sendKeys({ type: 'WF-LD-0042' });
    await sendKeys({ press: 'Enter' });

    // 3. Where: address, then "use my location" finds the grid and who handles it.
    await untilStep(el, 'where');
    await tabTo(el, '#address');
    await sendKeys({ type: '桥北路 23 号院东门' });
    await tabTo(el, '#location');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelector('[part="handler"] .person, [part="handler"] p'), 'no grid found', {
      timeout: 8000,
    });
    await waitUntil(() => !root(el).querySelector('[part="handler"] .spinner'));
    const handler = $(el, '[part="handler"]');
    expect(handler.textContent).to.include(grid.name);
    const board = await api.notices.board(grid.id);
    if (board.leader) {
      expect(handler.textContent).to.include(board.leader.name);
      if (board.leader.workPhone)
        expect(handler.querySelector('a[href^="tel:"]')!.textContent).to.equal(board.leader.workPhone);
    }
    await tabTo(el, 'button[type="submit"]');
    await sendKeys({ press: 'Enter' });

    // 4. Photos: none needed for this category.
    await untilStep(el, 'photos');
    await tabTo(el, 'button[type="submit"]');
    await sendKeys({ press: 'Enter' });

    // 5. Description with a counter.
    await untilStep(el, 'describe');
    await tabTo(el, '#description');
    await sendKeys({ type: '路灯一直不亮，晚上很黑。' });
    await el.updateComplete;
    expect($(el, '#description-count').textContent).to.include('12/2,000');
    await tabTo(el, 'button[type="submit"]');
    await sendKeys({ press: 'Enter' });

    // 6. Contact: name and phone.
    await untilStep(el, 'contact');
    await tabTo(el, '#contact');
    await sendKeys({ press: 'Space' });
    // On a resident's own device the browser may offer their name and number.
    expect(['#name', '#phone'].map((id) => $(el, id).getAttribute('autocomplete'))).to.deep.equal(['name', 'tel']);
    await tabTo(el, '#name');
    await sendKeys({ type: '李女士' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '138 0013 8000' });
    await sendKeys({ press: 'Enter' });

    // 7. Review, then send.
    await untilStep(el, 'review');
    const review = $(el, '[part="review"]').textContent!;
    for (const part of ['路灯故障', '不亮', 'WF-LD-0042', '桥北路 23 号院东门', grid.name, '李女士 · 138 0013 8000'])
      expect(review).to.include(part);
    const submitted = oneEvent(el, 'gk-case-submitted');
    await tabTo(el, 'button[type="submit"]');
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    await waitUntil(() => root(el).querySelector('[part="ticket"]'), 'no receipt');
    expect($(el, '[part="ticket"]').textContent).to.equal(detail.ticket);
    expect($(el, '[part="token"]').textContent!.replace(/\s+/g, '')).to.equal(detail.trackingToken);
    expect(focused(el)).to.equal('h2#outcome-heading');
    await waitUntil(() => root(el).querySelector('[part="qr"] svg'), 'no QR code');

    const view = await api.cases.getPublic(detail.ticket);
    expect(view.categoryCode).to.equal('light.street');
    expect(view.gridName).to.equal(grid.name);
    const full = await staff.cases.get(detail.caseId);
    expect(full.channel).to.equal('web');
    expect(full.attributes).to.deep.equal({ fault: 'off', pole_number: 'WF-LD-0042' });
    expect(full.location.point).to.deep.equal(grid.centroid);
    expect(full.reporter).to.deep.equal({ name: '李女士', phone: '138 0013 8000' });
    await expect(el).to.be.accessible();
  });

  it('takes a report with a photo at 390×844 by taps, in a kiosk that knows its grid', async () => {
    const grid = await aGrid();
    await setViewport(390, 844);
    try {
      const el = await fixture<GkIssueReporter>(
        html`<gk-issue-reporter kiosk base-url=${testServer.apiUrl} grid-id=${grid.id}></gk-issue-reporter>`,
      );
      await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
      expect(el.getBoundingClientRect().width).to.be.at.most(390);
      const option = $(el, 'input[value="infra.cable"]').closest('label')!;
      expect(option.getBoundingClientRect().height).to.be.at.least(48);
      await tap(option);
      await tap($(el, 'button[type="submit"]'));

      await untilStep(el, 'where');
      // The kiosk's grid: no grid question, but who handles it is shown.
      expect(root(el).querySelector('#grid')).to.equal(null);
      await waitUntil(() => text(el).includes(grid.name), 'fixed grid not shown');
      await tap($(el, '#address'));
      await sendKeys({ type: '3号楼北侧' });
      await tap($(el, 'button[type="submit"]'));

      await untilStep(el, 'photos');
      await tap($(el, 'button[type="submit"]')); // required: refused
      await el.updateComplete;
      expect($(el, '#error-summary').textContent).to.include('这类问题需要至少一张照片');
      expect(focused(el)).to.equal('div#error-summary');
      // A phone photo with its GPS position in EXIF, taken sideways (orientation 6).
      const camera = await fetch(new URL('../test-support/images/gps-rotated.jpg', import.meta.url)).then((r) =>
        r.blob(),
      );
      const withGps = new File([camera], 'IMG_0001.jpg', { type: 'image/jpeg' });
      expect((await exifr.gps(withGps))?.latitude).to.be.a('number');
      choose($(el, '#photo-library'), [withGps]);
      await waitUntil(() => root(el).querySelector('.thumb-ready canvas'), 'photo not prepared', { timeout: 20000 });
      for (const button of $$(el, '.photo-actions button, .thumb button'))
        expect(button.getBoundingClientRect().height, button.textContent!).to.be.at.least(48);
      await tap($(el, 'button[type="submit"]'));

      await untilStep(el, 'describe');
      await tap($(el, '#description'));
      await sendKeys({ type: '空中线缆垂下来了' });
      await tap($(el, 'button[type="submit"]'));
      await untilStep(el, 'contact');
      await tap($(el, '#contact'));
      await el.updateComplete;
      expect(
        ['#name', '#phone'].map((id) => $(el, id).getAttribute('autocomplete')),
        'no autofill on a kiosk',
      ).to.deep.equal(['off', 'off']);
      await tap($(el, '#contact-anonymous'));
      await tap($(el, 'button[type="submit"]'));
      await untilStep(el, 'review');
      expect($(el, '[part="review"]').textContent).to.include('匿名');
      const submitted = oneEvent(el, 'gk-case-submitted');
      await tap($(el, 'button[type="submit"]'));
      const { detail } = await submitted;
      await waitUntil(() => root(el).querySelector('[part="ticket"]'), 'no receipt');

      const full = await staff.cases.get(detail.caseId);
      expect(full.channel).to.equal('kiosk');
      expect(full.gridId).to.equal(grid.id);
      expect(full.reporter ?? null).to.equal(null);
      expect(full.mediaIds).to.have.length(1);
      const media = await api.media.get(full.mediaIds![0]!);
      const bitmap = await createImageBitmap(media);
      // Upright, no larger than the configured 1600 px, and the position gone.
      expect([bitmap.width, bitmap.height]).to.deep.equal([1200, 1600]);
      expect(await exifr.parse(media, { gps: true })).to.equal(undefined);
    } finally {
      await setViewport(800, 600);
    }
  });

  it('takes the first click on Continue after a field was left wrong (no message moves the button away)', async () => {
    const grid = await aGrid();
    const el = await fixture<GkIssueReporter>(
      html`<gk-issue-reporter base-url=${testServer.apiUrl} grid-id=${grid.id}></gk-issue-reporter>`,
    );
    await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
    $<HTMLInputElement>(el, 'input[value="green.space"]').click();
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'where');
    await tap($(el, '#address'));
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Backspace' });
    // One real click, straight from the emptied field to Continue.
    await tap($(el, 'button[type="submit"]'));
    await waitUntil(() => root(el).querySelector('#error-summary'), 'the click was swallowed: no error summary');
    expect(focused(el)).to.equal('div#error-summary');
    expect($(el, '#address').getAttribute('aria-invalid')).to.equal('true');
  });

  it('in kiosk mode, the "still there?" prompt answers a real tap or key on either of its buttons', async () => {
    const grid = await aGrid();
    const el = await fixture<GkIssueReporter>(
      html`<gk-issue-reporter kiosk idle-reset="1" idle-grace="30" base-url=${testServer.apiUrl} grid-id=${grid.id}>
      </gk-issue-reporter>`,
    );
    await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
    await tap($(el, 'input[value="city.signboard"]'));
    await tap($(el, 'button[type="submit"]'));
    await untilStep(el, 'where');
    // A shared screen: the browser neither keeps nor offers one resident's address to the next.
    expect($(el, '#address').getAttribute('autocomplete')).to.equal('off');
    const prompt = () => root(el).querySelector('[part="idle-prompt"]');
    const typeAddress = async () => {
      $<HTMLInputElement>(el, '#address').focus();
      await sendKeys({ type: '桥北路' });
      await waitUntil(prompt, 'no prompt', { timeout: 4000 });
    };

    // The prompt takes the focus; "keep going", tapped: the prompt goes, the
    // address stays and has the focus back.
    await typeAddress();
    expect(root(el).activeElement, 'focus on "keep going"').to.equal($(el, '.idle-stay'));
    await tap($(el, '.idle-stay'));
    await waitUntil(() => !prompt(), 'the prompt stayed after a tap on "keep going"');
    expect($<HTMLInputElement>(el, '#address').value).to.equal('桥北路');
    await waitUntil(() => focused(el) === 'input#address', 'the focus did not go back to the field');

    // "Clear and leave", tapped: everything goes at once, not after the countdown.
    await waitUntil(prompt, 'no prompt the second time', { timeout: 4000 });
    const reset = oneEvent(el, 'gk-reset');
    await tap($(el, '.idle-leave'));
    await reset;
    await el.updateComplete;
    expect(everything(el).join('\n')).not.to.include('桥北路');
    expect(root(el).querySelector('form.step-what')).not.to.equal(null);

    // By keyboard: Tab from the field to "clear and leave", Enter.
    await tap($(el, 'input[value="city.signboard"]'));
    await tap($(el, 'button[type="submit"]'));
    await untilStep(el, 'where');
    await typeAddress();
    const resetByKey = oneEvent(el, 'gk-reset');
    expect(root(el).activeElement, 'focus on "keep going"').to.equal($(el, '.idle-stay'));
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement, 'focus on "clear and leave"').to.equal($(el, '.idle-leave'));
    await sendKeys({ press: 'Enter' });
    await resetByKey;
    expect(everything(el).join('\n')).not.to.include('桥北路');
  });

  it('in kiosk mode, clears every trace of a resident after the idle countdown', async () => {
    const grid = await aGrid();
    const el = await fixture<GkIssueReporter>(
      html`<gk-issue-reporter
        kiosk
        idle-reset="5"
        idle-grace="1"
        base-url=${testServer.apiUrl}
        grid-id=${grid.id}
        track-url=${trackUrl}
      ></gk-issue-reporter>`,
    );
    await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
    // Make a report (each step well within the 5 s idle time, even on a loaded machine), with a photo.
    $<HTMLInputElement>(el, 'input[value="city.signboard"]').click();
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'where');
    const address = $<HTMLInputElement>(el, '#address');
    address.value = '私密地址 8 号';
    address.dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'photos');
    choose($(el, '#photo-library'), [await photoFile()]);
    await waitUntil(() => root(el).querySelector('.thumb-ready canvas'), 'photo not prepared', { timeout: 20000 });
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'describe');
    const description = $<HTMLTextAreaElement>(el, '#description');
    description.value = '招牌摇摇欲坠，私密描述';
    description.dispatchEvent(new InputEvent('input'));
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'contact');
    $<HTMLInputElement>(el, '#contact').click();
    await el.updateComplete;
    for (const [id, value] of [
      ['#name', '王先生'],
      ['#phone', '13912345678'],
    ]) {
      const input = $<HTMLInputElement>(el, id!);
      input.value = value!;
      input.dispatchEvent(new InputEvent('input'));
    }
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'review');
    const submitted = oneEvent(el, 'gk-case-submitted');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    const { detail } = await submitted;
    await waitUntil(() => root(el).querySelector('[part="qr"] svg'), 'no QR code');

    // Nobody touches it: "still there?", then the reset.
    await waitUntil(() => root(el).querySelector('[part="idle-prompt"]'), 'no prompt', { timeout: 10000 });
    expect($(el, '[part="idle-prompt"]').textContent).to.include('您还在吗');
    const reset = oneEvent(el, 'gk-reset');
    await reset;
    await el.updateComplete;
    const left = everything(el).join('\n');
    for (const trace of [detail.ticket, detail.trackingToken, '私密地址', '私密描述', '王先生', '13912345678', '招牌'])
      expect(left, trace).not.to.include(trace);
    expect(root(el).querySelectorAll('canvas, svg, [part="receipt"], [part="idle-prompt"]')).to.have.length(0);
    for (const input of $$<HTMLInputElement>(el, 'input'))
      expect(input.type === 'radio' ? input.checked : input.value, input.id).to.be.oneOf([false, '']);
    expect(root(el).querySelector('form.step-what')).not.to.equal(null);
  });

  it("shows a permanent refusal with the server's reason, sends it once, and keeps it until discarded", async () => {
    const grid = await aGrid();
    let posts = 0;
    // A client that claims a channel a resident may not use: the server refuses it for good (422, no field of ours).
    const client = createGridkitClient({
      baseUrl: testServer.apiUrl,
      fetch: async (input, init) => {
        const request = new Request(input as Request, init);
        if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/cases')) {
          posts += 1;
          const body = { ...(await request.json()), channel: 'grid_worker' };
          return fetch(new Request(request, { body: JSON.stringify(body) }));
        }
        return fetch(request);
      },
    });
    const outbox = createOutbox(client, { name: outboxName(), baseDelayMs: 20, maxDelayMs: 50 });
    const el = await reporterUnder(client, grid.id, outbox);
    await fillBareReport(el);
    const rejected = oneEvent(el, 'gk-case-rejected');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    const { detail } = await rejected;
    await el.updateComplete;
    expect(detail.problem.status).to.equal(422);
    const state = $(el, '.rejected');
    expect(state.textContent).to.include('没有提交成功');
    expect(state.textContent).to.include(detail.problem.title);
    expect(focused(el)).to.equal('h2#outcome-heading');
    await expect(el).to.be.accessible();
    await new Promise((r) => setTimeout(r, 300));
    await outbox.flush();
    expect(posts).to.equal(1);
    expect((await outbox.pending()).map((e) => e.state)).to.deep.equal(['failed']);

    $<HTMLButtonElement>(el, '.rejected button.secondary').click();
    await waitUntil(async () => (await outbox.pending()).length === 0, 'not discarded');
    await untilStep(el, 'what');
    outbox.close();
  });

  it('maps a 422 field problem back onto its field, with the summary focused', async () => {
    const grid = await aGrid();
    // The page loaded the categories before an administrator made "hazard" required: the server knows better.
    const client = createGridkitClient({
      baseUrl: testServer.apiUrl,
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const response = await fetch(input, init);
        if (!url.pathname.endsWith('/categories')) return response;
        const page = await response.json();
        for (const category of page.items)
          for (const attribute of category.attributes) if (attribute.code === 'hazard') attribute.required = false;
        return new Response(JSON.stringify(page), { headers: { 'Content-Type': 'application/json' } });
      },
    });
    const outbox = createOutbox(client, { name: outboxName() });
    const el = await reporterUnder(client, grid.id, outbox);
    await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
    $<HTMLInputElement>(el, 'input[value="safety.hazard"]').click();
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'details');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click(); // optional, as far as the page knows
    await untilStep(el, 'where');
    await fillFromWhere(el);
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await untilStep(el, 'details').catch((error) => {
      throw new Error(`${error}: ${text(el)}`);
    });
    await el.updateComplete;
    expect(focused(el)).to.equal('div#error-summary');
    const link = $<HTMLAnchorElement>(el, '#error-summary a');
    expect(link.getAttribute('href')).to.equal('#attr-hazard');
    expect(link.textContent).to.include('请选择');
    expect($(el, '#attr-hazard').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#attr-hazard-error').textContent).to.include('隐患');
    link.click();
    expect(focused(el)).to.equal('input#attr-hazard');
    await expect(el).to.be.accessible();
    // Choosing clears it; the form goes on, and the outbox holds nothing from the refused attempt.
    $<HTMLInputElement>(el, '#attr-hazard').click();
    await el.updateComplete;
    expect(root(el).querySelector('#error-summary')).to.equal(null);
    expect($(el, '#attr-hazard').hasAttribute('aria-invalid')).to.equal(false);
    expect(await outbox.pending()).to.deep.equal([]);
    outbox.close();
  });

  it('keeps a report made offline on the device, then shows the ticket when it is sent', async () => {
    const grid = await aGrid();
    let online = false;
    const client = createGridkitClient({
      baseUrl: testServer.apiUrl,
      retry: false,
      fetch: (input, init) => {
        const request = new Request(input as Request, init);
        if (!online && request.method === 'POST') return Promise.reject(new TypeError('Failed to fetch'));
        return fetch(request);
      },
    });
    const outbox = createOutbox(client, { name: outboxName(), baseDelayMs: 50, maxDelayMs: 100 });
    const el = await reporterUnder(client, grid.id, outbox);
    await fillBareReport(el);
    const queued = oneEvent(el, 'gk-case-queued');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    const { detail: entry } = await queued;
    await el.updateComplete;
    expect($(el, '.queued').textContent).to.include('已保存在本机，将自动发送');
    expect(focused(el)).to.equal('h2#outcome-heading');
    await expect(el).to.be.accessible();

    const submitted = oneEvent(el, 'gk-case-submitted');
    online = true;
    await outbox.flush();
    const { detail } = await submitted;
    await waitUntil(() => root(el).querySelector('[part="ticket"]'), 'no receipt after sending');
    expect($(el, '[part="ticket"]').textContent).to.equal(detail.ticket);
    expect((await api.cases.getPublic(detail.ticket)).ticket).to.equal(detail.ticket);
    expect((await outbox.pending()).map((e) => e.id)).not.to.include(entry.entryId);
    outbox.close();
  });
});

/** A reporter under a provider with the page's own client and outbox, for a grid. */
async function reporterUnder(client: GridkitClient, gridId: string, outbox: Outbox): Promise<GkIssueReporter> {
  const provider = await fixture(
    html`<gk-provider .client=${client} grid-id=${gridId}
      ><gk-issue-reporter .outbox=${outbox}></gk-issue-reporter
    ></gk-provider>`,
  );
  return provider.querySelector('gk-issue-reporter')!;
}
