/**
 * Names for the demo data: the streets and communities of 文峰区 (Anyang)
 * named in the source articles (`/work/shared/seeds`), team formulas, roads,
 * and pools for generated people and places. All people are fictitious.
 */
import type { Rng } from './random.js';

/** How a grid's team is made up (DOMAIN.md, "The grid team"). */
export type TeamFormula = 'wenfeng' | 'guancheng' | 'xubi' | 'beiliu';

export interface CommunitySpec {
  name: string;
  /** Latin slug, used in demo token names. */
  slug: string;
  /** Community number inside the street, for the administrative code. */
  code: number;
  grids: number;
  roads: readonly string[];
}

export interface StreetSpec {
  name: string;
  slug: string;
  code: number;
  formula: TeamFormula;
  communities: readonly CommunitySpec[];
}

export const district = {
  name: '文峰区',
  code: '410502',
  ticketPrefix: 'WF',
  centroid: { lat: 36.09, lng: 114.35 },
} as const;

/** The demo district: 5 streets, 20 communities, 100 grids. */
export const demoStreets: readonly StreetSpec[] = [
  {
    name: '西关街道',
    slug: 'xiguan',
    code: 3,
    formula: 'wenfeng',
    communities: [
      { name: '桥北社区', slug: 'qiaobei', code: 12, grids: 6, roads: ['桥北路', '西关路', '仓巷街'] },
      { name: '西关社区', slug: 'xiguan', code: 8, grids: 5, roads: ['西关路', '文峰大道', '彰德路'] },
      { name: '大院街社区', slug: 'dayuanjie', code: 10, grids: 4, roads: ['大院街', '西大街', '仓巷街'] },
      { name: '仓巷街社区', slug: 'cangxiangjie', code: 11, grids: 5, roads: ['仓巷街', '西大街', '北马道街'] },
    ],
  },
  {
    name: '东关街道',
    slug: 'dongguan',
    code: 1,
    formula: 'wenfeng',
    communities: [
      { name: '彩虹社区', slug: 'caihong', code: 4, grids: 7, roads: ['彩虹路', '东风路', '平原路'] },
      { name: '东关社区', slug: 'dongguan', code: 2, grids: 5, roads: ['东关大街', '解放大道', '东大街'] },
      { name: '平原路社区', slug: 'pingyuanlu', code: 6, grids: 4, roads: ['平原路', '红旗路', '永明路'] },
      { name: '永安社区', slug: 'yongan', code: 7, grids: 5, roads: ['永安街', '东风路', '灯塔路'] },
    ],
  },
  {
    name: '南关街道',
    slug: 'nanguan',
    code: 2,
    formula: 'xubi',
    communities: [
      { name: '文化路社区', slug: 'wenhualu', code: 3, grids: 5, roads: ['文化路', '文明大道', '南大街'] },
      { name: '南关社区', slug: 'nanguan', code: 1, grids: 5, roads: ['南关大街', '中华路', '文峰大道'] },
      { name: '三角湖社区', slug: 'sanjiaohu', code: 5, grids: 4, roads: ['三角湖路', '光明路', '中华路'] },
      { name: '义井社区', slug: 'yijing', code: 9, grids: 5, roads: ['义井街', '相州路', '文明大道'] },
    ],
  },
  {
    name: '北大街街道',
    slug: 'beidajie',
    code: 4,
    formula: 'beiliu',
    communities: [
      { name: '北门西社区', slug: 'beimenxi', code: 2, grids: 5, roads: ['北大街', '北关路', '鼓楼街'] },
      { name: '北门东社区', slug: 'beimendong', code: 3, grids: 4, roads: ['北大街', '东大街', '北马道街'] },
      { name: '鼓楼社区', slug: 'gulou', code: 5, grids: 5, roads: ['鼓楼街', '西大街', '东大街'] },
      { name: '红旗路社区', slug: 'hongqilu', code: 8, grids: 5, roads: ['红旗路', '人民大道', '北关路'] },
    ],
  },
  {
    name: '紫薇大道街道',
    slug: 'ziweidadao',
    code: 5,
    formula: 'guancheng',
    communities: [
      { name: '映月路社区', slug: 'yingyuelu', code: 6, grids: 6, roads: ['映月路', '紫薇大道', '光明路'] },
      { name: '阿卡迪亚社区', slug: 'akadiya', code: 4, grids: 5, roads: ['紫薇大道', '银杏大街', '中州路'] },
      { name: '中铁七局社区', slug: 'zhongtieqiju', code: 7, grids: 5, roads: ['中州路', '文明大道', '紫薇大道'] },
      { name: '石袁社区', slug: 'shiyuan', code: 2, grids: 5, roads: ['石袁路', '银杏大街', '光明路'] },
    ],
  },
];

/** More streets of 文峰区 named in the articles, used first when a benchmark needs more. */
export const extraStreetNames: readonly string[] = [
  '光华街道',
  '头二三街道',
  '甜水井街道',
  '西大街街道',
  '东大街街道',
  '南大街街道',
  '银杏大街街道',
  '中华路街道',
  '宝莲寺镇',
  '高庄镇',
];

/** Syllables for generated place names (benchmark sizes). */
const placeSyllables =
  '安阳文峰光华甜水紫薇银杏中华宝莲高庄永和平兴富康乐民新建春秋河湖桥梅园林苑东西南北泰祥瑞丰德仁义礼智信福寿宁静清明朝阳红星金城玉泉石榴杏花柳荷桂松竹'.split(
    '',
  );

export const roadPool: readonly string[] = [
  '文峰大道',
  '中华路',
  '解放大道',
  '红旗路',
  '人民大道',
  '东风路',
  '北关路',
  '平原路',
  '文明大道',
  '紫薇大道',
  '光明路',
  '永明路',
  '德隆街',
  '彰德路',
  '灯塔路',
  '相州路',
  '中州路',
  '银杏大街',
  '朝霞路',
  '曙光路',
];

/** A generated, unique two-syllable name with the given suffix (e.g. 泰和社区). */
export function generatedPlaceName(rng: Rng, suffix: string, taken: Set<string>): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const length = attempt < 400 ? 2 : 3;
    let stem = '';
    for (let i = 0; i < length; i++) stem += rng.pick(placeSyllables);
    const name = stem + suffix;
    if (!taken.has(name) && stem[0] !== stem[1]) {
      taken.add(name);
      return name;
    }
  }
  // Practically unreachable; keep names unique anyway.
  let n = taken.size;
  while (taken.has(`第${n}${suffix}`)) n++;
  const name = `第${n}${suffix}`;
  taken.add(name);
  return name;
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (for grid names such as 桥北社区第二网格). */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    const restText =
      rest === 0 ? '' : rest < 10 ? `零${digits[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
    return `${digits[Math.floor(n / 100)]}百${restText}`;
  }
  return String(n);
}

const surnames =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
const givenChars =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文利辉鹏飞海燕雪梅春晓东亮宁婷慧颖琳欣怡子涵宇浩然晨阳佳琪思雨博文嘉欣凯瑞昊天润泽德胜保卫新民树林淑珍素芬凤霞'.split(
    '',
  );

/** A fictitious Chinese name of 2 or 3 characters. */
export function personName(rng: Rng): string {
  const surname = rng.pick(surnames);
  return rng.chance(0.3) ? surname + rng.pick(givenChars) : surname + rng.pick(givenChars) + rng.pick(givenChars);
}

/** 李女士 / 王先生 / 张阿姨 …: how many residents give their name on a report. */
export function formOfAddress(rng: Rng): string {
  return rng.pick(surnames) + rng.pick(['女士', '女士', '先生', '先生', '阿姨', '大爷', '师傅']);
}

/** An Anyang landline (area code 0372), e.g. 0372-5123456. Fictitious. */
export function workLandline(rng: Rng): string {
  return `0372-${rng.pick(['2', '3', '5', '5', '5', '6'])}${String(rng.int(0, 999999)).padStart(6, '0')}`;
}

/** A mobile-looking work number (e.g. 139-0372-0418); fictitious. */
export function workMobile(rng: Rng): string {
  return `${rng.pick(['139', '138', '137', '150', '186'])}-0372-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** A reporter's phone, visibly fictitious (…-0000-…) yet valid for the contract's pattern. */
export function reporterPhone(rng: Rng): string {
  return `${rng.pick(['138', '139', '135', '151', '158', '177', '186', '189'])}-0000-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}
