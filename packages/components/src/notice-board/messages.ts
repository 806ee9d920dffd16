import { defineMessages } from '../messages/catalog.js';

/** The source texts (zh-CN), bundled with the widget: the language shown when no other is asked for. */
const zhCN = {
  boardLabel: (grid: string) => `${grid}公示牌`,
  leader: '网格长',
  noLeader: '暂未公布网格长',
  team: '网格团队',
  workPhone: '工作电话',
  phoneOf: (name: string) => `（${name}）`,
  duties: '服务内容',
  serviceHours: '服务时间',
  services: '为民服务事项',
  notices: '公告',
  noNotices: '暂无公告',
  pinned: '置顶',
  expires: (date: string) => `有效期至 ${date}`,
  published: (date: string) => `发布于 ${date}`,
  households: (n: string) => `${n} 户`,

  roles: {
    grid_leader: '网格长',
    grid_worker: '网格员',
    party_secretary: '党支部书记',
    police_officer: '片区民警',
    doctor: '片区医生',
    inspector: '督查员',
    building_head: '楼栋长',
    volunteer: '志愿者',
    street_officer: '街道干部',
    community_worker: '社区工作者',
    property_manager: '物业负责人',
    mediator: '调解员',
    deputy: '人大代表',
  } as Record<string, string>,
  noticeKinds: {
    announcement: '通知',
    event: '活动',
    policy: '政策',
    alert: '提醒',
    service: '服务',
  } as Record<string, string>,
};

export type NoticeBoardMessages = typeof zhCN;

/**
 * The notice board's texts. zh-TW and en are separate modules loaded on first use, so a
 * page pays only for the languages it shows; `defineMessages` makes a missing key
 * in either a compile error.
 */
export const noticeBoardMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.zh-TW.js'),
  en: () => import('./messages.en.js'),
});
