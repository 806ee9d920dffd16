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
  soFar: (month) => `${month} (so far)`,
  runningMonth: (month) =>
    `${month} is not over yet: the dashed line and the hollow point are its figures so far; cases still being handled are not counted as closed yet.`,
  trendTable: 'Monthly trend (table)',

  priorityTitle: 'On time, by urgency',
  priorityHint: 'Urgent cases have the shortest deadline; cases needing coordination get twice the time',
  priorities: { ordinary: 'Ordinary', coordination: 'Needs coordination', urgent: 'Urgent' },
  priorityTable: 'On time, by urgency (table)',
  priority: 'Urgency',
  closedOnTime: 'Closed on time',

  recourseTitle: 'Handled again and followed up',
  recourseHint: 'What happens when residents are not satisfied',
  reopenRate: 'Handled again',
  reopenDetail: (reopened, closed) => `${reopened} handled again of ${closed} closed`,
  disputeRate: 'Disputed by residents',
  disputeDetail: (disputed) => `${disputed} disputed`,
  followUpRate: 'Follow-ups done',
  followUpDetail: (done, opened) => `${done} done of ${opened} needed`,
  noFollowUps: 'No case needed a follow-up in this period',
  noDisputable: 'No cases closed yet in this period',

  emptyTitle: 'No cases in this period',
  emptyDetail: (period) =>
    `No cases were received or accepted in ${period}, so there are no rates to show. Try another period.`,

  definitionsTitle: 'How are these figures calculated?',
  definitions: {
    received:
      'Cases received: cases residents reported in the period, split into those accepted or waiting to be accepted, and those not accepted.',
    resolutionRate:
      'Resolution rate = closed ÷ accepted, over the cases accepted in the period. A case is closed only once someone who did not handle it (a supervisor or a higher office) has checked the work. A case can be accepted some days after it is reported, so the cases accepted can be more or fewer than those received.',
    onTimeRate:
      'On-time rate = cases closed within their deadline ÷ cases closed. Each kind of problem has its own deadline.',
    satisfactionRate: 'Satisfaction rate = ratings of 4 or 5 ÷ all ratings.',
    levels:
      'Closed at each level = cases closed at that level (grid, community, street, district) ÷ cases closed: “small matters stay in the community”.',
    noCases:
      'When a figure has no denominator (no cases accepted or closed in the period) there is no rate: it shows “—”, never 0 or 100.',
    asOf: 'Figures are computed as of now: a past period’s rates can still rise while its late cases close.',
    byPriority:
      'By urgency: every case is ordinary, needs coordination, or urgent, and its deadline follows from that (shortest for urgent, twice as long when it needs coordination); on time is measured against each case’s own deadline.',
    reopenRate:
      'Handled again = closed cases that went back to be handled again at least once ÷ closed cases; either the independent check failed or the resident disputed the result.',
    disputeRate:
      'Disputed by residents = cases whose reporter disputed the result within 7 days of closing ÷ cases closed at least once (including those being handled again after a dispute).',
    followUpRate: 'Follow-ups done = cases whose follow-up call was recorded ÷ cases rated 1 or 2 that need one.',
  },
};

export default texts;
