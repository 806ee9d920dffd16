/**
 * Work-order numbers (工单号) as people read and type them,
 * `WF-20261122-0042`: one rule for the widgets, the server and vendors' code.
 */
import { ticketPattern } from './generated/values.js';

/** The canonical form (the contract's `Ticket` pattern). */
export { ticketPattern };

/**
 * What a resident typed, as the API spells it: full-width characters (from a
 * Chinese input method) to ASCII, dashes of any kind to `-`, spaces around or
 * instead of dashes removed, upper case. `' wf 20261122 0042 '` → `WF-20261122-0042`.
 * The result may still not be a ticket: test it with `ticketPattern` (or use `parseTicket`).
 */
export function normalizeTicket(value: string): string {
  return value
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212\u30fc_]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, '-');
}

/** The typed text as a canonical work-order number, or `undefined` when it cannot be one. */
export function parseTicket(value: string): string | undefined {
  const ticket = normalizeTicket(value);
  return ticketPattern.test(ticket) ? ticket : undefined;
}
