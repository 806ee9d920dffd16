/**
 * The public read limit (contract, *Rate limits*): a read without a staff
 * token counts against the client's address, so walking work-order numbers
 * one after another meets `429` (`…/rate-limited`) with `Retry-After`; nothing
 * was processed, so after the wait the same read is answered. A server with no
 * read limit fails: the walk must meet a 429 within `maxReads` reads
 * (`--max-public-reads`, 300 unless given).
 *
 * Runs after every other file but the coverage check: against a given server
 * it uses up this address's public read budget for a while. When the suite
 * hosts the mock server itself, it walks a second one started with the
 * default limits (the first has room for the suite's own reads).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/cases.js';
import { target } from './support/client.js';
import { discover } from './support/discovery.js';
import { expectRawProblem } from './support/helpers.js';

/** Reads in flight at once: quick enough to outrun a per-minute refill, gentle enough for any server. */
const IN_FLIGHT = 5;
/** The longest `Retry-After` the test waits out to read again. */
const MAX_WAIT_S = 15;

let start: string;
beforeAll(async () => {
  // A ticket known on the server gives the district's prefix and a day with cases; else one is reported now.
  start = target().readLimit.ticket ?? (await report(await discover())).receipt.ticket;
});

/** `GET /tickets/{ticket}` without a token or tracking token: what anyone walking the numbers sends. */
function readTicket(ticket: string): Promise<Response> {
  return fetch(`${target().readLimit.baseUrl}/tickets/${encodeURIComponent(ticket)}`);
}

describe('public read limit', () => {
  const { maxReads } = target().readLimit;

  it(`walking sequential tickets without a token meets 429 rate-limited with Retry-After within ${maxReads} reads; after the wait the read is answered`, async () => {
    const day = /^(.+-)\d+$/.exec(start)?.[1];
    expect(day, `a ticket to walk from: ${start}`).toBeDefined();
    const ticketAt = (i: number) => `${day}${String(i + 1).padStart(4, '0')}`; // PREFIX-YYYYMMDD-0001, -0002, …

    const answered = new Map<number, number>(); // status → how many
    let sent = 0;
    let limited: { ticket: string; response: Response; at: number } | undefined;
    while (sent < maxReads && !limited) {
      const batch = Array.from({ length: Math.min(IN_FLIGHT, maxReads - sent) }, (_, k) => ticketAt(sent + k));
      const from = sent;
      sent += batch.length;
      const responses = await Promise.all(batch.map(readTicket));
      for (const [k, response] of responses.entries()) {
        answered.set(response.status, (answered.get(response.status) ?? 0) + 1);
        if (response.status === 429 && !limited) limited = { ticket: batch[k]!, response, at: from + k + 1 };
        else await response.body?.cancel();
      }
    }
    const summary = [...answered].map(([status, n]) => `${n}× ${status}`).join(', ');
    expect(
      limited,
      `${sent} reads of sequential tickets (${ticketAt(0)} …) from one address without a token were answered ` +
        `${summary}: no 429, so there is no public read limit, or it allows more than ${maxReads} reads at once ` +
        '(--max-public-reads)',
    ).toBeDefined();
    // Every other answer was a ticket's: found or not, the walk read tickets.
    expect([...answered.keys()].filter((status) => status !== 429 && status !== 200 && status !== 404)).toEqual([]);

    const { response, ticket } = limited!;
    const problem = expectRawProblem({ error: await response.json(), response }, 429, 'rate-limited');
    expect(problem.status).toBe(429);
    const retryAfter = response.headers.get('Retry-After');
    expect(retryAfter, `Retry-After of the 429 after ${limited!.at} reads`).toMatch(/^\d+$/);

    // Nothing was processed: after the wait the same read goes through.
    const wait = Number(retryAfter);
    if (wait <= MAX_WAIT_S) {
      await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 250));
      const again = await readTicket(ticket);
      await again.body?.cancel();
      expect([200, 404], `GET /tickets/${ticket} again after Retry-After: ${retryAfter}`).toContain(again.status);
    }
  }, 120_000);
});
