import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/index.js';
import { demoGridId, testServer } from '../test-support/server.js';

// A city's brand, set once on the page: every widget's card must follow it.
const brand = {
  '--gk-color-surface': 'rgb(250, 240, 230)',
  '--gk-color-border': 'rgb(1, 90, 2)',
  '--gk-radius': '13px',
  '--gk-space': '21px',
  '--gk-card-shadow': '0px 2px 6px 0px rgb(9, 8, 7)',
};
const style = Object.entries(brand)
  .map(([name, value]) => `${name}: ${value}`)
  .join('; ');
const worker = testServer.tokens.find((t) => t.token === 'demo-worker-caihong-06')!;

describe('the card surface', () => {
  it('every widget draws its cards from the same tokens: surface, border, radius, space and shadow', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div style=${style}>
        <gk-notice-board base-url=${testServer.apiUrl} grid-id=${demoGridId} refresh="0"></gk-notice-board>
        <gk-resolution-rate base-url=${testServer.apiUrl} grid-id=${demoGridId} refresh="0"></gk-resolution-rate>
        <gk-case-tracker base-url=${testServer.apiUrl}></gk-case-tracker>
        <gk-issue-reporter base-url=${testServer.apiUrl}></gk-issue-reporter>
        <gk-provider base-url=${testServer.apiUrl} token=${worker.token}>
          <gk-service-log-form></gk-service-log-form>
        </gk-provider>
      </div>`,
    );
    // How many cards each widget draws at least, once loaded.
    const expected: Record<string, number> = {
      'gk-notice-board': 1,
      'gk-resolution-rate': 1,
      'gk-case-tracker': 1, // the look-up form; the case is a second card once found
      'gk-issue-reporter': 1,
      'gk-service-log-form': 3, // the entry form, today's list, the month
    };
    for (const [tag, count] of Object.entries(expected)) {
      const el = page.querySelector(tag)!;
      const cards = () => [...el.shadowRoot!.querySelectorAll('.card-surface')].map((c) => c.className);
      await waitUntil(() => cards().length >= count, `${tag}: fewer than ${count} cards`, { timeout: 8000 }).catch(
        (error: Error) => {
          throw new Error(`${error.message}: ${JSON.stringify(cards())} in ${el.shadowRoot!.innerHTML.slice(0, 300)}`);
        },
      );
      for (const card of el.shadowRoot!.querySelectorAll('.card-surface')) {
        const css = getComputedStyle(card);
        const where = `${tag} .${[...card.classList].join('.')}`;
        expect(css.backgroundColor, where).to.equal(brand['--gk-color-surface']);
        expect(css.borderTopColor, where).to.equal(brand['--gk-color-border']);
        expect(css.borderTopWidth, where).to.equal('1px');
        expect(css.borderTopLeftRadius, where).to.equal(brand['--gk-radius']);
        expect(css.paddingTop, where).to.equal(brand['--gk-space']);
        expect(css.boxShadow, where).to.equal('rgb(9, 8, 7) 0px 2px 6px 0px');
      }
    }
  });

  it('has no shadow unless the page asks for one', async () => {
    const el = await fixture<HTMLElement>(html`<gk-case-tracker base-url=${testServer.apiUrl}></gk-case-tracker>`);
    expect(getComputedStyle(el.shadowRoot!.querySelector('.card-surface')!).boxShadow).to.equal('none');
  });
});
