import type { ResolutionRateMessages } from './messages.js';

/** Traditional Chinese texts, loaded when a widget first renders in zh-TW. */
const texts: ResolutionRateMessages = {
  title: (grid) => `${grid} · 案件辦結情況`,
  periodLabel: '統計時段',
  range: (from, to) => `${from} 至 ${to}`,
  presets: {
    'last-30-days': '最近 30 天',
    'last-12-months': '最近 12 個月',
    thisYear: (year) => `今年（${year}年）`,
    lastYear: (year) => `去年（${year}年）`,
    quarter: (year, q) => `${year}年第${q}季度`,
    year: (year) => `${year}年`,
    month: (year, month) => `${year}年${month}月`,
    withDates: (name, from, to) => `${name}（${from}至${to}）`,
  },

  received: '收到案件',
  receivedDetail: (acceptedOrWaiting, rejected) => `${acceptedOrWaiting} 件已受理或等待受理 · ${rejected} 件不予受理`,
  acceptedIncludesEarlier: (accepted) => `本期共受理 ${accepted} 件，其中有本期之前收到的案件`,
  notYetAccepted: (waiting) => `本期收到的案件中至少 ${waiting} 件沒有在本期內受理（仍在等待，或在本期之後受理）`,
  cases: (n) => `${n} 件`,
  resolutionRate: '辦結率',
  resolutionDetail: (closed, accepted) => `已辦結 ${closed} / 已受理 ${accepted}`,
  onTimeRate: '按期辦結率',
  onTimeDetail: (onTime, closed) => `按期 ${onTime} / 已辦結 ${closed}`,
  satisfactionRate: '滿意率',
  satisfactionDetail: (satisfied, evaluations) => `滿意 ${satisfied} / 評價 ${evaluations}`,
  noAccepted: '本期無受理案件，無法計算',
  noClosed: '本期尚無辦結案件，無法計算',
  noEvaluations: '本期尚無民眾評價，無法計算',
  noRate: '無資料',

  levelsTitle: '各層級辦結占比',
  levelsHint: '小事不出網格、不出社區',
  levels: { grid: '網格', community: '社區', street: '街道', district: '區' },
  levelsChart: (parts) => `已辦結案件按辦結層級：${parts}`,
  levelsNone: '本期尚無辦結案件，暫無層級占比。',

  trendTitle: '月度趨勢',
  trendChart: (parts) => `每月辦結率與收到案件：${parts}`,
  trendPart: (month, rate, received) => `${month} 辦結率 ${rate}，收到 ${received} 件`,
  month: '月份',
  level: '層級',
  closed: '辦結件數',
  share: '占比',
  showTable: '以表格顯示',
  hideTable: '隱藏表格',
  levelsTable: '各層級辦結占比（表格）',
  soFar: (month) => `${month}（至今）`,
  runningMonth: (month) => `${month}尚未過完：虛線和空心點是至今的數字，仍在辦理的案件還沒有計入辦結。`,
  trendTable: '月度趨勢（表格）',

  priorityTitle: '按緊急程度的按期辦結率',
  priorityHint: '緊急件時限最短，需協調的件時限加倍',
  priorities: { ordinary: '一般', coordination: '需協調', urgent: '緊急' },
  priorityTable: '按緊急程度的按期辦結率（表格）',
  priority: '緊急程度',
  closedOnTime: '按期辦結',

  recourseTitle: '返工與回訪',
  recourseHint: '群眾對處理結果不滿意時怎麼辦',
  reopenRate: '返工率',
  reopenDetail: (reopened, closed) => `返工 ${reopened} / 已辦結 ${closed}`,
  disputeRate: '群眾異議率',
  disputeDetail: (disputed) => `提出異議 ${disputed} 件`,
  followUpRate: '回訪完成率',
  followUpDetail: (done, opened) => `已回訪 ${done} / 需回訪 ${opened}`,
  noFollowUps: '本期沒有需要回訪的案件',
  noDisputable: '本期尚無辦結案件，無法計算',

  emptyTitle: '本期無案件',
  emptyDetail: (period) => `${period}沒有收到或受理案件，因此沒有辦結率等資料。可以選擇其他時段查看。`,

  definitionsTitle: '這些數字怎麼算？',
  definitions: {
    received: '收到案件：本期內居民上報的案件數，分為已受理或等待受理的、不予受理的兩部分。',
    resolutionRate:
      '辦結率 = 已辦結 ÷ 已受理，只看本期內受理的案件。辦結要經與辦理無關的監督員或上級核查，辦理人不能自己核查。案件可能在上報後過幾天才受理，所以受理數可能多於或少於收到數。',
    onTimeRate: '按期辦結率 = 在規定的辦理時限內辦結的案件 ÷ 已辦結案件。每類問題都有自己的辦理時限。',
    satisfactionRate: '滿意率 = 評分為 4–5 分的評價 ÷ 全部評價。',
    levels: '各層級辦結占比 = 在該層級（網格、社區、街道、區）辦結的案件 ÷ 已辦結案件，即「小事不出社區」。',
    noCases: '某項沒有分母（例如本期沒有受理或辦結的案件）時不計算比率，顯示為「—」，而不是 0 或 100。',
    asOf: '數字按查詢時計算：過去時段的比率會隨遲辦結的案件辦結而上升。',
    byPriority:
      '按緊急程度：每件案件按一般、需協調、緊急分級，時限隨之不同（緊急件最短，需協調的件加倍）；按期辦結率按各自的時限計算。',
    reopenRate:
      '返工率 = 辦結後又退回重新處理過的案件 ÷ 已辦結案件。退回的原因可以是核查沒有通過，也可以是群眾對處理結果提出異議。',
    disputeRate:
      '群眾異議率 = 群眾在辦結後 7 天內對處理結果提出異議的案件 ÷ 辦結過的案件（包括因異議正在重新處理的）。',
    followUpRate: '回訪完成率 = 已記錄回訪結果的案件 ÷ 群眾評了 1–2 分、需要回訪的案件。',
  },
};

export default texts;
