/**
 * Demo and benchmark data for the mock server, written straight into the
 * store's tables (see `store/migrations.ts`).
 *
 * The demo is one district, 文峰区 (Anyang): 5 streets, 20 communities, 100
 * grids (plus 4 buildings below 桥北社区第二网格), each grid with its leader
 * and a team after its street's formula (文峰 "1+3+N", 管城 "4+2+X", 徐碧's
 * five roles, 北流's seven), the units cases are dispatched to (each
 * street's departments, the district's bureaus, each community's bodies;
 * a staff member per department), notices, ~20 case categories, 12 months of
 * cases in every status with consistent timelines, and the grid workers'
 * daily service logs. Everything comes from one seeded PRNG: the same seed,
 * `now` and size give byte-identical content.
 *
 * Explicit sizes (`{ grids, cases }`) replicate the demo's structure with
 * generated streets and communities, for benchmarks; there, only grid leaders
 * (and the demo staff) keep service logs, to bound the row count.
 */
import { bulkLoad, hasColumn } from '../store/bulk-load.js';
import type { Db } from '../store/database.js';
import { gridCount } from '../store/grids.js';
import { TableWriter } from '../store/table-writer.js';
import type { StaffToken } from '../store/staff.js';
import { insertOpen311Client } from '../store/open311.js';
import { hashSecret } from '../domain/ids.js';
import { seedCases } from './cases.js';
import { categoryRow, readCategories } from './categories.js';
import { seedNotices } from './notices.js';
import { IdSource, Rng } from './random.js';
import { seedServiceLogs } from './service-logs.js';
import { assignPlaces } from './map.js';
import { buildTree } from './tree.js';

export interface SeedOptions {
  /** 'demo' (default): one district, ~100 grids, ~12 months of cases (a few thousand). Or explicit sizes for benchmarks. */
  size?: 'demo' | { grids: number; cases: number };
  /** "Now" for the data (cases span the 12 months before it). Default: new Date(). */
  now?: Date;
  /** PRNG seed; same seed + same now + same size → byte-identical database content. Default 20261122. */
  seed?: number;
}

/** A staff member's bearer token with who it is and where it may act (the seed's demo accounts, the start banner, tests). */
export type { StaffToken };

export interface SeedSummary {
  /** Nodes at level `grid` (what `size.grids` asks for); the tree also has the district, streets, communities and a few buildings. */
  grids: number;
  cases: number;
  caseEvents: number;
  serviceLogs: number;
  notices: number;
  categories: number;
  tokens: StaffToken[];
  /** The most recent case in each status, with its secret tracking token (for demos of the case tracker). */
  sampleCases: { ticket: string; trackingToken: string; status: string }[];
  rootGridId: string;
  ms: number;
}

export const defaultSeed = 20261122;
const demoSize = { grids: 100, cases: 3600 } as const;

/** The documented `api_key` of the seed's Open311 client (docs/open311.md); a real deployment registers its own. */
export const demoOpen311Key = 'demo-open311-key';

/** PRNG streams: one per part of the data, so each part stays stable when another changes. */
const Stream = { Tree: 1, Ids: 2, Notices: 3, Cases: 4, ServiceLogs: 5, Places: 6 } as const;

/**
 * Fills an empty, migrated database (`openDatabase`). Throws if it already
 * has grids. The whole load is one transaction: on failure nothing is left
 * behind. During the load `synchronous=OFF`, an in-memory rollback journal,
 * a large page cache, no foreign-key checks, multi-row inserts and secondary
 * indexes built once at the end make it fast; afterwards the database is
 * back in WAL mode with `synchronous=FULL` and foreign keys on.
 */
export function seedDatabase(db: Db, options: SeedOptions = {}): SeedSummary {
  const started = performance.now();
  const size = options.size === undefined || options.size === 'demo' ? demoSize : options.size;
  const demo = options.size === undefined || options.size === 'demo';
  if (!Number.isInteger(size.grids) || size.grids < 1)
    throw new RangeError('seedDatabase: size.grids must be a positive integer.');
  if (!Number.isInteger(size.cases) || size.cases < 0)
    throw new RangeError('seedDatabase: size.cases must be a non-negative integer.');
  const nowDate = options.now ?? new Date();
  const now = nowDate.getTime();
  if (!Number.isFinite(now)) throw new RangeError('seedDatabase: now is not a valid date.');
  const seed = options.seed ?? defaultSeed;
  if (!Number.isInteger(seed)) throw new RangeError('seedDatabase: seed must be an integer.');

  if (db.inTransaction) throw new Error('seedDatabase: call it outside any transaction (it runs its own).');
  const existing = gridCount(db);
  if (existing > 0)
    throw new Error(`seedDatabase: the database already has ${existing} grids; seed only an empty database.`);

  const summary = bulkLoad(db, () => load(db, size, demo, now, seed));
  return { ...summary, ms: Math.round(performance.now() - started) };
}

function load(
  db: Db,
  size: { grids: number; cases: number },
  demo: boolean,
  now: number,
  seed: number,
): Omit<SeedSummary, 'ms'> {
  // Fixtures first: one that breaks the contract stops the seed before anything is written.
  const categories = readCategories();
  const idRng = new Rng(seed, Stream.Ids);
  const ids = {
    grid: new IdSource('grd', idRng),
    member: new IdSource('tm', idRng),
    staff: new IdSource('stf', idRng),
    notice: new IdSource('ntc', idRng),
    case: new IdSource('cas', idRng),
    event: new IdSource('evt', idRng),
    log: new IdSource('log', idRng),
  };

  // ── tree, teams, staff ───────────────────────────────────────────────────
  const tree = buildTree(size.grids, now, new Rng(seed, Stream.Tree), ids);
  const places = assignPlaces(tree.grids, new Rng(seed, Stream.Places), tree.anchors);
  const hasTicketPrefix = hasColumn(db, 'grids', 'ticket_prefix');
  const gridColumns = [
    'id',
    'code',
    'name',
    'level',
    'parent_id',
    'path',
    'depth',
    'sort_order',
    'households',
    'population',
    'boundary',
    'centroid_lat',
    'centroid_lng',
    'service_hours',
    'services',
    'updated_at',
    'places',
    ...(hasTicketPrefix ? ['ticket_prefix'] : []),
  ];
  const gridWriter = new TableWriter(db, 'grids', gridColumns);
  const memberWriter = new TableWriter(db, 'team_members', [
    'id',
    'grid_id',
    'name',
    'role',
    'role_label',
    'photo_url',
    'work_phone',
    'duties',
    'is_leader',
    'sort_order',
  ]);
  for (const node of tree.nodes) {
    gridWriter.add([
      node.id,
      node.code,
      node.name,
      node.level,
      node.parent?.id ?? null,
      node.path,
      node.depth,
      node.sortOrder,
      node.households,
      node.population,
      node.boundary,
      node.lat,
      node.lng,
      node.serviceHours,
      JSON.stringify(node.services),
      node.updatedAt,
      JSON.stringify(places.get(node) ?? []),
      ...(hasTicketPrefix ? [node.parent ? null : 'WF'] : []),
    ]);
    node.team.forEach((m, i) => {
      memberWriter.add([
        m.id,
        node.id,
        m.name,
        m.role,
        m.roleLabel ? JSON.stringify(m.roleLabel) : null,
        null,
        m.workPhone,
        JSON.stringify(m.duties),
        m.isLeader ? 1 : 0,
        i,
      ]);
    });
  }
  gridWriter.flush();
  memberWriter.flush();

  // The units cases are dispatched to, before the staff who work for them.
  const unitWriter = new TableWriter(db, 'units', ['id', 'name', 'kind', 'grid_id', 'grid_path']);
  for (const u of tree.units.all) unitWriter.add([u.id, u.name, u.kind, u.node.id, u.node.path]);
  unitWriter.flush();

  const staffWriter = new TableWriter(db, 'staff', ['id', 'name', 'role', 'token', 'grid_ids', 'unit_id']);
  for (const s of tree.staff)
    staffWriter.add([s.id, s.name, s.role, s.token, JSON.stringify(s.gridIds), s.unitId ?? null]);
  staffWriter.flush();

  const categoryWriter = new TableWriter(db, 'categories', [
    'code',
    'name',
    'kind',
    'description',
    'sla_hours',
    'default_priority',
    'requires_location',
    'requires_photo',
    'attributes',
    'sort_order',
  ]);
  categories.forEach((c, i) => categoryWriter.addRecord(categoryRow(c, i) as Record<string, string | number>));
  categoryWriter.flush();

  // ── notices ──────────────────────────────────────────────────────────────
  const noticeWriter = new TableWriter(db, 'notices', [
    'id',
    'grid_id',
    'title',
    'body',
    'kind',
    'pinned',
    'published_at',
    'expires_at',
    'retired_at',
    'retire_reason',
    'author_id',
    'author_name',
    'created_at',
  ]);
  const notices = seedNotices(tree.nodes, now, new Rng(seed, Stream.Notices), ids.notice, noticeWriter);
  noticeWriter.flush();

  // ── cases (and the service-log entries of the cases grid workers opened) ──
  const serviceLogWriter = new TableWriter(db, 'service_logs', [
    'id',
    'grid_id',
    'grid_path',
    'worker_id',
    'worker_name',
    'occurred_at',
    'kind',
    'subject_groups',
    'household_ref',
    'summary',
    'minutes',
    'outcome',
    'case_id',
    'created_at',
  ]);
  const caseWriter = new TableWriter(db, 'cases', [
    'id',
    'ticket',
    'tracking_token_hash',
    'grid_id',
    'grid_path',
    'category_code',
    'description',
    'address',
    'lat',
    'lng',
    'media_ids',
    'attributes',
    'reporter_name',
    'reporter_phone',
    'reporter_staff_id',
    'channel',
    'status',
    'level',
    'assignee',
    'version',
    'created_at',
    'updated_at',
    'accepted_at',
    'closed_at',
    'closed_level',
    'due_at',
    'reopen_count',
    'evaluation_score',
    'evaluation_comment',
    'evaluated_at',
    'priority',
    'follow_up_status',
    'follow_up_opened_at',
    'follow_up_outcome',
    'follow_up_note',
    'follow_up_done_at',
    'follow_up_done_by',
  ]);
  const eventWriter = new TableWriter(db, 'case_events', [
    'id',
    'case_id',
    'seq',
    'type',
    'from_status',
    'to_status',
    'from_level',
    'level',
    'actor_type',
    'actor_id',
    'actor_name',
    'actor_role',
    'at',
    'note',
    'public_note',
    'media_ids',
    'assignee',
  ]);
  const sequenceWriter = new TableWriter(db, 'ticket_sequences', ['prefix', 'last']);
  const caseSummary = seedCases(size.cases, now, tree, categories, new Rng(seed, Stream.Cases), ids, {
    cases: caseWriter,
    events: eventWriter,
    serviceLogs: serviceLogWriter,
    ticketSequences: sequenceWriter,
  });
  caseWriter.flush();
  eventWriter.flush();
  sequenceWriter.flush();

  // ── the daily service register ───────────────────────────────────────────
  const logs = seedServiceLogs(tree.grids, demo, now, new Rng(seed, Stream.ServiceLogs), ids.log, serviceLogWriter);
  serviceLogWriter.flush();

  // ── a vendor app that reports through Open311 (docs/open311.md) ─────────
  insertOpen311Client(db, {
    keyHash: hashSecret(demoOpen311Key),
    name: 'Gridkit demo app',
    channel: 'app',
    createdAt: new Date(now).toISOString(),
  });

  return {
    grids: tree.grids.length,
    cases: caseSummary.cases,
    caseEvents: caseSummary.events,
    serviceLogs: caseSummary.serviceLogs + logs,
    notices,
    categories: categories.length,
    tokens: tree.staff.map((s) => ({
      token: s.token,
      staffId: s.id,
      name: s.name,
      role: s.role,
      gridIds: s.gridIds,
      ...(s.unitId ? { unitId: s.unitId } : {}),
      label: s.label,
    })),
    sampleCases: caseSummary.sampleCases,
    rootGridId: tree.root.id,
  };
}
