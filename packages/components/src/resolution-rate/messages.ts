import { defineMessages } from '../messages/catalog.js';

/** The source texts (zh-CN), bundled with the widget: the language shown when no other is asked for. */
const zhCN = {
  title: (grid: string) => `${grid} · 案件办结情况`,
  periodLabel: '统计时段',
  range: (from: string, to: string) => `${from} 至 ${to}`,
  presets: {
    'last-30-days': '最近 30 天',
    'last-12-months': '最近 12 个月',
    thisYear: (year: string) => `今年（${year}年）`,
    lastYear: (year: string) => `去年（${year}年）`,
    quarter: (year: string, q: number) => `${year}年第${q}季度`,
    year: (year: string) => `${year}年`,
    month: (year: string, month: number) => `${year}年${month}月`,
    /** A rolling period in the picker, with the dates it covers (in December "最近 12 个月" is also this year). */
    withDates: (name: string, from: string, to: string) => `${name}（${from}至${to}）`,
  },

  received: '收到案件',
  /** Splits the cases received so that the parts add up to the figure. */
  receivedDetail: (acceptedOrWaiting: string, rejected: string) =>
    `${acceptedOrWaiting} 件已受理或等待受理 · ${rejected} 件不予受理`,
  /** Why "accepted" is more than the cases received and not rejected. */
  acceptedIncludesEarlier: (accepted: string) => `本期共受理 ${accepted} 件，其中有本期之前收到的案件`,
  /** Why "accepted" is fewer: some of the period's cases were not accepted in it. */
  notYetAccepted: (waiting: string) =>
    `本期收到的案件中至少 ${waiting} 件没有在本期内受理（仍在等待，或在本期之后受理）`,
  cases: (n: string) => `${n} 件`,
  resolutionRate: '办结率',
  resolutionDetail: (closed: string, accepted: string) => `已办结 ${closed} / 已受理 ${accepted}`,
  onTimeRate: '按期办结率',
  onTimeDetail: (onTime: string, closed: string) => `按期 ${onTime} / 已办结 ${closed}`,
  satisfactionRate: '满意率',
  satisfactionDetail: (satisfied: string, evaluations: string) => `满意 ${satisfied} / 评价 ${evaluations}`,
  noAccepted: '本期无受理案件，无法计算',
  noClosed: '本期尚无办结案件，无法计算',
  noEvaluations: '本期尚无群众评价，无法计算',
  noRate: '无数据',

  levelsTitle: '各层级办结占比',
  levelsHint: '小事不出网格、不出社区',
  levels: { grid: '网格', community: '社区', street: '街道', district: '区' },
  levelsChart: (parts: string) => `已办结案件按办结层级：${parts}`,
  levelsNone: '本期尚无办结案件，暂无层级占比。',

  trendTitle: '月度趋势',
  trendChart: (parts: string) => `每月办结率与收到案件：${parts}`,
  trendPart: (month: string, rate: string, received: string) => `${month} 办结率 ${rate}，收到 ${received} 件`,
  month: '月份',
  level: '层级',
  closed: '办结件数',
  share: '占比',
  showTable: '以表格显示',
  hideTable: '隐藏表格',
  levelsTable: '各层级办结占比（表格）',
  soFar: (month: string) => `${month}（至今）`,
  runningMonth: (month: string) => `${month}尚未过完：虚线和空心点是至今的数字，仍在办理的案件还没有计入办结。`,
  trendTable: '月度趋势（表格）',

  priorityTitle: '按紧急程度的按期办结率',
  priorityHint: '紧急件时限最短，需协调的件时限加倍',
  priorities: { ordinary: '一般', coordination: '需协调', urgent: '紧急' } as Record<string, string>,
  priorityTable: '按紧急程度的按期办结率（表格）',
  priority: '紧急程度',
  closedOnTime: '按期办结',

  recourseTitle: '返工与回访',
  recourseHint: '群众对处理结果不满意时怎么办',
  reopenRate: '返工率',
  reopenDetail: (reopened: string, closed: string) => `返工 ${reopened} / 已办结 ${closed}`,
  disputeRate: '群众异议率',
  disputeDetail: (disputed: string) => `提出异议 ${disputed} 件`,
  followUpRate: '回访完成率',
  followUpDetail: (done: string, opened: string) => `已回访 ${done} / 需回访 ${opened}`,
  noFollowUps: '本期没有需要回访的案件',
  noDisputable: '本期尚无办结案件，无法计算',

  emptyTitle: '本期无案件',
  emptyDetail: (period: string) => `${period}没有收到或受理案件，因此没有办结率等数据。可以选择其他时段查看。`,

  definitionsTitle: '这些数字怎么算？',
  definitions: {
    received: '收到案件：本期内居民上报的案件数，分为已受理或等待受理的、不予受理的两部分。',
    resolutionRate:
      '办结率 = 已办结 ÷ 已受理，只看本期内受理的案件。办结要经与办理无关的监督员或上级核查，办理人不能自己核查。案件可能在上报后过几天才受理，所以受理数可能多于或少于收到数。',
    onTimeRate: '按期办结率 = 在规定的办理时限内办结的案件 ÷ 已办结案件。每类问题都有自己的办理时限。',
    satisfactionRate: '满意率 = 评分为 4–5 分的评价 ÷ 全部评价。',
    levels: '各层级办结占比 = 在该层级（网格、社区、街道、区）办结的案件 ÷ 已办结案件，即“小事不出社区”。',
    noCases: '某项没有分母（例如本期没有受理或办结的案件）时不计算比率，显示为“—”，而不是 0 或 100。',
    asOf: '数字按查询时计算：过去时段的比率会随迟办结的案件办结而上升。',
    byPriority:
      '按紧急程度：每件案件按一般、需协调、紧急分级，时限随之不同（紧急件最短，需协调的件加倍）；按期办结率按各自的时限计算。',
    reopenRate:
      '返工率 = 办结后又退回重新处理过的案件 ÷ 已办结案件。退回的原因可以是核查没有通过，也可以是群众对处理结果提出异议。',
    disputeRate:
      '群众异议率 = 群众在办结后 7 天内对处理结果提出异议的案件 ÷ 办结过的案件（包括因异议正在重新处理的）。',
    followUpRate: '回访完成率 = 已记录回访结果的案件 ÷ 群众评了 1–2 分、需要回访的案件。',
  },
};

export type ResolutionRateMessages = typeof zhCN;

/**
 * The resolution-rate widget's texts. zh-TW and en are separate modules loaded on first use, so a
 * page pays only for the languages it shows; `defineMessages` makes a missing key
 * in either a compile error.
 */
export const resolutionRateMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.zh-TW.js'),
  en: () => import('./messages.en.js'),
});
