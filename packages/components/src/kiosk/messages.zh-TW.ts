import type { KioskMessages } from './messages.js';

/** Traditional Chinese texts, loaded when the kiosk first renders in zh-TW. */
const texts: KioskMessages = {
  title: '社區自助服務',
  servedGrids: (names) => `服務網格：${names}`,
  homeIntro: '請點選您要辦理的事項',
  choices: {
    report: { title: '我要反映問題', desc: '路燈、井蓋、垃圾、噪音等，拍照上報' },
    track: { title: '查詢辦理進度', desc: '輸入回執上的工單號，查看進展並評價' },
    board: { title: '網格團隊和公告', desc: '網格長、網格員的聯絡電話和最新公告' },
    stats: { title: '網格辦事情況', desc: '辦結率、按期辦結率和居民滿意度' },
  },
  screens: {
    report: { title: '我要反映問題', help: '按提示一步一步填寫，最後會給您一張帶工單號的回執。' },
    track: {
      title: '查詢辦理進度',
      help: '輸入回執上的工單號（例如 WF-20261122-0042），點「查詢」。有查詢碼還可以評價辦理結果，或對結果提出異議。',
    },
    board: { title: '網格團隊和公告', help: '有事可以直接撥打網格長的工作電話。' },
    stats: { title: '網格辦事情況', help: '數字按月統計，每隔幾分鐘自動更新。' },
    refused: {
      title: '未被受理的上報',
      help: '以下上報被伺服器拒絕，不會再自動傳送。為保護居民隱私，這裡不顯示居民填寫的內容。請記下原因和請求編號，再刪除。',
    },
  },
  home: '返回首頁',
  chooseGrid: '請選擇網格',
  textSize: '文字大小',
  textSizes: { standard: '標準', large: '大', 'x-large': '特大' },
  offlineTitle: '網路已中斷',
  offlineDetail: '仍可反映問題：上報會先保存在本機，網路恢復後自動發送。其他資訊可能不是最新的。',
  queued: (_count, shown) => `${shown} 份上報等待發送`,
  refusedOpen: '工作人員處理',
  noneRefused: '沒有未被受理的上報了。',
  refusedWhen: '提交時間',
  refusedCategory: '問題類別',
  refusedReason: '未受理原因',
  refusedRequest: '請求編號',
  discard: '刪除',
  discardQuestion: '刪除這份上報？刪除後無法復原。',
  discardConfirm: '確認刪除',
  discardCancel: '取消',
  failed: (_count, shown) => `${shown} 份上報未被受理，請聯絡工作人員`,
  idleTitle: '您還在使用嗎？',
  idlePrompt: (seconds) => `${seconds} 秒後將返回首頁，並清除剛才填寫的內容。`,
  idleStay: '繼續使用',
  idleLeave: '返回首頁',
  noClient: '自助終端未設定服務位址：請設定 base-url 屬性，或把它放在帶 base-url 的 <gk-provider> 裡。',
  noGridSet: '自助終端未設定網格：請設定 grid-id 屬性（可填多個，用空格分隔）。',
};

export default texts;
