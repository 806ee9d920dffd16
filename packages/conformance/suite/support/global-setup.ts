import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StaffRole } from '@gridkit/sdk';
import type { TestProject } from 'vitest/node';
import type { GridkitTarget } from './target.js';

/** The part of `@gridkit/mock-server` the suite uses when it hosts the server itself. */
interface DemoToken {
  token: string;
  staffId: string;
  name: string;
  role: StaffRole;
  gridIds: string[];
  label: string;
}
interface MockServer {
  url: string;
  apiUrl: string;
  demoTokens: DemoToken[];
  demoCase?: { ticket: string };
  close(): Promise<void>;
}
interface MockServerModule {
  startServer(options: {
    port: number;
    dataDir: string;
    seed: 'demo';
    quiet: boolean;
    log?: (line: string) => void;
    /** Left out: the server's default read limits. */
    readRateLimit?: { public?: { perMinute: number; burst?: number }; staff?: { perMinute: number; burst?: number } };
    /** Left out: the server's default limit on a staff token's writes. */
    staffWriteRateLimit?: { perMinute: number; burst?: number };
  }): Promise<MockServer>;
}

async function loadMockServer(): Promise<MockServerModule> {
  // A variable specifier keeps the type checker away from a package that may
  // not be built yet; the source entry is the fallback in a fresh checkout.
  const specifiers = ['@gridkit/mock-server', new URL('../../../mock-server/src/index.ts', import.meta.url).href];
  const failures: string[] = [];
  for (const specifier of specifiers) {
    try {
      const mod = (await import(/* @vite-ignore */ specifier)) as Partial<MockServerModule>;
      if (typeof mod.startServer === 'function') return mod as MockServerModule;
      failures.push(`${specifier}: no startServer export`);
    } catch (error) {
      failures.push(`${specifier}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(
    `GRIDKIT_BASE_URL is not set, so the suite tries to start @gridkit/mock-server itself, but could not load it:\n  ${failures.join('\n  ')}\n` +
      'Build it (pnpm --filter @gridkit/mock-server build) or run against a server: gridkit-conformance --base-url … --admin-token … --worker-token …',
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- preflight reads loosely shaped JSON
type Loose = any;

async function getJson(baseUrl: string, path: string, token?: string): Promise<{ status: number; body: Loose }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(`Cannot reach ${baseUrl}${path}: ${reason}`, { cause: error });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; kept as text for the message
  }
  return { status: response.status, body };
}

/**
 * Fails the whole run at once, with one clear message, when the server is
 * unreachable or the tokens do not fit together (the tests would all fail
 * for that one reason otherwise). The test files' discovery checks the same
 * in more depth.
 */
async function preflight(target: GridkitTarget): Promise<void> {
  const health = await getJson(target.baseUrl, '/health');
  if (health.status !== 200) {
    throw new Error(
      `GET ${target.baseUrl}/health answered ${health.status}; is --base-url the API root including /api/v1?`,
    );
  }
  const me = async (label: string, token: string, role: string) => {
    const { status, body } = await getJson(target.baseUrl, '/me', token);
    if (status !== 200)
      throw new Error(`The ${label} token was refused by GET /me: ${status} ${JSON.stringify(body).slice(0, 300)}`);
    if (body.role !== role)
      throw new Error(
        `The ${label} token belongs to ${body.id} (${body.name}) whose role is ${body.role}, not ${role}.`,
      );
    if (!Array.isArray(body.gridIds) || body.gridIds.length === 0)
      throw new Error(`The ${label} token (${body.id}) has no grids.`);
    return body as { id: string; gridIds: string[] };
  };
  const admin = await me('admin', target.adminToken, 'admin');
  const worker = await me('worker', target.workerToken, 'grid_worker');
  if (target.supervisorToken) await me('supervisor', target.supervisorToken, 'supervisor');
  if (target.departmentToken) {
    const department = (await me('department', target.departmentToken, 'department')) as { id: string; unit?: unknown };
    if (!department.unit) throw new Error(`The department token (${department.id}) has no unit in GET /me.`);
  }
  const grid = await getJson(target.baseUrl, `/grids/${encodeURIComponent(worker.gridIds[0]!)}`);
  if (grid.status !== 200)
    throw new Error(`GET /grids/${worker.gridIds[0]} (the worker's first grid) answered ${grid.status}.`);
  const root = admin.gridIds[0]!;
  const path = (grid.body.path ?? []) as Array<{ id: string }>;
  // A judge below the case's level: covers the worker's grid from below the top of its tree, so a case can climb above.
  const lower = async (label: string, token: string, role: 'supervisor' | 'admin') => {
    const judge = await me(label, token, role);
    const chain = [...path.map((p) => p.id), grid.body.id as string]; // top first, the worker's grid last
    const covering = chain.findIndex((id) => judge.gridIds.includes(id));
    if (covering < 0)
      throw new Error(
        `The ${label} token (${judge.id}) does not cover the worker's first grid (${grid.body.name}, ${grid.body.id}).`,
      );
    if (covering === 0)
      throw new Error(
        `The ${label} token (${judge.id}) covers the worker's grid from the top of its tree (${chain[0]}): no level is ` +
          'above it to escalate a case to. Pass the token of one whose jurisdiction is a street or a community.',
      );
  };
  if (target.lowerSupervisorToken) await lower('lower supervisor', target.lowerSupervisorToken, 'supervisor');
  if (target.lowerAdminToken) await lower('lower admin', target.lowerAdminToken, 'admin');
  if (grid.body.id !== root && !path.some((p) => p.id === root)) {
    throw new Error(
      `The admin's jurisdiction (${root}) does not cover the worker's first grid (${grid.body.name}, ${grid.body.id}, ` +
        `path ${path.map((p) => p.id).join(' › ')}). Pass an admin token whose subtree contains it.`,
    );
  }
  // A dispatch names a unit on record serving the case's grid: the suite dispatches to the first one listed.
  const units = await getJson(
    target.baseUrl,
    `/units?gridId=${encodeURIComponent(worker.gridIds[0]!)}&limit=200`,
    target.adminToken,
  );
  const unit = units.status === 200 ? (units.body.items?.[0] as { id: string; name: string } | undefined) : undefined;
  if (!unit) {
    throw new Error(
      `GET /units?gridId=${worker.gridIds[0]} answered ${units.status} with no unit: the suite dispatches cases to a ` +
        "unit serving the worker's grid, so the server needs one.",
    );
  }
  target.unit = { id: unit.id, name: unit.name };
}

/** `GRIDKIT_MAX_PUBLIC_READS` (`--max-public-reads`): the public reads one address may make before a 429 must come. */
function maxPublicReads(): number {
  const text = process.env.GRIDKIT_MAX_PUBLIC_READS;
  if (!text) return DEFAULT_MAX_PUBLIC_READS;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PUBLIC_READS_CAP)
    throw new Error(`GRIDKIT_MAX_PUBLIC_READS must be an integer from 1 to ${MAX_PUBLIC_READS_CAP}, got ${text}.`);
  return value;
}
const DEFAULT_MAX_PUBLIC_READS = 300;
const MAX_PUBLIC_READS_CAP = 5_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const recordDir = await mkdtemp(join(tmpdir(), 'gridkit-conformance-'));
  const runId = `cf${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const cleanups: Array<() => Promise<void>> = [() => rm(recordDir, { recursive: true, force: true })];

  let target: GridkitTarget;
  const baseUrl = process.env.GRIDKIT_BASE_URL;
  if (baseUrl) {
    const adminToken = process.env.GRIDKIT_ADMIN_TOKEN;
    const workerToken = process.env.GRIDKIT_WORKER_TOKEN;
    const supervisorToken = process.env.GRIDKIT_SUPERVISOR_TOKEN || undefined;
    const departmentToken = process.env.GRIDKIT_DEPARTMENT_TOKEN || undefined;
    const lowerSupervisorToken = process.env.GRIDKIT_LOWER_SUPERVISOR_TOKEN || undefined;
    const lowerAdminToken = process.env.GRIDKIT_LOWER_ADMIN_TOKEN || undefined;
    if (!adminToken || !workerToken) {
      throw new Error('GRIDKIT_BASE_URL is set, so GRIDKIT_ADMIN_TOKEN and GRIDKIT_WORKER_TOKEN must be set too.');
    }
    target = {
      baseUrl: baseUrl.replace(/\/+$/, ''),
      adminToken,
      workerToken,
      supervisorToken,
      departmentToken,
      lowerSupervisorToken,
      lowerAdminToken,
      readLimit: { baseUrl: baseUrl.replace(/\/+$/, ''), maxReads: maxPublicReads() },
      unit: { id: '', name: '' }, // found by the preflight
      selfHosted: false,
      recordDir,
      runId,
    };
  } else {
    const { startServer } = await loadMockServer();
    const dataDir = await mkdtemp(join(tmpdir(), 'gridkit-conformance-data-'));
    // The suite reads and writes a great deal from one address and one token, faster than any person: room for it,
    // so that it checks the contract rather than waiting out the read limit (patientFetch would).
    const server = await startServer({
      port: 0,
      dataDir,
      seed: 'demo',
      quiet: true,
      log: () => {},
      readRateLimit: { public: { perMinute: 60_000 }, staff: { perMinute: 60_000 } },
      staffWriteRateLimit: { perMinute: 60_000 },
    });
    cleanups.unshift(
      () => server.close(),
      () => rm(dataDir, { recursive: true, force: true }),
    );
    // …and the public read limit is checked on a second one with the default limits (120 a minute, bursts of 60):
    // with the room above, a walk of tickets would meet no 429 and the check would rightly fail.
    const limitedDataDir = await mkdtemp(join(tmpdir(), 'gridkit-conformance-limited-'));
    const limited = await startServer({ port: 0, dataDir: limitedDataDir, seed: 'demo', quiet: true, log: () => {} });
    cleanups.unshift(
      () => limited.close(),
      () => rm(limitedDataDir, { recursive: true, force: true }),
    );
    const admin =
      server.demoTokens.find((t) => t.token === 'demo-admin-district') ??
      server.demoTokens.find((t) => t.role === 'admin');
    const worker = server.demoTokens.find((t) => t.role === 'grid_worker');
    // The district's supervisor covers every case of the worker's grid, at every level.
    const supervisor = server.demoTokens.find((t) => t.token === 'demo-supervisor-district');
    // The district's 住建局 serves every grid, whichever the worker's is.
    const department = server.demoTokens.find((t) => t.token === 'demo-department-district-housing');
    // Judges below the district: 西关街道's supervisor (a street) and 桥北社区's admin (a community) cover the worker's grid.
    const lowerSupervisor = server.demoTokens.find((t) => t.token === 'demo-supervisor-xiguan');
    const lowerAdmin = server.demoTokens.find((t) => t.token === 'demo-admin-community-qiaobei');
    if (!admin || !worker || !supervisor || !department || !lowerSupervisor || !lowerAdmin)
      throw new Error(
        'The mock server offered no admin, grid_worker, district supervisor, district department, street supervisor ' +
          'or community admin token.',
      );
    target = {
      baseUrl: server.apiUrl,
      adminToken: admin.token,
      workerToken: worker.token,
      supervisorToken: supervisor.token,
      departmentToken: department.token,
      lowerSupervisorToken: lowerSupervisor.token,
      lowerAdminToken: lowerAdmin.token,
      readLimit: { baseUrl: limited.apiUrl, maxReads: maxPublicReads(), ticket: limited.demoCase?.ticket },
      unit: { id: '', name: '' }, // found by the preflight
      selfHosted: true,
      recordDir,
      runId,
    };
  }

  try {
    await preflight(target);
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
  project.provide('gridkitTarget', target);
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
