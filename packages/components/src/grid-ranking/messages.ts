import { defineMessages } from '../messages/catalog.js';

/** The source texts (zh-CN), bundled with the widget: the language shown when no other is asked for. */
const zhCN = {
  title: (node: string) => `${node} · 红黄榜`,
  range: (from: string, to: string) => `${from} 至 ${to}`,
  caption: (node: string, by: string) => `${node}下属各单位，按${by}排名`,
  rank: '名次',
  name: '单位',
  received: '收到案件',
  gridShare: '网格办结占比',
  onTime: '按期办结率',
  satisfaction: '满意率',
  resolution: '办结率',
  /** The button in a column heading that ranks by it. */
  rankBy: (figure: string) => `按${figure}排名`,
  red: '红榜',
  yellow: '黄榜',
  redHint: (n: string) => `前 ${n} 名上红榜`,
  yellowHint: (n: string) => `后 ${n} 名上黄榜`,
  listsHint: (red: string, yellow: string) => `${red}，${yellow}；没有数据的单位不排名。`,
  notRanked: '不排名',
  noRate: '无数据',
  empty: '没有下属单位',
  emptyDetail: (node: string) => `${node}下面没有可以排名的单位。`,
  definitionsTitle: '这些数字怎么算？',
  definitions: {
    gridShare: '网格办结占比 = 在网格一级办结的案件 ÷ 已办结案件，即“小事不出网格”。',
    onTime: '按期办结率 = 在规定的办理时限内办结的案件 ÷ 已办结案件。',
    satisfaction: '满意率 = 评分为 4–5 分的评价 ÷ 全部评价。',
    resolution: '办结率 = 已办结 ÷ 已受理，只看本期内受理的案件；办结要经与办理无关的监督员或上级核查。',
    lists: '排名看所选的一项数字，并列时看收到的案件数。某项没有分母（例如没有办结的案件）时不计算、不排名。',
  },
};

export type GridRankingMessages = typeof zhCN;

/** The ranking's texts; zh-TW and en are loaded on first use. */
export const gridRankingMessages = defineMessages({
  'zh-CN': zhCN,
  'zh-TW': () => import('./messages.zh-TW.js'),
  en: () => import('./messages.en.js'),
});
