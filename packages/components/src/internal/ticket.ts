/** The shape of a work-order number (工单号), e.g. `WF-20261122-0042`. */
export const ticketPattern = /^[A-Z]{2,6}-[0-9]{8}-[0-9]{4,6}$/;

/**
 * What a resident typed, as the API spells it: full-width characters (from a
 * Chinese input method) to ASCII, dashes of any kind to `-`, spaces around or
 * instead of dashes removed, upper case. `' wf 20261122 0042 '` → `WF-20261122-0042`.
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
