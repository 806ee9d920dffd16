import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
// Real key presses through Playwright: trusted events, so Enter submits a form and arrow keys move between radios.
import { sendKeys } from '@web/test-runner-commands';
import { createGridkitClient, type CaseReceipt } from '@gridkit/sdk';
import { caseEventTypeValues, casePriorityValues } from '@gridkit/sdk/core';
import { caseTrackerMessages } from './messages.js';
import { loadTexts, textsIn } from '../messages/index.js';
import '../define/case-tracker.js';
import '../define/kiosk.js';
import { setViewport } from '../issue-reporter/test-helpers.js';
import { normalizeTicket, type GkCaseTracker } from './case-tracker.js';
import type { GkProvider } from '../provider/provider.js';
import { demoGridId, testServer } from '../test-support/server.js';
import { demoStaff, reportCase, type CaseStage } from '../test-support/cases.js';
import { runDesignedStatesSuite } from '../test-support/designed-states-suite.js';

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => shadow(el).textContent!.replace(/\s+/g, ' ');
/** What has focus inside the widget, as `tag#id` or `tag[value]` (comparing elements makes chai print the DOM). */
const focused = (el: HTMLElement) => {
  const active = shadow(el).activeElement as HTMLInputElement | null;
  return active ? `${active.localName}${active.id ? `#${active.id}` : `[${active.value}]`}` : null;
};
const has = (el: HTMLElement, selector: string) => shadow(el).querySelector(selector) !== null;
const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) =>
  shadow(el).querySelector<T>(selector)!;

const api = createGridkitClient({ baseUrl: testServer.apiUrl });

// The first leaf grid, not the demo grid whose figures other test files count at the same time.
let leafGrid: Promise<string> | undefined;
const aLeafGrid = () => (leafGrid ??= api.grids.list({ level: 'grid' }).then((page) => page.items[0]!.id));

/** A case carried to `stage` by the demo staff (see test-support/cases.ts). */
const newCase = async (stage: CaseStage, publicNote?: string) =>
  reportCase(stage, { gridId: await aLeafGrid(), ...(publicNote === undefined ? {} : { publicNote }) });

async function shown(el: GkCaseTracker) {
  await waitUntil(() => shadow(el).querySelector('.case, [part="state"][role="alert"]'), 'no result', {
    timeout: 8000,
  });
  return el;
}

const tracker = (lang = 'zh-CN') =>
  fixture<GkCaseTracker>(html`<gk-case-tracker lang=${lang} base-url=${testServer.apiUrl}></gk-case-tracker>`);

async function typeInto(el: GkCaseTracker, selector: string, value: string) {
  $<HTMLInputElement>(el, selector).focus();
  await sendKeys({ type: value });
}

/** Runs `body` with `?ticket=&token=` added to the page address, then restores it. */
async function withTicketInUrl(receipt: CaseReceipt, body: () => Promise<void>) {
  const before = location.href;
  history.replaceState(
    null,
    '',
    `${location.pathname}${location.search}&ticket=${receipt.ticket}&token=${receipt.trackingToken}`,
  );
  try {
    await body();
  } finally {
    history.replaceState(null, '', before);
  }
}

runDesignedStatesSuite({
  tag: 'gk-case-tracker',
  readWidget: true,
  // A real case, so a released look-up and a retry show it.
  attributes: async () => ({ ticket: (await newCase('submitted')).ticket }),
  ready: { what: 'the case', when: (root) => root.querySelector('.case') !== null },
  notFound: { attributes: { ticket: 'ZZ-20000101-9999' }, text: '没有找到该工单，请核对工单号' },
});

describe('<gk-case-tracker>', () => {
  it('normalizes what residents type', () => {
    expect(normalizeTicket('  wf-20261122-0042 ')).to.equal('WF-20261122-0042');
    expect(normalizeTicket('wf 20261122 0042')).to.equal('WF-20261122-0042');
    expect(normalizeTicket('ＷＦ－２０２６１１２２－００４２')).to.equal('WF-20261122-0042');
    expect(normalizeTicket('WF - 20261122 — 0042')).to.equal('WF-20261122-0042');
  });

  it('follows a case a vendor app reported through Open311, by the ticket and token that answer gave', async () => {
    const grid = await api.grids.get(demoGridId);
    const report = new URLSearchParams({
      api_key: 'demo-open311-key',
      service_code: 'dispute.parking',
      lat: String(grid.centroid!.lat),
      long: String(grid.centroid!.lng),
      description: '小区门口长期有车辆占用消防通道（经 Open311 上报）',
    });
    const answer = await fetch(`${new URL(testServer.apiUrl).origin}/open311/v2/requests.json`, {
      method: 'POST',
      body: report,
    });
    expect(answer.status).to.equal(200);
    const [receipt] = (await answer.json()) as { service_request_id: string; token: string }[];
    const el = await tracker();
    await typeInto(el, '#ticket', receipt!.service_request_id.toLowerCase());
    await typeInto(el, '#token', receipt!.token);
    await sendKeys({ press: 'Enter' });
    await shown(el);
    expect(text(el)).to.include(receipt!.service_request_id);
    expect(text(el)).to.include(grid.name);
    expect(text(el)).to.include('已提交，等待受理');
    expect(text(el)).to.include('停车纠纷');
  });

  it('looks a case up by ticket and token on Enter: status, level, facts and the timeline in words', async () => {
    const receipt = await newCase('closed');
    const el = await tracker();
    await expect(el).to.be.accessible();
    const form = $(el, '[part="form"]');
    expect(form.querySelector('label[for="ticket"]')!.textContent).to.include('工单号');
    expect(form.querySelector('#ticket')!.getAttribute('autocomplete')).to.equal('off');
    expect($(el, 'button[type="submit"]').getBoundingClientRect().height).to.be.at.least(44);
    expect($(el, '#ticket').getBoundingClientRect().height).to.be.at.least(44);

    await typeInto(el, '#ticket', receipt.ticket);
    await typeInto(el, '#token', receipt.trackingToken);
    const found = oneEvent(el, 'gk-case-found');
    await sendKeys({ press: 'Enter' });
    expect((await found).detail).to.deep.equal({ ticket: receipt.ticket, status: 'closed' });
    await shown(el);

    const view = await api.cases.getPublic(receipt.ticket);
    const status = $(el, '[part="status"]');
    expect(status.querySelector('h2')!.textContent).to.include(receipt.ticket);
    expect(status.querySelector('.status')!.textContent).to.equal('已办结');
    expect(status.textContent).to.include('由网格处理');
    expect(status.textContent).to.include(view.categoryName['zh-CN']);
    expect(status.textContent).to.include(view.gridName);
    expect(status.textContent).to.include('办结时间');
    expect(status.textContent).not.to.include('已超期');

    const events = [...shadow(el).querySelectorAll('[part="timeline"] > li')];
    expect($(el, '[part="timeline"]').tagName).to.equal('OL');
    expect(events.map((li) => li.querySelector('.action')!.textContent!.trim())).to.deep.equal([
      '提交上报',
      '受理',
      '派单给处理单位',
      '开始处理',
      '处理完毕',
      '核实后办结',
    ]);
    expect(events[4]!.textContent).to.include('已更换楼道灯，请您留意。');
    expect(events[0]!.querySelector('time')!.getAttribute('datetime')).to.equal(view.timeline[0]!.at);
    // Focus moves to the result, so a screen reader reads it next.
    expect(focused(el)).to.equal('h2#result-heading');
    await expect(el).to.be.accessible();
  });

  it('accepts a lower-case ticket with spaces', async () => {
    const receipt = await newCase('in_progress');
    const el = await tracker();
    await typeInto(el, '#ticket', `  ${receipt.ticket.toLowerCase().replace(/-/g, ' ')} `);
    await sendKeys({ press: 'Enter' });
    await shown(el);
    expect($(el, '.status').textContent).to.equal('正在处理');
    expect($<HTMLInputElement>(el, '#ticket').value).to.equal(receipt.ticket);
  });

  it('says a malformed ticket is malformed, next to the field, without asking the server', async () => {
    const seen: string[] = [];
    const client = createGridkitClient({
      baseUrl: testServer.apiUrl,
      fetch: (input, init) => {
        seen.push(new Request(input as Request, init).url);
        return fetch(input, init);
      },
    });
    const provider = await fixture<GkProvider>(
      html`<gk-provider .client=${client}><gk-case-tracker></gk-case-tracker></gk-provider>`,
    );
    const el = provider.querySelector('gk-case-tracker')!;
    await el.updateComplete;
    const input = $<HTMLInputElement>(el, '#ticket');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await typeInto(el, '#ticket', 'WF-2026-42');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const described = input.getAttribute('aria-describedby')!.split(' ');
    const error = $(el, '#ticket-error');
    expect(described).to.include(error.id);
    expect(error.textContent).to.include('工单号格式不对');
    expect(focused(el)).to.equal('input#ticket');
    expect(seen).to.deep.equal([]);
    await expect(el).to.be.accessible();
    // Fixing it clears the error as you type.
    await sendKeys({ press: 'Control+A' });
    await sendKeys({ type: 'WF-20261122-0042' });
    await el.updateComplete;
    expect(input.value).to.equal('WF-20261122-0042');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(error.textContent!.trim()).to.equal('');
  });

  it('says when there is no such case, and the form stays usable', async () => {
    const el = await tracker();
    let errors = 0;
    el.addEventListener('gk-error', () => (errors += 1));
    await typeInto(el, '#ticket', 'ZZ-20000101-9999');
    await sendKeys({ press: 'Enter' });
    await shown(el);
    const alert = $(el, '[part="state"][role="alert"]');
    expect(alert.textContent).to.include('没有找到该工单，请核对工单号');
    expect(has(el, '[part="retry"]')).to.equal(false);
    expect($<HTMLInputElement>(el, '#ticket').disabled).to.equal(false);
    expect(errors).to.equal(0);
    await expect(el).to.be.accessible();

    const receipt = await newCase('submitted');
    const input = $<HTMLInputElement>(el, '#ticket');
    input.select();
    await sendKeys({ type: receipt.ticket });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el).querySelector('.case'), 'second look-up did not show the case');
    expect($(el, '.status').textContent).to.equal('已提交，等待受理');
  });

  it('looks up at once from the ticket and token attributes', async () => {
    const receipt = await newCase('submitted');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket.toLowerCase()}
        token=${receipt.trackingToken}
      ></gk-case-tracker>`,
    );
    await shown(el);
    expect($(el, '.status').textContent).to.equal('已提交，等待受理');
    expect($<HTMLInputElement>(el, '#token').value).to.equal(receipt.trackingToken);
    // Focus stays where it was: a page that opens with a case does not jump.
    expect(focused(el)).to.equal(null);
  });

  it('takes ticket and token from the page URL with read-url', async () => {
    const receipt = await newCase('closed');
    await withTicketInUrl(receipt, async () => {
      const el = await fixture<GkCaseTracker>(
        html`<gk-case-tracker read-url base-url=${testServer.apiUrl}></gk-case-tracker>`,
      );
      await shown(el);
      expect($(el, '.status').textContent).to.equal('已办结');
      expect(has(el, 'form[part="rating"]')).to.equal(true);
    });
  });

  it('rates a closed case once: by keyboard, with a comment, then never again', async () => {
    const receipt = await newCase('closed');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket}
        token=${receipt.trackingToken}
      ></gk-case-tracker>`,
    );
    await shown(el);
    const rating = $(el, 'form[part="rating"]');
    expect(rating.querySelector('fieldset > legend')!.textContent).to.include('您对办理结果满意吗');
    const radios = [...rating.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios).to.have.length(5);
    expect(radios[0]!.closest('label')!.textContent).to.include('很不满意');
    expect(radios[4]!.closest('label')!.textContent).to.include('很满意');
    for (const radio of radios) expect(radio.closest('label')!.getBoundingClientRect().height).to.be.at.least(44);
    await expect(el).to.be.accessible();

    // Submitting without a score says so.
    const submit = $<HTMLButtonElement>(el, 'form[part="rating"] button[type="submit"]');
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#rating-note').textContent).to.include('请先选择满意程度');

    // Space picks 3, then the arrow key moves to 4.
    radios[2]!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(radios[2]!.checked).to.equal(true);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(radios[3]!.checked).to.equal(true);
    expect(focused(el)).to.equal('input[4]');

    await typeInto(el, '#comment', '修得很快，谢谢！');
    await el.updateComplete;
    expect($(el, '#comment-count').textContent).to.include('8/500');
    expect($(el, '#comment').getAttribute('maxlength')).to.equal('500');

    const evaluated = oneEvent(el, 'gk-case-evaluated');
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' }); // pressed twice, sent once
    await el.updateComplete;
    expect(submit.disabled).to.equal(true);
    expect((await evaluated).detail).to.deep.equal({ ticket: receipt.ticket, score: 4 });
    await waitUntil(() => shadow(el).querySelector('.rating.given'), 'no thanks');
    const given = $(el, '[part="rating"]');
    expect(given.textContent).to.include('感谢您的评价');
    expect(given.textContent).to.include('满意');
    expect(given.textContent).to.include('修得很快，谢谢！');
    expect(has(el, 'form[part="rating"]')).to.equal(false);
    expect(focused(el)).to.equal('h3#rating-heading');
    await expect(el).to.be.accessible();

    const view = await api.cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(view.evaluation).to.include({ score: 4, comment: '修得很快，谢谢！' });
    expect(view.canEvaluate).to.equal(false);
    const again = await api.cases
      .evaluate(receipt.ticket, { trackingToken: receipt.trackingToken, score: 1 })
      .catch((error: unknown) => error);
    expect(again).to.have.property('status', 409);
    expect(again).to.have.property('type', 'https://gridkit.dev/problems/already-evaluated');

    // Looked up again later: the rating is shown, no form.
    const later = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket}
        token=${receipt.trackingToken}
      ></gk-case-tracker>`,
    );
    await shown(later);
    expect(has(later, 'form[part="rating"]')).to.equal(false);
    expect($(later, '[part="rating"]').textContent).to.include('您的评价');
  });

  it('shows the existing rating when the case was rated elsewhere meanwhile', async () => {
    const receipt = await newCase('closed');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket}
        token=${receipt.trackingToken}
      ></gk-case-tracker>`,
    );
    await shown(el);
    await api.cases.evaluate(receipt.ticket, { trackingToken: receipt.trackingToken, score: 2, comment: '太慢' });
    $<HTMLInputElement>(el, 'input[name="score"]').click();
    $<HTMLButtonElement>(el, 'form[part="rating"] button[type="submit"]').click();
    await waitUntil(() => shadow(el).querySelector('.rating.given'), 'existing rating not shown');
    expect($(el, '[part="rating"]').textContent).to.include('已经评价过');
    expect($(el, '[part="rating"]').textContent).to.include('太慢');
  });

  it('says the token is wrong (403), focuses it, and stores nothing', async () => {
    const receipt = await newCase('closed');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket}
        token="trk_wrong"
      ></gk-case-tracker>`,
    );
    await shown(el);
    // The lookup's 403 still shows what the ticket alone may show, with the token marked wrong.
    expect($(el, '.status').textContent).to.equal('已办结');
    expect($<HTMLInputElement>(el, '#token').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '[part="timeline"]').textContent).not.to.include('已更换楼道灯');
    $<HTMLInputElement>(el, 'input[name="score"][value="5"]').click();
    $<HTMLButtonElement>(el, 'form[part="rating"] button[type="submit"]').click();
    const token = $<HTMLInputElement>(el, '#token');
    // Marked wrong already by the lookup: wait for the rating's own refusal, which moves the focus.
    await waitUntil(() => focused(el) === 'input#token', 'the refused rating did not focus the token');
    expect(token.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#token-error').textContent).to.include('查询码不正确');
    expect(focused(el)).to.equal('input#token');
    expect(has(el, 'form[part="rating"]')).to.equal(true);
    const view = await api.cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(view.canEvaluate).to.equal(true);
    expect(view.evaluation).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('offers no rating before the case is closed, and explains the token when it is missing', async () => {
    const open = await newCase('in_progress');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        base-url=${testServer.apiUrl}
        ticket=${open.ticket}
        token=${open.trackingToken}
      ></gk-case-tracker>`,
    );
    await shown(el);
    expect(has(el, '[part="rating"]')).to.equal(false);

    const closed = await newCase('closed');
    el.token = undefined;
    el.ticket = closed.ticket;
    await waitUntil(() => $(el, '.status')?.textContent === '已办结', 'closed case not shown');
    expect(has(el, 'form[part="rating"]')).to.equal(false);
    expect($(el, '[part="rating"]').textContent).to.include('需要回执上的查询码');
  });

  it('without the token, shows no staff note and says what the token unlocks', async () => {
    const receipt = await newCase('rejected', '不属于受理范围，请联系物业');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker base-url=${testServer.apiUrl} ticket=${receipt.ticket}></gk-case-tracker>`,
    );
    await shown(el);
    expect($(el, '.status').textContent).to.equal('未受理');
    expect(text(el)).not.to.include('请联系物业');
    expect(has(el, '.reason')).to.equal(false);
    expect($(el, '[part="token-note"]').textContent).to.include('未受理的原因在填写回执上的查询码后显示');
    await expect(el).to.be.accessible();
  });

  it('shows a rejected case with the reason, and text from the API as text', async () => {
    const hostile = '<img src=x onerror="window.hacked=1"><b>不属于</b>受理范围';
    const receipt = await newCase('rejected', hostile);
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket}
        token=${receipt.trackingToken}
      ></gk-case-tracker>`,
    );
    await shown(el);
    expect($(el, '.status').textContent).to.equal('未受理');
    expect($(el, '.reason').textContent).to.include(hostile);
    expect($(el, '[part="timeline"]').textContent).to.include(hostile);
    expect(has(el, 'img, b, script')).to.equal(false);
    expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
  });

  it('speaks zh-TW and English, and follows a lang change at run time', async () => {
    const receipt = await newCase('in_progress');
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="zh-TW">
        <gk-case-tracker base-url=${testServer.apiUrl} ticket=${receipt.ticket}></gk-case-tracker>
      </div>`,
    );
    const el = await shown(wrapper.querySelector('gk-case-tracker')!);
    const view = await api.cases.getPublic(receipt.ticket);
    expect($(el, 'label[for="ticket"]').textContent).to.equal('工單號');
    expect($(el, '.status').textContent).to.equal('正在處理');
    expect(text(el)).to.include('由網格處理');
    expect(text(el)).to.include(view.categoryName['zh-TW'] ?? view.categoryName['zh-CN']);
    wrapper.lang = 'en';
    await waitUntil(() => $(el, '.status').textContent === 'Being handled', 'did not switch to English');
    expect($(el, 'label[for="ticket"]').textContent).to.equal('Case number');
    expect(text(el)).to.include('Handled at grid level');
    expect(text(el)).to.include('Work started');
    expect(text(el)).to.include(view.categoryName.en ?? view.categoryName['zh-CN']);
    expect(text(el)).not.to.include('處理');
    await expect(el).to.be.accessible();
  });

  it('has a kiosk layout with large text and targets', async () => {
    const receipt = await newCase('closed');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker
        layout="kiosk"
        base-url=${testServer.apiUrl}
        ticket=${receipt.ticket}
        token=${receipt.trackingToken}
      ></gk-case-tracker>`,
    );
    await shown(el);
    expect(parseFloat(getComputedStyle($(el, '.case')).fontSize)).to.be.at.least(24);
    expect($(el, '#ticket').getBoundingClientRect().height).to.be.at.least(64);
    expect($(el, '.score').getBoundingClientRect().height).to.be.at.least(64);
    await expect(el).to.be.accessible();
  });

  it('forgets the last resident’s case after a period without use, on a shared kiosk', async () => {
    const receipt = await newCase('closed');
    await withTicketInUrl(receipt, async () => {
      const el = await fixture<GkCaseTracker>(
        html`<gk-case-tracker read-url layout="kiosk" idle-reset="1" base-url=${testServer.apiUrl}></gk-case-tracker>`,
      );
      await shown(el);
      expect(shadow(el).textContent).to.include(receipt.ticket);
      await waitUntil(() => !shadow(el).querySelector('.case'), 'the case stayed on screen', { timeout: 4000 });
      expect(shadow(el).textContent).not.to.include(receipt.ticket);
      expect($<HTMLInputElement>(el, '#ticket').value).to.equal('');
      expect($<HTMLInputElement>(el, '#token').value).to.equal('');
      expect(location.search).not.to.include(receipt.trackingToken);
    });
  });

  it('keeps the case while the resident is using it, and forgets it once they stop', async () => {
    const receipt = await newCase('closed');
    const el = await fixture<GkCaseTracker>(
      html`<gk-case-tracker layout="kiosk" idle-reset="3" base-url=${testServer.apiUrl}></gk-case-tracker>`,
    );
    await typeInto(el, '#ticket', receipt.ticket);
    await sendKeys({ press: 'Enter' });
    await shown(el);
    $<HTMLInputElement>(el, '#ticket').focus();
    // Key presses every 500 ms for 5 s: well past the 3 s idle time, never near it apart (a key press goes through
    // the test runner, which on a loaded machine took over the 1 s idle time this test once used).
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sendKeys({ press: 'ArrowLeft' });
      expect(shadow(el).querySelector('.case'), `reset while in use (press ${i + 1})`).not.to.equal(null);
    }
    await waitUntil(() => !shadow(el).querySelector('.case'), 'the case stayed after use stopped', { timeout: 8000 });
  });
});

describe('<gk-case-tracker> words for residents', () => {
  /** By ticket alone, or with the receipt's token (which shows the staff's notes). */
  const lookUp = async (caseOrTicket: CaseReceipt | string, lang = 'zh-CN') => {
    const receipt =
      typeof caseOrTicket === 'string' ? { ticket: caseOrTicket, trackingToken: undefined } : caseOrTicket;
    return shown(
      await fixture<GkCaseTracker>(
        html`<gk-case-tracker
          lang=${lang}
          base-url=${testServer.apiUrl}
          ticket=${receipt.ticket}
          token=${ifDefined(receipt.trackingToken)}
        ></gk-case-tracker>`,
      ),
    );
  };
  const facts = (el: HTMLElement) => [...shadow(el).querySelectorAll('.facts dt')].map((dt) => dt.textContent!.trim());

  it('shows a rejected case with no due date, and "Reason:" with an English colon', async () => {
    const receipt = await newCase('rejected', 'Not a public matter.');
    const zh = await lookUp(receipt);
    expect(facts(zh)).not.to.include('办理时限');
    expect(shadow(zh).querySelector('.facts time[datetime]')).not.to.equal(null);
    const en = await lookUp(receipt, 'en');
    expect(facts(en)).not.to.include('Due');
    expect($(en, '.reason').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Reason: Not a public matter.');
    expect(text(en)).not.to.match(/[：；（），、。]/);
    expect(text(en)).not.to.match(/\s:/);
  });

  it('says when a case was closed after its deadline, and not when it was closed in time', async () => {
    const { admin: staff } = await demoStaff();
    let late: string | undefined;
    for await (const found of staff.cases.iterate({ status: ['closed'], limit: 100 })) {
      if (found.closedAt && Date.parse(found.closedAt) > Date.parse(found.dueAt)) {
        late = found.ticket;
        break;
      }
    }
    expect(late, 'the seed has a case closed late').to.be.a('string');
    const el = await lookUp(late!);
    const closed = [...shadow(el).querySelectorAll('.facts > div')].find((d) =>
      d.querySelector('dt')!.textContent!.includes('办结时间'),
    )!;
    expect(closed.textContent).to.include('超过办理时限后办结');
    expect(facts(el)).to.include('办理时限');
    const en = await lookUp(late!, 'en');
    expect(text(en)).to.include('Closed after the deadline');
    await expect(en).to.be.accessible();

    const inTime = await lookUp((await newCase('closed')).ticket);
    expect(text(inTime)).not.to.include('超过办理时限后办结');
  });
});

describe('<gk-case-tracker> priority, dispute and follow-up (the resident’s recourse)', () => {
  const withToken = async (receipt: CaseReceipt, lang = 'zh-CN') =>
    shown(
      await fixture<GkCaseTracker>(
        html`<gk-case-tracker
          lang=${lang}
          base-url=${testServer.apiUrl}
          ticket=${receipt.ticket}
          token=${receipt.trackingToken}
        ></gk-case-tracker>`,
      ),
    );
  const steps = (el: HTMLElement) =>
    [...shadow(el).querySelectorAll('[part="timeline"] > li .action')].map((a) => a.textContent!.trim());
  /** The staff view of a case by ticket (the receipt's id). */
  const onServer = async (receipt: CaseReceipt) => (await demoStaff()).admin.cases.get(receipt.id);

  it('has words for every timeline event type and priority of the contract, in all three catalogs', async () => {
    await Promise.all([loadTexts(caseTrackerMessages, 'zh-TW'), loadTexts(caseTrackerMessages, 'en')]);
    for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
      const m = textsIn(caseTrackerMessages, locale)!;
      for (const type of caseEventTypeValues) {
        expect(m.events[type], `${locale} events.${type}`).to.be.a('string').and.not.equal('');
        expect(m.events[type], `${locale} events.${type}`).not.to.equal(type);
      }
      for (const priority of casePriorityValues) {
        expect(m.priorities[priority], `${locale} priorities.${priority}`).to.be.a('string').and.not.equal('');
      }
      if (locale === 'en') {
        const shown = [...Object.values(m.events), ...Object.values(m.priorities), m.disputeOpen, m.disputeHint('x')];
        for (const words of shown) expect(words).not.to.match(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('shows an urgent case’s priority in words, the deadline it follows from, and the steps that set it', async () => {
    const receipt = await reportCase('in_progress', { gridId: await aLeafGrid(), priority: 'urgent' });
    const el = await withToken(receipt);
    const view = await api.cases.getPublic(receipt.ticket);
    expect(view.priority).to.equal('urgent');
    expect($(el, '[part="priority"]').textContent!.replace(/\s+/g, ' ')).to.include('紧急');
    const due = [...shadow(el).querySelectorAll('.facts > div')].find(
      (d) => d.querySelector('dt')!.textContent === '办理时限',
    )!;
    expect(due.querySelector('time')!.getAttribute('datetime')).to.equal(view.dueAt);
    expect(due.textContent).to.include('按紧急件的时限');
    expect(steps(el)).to.include('受理（按紧急件办理）');
    expect(text(el)).not.to.match(/urgent|prioritize|coordination/);
    await expect(el).to.be.accessible();

    // Staff change it: the badge and the timeline follow, in words.
    const { admin } = await demoStaff();
    const { version } = await admin.cases.get(receipt.id);
    await admin.cases.transition(
      receipt.id,
      { action: 'prioritize', priority: 'coordination', note: '需社区协调' },
      { version },
    );
    const again = await withToken(receipt);
    expect($(again, '[part="priority"]').textContent).to.include('需协调');
    expect(steps(again)).to.include('调整紧急程度（按需协调件办理）');
    const en = await withToken(receipt, 'en');
    expect($(en, '[part="priority"]').textContent).to.include('Needs coordination');
    expect(steps(en)).to.include('Urgency changed (handled as needs coordination)');
    expect(text(en)).not.to.match(/prioritize|in_progress|follow_up/);
    await expect(en).to.be.accessible();

    // An ordinary case has no badge: the default is not news.
    const ordinary = await withToken(await newCase('in_progress'));
    expect(has(ordinary, '[part="priority"]')).to.equal(false);
  });

  it('past its window, a closed case says until when it could be disputed and offers no dispute', async () => {
    // The demo case was closed weeks before the seed's today: its 7 days are long over.
    const { ticket, trackingToken } = testServer.demoCase;
    const view = await createGridkitClient({ baseUrl: testServer.apiUrl }).cases.getPublic(ticket, { trackingToken });
    expect(view.status).to.equal('closed');
    expect(view.canDispute).to.equal(false);
    const el = await withToken({ ticket, trackingToken } as CaseReceipt);
    const until = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(view.disputeUntil!));
    expect($(el, '[part="dispute"]').textContent!.trim()).to.equal(
      `对处理结果有异议可在办结后 7 天内提出，期限已于 ${until} 截止。`,
    );
    expect(has(el, '#dispute-open')).to.equal(false);
    expect(has(el, 'form[part="dispute"]')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('disputes a closed case within its window by keyboard: back in handling, with the reason in the timeline', async () => {
    const receipt = await newCase('closed');
    const el = await withToken(receipt);
    const dispute = $(el, '[part="dispute"]');
    // After the rating in the page order, so the rating comes first (and stays on a kiosk screen).
    expect(
      $(el, 'form[part="rating"]').compareDocumentPosition(dispute) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).to.not.equal(0);
    const open = $<HTMLButtonElement>(el, '#dispute-open');
    expect(open.textContent!.trim()).to.equal('对处理结果有异议');
    expect(open.getBoundingClientRect().height).to.be.at.least(44);
    open.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el)).to.equal('textarea#dispute-reason');
    expect($(el, '#dispute-hint').textContent).to.include('退回重新处理');
    expect($(el, '#dispute-reason').getAttribute('maxlength')).to.equal('500');
    await expect(el).to.be.accessible();

    // Sent empty: said next to the field, the field marked and focused, nothing sent.
    const submit = $<HTMLButtonElement>(el, 'form[part="dispute"] button[type="submit"]');
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '#dispute-note').textContent).to.include('请写明异议理由');
    expect($(el, '#dispute-reason').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#dispute-reason').getAttribute('aria-describedby')).to.include('dispute-note');
    expect(focused(el)).to.equal('textarea#dispute-reason');
    expect((await onServer(receipt)).status).to.equal('closed');
    await expect(el).to.be.accessible();

    const reason = '楼道灯还是不亮，晚上看不见台阶';
    await sendKeys({ type: reason });
    await el.updateComplete;
    expect($(el, '#dispute-note').textContent!.trim()).to.equal('');
    expect($(el, '#dispute-count').textContent).to.include(`${reason.length}/500`);
    const disputed = oneEvent(el, 'gk-case-disputed');
    submit.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' }); // pressed twice, sent once
    expect((await disputed).detail).to.deep.equal({ ticket: receipt.ticket });
    await waitUntil(() => shadow(el).querySelector('.status')?.textContent === '正在处理', 'not back in handling', {
      timeout: 8000,
    });
    await waitUntil(() => focused(el) === 'p#dispute-status', 'focus did not move to the outcome');
    expect($(el, '#dispute-status').textContent).to.include('已收到您的异议，工单已退回重新处理');
    const events = [...shadow(el).querySelectorAll('[part="timeline"] > li')];
    const last = events.at(-1)!;
    expect(last.querySelector('.action')!.textContent!.trim()).to.equal('您对处理结果提出异议，重新处理');
    expect(last.querySelector('.note')!.textContent).to.equal(reason);
    expect(has(el, 'form[part="rating"]')).to.equal(false);
    expect(has(el, '#dispute-open')).to.equal(false);
    await expect(el).to.be.accessible();

    // On the server: back in handling once, the reason in the staff timeline.
    const onStaffSide = await onServer(receipt);
    expect(onStaffSide.status).to.equal('in_progress');
    expect(onStaffSide.disputeCount).to.equal(1);
    expect(onStaffSide.closedAt ?? null).to.equal(null);
    const staffEvents = await (await demoStaff()).admin.cases.events(receipt.id);
    expect(staffEvents.items.filter((e) => e.type === 'dispute').map((e) => e.publicNote)).to.deep.equal([reason]);
  });

  it('says in words when the case stopped being closed meanwhile (409), and disputes nothing twice', async () => {
    const receipt = await newCase('closed');
    const el = await withToken(receipt);
    $<HTMLButtonElement>(el, '#dispute-open').click();
    await el.updateComplete;
    await typeInto(el, '#dispute-reason', '没有修好');
    // The same resident, from their phone, a moment earlier.
    await api.cases.dispute(receipt.ticket, { trackingToken: receipt.trackingToken, reason: '从手机提交：没有修好' });
    $<HTMLButtonElement>(el, 'form[part="dispute"] button[type="submit"]').click();
    await waitUntil(() => shadow(el).querySelector('#dispute-status'), 'no outcome shown', { timeout: 8000 });
    expect($(el, '#dispute-status').textContent).to.include('该工单已不在办结状态');
    await waitUntil(() => shadow(el).querySelector('.status')?.textContent === '正在处理', 'not refreshed');
    expect((await onServer(receipt)).disputeCount).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('says a wrong token is wrong (403), focuses it, and changes nothing', async () => {
    const receipt = await newCase('closed');
    const el = await withToken(receipt);
    $<HTMLButtonElement>(el, '#dispute-open').click();
    await el.updateComplete;
    await typeInto(el, '#dispute-reason', '没有修好');
    // The resident mistypes the token in the form above before sending.
    const token = $<HTMLInputElement>(el, '#token');
    token.focus();
    token.select();
    await sendKeys({ type: 'ZZZZ-ZZZZ-ZZZZ' });
    $<HTMLButtonElement>(el, 'form[part="dispute"] button[type="submit"]').click();
    await waitUntil(() => $(el, '#dispute-note').textContent!.includes('查询码不正确'), 'no token error', {
      timeout: 8000,
    });
    expect(focused(el)).to.equal('input#token');
    expect(token.getAttribute('aria-invalid')).to.equal('true');
    const after = await onServer(receipt);
    expect(after.status).to.equal('closed');
    expect(after.disputeCount ?? 0).to.equal(0);
  });

  it('shows the follow-up a score of 1 opened, with the token only, and when it was done', async () => {
    const receipt = await newCase('closed');
    await api.cases.evaluate(receipt.ticket, { trackingToken: receipt.trackingToken, score: 1, comment: '没修好' });
    const el = await withToken(receipt);
    expect($(el, '[part="follow-up"]').textContent).to.include('回访中');
    expect(steps(el)).to.include('评分较低，安排回访');
    await expect(el).to.be.accessible();

    const byTicket = await shown(
      await fixture<GkCaseTracker>(
        html`<gk-case-tracker base-url=${testServer.apiUrl} ticket=${receipt.ticket}></gk-case-tracker>`,
      ),
    );
    expect(has(byTicket, '[part="follow-up"]')).to.equal(false);
    expect(text(byTicket)).not.to.include('没修好');
    // It says what the token unlocks, the dispute included.
    expect($(byTicket, '[part="token-note"]').textContent).to.include('对处理结果提出异议');

    const { supervisor } = await demoStaff();
    const { version } = await supervisor.cases.get(receipt.id);
    await supervisor.cases.recordFollowUp(
      receipt.id,
      { outcome: 'explained', note: '电话回访，已说明情况' },
      { version },
    );
    const done = await withToken(receipt);
    expect($(done, '[part="follow-up"]').textContent).to.include('已回访');
    expect(steps(done)).to.include('完成回访');
    expect(text(done)).not.to.include('电话回访，已说明情况');
    const en = await withToken(receipt, 'en');
    expect($(en, '[part="follow-up"]').textContent).to.include('Followed up');
    await expect(done).to.be.accessible();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`keeps an urgent closed case's rating button on a 1920×1080 kiosk screen, the dispute after it, in ${lang}`, async () => {
      // Urgent: the badge and the deadline's words are the most the new states add above the rating.
      const receipt = await reportCase('closed', { priority: 'urgent', description: '自助终端异议测试：路灯仍不亮' });
      await setViewport(1920, 1080);
      try {
        const kiosk = await fixture<HTMLElement>(
          html`<gk-kiosk lang=${lang} base-url=${testServer.apiUrl} grid-id=${demoGridId}></gk-kiosk>`,
        );
        await waitUntil(() => kiosk.shadowRoot!.querySelector('[data-choice="track"]'), 'no home');
        kiosk.shadowRoot!.querySelector<HTMLElement>('[data-choice="track"]')!.click();
        await waitUntil(() => kiosk.shadowRoot!.querySelector('gk-case-tracker'), 'no tracker');
        const el = kiosk.shadowRoot!.querySelector<GkCaseTracker>('gk-case-tracker')!;
        el.setAttribute('ticket', receipt.ticket);
        el.setAttribute('token', receipt.trackingToken);
        await waitUntil(() => shadow(el).querySelector('#dispute-open'), 'no dispute action', { timeout: 8000 });
        expect(has(el, '[part="priority"]')).to.equal(true);
        const send = $(el, 'form[part="rating"] button[type="submit"]').getBoundingClientRect();
        expect(send.bottom, 'the rating button is below the screen').to.be.at.most(1080);
        const dispute = $(el, '#dispute-open').getBoundingClientRect();
        expect(dispute.top).to.be.at.least(send.bottom);
        expect(dispute.height).to.be.at.least(48);
      } finally {
        await setViewport(800, 600);
      }
    });
  }
});
