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
  close(): Promise<void>;
}
interface MockServerModule {
  startServer(options: {
    port: number;
    dataDir: string;
    seed: 'demo';
    quiet: boolean;
    log?: (line: string) => void;
    readRateLimit?: { public?: { perMinute: number; burst?: number }; staff?: { perMinute: number; burst?: number } };
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
    if (!adminToken || !workerToken) {
      throw new Error('GRIDKIT_BASE_URL is set, so GRIDKIT_ADMIN_TOKEN and GRIDKIT_WORKER_TOKEN must be set too.');
    }
    target = {
      baseUrl: baseUrl.replace(/\/+$/, ''),
      adminToken,
      workerToken,
      supervisorToken,
      departmentToken,
      unit: { id: '', name: '' }, // found by the preflight
      selfHosted: false,
      recordDir,
      runId,
    };
  } else {
    const { startServer } = await loadMockServer();
    const dataDir = await mkdtemp(join(tmpdir(), 'gridkit-conformance-data-'));
    // The suite reads a great deal from one address and one token, faster than any person: room for it,
    // so that it checks the contract rather than waiting out the read limit (patientFetch would).
    const server = await startServer({
      port: 0,
      dataDir,
      seed: 'demo',
      quiet: true,
      log: () => {},
      readRateLimit: { public: { perMinute: 60_000 }, staff: { perMinute: 60_000 } },
    });
    cleanups.unshift(
      () => server.close(),
      () => rm(dataDir, { recursive: true, force: true }),
    );
    const admin =
      server.demoTokens.find((t) => t.token === 'demo-admin-district') ??
      server.demoTokens.find((t) => t.role === 'admin');
    const worker = server.demoTokens.find((t) => t.role === 'grid_worker');
    // The district's supervisor covers every case of the worker's grid, at every level.
    const supervisor = server.demoTokens.find((t) => t.token === 'demo-supervisor-district');
    // The district's 住建局 serves every grid, whichever the worker's is.
    const department = server.demoTokens.find((t) => t.token === 'demo-department-district-housing');
    if (!admin || !worker || !supervisor || !department)
      throw new Error(
        'The mock server offered no admin, grid_worker, district supervisor or district department token.',
      );
    target = {
      baseUrl: server.apiUrl,
      adminToken: admin.token,
      workerToken: worker.token,
      supervisorToken: supervisor.token,
      departmentToken: department.token,
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
