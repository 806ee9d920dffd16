import { defineMessages } from '../messages/catalog.js';

/** The texts of today's entries and the month's summary, in their chunk (`records.ts`). */
const zhCN = {
  todayTitle: '今天的登记',
  todayEmpty: '今天还没有登记。',
  pending: '待发送',
  minutesShort: (n: string) => `${n} 分钟`,
  householdShort: (ref: string) => `户号 ${ref}`,
  caseShort: '已关联工单',

  monthTitle: (month: string) => `${month}服务汇总`,
  monthEntries: '登记条数',
  monthMinutes: '服务时长（分钟）',
  monthDays: '服务天数',
  monthHouseholds: '服务户数',
  byKind: '按服务类型',
  bySubjectGroup: '按服务对象',
  countColumn: '条数',
  minutesColumn: '分钟',
};

export type ServiceLogRecordsMessages = typeof zhCN;

export const serviceLogRecordsMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.records.zh-TW.js'),
  en: () => import('./messages.records.en.js'),
});
