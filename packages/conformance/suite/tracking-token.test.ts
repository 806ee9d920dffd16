import { normalizeTrackingToken, trackingTokenPattern } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, report } from './support/cases.js';
import { client } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectProblem } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

/** A closed case reported through the public API, with its receipt. */
async function closedCase() {
  const { receipt } = await report(world);
  const worker = client('worker');
  let kase = await worker.cases.get(receipt.id);
  for (const action of ['accept', 'dispatch', 'start', 'resolve'] as const) kase = await act(worker, kase, action);
  // Verified by the admin: whoever resolved a case may not close it (核查).
  await act(client('admin'), kase, 'verify');
  return receipt;
}

const fullWidth = (text: string) =>
  [...text].map((c) => (/[0-9A-Za-z-]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');

describe('tracking tokens', () => {
  it('are issued in the contract form: 12 Crockford base32 characters in three groups of four', async () => {
    const { receipt } = await report(world);
    expect(receipt.trackingToken).toMatch(trackingTokenPattern);
  });

  it('are accepted as people type them: lower case, spaces for dashes, full width, O/I/L look-alikes', async () => {
    const receipt = await closedCase();
    const typed = fullWidth(
      receipt.trackingToken.toLowerCase().replaceAll('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l'),
    );
    expect(normalizeTrackingToken(typed)).toBe(receipt.trackingToken);
    const evaluation = await client().cases.evaluate(receipt.ticket, { trackingToken: typed, score: 5 });
    expect(evaluation.score).toBe(5);
  });

  it('refuse a token one character off, or one that is no token, with 403 invalid-tracking-token', async () => {
    const receipt = await closedCase();
    const last = receipt.trackingToken.at(-1) === 'Z' ? 'Y' : 'Z';
    for (const wrong of [`${receipt.trackingToken.slice(0, -1)}${last}`, 'not a token at all', '１２３']) {
      await expectProblem(
        client().cases.evaluate(receipt.ticket, { trackingToken: wrong, score: 5 }),
        403,
        'invalid-tracking-token',
      );
    }
    expect((await client().cases.getPublic(receipt.ticket)).canEvaluate).toBe(true);
  });
});
