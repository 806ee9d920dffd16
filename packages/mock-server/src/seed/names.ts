/**
 * Names for the demo data: pools and makers for generated people, places and
 * phone numbers. The streets, communities, roads and team formulas of 文峰区
 * (Anyang) named in the source articles are fixtures (`data/district.json`,
 * `data/teams.json`). All people are fictitious.
 */
import type { Rng } from './random.js';

/** The district's identity (`data/district.json`), for the case writer's ticket prefix. */
export { district } from './tree-data.js';

/** Syllables for generated place names (benchmark sizes). */
const placeSyllables =
  '安阳文峰光华甜水紫薇银杏中华宝莲高庄永和平兴富康乐民新建春秋河湖桥梅园林苑东西南北泰祥瑞丰德仁义礼智信福寿宁静清明朝阳红星金城玉泉石榴杏花柳荷桂松竹'.split(
    '',
  );

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
