import type { CommonMessages } from './zh-CN.js';

export const zhTW: CommonMessages = {
  loading: '正在載入…',
  retry: '重試',
  errorTitle: '暫時無法載入',
  errorDetail: '伺服器沒有正常回應，請稍後再試。',
  offlineTitle: '網路已中斷',
  offlineDetail: '恢復網路後會自動重新載入。',
  unreachableTitle: '無法連線到伺服器',
  unreachableDetail: '本機網路正常，但伺服器沒有回應。稍後會自動重試。',
  failingTitle: '伺服器出錯，暫時無法載入',
  failingDetail: '伺服器處理請求時出錯，稍後會自動重試。如需回報問題，請提供下面的請求編號。',
  notFound: '找不到該網格。',
  requestId: (id) => `請求編號 ${id}`,

  misconfiguredTitle: '元件設定不完整（請網頁開發者處理）',
  missingClient: (tag) =>
    `<${tag}> 沒有介面位址：請在它上面設定 base-url 屬性，或把它放進設定了 base-url 的 <gk-provider> 中。`,
  missingProviderClient: (tag) => `<${tag}> 所在的 <gk-provider> 沒有設定 base-url 屬性（也沒有 client）。`,
  missingGrid: (tag) => `<${tag}> 不知道要顯示哪個網格：請在它或外層 <gk-provider> 上設定 grid-id 屬性。`,

  stale: (time, reason) => `資料更新於 ${time} · ${reason} · 正在重新連線…`,
  staleOffline: '網路已中斷',
  staleUnreachable: '無法連線到伺服器',
  staleFailing: '伺服器出錯',
  offlineNow: (time) => `資料更新於 ${time} · 網路已中斷，恢復後自動更新`,
  retryNow: '立即重試',

  labelled: (label, value) => `${label}：${value}`,
  listSeparator: '、',
  clauseSeparator: '；',
  aside: (text) => `（${text}）`,
  pathSeparator: ' › ',
  metaSeparator: ' · ',
  httpStatus: (status) => `HTTP ${status}`,

  updated: (date) => `更新於 ${date}`,
};
