import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createGridkitClient } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import '../define/service-log-form.js';
import type { GkServiceLogForm } from './service-log-form.js';
import { serviceLogFormMessages } from './messages.js';
import { testServer } from '../test-support/server.js';
import { fillDisk } from '../test-support/full-disk.js';
import { $, root, sendKeys, text } from '../issue-reporter/test-helpers.js';

type DemoToken = (typeof testServer.tokens)[number] & { staffId: string };
/** A worker no other service-log test writes for, so the server check below sees only this test's entries. */
const worker = (testServer.tokens as DemoToken[]).find((t) => t.token === 'demo-worker-qiaobei-0304')!;
const zh = serviceLogFormMessages['zh-CN'];
const draftKey = `gridkit:service-log-draft:${worker.staffId}:${worker.gridIds[0]}`;

/** The worker's client, recording every request that would change something on the server. */
function countingClient() {
  const writes: string[] = [];
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    token: worker.token,
    retry: false,
    fetch: (input, init) => {
      const request = new Request(input as Request, init);
      if (request.method !== 'GET') writes.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
  });
  return { client, writes };
}

async function press(el: HTMLElement, selector: string, key: string) {
  $<HTMLElement>(el, selector).focus();
  await sendKeys({ press: key });
}
async function typeInto(el: HTMLElement, selector: string, value: string) {
  $<HTMLElement>(el, selector).focus();
  await sendKeys({ type: value });
}

describe('<gk-service-log-form> on a full disk', () => {
  it('says the device could not keep the entry, keeps everything typed, and sends nothing', async () => {
    localStorage.removeItem(draftKey);
    const { client, writes } = countingClient();
    const outbox = createOutbox(client, { name: `service-log-quota-${Date.now()}`, baseDelayMs: 20, maxDelayMs: 50 });
    const el = await fixture<GkServiceLogForm>(
      html`<gk-service-log-form
        base-url=${testServer.apiUrl}
        token=${worker.token}
        grid-id=${worker.gridIds[0]!}
        .outbox=${outbox}
      ></gk-service-log-form>`,
    );
    await waitUntil(() => root(el).querySelector('form'), 'form never shown', { timeout: 8000 });
    const summary = `调解车位纠纷，双方达成一致 ${Date.now().toString(36)}`;

    await press(el, '.quick button[data-kind="mediation"]', 'Enter');
    await sendKeys({ type: summary });
    await press(el, '#group-general', 'Space');
    await press(el, '#group-newcomer', 'Space');
    await typeInto(el, '#household', '7-3-502');
    await typeInto(el, '#minutes', '45');
    await press(el, '#outcome-resolved', 'Space');
    const errors: Event[] = [];
    el.addEventListener('gk-error', (event) => errors.push(event));

    const disk = fillDisk();
    try {
      await press(el, 'button[type="submit"]', 'Enter');
      await waitUntil(() => root(el).querySelector('.note.failed'), 'no message on a full disk', { timeout: 8000 });
    } finally {
      disk.restore();
    }
    await el.updateComplete;

    // What the worker sees: the message, announced and focused.
    const note = $(el, '.note.failed');
    expect(note.getAttribute('role')).to.equal('alert');
    expect(note.textContent).to.include(zh.saveFailed).and.include(zh.storageFailed);
    expect(root(el).activeElement).to.equal(note);
    expect(errors).to.have.length(1);
    // Everything typed is still in the form, and in the draft kept for a reload.
    expect($<HTMLTextAreaElement>(el, '#summary').value).to.equal(summary);
    expect($<HTMLInputElement>(el, '#kind-mediation').checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#group-general').checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#group-newcomer').checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#household').value).to.equal('7-3-502');
    expect($<HTMLInputElement>(el, '#minutes').value).to.equal('45');
    expect($<HTMLInputElement>(el, '#outcome-resolved').checked).to.equal(true);
    expect(localStorage.getItem(draftKey)).to.include(summary);
    expect(text(el)).not.to.include(zh.queuedTitle);
    await expect(el).to.be.accessible();
    // Nothing reached the server, and nothing waits on the device to be sent later.
    await outbox.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(writes, 'writes sent').to.deep.equal([]);
    expect(await outbox.pending()).to.deep.equal([]);
    const onServer = await client.serviceLogs.list({ workerId: worker.staffId, limit: 100 });
    expect(onServer.items.filter((log) => log.summary === summary)).to.have.length(0);

    // Room again: the same Save stores it once, with what was typed.
    const saved = oneEvent(el, 'gk-service-log-saved');
    await press(el, 'button[type="submit"]', 'Enter');
    const { detail } = await saved;
    expect(detail.serviceLog).to.include({
      kind: 'mediation',
      minutes: 45,
      outcome: 'resolved',
      householdRef: '7-3-502',
    });
    expect(detail.serviceLog.subjectGroups).to.deep.equal(['newcomer', 'general']);
    const after = await client.serviceLogs.list({ workerId: worker.staffId, limit: 100 });
    expect(after.items.filter((log) => log.summary === summary)).to.have.length(1);
    outbox.close();
  });
});
