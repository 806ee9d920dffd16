import type { IssueReporterMessages } from './messages.js';

/** Traditional Chinese texts, loaded when a widget first renders in zh-TW. */
const texts: IssueReporterMessages = {
  stepOf: (n, total) => `第 ${n} 步，共 ${total} 步`,
  back: '返回上一步',
  next: '繼續',
  sending: '正在提交…',
  summaryTitle: '請先改正以下問題',

  whatHeading: '您要反映什麼問題？',
  searchLabel: '搜尋問題類別',
  searchHint: '輸入關鍵詞，如：路燈、垃圾、噪音',
  noMatch: (q) => `沒有與「${q}」相關的類別。請換個詞，或在下面的清單中選擇。`,
  kinds: {
    component: '設施損壞（部件）',
    event: '環境與秩序（事件）',
    service: '求助與服務',
    dispute: '矛盾糾紛',
  },
  chooseCategory: '請選擇問題類別。',
  needsPhoto: '需拍照',
  needsLocation: '需定位',

  idleTitle: '您還在嗎？',
  idlePrompt: (s) => `${s} 秒後將清除您填寫的內容並回到開始。`,
  idleStay: '繼續填寫',
  idleLeave: '清除並離開',
};

export default texts;
