/**
 * Notices on the grids' boards (公示牌): the leader's service pledge, policy
 * publicity, inspections, water cuts, free clinics, weather alerts … Plain
 * text with significant line breaks. Some pinned, some expired, one retired.
 */
import type { Schemas } from '@gridkit/sdk';
import type { IdSource, Rng } from './random.js';
import type { GridNode } from './tree.js';
import type { TableWriter } from '../store/table-writer.js';

type Kind = Schemas['NoticeKind'];

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const shanghaiOffset = 8 * H;

interface Context {
  grid: GridNode;
  leader: string;
  phone: string;
  /** A date a few days after publication, e.g. 11月25日. */
  soon: string;
  road: string;
  summer: boolean;
}

interface Template {
  kind: Kind;
  title: (c: Context) => string;
  body: (c: Context) => string;
  /** Days until expiry; null = no expiry. */
  expires: readonly [number, number] | null;
  pinned: number;
}

const templates: readonly Template[] = [
  {
    kind: 'policy',
    title: () => '垃圾分类，从我做起',
    body: () =>
      '垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。\n请按时按点投放，大件垃圾和装修垃圾请联系物业预约清运。\n网格员每周二、周五在小区门口开展垃圾分类指导。',
    expires: null,
    pinned: 0.1,
  },
  {
    kind: 'announcement',
    title: () => '消防安全入户检查通知',
    body: (c) =>
      `${c.soon}起，网格员将联合社区民警入户开展消防安全检查，重点检查电动车充电、燃气使用和楼道堆物情况。\n请居民理解配合。`,
    expires: [14, 30],
    pinned: 0.2,
  },
  {
    kind: 'alert',
    title: () => '停水通知',
    body: (c) =>
      `因供水管网维修，${c.soon}8:00至18:00${c.road}沿线停水，请居民提前储水。\n如有特殊困难，请联系网格长${c.leader}。`,
    expires: [2, 5],
    pinned: 0.4,
  },
  {
    kind: 'event',
    title: () => '义诊进网格',
    body: (c) =>
      `${c.soon}上午9:00在社区服务站开展义诊，片医为60岁以上老人免费测量血压、血糖，并提供用药咨询。\n行动不便的老人可预约上门。`,
    expires: [7, 14],
    pinned: 0,
  },
  {
    kind: 'policy',
    title: () => '防范电信网络诈骗提醒',
    body: () =>
      '近期冒充客服退款、冒充公检法、刷单返利等诈骗多发。\n凡是要求转账到“安全账户”的都是诈骗！\n如有疑问，请拨打96110或联系网格员。',
    expires: [30, 90],
    pinned: 0.1,
  },
  {
    kind: 'service',
    title: () => '高龄津贴年度认证',
    body: (c) =>
      `80周岁以上老人请于${c.soon}前完成高龄津贴年度认证。\n行动不便的老人可联系网格长${c.leader}（${c.phone}）上门代办。`,
    expires: [30, 60],
    pinned: 0.2,
  },
  {
    kind: 'alert',
    title: (c) => (c.summer ? '防汛预警' : '寒潮预警'),
    body: (c) =>
      c.summer
        ? '气象台预报未来三天有强降雨，请居民不要在低洼地带停车，远离广告牌和危旧房屋。\n地下室住户请做好防水准备，有险情请立即联系网格长。'
        : '气象台预报未来三天有寒潮，最低气温将降至零下8℃。\n请检查水管保温，使用煤炉、燃气取暖的居民注意通风，谨防一氧化碳中毒。',
    expires: [3, 7],
    pinned: 0.5,
  },
  {
    kind: 'service',
    title: () => '城乡居民医保缴费提醒',
    body: () =>
      '新一年度城乡居民医保开始缴费，可通过微信、支付宝或到社区服务站办理。\n低保、特困人员等由政府资助参保，请到社区确认。',
    expires: [30, 60],
    pinned: 0.1,
  },
  {
    kind: 'event',
    title: () => '邻里节文艺活动',
    body: (c) => `${c.soon}晚7:30在小区广场举办邻里节文艺活动，欢迎居民踊跃报名参加。\n报名请联系网格长${c.leader}。`,
    expires: [7, 20],
    pinned: 0,
  },
];

function pledge(c: Context): string {
  return `我是${c.grid.name}网格长${c.leader}，负责本网格${c.grid.households}户居民的日常服务。\n有事请找网格长：工作时间可到社区服务站，其他时间请拨打${c.phone}。\n小事不出网格，一般事不出社区。`;
}

function chineseDate(t: number): string {
  const d = new Date(t + shanghaiOffset);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A working-hours instant `daysAgo` days before `now` (never after `now`). */
function publishedAt(now: number, daysAgo: number, rng: Rng): number {
  const day = Math.floor((now + shanghaiOffset) / D) - daysAgo;
  const t = day * D - shanghaiOffset + rng.int(8 * 60 + 30, 17 * 60) * MIN;
  return Math.min(t, now - rng.int(1, 60) * MIN);
}

export function seedNotices(
  nodes: readonly GridNode[],
  now: number,
  rng: Rng,
  ids: IdSource,
  out: TableWriter,
): number {
  let count = 0;
  let retiredOne = false;
  const write = (
    grid: GridNode,
    kind: Kind,
    title: string,
    body: string,
    pinned: boolean,
    published: number,
    expires: number | null,
    retired: { at: number; reason: string } | null,
    author: { id: string; name: string },
  ): void => {
    const at = new Date(published).toISOString();
    out.add([
      ids.next(),
      grid.id,
      title,
      body,
      kind,
      pinned ? 1 : 0,
      at,
      expires === null ? null : new Date(expires).toISOString(),
      retired ? new Date(retired.at).toISOString() : null,
      retired?.reason ?? null,
      author.id,
      author.name,
      at,
    ]);
    count++;
  };

  for (const grid of nodes) {
    if (grid.level === 'building') {
      const head = grid.team[0]!;
      const published = publishedAt(now, rng.int(3, 40), rng);
      write(
        grid,
        'announcement',
        '楼道堆物清理通知',
        `为消除消防隐患，请${grid.name}住户于本周内清理楼道内堆放的杂物。\n逾期未清理的，将由物业统一清运。`,
        false,
        published,
        published + 10 * D,
        null,
        { id: head.id, name: head.name },
      );
      continue;
    }
    if (grid.level !== 'grid') continue;
    const leader = grid.team[0]!;
    const author = grid.worker!;
    const leaderName = leader.name;
    const phone = leader.workPhone ?? '社区服务站电话';
    if (rng.chance(0.7)) {
      const published = publishedAt(now, rng.int(60, 200), rng);
      const c: Context = { grid, leader: leaderName, phone, soon: '', road: '', summer: false };
      write(grid, 'announcement', '网格长服务承诺', pledge(c), true, published, null, null, author);
    }
    const extra = rng.int(1, 3);
    const start = rng.int(0, templates.length - 1);
    for (let k = 0; k < extra; k++) {
      const template = templates[(start + k * 2) % templates.length]!;
      const published = publishedAt(now, rng.int(0, 120), rng);
      const month = new Date(published + shanghaiOffset).getUTCMonth() + 1;
      const c: Context = {
        grid,
        leader: leaderName,
        phone,
        soon: chineseDate(published + rng.int(2, 6) * D),
        road: rng.pick(grid.roads),
        summer: month >= 5 && month <= 9,
      };
      const expires = template.expires ? published + rng.int(template.expires[0], template.expires[1]) * D : null;
      const retire = !retiredOne || rng.chance(0.01);
      const retired =
        retire && template.kind === 'event' && (expires === null || expires > now)
          ? { at: Math.min(now, published + rng.int(1, 48) * H), reason: '活动因天气原因取消，另行通知。' }
          : null;
      if (retired) retiredOne = true;
      write(
        grid,
        template.kind,
        template.title(c),
        template.body(c),
        rng.chance(template.pinned),
        published,
        expires,
        retired,
        author,
      );
    }
  }
  return count;
}
