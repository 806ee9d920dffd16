import type { IssueReporterMessages } from './messages.js';

/** English texts, loaded when a widget first renders in en. */
const texts: IssueReporterMessages = {
  formLabel: 'Report a problem',
  stepOf: (n, total) => `Step ${n} of ${total}`,
  back: 'Back',
  next: 'Continue',
  sending: 'Sending…',
  change: 'Change',
  changeWhat: (what) => `Change ${what.toLowerCase()}`,
  summaryTitle: 'There is a problem',
  required: 'required',
  optional: 'optional',

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
  categoryUnknown: 'This problem type is no longer used; choose another.',
  needsPhoto: 'photo needed',
  needsLocation: 'location needed',

  detailsHeading: (name) => `More about “${name}”`,
  yes: 'Yes',
  no: 'No',
  attrMissing: (label) => `Enter ${label.toLowerCase()}.`,
  attrChoose: (label) => `Choose ${label.toLowerCase()}.`,
  attrNumber: (label) => `${label} must be a number.`,
  attrDate: (label) => `${label} must be a real date.`,
  attrInvalid: (label) => `Check ${label.toLowerCase()}.`,
  attrTooLong: (label, max) => `${label} must be ${max} characters or fewer.`,

  idleTitle: 'Are you still there?',
  idlePrompt: (s) => `In ${s} seconds what you entered is cleared and the form starts again.`,
  idleStay: 'Continue',
  idleLeave: 'Clear and leave',
};

export default texts;
