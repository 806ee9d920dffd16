/**
 * Resolution statistics (`GET /stats/resolution`): every figure of the
 * contract's `ResolutionFigures`, defined here once and computed in SQL in
 * one place (store/stats.ts); this module holds the definitions, the checks
 * of the period, and the arithmetic on the counts the store delivers.
 *
 * Definitions (the contract's, `getResolutionStats`):
 * - The period is the Asia/Shanghai calendar days `from`..`to`, inclusive:
 *   the UTC half-open range `[shanghaiDayStart(from), shanghaiDayEnd(to))`.
 * - `received` / `rejected`: cases whose `created_at` is in the period
 *   (`rejected` = those with status `rejected`).
 * - The cohort: cases whose `accepted_at` (first accept) is in the period;
 *   `accepted` counts it. `closed` = cohort cases with status `closed`;
 *   `closedOnTime` = of those, `closed_at <= due_at`; `evaluations` = closed
 *   cohort cases with a score, `satisfied` = score 4–5; `reopened` = closed
 *   cohort cases with `reopen_count > 0`; `closedByLevel` counts closed
 *   cohort cases by `closed_level`.
 * - Rates are fractions rounded half-up to 4 decimals, `null` when the
 *   denominator is 0 (never a fake 0% or 100%).
 *   (`reopen_count` counts both a failed verification and the reporter's
 *   dispute: both are 返工).
 * - `disputed`: cohort cases with `dispute_count > 0`, whatever their status;
 *   `disputeRate` = disputed ÷ cohort cases closed at least once — closed
 *   now, or disputed (a dispute needs a closure).
 * - `followUps`: cohort cases with a follow-up (opened by a score of 1–2),
 *   `followUpsDone`: of those, `follow_up_status = 'done'`; `followUpRate` =
 *   followUpsDone ÷ followUps.
 * - `medianHoursToClose`: median of `closed_at − created_at` over closed
 *   cohort cases (even count: mean of the two middle values), in hours
 *   rounded half-up to 1 decimal; `null` when nothing was closed.
 * - Groups: `level` — the level a case was closed at if closed, else its
 *   current level; `priority` — the case's current priority (its `due_at`
 *   follows it, so on-time is per priority); `channel` — every channel in
 *   the contract's order, by the channel the case was reported through
 *   (residents', the grid's staff's, the departments'); `category` —
 *   categories with a case received or accepted in the period, most
 *   received first (tie: code); `month` — every Shanghai
 *   month the range touches, placed by the same date as in the totals
 *   (`created_at` for received/rejected, `accepted_at` for the cohort).
 */
import { caseChannelValues, caseLevelValues, casePriorityValues, type Schemas } from '@gridkit/sdk';
import { DomainError, unprocessable } from './errors.js';

export type ResolutionStats = Schemas['ResolutionStats'];
type ResolutionFigures = Schemas['ResolutionFigures'];
type ResolutionGroup = Schemas['ResolutionGroup'];
type ResolutionGroupBy = Schemas['ResolutionGroupBy'];
type CaseLevel = Schemas['CaseLevel'];
type LocalizedText = Schemas['LocalizedText'];

/** A direct child of the node asked about: its grid id, materialized path and name. */
export interface ChildNode {
  id: string;
  path: string;
  name: string;
}

export type ResolutionQuery = { gridId: string; from: string; to: string; groupBy?: ResolutionGroupBy };

/** The longest range accepted, in calendar months (see `checkPeriod`). */
export const maxRangeMonths = 24;

const levels: readonly CaseLevel[] = caseLevelValues;
const priorities: readonly Schemas['CasePriority'][] = casePriorityValues;
const channels: readonly Schemas['CaseChannel'][] = caseChannelValues;

const channelLabels: Record<Schemas['CaseChannel'], LocalizedText> = {
  web: { 'zh-CN': '网站', 'zh-TW': '網站', en: 'Website' },
  kiosk: { 'zh-CN': '自助终端', 'zh-TW': '自助終端', en: 'Kiosk' },
  app: { 'zh-CN': '手机应用', 'zh-TW': '手機應用', en: 'App' },
  hotline: { 'zh-CN': '热线', 'zh-TW': '熱線', en: 'Hotline' },
  wechat: { 'zh-CN': '微信', 'zh-TW': '微信', en: 'WeChat' },
  grid_worker: { 'zh-CN': '网格员上报', 'zh-TW': '網格員上報', en: 'Grid staff' },
  department: { 'zh-CN': '部门上报', 'zh-TW': '部門上報', en: 'Departments' },
};

const priorityLabels: Record<Schemas['CasePriority'], LocalizedText> = {
  ordinary: { 'zh-CN': '一般', 'zh-TW': '一般', en: 'Ordinary' },
  coordination: { 'zh-CN': '协调', 'zh-TW': '協調', en: 'Coordination' },
  urgent: { 'zh-CN': '紧急', 'zh-TW': '緊急', en: 'Urgent' },
};

const levelLabels: Record<CaseLevel, LocalizedText> = {
  grid: { 'zh-CN': '网格', 'zh-TW': '網格', en: 'Grid' },
  community: { 'zh-CN': '社区', 'zh-TW': '社區', en: 'Community' },
  street: { 'zh-CN': '街道', 'zh-TW': '街道', en: 'Street' },
  district: { 'zh-CN': '区', 'zh-TW': '區', en: 'District' },
};

/** What the store delivers per group (see store/stats.ts): `k` is the group key, null or empty without grouping. */
export type ReceivedRow = { k: string | null; received: number; rejected: number };
export type CohortRow = {
  k: string | null;
  accepted: number;
  closed: number;
  closedOnTime: number;
  evaluations: number;
  satisfied: number;
  reopened: number;
  disputed: number;
  /** Closed now, or disputed (a dispute needs a closure): the dispute rate's denominator. */
  everClosed: number;
  followUps: number;
  followUpsDone: number;
  closedGrid: number;
  closedCommunity: number;
  closedStreet: number;
  closedDistrict: number;
  /** 1 on the whole-cohort row that carries the total's median. */
  total: 0 | 1;
  medianMs: number | null;
};
type Counts = Omit<ReceivedRow & CohortRow, 'k' | 'total' | 'medianMs'>;

const zeroCounts = (): Counts => ({
  received: 0,
  rejected: 0,
  accepted: 0,
  closed: 0,
  closedOnTime: 0,
  evaluations: 0,
  satisfied: 0,
  reopened: 0,
  disputed: 0,
  everClosed: 0,
  followUps: 0,
  followUpsDone: 0,
  closedGrid: 0,
  closedCommunity: 0,
  closedStreet: 0,
  closedDistrict: 0,
});

function add(into: Counts, row: Partial<Counts>): void {
  for (const name of Object.keys(into) as (keyof Counts)[]) into[name] += row[name] ?? 0;
}

/** `numerator ÷ denominator` rounded half-up to 4 decimals; `null` for an empty denominator. */
function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 10_000;
}

/** Milliseconds to hours, rounded half-up to 1 decimal (360,000 ms = 0.1 h). */
function hours(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 360_000) / 10;
}

function figures(c: Counts, medianMs: number | null): ResolutionFigures {
  const share = (closed: number) => ({ closed, share: rate(closed, c.closed) });
  return {
    received: c.received,
    accepted: c.accepted,
    closed: c.closed,
    closedOnTime: c.closedOnTime,
    rejected: c.rejected,
    evaluations: c.evaluations,
    satisfied: c.satisfied,
    reopened: c.reopened,
    disputed: c.disputed,
    followUps: c.followUps,
    followUpsDone: c.followUpsDone,
    resolutionRate: rate(c.closed, c.accepted),
    onTimeRate: rate(c.closedOnTime, c.closed),
    satisfactionRate: rate(c.satisfied, c.evaluations),
    reopenRate: rate(c.reopened, c.closed),
    disputeRate: rate(c.disputed, c.everClosed),
    followUpRate: rate(c.followUpsDone, c.followUps),
    medianHoursToClose: hours(medianMs),
    closedByLevel: {
      grid: share(c.closedGrid),
      community: share(c.closedCommunity),
      street: share(c.closedStreet),
      district: share(c.closedDistrict),
    },
  };
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a `YYYY-MM-DD` calendar date; `undefined` unless it names a real day. */
function parseDate(text: string): { y: number; m: number; d: number } | undefined {
  const match = datePattern.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return { y, m, d };
}

/**
 * Checks `from`..`to`. "At most 24 months": `to` must fall before the same
 * day of the month 24 months after `from` — so 2025-01-01..2026-12-31 and
 * 2025-03-15..2027-03-14 (exactly 24 months) are accepted, one more day is
 * `range_too_long`. When that day does not exist (from 29 February) it rolls
 * over to 1 March, so 2024-02-29..2026-02-28 is the longest range from then.
 */
export function checkPeriod(from: string, to: string): void {
  const start = parseDate(from);
  const end = parseDate(to);
  const malformed = (name: 'from' | 'to') =>
    new DomainError(400, 'validation-failed', `${name} must be a calendar date YYYY-MM-DD.`, [
      { path: `/query/${name}`, code: 'format', message: `${name} must be a calendar date YYYY-MM-DD.` },
    ]);
  if (!start) throw malformed('from');
  if (!end) throw malformed('to');
  if (from > to) {
    throw unprocessable({
      path: '/query/from',
      code: 'invalid_period',
      message: `The period starts (${from}) after it ends (${to}).`,
    });
  }
  const limit = new Date(Date.UTC(start.y, start.m - 1 + maxRangeMonths, start.d)).toISOString().slice(0, 10);
  if (to >= limit) {
    throw unprocessable({
      path: '/query/to',
      code: 'range_too_long',
      message: `The period may span at most ${maxRangeMonths} months: the last day from ${from} is the day before ${limit}.`,
    });
  }
}

/** Every `YYYY-MM` from the month of `from` to the month of `to`, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

/**
 * Folds the store's group rows (at most one per group and part, see
 * store/stats.ts) into the response: counts per group and in total, then
 * every rate from them.
 */
export function assembleResolutionStats(
  query: ResolutionQuery,
  groupBy: ResolutionGroupBy,
  months: readonly string[],
  received: readonly ReceivedRow[],
  cohort: readonly CohortRow[],
  names: {
    categoryNames: () => ReadonlyMap<string, LocalizedText>;
    /** The node's direct children in `listGrids` order (`groupBy=children`), keyed in the rows by path. */
    children: () => readonly ChildNode[];
  },
): ResolutionStats {
  const totalCounts = zeroCounts();
  let totalMedian: number | null = null;
  const byKey = new Map<string, Counts>();
  const medians = new Map<string, number | null>();
  const countsOf = (key: string) => {
    let counts = byKey.get(key);
    if (!counts) byKey.set(key, (counts = zeroCounts()));
    return counts;
  };
  for (const row of received) {
    add(totalCounts, row);
    add(countsOf(row.k ?? ''), row);
  }
  for (const row of cohort) {
    if (row.total === 1) {
      totalMedian = row.medianMs;
      continue;
    }
    add(totalCounts, row);
    add(countsOf(row.k ?? ''), row);
    medians.set(row.k ?? '', row.medianMs);
    if (groupBy === 'none') totalMedian = row.medianMs;
  }

  const totals = figures(totalCounts, totalMedian);
  if (groupBy === 'none') return { gridId: query.gridId, from: query.from, to: query.to, groupBy, totals, groups: [] };

  const group = (key: string, label?: LocalizedText, shownKey = key): ResolutionGroup => ({
    key: shownKey,
    ...(label ? { label } : {}),
    figures: figures(byKey.get(key) ?? zeroCounts(), medians.get(key) ?? null),
  });

  let groups: ResolutionGroup[];
  if (groupBy === 'level') {
    groups = levels.map((level) => group(level, levelLabels[level]));
  } else if (groupBy === 'priority') {
    groups = priorities.map((priority) => group(priority, priorityLabels[priority]));
  } else if (groupBy === 'channel') {
    groups = channels.map((channel) => group(channel, channelLabels[channel]));
  } else if (groupBy === 'month') {
    groups = months.map((month) => group(month));
  } else if (groupBy === 'children') {
    groups = names.children().map((child) => group(child.path, { 'zh-CN': child.name }, child.id));
  } else {
    const categoryNames = names.categoryNames();
    const codes = [...byKey.keys()].sort((a, b) => {
      const difference = byKey.get(b)!.received - byKey.get(a)!.received;
      return difference !== 0 ? difference : a < b ? -1 : a > b ? 1 : 0;
    });
    groups = codes.map((code) => group(code, categoryNames.get(code)));
  }
  return { gridId: query.gridId, from: query.from, to: query.to, groupBy, totals, groups };
}
