/**
 * Calendar values (dates, months, the date in a ticket) are Asia/Shanghai
 * civil time, which has had no daylight saving since 1991: UTC+08:00.
 * Instants are stored and sent as RFC 3339 UTC strings.
 */
const offsetMs = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + offsetMs).toISOString().slice(0, 10);
}

/** `YYYY-MM` of an instant in Asia/Shanghai. */
export function shanghaiMonth(instant: Date | string): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** The UTC instant at which a Shanghai calendar day begins. */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - offsetMs);
}

/** The UTC instant at which the Shanghai day after `date` begins (exclusive end of a range). */
export function shanghaiDayEnd(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + 24 * 60 * 60 * 1000);
}

export function iso(instant: Date): string {
  return instant.toISOString();
}

/** A source of "now", injected so tests and the seed control time. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
