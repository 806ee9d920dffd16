import type { GridRankingMessages } from './messages.js';

/** Traditional Chinese texts, loaded when a widget first renders in zh-TW. */
const texts: GridRankingMessages = {
  title: (node) => `${node} · 紅黃榜`,
  range: (from, to) => `${from} 至 ${to}`,
  caption: (node, by) => `${node}下屬各單位，按${by}排名`,
  rank: '名次',
  name: '單位',
  received: '收到案件',
  gridShare: '網格辦結佔比',
  onTime: '按期辦結率',
  satisfaction: '滿意率',
  resolution: '辦結率',
  rankBy: (figure) => `按${figure}排名`,
  red: '紅榜',
  yellow: '黃榜',
  redHint: (n) => `前 ${n} 名上紅榜`,
  yellowHint: (n) => `後 ${n} 名上黃榜`,
  listsHint: (red, yellow) => `${red}，${yellow}；沒有數據的單位不排名。`,
  notRanked: '不排名',
  noRate: '無數據',
  empty: '沒有下屬單位',
  emptyDetail: (node) => `${node}下面沒有可以排名的單位。`,
  definitionsTitle: '這些數字怎麼算？',
  definitions: {
    gridShare: '網格辦結佔比 = 在網格一級辦結的案件 ÷ 已辦結案件，即「小事不出網格」。',
    onTime: '按期辦結率 = 在規定的辦理時限內辦結的案件 ÷ 已辦結案件。',
    satisfaction: '滿意率 = 評分為 4–5 分的評價 ÷ 全部評價。',
    resolution: '辦結率 = 已辦結 ÷ 已受理，只看本期內受理的案件；辦結要經與辦理無關的監督員或上級核查。',
    lists: '排名看所選的一項數字，並列時看收到的案件數。某項沒有分母（例如沒有辦結的案件）時不計算、不排名。',
  },
};

export default texts;
