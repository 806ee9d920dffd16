/**
 * The grid tree (district → streets → communities → grids, plus a few
 * buildings below one grid), every grid's team after its street's formula,
 * and the people who act in the data: grid workers, community, street and
 * district administrators, and the demo staff with their tokens. The fixed
 * data (names, roles, formulas, figures, demo people) comes from `data/`
 * through `tree-data.ts`; this module composes it with the seed's PRNG.
 */
import type { Schemas } from '@gridkit/sdk';
import { layOutMap } from './map.js';
import { buildUnits, departmentStaffId, unitId, unitKeyOf, type Units } from './units.js';
import { chineseNumber, generatedPlaceName, personName, workLandline, workMobile } from './names.js';
import type { IdSource, Rng } from './random.js';
import {
  readTreeData,
  type District,
  type FormulaSpec,
  type RoleSpec,
  type TeamSpec,
  type TreeData,
} from './tree-data.js';

type LocalizedText = Schemas['LocalizedText'];

/** Someone who acts in cases, notices and service logs. */
export interface Actor {
  id: string;
  name: string;
  role: Schemas['StaffRole'];
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
  /** For the district and streets: the supervisor (监督员) who verifies cases below (a demo supervisor, else generated). */
  supervisor: Actor | null;
  /** The street and community above (for grids and buildings). */
  street: GridNode | null;
  community: GridNode | null;
  /** The team formula (a key of `data/teams.json`) of the street this node is in; `null` for the district. */
  formula: string | null;
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
  role: Schemas['StaffRole'];
  gridIds: string[];
  /** Department staff: their unit. */
  unitId?: string;
  label: string;
}

export interface Tree {
  root: GridNode;
  nodes: GridNode[];
  /** Nodes at level `grid`, where cases are reported. */
  grids: GridNode[];
  staff: DemoStaff[];
  /** The units cases are dispatched to, with their department staff. */
  units: Units;
  /** Demo grids the map and places refer to (absent in sizes too small to have them). */
  anchors: { q2?: GridNode; q3?: GridNode; q4?: GridNode };
}

export interface TreeIds {
  grid: IdSource;
  member: IdSource;
  staff: IdSource;
}

const D = 24 * 3_600_000;

/** What every step of building the tree works with. */
interface Build {
  data: TreeData;
  now: number;
  rng: Rng;
  ids: TreeIds;
  nodes: GridNode[];
  grids: GridNode[];
  /** Nodes of the demo streets by name: `district`, `street:xiguan`, `community:qiaobei`, `grid:qiaobei-02`, … */
  named: Map<string, GridNode>;
  /** The demo department staff, by the id of their unit. */
  departmentStaff: Map<string, Actor>;
}

/**
 * The tree with `wantedGrids` grids: the demo streets first, then generated
 * ones. Reads (and checks) the fixtures before anything else, so a broken one
 * stops the seed before a row is written. Every draw from `rng` and `ids`
 * happens in a fixed order: the same inputs give the same tree.
 */
export function buildTree(wantedGrids: number, now: number, rng: Rng, ids: TreeIds): Tree {
  const build: Build = {
    data: readTreeData(),
    now,
    rng,
    ids,
    nodes: [],
    grids: [],
    named: new Map(),
    departmentStaff: new Map(),
  };
  const root = addDistrict(build);
  planStreets(build.data.district, wantedGrids, rng).forEach((plan, index) => addStreet(build, root, plan, index));
  const staff = appointDemoStaff(build);
  for (const grid of build.grids) assignGridActors(grid);
  addBuildings(build);
  const anchors = {
    q2: build.named.get('grid:qiaobei-02'),
    q3: build.named.get('grid:qiaobei-03'),
    q4: build.named.get('grid:qiaobei-04'),
  };
  layOutMap(root, anchors);
  aggregate(root);
  // Drawn last, so the rest of the tree stays what it was before supervisors existed.
  for (const node of [root, ...root.children]) node.supervisor ??= generatedSupervisor(build);
  // Drawn after the supervisors, for the same reason; a department's staff id follows its unit's, drawing no id.
  const units = buildUnits(
    root,
    (id) => build.departmentStaff.get(id) ?? { id: departmentStaffId(id), name: personName(rng), role: 'department' },
  );
  return { root, nodes: build.nodes, grids: build.grids, staff, units, anchors };
}

// ── nodes ─────────────────────────────────────────────────────────────────────

type NodeFields = Pick<GridNode, 'code' | 'name' | 'level' | 'parent' | 'sortOrder' | 'formula' | 'roads'>;

/** A node below `fields.parent`, with its id, path and last change drawn now; figures and team are filled in by the caller. */
function addNode(build: Build, fields: NodeFields): GridNode {
  const id = build.ids.grid.next();
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
    updatedAt: new Date(build.now - build.rng.int(7, 180) * D - build.rng.int(0, 8 * 3600) * 1000).toISOString(),
    children: [],
    team: [],
    admin: null,
    supervisor: null,
    street: parent?.level === 'street' ? parent : (parent?.street ?? null),
    community: parent?.level === 'community' ? parent : (parent?.community ?? null),
    worker: null,
    loggers: [],
  };
  parent?.children.push(node);
  build.nodes.push(node);
  return node;
}

function code(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A district or street supervisor (监督员) with a generated name (the demo supervisors replace them). */
function generatedSupervisor(build: Build): Actor {
  return { id: build.ids.staff.next(), name: personName(build.rng), role: 'supervisor' };
}

/** A street or community administrator with a generated name (the demo staff replace some). */
function generatedAdmin(build: Build): Actor {
  return { id: build.ids.staff.next(), name: personName(build.rng), role: 'admin' };
}

function addDistrict(build: Build): GridNode {
  const { district, roads } = build.data.district;
  const root = addNode(build, {
    code: district.code,
    name: district.name,
    level: 'district',
    parent: null,
    sortOrder: 0,
    formula: null,
    roads,
  });
  root.serviceHours = district.serviceHours;
  root.services = [...district.services];
  build.named.set('district', root);
  return root;
}

interface CommunityPlan {
  name: string;
  slug: string | null;
  code: number;
  grids: number;
  roads: readonly string[];
}

interface StreetPlan {
  name: string;
  slug: string | null;
  code: number;
  formula: string;
  communities: CommunityPlan[];
}

/** Streets in order: the demo's, then generated ones, until `wanted` grids are planned (the last community cut short). */
function planStreets(district: District, wanted: number, rng: Rng): StreetPlan[] {
  const plans: StreetPlan[] = [];
  const takenStreets = new Set<string>(district.streets.map((s) => s.name));
  const takenCommunities = new Set<string>(district.streets.flatMap((s) => s.communities.map((c) => c.name)));
  let remaining = wanted;
  for (let index = 0; remaining > 0; index++) {
    const plan = district.streets[index] ?? generatedStreet(district, index, rng, takenStreets, takenCommunities);
    const communities: CommunityPlan[] = [];
    for (const community of plan.communities) {
      if (remaining === 0) break;
      const grids = Math.min(community.grids, remaining);
      remaining -= grids;
      communities.push({ ...community, grids });
    }
    plans.push({ ...plan, communities });
  }
  return plans;
}

/** A street beyond the demo's (benchmark sizes): a listed name first, else a generated one, and generated communities. */
function generatedStreet(
  district: District,
  index: number,
  rng: Rng,
  takenStreets: Set<string>,
  takenCommunities: Set<string>,
): StreetPlan {
  const spec = district.generatedStreets;
  const listed = spec.names[index - district.streets.length];
  const name = listed && !takenStreets.has(listed) ? listed : generatedPlaceName(rng, '街道', takenStreets);
  takenStreets.add(name);
  const town = name.endsWith('镇');
  const communities: CommunityPlan[] = [];
  const count = rng.int(...spec.communities);
  for (let c = 1; c <= count; c++) {
    const village = town && rng.chance(spec.villageShareInTowns);
    const communityName = generatedPlaceName(rng, village ? '村' : '社区', takenCommunities);
    communities.push({
      name: communityName,
      slug: null,
      code: c,
      grids: rng.int(...spec.gridsPerCommunity),
      roads: [`${communityName.slice(0, 2)}路`, rng.pick(district.roads), rng.pick(district.roads)],
    });
  }
  return { name, slug: null, code: index + 1, formula: spec.formulas[index % spec.formulas.length]!, communities };
}

function addStreet(build: Build, root: GridNode, plan: StreetPlan, index: number): void {
  const office = build.data.district.streetOffice;
  const street = addNode(build, {
    code: `${root.code}-${code(plan.code, 3)}`,
    name: plan.name,
    level: 'street',
    parent: root,
    sortOrder: index,
    formula: plan.formula,
    roads: build.data.district.roads,
  });
  street.serviceHours = office.serviceHours;
  street.services = [...office.services];
  street.admin = generatedAdmin(build);
  if (plan.slug) build.named.set(`street:${plan.slug}`, street);
  plan.communities.forEach((community, i) => addCommunity(build, street, plan, community, i));
}

function addCommunity(build: Build, street: GridNode, plan: StreetPlan, spec: CommunityPlan, index: number): void {
  const community = addNode(build, {
    code: `${street.code}-${code(spec.code, 3)}`,
    name: spec.name,
    level: 'community',
    parent: street,
    sortOrder: index,
    formula: plan.formula,
    roads: spec.roads,
  });
  community.serviceHours = build.data.district.communityOffice.serviceHours;
  community.services = pickServices(build);
  community.admin = generatedAdmin(build);
  if (plan.slug && spec.slug) build.named.set(`community:${spec.slug}`, community);
  for (let g = 1; g <= spec.grids; g++) addGrid(build, community, plan, spec, g);
}

function addGrid(build: Build, community: GridNode, plan: StreetPlan, spec: CommunityPlan, number: number): void {
  const { rng } = build;
  const formula = build.data.teams.formulas[plan.formula]!;
  const grid = addNode(build, {
    code: `${community.code}-${code(number, 2)}`,
    name: `${spec.name}第${chineseNumber(number)}网格`,
    level: 'grid',
    parent: community,
    sortOrder: number - 1,
    formula: plan.formula,
    roads: spec.roads,
  });
  grid.households = rng.int(...formula.households);
  grid.population = Math.round(grid.households * rng.range(...build.data.district.residentsPerHousehold));
  grid.serviceHours = rng.pick(formula.serviceHours);
  grid.services = pickServices(build);
  grid.team = gridTeam(build, formula);
  if (plan.slug && spec.slug) build.named.set(`grid:${spec.slug}-${code(number, 2)}`, grid);
  build.grids.push(grid);
}

/** A few services from the pool, every third entry from a drawn start. */
function pickServices(build: Build): string[] {
  const pool = build.data.teams.services;
  const start = build.rng.int(0, pool.length - 1);
  const count = build.rng.int(4, 6);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pool[(start + i * 3) % pool.length]!);
  return [...new Set(out)];
}

// ── teams ─────────────────────────────────────────────────────────────────────

/** The leader, then the team after the formula. */
function gridTeam(build: Build, formula: FormulaSpec): TeamMemberSeed[] {
  const { roles } = build.data.teams;
  const leader = member(build, roles.leader!, true);
  return [leader, ...teamRoles(formula.team, roles, build.rng).map((spec) => member(build, spec, false))];
}

/**
 * The roles of a grid's team (the leader excluded): the fixed ones, the
 * occasional one, the drawn ones, the repeated one. The draw's count comes
 * before the occasional one's chance: the order the demo data was made in.
 */
function teamRoles(team: TeamSpec, roles: Record<string, RoleSpec>, rng: Rng): RoleSpec[] {
  const drawn = team.draw ? rng.int(...team.draw.count) : 0;
  const out = team.fixed.map((key) => roles[key]!);
  if (team.sometimes && rng.chance(team.sometimes.chance)) out.push(roles[team.sometimes.role]!);
  for (let i = 0; i < drawn; i++) out.push(roles[rng.pick(team.draw!.from)]!);
  if (team.repeat) for (let i = rng.int(...team.repeat.count); i > 0; i--) out.push(roles[team.repeat.role]!);
  return out;
}

function member(build: Build, spec: RoleSpec, isLeader: boolean, name?: string): TeamMemberSeed {
  const { rng } = build;
  return {
    id: build.ids.member.next(),
    name: name ?? personName(rng),
    role: spec.role,
    roleLabel: spec.roleLabel ?? null,
    workPhone: phoneFor(spec, rng),
    duties: duties(spec, rng, spec === build.data.teams.roles.leader),
    isLeader,
    actor: null,
  };
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

/** Two or three consecutive duties of the role; a grid leader's list always starts with the overall one. */
function duties(spec: RoleSpec, rng: Rng, gridLeader: boolean): string[] {
  const count = Math.min(spec.duties.length, rng.int(2, 3));
  const start = rng.int(0, spec.duties.length - 1);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(spec.duties[(start + i) % spec.duties.length]!);
  if (gridLeader && !out.includes(spec.duties[0]!)) out.unshift(spec.duties[0]!);
  return out;
}

// ── people who act ────────────────────────────────────────────────────────────

/**
 * The staff behind the demo tokens, in the fixture's order, each only when
 * all their nodes exist at this size: an admin acts for their node, a
 * supervisor verifies the cases below theirs, a department's member works
 * for the unit of that name at their node (street or district), a leader
 * takes over their grid's board, a worker joins their grids' teams right
 * after the leader.
 */
function appointDemoStaff(build: Build): DemoStaff[] {
  const staff: DemoStaff[] = [];
  for (const spec of build.data.demoStaff) {
    const nodes = spec.nodes.map((name) => build.named.get(name));
    if (!nodes.every((node): node is GridNode => node !== undefined)) continue;
    // A department's member takes the id of their unit's staff (see units.ts): no id is drawn for them.
    const unit = spec.as === 'department' ? unitId(nodes[0]!, unitKeyOf(nodes[0]!, spec.unit!)) : undefined;
    const actor: Actor = {
      id: unit ? departmentStaffId(unit) : build.ids.staff.next(),
      name: spec.name,
      role: spec.role,
    };
    if (unit) build.departmentStaff.set(unit, actor);
    staff.push({
      token: spec.token,
      id: actor.id,
      name: spec.name,
      role: spec.role,
      gridIds: nodes.map((n) => n.id),
      ...(unit ? { unitId: unit } : {}),
      label: spec.label,
    });
    for (const node of nodes) {
      if (spec.as === 'department') {
        continue;
      } else if (spec.as === 'admin') {
        node.admin = actor;
      } else if (spec.as === 'supervisor') {
        node.supervisor = actor;
      } else if (spec.as === 'leader') {
        node.team[0]!.name = spec.name;
        node.team[0]!.actor = actor;
      } else {
        const worker = member(build, build.data.teams.roles.worker!, false, spec.name);
        worker.actor = actor;
        node.team.splice(1, 0, worker);
      }
    }
  }
  return staff;
}

/** Who keeps a service log in a grid (leader and grid workers), and who acts at grid level in its cases. */
function assignGridActors(grid: GridNode): void {
  grid.loggers = grid.team
    .filter((m) => m.role === 'grid_leader' || m.role === 'grid_worker')
    .map((m) => m.actor ?? { id: m.id, name: m.name, role: 'grid_worker' });
  grid.worker = grid.team.find((m) => m.actor)?.actor ?? grid.loggers[0]!;
}

// ── finer units and figures ───────────────────────────────────────────────────

/** The buildings below one demo grid, each with its head; that grid gets the fixture's figures. */
function addBuildings(build: Build): void {
  const spec = build.data.district.buildings;
  const grid = build.named.get(spec.below);
  if (!grid) return;
  grid.households = spec.households;
  grid.population = spec.population;
  spec.units.forEach((unit, i) => {
    const building = addNode(build, {
      code: `${grid.code}-${code(i + 1, 2)}`,
      name: unit.name,
      level: 'building',
      parent: grid,
      sortOrder: i,
      formula: grid.formula,
      roads: grid.roads,
    });
    building.households = unit.households;
    building.population = Math.round(unit.households * spec.residentsPerHousehold);
    building.serviceHours = grid.serviceHours;
    building.services = [...spec.services];
    const head = member(build, build.data.teams.roles[spec.head.role]!, true);
    head.roleLabel = spec.head.roleLabel;
    building.team = [head];
  });
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
