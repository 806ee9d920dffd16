import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/service-log-form.js';
import { recordsChunk, type GkServiceLogForm } from './service-log-form.js';
import { holdBack } from '../test-support/chunks.js';
import { testServer } from '../test-support/server.js';

// Read only (no entry is saved, no draft typed), so it can share this worker with the other files.
const worker = testServer.tokens.find((t) => t.token === 'demo-worker-caihong-06')!;
const shadow = (el: HTMLElement) => el.shadowRoot!;

async function signedInForm() {
  const el = await fixture<GkServiceLogForm>(
    html`<gk-service-log-form
      base-url=${testServer.apiUrl}
      token=${worker.token}
      grid-id=${worker.gridIds[0]!}
    ></gk-service-log-form>`,
  );
  await waitUntil(() => shadow(el).querySelector('form'), 'form never shown', { timeout: 8000 });
  return el;
}

describe('<gk-service-log-form> loading today’s entries and the month on demand', () => {
  let gate: ReturnType<typeof holdBack> | undefined;
  afterEach(() => gate?.restore());

  it('shows the form without them, a loading state beside it, then the list and the figures', async () => {
    gate = holdBack(recordsChunk);
    const el = await signedInForm();
    expect(shadow(el).querySelector('#summary'), 'the form can be filled in').not.to.equal(null);
    expect(shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled, 'and saved').to.equal(false);
    const side = shadow(el).querySelector('.side')!;
    expect(side.querySelector('[role="status"]'), 'loading state').not.to.equal(null);
    expect(side.querySelector('.today')).to.equal(null);
    gate.release();
    await waitUntil(
      () => side.querySelector('.month .figures') && side.querySelector('.today .logs, .today .empty'),
      'never shown',
      {
        timeout: 8000,
      },
    );
    // Its styles came with it: the figures are laid out as a grid, not as a bare list.
    expect(getComputedStyle(side.querySelector('.figures')!).display).to.equal('grid');
    await expect(el).to.be.accessible();
  });

  it('says so when the chunk cannot be loaded, and a retry brings the list', async () => {
    gate = holdBack(recordsChunk);
    const el = await signedInForm();
    gate.fail(new TypeError('Failed to fetch dynamically imported module'));
    const side = shadow(el).querySelector('.side')!;
    await waitUntil(() => side.querySelector('[part="retry"]'), 'no retry offered', { timeout: 4000 });
    expect(shadow(el).querySelector('#summary'), 'the form still works').not.to.equal(null);
    await expect(el).to.be.accessible();
    gate.restore();
    side.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => side.querySelector('.today .logs, .today .empty'), 'no list after the retry', {
      timeout: 8000,
    });
  });
});
