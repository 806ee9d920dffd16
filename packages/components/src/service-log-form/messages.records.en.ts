import type { ServiceLogRecordsMessages } from './messages.records.js';

const texts: ServiceLogRecordsMessages = {
  todayTitle: 'Today’s entries',
  todayEmpty: 'No entries yet today.',
  pending: 'Waiting to send',
  minutesShort: (n: string) => `${n} min`,
  householdShort: (ref: string) => `Household ${ref}`,
  caseShort: 'Linked case',

  monthTitle: (month: string) => `Summary for ${month}`,
  monthEntries: 'Entries',
  monthMinutes: 'Minutes of service',
  monthDays: 'Days active',
  monthHouseholds: 'Households served',
  byKind: 'By kind of service',
  bySubjectGroup: 'By residents served',
  countColumn: 'Entries',
  minutesColumn: 'Minutes',
};

export default texts;
