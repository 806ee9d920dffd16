import { defineMessages } from '../messages/catalog.js';

/** The source texts (zh-CN), bundled with the widget: the language shown when no other is asked for. */
const zhCN = {
  stepOf: (n: string, total: string) => `第 ${n} 步，共 ${total} 步`,
  back: '返回上一步',
  next: '继续',
  sending: '正在提交…',
  summaryTitle: '请先改正以下问题',

  whatHeading: '您要反映什么问题？',
  searchLabel: '搜索问题类别',
  searchHint: '输入关键词，如：路灯、垃圾、噪音',
  noMatch: (q: string) => `没有与“${q}”相关的类别。请换个词，或在下面的列表中选择。`,
  kinds: {
    component: '设施损坏（部件）',
    event: '环境与秩序（事件）',
    service: '求助与服务',
    dispute: '矛盾纠纷',
  } as Record<string, string>,
  chooseCategory: '请选择问题类别。',
  needsPhoto: '需拍照',
  needsLocation: '需定位',

  idleTitle: '您还在吗？',
  idlePrompt: (s: number) => `${s} 秒后将清除您填写的内容并回到开始。`,
  idleStay: '继续填写',
  idleLeave: '清除并离开',
};

export type IssueReporterMessages = typeof zhCN;

/**
 * The issue reporter's texts. zh-TW and en are separate modules loaded on first use, so a
 * page pays only for the languages it shows; `defineMessages` makes a missing key
 * in either a compile error.
 */
export const issueReporterMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.zh-TW.js'),
  en: () => import('./messages.en.js'),
});
