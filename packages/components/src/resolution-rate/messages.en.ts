import type { ResolutionRateMessages } from './messages.js';

/** English texts, loaded when a widget first renders in en. */
const texts: ResolutionRateMessages = {
  title: (grid) => `${grid} · case resolution`,
  periodLabel: 'Period',
  range: (from, to) => `${from} – ${to}`,
  presets: {
    'last-30-days': 'Last 30 days',
    'last-12-months': 'Last 12 months',
    thisYear: (year) => `This year (${year})`,
    lastYear: (year) => `Last year (${year})`,
    quarter: (year, q) => `Q${q} ${year}`,
    year: (year) => year,
    month: (year, month) => `${year}-${String(month).padStart(2, '0')}`,
    withDates: (name, from, to) => `${name} (${from} – ${to})`,
  },

  received: 'Cases received',
  receivedDetail: (acceptedOrWaiting, rejected) =>
    `${acceptedOrWaiting} accepted or waiting to be accepted · ${rejected} not accepted`,
  acceptedIncludesEarlier: (accepted) => `${accepted} accepted in this period, some of them received before it`,
  notYetAccepted: (waiting) =>
    `At least ${waiting} of this period’s cases were not accepted within it (still waiting, or accepted later)`,
  cases: (n) => n,
  resolutionRate: 'Resolution rate',
  resolutionDetail: (closed, accepted) => `${closed} closed of ${accepted} accepted`,
  onTimeRate: 'On-time rate',
  onTimeDetail: (onTime, closed) => `${onTime} on time of ${closed} closed`,
  satisfactionRate: 'Satisfaction rate',
  satisfactionDetail: (satisfied, evaluations) => `rated 4–5: ${satisfied} of ${evaluations}`,
  noAccepted: 'No cases accepted in this period',
  noClosed: 'No cases closed in this period yet',
  noEvaluations: 'No ratings in this period yet',
  noRate: 'No data',

  levelsTitle: 'Closed at each level',
  levelsHint: 'Small matters stay in the grid and the community',
  levels: { grid: 'Grid', community: 'Community', street: 'Street', district: 'District' },
  levelsChart: (parts) => `Closed cases by the level that closed them: ${parts}`,
  levelsNone: 'No cases closed in this period yet, so no shares by level.',

  trendTitle: 'Monthly trend',
  trendChart: (parts) => `Resolution rate and cases received by month: ${parts}`,
  trendPart: (month, rate, received) => `${month} resolution rate ${rate}, ${received} received`,
  month: 'Month',
  level: 'Level',
  closed: 'Closed',
  share: 'Share',
  showTable: 'Show as table',
  hideTable: 'Hide table',
  levelsTable: 'Closed at each level (table)',
  trendTable: 'Monthly trend (table)',

  emptyTitle: 'No cases in this period',
  emptyDetail: (period) =>
    `No cases were received or accepted in ${period}, so there are no rates to show. Try another period.`,

  definitionsTitle: 'How are these figures calculated?',
  definitions: {
    received:
      'Cases received: cases residents reported in the period, split into those accepted or waiting to be accepted, and those not accepted.',
    resolutionRate:
      'Resolution rate = closed ÷ accepted, over the cases accepted in the period. A case can be accepted some days after it is reported, so the cases accepted can be more or fewer than those received.',
    onTimeRate:
      'On-time rate = cases closed within their deadline ÷ cases closed. Each kind of problem has its own deadline.',
    satisfactionRate: 'Satisfaction rate = ratings of 4 or 5 ÷ all ratings.',
    levels:
      'Closed at each level = cases closed at that level (grid, community, street, district) ÷ cases closed: “small matters stay in the community”.',
    noCases:
      'When a figure has no denominator (no cases accepted or closed in the period) there is no rate: it shows “—”, never 0 or 100.',
    asOf: 'Figures are computed as of now: a past period’s rates can still rise while its late cases close.',
  },
};

export default texts;
