import type { IssueReporterMessages } from './messages.js';

/** English texts, loaded when a widget first renders in en. */
const texts: IssueReporterMessages = {
  stepOf: (n, total) => `Step ${n} of ${total}`,
  back: 'Back',
  next: 'Continue',
  sending: 'Sending…',
  summaryTitle: 'There is a problem',

  whatHeading: 'What is the problem?',
  searchLabel: 'Search problem types',
  searchHint: 'A word such as street light, rubbish, noise',
  noMatch: (q) => `No problem type matches “${q}”. Try another word, or choose from the list below.`,
  kinds: {
    component: 'Damaged facilities',
    event: 'Environment and public order',
    service: 'Help and services',
    dispute: 'Disputes',
  },
  chooseCategory: 'Choose what the problem is.',
  needsPhoto: 'photo needed',
  needsLocation: 'location needed',

  idleTitle: 'Are you still there?',
  idlePrompt: (s) => `In ${s} seconds what you entered is cleared and the form starts again.`,
  idleStay: 'Keep going',
  idleLeave: 'Clear and leave',
};

export default texts;
