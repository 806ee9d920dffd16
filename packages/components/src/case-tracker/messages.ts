import { defineMessages } from '../messages/catalog.js';

/** The source texts (zh-CN), bundled with the widget: the language shown when no other is asked for. */
const zhCN = {
  formLabel: '查询工单办理进度',
  ticketLabel: '工单号',
  ticketHint: '在回执上，如 WF-20261122-0042',
  ticketMissing: '请输入工单号。',
  ticketMalformed: '工单号格式不对：应为字母-8位日期-序号，如 WF-20261122-0042。',
  tokenLabel: '查询码（选填）',
  tokenHint: '回执上的查询码：可查看工作人员的说明，评价或对处理结果提出异议时需要',
  tokenWrong: '查询码不正确，请核对回执上的查询码后再试。',
  search: '查询',
  notFoundTitle: '没有找到该工单，请核对工单号',
  notFoundDetail: (ticket: string) => `没有编号为 ${ticket} 的工单。工单号在上报后给您的回执上。`,

  caseTitle: (ticket: string) => `工单 ${ticket}`,
  statusLabel: '办理状态',
  statuses: {
    submitted: '已提交，等待受理',
    accepted: '已受理',
    dispatched: '已派单给处理单位',
    in_progress: '正在处理',
    resolved: '已处理，等待核实',
    closed: '已办结',
    rejected: '未受理',
  } as Record<string, string>,
  rejectedReason: '原因',
  level: '处理层级',
  levels: {
    grid: '由网格处理',
    community: '由社区处理',
    street: '由街道处理',
    district: '由区里处理',
  } as Record<string, string>,
  category: '问题类别',
  grid: '所在网格',
  reported: '上报时间',
  due: '办理时限',
  overdue: '已超期',
  closed: '办结时间',
  closedLate: '超过办理时限后办结',
  /** Triage priority (分级分类): how fast the case is handled and who follows it. */
  priorityLabel: '紧急程度',
  priorities: { ordinary: '一般', coordination: '需协调', urgent: '紧急' } as Record<string, string>,
  /** After the due date: the deadline follows from the priority. */
  dueByPriority: (priority: string) => `按${priority}件的时限`,

  timeline: '办理经过',
  events: {
    created: '提交上报',
    accept: '受理',
    reject: '不予受理',
    dispatch: '派单给处理单位',
    start: '开始处理',
    resolve: '处理完毕',
    verify: '核实后办结',
    reopen: '核实未通过，重新处理',
    escalate: '移交上级处理',
    prioritize: '调整紧急程度',
    dispute: '您对处理结果提出异议，重新处理',
    follow_up_opened: '评分较低，安排回访',
    follow_up: '完成回访',
  } as Record<string, string>,
  /** A timeline step that set the priority: `accept` or `prioritize` with the new one. */
  eventWithPriority: (event: string, priority: string) => `${event}（按${priority}件办理）`,
  escalatedTo: (level: string) => `移交${level}处理`,
  levelNames: { grid: '网格', community: '社区', street: '街道', district: '区' } as Record<string, string>,

  ratingLegend: '您对办理结果满意吗？',
  scores: ['很不满意', '不满意', '一般', '满意', '很满意'],
  scoreLabel: (score: string, words: string) => `${score} 分 · ${words}`,
  commentLabel: '意见或建议（选填）',
  commentCount: (used: string, max: string) => `已输入 ${used}/${max} 字`,
  submitRating: '提交评价',
  sending: '正在提交…',
  chooseScore: '请先选择满意程度。',
  ratingFailed: '评价没有提交成功，请稍后再试。',
  thanks: '感谢您的评价！',
  alreadyEvaluated: '该工单已经评价过，每个工单只能评价一次。',
  yourRating: '您的评价',
  needToken: '评价办理结果或对结果提出异议，需要回执上的查询码：请在上方填写查询码后再查询。',
  tokenWrongShort: '查询码不正确，请改正上方的查询码。',
  tokenUnlocks: '填写回执上的查询码再查询，可看到工作人员的说明、评价办理结果，办结后 7 天内还可对处理结果提出异议。',
  reasonNeedsToken: '未受理的原因在填写回执上的查询码后显示。',

  followUpOpen: (since: string) => `回访中：因评分较低，工作人员会回访您（${since} 起）。`,
  followUpDone: (at: string) => `已回访（${at}）。`,
  followUpLabel: '回访',

  disputeOpen: '对处理结果有异议',
  disputeLegend: '对处理结果有异议',
  disputeHint: (until: string) =>
    `请写明哪里没有处理好。提交后工单将退回重新处理，理由会记入办理经过。可在 ${until} 前提出。`,
  disputeReasonLabel: '异议理由',
  disputeReasonCount: (used: string, max: string) => `已输入 ${used}/${max} 字`,
  disputeReasonMissing: '请写明异议理由。',
  disputeSubmit: '提交异议',
  disputeCancel: '取消',
  disputeSending: '正在提交…',
  disputeSent: '已收到您的异议，工单已退回重新处理。',
  disputeFailed: '异议没有提交成功，请稍后再试。',
  disputeWindowClosed: (until: string) => `提出异议的期限已过：办结后 7 天内（截至 ${until}）可以提出。`,
  disputeNotClosed: '该工单已不在办结状态，下面是它现在的情况。',
  disputeTokenWrong: '查询码不正确，请改正上方的查询码后再提交。',
  disputeUntilPassed: (until: string) => `对处理结果有异议可在办结后 7 天内提出，期限已于 ${until} 截止。`,
};

export type CaseTrackerMessages = typeof zhCN;

/**
 * The case tracker's texts. zh-TW and en are separate modules loaded on first use, so a
 * page pays only for the languages it shows; `defineMessages` makes a missing key
 * in either a compile error.
 */
export const caseTrackerMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.zh-TW.js'),
  en: () => import('./messages.en.js'),
});
