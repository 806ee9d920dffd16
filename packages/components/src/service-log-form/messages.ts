import type { ServiceLogInput } from '@gridkit/sdk';
import { defineMessages } from '../messages/catalog.js';

type Kind = ServiceLogInput['kind'];
type SubjectGroup = ServiceLogInput['subjectGroups'][number];
type Outcome = ServiceLogInput['outcome'];

/** The source texts (zh-CN), bundled with the widget: the language shown when no other is asked for. */
const zhCN = {
  title: '为民服务事项登记',
  signedInAs: (name: string) => `登记人：${name}`,
  gridLabel: '服务网格',
  quickLabel: '快速登记',
  dateLabel: '服务日期',
  dateHint: '默认今天，不能晚于今天',
  kindLabel: '服务类型',
  groupsLabel: '服务对象（可多选）',
  householdLabel: '户号（选填）',
  householdHint: '楼栋-单元-门牌，如 5-2-301',
  summaryLabel: '服务内容',
  summaryCount: (used: string, max: string) => `已输入 ${used}/${max} 字`,
  minutesLabel: '用时（分钟）',
  outcomeLabel: '办理结果',
  ticketLabel: '关联工单号（选填）',
  ticketHint: '如 WF-20261122-0042',
  save: '保存登记',
  saving: '正在保存…',
  clear: '清空',

  kinds: {
    visit: '走访',
    mediation: '调解',
    assistance: '帮办代办',
    inspection: '巡查',
    publicity: '宣传',
    registration: '登记',
    other: '其他',
  } satisfies Record<Kind, string>,
  groups: {
    elderly_alone: '独居/空巢老人',
    disabled: '残疾人',
    chronically_ill: '慢性病患者',
    unemployed: '失业人员',
    newcomer: '新市民/流动人口',
    hardship: '困难群众',
    minor: '未成年人',
    veteran: '退役军人',
    general: '一般居民',
  } satisfies Record<SubjectGroup, string>,
  outcomes: {
    resolved: '当场解决',
    followup_needed: '需跟进',
    referred: '已转交',
    case_opened: '已立案',
  } satisfies Record<Outcome, string>,

  errorSummaryTitle: '请先改正以下问题',
  errors: {
    gridId: '请选择服务网格。',
    date: '请选择服务日期。',
    dateFuture: '服务日期不能晚于今天。',
    kind: '请选择服务类型。',
    subjectGroups: '请至少选择一类服务对象（没有特定对象时选“一般居民”）。',
    householdRef: '户号不能超过 64 个字。',
    summary: '请填写服务内容。',
    summaryLong: '服务内容不能超过 1000 字。',
    minutes: '请填写用时：1 到 720 之间的整数分钟。',
    outcome: '请选择办理结果。',
    ticket: '工单号格式不对，应如 WF-20261122-0042。',
    ticketUnknown: (ticket: string) => `在您负责的范围内没有找到工单 ${ticket}。`,
    ticketOffline: '现在无法核对工单号：请联网后再保存，或先清空工单号。',
  },

  savedTitle: '已保存',
  savedDetail: (kind: string, minutes: string) => `${kind} · ${minutes} 分钟，已记入今天的登记。`,
  queuedTitle: '已保存在本设备，联网后自动发送',
  queuedDetail: '网络恢复后会自动上传，无需重新填写。',
  sentLater: '离线保存的登记已发送。',
  saveFailed: '没有保存成功',
  storageFailed: '本设备无法保存这条登记（存储空间可能已满）。内容仍在表单中，请稍后再试。',
  outboxUnavailable: '网络已断开，本页还不能在设备上保存登记。内容仍在表单中，网络恢复后请再保存一次。',
  signInTitle: '需要工作人员登录',
  signInDetail: '服务登记只对网格工作人员开放。请使用工作人员账号登录（页面需要提供工作人员令牌），然后重试。',
  forbiddenTitle: '该网格不在您的负责范围内',
  forbiddenDetail: (grid: string) =>
    `您的账号不能为“${grid}”登记服务：服务只能登记在自己负责的网格。请选择您负责的网格；如需调整负责范围，请联系管理员。`,
  yourGrids: (grids: string) => `您负责的网格：${grids}`,
  noGridsTitle: '您的账号还没有分配网格',
  noGridsDetail: '请联系管理员为您分配负责的网格后再登记。',

  idleTitle: '还在使用吗？',
  idlePrompt: (seconds: number) => `${seconds} 秒后将清空未保存的登记。`,
  idleStay: '继续填写',
  idleLeave: '现在清空',
};

export type ServiceLogFormMessages = typeof zhCN;

/**
 * The service log form's texts. zh-TW and en are separate modules loaded on first use, so a
 * page pays only for the languages it shows; `defineMessages` makes a missing key
 * in either a compile error.
 */
export const serviceLogFormMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.zh-TW.js'),
  en: () => import('./messages.en.js'),
});
