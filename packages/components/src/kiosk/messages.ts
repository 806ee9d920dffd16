import { defineMessages } from '../messages/catalog.js';

/** The source texts (zh-CN), bundled with the kiosk: the language shown when no other is asked for. */
const zhCN = {
  title: '社区自助服务',
  /** Under the title: the grid(s) this terminal serves. */
  servedGrids: (names: string) => `服务网格：${names}`,
  homeIntro: '请点选您要办理的事项',
  choices: {
    report: { title: '我要反映问题', desc: '路灯、井盖、垃圾、噪音等，拍照上报' },
    track: { title: '查询办理进度', desc: '输入回执上的工单号，查看进展并评价' },
    board: { title: '网格团队和公告', desc: '网格长、网格员的联系电话和最新公告' },
    stats: { title: '网格办事情况', desc: '办结率、按期办结率和居民满意度' },
  },
  /** The heading and one line of instructions above each opened screen. */
  screens: {
    report: { title: '我要反映问题', help: '按提示一步一步填写，最后会给您一张带工单号的回执。' },
    track: {
      title: '查询办理进度',
      help: '输入回执上的工单号（例如 WF-20261122-0042），点“查询”。有查询码还可以评价办理结果，或对结果提出异议。',
    },
    board: { title: '网格团队和公告', help: '有事可以直接拨打网格长的工作电话。' },
    stats: { title: '网格办事情况', help: '数字按月统计，每隔几分钟自动更新。' },
    refused: {
      title: '未被受理的上报',
      help: '以下上报被服务器拒绝，不会再自动发送。为保护居民隐私，这里不显示居民填写的内容。请记下原因和请求编号，再删除。',
    },
  },
  home: '返回首页',
  chooseGrid: '请选择网格',
  textSize: '文字大小',
  textSizes: { standard: '标准', large: '大', 'x-large': '特大' },
  offlineTitle: '网络已断开',
  offlineDetail: '仍可反映问题：上报会先保存在本机，网络恢复后自动发送。其他信息可能不是最新的。',
  queued: (_count: number, shown: string) => `${shown} 份上报等待发送`,
  failed: (_count: number, shown: string) => `${shown} 份上报未被受理，请联系工作人员`,
  refusedOpen: '工作人员处理',
  noneRefused: '没有未被受理的上报了。',
  refusedWhen: '提交时间',
  refusedCategory: '问题类别',
  refusedReason: '未受理原因',
  refusedRequest: '请求编号',
  discard: '删除',
  discardQuestion: '删除这份上报？删除后无法恢复。',
  discardConfirm: '确认删除',
  discardCancel: '取消',
  idleTitle: '您还在使用吗？',
  idlePrompt: (seconds: string) => `${seconds} 秒后将返回首页，并清除刚才填写的内容。`,
  idleStay: '继续使用',
  idleLeave: '返回首页',
  /** For the page's developer, not for residents. */
  noClient: '自助终端未配置服务地址：请设置 base-url 属性，或把它放在带 base-url 的 <gk-provider> 里。',
  noGridSet: '自助终端未配置网格：请设置 grid-id 属性（可填多个，用空格分隔）。',
};

export type KioskMessages = typeof zhCN;

/**
 * The kiosk's texts. zh-TW and en are separate modules loaded on first use, so a
 * page pays only for the languages it shows; `defineMessages` makes a missing key
 * in either a compile error.
 */
export const kioskMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.zh-TW.js'),
  en: () => import('./messages.en.js'),
});
