/**
 * Tracking tokens as people type them: the receipt shows `K7QM-4T2X-9PZR`,
 * the evaluation accepts any spelling of it (case, spaces, dashes, full-width
 * characters from a Chinese input method, O for 0, I and L for 1), and
 * anything else is a 403 that changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeTrackingToken, trackingTokenPattern } from '@gridkit/sdk';
import { tokens } from './support/fixture.js';
import { closeCase, createHarness, report, type Harness } from './support/harness.js';

let h: Harness;
afterEach(() => expect(h.contractBreaks).toEqual([]));

/** A closed case of the fixture and its receipt. */
async function closedCase() {
  const admin = h.client(tokens.adminD);
  const receipt = await h.client().cases.create(report());
  await closeCase(admin, receipt.id, h.client(tokens.supervisorD));
  return receipt;
}

const evaluate = (ticket: string, trackingToken: unknown) =>
  h.request(`/tickets/${ticket}/evaluation`, {
    method: 'POST',
    body: JSON.stringify({ trackingToken, score: 4 }),
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });

/** Full-width forms (what a Chinese IME types in full-width mode): Ａ–Ｚ, ０–９, the ideographic space and dash. */
const fullWidth = (text: string) =>
  [...text]
    .map((c) => (c === ' ' ? '\u3000' : /[0-9A-Za-z-]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
    .join('');

/** The token with every 0 written O and every 1 written I or L, alternately (look-alikes people type). */
const lookAlikes = (token: string) => {
  let one = 0;
  return token.replace(/[01]/g, (c) => (c === '0' ? 'O' : one++ % 2 ? 'l' : 'I'));
};

describe('tracking tokens', () => {
  it('are 12 Crockford base32 characters in three groups, new for every case', async () => {
    h = createHarness();
    const a = await h.client().cases.create(report());
    const b = await h.client().cases.create(report({ description: '另一处垃圾桶满溢，已经两天没有清运' }));
    expect(a.trackingToken).toMatch(trackingTokenPattern);
    expect(b.trackingToken).toMatch(trackingTokenPattern);
    expect(a.trackingToken).not.toBe(b.trackingToken);
  });

  for (const [name, spell] of [
    ['lower case', (t: string) => t.toLowerCase()],
    ['no dashes', (t: string) => t.replaceAll('-', '')],
    ['spaces instead of dashes, around it too', (t: string) => ` ${t.replaceAll('-', ' ')} `],
    ['dashes and spaces anywhere', (t: string) => t.replaceAll('-', '').replace(/(.)(.)(.)/g, '$1 $2-$3 ')],
    ['full-width characters', fullWidth],
    ['full-width, lower case, ideographic spaces', (t: string) => fullWidth(t.toLowerCase().replaceAll('-', ' '))],
    ['O for 0, I and L for 1', (t: string) => lookAlikes(t).toLowerCase()],
  ] as const) {
    it(`accept the token typed with ${name}`, async () => {
      h = createHarness();
      // Retry until the random token holds the look-alike digits this spelling is about.
      let receipt = await closedCase();
      while (name.startsWith('O for') && !/0/.test(receipt.trackingToken) && !/1/.test(receipt.trackingToken)) {
        receipt = await closedCase();
      }
      const typed = spell(receipt.trackingToken);
      expect(typed).not.toBe(receipt.trackingToken);
      expect(normalizeTrackingToken(typed)).toBe(receipt.trackingToken);
      const response = await evaluate(receipt.ticket, typed);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ score: 4 });
      const view = await h.client().cases.getPublic(receipt.ticket, { trackingToken: typed });
      expect(view.evaluation).toMatchObject({ score: 4 });
    });
  }

  it('refuse a wrong or malformed token with 403, and change nothing', async () => {
    h = createHarness();
    const receipt = await closedCase();
    const other = receipt.trackingToken.startsWith('Z') ? 'Y' : 'Z';
    const wrong = [
      `${other}${receipt.trackingToken.slice(1)}`, // one character off
      receipt.trackingToken.slice(0, -1), // 11 characters
      `${receipt.trackingToken}-7`, // 13 characters
      receipt.trackingToken.replace(/[0-9A-Z]$/, 'U'), // U is not in the alphabet
      '口令-口令-口令',
      '!!!!-!!!!-!!!!',
    ];
    for (const token of wrong) {
      const response = await evaluate(receipt.ticket, token);
      expect(response.status, token).toBe(403);
      expect((await response.json()).type).toBe('https://gridkit.dev/problems/invalid-tracking-token');
    }
    expect(h.db.prepare('SELECT evaluation_score FROM cases WHERE ticket = ?').pluck().get(receipt.ticket)).toBeNull();
    // The real one still works afterwards.
    expect((await evaluate(receipt.ticket, receipt.trackingToken)).status).toBe(201);
  });

  it('are stored only as a hash of the canonical form', async () => {
    h = createHarness();
    const receipt = await h.client().cases.create(report());
    const stored = h.db.prepare('SELECT tracking_token_hash FROM cases').pluck().get() as string;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    for (const form of [receipt.trackingToken, receipt.trackingToken.replaceAll('-', '')])
      expect(stored).not.toContain(form.toLowerCase());
  });
});
