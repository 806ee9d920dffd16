/**
 * How Gridkit's cases and categories read in Open311 GeoReport v2 (the
 * `/open311/v2/` facade, docs/open311.md): the status mapping, the attribute
 * datatypes, typed answers from the text a form posts, and the date window
 * of a request search. Rules only; the facade's HTTP lives in http/open311.ts.
 */
import type { Schemas } from '@gridkit/sdk';
import { caseStatusValues } from '@gridkit/sdk';
import { finalStatuses, type CaseStatus } from './lifecycle.js';
import { parseInstant, shanghaiDate } from './time.js';

export type Open311Status = 'open' | 'closed';

/** An Open311 error: its HTTP status and the description in the spec's error body. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 503,
    description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

/** Closed and rejected cases are `closed` (nothing more will be done); every other step of the loop is `open`. */
export const open311Status = (status: CaseStatus): Open311Status =>
  finalStatuses.includes(status) ? 'closed' : 'open';

/** Our statuses that an Open311 status stands for. */
export const statusesOf = (status: Open311Status): CaseStatus[] =>
  caseStatusValues.filter((candidate) => open311Status(candidate) === status);

export type Open311Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/**
 * Open311 has no boolean and no date: a yes/no question is a single-value
 * list with the keys `true` and `false`, a date a `datetime` whose day (in
 * China's time) is kept.
 */
export function open311Datatype(datatype: Schemas['AttributeDatatype']): Open311Datatype {
  switch (datatype) {
    case 'boolean':
      return 'singlevaluelist';
    case 'date':
      return 'datetime';
    default:
      return datatype;
  }
}

const truthy = new Set(['true', '1', 'yes', 'on']);
const falsy = new Set(['false', '0', 'no', 'off']);

/**
 * The typed answer to one attribute from what an Open311 client posts
 * (`attribute[code]=text`, or `attribute[code][]=key` repeated for a
 * multi-value list). Text that cannot be the type is passed on as it is, so
 * the report's own validation names it (`attribute_invalid`).
 */
export function attributeAnswer(
  definition: Pick<Schemas['CategoryAttribute'], 'datatype'>,
  posted: readonly string[],
): Schemas['CaseAttributes'][string] {
  const text = posted[posted.length - 1]?.trim() ?? '';
  switch (definition.datatype) {
    case 'multivaluelist':
      return posted
        .flatMap((value) => value.split(','))
        .map((value) => value.trim())
        .filter(Boolean);
    case 'number': {
      const number = Number(text);
      return text !== '' && Number.isFinite(number) ? number : text;
    }
    case 'boolean':
      if (truthy.has(text.toLowerCase())) return true;
      if (falsy.has(text.toLowerCase())) return false;
      return text;
    case 'date': {
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
      const instant = parseInstant(text);
      return instant ? shanghaiDate(instant) : text;
    }
    default:
      return text;
  }
}

/** The spec's window of a request search: 90 days at most, the last 90 days when no dates are given. */
export const searchWindowDays = 90;
/** The spec's cap on one answer. */
export const searchLimit = 1000;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The `[from, to)` instants of a search from `start_date` and `end_date`:
 * each, if given, an ISO 8601 date-time with its zone; one alone is the
 * other's side of a 90-day span; neither is the 90 days before `now`. A span
 * longer than 90 days, an end before its start, or a date that does not
 * parse is a 400.
 */
export function searchWindow(start: string | undefined, end: string | undefined, now: Date): { from: Date; to: Date } {
  const parse = (text: string | undefined, name: string) => {
    if (text === undefined || text === '') return undefined;
    const instant = parseInstant(text);
    if (!instant) throw new Open311Error(400, `${name} must be an ISO 8601 date-time with its time zone.`);
    return instant;
  };
  const from = parse(start, 'start_date');
  const to = parse(end, 'end_date');
  const span = searchWindowDays * dayMs;
  if (from && to) {
    if (to.getTime() < from.getTime()) throw new Open311Error(400, 'end_date is before start_date.');
    if (to.getTime() - from.getTime() > span)
      throw new Open311Error(400, `start_date and end_date may not span more than ${searchWindowDays} days.`);
    return { from, to };
  }
  if (from) return { from, to: new Date(from.getTime() + span) };
  if (to) return { from: new Date(to.getTime() - span), to };
  return { from: new Date(now.getTime() - span), to: now };
}
