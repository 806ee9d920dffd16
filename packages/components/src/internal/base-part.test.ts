import { expect, fixture, waitUntil } from '@open-wc/testing';
import { demoGridId, testServer } from '../test-support/server.js';

// The tags `@gridkit/components/define` registers, read from the registry itself, so a new widget is covered
// without editing this list.
const registered: string[] = [];
const define = customElements.define.bind(customElements);
customElements.define = (tag, element, options) => {
  registered.push(tag);
  define(tag, element, options);
};
await import('../define/index.js');
customElements.define = define;

// The provider draws nothing (`display: contents` around a slot): it has no box to style.
const widgets = registered.filter((tag) => tag.startsWith('gk-') && tag !== 'gk-provider');

/** The parts named `base` in a widget's shadow root, and its top-level elements. */
function parts(el: HTMLElement) {
  const root = el.shadowRoot!;
  return { bases: [...root.querySelectorAll('[part~="base"]')], top: [...root.children] };
}

describe('the base part', () => {
  before(() => {
    const style = document.createElement('style');
    style.textContent = '.probe::part(base) { outline: 3px solid rgb(1, 2, 3); }';
    document.head.append(style);
  });

  it('the define entry registers the widgets', () => {
    expect(widgets).to.include.members([
      'gk-notice-board',
      'gk-resolution-rate',
      'gk-case-tracker',
      'gk-service-log-form',
      'gk-issue-reporter',
    ]);
  });

  it('every widget has exactly one base part, its outermost element, unconfigured and with data', async () => {
    for (const tag of widgets) {
      // Unconfigured (no client, no grid), then with the mock server and a grid, once loading is over.
      for (const attributes of [{}, { 'base-url': testServer.apiUrl, 'grid-id': demoGridId }]) {
        const el = document.createElement(tag);
        el.className = 'probe';
        for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
        await fixture(el);
        await waitUntil(() => !el.shadowRoot!.querySelector('[part~="state"][role="status"]'), `${tag} still loading`, {
          timeout: 8000,
        });
        const { bases, top } = parts(el);
        const where = `${tag} ${JSON.stringify(attributes)}`;
        expect(bases, where).to.have.length(1);
        // Compared by identity: chai would print whole DOM trees.
        expect(top.length, `${where}: top-level elements`).to.equal(1);
        expect(top[0] === bases[0], `${where}: base is not the outermost element`).to.equal(true);
        // A page can style it with ::part(base).
        expect(getComputedStyle(bases[0]!).outlineColor, where).to.equal('rgb(1, 2, 3)');
      }
    }
  });
});
