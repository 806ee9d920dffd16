import type { CommonMessages } from './zh-CN.js';

export const zhTW: CommonMessages = {
  loading: '正在載入…',
  retry: '重試',
  errorTitle: '暫時無法載入',
  errorDetail: '伺服器沒有正常回應，請稍後再試。',
  offlineTitle: '網路已中斷',
  offlineDetail: '恢復網路後會自動重新載入。',
  notFound: '找不到該網格。',
  noGrid: '未指定網格（grid-id）。',
  requestId: (id) => `請求編號 ${id}`,

  labelled: (label, value) => `${label}：${value}`,
  listSeparator: '、',
  clauseSeparator: '；',
  aside: (text) => `（${text}）`,

  updated: (date) => `更新於 ${date}`,
};
