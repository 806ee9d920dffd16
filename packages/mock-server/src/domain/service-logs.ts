/**
 * The monthly summary of service logs (为民服务事项登记, 一人一卷): what it
 * counts and how, with no I/O. The entries come from store/service-logs.ts.
 */
import { serviceLogKindValues, serviceOutcomeValues, subjectGroupValues, type Schemas } from '@gridkit/sdk';
import { shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from './time.js';

/** What the summary reads of one entry. */
export interface LoggedService {
  occurredAt: string;
  kind: Schemas['ServiceLogKind'];
  subjectGroups: Schemas['SubjectGroup'][];
  householdRef: string | null;
  minutes: number;
  outcome: Schemas['ServiceOutcome'];
}

type Summary = Schemas['ServiceLogSummary'];

/** Every Shanghai calendar day of a `YYYY-MM` month, and the UTC range `[from, to)` they cover. */
export function monthDays(month: string): { days: string[]; from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const days = Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
  return {
    days,
    from: shanghaiDayStart(days[0]!).toISOString(),
    to: shanghaiDayEnd(days[days.length - 1]!).toISOString(),
  };
}

/**
 * Entries and minutes in total, by kind and by day; entries by subject group
 * and by outcome; distinct households. Every kind, group, outcome and day is
 * listed, with zeros where nothing was logged.
 */
export function summarizeMonth(
  month: string,
  entries: readonly LoggedService[],
): Omit<Summary, 'month' | 'gridId' | 'workerId'> {
  const byKind = new Map(serviceLogKindValues.map((kind) => [kind, { kind, entries: 0, minutes: 0 }]));
  const bySubjectGroup = new Map(
    subjectGroupValues.map((subjectGroup) => [subjectGroup, { subjectGroup, entries: 0 }]),
  );
  const byOutcome = new Map(serviceOutcomeValues.map((outcome) => [outcome, { outcome, entries: 0 }]));
  const byDay = new Map(
    monthDays(month).days.map(
      (date) => [date, { date, entries: 0, minutes: 0 }] as [string, Schemas['ServiceLogByDay']],
    ),
  );
  const households = new Set<string>();
  let minutes = 0;
  for (const entry of entries) {
    minutes += entry.minutes;
    const kind = byKind.get(entry.kind)!;
    kind.entries += 1;
    kind.minutes += entry.minutes;
    for (const group of entry.subjectGroups) bySubjectGroup.get(group)!.entries += 1;
    byOutcome.get(entry.outcome)!.entries += 1;
    const day = byDay.get(shanghaiDate(entry.occurredAt))!;
    day.entries += 1;
    day.minutes += entry.minutes;
    if (entry.householdRef) households.add(entry.householdRef);
  }
  return {
    entries: entries.length,
    minutes,
    households: households.size,
    byKind: [...byKind.values()],
    bySubjectGroup: [...bySubjectGroup.values()],
    byOutcome: [...byOutcome.values()],
    byDay: [...byDay.values()],
  };
}
