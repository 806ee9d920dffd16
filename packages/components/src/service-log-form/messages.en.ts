import type { ServiceLogFormMessages } from './messages.js';

/** English texts, loaded when a widget first renders in en. */
const texts: ServiceLogFormMessages = {
  title: 'Service log',
  signedInAs: (name: string) => `Recorded by ${name}`,
  gridLabel: 'Grid',
  quickLabel: 'Quick entry',
  dateLabel: 'Date of service',
  dateHint: 'Today unless you change it; not later than today',
  kindLabel: 'Kind of service',
  groupsLabel: 'Residents served (choose all that apply)',
  householdLabel: 'Household reference (optional)',
  householdHint: 'Building-unit-room, e.g. 5-2-301',
  summaryLabel: 'What was done',
  summaryCount: (used: string, max: string) => `${used} of ${max} characters`,
  minutesLabel: 'Time spent (minutes)',
  outcomeLabel: 'Outcome',
  ticketLabel: 'Linked work order (optional)',
  ticketHint: 'e.g. WF-20261122-0042',
  save: 'Save entry',
  saving: 'Saving…',
  clear: 'Clear',

  kinds: {
    visit: 'Visit',
    mediation: 'Mediation',
    assistance: 'Assistance',
    inspection: 'Inspection',
    publicity: 'Publicity',
    registration: 'Registration',
    other: 'Other',
  },
  groups: {
    elderly_alone: 'Elderly living alone',
    disabled: 'Disabled',
    chronically_ill: 'Chronically ill',
    unemployed: 'Unemployed',
    newcomer: 'Newcomers',
    hardship: 'In hardship',
    minor: 'Minors',
    veteran: 'Veterans',
    general: 'General residents',
  },
  outcomes: {
    resolved: 'Resolved on the spot',
    followup_needed: 'Follow-up needed',
    referred: 'Referred',
    case_opened: 'Case opened',
  },

  errorSummaryTitle: 'There is a problem',
  errors: {
    gridId: 'Choose the grid.',
    date: 'Enter the date of service.',
    dateFuture: 'The date of service cannot be later than today.',
    kind: 'Choose the kind of service.',
    subjectGroups: 'Choose at least one group of residents (“General residents” when none in particular).',
    householdRef: 'The household reference must be 64 characters or fewer.',
    summary: 'Describe what was done.',
    summaryLong: 'The description must be 1000 characters or fewer.',
    minutes: 'Enter the time spent: a whole number of minutes from 1 to 720.',
    outcome: 'Choose the outcome.',
    ticket: 'Enter the work-order number like WF-20261122-0042.',
    ticketUnknown: (ticket: string) => `No work order ${ticket} was found in your grids.`,
    ticketOffline: 'The work-order number cannot be checked offline: save when online, or clear it.',
  },

  savedTitle: 'Saved',
  savedDetail: (kind: string, minutes: string) => `${kind}, ${minutes} min, added to today’s entries.`,
  queuedTitle: 'Saved on this device, will be sent',
  queuedDetail: 'It is sent by itself when the network is back; there is nothing to fill in again.',
  sentLater: 'An entry saved offline has been sent.',
  saveFailed: 'The entry was not saved',
  storageFailed:
    'This device could not store the entry (its storage may be full). What you typed is still in the form; try again later.',
  outboxUnavailable:
    'The network went before this page could keep entries on the device. What you typed is still in the form; save again once the network is back.',
  signInTitle: 'Staff sign-in needed',
  signInDetail:
    'The service log is for grid staff. Sign in with a staff account (the page must give a staff token), then try again.',
  forbiddenTitle: 'This grid is outside your jurisdiction',
  forbiddenDetail: (grid: string) =>
    `Your account cannot record service for “${grid}”: entries go only to the grids you look after. Choose one of your grids, or ask an administrator to change your jurisdiction.`,
  yourGrids: (grids: string) => `Your grids: ${grids}`,
  noGridsTitle: 'No grid is assigned to your account',
  noGridsDetail: 'Ask an administrator to assign your grids, then record your service.',

  idleTitle: 'Still there?',
  idlePrompt: (seconds: number) => `The unsaved entry will be cleared in ${seconds} s.`,
  idleStay: 'Keep working',
  idleLeave: 'Clear now',
};

export default texts;
