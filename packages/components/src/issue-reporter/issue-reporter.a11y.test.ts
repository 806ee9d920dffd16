import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createGridkitClient, type Grid } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import '../define/issue-reporter.js';
import type { GkIssueReporter } from './issue-reporter.js';
import { testServer } from '../test-support/server.js';
import { failingClient, gatedClient, offlineClient } from '../test-support/clients.js';
import { $, $$, choose, fakeGeolocation, photoFile, root, text, untilStep } from './test-helpers.js';

const trackUrl = 'https://city.example/track?ticket={ticket}&token={token}';

const api = createGridkitClient({ baseUrl: testServer.apiUrl });
let leaf: Promise<Grid> | undefined;
const aGrid = () =>
  (leaf ??= (async () => {
    for await (const grid of api.grids.iterate({ level: 'grid' }))
      if (grid.centroid && grid.places?.length) return grid;
    throw new Error('no grid with a centroid and places in the seed');
  })());

const submit = (el: GkIssueReporter) => $<HTMLButtonElement>(el, 'button[type="submit"]').click();
function type(el: GkIssueReporter, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new InputEvent('input'));
}

const headings: Record<string, string[]> = {
  'zh-CN': [
    '您要反映什么问题？',
    '问题在哪里？',
    '添加照片',
    '请描述问题',
    '是否留下联系方式？',
    '请核对后提交',
    '已提交，感谢您的反映',
  ],
  'zh-TW': [
    '您要反映什麼問題？',
    '問題在哪裡？',
    '加入照片',
    '請描述問題',
    '是否留下聯絡方式？',
    '請核對後提交',
    '已提交，感謝您的反映',
  ],
  en: [
    'What is the problem?',
    'Where is the problem?',
    'Add photos',
    'Describe the problem',
    'Can we contact you?',
    'Check your report before sending',
    'Report sent. Thank you',
  ],
};

for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
  describe(`<gk-issue-reporter> accessibility (${lang})`, () => {
    it('is axe-clean in loading, error and offline states', async () => {
      const gated = gatedClient();
      for (const client of [gated.client, failingClient().client, offlineClient()]) {
        const el = await fixture<GkIssueReporter>(
          html`<gk-provider .client=${client} lang=${lang}><gk-issue-reporter></gk-issue-reporter></gk-provider>`,
        ).then((p) => p.querySelector('gk-issue-reporter')!);
        await waitUntil(() => root(el).querySelector('[part="state"]'), 'no state shown');
        await expect(el).to.be.accessible();
      }
      gated.release();
    });

    it('is axe-clean at every step, with errors showing, and on the receipt', async () => {
      const grid = await aGrid();
      const name = headings[lang]!;
      const outbox = createOutbox(api, { name: `a11y-${lang}-${Date.now()}` });
      const el = await fixture<GkIssueReporter>(
        html`<gk-issue-reporter
          lang=${lang}
          base-url=${testServer.apiUrl}
          .outbox=${outbox}
          .geolocation=${fakeGeolocation({ code: 1 })}
          track-url=${trackUrl}
        ></gk-issue-reporter>`,
      );
      await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
      expect($(el, '#step-heading').textContent).to.equal(name[0]);
      await expect(el).to.be.accessible();
      submit(el); // nothing chosen: the summary
      await el.updateComplete;
      expect($$(el, '#error-summary a')).to.have.length(1);
      await expect(el).to.be.accessible();
      type(el, '#category-search', 'zzzz-nothing');
      await el.updateComplete;
      expect($(el, '.hint-box').textContent).to.include('zzzz-nothing');
      await expect(el).to.be.accessible();
      type(el, '#category-search', '');
      await el.updateComplete;

      // Details: every datatype the seed has (list, boolean, number, multi-value list) over two categories.
      $<HTMLInputElement>(el, 'input[value="road.manhole"]').click();
      submit(el);
      await untilStep(el, 'details');
      submit(el);
      await el.updateComplete;
      expect($(el, '#attr-damage').getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, '#attr-damage').click();
      $<HTMLInputElement>(el, '#attr-on_roadway').click();
      submit(el);

      // Where: refused location, a text search, the handler card.
      await untilStep(el, 'where');
      expect($(el, '#step-heading').textContent).to.equal(name[1]);
      submit(el);
      await el.updateComplete;
      expect($$(el, '#error-summary a').map((a) => a.getAttribute('href'))).to.deep.equal([
        '#address',
        '#location',
        '#grid',
      ]);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '#location').click();
      await waitUntil(() => root(el).querySelector('.status-line .warn'), 'no refusal message');
      await expect(el).to.be.accessible();
      type(el, '#grid', grid.places![0]!);
      $<HTMLButtonElement>(el, '.search-row button').click();
      await waitUntil(() => root(el).querySelector('input[name="grid"]'), 'no search results', { timeout: 8000 });
      expect(text(el)).to.include(grid.name);
      // The result's path and places are joined with the language's own marks (no "、" in English).
      const result = $<HTMLInputElement>(el, `input[name="grid"][value="${grid.id}"]`).closest('label')!;
      expect([...result.querySelectorAll('.choice-desc')].map((d) => d.textContent)).to.deep.equal([
        grid.path.map((p) => p.name).join(' › '),
        grid.places!.slice(0, 6).join(lang === 'en' ? ', ' : '、'),
      ]);
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, `input[name="grid"][value="${grid.id}"]`).click();
      await waitUntil(
        () => root(el).querySelector('[part="handler"]') && !root(el).querySelector('[part="handler"] .spinner'),
      );
      await expect(el).to.be.accessible();
      // The category needs a point: the device gives one now.
      el.geolocation = fakeGeolocation(grid.centroid!);
      $<HTMLButtonElement>(el, '#location').click();
      await waitUntil(() => root(el).querySelector('.status-line .ok'), 'no location');
      type(el, '#address', '东门');
      submit(el);

      // Photos: a good one and a file that is no photo.
      await untilStep(el, 'photos');
      expect($(el, '#step-heading').textContent).to.include(name[2]);
      choose($(el, '#photo-library'), [
        await photoFile(),
        new File(['not a photo'], 'note.txt', { type: 'text/plain' }),
      ]);
      await waitUntil(() => $$(el, '.thumb-ready, .thumb-error').length === 2, 'photos not prepared', {
        timeout: 8000,
      });
      submit(el);
      await el.updateComplete;
      expect($(el, '#error-summary').textContent!.length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '.thumb-error button').click();
      await el.updateComplete;
      expect($$(el, '.thumb')).to.have.length(1);
      submit(el);

      await untilStep(el, 'describe');
      expect($(el, '#step-heading').textContent).to.equal(name[3]);
      type(el, '#description', 'x'.repeat(2001));
      submit(el);
      await el.updateComplete;
      expect($(el, '#description').getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      type(el, '#description', '井盖缺失 / cover missing');
      submit(el);

      await untilStep(el, 'contact');
      expect($(el, '#step-heading').textContent).to.equal(name[4]);
      $<HTMLInputElement>(el, '#contact').click();
      await el.updateComplete;
      type(el, '#phone', '12');
      $(el, '#phone').dispatchEvent(new FocusEvent('blur'));
      await el.updateComplete;
      // Touched and changed: the message shows before submitting (Lion's rule); the untouched name stays quiet.
      expect($(el, '#phone').getAttribute('aria-invalid')).to.equal('true');
      expect(root(el).querySelector('#name-error')).to.equal(null);
      await expect(el).to.be.accessible();
      type(el, '#name', 'Li');
      type(el, '#phone', '13800138000');
      submit(el);

      await untilStep(el, 'review');
      expect($(el, '#step-heading').textContent).to.equal(name[5]);
      await expect(el).to.be.accessible();
      const submitted = oneEvent(el, 'gk-case-submitted');
      submit(el);
      await submitted;
      await waitUntil(() => root(el).querySelector('[part="qr"] svg'), 'no QR code');
      expect($(el, '#outcome-heading').textContent).to.include(name[6]);
      await expect(el).to.be.accessible();
      outbox.close();
    });
  });
}
