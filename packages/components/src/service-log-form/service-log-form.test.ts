import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
// Real key presses through Playwright (trusted events).
import { sendKeys } from '@web/test-runner-commands';
import { createGridkitClient, type ServiceLogSummary } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import '../define/service-log-form.js';
import '../define/provider.js';
import type { GkServiceLogForm } from './service-log-form.js';
import { shanghaiDate } from './service-day.js';
import { serviceLogFormMessages } from './messages.js';
import { textsIn, type Locale } from '../messages/index.js';
import type { GkProvider } from '../provider/provider.js';
import { testServer } from '../test-support/server.js';
import { runDesignedStatesSuite } from '../test-support/designed-states-suite.js';
import { runNotSetUpSuite } from '../test-support/not-set-up-suite.js';

type DemoToken = (typeof testServer.tokens)[number] & { staffId: string; name: string };
const tokens = testServer.tokens as DemoToken[];
const worker = (token: string) => tokens.find((t) => t.token === token)!;
/** Each test family uses its own worker, so their entries and month figures do not mix. */
const creator = worker('demo-worker-qiaobei-02');
const summed = worker('demo-worker-caihong-06');
const twoGrids = worker('demo-worker-qiaobei-0304');
const reloaded = worker('demo-worker-yingyue-01');

const staffClient = (token: string) => createGridkitClient({ baseUrl: testServer.apiUrl, token });
const publicApi = createGridkitClient({ baseUrl: testServer.apiUrl });
const zh = serviceLogFormMessages['zh-CN'];

const shadow = (el: HTMLElement) => el.shadowRoot!;
const text = (el: HTMLElement) => shadow(el).textContent!.replace(/\s+/g, ' ');
const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) =>
  shadow(el).querySelector<T>(selector)!;
const focusedId = (el: HTMLElement) => {
  const active = shadow(el).activeElement as HTMLElement | null;
  return active ? active.id || active.className : null;
};
const digits = (value: string | null | undefined) => Number((value ?? '').replace(/[^\d]/g, ''));

async function typeInto(el: HTMLElement, selector: string, value: string) {
  $<HTMLElement>(el, selector).focus();
  await sendKeys({ type: value });
}
async function press(el: HTMLElement, selector: string, key: string) {
  $<HTMLElement>(el, selector).focus();
  await sendKeys({ press: key });
}

const draftKey = (staffId: string, gridId: string) => `gridkit:service-log-draft:${staffId}:${gridId}`;

async function ready(el: GkServiceLogForm) {
  await waitUntil(() => shadow(el).querySelector('form, [part="state"][role="alert"]'), 'form never shown', {
    timeout: 8000,
  });
  return el;
}
async function listed(el: GkServiceLogForm) {
  await waitUntil(() => shadow(el).querySelector('.today .logs, .today .empty'), "today's list never shown", {
    timeout: 8000,
  });
  await waitUntil(() => shadow(el).querySelector('.month .figures'), 'month never shown', { timeout: 8000 });
  return el;
}

/** A form with its own base-url and staff token; a fresh outbox database per element, so tests do not share one. */
function form(
  who: DemoToken,
  options: {
    lang?: string;
    gridId?: string | null;
    kiosk?: boolean;
    idleReset?: number;
    idleGrace?: number;
    keepDraft?: boolean;
  } = {},
) {
  if (!options.keepDraft) for (const id of who.gridIds) localStorage.removeItem(draftKey(who.staffId, id));
  const client = staffClient(who.token);
  const outbox = createOutbox(client, { name: `test-service-log-${Math.random().toString(36).slice(2)}` });
  return fixture<GkServiceLogForm>(
    html`<gk-service-log-form
      lang=${options.lang ?? 'zh-CN'}
      base-url=${testServer.apiUrl}
      token=${who.token}
      grid-id=${ifDefined(options.gridId === null ? undefined : (options.gridId ?? who.gridIds[0]))}
      ?kiosk=${options.kiosk ?? false}
      idle-reset=${options.idleReset ?? 0}
      idle-grace=${options.idleGrace ?? 1}
      .outbox=${outbox}
    ></gk-service-log-form>`,
  ).then(ready);
}

/** Reads the month's figures as shown. */
function shownSummary(el: GkServiceLogForm) {
  const figure = (name: string) => digits($(el, `[data-figure="${name}"] dd`).textContent);
  const kinds = [...shadow(el).querySelectorAll<HTMLTableRowElement>('tr[data-kind]')].map((row) => ({
    kind: row.dataset['kind'],
    entries: digits(row.cells[1]!.textContent),
    minutes: digits(row.cells[2]!.textContent),
  }));
  const groups = [...shadow(el).querySelectorAll<HTMLElement>('tr[data-group]')].map((row) => ({
    subjectGroup: row.dataset['group'],
    entries: digits((row as HTMLTableRowElement).cells[1]!.textContent),
  }));
  return {
    entries: figure('entries'),
    minutes: figure('minutes'),
    days: figure('days'),
    households: figure('households'),
    kinds,
    groups,
  };
}
function serverFigures(summary: ServiceLogSummary) {
  return {
    entries: summary.entries,
    minutes: summary.minutes,
    days: summary.byDay.filter((d) => d.entries > 0).length,
    households: summary.households,
    kinds: summary.byKind.map(({ kind, entries, minutes }) => ({ kind, entries, minutes })),
    groups: summary.bySubjectGroup.map(({ subjectGroup, entries }) => ({ subjectGroup, entries })),
  };
}

// Signed in as a worker, so a released request and a retry lead to the form, today's list and the month
// (loading here only reads: no entry is made, and the worker's default outbox stays empty).
runDesignedStatesSuite({
  tag: 'gk-service-log-form',
  token: summed.token,
  ready: {
    what: "the form, today's list and the month",
    when: (root) =>
      root.querySelector('form') !== null &&
      root.querySelector('.today .logs, .today .empty') !== null &&
      root.querySelector('.month .figures') !== null,
  },
});

// What the page's developer sees when the page forgot the client: as the read widgets' "not set up" state.
runNotSetUpSuite({
  tag: 'gk-service-log-form',
  bare: html`<gk-service-log-form token=${summed.token}></gk-service-log-form>`,
  inProvider: html`<gk-provider token=${summed.token}><gk-service-log-form></gk-service-log-form></gk-provider>`,
  notShown: /暂时无法加载|服务器没有正常响应|网络已断开|无法连接服务器|需要工作人员登录/,
});

describe('<gk-service-log-form>', () => {
  it('records an entry typed with real key presses; it shows in today’s list and is on the server', async () => {
    const el = await listed(await form(creator));
    const before = shownSummary(el).entries;
    const summary = `入户走访独居老人，检查燃气 ${Date.now()}`;

    await press(el, '.quick button[data-kind="visit"]', 'Enter');
    expect(focusedId(el), 'quick entry focuses the summary').to.equal('summary');
    await sendKeys({ type: summary });
    await press(el, '#group-elderly_alone', 'Space');
    await press(el, '#group-chronically_ill', 'Space');
    await typeInto(el, '#household', '5-2-301');
    await typeInto(el, '#minutes', '35');
    await press(el, '#outcome-followup_needed', 'Space');
    expect(localStorage.getItem(draftKey(creator.staffId, creator.gridIds[0]!)), 'draft kept while typing').to.include(
      summary,
    );

    const saved = oneEvent(el, 'gk-service-log-saved');
    const everySaved: Event[] = [];
    el.addEventListener('gk-service-log-saved', (event) => everySaved.push(event));
    await press(el, 'button[type="submit"]', 'Enter');
    const { detail } = await saved;
    expect(detail.serviceLog.summary).to.equal(summary);

    await waitUntil(
      () => text(el).includes(summary) && shadow(el).querySelector('.today .logs'),
      'not in today’s list',
    );
    const item = [...shadow(el).querySelectorAll('.today .log')].find((li) => li.textContent!.includes(summary))!;
    expect(item.textContent).to.include('走访').and.include('35').and.include('需跟进').and.include('5-2-301');
    expect(text(el)).to.include(zh.savedTitle);
    expect($<HTMLTextAreaElement>(el, '#summary').value, 'form emptied for the next entry').to.equal('');
    expect(localStorage.getItem(draftKey(creator.staffId, creator.gridIds[0]!)), 'draft cleared on save').to.equal(
      null,
    );

    // On the server, exactly once, with what was typed.
    const page = await staffClient(creator.token).serviceLogs.list({ workerId: creator.staffId, limit: 100 });
    const stored = page.items.filter((log) => log.summary === summary);
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ kind: 'visit', minutes: 35, outcome: 'followup_needed', householdRef: '5-2-301' });
    expect(stored[0]!.subjectGroups).to.deep.equal(['elderly_alone', 'chronically_ill']);
    expect(shanghaiDate(new Date(stored[0]!.occurredAt))).to.equal(shanghaiDate());

    await waitUntil(() => shownSummary(el).entries === before + 1, 'month summary not updated after the save');
    expect(everySaved, 'one event, though the outbox also reports the entry sent').to.have.length(1);
  });

  it('links a case by its work-order number, typed as a person would', async () => {
    const admin = tokens.find((t) => t.token === 'demo-admin-district')!;
    const found = (await staffClient(admin.token).cases.list({ gridId: creator.gridIds[0]!, limit: 1 })).items[0]!;
    const el = await form(creator);
    await press(el, '.quick button[data-kind="mediation"]', 'Enter');
    await sendKeys({ type: '调解楼上楼下噪音纠纷，已立案' });
    await press(el, '#group-general', 'Space');
    await typeInto(el, '#minutes', '60');
    await press(el, '#outcome-case_opened', 'Space');
    await typeInto(el, '#ticket', ` ${found.ticket.toLowerCase().replace(/-/g, ' ')} `);
    const saved = oneEvent(el, 'gk-service-log-saved');
    await press(el, 'button[type="submit"]', 'Enter');
    expect((await saved).detail.serviceLog.caseId).to.equal(found.id);
  });

  it('shows the month’s figures exactly as the server sums them', async () => {
    // Early on the 1st the seed has nothing yet this month: record a few entries first, as the worker.
    const api = staffClient(summed.token);
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const gridId = summed.gridIds[0]!;
    await api.serviceLogs.create({
      gridId,
      occurredAt,
      kind: 'visit',
      subjectGroups: ['elderly_alone', 'disabled'],
      householdRef: '3-1-201',
      summary: '走访',
      minutes: 40,
      outcome: 'resolved',
    });
    await api.serviceLogs.create({
      gridId,
      occurredAt,
      kind: 'registration',
      subjectGroups: ['newcomer'],
      householdRef: '3-1-201',
      summary: '登记',
      minutes: 30,
      outcome: 'resolved',
    });
    await api.serviceLogs.create({
      gridId,
      occurredAt,
      kind: 'inspection',
      subjectGroups: ['general'],
      summary: '巡查',
      minutes: 720,
      outcome: 'referred',
    });
    const el = await listed(await form(summed));
    const server = await api.serviceLogs.summary({ month: shanghaiDate().slice(0, 7), workerId: summed.staffId });
    expect(server.entries).to.be.greaterThan(2);
    expect(shownSummary(el)).to.deep.equal(serverFigures(server));
    expect(shownSummary(el).kinds).to.have.length(7);
    expect(shownSummary(el).groups).to.have.length(9);
  });

  it('explains a grid outside the worker’s jurisdiction (the server answers 403)', async () => {
    const outside = (await publicApi.grids.list({ level: 'grid', limit: 50 })).items.find(
      (g) => !creator.gridIds.includes(g.id),
    )!;
    // The server decides…
    let status = 0;
    await staffClient(creator.token)
      .serviceLogs.list({ gridId: outside.id })
      .catch((error: { status: number }) => (status = error.status));
    expect(status).to.equal(403);
    // …and the widget explains.
    const el = await form(creator, { gridId: outside.id });
    await waitUntil(() => shadow(el).querySelector('.forbidden'), 'no jurisdiction message', { timeout: 8000 });
    expect(text(el)).to.include(zh.forbiddenTitle).and.include(outside.name).and.include('桥北社区第二网格');
    expect(shadow(el).querySelector('form'), 'no form for a grid one may not record in').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('offers a picker for a worker with several grids and keeps a draft per grid', async () => {
    const el = await listed(await form(twoGrids, { gridId: null }));
    const select = $<HTMLSelectElement>(el, '#grid');
    expect([...select.options].map((o) => o.value)).to.deep.equal(twoGrids.gridIds);
    await typeInto(el, '#summary', '第三网格的草稿');
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => $<HTMLTextAreaElement>(el, '#summary').value === '', 'second grid did not start empty');
    select.focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => $<HTMLTextAreaElement>(el, '#summary').value === '第三网格的草稿', 'first grid’s draft lost');
  });

  it('keeps a draft across a reload (a new element finds it)', async () => {
    const first = await form(creator);
    await typeInto(first, '#summary', '帮助失业人员登记求职信息');
    await typeInto(first, '#minutes', '25');
    await press(first, '#group-unemployed', 'Space');
    first.remove();

    const again = await form(creator, { keepDraft: true });
    expect($<HTMLTextAreaElement>(again, '#summary').value).to.equal('帮助失业人员登记求职信息');
    expect($<HTMLInputElement>(again, '#minutes').value).to.equal('25');
    expect($<HTMLInputElement>(again, '#group-unemployed').checked).to.equal(true);
    localStorage.removeItem(draftKey(creator.staffId, creator.gridIds[0]!));
  });

  it('shows required-field errors after a failed save: summary focused, linked to the fields', async () => {
    const el = await form(creator);
    expect($(el, '#summary').getAttribute('aria-invalid')).to.equal('false');
    expect(shadow(el).querySelector('.error-summary')).to.equal(null);

    await press(el, 'button[type="submit"]', 'Enter');
    await waitUntil(() => shadow(el).querySelector('.error-summary'));
    expect(focusedId(el)).to.equal('error-summary');
    const links = [...shadow(el).querySelectorAll<HTMLAnchorElement>('.error-summary a')].map(
      (a) => a.dataset['field'],
    );
    expect(links).to.deep.equal(['minutes', 'kind', 'subjectGroups', 'summary', 'outcome']);
    expect($(el, '#summary').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#summary-error').textContent).to.equal(zh.errors.summary);
    await expect(el).to.be.accessible();

    // A link takes the worker to the field (Enter on a focused link, as a keyboard user would).
    shadow(el).querySelector<HTMLAnchorElement>('.error-summary a[data-field="minutes"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(focusedId(el)).to.equal('minutes');
    // Fixing a field takes its error away, here and in the summary.
    await sendKeys({ type: '20' });
    await el.updateComplete;
    expect($(el, '#minutes').getAttribute('aria-invalid')).to.equal('false');
    expect(shadow(el).querySelector('.error-summary a[data-field="minutes"]')).to.equal(null);
  });

  it('shows a field’s error only once it was touched and changed (Lion style)', async () => {
    const el = await form(creator);
    await typeInto(el, '#minutes', '0');
    await el.updateComplete;
    expect($(el, '#minutes').getAttribute('aria-invalid'), 'not while typing the first time').to.equal('false');
    $(el, '#summary').focus(); // leaves the field
    await el.updateComplete;
    expect($(el, '#minutes').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#minutes-error').textContent).to.equal(zh.errors.minutes);
    // A field only visited (touched, not changed) shows nothing.
    $(el, '#household').focus();
    await el.updateComplete;
    expect($(el, '#summary').getAttribute('aria-invalid')).to.equal('false');
    expect(shadow(el).querySelector('.error-summary')).to.equal(null);
  });

  it('maps a 422 from the server onto the field it names', async () => {
    // A device clock far ahead: the entry's time reaches the server in the future, which answers 422 /body/occurredAt.
    const skewed = createGridkitClient({
      baseUrl: testServer.apiUrl,
      token: creator.token,
      fetch: async (input, init) => {
        const request = new Request(input as Request, init);
        if (request.method !== 'POST') return fetch(request);
        const body = (await request.json()) as { occurredAt: string };
        body.occurredAt = new Date(Date.now() + 86_400_000).toISOString();
        return fetch(new Request(request, { body: JSON.stringify(body) }));
      },
    });
    const el = await form(creator);
    el.outbox = createOutbox(skewed, { name: `test-service-log-skew-${Date.now()}` });
    await press(el, '.quick button[data-kind="inspection"]', 'Enter');
    await sendKeys({ type: '巡查小区消防通道' });
    await press(el, '#group-general', 'Space');
    await typeInto(el, '#minutes', '30');
    await press(el, '#outcome-resolved', 'Space');
    await press(el, 'button[type="submit"]', 'Enter');
    await waitUntil(
      () => shadow(el).querySelector('.error-summary a[data-field="date"]'),
      'no date error from the server',
    );
    expect(focusedId(el)).to.equal('error-summary');
    expect($(el, '#date').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#date-error').textContent).to.match(/future|未来|将来|晚于/i);
    expect($<HTMLTextAreaElement>(el, '#summary').value, 'nothing typed is lost').to.equal('巡查小区消防通道');
    expect((await el.outbox.pending()).length, 'the refused copy is not kept twice').to.equal(0);
  });

  it('keeps an entry made offline on the device, says so, and sends it when the network is back', async () => {
    let online = false;
    const flaky = createGridkitClient({
      baseUrl: testServer.apiUrl,
      token: creator.token,
      retry: false,
      fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch'))),
    });
    const outbox = createOutbox(flaky, { name: `test-service-log-offline-${Date.now()}`, autoFlush: false });
    const el = await listed(await form(creator));
    el.outbox = outbox;
    const summary = `离线登记 ${Date.now()}`;
    await press(el, '.quick button[data-kind="assistance"]', 'Enter');
    await sendKeys({ type: summary });
    await press(el, '#group-hardship', 'Space');
    await typeInto(el, '#minutes', '15');
    await press(el, '#outcome-resolved', 'Space');
    const queued = oneEvent(el, 'gk-service-log-queued');
    await press(el, 'button[type="submit"]', 'Enter');
    await queued;
    await waitUntil(() => shadow(el).querySelector('.note.queued') && shadow(el).querySelector('.badge.pending'));
    expect(text(el)).to.include(zh.queuedTitle).and.include(summary);
    await expect(el).to.be.accessible();

    online = true;
    const saved = oneEvent(el, 'gk-service-log-saved');
    await outbox.flush();
    expect((await saved).detail.serviceLog.summary).to.equal(summary);
    await waitUntil(
      () => !shadow(el).querySelector('.badge.pending') && text(el).includes(summary),
      'list not updated',
    );
    const page = await staffClient(creator.token).serviceLogs.list({ workerId: creator.staffId, limit: 100 });
    expect(page.items.filter((log) => log.summary === summary)).to.have.length(1);
    outbox.close();
  });

  describe('an entry queued by an earlier page or element', () => {
    /** The worker's client on one page; POSTs fail while `network.online` is false. */
    const network = { online: false };
    const pageClient = () =>
      createGridkitClient({
        baseUrl: testServer.apiUrl,
        token: reloaded.token,
        retry: false,
        fetch: (input, init) => {
          const request = new Request(input as Request, init);
          if (!network.online && request.method === 'POST') return Promise.reject(new TypeError('Failed to fetch'));
          return fetch(request);
        },
      });
    async function queueOne(el: GkServiceLogForm, summary: string) {
      await press(el, '.quick button[data-kind="visit"]', 'Enter');
      await sendKeys({ type: summary });
      await press(el, '#group-elderly_alone', 'Space');
      await typeInto(el, '#minutes', '20');
      await press(el, '#outcome-resolved', 'Space');
      const queued = oneEvent(el, 'gk-service-log-queued');
      await press(el, 'button[type="submit"]', 'Enter');
      await queued;
    }
    const onServer = async (summary: string) =>
      (await staffClient(reloaded.token).serviceLogs.list({ workerId: reloaded.staffId, limit: 100 })).items.filter(
        (log) => log.summary === summary,
      );
    beforeEach(() => {
      network.online = false;
      for (const id of reloaded.gridIds) localStorage.removeItem(draftKey(reloaded.staffId, id));
    });

    it('a second element on the shared outbox fires gk-service-log-saved when it is sent, and lists it', async () => {
      const outbox = createOutbox(pageClient(), { name: `test-service-log-shared-${Date.now()}`, autoFlush: false });
      const mount = () =>
        fixture<GkServiceLogForm>(
          html`<gk-service-log-form
            base-url=${testServer.apiUrl}
            token=${reloaded.token}
            grid-id=${reloaded.gridIds[0]!}
            .outbox=${outbox}
          ></gk-service-log-form>`,
        ).then(ready);
      const first = await listed(await mount());
      const summary = `另一表单离线登记 ${Date.now()}`;
      await queueOne(first, summary);
      first.remove();

      const second = await listed(await mount());
      await waitUntil(() => shadow(second).querySelector('.badge.pending'), 'queued entry not listed as pending');
      expect(text(second)).to.include(summary);
      network.online = true;
      const saved = oneEvent(second, 'gk-service-log-saved');
      await outbox.flush();
      const { detail } = await saved;
      expect(detail.serviceLog).to.include({ summary, workerId: reloaded.staffId, kind: 'visit', minutes: 20 });
      await waitUntil(
        () => !shadow(second).querySelector('.badge.pending') && text(second).includes(summary),
        'today’s list not updated',
      );
      expect($(second, `.today .log[data-id="${detail.serviceLog.id}"]`).textContent).to.include(summary);
      expect(text(second)).to.include(zh.sentLater);
      expect(await outbox.pending()).to.deep.equal([]);
      expect((await onServer(summary)).map((log) => log.id)).to.deep.equal([detail.serviceLog.id]);
      outbox.close();
    });

    it('after a reload (a new client, its own outbox on the same scope) the new form fires it when the network is back', async () => {
      // Page 1: the widget's own outbox for this worker (scope service-log:<staff id>), offline.
      const page1 = await fixture<GkProvider>(
        html`<gk-provider .client=${pageClient()} grid-id=${reloaded.gridIds[0]!}
          ><gk-service-log-form></gk-service-log-form
        ></gk-provider>`,
      );
      const first = await listed(await ready(page1.querySelector('gk-service-log-form')!));
      const summary = `重新加载后发送 ${Date.now()}`;
      await queueOne(first, summary);
      page1.remove();

      // Page 2: a new client, so a new outbox on the same database, as after a reload.
      const page2 = await fixture<GkProvider>(
        html`<gk-provider .client=${pageClient()} grid-id=${reloaded.gridIds[0]!}
          ><gk-service-log-form></gk-service-log-form
        ></gk-provider>`,
      );
      const second = await listed(await ready(page2.querySelector('gk-service-log-form')!));
      await waitUntil(() => text(second).includes(summary), 'the earlier page’s entry not listed as pending');
      expect(shadow(second).querySelector('.badge.pending')).not.to.equal(null);
      expect(await onServer(summary)).to.have.length(0);

      const saved = oneEvent(second, 'gk-service-log-saved');
      network.online = true;
      window.dispatchEvent(new Event('online'));
      const { detail } = await saved;
      expect(detail.serviceLog).to.include({ summary, workerId: reloaded.staffId });
      await waitUntil(
        () => !shadow(second).querySelector('.badge.pending') && text(second).includes(summary),
        'today’s list not updated',
      );
      expect($(second, `.today .log[data-id="${detail.serviceLog.id}"]`).textContent).to.include(summary);
      expect((await onServer(summary)).map((log) => log.id)).to.deep.equal([detail.serviceLog.id]);
    });
  });

  it('explains that a staff sign-in is needed when there is no token (401)', async () => {
    const el = await fixture<GkServiceLogForm>(
      html`<gk-service-log-form base-url=${testServer.apiUrl}></gk-service-log-form>`,
    );
    await waitUntil(() => text(el).includes(zh.signInTitle), 'no sign-in message', { timeout: 8000 });
    expect(text(el)).to.include(zh.signInDetail);
    await expect(el).to.be.accessible();
  });

  for (const lang of ['zh-CN', 'zh-TW', 'en']) {
    it(`is accessible in ${lang}, with today’s list and the month`, async () => {
      const el = await listed(await form(summed, { lang }));
      expect(text(el)).to.include(textsIn(serviceLogFormMessages, lang as Locale)!.title);
      await expect(el).to.be.accessible();
    });
  }

  it('kiosk: the idle reset clears the draft from the screen and from storage', async () => {
    const el = await form(creator, { kiosk: true, idleReset: 1, idleGrace: 3 });
    await typeInto(el, '#summary', '走访记录不应留给下一位');
    await typeInto(el, '#household', '9-9-909');
    expect(localStorage.getItem(draftKey(creator.staffId, creator.gridIds[0]!))).to.include('9-9-909');
    const reset = oneEvent(el, 'gk-reset');
    $<HTMLElement>(el, '#summary').blur();
    await waitUntil(() => shadow(el).querySelector('.idle-prompt'), 'no “still there?” prompt', { timeout: 4000 });
    expect($(el, '.idle-prompt').textContent).to.include('秒后将清空');
    await expect(el).to.be.accessible();
    await reset;
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#summary').value).to.equal('');
    expect($<HTMLInputElement>(el, '#household').value).to.equal('');
    expect(shadow(el).innerHTML).not.to.include('9-9-909');
    expect(localStorage.getItem(draftKey(creator.staffId, creator.gridIds[0]!))).to.equal(null);
  });
});
