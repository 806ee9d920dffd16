import type { ServiceLogRecordsMessages } from './messages.records.js';

const texts: ServiceLogRecordsMessages = {
  todayTitle: '今天的登記',
  todayEmpty: '今天還沒有登記。',
  pending: '待送出',
  minutesShort: (n: string) => `${n} 分鐘`,
  householdShort: (ref: string) => `戶號 ${ref}`,
  caseShort: '已關聯工單',

  monthTitle: (month: string) => `${month}服務匯總`,
  monthEntries: '登記筆數',
  monthMinutes: '服務時長（分鐘）',
  monthDays: '服務天數',
  monthHouseholds: '服務戶數',
  byKind: '按服務類型',
  bySubjectGroup: '按服務對象',
  countColumn: '筆數',
  minutesColumn: '分鐘',
};

export default texts;
