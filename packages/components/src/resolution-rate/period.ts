/**
 * Periods of `<gk-resolution-rate>` as Asia/Shanghai calendar dates: the API
 * takes an inclusive `from`–`to` of `YYYY-MM-DD` days.
 *
 * - `last-12-months` (default): the current month and the eleven before it, up to today
 * - `last-30-days`: today and the 29 days before it
 * - `YYYY`, `YYYY-Qn`, `YYYY-MM`: that year, quarter or month (up to today when it is running)
 */
import { formatter } from '../internal/localize.js';
export interface PeriodRange {
  /** The period as understood: an unknown value falls back to `last-12-months`. */
  period: string;
  kind: 'last-30-days' | 'last-12-months' | 'year' | 'quarter' | 'month';
  year?: number;
  /** Quarter 1–4 or month 1–12. */
  part?: number;
  from: string;
  to: string;
}

export const defaultPeriod = 'last-12-months';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today in Shanghai as [year, month, day]. */
export function shanghaiToday(now: Date = new Date()): [number, number, number] {
  const parts = formatter(Intl.DateTimeFormat, 'en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return [get('year'), get('month'), get('day')];
}

/** A calendar range, cut at today while it is running (a period entirely in the future stays whole). */
function span(from: [number, number, number], to: [number, number, number], today: string) {
  const f = iso(...from);
  const t = iso(...to);
  return { from: f, to: f <= today && today < t ? today : t };
}

export function periodRange(period: string | null | undefined, now: Date = new Date()): PeriodRange {
  const [y, m, d] = shanghaiToday(now);
  const today = iso(y, m, d);
  const value = (period ?? '').trim();
  if (value === 'last-30-days') {
    const start = new Date(Date.UTC(y, m - 1, d - 29));
    return {
      period: value,
      kind: value,
      from: iso(start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()),
      to: today,
    };
  }
  let match = /^(\d{4})$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    return { period: value, kind: 'year', year, ...span([year, 1, 1], [year, 12, 31], today) };
  }
  match = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (match) {
    const year = Number(match[1]);
    const q = Number(match[2]);
    const first = q * 3 - 2;
    const last = q * 3;
    return {
      period: `${year}-Q${q}`,
      kind: 'quarter',
      year,
      part: q,
      ...span([year, first, 1], [year, last, daysIn(year, last)], today),
    };
  }
  match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    return {
      period: value,
      kind: 'month',
      year,
      part: month,
      ...span([year, month, 1], [year, month, daysIn(year, month)], today),
    };
  }
  const start = new Date(Date.UTC(y, m - 12, 1));
  return {
    period: defaultPeriod,
    kind: 'last-12-months',
    from: iso(start.getUTCFullYear(), start.getUTCMonth() + 1, 1),
    to: today,
  };
}

/** The picker's choices: last 30 days, last 12 months, this year, last year and the last four quarters (newest first). */
export function periodPresets(now: Date = new Date()): string[] {
  const [y, m] = shanghaiToday(now);
  const quarters: string[] = [];
  let year = y;
  let q = Math.ceil(m / 3);
  for (let i = 0; i < 4; i++) {
    quarters.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return ['last-30-days', 'last-12-months', String(y), String(y - 1), ...quarters];
}
