import type { CaseTrackerMessages } from './messages.js';

/** English texts, loaded when a widget first renders in en. */
const texts: CaseTrackerMessages = {
  formLabel: 'Track a case',
  ticketLabel: 'Case number',
  ticketHint: 'On your receipt, e.g. WF-20261122-0042',
  ticketMissing: 'Enter the case number.',
  ticketMalformed: 'That is not a case number: letters, an 8-digit date and a number, e.g. WF-20261122-0042.',
  tokenLabel: 'Tracking code (optional)',
  tokenHint: 'The tracking code on your receipt: it shows the staff’s notes and lets you rate the result',
  tokenWrong: 'The tracking code is wrong. Check the code on your receipt and try again.',
  search: 'Look up',
  notFoundTitle: 'No case with that number. Please check the case number',
  notFoundDetail: (ticket) => `There is no case ${ticket}. The number is on the receipt you got when you reported.`,

  caseTitle: (ticket) => `Case ${ticket}`,
  statusLabel: 'Status',
  statuses: {
    submitted: 'Received, waiting to be accepted',
    accepted: 'Accepted',
    dispatched: 'Sent to the unit that will handle it',
    in_progress: 'Being handled',
    resolved: 'Handled, waiting to be checked',
    closed: 'Closed',
    rejected: 'Not accepted',
  },
  rejectedReason: 'Reason',
  level: 'Level',
  levels: {
    grid: 'Handled at grid level',
    community: 'Handled at community level',
    street: 'Handled at street office level',
    district: 'Handled at district level',
  },
  category: 'Problem',
  grid: 'Grid',
  reported: 'Reported',
  due: 'Due',
  overdue: 'Overdue',
  closed: 'Closed',
  closedLate: 'Closed after the deadline',

  timeline: 'What has happened',
  events: {
    created: 'Reported',
    accept: 'Accepted',
    reject: 'Not accepted',
    dispatch: 'Sent to the unit that will handle it',
    start: 'Work started',
    resolve: 'Work finished',
    verify: 'Checked and closed',
    reopen: 'Check failed, handled again',
    escalate: 'Passed up',
  },
  escalatedTo: (level) => `Passed up to the ${level}`,
  levelNames: { grid: 'grid', community: 'community', street: 'street office', district: 'district' },

  ratingLegend: 'Are you satisfied with the result?',
  scores: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  scoreLabel: (score, words) => `${score} · ${words}`,
  commentLabel: 'Comment (optional)',
  commentCount: (used, max) => `${used} of ${max} characters`,
  submitRating: 'Send rating',
  sending: 'Sending…',
  chooseScore: 'Choose how satisfied you are first.',
  ratingFailed: 'Your rating was not sent. Please try again later.',
  thanks: 'Thank you for your rating!',
  alreadyEvaluated: 'This case has already been rated; each case can be rated once.',
  yourRating: 'Your rating',
  needToken:
    'To rate the result you need the tracking code on your receipt: enter it above and look the case up again.',
  tokenWrongShort: 'The tracking code is wrong; correct it above.',
  tokenUnlocks:
    'Enter the tracking token from your receipt and look up again to see the staff’s notes and to rate the result.',
  reasonNeedsToken: 'The reason it was not accepted is shown once you enter the tracking token from your receipt.',
};

export default texts;
