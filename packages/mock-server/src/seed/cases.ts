/**
 * Twelve months of cases, each with a timeline that replays exactly through
 * the contract's transition table (`transitionCase`):
 *
 *   submitted ─accept→ accepted ─dispatch→ dispatched ─start→ in_progress ─resolve→ resolved ─verify→ closed
 *       └─reject→ rejected                            resolved ─reopen→ in_progress
 *   escalate: accepted | dispatched | in_progress → accepted, one level up
 *
 * Handling is done by the grid's worker, or the admin of the level the case is
 * at; a case dispatched to a department is started and resolved by that
 * department's staff; verifying and reopening (核查) by a supervisor of the
 * street or the district, never the resolver, as the contract's independence
 * rule asks. Every assignee is a unit or person on record (units.ts, the
 * grid's team). Some reports come from the departments' inspections (channel
 * `department`, dual reporting).
 *
 * Each case gets a whole planned life (where it will be closed, whether it is
 * escalated, reopened, late); the plan is then cut at "now", so older cases
 * are mostly closed and open ones gather in the last weeks. A few cases stall
 * for good (old open, overdue cases exist too). The case row is derived from
 * the events that were kept, so the two always agree.
 */
import { caseLevelValues, caseStatusValues, type Schemas } from '@gridkit/sdk';
import { trackingTokenHash } from '../domain/ids.js';
import { dueAtFor, slaHoursFor } from '../domain/priority.js';
import { opensFollowUp } from '../domain/recourse.js';
import { shanghaiDate } from '../domain/time.js';
import { answerAttributes, type CategorySeed, type Department } from './categories.js';
import { district, formOfAddress, personName, reporterPhone } from './names.js';
import { WeightedTable, type IdSource, type Rng } from './random.js';
import type { Actor, GridNode, TeamMemberSeed, Tree } from './tree.js';
import type { UnitSeed, Units } from './units.js';
import type { TableWriter } from '../store/table-writer.js';

export type CaseStatus = Schemas['CaseStatus'];
export type CaseLevel = Schemas['CaseLevel'];
/** The actions the seed plans (a seeded case keeps its category's default priority: no `prioritize`). */
type Action = Exclude<Schemas['CaseAction'], 'prioritize'>;
type Channel = Schemas['CaseChannel'];

/** Bottom-up, the order a case escalates in. */
export const caseLevels: readonly CaseLevel[] = caseLevelValues;
export const caseStatuses: readonly CaseStatus[] = caseStatusValues;

/**
 * The demo case's tracking token, documented in docs/mock-server.md: the
 * first closed, not yet rated case of every seeded database carries it, so
 * the case tracker can be tried with a token known in advance.
 */
export const demoTrackingToken = 'DEM0-CASE-2026';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

/** What a seeded follow-up (回访) found, in turn. */
const followUpOutcomes: readonly (readonly [string, string])[] = [
  ['resolved', '电话回访居民，复查后问题已解决，居民表示认可。'],
  ['explained', '上门回访，向居民说明处置依据和后续安排，居民表示理解。'],
  ['reworked', '回访发现仍有遗留问题，已安排再次处置。'],
  ['unreachable', '三次电话回访均未接通，已留言说明。'],
];
const D = 24 * H;
const shanghaiOffset = 8 * H;

/** Minutes since Shanghai midnight. */
function minuteOfDay(t: number): number {
  return Math.floor(((t + shanghaiOffset) % D) / MIN);
}

/** 0 = Sunday … 6 = Saturday, in Shanghai (1970-01-01 was a Thursday). */
export function weekday(t: number): number {
  return (Math.floor((t + shanghaiOffset) / D) + 4) % 7;
}

/** Staff act between 8:00 and 21:00 Shanghai time: a time at night moves to the next morning. */
function staffTime(t: number, rng: Rng): number {
  const m = minuteOfDay(t);
  if (m < 8 * 60) return t + (8 * 60 - m) * MIN + rng.int(0, 90) * MIN;
  if (m >= 21 * 60) return t + (24 * 60 - m + 8 * 60) * MIN + rng.int(0, 90) * MIN;
  return t;
}

const hourWeights = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.0, 2.0, 2.6, 2.6, 2.2, 1.4, 1.2, 2.0, 2.2, 2.0, 1.8, 1.4, 1.5, 1.5, 1.1, 0.7,
  0.4,
];

/** `n` report times over the 365 days before `now`, sorted: busier by day, a little quieter at weekends, growing over the year. */
function reportTimes(n: number, now: number, rng: Rng): Float64Array {
  const start = now - 365 * D;
  const bins = 365 * 24;
  const weights: number[] = [];
  for (let b = 0; b < bins; b++) {
    const t = start + b * H;
    const hour = Math.floor(((t + shanghaiOffset) % D) / H);
    const day = weekday(t);
    weights.push(hourWeights[hour]! * (day === 0 || day === 6 ? 0.75 : 1) * (0.8 + (0.4 * b) / bins));
  }
  const table = new WeightedTable(
    weights.map((_, i) => i),
    weights,
  );
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = table.index(rng);
    times[i] = Math.min(now - S, Math.floor((start + b * H + rng.float() * H) / S) * S);
  }
  times.sort();
  return times;
}

// ── who handles a case ────────────────────────────────────────────────────────

const preferredRoles: Record<Department, readonly string[]> = {
  sanitation: ['sanitation_officer', 'property_manager', 'building_head'],
  city: ['inspector', 'street_officer', 'property_manager'],
  municipal: ['property_manager', 'building_head', 'inspector'],
  lighting: ['property_manager', 'inspector'],
  greenery: ['property_manager', 'volunteer'],
  judicial: ['mediator', 'party_secretary', 'police_officer', 'deputy'],
  safety: ['safety_supervisor', 'police_officer', 'inspector', 'property_manager'],
  civil: ['community_worker', 'doctor', 'service_officer', 'volunteer'],
  housing: ['property_manager', 'owners_committee', 'street_officer'],
  market: ['inspector', 'street_officer'],
  police: ['police_officer', 'information_officer'],
};

interface Picked {
  /** The `Assignee` JSON. */
  json: string;
  name: string;
  /** A department's staff member, who then starts and resolves the case. */
  staff: Actor | null;
}

class Assignees {
  private readonly picked = new Map<string, Picked>();
  private readonly people = new Map<string, TeamMemberSeed[]>();

  constructor(private readonly units: Units) {}

  private unit(unit: UnitSeed): Picked {
    let picked = this.picked.get(unit.id);
    if (!picked) {
      const json = JSON.stringify({ type: 'unit', id: unit.id, name: unit.name });
      this.picked.set(unit.id, (picked = { json, name: unit.name, staff: unit.staff }));
    }
    return picked;
  }

  /** A unit or person at the case's current level, as the `Assignee` JSON and its name. */
  pick(grid: GridNode, level: CaseLevel, department: Department, rng: Rng): Picked {
    if (level === 'grid') {
      if (rng.chance(0.55)) {
        const cacheKey = `${grid.id}:${department}`;
        let candidates = this.people.get(cacheKey);
        if (!candidates) {
          const wanted = preferredRoles[department];
          candidates = grid.team.filter((m) => wanted.includes(m.role));
          this.people.set(cacheKey, candidates);
        }
        const person = candidates.length && rng.chance(0.6) ? rng.pick(candidates) : null;
        const id = person ? (person.actor?.id ?? person.id) : grid.worker!.id;
        const name = person ? person.name : grid.worker!.name;
        return { json: JSON.stringify({ type: 'person', id, name }), name, staff: null };
      }
      return this.unit(this.units.department(grid.street!, department));
    }
    if (level === 'community') return this.unit(this.units.community(grid.community!, department));
    if (level === 'street') return this.unit(this.units.department(grid.street!, department));
    let root = grid;
    while (root.parent) root = root.parent;
    return this.unit(this.units.department(root, department));
  }
}

// ── texts ─────────────────────────────────────────────────────────────────────

const acceptNotes = [
  '已受理，安排网格员现场核实。',
  '已受理。',
  '已电话联系反映人，了解具体情况。',
  '已受理，列入今日巡查。',
];
const acceptPublic = ['已受理，网格员将尽快到现场核实。', '您反映的问题已受理。'];
const startNotes = ['已到达现场，开始处置。', '处置人员已到场核实。', '已开始处置。'];
const verifyNotes = ['现场核查合格，办结。', '经回访反映人，问题已解决，办结。', '复查合格。'];
const verifyPublic = ['经现场核查，问题已解决，工单办结。', '监督员现场核查合格，办结。'];
const escalateNotes: Record<CaseLevel, readonly string[]> = {
  grid: ['涉及多方协调，网格层面无法解决，上报社区。', '需社区协调物业和相关单位，上报社区。'],
  community: ['需街道职能部门联合处置，上报街道。', '社区协调未果，上报街道。'],
  street: ['涉及区级部门职责，上报区网格化服务管理中心。'],
  district: [],
};
const rejections: readonly (readonly [string, string])[] = [
  ['重复上报。', '经核实，该问题已由其他工单受理，请关注原工单进度。'],
  ['现场核实无此问题。', '经现场核实，未发现所反映的问题。'],
  ['不属于受理范围。', '该事项属于司法诉讼范围，建议通过法律途径解决。'],
  ['信息不全，无法核实。', '反映内容不完整，无法核实，欢迎补充后重新反映。'],
];
const comments: Record<number, readonly string[]> = {
  5: ['处理很及时，谢谢网格员！', '问题解决了，很满意。', '态度好，效率高。'],
  4: ['解决了，就是时间有点长。', '基本满意。'],
  3: ['处理一般。', '问题解决了，但沟通不够。'],
  2: ['处理太慢了。', '问题没有彻底解决。'],
  1: ['没有人联系我，问题还在。', '很不满意。'],
};
const placeSuffixes = [
  '院东门',
  '院西门',
  '小区北门',
  '小区南门',
  '附近',
  '门口',
  '路口',
  '楼下',
  '南侧人行道',
  '3号楼前',
  '院内',
];

// ── one case ──────────────────────────────────────────────────────────────────

interface Step {
  type: Action;
  from: CaseStatus;
  to: CaseStatus;
  fromLevel: CaseLevel;
  level: CaseLevel;
  at: number;
}

const nextStatus: Record<Exclude<Action, 'escalate'>, CaseStatus> = {
  accept: 'accepted',
  reject: 'rejected',
  dispatch: 'dispatched',
  start: 'in_progress',
  resolve: 'resolved',
  verify: 'closed',
  reopen: 'in_progress',
};

const stepWeights: Record<Action, number> = {
  accept: 1,
  reject: 1,
  dispatch: 1.5,
  start: 2,
  resolve: 10,
  reopen: 3,
  verify: 3,
  escalate: 4,
};

/** The planned actions of a case's whole life, and whether it will be late. */
function planActions(
  category: CategorySeed,
  rng: Rng,
  forced: CaseStatus | null,
): { actions: Action[]; late: boolean } {
  if (forced === 'rejected' || (!forced && rng.chance(0.03))) return { actions: ['reject'], late: false };
  const actions: Action[] = ['accept'];
  const closeLevel = rng.weighted(category.closedLevels);
  for (let l = 0; l < closeLevel; l++) {
    const stage = rng.weighted([50, 25, 25]);
    if (stage >= 1) actions.push('dispatch');
    if (stage >= 2) actions.push('start');
    actions.push('escalate');
  }
  actions.push('dispatch', 'start', 'resolve');
  const reopens = rng.chance(0.06) ? (rng.chance(0.15) ? 2 : 1) : 0;
  for (let i = 0; i < reopens; i++) actions.push('reopen', 'resolve');
  actions.push('verify');
  const late = rng.chance(0.04 + 0.05 * closeLevel + 0.12 * reopens);
  return { actions, late };
}

/** The steps of a plan, timed, applied through the transition table, cut at `now`. */
function timeline(
  created: number,
  category: CategorySeed,
  rng: Rng,
  now: number,
  forced: CaseStatus | null,
): { steps: Step[]; late: boolean } {
  const { actions, late } = planActions(category, rng, forced);
  let cut = actions.length;
  if (forced) {
    const reached: Record<CaseStatus, Action | null> = {
      submitted: null,
      accepted: 'accept',
      dispatched: 'dispatch',
      in_progress: 'start',
      resolved: 'resolve',
      closed: 'verify',
      rejected: 'reject',
    };
    const action = reached[forced];
    cut = action ? actions.lastIndexOf(action) + 1 : 0;
  } else if (rng.chance(0.015) && actions.length > 2) {
    cut = rng.int(1, actions.length - 1); // stalled for good
  }

  // Handled within (or, when late, beyond) the SLA of the category's default priority, which seeded cases keep.
  const total =
    slaHoursFor(category.defaultPriority, category.slaHours) * H * (late ? rng.range(1.1, 2.6) : rng.range(0.08, 0.7));
  let weightSum = 0;
  for (const a of actions) weightSum += stepWeights[a];
  const steps: Step[] = [];
  let status: CaseStatus = 'submitted';
  let levelIndex = 0;
  let t = created;
  for (let i = 0; i < cut; i++) {
    const type = actions[i]!;
    let delay = (total * stepWeights[type]) / weightSum;
    if (i === 0) delay = Math.min(delay, rng.range(0.05, 3) * H);
    delay *= rng.range(0.5, 1.5);
    t = staffTime(Math.floor((t + Math.max(delay, rng.int(1, 15) * MIN)) / S) * S, rng);
    const fromLevel = caseLevels[levelIndex]!;
    let to: CaseStatus;
    if (type === 'escalate') {
      levelIndex++;
      to = 'accepted';
    } else {
      to = nextStatus[type];
    }
    steps.push({ type, from: status, to, fromLevel, level: caseLevels[levelIndex]!, at: t });
    status = to;
  }

  if (forced && steps.length && steps[steps.length - 1]!.at >= now) {
    // A demo case forced into a status: squeeze its life into the time it has had.
    const span = steps[steps.length - 1]!.at - created;
    const room = (now - created) * 0.9;
    let previous = created;
    for (const step of steps) {
      step.at = Math.max(previous + 1, created + Math.floor(((step.at - created) * room) / span));
      previous = step.at;
    }
  }
  let kept = 0;
  while (kept < steps.length && steps[kept]!.at <= now) kept++;
  steps.length = kept;
  return { steps, late };
}

export interface CaseSummary {
  cases: number;
  events: number;
  serviceLogs: number;
  sampleCases: { ticket: string; trackingToken: string; status: string }[];
}

export interface CaseWriters {
  cases: TableWriter;
  events: TableWriter;
  serviceLogs: TableWriter;
  ticketSequences: TableWriter;
}

const channels: readonly Channel[] = ['web', 'wechat', 'app', 'hotline', 'kiosk'];
const channelWeights = [25, 28, 15, 18, 9];

export function seedCases(
  count: number,
  now: number,
  tree: Tree,
  categories: readonly CategorySeed[],
  rng: Rng,
  ids: { case: IdSource; event: IdSource; log: IdSource },
  out: CaseWriters,
): CaseSummary {
  const times = reportTimes(count, now, rng);
  const gridTable = new WeightedTable(
    tree.grids,
    tree.grids.map((g) => g.households),
  );
  const categoryTable = new WeightedTable(
    categories,
    categories.map((c) => c.weight),
  );
  const assignees = new Assignees(tree.units);
  const sequences = new Map<string, number>();
  const latest = new Map<CaseStatus, { ticket: string; trackingToken: string; status: string }>();
  const forcedTail: readonly CaseStatus[] = [
    'submitted',
    'accepted',
    'dispatched',
    'in_progress',
    'resolved',
    'rejected',
  ];
  const root = tree.root;
  let events = 0;
  let logs = 0;
  let demoCaseSeeded = false;

  const actorAt = (grid: GridNode, level: CaseLevel): Actor =>
    level === 'grid'
      ? grid.worker!
      : level === 'community'
        ? grid.community!.admin!
        : level === 'street'
          ? grid.street!.admin!
          : root.admin!;
  // Verification is independent (核查): the street's supervisor checks cases up to street level, the district's
  // supervisor those escalated to the district; supervisors never resolve and are never assignees.
  const verifierAt = (grid: GridNode, level: CaseLevel): Actor =>
    level === 'district' ? root.supervisor! : grid.street!.supervisor!;
  const levelNode = (grid: GridNode, level: CaseLevel): GridNode =>
    level === 'community' ? grid.community! : level === 'street' ? grid.street! : root;

  for (let i = 0; i < count; i++) {
    const created = times[i]!;
    const forced = count - 1 - i < forcedTail.length ? forcedTail[count - 1 - i]! : null;
    const grid = gridTable.sample(rng);
    const category = categoryTable.sample(rng);
    const id = ids.case.next();

    // Ticket: the district's prefix, the Shanghai date, the day's sequence.
    const day = shanghaiDate(new Date(created)).replaceAll('-', '');
    const sequence = (sequences.get(day) ?? 0) + 1;
    sequences.set(day, sequence);
    const ticket = `${district.ticketPrefix}-${day}-${String(sequence).padStart(4, '0')}`;
    const trackingToken = rng.trackingToken();

    // Channel and reporter.
    const minute = minuteOfDay(created);
    const workday = weekday(created) >= 1 && weekday(created) <= 5;
    const officeHours = workday && minute >= 8 * 60 + 30 && minute < 17 * 60 + 30;
    const byWorker = officeHours && rng.chance(0.25);
    let channel: Channel = byWorker ? 'grid_worker' : channels[rng.weighted(channelWeights)]!;
    let reporterName: string | null = null;
    let reporterPhoneNumber: string | null = null;
    if (!byWorker && !rng.chance(channel === 'kiosk' ? 0.6 : 0.3)) {
      reporterName = rng.chance(0.6) ? formOfAddress(rng) : personName(rng);
      reporterPhoneNumber = rng.chance(0.85) ? reporterPhone(rng) : null;
    }
    // Dual reporting: one office-hours report in twelve is a department's inspection finding (the street's
    // department for the category, or the district's), reported into the grid by its staff. Chosen by the case's
    // number, not drawn, so every other case stays as it was.
    const inspecting =
      !byWorker && officeHours && i % 12 === 5
        ? tree.units.department(i % 24 === 5 ? grid.street! : root, category.department)
        : null;
    const inspector = inspecting?.staff ?? null;
    if (inspector) {
      channel = 'department';
      reporterName = reporterPhoneNumber = null;
    }

    // Where and what.
    const road = rng.pick(grid.roads);
    const place = `${road}${rng.int(1, 199)}号${rng.pick(placeSuffixes)}`;
    const address = `${root.name}${grid.street!.name}${place}`;
    const description = rng.pick(category.reports).replace('{place}', place);
    const withPoint = category.requiresLocation || rng.chance(0.6);
    const lat = withPoint ? Math.round((grid.lat + rng.range(-0.0013, 0.0013)) * 1e6) / 1e6 : null;
    const lng = withPoint ? Math.round((grid.lng + rng.range(-0.002, 0.002)) * 1e6) / 1e6 : null;
    const attributes = JSON.stringify(answerAttributes(category, rng));

    // Life.
    const { steps, late } = timeline(created, category, rng, now, forced);
    const creator = byWorker ? grid.worker! : null;
    out.events.add([
      ids.event.next(),
      id,
      1,
      'created',
      null,
      'submitted',
      null,
      'grid',
      creator || inspector ? 'staff' : 'resident',
      (creator ?? inspector)?.id ?? null,
      (creator ?? inspector)?.name ?? null,
      (creator ?? inspector)?.role ?? null,
      new Date(created).toISOString(),
      creator ? '网格员巡查发现，现场拍照上报。' : inspector ? `${inspecting!.name}巡查发现，报网格跟进。` : null,
      null,
      '[]',
      null,
    ]);
    let assignee: string | null = null;
    // The staff of the department the case is dispatched to: they start and resolve it (at any level).
    let handlingDepartment: Actor | null = null;
    let acceptedAt: string | null = null;
    let reopenCount = 0;
    steps.forEach((step, k) => {
      const actor =
        step.type === 'verify' || step.type === 'reopen'
          ? verifierAt(grid, step.level)
          : (step.type === 'start' || step.type === 'resolve') && handlingDepartment
            ? handlingDepartment
            : actorAt(grid, step.fromLevel);
      const at = new Date(step.at).toISOString();
      let note: string | null = null;
      let publicNote: string | null = null;
      let stepAssignee: string | null = null;
      switch (step.type) {
        case 'accept':
          acceptedAt ??= at;
          note = rng.pick(acceptNotes);
          if (rng.chance(0.5)) publicNote = rng.pick(acceptPublic);
          break;
        case 'reject': {
          const [internal, shown] = rng.pick(rejections);
          note = internal;
          publicNote = shown;
          break;
        }
        case 'dispatch': {
          const picked = assignees.pick(grid, step.level, category.department, rng);
          stepAssignee = assignee = picked.json;
          handlingDepartment = picked.staff;
          note = rng.chance(0.5) ? `请${picked.name}处理。` : `已派${picked.name}，要求按时限办结。`;
          if (rng.chance(0.5)) publicNote = `已派单至${picked.name}。`;
          break;
        }
        case 'start':
          note = rng.pick(startNotes);
          if (rng.chance(0.2)) publicNote = '工作人员已到现场处置。';
          break;
        case 'resolve':
          note = rng.pick(category.results);
          if (rng.chance(0.7)) publicNote = note;
          break;
        case 'reopen':
          reopenCount++;
          note = `现场核查发现${rng.pick(category.reworks)}，退回返工。`;
          if (rng.chance(0.6)) publicNote = '现场核查未完全解决，已要求返工。';
          break;
        case 'verify':
          note = rng.pick(verifyNotes);
          if (rng.chance(0.6)) publicNote = rng.pick(verifyPublic);
          break;
        case 'escalate':
          assignee = handlingDepartment = null;
          note = rng.pick(escalateNotes[step.fromLevel]);
          if (rng.chance(0.7)) publicNote = `已上报${levelNode(grid, step.level).name}协调处理。`;
          break;
      }
      out.events.add([
        ids.event.next(),
        id,
        k + 2,
        step.type,
        step.from,
        step.to,
        step.type === 'escalate' ? step.fromLevel : null,
        step.level,
        'staff',
        actor.id,
        actor.name,
        actor.role,
        at,
        note,
        publicNote,
        '[]',
        stepAssignee,
      ]);
    });
    events += steps.length + 1;

    const last = steps[steps.length - 1];
    const status: CaseStatus = last ? last.to : 'submitted';
    const level: CaseLevel = last ? last.level : 'grid';
    const closed = status === 'closed';
    let evaluation: [number, string | null, string] | null = null;
    if (closed && rng.chance(0.6)) {
      const evaluatedAt = Math.floor((last!.at + rng.range(0.2, 72) * H) / S) * S;
      if (evaluatedAt <= now) {
        const unhappy = late || reopenCount > 0;
        const score = 5 - rng.weighted(unhappy ? [35, 30, 18, 10, 7] : [64, 26, 6, 2, 2]);
        evaluation = [score, rng.chance(0.5) ? rng.pick(comments[score]!) : null, new Date(evaluatedAt).toISOString()];
      }
    }
    const createdAt = new Date(created).toISOString();
    // A score of 1–2 opened a follow-up (回访); the street's supervisor recorded its outcome a week later when
    // that lies in the past, otherwise it is still open (in the admins' list). No random draws: the rest of the
    // demo stays as it was.
    let followUp:
      | [
          status: 'open' | 'done',
          openedAt: string,
          outcome: string | null,
          note: string | null,
          doneAt: string | null,
          by: string | null,
        ]
      | null = null;
    if (evaluation && opensFollowUp(evaluation[0])) {
      const doneAt = Date.parse(evaluation[2]) + 7 * 24 * H;
      if (doneAt <= now) {
        const supervisor = grid.street!.supervisor!;
        const [outcome, note] = followUpOutcomes[i % followUpOutcomes.length]!;
        followUp = [
          'done',
          evaluation[2],
          outcome,
          note,
          new Date(doneAt).toISOString(),
          JSON.stringify({ type: 'staff', id: supervisor.id, name: supervisor.name, role: supervisor.role }),
        ];
      } else {
        followUp = ['open', evaluation[2], null, null, null, null];
      }
      const shared = [status, status, level, level] as const;
      out.events.add([
        ids.event.next(),
        id,
        steps.length + 2,
        'follow_up_opened',
        shared[0],
        shared[1],
        shared[2],
        shared[3],
        'system',
        null,
        null,
        null,
        evaluation[2],
        null,
        null,
        '[]',
        null,
      ]);
      if (followUp[0] === 'done') {
        const supervisor = grid.street!.supervisor!;
        out.events.add([
          ids.event.next(),
          id,
          steps.length + 3,
          'follow_up',
          shared[0],
          shared[1],
          shared[2],
          shared[3],
          'staff',
          supervisor.id,
          supervisor.name,
          supervisor.role,
          followUp[4],
          followUp[3],
          null,
          '[]',
          null,
        ]);
        events += 1;
      }
      events += 1;
    }
    // The random token is drawn for every case, so the rest of the data does not depend on the demo case.
    const isDemoCase = !demoCaseSeeded && status === 'closed' && !evaluation;
    if (isDemoCase) demoCaseSeeded = true;
    const caseToken = isDemoCase ? demoTrackingToken : trackingToken;
    out.cases.add([
      id,
      ticket,
      trackingTokenHash(caseToken)!,
      grid.id,
      grid.path,
      category.code,
      description,
      address,
      lat,
      lng,
      '[]',
      attributes,
      reporterName,
      reporterPhoneNumber,
      (creator ?? inspector)?.id ?? null,
      channel,
      status,
      level,
      status === 'rejected' ? null : assignee,
      1 + steps.length + (followUp?.[0] === 'done' ? 1 : 0),
      createdAt,
      followUp?.[4] ?? (last ? new Date(last.at).toISOString() : createdAt),
      acceptedAt,
      closed ? new Date(last!.at).toISOString() : null,
      closed ? level : null,
      dueAtFor(createdAt, category.defaultPriority, category.slaHours),
      reopenCount,
      evaluation?.[0] ?? null,
      evaluation?.[1] ?? null,
      evaluation?.[2] ?? null,
      category.defaultPriority,
      ...(followUp ?? [null, null, null, null, null, null]),
    ]);
    latest.set(status, { ticket, trackingToken: caseToken, status });

    if (creator) {
      // The grid worker's register records the inspection that opened the case.
      const minutes = rng.int(15, 40);
      out.serviceLogs.add([
        ids.log.next(),
        grid.id,
        grid.path,
        creator.id,
        creator.name,
        new Date(created - minutes * MIN).toISOString(),
        'inspection',
        '["general"]',
        null,
        `巡查发现${category.name['zh-CN']}问题，已拍照上报立案（${ticket}）。`,
        minutes,
        'case_opened',
        id,
        createdAt,
      ]);
      logs++;
    }
  }

  for (const [day, last] of sequences) out.ticketSequences.add([`${district.ticketPrefix}-${day}`, last]);

  return {
    cases: count,
    events,
    serviceLogs: logs,
    sampleCases: caseStatuses.flatMap((s) => {
      const sample = latest.get(s);
      return sample ? [sample] : [];
    }),
  };
}
