import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseLevelValues,
  categoryCodePattern,
  categoryKindValues,
  ticketPattern,
  trackingTokenPattern,
} from '@gridkit/sdk';
import { hashSecret } from '../src/domain/ids.js';
import { dueAtFor, type CasePriority } from '../src/domain/priority.js';
import { shanghaiDate } from '../src/domain/time.js';
import { seedDatabase, type SeedSummary } from '../src/seed/index.js';
import { openDatabase, type Db } from '../src/store/database.js';

const now = new Date('2026-11-22T01:15:30.000Z');
const nowIso = now.toISOString();

/** A fingerprint of every row of every table, in primary-key order. */
function fingerprint(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[];
    const key = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    hash.update(`#${table}\n`);
    for (const row of db
      .prepare(`SELECT * FROM ${table} ORDER BY ${key.length ? key.join(', ') : 'rowid'}`)
      .iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

// ── the contract's transition table, written out independently of the seed ──

type Status = 'submitted' | 'accepted' | 'dispatched' | 'in_progress' | 'resolved' | 'closed' | 'rejected';
const levels = caseLevelValues;
const transitions: Record<string, { from: Status[]; to: Status }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted'], to: 'rejected' },
  dispatch: { from: ['accepted'], to: 'dispatched' },
  start: { from: ['dispatched'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  verify: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved'], to: 'in_progress' },
  escalate: { from: ['accepted', 'dispatched', 'in_progress'], to: 'accepted' },
};

interface CaseRow {
  id: string;
  ticket: string;
  tracking_token_hash: string;
  grid_id: string;
  grid_path: string;
  category_code: string;
  attributes: string;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_staff_id: string | null;
  channel: string;
  status: Status;
  level: string;
  assignee: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  accepted_at: string | null;
  closed_at: string | null;
  closed_level: string | null;
  due_at: string;
  reopen_count: number;
  evaluation_score: number | null;
  evaluated_at: string | null;
  priority: CasePriority;
  follow_up_status: 'open' | 'done' | null;
  follow_up_opened_at: string | null;
  follow_up_outcome: string | null;
  follow_up_done_at: string | null;
  follow_up_done_by: string | null;
  lat: number | null;
  lng: number | null;
}

interface EventRow {
  case_id: string;
  seq: number;
  type: string;
  from_status: Status | null;
  to_status: Status;
  from_level: string | null;
  level: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  at: string;
  note: string | null;
  public_note: string | null;
  assignee: string | null;
}

interface UnitRecord {
  id: string;
  name: string;
  kind: string;
  grid_path: string;
}

interface CategoryRow {
  code: string;
  name: string;
  kind: string;
  sla_hours: number;
  default_priority: CasePriority;
  requires_location: number;
  attributes: string;
}

interface Attribute {
  code: string;
  datatype: string;
  required: boolean;
  options?: { key: string }[];
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function same(actual: unknown, expected: unknown, message: string): void {
  if (actual !== expected) throw new Error(`${message}: expected ${String(expected)}, got ${String(actual)}`);
}

/** Every structural invariant of a seeded database; returns nothing, fails the test on the first violation. */
function checkInvariants(db: Db, summary: SeedSummary): void {
  // Tree: materialized paths, depths, codes.
  const grids = db.prepare('SELECT * FROM grids').all() as {
    id: string;
    parent_id: string | null;
    path: string;
    depth: number;
    code: string;
    level: string;
    households: number;
  }[];
  const byId = new Map(grids.map((g) => [g.id, g]));
  const roots = grids.filter((g) => g.parent_id === null);
  expect(roots).toHaveLength(1);
  expect(roots[0]!.id).toBe(summary.rootGridId);
  expect(roots[0]!.level).toBe('district');
  for (const grid of grids) {
    const parent = grid.parent_id === null ? null : byId.get(grid.parent_id);
    if (grid.parent_id !== null) expect(parent, `parent of ${grid.id}`).toBeDefined();
    expect(grid.path).toBe(`${parent ? parent.path : '/'}${grid.id}/`);
    expect(grid.depth).toBe(parent ? parent.depth + 1 : 0);
    if (parent) expect(grid.code.startsWith(`${parent.code}-`)).toBe(true);
    expect(grid.households).toBeGreaterThan(0);
  }
  const leafGrids = grids.filter((g) => g.level === 'grid');
  expect(leafGrids.length).toBe(summary.grids);

  // Teams: exactly one leader (role grid_leader) per grid; one leader per leaf of any level; none above.
  const leaders = new Map(
    (
      db
        .prepare(
          'SELECT grid_id, count(*) AS n, sum(role = ?) AS gl FROM team_members WHERE is_leader = 1 GROUP BY grid_id',
        )
        .all('grid_leader') as { grid_id: string; n: number; gl: number }[]
    ).map((r) => [r.grid_id, r]),
  );
  const parents = new Set(grids.map((g) => g.parent_id));
  for (const grid of grids) {
    const leader = leaders.get(grid.id);
    if (grid.level === 'grid') {
      expect(leader?.n, `leaders of ${grid.id}`).toBe(1);
      expect(leader?.gl).toBe(1);
    } else if (!parents.has(grid.id)) {
      expect(leader?.n, `leaders of leaf ${grid.id}`).toBe(1);
    } else {
      expect(leader).toBeUndefined();
    }
  }

  // Categories.
  const categories = new Map((db.prepare('SELECT * FROM categories').all() as CategoryRow[]).map((c) => [c.code, c]));
  expect(categories.size).toBe(summary.categories);
  for (const category of categories.values()) {
    expect(category.code).toMatch(categoryCodePattern);
    expect(Object.keys(JSON.parse(category.name) as object).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
    expect(categoryKindValues).toContain(category.kind);
  }

  // Cases against their events, replayed through the transition table. (Plain checks in the loops:
  // `expect` per field would make 100k events slow.)
  const cases = db.prepare('SELECT * FROM cases ORDER BY id').all() as CaseRow[];
  expect(cases.length).toBe(summary.cases);
  const events = db.prepare('SELECT * FROM case_events ORDER BY case_id, seq').all() as EventRow[];
  expect(events.length).toBe(summary.caseEvents);
  const staff = new Map(
    (db.prepare('SELECT id, role, grid_ids FROM staff').all() as { id: string; role: string; grid_ids: string }[]).map(
      (s) => [
        s.id,
        {
          role: s.role,
          paths: (JSON.parse(s.grid_ids) as string[]).map((id) => byId.get(id)!.path),
          levels: (JSON.parse(s.grid_ids) as string[]).map((id) => byId.get(id)!.level),
        },
      ],
    ),
  );
  // Assignees on record (issue 9): units serve their node's subtree, staff their jurisdiction, team members their
  // node's branch; a department's staff member's id follows its unit's (`stf_<unit>`).
  const units = new Map(
    (db.prepare('SELECT id, name, kind, grid_path FROM units').all() as UnitRecord[]).map((u) => [u.id, u]),
  );
  const staffNames = new Map(
    (db.prepare('SELECT id, name FROM staff').all() as { id: string; name: string }[]).map((s) => [s.id, s.name]),
  );
  const members = new Map(
    (
      db.prepare('SELECT m.id, m.name, g.path FROM team_members m JOIN grids g ON g.id = m.grid_id').all() as {
        id: string;
        name: string;
        path: string;
      }[]
    ).map((m) => [m.id, m]),
  );
  const unitOfDepartmentStaff = (actorId: string | null) => units.get(`unit_${actorId?.slice('stf_'.length)}`);
  let e = 0;
  const tickets = new Set<string>();
  const maxSequence = new Map<string, number>();
  for (const c of cases) {
    const where = `case ${c.id} (${c.ticket})`;
    same(byId.get(c.grid_id)?.path, c.grid_path, `${where}: grid_path`);
    same(byId.get(c.grid_id)!.level, 'grid', `${where}: grid level`);
    const category = categories.get(c.category_code);
    check(category, `${where}: category ${c.category_code}`);
    // Seeded cases keep their category's default priority, and are due by that priority's SLA.
    same(c.priority, category.default_priority, `${where}: priority`);
    same(c.due_at, dueAtFor(c.created_at, c.priority, category.sla_hours), `${where}: due_at`);
    if (category.requires_location) check(c.lat !== null && c.lng !== null, `${where}: location required`);

    // Attributes follow the category's extra fields.
    const answers = JSON.parse(c.attributes) as Record<string, unknown>;
    const attributes = JSON.parse(category.attributes) as Attribute[];
    for (const attribute of attributes) {
      const value = answers[attribute.code];
      if (attribute.required) check(value !== undefined, `${where}: attribute ${attribute.code} required`);
      if (value === undefined) continue;
      const keys = attribute.options?.map((o) => o.key) ?? [];
      if (attribute.datatype === 'singlevaluelist')
        check(keys.includes(value as string), `${where}: ${attribute.code} option`);
      if (attribute.datatype === 'multivaluelist')
        check(
          (value as string[]).every((v) => keys.includes(v)),
          `${where}: ${attribute.code} options`,
        );
      if (attribute.datatype === 'number') same(typeof value, 'number', `${where}: ${attribute.code} type`);
      if (attribute.datatype === 'boolean') same(typeof value, 'boolean', `${where}: ${attribute.code} type`);
    }
    for (const key of Object.keys(answers))
      check(
        attributes.some((a) => a.code === key),
        `${where}: unknown attribute ${key}`,
      );

    // Ticket.
    check(ticketPattern.test(c.ticket), `${where}: ticket pattern`);
    check(!tickets.has(c.ticket), `${where}: duplicate ticket`);
    tickets.add(c.ticket);
    const [prefix, day, sequence] = c.ticket.split('-') as [string, string, string];
    same(day, shanghaiDate(c.created_at).replaceAll('-', ''), `${where}: ticket date`);
    const key = `${prefix}-${day}`;
    maxSequence.set(key, Math.max(maxSequence.get(key) ?? 0, Number(sequence)));

    // Timeline.
    const all: EventRow[] = [];
    while (e < events.length && events[e]!.case_id === c.id) all.push(events[e++]!);
    check(all.length > 0, `${where}: no events`);
    all.forEach((event, i) => same(event.seq, i + 1, `${where}: seq`));
    // The follow-up (回访) a score of 1–2 opened comes after the transitions: checked on its own below.
    const followUpEvents = all.filter((event) => event.type === 'follow_up_opened' || event.type === 'follow_up');
    const timeline = all.slice(0, all.length - followUpEvents.length);
    const created = timeline[0]!;
    same(created.type, 'created', `${where}: first event`);
    same(created.from_status, null, `${where}: created from_status`);
    same(created.to_status, 'submitted', `${where}: created to_status`);
    same(created.level, 'grid', `${where}: created level`);
    same(created.at, c.created_at, `${where}: created at`);
    if (c.channel === 'grid_worker' || c.channel === 'department') {
      same(created.actor_type, 'staff', `${where}: creator`);
      check(c.reporter_staff_id !== null, `${where}: reporter_staff_id`);
      same(created.actor_id, c.reporter_staff_id, `${where}: creator id`);
      same(created.actor_role, c.channel === 'department' ? 'department' : 'grid_worker', `${where}: creator role`);
      same(c.reporter_name ?? c.reporter_phone, null, `${where}: a staff report carries no reporter`);
      if (c.channel === 'department') {
        // A department's inspection: its staff member, reporting into a grid its unit serves.
        const unit = unitOfDepartmentStaff(created.actor_id);
        check(unit?.kind === 'department', `${where}: reported by the staff of a department on record`);
        check(c.grid_path.startsWith(unit.grid_path), `${where}: department report outside its area`);
      }
    } else {
      same(created.actor_type, 'resident', `${where}: creator`);
      same(created.actor_id, null, `${where}: creator id`);
      same(c.reporter_staff_id, null, `${where}: reporter_staff_id`);
    }
    let status: Status = 'submitted';
    let level = 0;
    let assignee: string | null = null;
    let acceptedAt: string | null = null;
    let reopens = 0;
    let resolver: string | null = null;
    let previousAt = created.at;
    for (const event of timeline.slice(1)) {
      const at = `${where} #${event.seq} ${event.type}`;
      const rule = transitions[event.type];
      check(rule, `${at}: unknown action`);
      check(rule.from.includes(status), `${at}: not allowed from ${status}`);
      same(event.from_status, status, `${at}: from_status`);
      same(event.to_status, rule.to, `${at}: to_status`);
      same(event.actor_type, 'staff', `${at}: actor_type`);
      check(event.actor_id, `${at}: actor_id`);
      check(['grid_worker', 'supervisor', 'department', 'admin'].includes(event.actor_role!), `${at}: actor_role`);
      if (event.actor_role === 'department') {
        // A department starts and resolves what is dispatched to its unit, at any level; nothing else.
        check(event.type === 'start' || event.type === 'resolve', `${at}: a department may only start and resolve`);
        const a = assignee ? (JSON.parse(assignee) as { type: string; id: string }) : null;
        same(unitOfDepartmentStaff(event.actor_id)?.id, a?.type === 'unit' ? a.id : undefined, `${at}: its unit`);
      }
      const judging = event.type === 'verify' || (event.type === 'reopen' && status === 'resolved');
      if (judging) {
        // Independent verification (核查): a supervisor or an admin, never the resolver nor the assignee.
        check(event.actor_role === 'supervisor' || event.actor_role === 'admin', `${at}: verifier role`);
        check(event.actor_id !== resolver, `${at}: verified by the resolver`);
        const a = assignee ? (JSON.parse(assignee) as { type: string; id: string }) : null;
        check(!(a?.type === 'person' && a.id === event.actor_id), `${at}: verified by the assignee`);
      } else if (level > 0) {
        // A grid worker acts only while the case is at grid level; above that, admins (and the department assigned).
        check(event.actor_role === 'admin' || event.actor_role === 'department', `${at}: actor above grid level`);
      } else {
        check(event.actor_role !== 'supervisor', `${at}: a supervisor handling a case`);
      }
      if (event.type === 'resolve') resolver = event.actor_id;
      const demoStaff = staff.get(event.actor_id);
      if (demoStaff) {
        same(demoStaff.role, event.actor_role, `${at}: demo staff role`);
        check(
          demoStaff.paths.some((p) => c.grid_path.startsWith(p)),
          `${at}: demo staff outside jurisdiction`,
        );
        if (judging)
          check(
            demoStaff.paths.some(
              (p, i) =>
                c.grid_path.startsWith(p) && levels.indexOf(demoStaff.levels[i] as (typeof levels)[number]) >= level,
            ),
            `${at}: demo verifier below the case's level`,
          );
      }
      check(event.at >= previousAt, `${at}: time order`);
      previousAt = event.at;
      if (event.type === 'escalate') {
        check(level < 3, `${at}: escalate at district`);
        same(event.from_level, levels[level], `${at}: from_level`);
        level++;
        assignee = null;
        check(event.note, `${at}: note required`);
      }
      same(event.level, levels[level], `${at}: level`);
      if (event.type === 'accept') acceptedAt ??= event.at;
      if (event.type === 'dispatch') {
        check(event.assignee, `${at}: assignee required`);
        const a = JSON.parse(event.assignee) as { type: string; id: string; name: string };
        check((a.type === 'unit' || a.type === 'person') && a.id && a.name, `${at}: assignee shape`);
        // On record, under its registered name, and serving the case's grid.
        if (a.type === 'unit') {
          const unit = units.get(a.id);
          check(unit, `${at}: unit ${a.id} not on record`);
          same(a.name, unit.name, `${at}: unit name`);
          check(c.grid_path.startsWith(unit.grid_path), `${at}: unit outside its area`);
        } else {
          const member = members.get(a.id);
          const person = staff.get(a.id);
          check(member || person, `${at}: person ${a.id} not on record`);
          same(a.name, person ? staffNames.get(a.id) : member!.name, `${at}: person name`);
          const serves = person
            ? person.paths.some((p) => c.grid_path.startsWith(p))
            : c.grid_path.startsWith(member!.path) || member!.path.startsWith(c.grid_path);
          check(serves, `${at}: person outside their area`);
        }
        assignee = event.assignee;
      } else {
        same(event.assignee, null, `${at}: assignee`);
      }
      if (event.type === 'reject') check(event.public_note, `${at}: public note required`);
      if (event.type === 'reopen') {
        check(event.note, `${at}: note required`);
        reopens++;
      }
      status = rule.to;
    }
    const last = timeline[timeline.length - 1]!;
    same(c.status, status, `${where}: status`);
    same(c.level, levels[level], `${where}: level`);
    // Every transition and a recorded follow-up make a version; opening a follow-up (the system's) does not.
    const followUpDone = followUpEvents.find((event) => event.type === 'follow_up');
    same(c.version, timeline.length + (followUpDone ? 1 : 0), `${where}: version`);
    same(c.updated_at, followUpDone?.at ?? last.at, `${where}: updated_at`);
    if (c.evaluation_score !== null && c.evaluation_score <= 2) {
      same(followUpEvents[0]?.type, 'follow_up_opened', `${where}: follow-up opened by a low score`);
      same(followUpEvents[0]!.actor_type, 'system', `${where}: follow-up opened by the system`);
      same(followUpEvents[0]!.at, c.evaluated_at, `${where}: follow-up opened at the evaluation`);
      same(c.follow_up_opened_at, c.evaluated_at, `${where}: follow_up_opened_at`);
      same(c.follow_up_status, followUpDone ? 'done' : 'open', `${where}: follow_up_status`);
      if (followUpDone) {
        same(followUpDone.actor_role, 'supervisor', `${where}: follow-up recorded by a supervisor`);
        same(c.follow_up_done_at, followUpDone.at, `${where}: follow_up_done_at`);
        check(c.follow_up_outcome && c.follow_up_done_by && followUpDone.note, `${where}: follow-up outcome`);
        check(followUpDone.at <= nowIso, `${where}: follow-up in the future`);
      }
    } else {
      same(followUpEvents.length, 0, `${where}: follow-up events without a low score`);
      same(c.follow_up_status, null, `${where}: follow_up_status without a low score`);
    }
    same(c.accepted_at, acceptedAt, `${where}: accepted_at`);
    same(c.reopen_count, reopens, `${where}: reopen_count`);
    same(c.assignee, assignee, `${where}: assignee`);
    same(c.closed_at, status === 'closed' ? last.at : null, `${where}: closed_at`);
    same(c.closed_level, status === 'closed' ? levels[level] : null, `${where}: closed_level`);
    if (c.evaluation_score !== null) {
      same(status, 'closed', `${where}: evaluated but not closed`);
      check(c.evaluation_score >= 1 && c.evaluation_score <= 5, `${where}: score`);
      check(c.evaluated_at !== null && c.evaluated_at > c.closed_at!, `${where}: evaluated_at`);
    } else {
      same(c.evaluated_at, null, `${where}: evaluated_at`);
    }
  }
  expect(e).toBe(events.length); // no orphan events

  // Ticket sequences continue after every number used.
  const sequences = new Map(
    (db.prepare('SELECT prefix, last FROM ticket_sequences').all() as { prefix: string; last: number }[]).map((r) => [
      r.prefix,
      r.last,
    ]),
  );
  for (const [key, max] of maxSequence) expect(sequences.get(key), key).toBeGreaterThanOrEqual(max);

  // Service logs sit in their grid's subtree and point at real workers' grids.
  const badPaths = db
    .prepare('SELECT count(*) FROM service_logs s JOIN grids g ON g.id = s.grid_id WHERE s.grid_path <> g.path')
    .pluck()
    .get() as number;
  expect(badPaths).toBe(0);
  expect(db.prepare('SELECT count(*) FROM service_logs').pluck().get()).toBe(summary.serviceLogs);
  const logsWithCase = db
    .prepare(
      `SELECT count(*) FROM service_logs s LEFT JOIN cases c ON c.id = s.case_id
        WHERE (s.outcome = 'case_opened') <> (c.id IS NOT NULL) OR (c.id IS NOT NULL AND c.grid_id <> s.grid_id)`,
    )
    .pluck()
    .get() as number;
  expect(logsWithCase).toBe(0);
  const outsideHours = db
    .prepare(
      `SELECT count(*) FROM service_logs
        WHERE CAST(strftime('%H', occurred_at, '+8 hours') AS INTEGER) NOT BETWEEN 7 AND 17
           OR minutes NOT BETWEEN 1 AND 720 OR created_at < occurred_at`,
    )
    .pluck()
    .get() as number;
  expect(outsideHours).toBe(0);
  const unknownWorkers = db
    .prepare(
      `SELECT count(*) FROM (SELECT DISTINCT worker_id FROM service_logs)
        WHERE worker_id NOT IN (SELECT id FROM staff) AND worker_id NOT IN (SELECT id FROM team_members WHERE role IN ('grid_leader', 'grid_worker'))`,
    )
    .pluck()
    .get() as number;
  expect(unknownWorkers).toBe(0);

  // Nothing dated after "now".
  const dated: [string, string[]][] = [
    ['grids', ['updated_at']],
    ['notices', ['published_at', 'created_at', 'retired_at']],
    ['cases', ['created_at', 'updated_at', 'accepted_at', 'closed_at', 'evaluated_at']],
    ['case_events', ['at']],
    ['service_logs', ['occurred_at', 'created_at']],
  ];
  for (const [table, columns] of dated) {
    for (const column of columns) {
      const max = db.prepare(`SELECT max(${column}) FROM ${table}`).pluck().get() as string | null;
      if (max !== null) expect(max <= nowIso, `${table}.${column} = ${max}`).toBe(true);
    }
  }
  // Every time is an RFC 3339 UTC string with milliseconds.
  const badTimes = db
    .prepare(
      "SELECT count(*) FROM case_events WHERE at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'",
    )
    .pluck()
    .get() as number;
  expect(badTimes).toBe(0);

  // Referential integrity (checked here because the load runs with foreign keys off).
  expect(db.pragma('foreign_key_check')).toEqual([]);

  // The tokens.
  for (const token of summary.tokens) {
    const row = db.prepare('SELECT * FROM staff WHERE token = ?').get(token.token) as
      { id: string; name: string; role: string; grid_ids: string; unit_id: string | null } | undefined;
    expect(row, token.token).toBeDefined();
    expect(row).toMatchObject({ id: token.staffId, name: token.name, role: token.role, unit_id: token.unitId ?? null });
    expect(JSON.parse(row!.grid_ids)).toEqual(token.gridIds);
    for (const id of token.gridIds) expect(byId.has(id)).toBe(true);
  }

  // The sample cases open the tracker.
  for (const sample of summary.sampleCases) {
    const row = db.prepare('SELECT status, tracking_token_hash FROM cases WHERE ticket = ?').get(sample.ticket) as
      { status: string; tracking_token_hash: string } | undefined;
    expect(row).toBeDefined();
    expect(row!.status).toBe(sample.status);
    expect(row!.tracking_token_hash).toBe(hashSecret(sample.trackingToken));
    // Seeded tokens have the contract's form (the hash is of that canonical form).
    expect(sample.trackingToken).toMatch(trackingTokenPattern);
  }
}

describe('seedDatabase (demo)', () => {
  let db: Db;
  let summary: SeedSummary;

  beforeAll(() => {
    db = openDatabase(':memory:');
    summary = seedDatabase(db, { now });
    console.log(
      `demo seed: ${summary.grids} grids, ${summary.cases} cases, ${summary.caseEvents} events, ${summary.serviceLogs} service logs, ${summary.notices} notices in ${summary.ms} ms`,
    );
  });
  afterAll(() => db.close());

  it('is one district of ~100 grids with a few thousand cases', () => {
    expect(summary.grids).toBeGreaterThanOrEqual(90);
    expect(summary.grids).toBeLessThanOrEqual(110);
    expect(summary.cases).toBeGreaterThanOrEqual(2000);
    expect(summary.cases).toBeLessThanOrEqual(6000);
    expect(summary.categories).toBeGreaterThanOrEqual(15);
    expect(summary.categories).toBeLessThanOrEqual(20);
    expect(summary.notices).toBeGreaterThanOrEqual(summary.grids);
    expect(summary.serviceLogs).toBeGreaterThan(summary.grids * 250);
    const root = db.prepare('SELECT name, code FROM grids WHERE id = ?').get(summary.rootGridId);
    expect(root).toEqual({ name: '文峰区', code: '410502' });
    const streets = db.prepare("SELECT name FROM grids WHERE level = 'street' ORDER BY sort_order").pluck().all();
    expect(streets).toEqual(['西关街道', '东关街道', '南关街道', '北大街街道', '紫薇大道街道']);
    const qiaobei = db.prepare("SELECT * FROM grids WHERE name = '桥北社区第二网格'").get() as Record<string, unknown>;
    expect(qiaobei).toMatchObject({
      code: '410502-003-012-02',
      households: 236,
      population: 702,
      centroid_lat: 36.0995,
      centroid_lng: 114.3522,
    });
    expect(db.prepare('SELECT count(*) FROM grids WHERE parent_id = ?').pluck().get(qiaobei.id)).toBe(4);
  });

  it('holds every structural invariant', () => {
    checkInvariants(db, summary);
  });

  it('checks what it claims: a case that disagrees with its timeline is caught', () => {
    const unitCase = `(SELECT id FROM cases WHERE assignee LIKE '%"unit"%' ORDER BY id LIMIT 1)`;
    const corruptions = [
      "UPDATE cases SET status = 'closed' WHERE id = (SELECT id FROM cases WHERE status = 'in_progress' LIMIT 1)",
      'UPDATE cases SET version = version + 1 WHERE id = (SELECT id FROM cases LIMIT 1)',
      "UPDATE case_events SET level = 'street' WHERE type = 'verify' AND level = 'grid' AND rowid = (SELECT min(rowid) FROM case_events WHERE type = 'verify' AND level = 'grid')",
      "UPDATE service_logs SET grid_path = '/x/' WHERE rowid = 1",
      // A case dispatched (event and row alike) to a unit not on record, or to a unit of another area.
      ...[
        `json_set(assignee, '$.id', 'unit_x')`,
        `(SELECT json_object('type', 'unit', 'id', u.id, 'name', u.name) FROM units u
           WHERE instr((SELECT grid_path FROM cases WHERE id = ${unitCase}), u.grid_path) <> 1 ORDER BY u.id LIMIT 1)`,
      ].map(
        (changed) => `UPDATE case_events SET assignee = ${changed} WHERE case_id = ${unitCase}
            AND assignee = (SELECT assignee FROM cases WHERE id = ${unitCase});
          UPDATE cases SET assignee = ${changed} WHERE id = ${unitCase}`,
      ),
    ];
    for (const sql of corruptions) {
      db.exec('BEGIN');
      try {
        db.exec(sql);
        expect(() => checkInvariants(db, summary), sql).toThrow();
      } finally {
        db.exec('ROLLBACK');
      }
    }
    checkInvariants(db, summary);
  });

  it('has cases in every status, mostly settled low down, mostly on time', () => {
    const statuses = db.prepare('SELECT DISTINCT status FROM cases ORDER BY status').pluck().all();
    expect(statuses).toEqual(['accepted', 'closed', 'dispatched', 'in_progress', 'rejected', 'resolved', 'submitted']);
    const levels = Object.fromEntries(
      (
        db
          .prepare("SELECT closed_level, count(*) AS n FROM cases WHERE status = 'closed' GROUP BY closed_level")
          .all() as {
          closed_level: string;
          n: number;
        }[]
      ).map((r) => [r.closed_level, r.n]),
    ) as Record<string, number>;
    const closed = Object.values(levels).reduce((a, b) => a + b, 0);
    expect(((levels.grid ?? 0) + (levels.community ?? 0)) / closed).toBeGreaterThanOrEqual(0.85);
    expect(levels.street).toBeGreaterThan(0);
    expect(levels.district).toBeGreaterThan(0);
    const rates = db
      .prepare(
        `SELECT avg(closed_at <= due_at) AS onTime, avg(evaluation_score IS NOT NULL) AS evaluated,
                avg(reopen_count > 0) AS reopened FROM cases WHERE status = 'closed'`,
      )
      .get() as { onTime: number; evaluated: number; reopened: number };
    expect(rates.onTime).toBeGreaterThan(0.8);
    expect(rates.onTime).toBeLessThan(0.95);
    expect(rates.evaluated).toBeGreaterThan(0.5);
    expect(rates.evaluated).toBeLessThan(0.7);
    expect(rates.reopened).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM case_events WHERE type = 'reopen'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(DISTINCT channel) FROM cases').pluck().get()).toBe(7);
    expect(
      db.prepare('SELECT count(*) FROM cases WHERE reporter_name IS NULL AND reporter_phone IS NULL').pluck().get(),
    ).toBeGreaterThan(0);
    // Open cases gather in the recent weeks.
    const recentOpen = db
      .prepare("SELECT avg(created_at >= ?) FROM cases WHERE status NOT IN ('closed', 'rejected')")
      .pluck()
      .get(new Date(now.getTime() - 30 * 86_400_000).toISOString()) as number;
    expect(recentOpen).toBeGreaterThan(0.3);
    expect(summary.sampleCases.map((s) => s.status).sort()).toEqual(statuses);
  });

  it('gives the documented demo tokens', () => {
    expect(summary.tokens.map((t) => [t.token, t.role, t.gridIds.length])).toEqual([
      ['demo-admin-district', 'admin', 1],
      ['demo-admin-street-xiguan', 'admin', 1],
      ['demo-admin-community-qiaobei', 'admin', 1],
      ['demo-worker-qiaobei-02', 'grid_worker', 1],
      ['demo-worker-qiaobei-0304', 'grid_worker', 2],
      ['demo-worker-caihong-06', 'grid_worker', 1],
      ['demo-worker-yingyue-01', 'grid_worker', 1],
      ['demo-supervisor-xiguan', 'supervisor', 1],
      ['demo-supervisor-dongguan', 'supervisor', 1],
      ['demo-supervisor-nanguan', 'supervisor', 1],
      ['demo-supervisor-beidajie', 'supervisor', 1],
      ['demo-supervisor-ziweidadao', 'supervisor', 1],
      ['demo-supervisor-district', 'supervisor', 1],
      ['demo-department-xiguan-city', 'department', 1],
      ['demo-department-xiguan-police', 'department', 1],
      ['demo-department-xiguan-market', 'department', 1],
      ['demo-department-district-housing', 'department', 1],
    ]);
    expect(summary.tokens[0]!.gridIds).toEqual([summary.rootGridId]);
    const nameOf = (id: string): unknown => db.prepare('SELECT name FROM grids WHERE id = ?').pluck().get(id);
    // Supervisors (监督员): one per demo street, one for the district.
    expect(summary.tokens[12]!.gridIds).toEqual([summary.rootGridId]);
    expect(nameOf(summary.tokens[7]!.gridIds[0]!)).toBe('西关街道');
    expect(nameOf(summary.tokens[1]!.gridIds[0]!)).toBe('西关街道');
    expect(nameOf(summary.tokens[2]!.gridIds[0]!)).toBe('桥北社区');
    expect(summary.tokens[5]!.gridIds.map(nameOf)).toEqual(['彩虹社区第六网格']);
    // Every demo worker is on the team of each of their grids; the first one leads it.
    for (const token of summary.tokens.filter((t) => t.role === 'grid_worker')) {
      for (const gridId of token.gridIds) {
        const roles = db
          .prepare('SELECT role FROM team_members WHERE grid_id = ? AND name = ?')
          .pluck()
          .all(gridId, token.name);
        expect(roles.length, `${token.name} in ${gridId}`).toBe(1);
        expect(['grid_leader', 'grid_worker']).toContain(roles[0]);
      }
      // ... keeps a service log there, and handles that grid's cases.
      expect(
        db.prepare('SELECT count(*) FROM service_logs WHERE worker_id = ?').pluck().get(token.staffId),
      ).toBeGreaterThan(200);
    }
    const first = summary.tokens.find((t) => t.role === 'grid_worker')!;
    expect(
      db.prepare('SELECT role FROM team_members WHERE grid_id = ? AND is_leader = 1').get(first.gridIds[0]!),
    ).toEqual({ role: 'grid_leader' });
    expect(
      db.prepare("SELECT count(*) FROM case_events WHERE actor_id = ? AND type = 'accept'").pluck().get(first.staffId),
    ).toBeGreaterThan(0);
  });

  it('has departments: units on record, their reports into the grids, the cases they start and resolve', () => {
    // Units: 11 district bureaus, 10 departments per street, 3 bodies per community; every dispatch names one of
    // them or a person (checkInvariants checks each against the record).
    const count = (sql: string, ...params: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    const levelCount = (level: string) => count('SELECT count(*) FROM grids WHERE level = ?', level);
    expect(count("SELECT count(*) FROM units WHERE kind = 'department'")).toBe(11 + 10 * levelCount('street'));
    expect(count("SELECT count(*) FROM units WHERE kind = 'community_organization'")).toBe(3 * levelCount('community'));
    const xiguan = db.prepare("SELECT name FROM units WHERE name LIKE '西关街道%' ORDER BY id").pluck().all();
    expect(xiguan).toEqual(
      expect.arrayContaining(['西关街道城管执法中队', '西关街道派出所', '西关街道市场监管所', '西关街道城建办']),
    );
    // Dual reporting: a few percent of the reports are departments' inspections, the rest untouched.
    const byChannel = Object.fromEntries(
      (
        db.prepare('SELECT channel, count(*) AS n FROM cases GROUP BY channel').all() as {
          channel: string;
          n: number;
        }[]
      ).map((r) => [r.channel, r.n]),
    );
    expect(byChannel.department! / summary.cases).toBeGreaterThan(0.02);
    expect(byChannel.department! / summary.cases).toBeLessThan(0.06);
    // Cases dispatched to departments, started and resolved by their staff; some by the demo departments' staff.
    expect(
      count("SELECT count(*) FROM case_events WHERE actor_role = 'department' AND type = 'resolve'"),
    ).toBeGreaterThan(100);
    for (const token of summary.tokens.filter((t) => t.role === 'department')) {
      expect(token.unitId, token.token).toMatch(/^unit_/);
      const unit = db.prepare('SELECT name, grid_id FROM units WHERE id = ?').get(token.unitId) as { grid_id: string };
      expect(token.gridIds).toEqual([unit.grid_id]);
      const handled = count(
        "SELECT count(*) FROM case_events WHERE actor_id = ? AND type IN ('start', 'resolve')",
        token.staffId,
      );
      const reported = count(
        "SELECT count(*) FROM cases WHERE channel = 'department' AND reporter_staff_id = ?",
        token.staffId,
      );
      expect(handled + reported, token.token).toBeGreaterThan(0);
    }
    const cityDepartment = summary.tokens.find((t) => t.token === 'demo-department-xiguan-city')!;
    expect(
      count("SELECT count(*) FROM cases WHERE json_extract(assignee, '$.id') = ?", cityDepartment.unitId),
    ).toBeGreaterThan(0);
  });

  it('fills notice boards: teams after the formulas, notices pinned, expired and retired', () => {
    const roles = db.prepare('SELECT DISTINCT role FROM team_members').pluck().all();
    for (const role of [
      'grid_leader',
      'party_secretary',
      'street_officer',
      'police_officer',
      'community_worker',
      'doctor',
      'inspector',
      'building_head',
      'volunteer',
      'publicity_officer',
      'mediator',
    ]) {
      expect(roles).toContain(role);
    }
    // Roles unknown to the contract's list carry a label.
    const known = [
      'grid_leader',
      'grid_worker',
      'party_secretary',
      'police_officer',
      'doctor',
      'inspector',
      'building_head',
      'volunteer',
      'street_officer',
      'community_worker',
      'property_manager',
      'mediator',
      'deputy',
    ];
    const unlabeled = db
      .prepare(
        `SELECT count(*) FROM team_members WHERE role_label IS NULL AND role NOT IN (${known.map(() => '?').join(',')})`,
      )
      .pluck()
      .get(...known);
    expect(unlabeled).toBe(0);
    expect(db.prepare('SELECT count(*) FROM team_members WHERE photo_url IS NOT NULL').pluck().get()).toBe(0);
    expect(
      db
        .prepare("SELECT count(*) FROM grids WHERE level = 'grid' AND (service_hours = '' OR services = '[]')")
        .pluck()
        .get(),
    ).toBe(0);
    const perGrid = db
      .prepare(
        "SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM notices JOIN grids g ON g.id = grid_id WHERE g.level = 'grid' GROUP BY grid_id)",
      )
      .raw()
      .get() as [number, number];
    expect(perGrid[0]).toBeGreaterThanOrEqual(1);
    expect(perGrid[1]).toBeLessThanOrEqual(4);
    expect(db.prepare('SELECT count(*) FROM notices WHERE pinned = 1').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM notices WHERE expires_at < ?').pluck().get(nowIso)).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM notices WHERE retired_at IS NOT NULL').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM notices WHERE body LIKE '%<%'").pluck().get()).toBe(0);
  });

  it('is deterministic: same options give byte-identical content, another seed different content', () => {
    const again = openDatabase(':memory:');
    const other = openDatabase(':memory:');
    try {
      const second = seedDatabase(again, { now });
      expect(fingerprint(again)).toBe(fingerprint(db));
      expect({ ...second, ms: 0 }).toEqual({ ...summary, ms: 0 });
      seedDatabase(other, { now, seed: 7 });
      expect(fingerprint(other)).not.toBe(fingerprint(db));
    } finally {
      again.close();
      other.close();
    }
    // Two more whole demo seeds plus fingerprints: ~15 s on a loaded 2-core machine; headroom, not a speed claim.
  }, 60_000);

  it('refuses a database that already has grids, and leaves it untouched', () => {
    const before = fingerprint(db);
    expect(() => seedDatabase(db, { now })).toThrow(/already has/);
    expect(fingerprint(db)).toBe(before);
  });
});

describe('seedDatabase (explicit sizes)', () => {
  it('builds a medium district close to the asked size', () => {
    const db = openDatabase(':memory:');
    try {
      const summary = seedDatabase(db, { size: { grids: 500, cases: 20_000 }, now, seed: 42 });
      console.log(
        `medium seed {grids: 500, cases: 20000}: ${summary.grids} grids, ${summary.caseEvents} events, ${summary.serviceLogs} service logs in ${summary.ms} ms`,
      );
      expect(Math.abs(summary.grids - 500)).toBeLessThanOrEqual(50);
      expect(summary.cases).toBe(20_000);
      expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(20_000);
      checkInvariants(db, summary);
      const statuses = db.prepare('SELECT count(DISTINCT status) FROM cases').pluck().get();
      expect(statuses).toBe(7);
    } finally {
      db.close();
    }
    // 500 grids and 20,000 cases with their timelines and service logs: ~16 s on a loaded 2-core machine.
  }, 60_000);

  it('handles tiny sizes', () => {
    const db = openDatabase(':memory:');
    try {
      const summary = seedDatabase(db, { size: { grids: 3, cases: 5 }, now });
      expect(summary.grids).toBe(3);
      expect(summary.cases).toBe(5);
      checkInvariants(db, summary);
    } finally {
      db.close();
    }
  });

  it('restores WAL, synchronous=FULL and foreign keys on a file database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridkit-seed-'));
    try {
      const db = openDatabase(join(dir, 'seed.db'));
      seedDatabase(db, { size: { grids: 20, cases: 200 }, now });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(200);
      // The indexes dropped for the load are back, exactly as the migrations define them.
      const schema = (d: Db): unknown[] =>
        d.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
      const fresh = openDatabase(':memory:');
      expect(schema(db)).toEqual(schema(fresh));
      fresh.close();
      db.close();
      // The data survives reopening.
      const reopened = openDatabase(join(dir, 'seed.db'));
      expect(reopened.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(200);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects nonsense sizes', () => {
    const db = openDatabase(':memory:');
    try {
      expect(() => seedDatabase(db, { size: { grids: 0, cases: 1 }, now })).toThrow(RangeError);
      expect(() => seedDatabase(db, { size: { grids: 5, cases: -1 }, now })).toThrow(RangeError);
      expect(db.prepare('SELECT count(*) FROM grids').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
