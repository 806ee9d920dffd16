import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { LazyIdleCountdown, idleCountdownChunk } from './idle-countdown-lazy.js';

const realLoad = idleCountdownChunk.load;
let loads = 0;

/** A host with something worth forgetting: the idle time comes from its `idle` property (seconds). */
class IdleHost extends LitElement {
  static override properties = { idle: { type: Number } };
  idle = 0;
  resets = 0;
  readonly countdown = new LazyIdleCountdown(this, {
    idleMs: () => this.idle * 1000,
    graceSeconds: () => 2,
    active: () => true,
    onReset: () => this.resets++,
  });
  override render() {
    return litHtml`<input id="field" />${this.countdown.render({
      title: 'Still there?',
      prompt: (s) => `Clearing in ${s} s`,
      stay: 'Keep going',
      leave: 'Clear now',
    })}`;
  }
}
customElements.define('gk-test-idle-host', IdleHost);

describe('LazyIdleCountdown', () => {
  beforeEach(() => {
    loads = 0;
    idleCountdownChunk.load = () => (loads++, realLoad());
  });
  afterEach(() => {
    idleCountdownChunk.load = realLoad;
  });

  it('loads nothing while the idle time is 0 (a portal page)', async () => {
    const el = await fixture<IdleHost>(html`<gk-test-idle-host></gk-test-idle-host>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(loads).to.equal(0);
    expect(el.shadowRoot!.querySelector('.idle-prompt')).to.equal(null);
  });

  it('loads the countdown once the idle time is set, then asks, counts down and resets', async () => {
    const el = await fixture<IdleHost>(html`<gk-test-idle-host></gk-test-idle-host>`);
    el.idle = 0.3;
    await waitUntil(() => el.shadowRoot!.querySelector('.idle-prompt'), 'no prompt', { timeout: 4000 });
    expect(loads).to.equal(1);
    const prompt = el.shadowRoot!.querySelector<HTMLElement>('.idle-prompt')!;
    expect(prompt.getAttribute('role')).to.equal('alertdialog');
    // Its styles came with it: the prompt stays on top of the widget while it scrolls.
    expect(getComputedStyle(prompt).position).to.equal('sticky');
    await waitUntil(() => el.resets === 1, 'never reset', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('.idle-prompt')).to.equal(null);
  });
});
