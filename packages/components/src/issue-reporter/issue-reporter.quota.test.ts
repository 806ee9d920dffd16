import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createGridkitClient } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import '../define/issue-reporter.js';
import '../define/provider.js';
import type { GkIssueReporter } from './issue-reporter.js';
import { issueReporterMessages } from './messages.js';
import { issueReporterLaterMessages } from './messages.later.js';
import { testServer } from '../test-support/server.js';
import { fillDisk } from '../test-support/full-disk.js';
import { $, $$, choose, focused, photoFile, root, text, untilStep } from './test-helpers.js';

const zh = { ...issueReporterMessages['zh-CN'], ...issueReporterLaterMessages['zh-CN'] };
const api = createGridkitClient({ baseUrl: testServer.apiUrl });
const admin = testServer.tokens.find((t) => t.role === 'admin')!;
const staff = createGridkitClient({ baseUrl: testServer.apiUrl, token: admin.token });

/** A public client that records every request that would change something on the server. */
function countingClient() {
  const writes: string[] = [];
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    retry: false,
    fetch: (input, init) => {
      const request = new Request(input as Request, init);
      if (request.method !== 'GET') writes.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
  });
  return { client, writes };
}

/** A step is on screen and settled, as a resident sees it before answering. */
async function step(el: GkIssueReporter, name: string) {
  await untilStep(el, name);
  await el.updateComplete;
}
/** A click, then the screen settles, as between two taps of a resident. */
async function click(el: GkIssueReporter, selector: string) {
  $<HTMLElement>(el, selector).click();
  await el.updateComplete;
}
async function type(el: GkIssueReporter, selector: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  field.value = value;
  field.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

describe('<gk-issue-reporter> on a full disk', () => {
  it('says the device is full, keeps every answer, and sends nothing', async () => {
    const grid = (await api.grids.list({ level: 'grid', limit: 1 })).items[0]!;
    const { client, writes } = countingClient();
    const outbox = createOutbox(client, { name: `reporter-quota-${Date.now()}`, baseDelayMs: 20, maxDelayMs: 50 });
    const el = await fixture<GkIssueReporter>(
      html`<gk-provider .client=${client} grid-id=${grid.id}
        ><gk-issue-reporter .outbox=${outbox}></gk-issue-reporter
      ></gk-provider>`,
    ).then((p) => p.querySelector('gk-issue-reporter')!);
    const marker = `quota-${Date.now().toString(36)}`;
    const description = `楼道里堆满旧家具，挡住了消防通道 ${marker}`;

    // A report with an answer in every step: category, its fields, address, a photo, description, contact.
    await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
    await click(el, 'input[value="env.garbage"]');
    await click(el, 'button[type="submit"]');
    await step(el, 'details');
    await click(el, '#attr-garbage_type-2'); // 大件垃圾
    await click(el, '#attr-blocking_path'); // 是
    await click(el, 'button[type="submit"]');
    await step(el, 'where');
    await type(el, '#address', '桥北路 23 号院 5 号楼一单元');
    await click(el, 'button[type="submit"]');
    await step(el, 'photos');
    choose($(el, '#photo-library'), [await photoFile()]);
    await waitUntil(() => root(el).querySelector('.thumb-ready canvas'), 'photo not prepared', { timeout: 20000 });
    await click(el, 'button[type="submit"]');
    await step(el, 'describe');
    await type(el, '#description', description);
    await click(el, 'button[type="submit"]');
    await step(el, 'contact');
    await click(el, '#contact');
    await type(el, '#name', '赵阿姨');
    await type(el, '#phone', '13700137000');
    await click(el, 'button[type="submit"]');
    await step(el, 'review');
    const answers = ['大件垃圾', '是', '桥北路 23 号院 5 号楼一单元', description, '赵阿姨 · 13700137000'];
    const review = () => $(el, '[part="review"]').textContent!.replace(/\s+/g, ' ');
    for (const answer of answers) expect(review()).to.include(answer);

    const disk = fillDisk();
    try {
      await click(el, 'button[type="submit"]');
      await waitUntil(() => root(el).querySelector('#error-summary'), 'no message on a full disk', { timeout: 8000 });
    } finally {
      disk.restore();
    }
    await el.updateComplete;

    // What the resident sees: the message, at the top of the review, with focus on it.
    expect($(el, '#error-summary').textContent).to.include(zh.storageFull);
    expect(focused(el)).to.equal('div#error-summary');
    expect(root(el).querySelector('form.step-review'), 'still on the review').not.to.equal(null);
    // Nothing typed is lost: every answer and the photo are still there to send again.
    for (const answer of answers) expect(review()).to.include(answer);
    expect(review()).to.include(zh.photosCount('1'));
    expect($$(el, '[part="review"] canvas')).to.have.length(1);
    expect($<HTMLButtonElement>(el, 'button[type="submit"]').disabled).to.equal(false);
    await expect(el).to.be.accessible();
    // Nothing reached the server, and nothing waits on the device to be sent later.
    await outbox.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(writes, 'writes sent').to.deep.equal([]);
    expect(await outbox.pending()).to.deep.equal([]);
    const found = [];
    for await (const item of staff.cases.iterate({ q: marker })) found.push(item);
    expect(found).to.have.length(0);

    // Room again: the same Send makes exactly one case, with everything the resident gave.
    const submitted = oneEvent(el, 'gk-case-submitted');
    await click(el, 'button[type="submit"]');
    const { detail } = await submitted;
    const full = await staff.cases.get(detail.caseId);
    expect(full.categoryCode).to.equal('env.garbage');
    expect(full.attributes).to.deep.equal({ garbage_type: 'bulky', blocking_path: true });
    expect(full.location.address).to.equal('桥北路 23 号院 5 号楼一单元');
    expect(full.description).to.equal(description);
    expect(full.reporter).to.deep.equal({ name: '赵阿姨', phone: '13700137000' });
    expect(full.mediaIds).to.have.length(1);
    expect(writes.filter((w) => w.endsWith('/cases'))).to.have.length(1);
    expect(text(el)).to.include(detail.ticket);
    outbox.close();
  });
});
