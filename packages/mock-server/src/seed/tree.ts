/**
 * The grid tree (district → streets → communities → grids, plus a few
 * buildings below one grid), every grid's team after its street's formula,
 * and the people who act in the data: grid workers, community, street and
 * district administrators, and the demo staff with their tokens.
 */
import type { Schemas } from '@gridkit/sdk';
import {
  chineseNumber,
  demoStreets,
  district,
  extraStreetNames,
  generatedPlaceName,
  personName,
  roadPool,
  workLandline,
  workMobile,
  type StreetSpec,
  type TeamFormula,
} from './names.js';
import type { IdSource, Rng } from './random.js';
import { layOutMap } from './map.js';

type LocalizedText = Schemas['LocalizedText'];

/** Someone who acts in cases, notices and service logs. */
export interface Actor {
  id: string;
  name: string;
  role: 'grid_worker' | 'admin';
}

export interface TeamMemberSeed {
  id: string;
  name: string;
  role: string;
  roleLabel: LocalizedText | null;
  workPhone: string | null;
  duties: string[];
  isLeader: boolean;
  /** Set when this member logs in as a demo staff member (then the staff id is used as actor id). */
  actor: Actor | null;
}

export interface GridNode {
  id: string;
  code: string;
  name: string;
  level: 'district' | 'street' | 'community' | 'grid' | 'building';
  parent: GridNode | null;
  path: string;
  depth: number;
  sortOrder: number;
  households: number;
  population: number;
  lat: number;
  lng: number;
  boundary: string | null;
  serviceHours: string;
  services: string[];
  updatedAt: string;
  children: GridNode[];
  team: TeamMemberSeed[];
  /** For streets and communities: who acts for this level in cases. */
  admin: Actor | null;
  /** The street and community above (for grids and buildings). */
  street: GridNode | null;
  community: GridNode | null;
  formula: TeamFormula;
  roads: readonly string[];
  /** Grids: who acts at grid level in this grid's cases (a demo worker when there is one, else the leader). */
  worker: Actor | null;
  /** Grids: the team members who keep a service log (leader and grid workers), as actors. */
  loggers: Actor[];
}

export interface DemoStaff {
  token: string;
  id: string;
  name: string;
  role: 'grid_worker' | 'admin';
  gridIds: string[];
  label: string;
}

export interface Tree {
  root: GridNode;
  nodes: GridNode[];
  /** Nodes at level `grid`, where cases are reported. */
  grids: GridNode[];
  staff: DemoStaff[];
  /** Demo grids the map and places refer to (absent in sizes too small to have them). */
  anchors: { q2?: GridNode; q3?: GridNode; q4?: GridNode };
}

const H = 3_600_000;
const D = 24 * H;

// ── teams ─────────────────────────────────────────────────────────────────────

const label = (zhCN: string, zhTW: string, en: string): LocalizedText => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

interface RoleSpec {
  role: string;
  label: LocalizedText | null;
  phone: 'mobile' | 'landline' | 'maybe' | 'none';
  duties: readonly string[];
}

const r = (role: string, lbl: LocalizedText | null, phone: RoleSpec['phone'], duties: readonly string[]): RoleSpec => ({
  role,
  label: lbl,
  phone,
  duties,
});

const roles = {
  leader: r('grid_leader', null, 'mobile', [
    '统筹网格内日常管理和服务',
    '每日走访困难群众、空巢老人、残疾人',
    '受理居民诉求，小事不出网格',
    '掌握网格内人、地、事、物、情、组织',
    '协调网格团队，及时上报网格内问题',
  ]),
  worker: r('grid_worker', null, 'mobile', [
    '日常巡查，发现问题及时上报',
    '采集更新网格基础信息',
    '帮办代办居民事项',
    '流动人口登记',
  ]),
  partySecretary: r(
    'party_secretary',
    label('网格党支部书记', '網格黨支部書記', 'Grid party branch secretary'),
    'mobile',
    ['组织网格内党员参与志愿服务', '联系服务群众，收集社情民意'],
  ),
  streetOfficer: r('street_officer', null, 'landline', ['包格联系，协调街道职能部门', '督导网格工作落实']),
  police: r('police_officer', null, 'landline', ['治安巡逻和防范宣传', '协助调处矛盾纠纷', '流动人口和出租房屋管理']),
  communityWorker: r('community_worker', null, 'landline', ['代办社保、医保、低保等事项', '政策咨询']),
  deputy: r('deputy', null, 'none', ['联系选民，反映群众意见建议']),
  buildingHead: r('building_head', label('楼院长', '樓院長', 'Building head'), 'maybe', [
    '负责本楼院的信息收集和邻里协调',
    '发现问题及时告知网格长',
  ]),
  property: r('property_manager', null, 'landline', ['小区设施设备维修', '环境卫生和秩序维护']),
  volunteer: r('volunteer', null, 'maybe', ['协助开展关爱空巢老人活动', '参与环境整治和治安巡逻']),
  ownersCommittee: r('owners_committee', label('业委会成员', '業委會成員', 'Owners’ committee member'), 'none', [
    '反映业主意见，协调物业服务',
  ]),
  doctor: r('doctor', null, 'landline', ['家庭医生签约服务', '慢性病患者随访', '老年人健康体检']),
  inspector: r('inspector', null, 'mobile', ['督查网格事项办理进度', '回访群众满意度']),
  standby: r('volunteer', label('后备志愿者', '後備志願者', 'Standby volunteer'), 'none', ['根据需要参与网格服务']),
  xbManager: r('grid_worker', label('网格管理员', '網格管理員', 'Grid manager'), 'mobile', [
    '网格日常巡查和信息采集',
    '受理居民诉求并跟踪办理',
  ]),
  xbPolice: r('police_officer', label('警务员', '警務員', 'Police liaison'), 'landline', [
    '社区警务和治安防范',
    '协助调处矛盾纠纷',
  ]),
  publicity: r('publicity_officer', label('宣传员', '宣傳員', 'Publicity officer'), 'maybe', [
    '宣传惠民政策和法律法规',
    '组织网格文化活动',
  ]),
  information: r('information_officer', label('信息员', '信息員', 'Information officer'), 'maybe', [
    '收集上报社情民意',
    '维护网格信息台账',
  ]),
  service: r('service_officer', label('服务员', '服務員', 'Service officer'), 'maybe', [
    '为居民提供便民服务',
    '帮办代办',
  ]),
  xbBuilding: r('building_head', label('楼栋长', '樓棟長', 'Building head'), 'maybe', ['负责本楼栋的联络和信息收集']),
  mediator: r('mediator', label('社会综治调解员', '社會綜治調解員', 'Mediator'), 'mobile', [
    '调解邻里和家庭矛盾',
    '排查矛盾纠纷隐患',
  ]),
  sanitation: r('sanitation_officer', label('城市卫生管理员', '城市衛生管理員', 'Sanitation officer'), 'maybe', [
    '督促环境卫生和垃圾清运',
    '垃圾分类指导',
  ]),
  safety: r('safety_supervisor', label('安全监督员', '安全監督員', 'Safety supervisor'), 'mobile', [
    '排查消防、燃气、用电等安全隐患',
    '督促整改隐患',
  ]),
  partyLiaison: r('party_liaison', label('党建工作联络员', '黨建工作聯絡員', 'Party liaison'), 'maybe', [
    '联系网格内党员',
    '组织党员志愿服务',
  ]),
  convenience: r('service_officer', label('便民服务员', '便民服務員', 'Convenience service officer'), 'maybe', [
    '便民服务和帮办代办',
  ]),
} as const;

/** The roles of a grid's team (the leader excluded), after the street's formula. */
function teamRoles(formula: TeamFormula, rng: Rng): RoleSpec[] {
  switch (formula) {
    case 'wenfeng': {
      // "1+3+N": a party branch; a street-office worker, a police officer, a community worker; N others.
      const team = [roles.partySecretary, roles.streetOfficer, roles.police, roles.communityWorker];
      const n = rng.int(2, 4);
      const pool = [
        roles.deputy,
        roles.buildingHead,
        roles.buildingHead,
        roles.property,
        roles.volunteer,
        roles.ownersCommittee,
      ];
      if (rng.chance(0.3)) team.push(roles.worker);
      for (let i = 0; i < n; i++) team.push(rng.pick(pool));
      return team;
    }
    case 'guancheng': {
      // "4+2+X": leader, area police officer, area doctor, inspector; building head and a volunteer; X standby volunteers.
      const team = [roles.police, roles.doctor, roles.inspector, roles.buildingHead, roles.volunteer];
      for (let i = rng.int(1, 3); i > 0; i--) team.push(roles.standby);
      return team;
    }
    case 'xubi': {
      // Five roles per grid, plus a head for buildings.
      const team = [roles.xbManager, roles.xbPolice, roles.publicity, roles.information, roles.service];
      for (let i = rng.int(1, 3); i > 0; i--) team.push(roles.xbBuilding);
      return team;
    }
    case 'beiliu':
      // "七员": seven roles.
      return [
        roles.mediator,
        roles.sanitation,
        roles.safety,
        roles.partyLiaison,
        roles.information,
        roles.publicity,
        roles.convenience,
      ];
  }
}

function phoneFor(spec: RoleSpec, rng: Rng): string | null {
  switch (spec.phone) {
    case 'mobile':
      return rng.chance(0.75) ? workMobile(rng) : workLandline(rng);
    case 'landline':
      return workLandline(rng);
    case 'maybe':
      return rng.chance(0.5) ? workMobile(rng) : null;
    case 'none':
      return null;
  }
}

function duties(spec: RoleSpec, rng: Rng): string[] {
  const count = Math.min(spec.duties.length, rng.int(2, 3));
  const start = rng.int(0, spec.duties.length - 1);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(spec.duties[(start + i) % spec.duties.length]!);
  // The leader's first duty is always the overall one.
  if (spec === roles.leader && !out.includes(spec.duties[0]!)) out.unshift(spec.duties[0]!);
  return out;
}

function member(spec: RoleSpec, ids: IdSource, rng: Rng, isLeader: boolean, name?: string): TeamMemberSeed {
  return {
    id: ids.next(),
    name: name ?? personName(rng),
    role: spec.role,
    roleLabel: spec.label,
    workPhone: phoneFor(spec, rng),
    duties: duties(spec, rng),
    isLeader,
    actor: null,
  };
}

// ── hours and services ────────────────────────────────────────────────────────

const serviceHours: Record<TeamFormula, readonly string[]> = {
  wenfeng: ['周一至周五 8:30–17:30，周末值班', '周一至周五 8:30–12:00、14:30–17:30，周末值班'],
  guancheng: ['周一至周日 8:00–18:00（午休 12:00–14:00）', '周一至周六 8:30–17:30，网格长电话全天畅通'],
  xubi: ['周一至周五 8:00–12:00、14:30–17:30，节假日值班', '工作日 8:30–17:30；紧急事项请拨打网格长电话'],
  beiliu: ['周一至周五 8:30–17:30，周末值班', '周一至周日 8:30–17:30'],
};

const servicePool: readonly string[] = [
  '政策咨询',
  '代办低保、医保、社保事项',
  '高龄津贴认证',
  '居住证办理',
  '矛盾纠纷调解',
  '空巢老人、独居老人探访',
  '残疾人帮扶',
  '就业信息推荐',
  '垃圾分类指导',
  '法律咨询',
  '家庭医生签约',
  '便民维修',
  '流动人口登记',
  '开具居住证明',
];

function pickServices(rng: Rng): string[] {
  const start = rng.int(0, servicePool.length - 1);
  const count = rng.int(4, 6);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(servicePool[(start + i * 3) % servicePool.length]!);
  return [...new Set(out)];
}

// ── the tree ──────────────────────────────────────────────────────────────────

interface StreetPlan {
  name: string;
  slug: string | null;
  code: number;
  formula: TeamFormula;
  communities: { name: string; slug: string | null; code: number; grids: number; roads: readonly string[] }[];
}

const formulas: readonly TeamFormula[] = ['wenfeng', 'wenfeng', 'guancheng', 'xubi', 'beiliu'];

/** Streets in order: the demo's five, then generated ones, until `wanted` grids are planned. */
function planStreets(wanted: number, rng: Rng): StreetPlan[] {
  const plans: StreetPlan[] = [];
  const takenStreets = new Set<string>(demoStreets.map((s) => s.name));
  const takenCommunities = new Set<string>(demoStreets.flatMap((s) => s.communities.map((c) => c.name)));
  let remaining = wanted;
  const addStreet = (spec: StreetSpec | null, index: number): void => {
    let plan: StreetPlan;
    if (spec) {
      plan = { ...spec, communities: spec.communities.map((c) => ({ ...c })) };
    } else {
      const extra = extraStreetNames[index - demoStreets.length];
      const name = extra && !takenStreets.has(extra) ? extra : generatedPlaceName(rng, '街道', takenStreets);
      takenStreets.add(name);
      const town = name.endsWith('镇');
      const communities = [];
      const count = rng.int(6, 12);
      for (let c = 1; c <= count; c++) {
        const communityName = generatedPlaceName(rng, town && rng.chance(0.7) ? '村' : '社区', takenCommunities);
        communities.push({
          name: communityName,
          slug: null,
          code: c,
          grids: rng.int(3, 8),
          roads: [`${communityName.slice(0, 2)}路`, rng.pick(roadPool), rng.pick(roadPool)],
        });
      }
      plan = { name, slug: null, code: index + 1, formula: formulas[index % formulas.length]!, communities };
    }
    const kept = [];
    for (const community of plan.communities) {
      if (remaining === 0) break;
      const grids = Math.min(community.grids, remaining);
      remaining -= grids;
      kept.push({ ...community, grids });
    }
    plans.push({ ...plan, communities: kept });
  };
  for (let i = 0; remaining > 0; i++) addStreet(demoStreets[i] ?? null, i);
  return plans;
}

function code(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function householdsFor(formula: TeamFormula, rng: Rng): number {
  switch (formula) {
    case 'wenfeng':
      return rng.int(100, 300);
    case 'guancheng':
      return rng.int(250, 500);
    case 'xubi':
      return rng.int(300, 500);
    case 'beiliu':
      return rng.int(150, 400);
  }
}

/** Fixed demo people: the staff behind the demo tokens. */
const demoPeople = {
  districtAdmin: '周海燕',
  streetAdmin: '刘卫东',
  communityAdmin: '陈静',
  qiaobei02: '王丽娜',
  qiaobei0304: '孙晓峰',
  caihong06: '杨朝阳',
  yingyue01: '马欣怡',
} as const;

export interface TreeIds {
  grid: IdSource;
  member: IdSource;
  staff: IdSource;
}

export function buildTree(wantedGrids: number, now: number, rng: Rng, ids: TreeIds): Tree {
  const nodes: GridNode[] = [];
  const grids: GridNode[] = [];
  const make = (
    fields: Pick<GridNode, 'code' | 'name' | 'level' | 'formula' | 'roads'> & {
      parent: GridNode | null;
      sortOrder: number;
    },
  ): GridNode => {
    const id = ids.grid.next();
    const parent = fields.parent;
    const node: GridNode = {
      ...fields,
      id,
      path: `${parent ? parent.path : '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      households: 0,
      population: 0,
      lat: 0,
      lng: 0,
      boundary: null,
      serviceHours: '',
      services: [],
      updatedAt: new Date(now - rng.int(7, 180) * D - rng.int(0, 8 * 3600) * 1000).toISOString(),
      children: [],
      team: [],
      admin: null,
      street: parent?.level === 'street' ? parent : (parent?.street ?? null),
      community: parent?.level === 'community' ? parent : (parent?.community ?? null),
      worker: null,
      loggers: [],
    };
    parent?.children.push(node);
    nodes.push(node);
    return node;
  };

  const root = make({
    code: district.code,
    name: district.name,
    level: 'district',
    parent: null,
    sortOrder: 0,
    formula: 'wenfeng',
    roads: roadPool,
  });
  root.serviceHours = '周一至周五 8:30–12:00、14:30–18:00';
  root.services = ['网格化服务管理中心', '12345 热线转办', '矛盾纠纷多元化解'];

  const plans = planStreets(wantedGrids, rng);
  const named = new Map<string, GridNode>();
  plans.forEach((plan, streetIndex) => {
    const street = make({
      code: `${district.code}-${code(plan.code, 3)}`,
      name: plan.name,
      level: 'street',
      parent: root,
      sortOrder: streetIndex,
      formula: plan.formula,
      roads: roadPool,
    });
    street.serviceHours = '周一至周五 8:30–12:00、14:30–17:30';
    street.services = ['便民服务中心', '社会救助', '就业社保', '综治中心矛盾调处'];
    street.admin = { id: ids.staff.next(), name: personName(rng), role: 'admin' };
    if (plan.slug) named.set(`street:${plan.slug}`, street);
    plan.communities.forEach((spec, communityIndex) => {
      const community = make({
        code: `${street.code}-${code(spec.code, 3)}`,
        name: spec.name,
        level: 'community',
        parent: street,
        sortOrder: communityIndex,
        formula: plan.formula,
        roads: spec.roads,
      });
      community.serviceHours = '周一至周五 8:30–17:30，周末值班';
      community.services = pickServices(rng);
      community.admin = { id: ids.staff.next(), name: personName(rng), role: 'admin' };
      if (plan.slug && spec.slug) named.set(`community:${spec.slug}`, community);
      for (let g = 1; g <= spec.grids; g++) {
        const grid = make({
          code: `${community.code}-${code(g, 2)}`,
          name: `${spec.name}第${chineseNumber(g)}网格`,
          level: 'grid',
          parent: community,
          sortOrder: g - 1,
          formula: plan.formula,
          roads: spec.roads,
        });
        grid.households = householdsFor(plan.formula, rng);
        grid.population = Math.round(grid.households * rng.range(2.5, 3.2));
        grid.serviceHours = rng.pick(serviceHours[plan.formula]);
        grid.services = pickServices(rng);
        const leader = member(roles.leader, ids.member, rng, true);
        grid.team = [leader, ...teamRoles(plan.formula, rng).map((spec) => member(spec, ids.member, rng, false))];
        if (plan.slug && spec.slug) named.set(`grid:${spec.slug}-${code(g, 2)}`, grid);
        grids.push(grid);
      }
    });
  });

  // ── demo people ────────────────────────────────────────────────────────────
  const staff: DemoStaff[] = [];
  const addStaff = (token: string, name: string, role: DemoStaff['role'], nodesOf: GridNode[], text: string): Actor => {
    const actor: Actor = { id: ids.staff.next(), name, role };
    staff.push({ token, id: actor.id, name, role, gridIds: nodesOf.map((n) => n.id), label: text });
    return actor;
  };
  root.admin = addStaff(
    'demo-admin-district',
    demoPeople.districtAdmin,
    'admin',
    [root],
    '文峰区 district admin: the whole tree',
  );
  const xiguan = named.get('street:xiguan');
  if (xiguan?.level === 'street') {
    xiguan.admin = addStaff(
      'demo-admin-street-xiguan',
      demoPeople.streetAdmin,
      'admin',
      [xiguan],
      '西关街道 street admin',
    );
  }
  const qiaobei = named.get('community:qiaobei');
  if (qiaobei) {
    qiaobei.admin = addStaff(
      'demo-admin-community-qiaobei',
      demoPeople.communityAdmin,
      'admin',
      [qiaobei],
      '桥北社区 community admin',
    );
  }
  const asLeader = (grid: GridNode | undefined, token: string, name: string, text: string): void => {
    if (!grid) return;
    const leader = grid.team[0]!;
    leader.name = name;
    leader.actor = addStaff(token, name, 'grid_worker', [grid], text);
  };
  asLeader(
    named.get('grid:qiaobei-02'),
    'demo-worker-qiaobei-02',
    demoPeople.qiaobei02,
    '桥北社区第二网格 grid leader (grid worker)',
  );
  const q3 = named.get('grid:qiaobei-03');
  const q4 = named.get('grid:qiaobei-04');
  if (q3 && q4) {
    const actor = addStaff(
      'demo-worker-qiaobei-0304',
      demoPeople.qiaobei0304,
      'grid_worker',
      [q3, q4],
      '桥北社区第三、第四网格 grid worker (two grids)',
    );
    for (const grid of [q3, q4]) {
      const worker = member(roles.worker, ids.member, rng, false, actor.name);
      worker.actor = actor;
      grid.team.splice(1, 0, worker);
    }
  }
  asLeader(
    named.get('grid:caihong-06'),
    'demo-worker-caihong-06',
    demoPeople.caihong06,
    '彩虹社区第六网格 grid leader (东关街道, outside 西关)',
  );
  asLeader(
    named.get('grid:yingyuelu-01'),
    'demo-worker-yingyue-01',
    demoPeople.yingyue01,
    '映月路社区第一网格 grid leader ("4+2+X" team)',
  );

  // Who acts and who keeps a log, per grid.
  for (const grid of grids) {
    grid.loggers = grid.team
      .filter((m) => m.role === 'grid_leader' || m.role === 'grid_worker')
      .map((m) => m.actor ?? { id: m.id, name: m.name, role: 'grid_worker' });
    grid.worker = grid.team.find((m) => m.actor)?.actor ?? grid.loggers[0]!;
  }

  // ── finer units: four buildings below 桥北社区第二网格 (households as in the contract's example) ──
  const q2 = named.get('grid:qiaobei-02');
  if (q2) {
    q2.households = 236;
    q2.population = 702;
    const shares = [62, 58, 60, 56];
    shares.forEach((households, i) => {
      const building = make({
        code: `${q2.code}-${code(i + 1, 2)}`,
        name: `${i + 1}号楼`,
        level: 'building',
        parent: q2,
        sortOrder: i,
        formula: q2.formula,
        roads: q2.roads,
      });
      building.households = households;
      building.population = Math.round(households * 2.97);
      building.serviceHours = q2.serviceHours;
      building.services = ['楼栋信息收集', '邻里协调'];
      const head = member(roles.buildingHead, ids.member, rng, true);
      head.roleLabel = label('楼栋长', '樓棟長', 'Building head');
      building.team = [head];
    });
  }

  const anchors = { q2, q3, q4 };
  layOutMap(root, anchors);
  aggregate(root);
  return { root, nodes, grids, staff, anchors };
}

/** Parents get their children's households and population summed. */
function aggregate(node: GridNode): void {
  if (node.level === 'grid' || node.children.length === 0) return;
  node.households = 0;
  node.population = 0;
  for (const child of node.children) {
    aggregate(child);
    node.households += child.households;
    node.population += child.population;
  }
}
