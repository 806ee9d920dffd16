/**
 * Crash durability (issue 12, "The suite" 2): the server process is killed
 * with SIGKILL again and again while several clients write through the SDK
 * (retries off, so a resolved call is exactly what the server acknowledged).
 * After each kill, read from the SQLite file itself: every acknowledged write
 * is there, `PRAGMA integrity_check` is ok, no report is doubled; after each
 * restart no orphan media file outlives the start-up sweep, and the writes
 * that were in flight at the kill, retried with their keys, become exactly one.
 */
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { createGridkitClient, GridkitError, type GridkitClient } from '@gridkit/sdk';
import { png } from '@gridkit/sdk/test-support';
import { reportFigures, size } from './support/run.js';
import { freshDataDir, spawnServer, type ServerProcess } from './support/server.js';

const kills = size(3, 20);
const clients = 4;
/** How long the load runs before each kill (a random point inside). */
const loadMs = size([500, 1500] as const, [800, 2500] as const);
const adminToken = 'demo-admin-district';
const workerToken = 'demo-worker-qiaobei-02';
/** Files younger than this may be an upload cut off by the kill: the server sweeps them once they are older. */
const orphanMinAgeMs = 60_000;

type Kind = 'case' | 'transition' | 'serviceLog' | 'notice' | 'media';
interface Acked {
  cases: Map<string, { id: string; ticket: string }>; // by idempotency key
  serviceLogs: Map<string, string>;
  notices: Map<string, string>;
  media: Map<string, string>;
  /** Case id → the version the last acknowledged transition returned. */
  versions: Map<string, number>;
}
/** Writes sent but not answered when the server died: retried after the restart with the same key. */
interface InFlight {
  kind: Kind;
  key: string;
  retry: (client: GridkitClient) => Promise<{ id: string }>;
  caseId?: string;
}

const acked: Acked = {
  cases: new Map(),
  serviceLogs: new Map(),
  notices: new Map(),
  media: new Map(),
  versions: new Map(),
};
/** A transition in flight at a kill may or may not have committed: its case's version is one of two. */
const maybeVersion = new Map<string, number>();
const unexpected: string[] = [];
const figures = {
  kills: 0,
  acknowledged: { case: 0, transition: 0, serviceLog: 0, notice: 0, media: 0 } as Record<Kind, number>,
  inFlightAtKill: 0,
  retriedAfterRestart: 0,
  replayedOutcomes: 0,
  writesChecked: 0,
  integrityChecks: 0,
  /** Distinct files with no row seen after a restart, all younger than the sweep's minimum age. */
  youngOrphanFiles: 0,
  orphansSweptAtLastStart: 0,
  restartMs: [] as number[],
};

let server: ServerProcess | undefined;
afterAll(() => server?.child.kill('SIGKILL'));

const random = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isTransport = (error: unknown) => error instanceof GridkitError && error.status === 0;

function clientFor(apiUrl: string, token?: string) {
  return createGridkitClient({ baseUrl: apiUrl, token, retry: false, timeoutMs: 30_000 });
}

/** A PNG no other upload in this run has: its random pixels give it a file of its own. */
function uniquePhoto() {
  const pixels = new Uint8Array(4 * 4 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = random(256);
  return new Blob([new Uint8Array(png(4, 4, { pixels }))], { type: 'image/png' });
}

const nextAction = ['accept', 'dispatch', 'start', 'resolve'] as const;

it(`keeps every acknowledged write through ${kills} SIGKILLs under a mixed write load`, async () => {
  const dataDir = freshDataDir('crash');
  const databaseFile = join(dataDir, 'gridkit.sqlite');
  const mediaDir = join(dataDir, 'media');
  let restartedAt = Date.now();
  server = await spawnServer(dataDir);

  // What valid writes look like on this seed: categories that need neither photo, point nor attribute.
  const publicClient = clientFor(server.apiUrl);
  const categories = (await publicClient.categories.list({ limit: 200 })).items.filter(
    (c) => !c.requiresPhoto && !c.requiresLocation && !(c.attributes ?? []).some((a) => a.required),
  );
  const leafGrids = (await publicClient.grids.list({ level: 'grid', limit: 200 })).items.map((g) => g.id);
  const workerGrids = (await clientFor(server.apiUrl, workerToken).session.me()).gridIds;
  // A dispatch names a unit on record: the district's first department serves every grid.
  const unit = (await clientFor(server.apiUrl, adminToken).units.list({ kind: 'department', limit: 1 })).items[0]!;
  expect(categories.length).toBeGreaterThan(0);
  expect(leafGrids.length).toBeGreaterThan(0);

  let inFlight: InFlight[] = [];
  const youngOrphans = new Set<string>();
  /** Case id → key, for the cases this run may still move along. */
  const movable: string[] = [];
  let serial = 0;

  async function writer(apiUrl: string, round: number, client: number, stop: { now: boolean }) {
    const anonymous = clientFor(apiUrl);
    const admin = clientFor(apiUrl, adminToken);
    const worker = clientFor(apiUrl, workerToken);
    while (!stop.now) {
      const key = `crash-${round}-${client}-${serial++}-${Date.now()}`;
      const roll = Math.random();
      let op: InFlight;
      if (roll < 0.35) {
        const media = [...acked.media.values()];
        const input = {
          gridId: pick(leafGrids),
          categoryCode: pick(categories).code,
          description: `kill -9 测试 ${key}`,
          location: { address: `文峰区 ${key}` },
          ...(media.length && Math.random() < 0.3 ? { mediaIds: [pick(media)] } : {}),
        };
        op = {
          kind: 'case',
          key,
          retry: (c) => c.cases.create(input, { idempotencyKey: key }),
        };
      } else if (roll < 0.55 && movable.length) {
        const caseId = movable.splice(random(movable.length), 1)[0]!;
        const version = acked.versions.get(caseId)!;
        const action = nextAction[version - 1]!;
        const input =
          action === 'dispatch'
            ? { action, assignee: { type: 'unit' as const, id: unit.id, name: unit.name } }
            : { action };
        op = { kind: 'transition', key, caseId, retry: (c) => c.cases.transition(caseId, input, { version }) };
      } else if (roll < 0.7) {
        const input = {
          gridId: pick(workerGrids),
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          kind: 'visit' as const,
          subjectGroups: ['elderly_alone' as const],
          summary: `走访 ${key}`,
          minutes: 15,
          outcome: 'resolved' as const,
        };
        op = { kind: 'serviceLog', key, retry: (c) => c.serviceLogs.create(input, { idempotencyKey: key }) };
      } else if (roll < 0.85) {
        const gridId = pick(leafGrids);
        const input = { title: `停水通知 ${key}`, body: `周六停水 ${key}`, kind: 'announcement' as const };
        op = { kind: 'notice', key, retry: (c) => c.notices.create(gridId, input, { idempotencyKey: key }) };
      } else {
        const photo = uniquePhoto();
        op = {
          kind: 'media',
          key,
          retry: (c) => c.media.upload(photo, { idempotencyKey: key, purpose: 'case_report' }),
        };
      }
      const via = op.kind === 'case' || op.kind === 'media' ? anonymous : op.kind === 'serviceLog' ? worker : admin;
      try {
        const result = await op.retry(via);
        record(op, result);
      } catch (error) {
        if (!isTransport(error)) {
          unexpected.push(`${op.kind} ${key}: ${(error as Error).message}`);
          continue;
        }
        inFlight.push(op);
        if (op.caseId) maybeVersion.set(op.caseId, acked.versions.get(op.caseId)! + 1);
        return; // the server is gone
      }
    }
  }

  function record(op: InFlight, result: { id: string } & Record<string, unknown>) {
    figures.acknowledged[op.kind]++;
    if (op.kind === 'case') {
      acked.cases.set(op.key, { id: result.id, ticket: result.ticket as string });
      acked.versions.set(result.id, 1);
      movable.push(result.id);
    } else if (op.kind === 'transition') {
      acked.versions.set(op.caseId!, result.version as number);
      maybeVersion.delete(op.caseId!);
      if ((result.version as number) <= nextAction.length) movable.push(op.caseId!);
    } else if (op.kind === 'serviceLog') acked.serviceLogs.set(op.key, result.id);
    else if (op.kind === 'notice') acked.notices.set(op.key, result.id);
    else acked.media.set(op.key, result.id);
  }

  /** Everything the clients were told, checked against the database file with no server running. */
  function checkFile() {
    const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      figures.integrityChecks++;
      const has = (table: string, id: string) =>
        db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
      for (const { id, ticket } of acked.cases.values()) {
        expect(db.prepare('SELECT ticket FROM cases WHERE id = ?').get(id), `case ${id}`).toEqual({ ticket });
        figures.writesChecked++;
      }
      for (const [caseId, version] of acked.versions) {
        const row = db.prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as { version: number };
        const maybe = maybeVersion.get(caseId);
        expect([version, ...(maybe ? [maybe] : [])], `version of case ${caseId}`).toContain(row.version);
        // One event per version: the report, then one per transition — none lost, none doubled.
        const events = db.prepare('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?').get(caseId) as {
          n: number;
        };
        expect(events.n, `events of case ${caseId}`).toBe(row.version);
        figures.writesChecked++;
      }
      for (const [table, ids] of [
        ['service_logs', acked.serviceLogs],
        ['notices', acked.notices],
        ['media', acked.media],
      ] as const) {
        for (const id of ids.values()) {
          expect(has(table, id), `${table} ${id}`).toBe(true);
          figures.writesChecked++;
        }
      }
      // No report doubled: each key's description is in at most one case; tickets unique.
      expect(
        db
          .prepare(
            "SELECT description FROM cases WHERE description LIKE 'kill -9 测试 %' GROUP BY description HAVING COUNT(*) > 1",
          )
          .all(),
      ).toEqual([]);
      expect(db.prepare('SELECT ticket FROM cases GROUP BY ticket HAVING COUNT(*) > 1').all()).toEqual([]);
      expect(
        db
          .prepare(
            "SELECT summary FROM service_logs WHERE summary LIKE '走访 crash-%' GROUP BY summary HAVING COUNT(*) > 1",
          )
          .all(),
      ).toEqual([]);
      // Every media row keeps its bytes.
      for (const { sha256 } of db.prepare('SELECT DISTINCT sha256 FROM media').all() as { sha256: string }[])
        expect(existsSync(join(mediaDir, `${sha256}.img`)), `file of media ${sha256}`).toBe(true);
    } finally {
      db.close();
    }
  }

  /** Files under media/ that no row uses, and temporary files. */
  function orphanFiles(): string[] {
    if (!existsSync(mediaDir)) return [];
    const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
    try {
      const used = new Set((db.prepare('SELECT sha256 FROM media').all() as { sha256: string }[]).map((r) => r.sha256));
      return readdirSync(mediaDir).filter((name) => name.endsWith('.tmp') || !used.has(name.replace(/\.img$/, '')));
    } finally {
      db.close();
    }
  }

  /** After a start: no orphan older than the sweep's minimum age is left. */
  function checkOrphans() {
    for (const name of orphanFiles()) {
      const age = restartedAt - statSync(join(mediaDir, name)).mtimeMs;
      expect(age, `orphan ${name} survived the start-up sweep`).toBeLessThan(orphanMinAgeMs);
      youngOrphans.add(name);
    }
  }

  for (let round = 1; round <= kills; round++) {
    const stop = { now: false };
    const apiUrl = server.apiUrl;
    const writers = Array.from({ length: clients }, (_, c) => writer(apiUrl, round, c, stop));
    await sleep(loadMs[0] + random(loadMs[1] - loadMs[0]));
    server.child.kill('SIGKILL');
    stop.now = true;
    await server.exited;
    await Promise.all(writers);
    figures.kills++;
    figures.inFlightAtKill += inFlight.length;
    checkFile();

    const started = Date.now();
    restartedAt = started;
    server = await spawnServer(dataDir);
    figures.restartMs.push(Date.now() - started);
    checkOrphans();

    // The writes cut off by the kill, sent again with their keys: each becomes exactly one.
    const retried = inFlight;
    inFlight = [];
    const anonymous = clientFor(server.apiUrl);
    const admin = clientFor(server.apiUrl, adminToken);
    const worker = clientFor(server.apiUrl, workerToken);
    for (const op of retried) {
      const via = op.kind === 'case' || op.kind === 'media' ? anonymous : op.kind === 'serviceLog' ? worker : admin;
      figures.retriedAfterRestart++;
      try {
        record(op, await op.retry(via));
      } catch (error) {
        // A transition that had committed before the kill now meets a newer version: 412, and the case moved once.
        if (op.kind === 'transition' && error instanceof GridkitError && error.status === 412) {
          acked.versions.set(op.caseId!, maybeVersion.get(op.caseId!)!);
          maybeVersion.delete(op.caseId!);
          figures.replayedOutcomes++;
          continue;
        }
        unexpected.push(`retry of ${op.kind} ${op.key}: ${(error as Error).message}`);
      }
    }
  }

  // A clean stop, then the file once more.
  server.child.kill('SIGTERM');
  await server.exited;
  server = undefined;
  checkFile();

  // The orphans left young by the kills, aged past the sweep's minimum (their mtime set back two minutes):
  // the next start removes every one of them, and no row loses its file.
  const aged = (Date.now() - 2 * orphanMinAgeMs) / 1000;
  const leftOver = orphanFiles();
  for (const name of leftOver) utimesSync(join(mediaDir, name), aged, aged);
  restartedAt = Date.now();
  server = await spawnServer(dataDir);
  server.child.kill('SIGTERM');
  await server.exited;
  server = undefined;
  expect(leftOver.filter((name) => existsSync(join(mediaDir, name)))).toEqual([]);
  figures.orphansSweptAtLastStart = leftOver.length;
  figures.youngOrphanFiles = youngOrphans.size;
  checkFile();

  const db = new Database(databaseFile, { readonly: true });
  const reportsStored = (
    db.prepare("SELECT COUNT(*) AS n FROM cases WHERE description LIKE 'kill -9 测试 %'").get() as { n: number }
  ).n;
  db.close();
  // Every report the clients made is stored once: those acknowledged at once and those retried after a kill.
  expect(reportsStored).toBe(acked.cases.size);
  expect(unexpected).toEqual([]);
  reportFigures('crash', { ...figures, reportsStored, restartMs: Math.max(...figures.restartMs) });
});
