/**
 * The daily service register (为民服务事项登记) of every grid leader and grid
 * worker: 1–4 entries per working day, a few on weekend duty, in working
 * hours (Shanghai), for the 12 months before "now". Visits go to the groups
 * 文峰 visits every day (困难群众、空巢老人、残疾人、长期病人、下岗失业人员、外来人员).
 */
import type { Schemas } from '@gridkit/sdk';
import { WeightedTable, type IdSource, type Rng } from './random.js';
import type { Actor, GridNode } from './tree.js';
import type { TableWriter } from '../store/table-writer.js';
import { weekday } from './cases.js';

type Kind = Schemas['ServiceLogKind'];
type Group = Schemas['SubjectGroup'];
/** A seeded entry never opens a case (`case_opened` needs a `caseId`). */
type Outcome = Exclude<Schemas['ServiceOutcome'], 'case_opened'>;

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const shanghaiOffset = 8 * H;

const kinds = new WeightedTable<Kind>(
  ['visit', 'inspection', 'assistance', 'publicity', 'mediation', 'registration', 'other'],
  [35, 20, 15, 10, 8, 8, 4],
);

const visitGroups = new WeightedTable<Group>(
  ['elderly_alone', 'disabled', 'chronically_ill', 'unemployed', 'newcomer', 'hardship', 'veteran'],
  [35, 12, 15, 10, 10, 13, 5],
);
const assistanceGroups = new WeightedTable<Group>(
  ['elderly_alone', 'disabled', 'hardship', 'unemployed', 'general'],
  [30, 15, 20, 10, 25],
);
const publicityGroups = new WeightedTable<Group>(['general', 'minor', 'elderly_alone'], [70, 15, 15]);

const summaries: Record<Kind, Partial<Record<Group, readonly string[]>>> = {
  visit: {
    elderly_alone: [
      '走访独居老人，了解身体和生活情况，提醒注意用电用气安全。',
      '探望空巢老人，帮忙检查家中燃气阀门和电线。',
      '走访高龄老人，了解近期就医和饮食情况。',
    ],
    disabled: ['走访残疾人家庭，核实残疾人两项补贴发放情况。', '走访重度残疾人，了解康复需求。'],
    chronically_ill: ['走访慢性病患者，协调片医上门测量血压血糖。', '走访长期病人，了解用药和复诊情况。'],
    unemployed: ['走访失业人员，介绍社区公益岗位和技能培训信息。', '走访下岗失业人员，登记就业意向。'],
    newcomer: ['走访新入住住户，宣传网格服务内容，留下网格长联系方式。', '走访外来务工人员，了解居住和子女入学需求。'],
    hardship: ['走访低保家庭，了解近期困难和需求。', '走访困难群众，核实临时救助申请情况。'],
    veteran: ['走访退役军人家庭，宣传优抚政策。'],
  },
  assistance: {
    elderly_alone: ['帮助老人代办高龄津贴认证。', '为独居老人代购生活用品。'],
    disabled: ['帮助残疾人申请辅助器具。', '代办残疾人证年审。'],
    hardship: ['协助困难家庭提交低保申请材料。', '帮助困难群众申请临时救助。'],
    unemployed: ['协助失业人员办理失业登记。'],
    general: ['代办城乡居民医保缴费。', '协助居民办理居住证明。', '帮助居民联系维修下水管道。'],
  },
  mediation: {
    general: [
      '调解楼上楼下漏水纠纷，双方达成维修协议。',
      '调解邻里噪音纠纷，双方互相谅解。',
      '调解停车位纠纷，协商错时停车。',
      '调解家庭矛盾，做好双方思想工作。',
    ],
  },
  inspection: {
    general: [
      '巡查网格内消防通道，清理堆放杂物两处。',
      '巡查井盖、路灯等公共设施，未发现异常。',
      '巡查沿街门店占道经营情况，劝导商户规范经营。',
      '巡查楼道电动车充电情况，提醒住户集中充电。',
      '巡查背街小巷环境卫生。',
    ],
  },
  publicity: {
    general: [
      '入户宣传垃圾分类知识，发放宣传册。',
      '开展防范电信诈骗宣传。',
      '宣传城乡居民医保缴费政策。',
      '宣传防汛和安全用电知识。',
    ],
    minor: ['在小区开展防溺水安全宣传。', '组织“爱心教室”课后辅导。'],
    elderly_alone: ['为老人讲解防范养老诈骗知识。'],
  },
  registration: {
    newcomer: ['登记新入住流动人口，核实租赁信息。', '更新出租房屋和租住人员信息。', '为外来人员办理居住登记。'],
  },
  other: {
    general: ['参加社区网格工作例会。', '整理网格台账和民情日记。', '配合社区开展人口普查入户登记。'],
  },
};

const minutesRange: Record<Kind, readonly [number, number]> = {
  visit: [15, 60],
  mediation: [30, 120],
  assistance: [15, 90],
  inspection: [30, 120],
  publicity: [20, 90],
  registration: [10, 40],
  other: [30, 90],
};

const outcomeWeights: Record<Kind, readonly [number, number, number]> = {
  visit: [70, 28, 2],
  assistance: [65, 20, 15],
  mediation: [60, 25, 15],
  inspection: [80, 12, 8],
  publicity: [100, 0, 0],
  registration: [95, 5, 0],
  other: [100, 0, 0],
};
const outcomes: readonly Outcome[] = ['resolved', 'followup_needed', 'referred'];

function groupsFor(kind: Kind, rng: Rng): Group[] {
  switch (kind) {
    case 'visit': {
      const first = visitGroups.sample(rng);
      if (first === 'elderly_alone' && rng.chance(0.2)) return ['elderly_alone', 'chronically_ill'];
      return [first];
    }
    case 'assistance':
      return [assistanceGroups.sample(rng)];
    case 'publicity':
      return [publicityGroups.sample(rng)];
    case 'registration':
      return ['newcomer'];
    default:
      return ['general'];
  }
}

function householdRef(rng: Rng): string {
  return `${rng.int(1, 12)}-${rng.int(1, 4)}-${rng.int(1, 18)}0${rng.int(1, 3)}`;
}

/** One worker's entries, in their grids, day by day. */
function logWorker(worker: Actor, grids: GridNode[], now: number, rng: Rng, ids: IdSource, out: TableWriter): number {
  const firstDay = Math.floor((now - 365 * D + shanghaiOffset) / D);
  const lastDay = Math.floor((now + shanghaiOffset) / D);
  let count = 0;
  const minutes: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const dayStart = day * D - shanghaiOffset;
    const wd = weekday(dayStart);
    let entries: number;
    if (wd === 0) entries = rng.chance(0.1) ? 1 : 0;
    else if (wd === 6) entries = rng.chance(0.25) ? 1 : 0;
    else entries = rng.chance(0.03) ? 0 : 1 + rng.weighted([20, 35, 30, 15]);
    if (entries === 0) continue;
    minutes.length = 0;
    for (let e = 0; e < entries; e++) minutes.push(rng.int(8 * 60 + 30, 17 * 60 + 10));
    minutes.sort((a, b) => a - b);
    for (const minute of minutes) {
      const occurred = dayStart + minute * MIN + rng.int(0, 59) * 1000;
      if (occurred > now) break;
      const grid = grids.length === 1 ? grids[0]! : rng.pick(grids);
      const kind = kinds.sample(rng);
      const groups = groupsFor(kind, rng);
      const texts = summaries[kind][groups[0]!] ?? summaries[kind].general!;
      const [low, high] = minutesRange[kind];
      const spent = rng.int(low, high);
      const withHousehold =
        kind === 'visit' ||
        kind === 'assistance' ||
        kind === 'registration' ||
        (kind === 'mediation' && rng.chance(0.5));
      let recorded = occurred + (spent + rng.int(5, 240)) * MIN;
      if (rng.chance(0.03)) recorded += rng.int(1, 3) * D; // synced later, e.g. from the offline outbox
      out.add([
        ids.next(),
        grid.id,
        grid.path,
        worker.id,
        worker.name,
        new Date(occurred).toISOString(),
        kind,
        JSON.stringify(groups),
        withHousehold ? householdRef(rng) : null,
        rng.pick(texts),
        spent,
        outcomes[rng.weighted(outcomeWeights[kind])]!,
        null,
        new Date(Math.min(recorded, now)).toISOString(),
      ]);
      count++;
    }
  }
  return count;
}

/**
 * Every logger's register. `everyone` false keeps only grid leaders and the
 * demo staff (benchmark sizes, to bound the row count).
 */
export function seedServiceLogs(
  grids: readonly GridNode[],
  everyone: boolean,
  now: number,
  rng: Rng,
  ids: IdSource,
  out: TableWriter,
): number {
  const workers = new Map<string, { actor: Actor; grids: GridNode[] }>();
  for (const grid of grids) {
    grid.loggers.forEach((actor, i) => {
      const demo = actor.id.startsWith('stf_');
      if (!everyone && i > 0 && !demo) return;
      const entry = workers.get(actor.id);
      if (entry) entry.grids.push(grid);
      else workers.set(actor.id, { actor, grids: [grid] });
    });
  }
  let count = 0;
  for (const { actor, grids: own } of workers.values()) count += logWorker(actor, own, now, rng, ids, out);
  return count;
}
