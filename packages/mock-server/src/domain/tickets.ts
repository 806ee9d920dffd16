/**
 * Work-order numbers (`WF-20261122-0042`): the district's prefix, the
 * Shanghai date, and the day's sequence in that district. The sequence is
 * kept by the store (store/cases.ts, `nextTicket`), inside the case's write
 * transaction.
 */
import { pathIds } from './grids.js';
import { shanghaiDate } from './time.js';

const fallbackPrefix = 'GK';

/** The prefix for a grid: the nearest node on its path (itself first) that names one, else `GK`. */
export function ticketPrefix(gridPath: string, prefixes: ReadonlyMap<string, string>): string {
  return (
    pathIds(gridPath)
      .reverse()
      .map((id) => prefixes.get(id))
      .find(Boolean) ?? fallbackPrefix
  );
}

/** The key a day's numbers count under: `WF-20261122`. */
export function ticketDay(prefix: string, createdAt: Date): string {
  return `${prefix}-${shanghaiDate(createdAt).replaceAll('-', '')}`;
}

/** The number itself: `WF-20261122-0042`. */
export function formatTicket(day: string, sequence: number): string {
  return `${day}-${String(sequence).padStart(4, '0')}`;
}
