import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createGridkitClient } from '@gridkit/sdk';
import '../define/issue-reporter.js';
import { laterSteps, type GkIssueReporter } from './issue-reporter.js';
import { holdBack } from '../test-support/chunks.js';
import { testServer } from '../test-support/server.js';
import { $, root, untilStep } from './test-helpers.js';

const api = createGridkitClient({ baseUrl: testServer.apiUrl });

async function reporterWithCategoryChosen(): Promise<GkIssueReporter> {
  const grid = (await api.grids.list({ level: 'grid', limit: 1 })).items[0]!;
  const el = await fixture<GkIssueReporter>(
    html`<gk-issue-reporter base-url=${testServer.apiUrl} grid-id=${grid.id}></gk-issue-reporter>`,
  );
  await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
  $(el, 'input[value="env.garbage"]').click();
  await el.updateComplete;
  $(el, 'button[type="submit"]').click();
  await el.updateComplete;
  return el;
}

describe('<gk-issue-reporter> loading its later steps on demand', () => {
  let gate: ReturnType<typeof holdBack> | undefined;
  afterEach(() => gate?.restore());

  it('shows the first question without them, then the loading state, and keeps the answer', async () => {
    gate = holdBack(laterSteps);
    const el = await reporterWithCategoryChosen();
    // The next question waits for its chunk: a loading status, no form yet.
    expect(root(el).querySelector('[role="status"]'), 'loading state').not.to.equal(null);
    expect(root(el).querySelector('form.step-details')).to.equal(null);
    gate.release();
    await untilStep(el, 'details');
    // Back to the first question: the category chosen while the chunk loaded is still chosen.
    $(el, 'button.back').click();
    await untilStep(el, 'what');
    expect($<HTMLInputElement>(el, 'input[value="env.garbage"]').checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says so when the chunk cannot be loaded, and a retry brings the step', async () => {
    gate = holdBack(laterSteps);
    const el = await reporterWithCategoryChosen();
    gate.fail(new TypeError('Failed to fetch dynamically imported module'));
    await waitUntil(() => root(el).querySelector('[part="retry"]'), 'no retry offered', { timeout: 4000 });
    expect(root(el).querySelector('[part="state"]'), 'the problem is shown').not.to.equal(null);
    expect(root(el).querySelector('form.step-details')).to.equal(null);
    await expect(el).to.be.accessible();
    gate.restore();
    $(el, '[part="retry"]').click();
    await untilStep(el, 'details');
  });
});
