import type { NoticeBoardMessages } from './messages.js';

/** Traditional Chinese texts, loaded when a widget first renders in zh-TW. */
const texts: NoticeBoardMessages = {
  boardLabel: (grid) => `${grid}公示牌`,
  leader: '網格長',
  noLeader: '尚未公布網格長',
  team: '網格團隊',
  workPhone: '工作電話',
  phoneOf: (name) => `（${name}）`,
  duties: '服務內容',
  serviceHours: '服務時間',
  services: '為民服務事項',
  notices: '公告',
  noNotices: '暫無公告',
  pinned: '置頂',
  expires: (date) => `有效期至 ${date}`,
  published: (date) => `發布於 ${date}`,
  households: (n) => `${n} 戶`,

  roles: {
    grid_leader: '網格長',
    grid_worker: '網格員',
    party_secretary: '黨支部書記',
    police_officer: '片區民警',
    doctor: '片區醫生',
    inspector: '督查員',
    building_head: '樓棟長',
    volunteer: '志願者',
    street_officer: '街道幹部',
    community_worker: '社區工作者',
    property_manager: '物業負責人',
    mediator: '調解員',
    deputy: '人大代表',
  },
  noticeKinds: {
    announcement: '通知',
    event: '活動',
    policy: '政策',
    alert: '提醒',
    service: '服務',
  },
};

export default texts;
