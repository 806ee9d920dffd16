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
  /** No network on this device (the browser says it is offline). */
  offlineTitle: '网络已断开',
  offlineDetail: '恢复网络后会自动重新加载。',
  /** The network is up but the server does not answer (wrong address, server down, firewall). */
  unreachableTitle: '无法连接服务器',
  unreachableDetail: '本机网络正常，但服务器没有回应。稍后会自动重试。',
  /** The server answered with an error of its own (5xx). */
  failingTitle: '服务器出错，暂时无法加载',
  failingDetail: '服务器处理请求时出错，稍后会自动重试。如需报告问题，请提供下面的请求编号。',
  notFound: '没有找到该网格。',
  requestId: (id: string) => `请求编号 ${id}`,

  /** Misconfiguration: texts for the page's developer, naming the attribute to set. */
  misconfiguredTitle: '组件配置不完整（请网页开发者处理）',
  missingClient: (tag: string) =>
    `<${tag}> 没有接口地址：请在它上面设置 base-url 属性，或把它放进设置了 base-url 的 <gk-provider> 中。`,
  missingProviderClient: (tag: string) => `<${tag}> 所在的 <gk-provider> 没有设置 base-url 属性（也没有 client）。`,
  missingGrid: (tag: string) => `<${tag}> 不知道要显示哪个网格：请在它或外层 <gk-provider> 上设置 grid-id 属性。`,

  /** The marker over data kept after a failed refresh: when it was last good, and why it is not newer. */
  stale: (time: string, reason: string) => `数据更新于 ${time} · ${reason} · 正在重新连接…`,
  staleOffline: '网络已断开',
  staleUnreachable: '无法连接服务器',
  staleFailing: '服务器出错',
  /** Fresh data on a device that has just gone offline. */
  offlineNow: (time: string) => `数据更新于 ${time} · 网络已断开，恢复后自动更新`,
  retryNow: '立即重试',

  /** A label and its value in running text (`原因：…`). */
  labelled: (label: string, value: string) => `${label}：${value}`,
  /** Between the items of an inline list. */
  listSeparator: '、',
  /** Between clauses of one sentence. */
  clauseSeparator: '；',
  /** An aside after a word or figure (`（必填）`, `（12 件）`). */
  aside: (text: string) => `（${text}）`,
  /** Between the levels of a place's path (`某某区 › 某某街道 › 某某社区`). */
  pathSeparator: ' › ',
  /** Between the details on one line (`发布于 … · 有效期至 …`). */
  metaSeparator: ' · ',
  /** A server's answer status, shown to support staff next to a request id. */
  httpStatus: (status: number) => `HTTP ${status}`,

  updated: (date: string) => `更新于 ${date}`,
};

export type CommonMessages = typeof zhCN;
