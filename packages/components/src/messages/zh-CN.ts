/**
 * Texts every widget shares, in the source language. Its shape is the
 * `CommonMessages` type: the other catalogs must have every key (a missing
 * one does not compile, and a test checks them at run time too). Each widget
 * keeps its own catalog beside it, so a page loads only the texts of the
 * widgets it uses.
 */
export const zhCN = {
  loading: '正在加载…',
  retry: '重试',
  errorTitle: '暂时无法加载',
  errorDetail: '服务器没有正常响应，请稍后再试。',
  offlineTitle: '网络已断开',
  offlineDetail: '恢复网络后会自动重新加载。',
  notFound: '没有找到该网格。',
  noGrid: '未指定网格（grid-id）。',
  requestId: (id: string) => `请求编号 ${id}`,

  /** A label and its value in running text (`原因：…`). */
  labelled: (label: string, value: string) => `${label}：${value}`,
  /** Between the items of an inline list. */
  listSeparator: '、',
  /** Between clauses of one sentence. */
  clauseSeparator: '；',
  /** An aside after a word or figure (`（必填）`, `（12 件）`). */
  aside: (text: string) => `（${text}）`,

  updated: (date: string) => `更新于 ${date}`,
};

export type CommonMessages = typeof zhCN;
