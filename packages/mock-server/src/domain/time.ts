/**
 * Calendar values (dates, months, the date in a ticket) are Asia/Shanghai
 * civil time, which has had no daylight saving since 1991: UTC+08:00.
 * Instants are stored and sent as RFC 3339 UTC strings.
 */
import { DomainError } from './errors.js';

const offsetMs = 8 * 60 * 60 * 1000;

// RFC 3339 `date-time` (§5.6): `T` and `Z` in either case, as the RFC allows; a space is not a `T`.
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * The one reader of date-times the API takes (list filters, `occurredAt`,
 * notice dates, …), used by request validation and by every handler: the
 * instant, or undefined when the text is not an RFC 3339 date-time of a real
 * calendar day. A leap second (`23:59:60`) is refused: instants here are
 * POSIX time, which has none, and silently moving it to the next second would
 * change what the client sent.
 */
export function parseInstant(text: string): Date | undefined {
  const match = dateTimePattern.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [fraction = '', zulu, sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (!zulu && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return undefined;
  const instant = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are.
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  return new Date(instant.getTime() - offset * 60_000);
}

/**
 * `parseInstant` for a value validation has already let through; should one
 * slip past it, a 400 naming `path` rather than an Invalid Date further on.
 */
export function instantAt(text: string, path: string): Date {
  const instant = parseInstant(text);
  if (!instant) {
    throw new DomainError(400, 'validation-failed', `${path} is not an RFC 3339 date-time.`, [
      { path, message: 'must be an RFC 3339 date-time (no leap second)', code: 'format' },
    ]);
  }
  return instant;
}

/** `YYYY-MM-DD` of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + offsetMs).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm:ss` of an instant in Asia/Shanghai, as a spreadsheet reads a local time. */
export function shanghaiDateTime(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + offsetMs).toISOString().slice(0, 19).replace('T', ' ');
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
