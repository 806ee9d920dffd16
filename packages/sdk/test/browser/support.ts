/** The real mock server the test runner started, and clients that meet real faults on the way to it. */
import { createGridkitClient, type GridkitClient, type GridkitClientOptions } from '../../src/index.js';

interface TestServer {
  apiUrl: string;
  tokens: { token: string; role: string; gridIds: string[]; label: string }[];
  /** Reports the chaos test files: 50 in CI, more in a run by hand (`GRIDKIT_OUTBOX_REPORTS`). */
  outboxReports: number;
}

export const testServer = (window as unknown as { GRIDKIT_TEST: TestServer }).GRIDKIT_TEST;

/**
 * What happens to one request: `offline` throws as fetch does without a
 * network (it never reaches the server); any other string is sent as the
 * mock server's `X-Gridkit-Fault` header (`drop-after-commit`,
 * `status=503; retry-after=1`, `latency=400`).
 */
export type Fault = 'offline' | string | undefined;

export interface Traffic {
  /** Requests per `METHOD /path` (below the API root) that left the page, offline ones included. */
  count(key: string): number;
  /** How many answers carried `Idempotent-Replayed: true` (the server replayed a stored outcome). */
  replays: number;
  /** Faults injected, by name. */
  faults: Record<string, number>;
}

/** A public client whose every request first asks `plan` what fault it meets. */
export function faultyClient(
  plan: (request: Request) => Fault,
  options: Partial<GridkitClientOptions> = {},
): { client: GridkitClient; traffic: Traffic } {
  const counts = new Map<string, number>();
  const traffic: Traffic = {
    count: (key) => counts.get(key) ?? 0,
    replays: 0,
    faults: {},
  };
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    retry: false,
    ...options,
    fetch: async (input, init) => {
      const request = new Request(input as Request, init);
      const key = `${request.method} ${new URL(request.url).pathname.replace(new URL(testServer.apiUrl).pathname, '')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const fault = plan(request);
      if (fault) {
        const name =
          fault.split(/[;=]/)[0]!.trim() + (fault.includes('status=') ? fault.match(/status=(\d+)/)![1] : '');
        traffic.faults[name] = (traffic.faults[name] ?? 0) + 1;
      }
      if (fault === 'offline') throw new TypeError('Failed to fetch');
      if (fault) request.headers.set('X-Gridkit-Fault', fault);
      const response = await fetch(request, { signal: init?.signal ?? null });
      if (response.headers.get('Idempotent-Replayed') === 'true') traffic.replays += 1;
      return response;
    },
  });
  return { client, traffic };
}

/** Faults only on the first `n` requests matching `key` (`POST /cases`), none after. */
export function firstN(key: string, n: number, fault: string): (request: Request) => Fault {
  let seen = 0;
  return (request) => {
    const path = new URL(request.url).pathname.replace(new URL(testServer.apiUrl).pathname, '');
    if (`${request.method} ${path}` !== key) return undefined;
    seen += 1;
    return seen <= n ? fault : undefined;
  };
}

export const api = createGridkitClient({ baseUrl: testServer.apiUrl });

export interface World {
  staff: GridkitClient;
  worker: GridkitClient;
  workerGridId: string;
  gridId: string;
  categoryCode: string;
}
let world: Promise<World> | undefined;

/** A leaf grid, a category a bare report may use, the district admin (who sees every case) and a grid worker. */
export function setUp(): Promise<World> {
  return (world ??= (async () => {
    const district = (await api.grids.list({ level: 'district' })).items[0]!;
    const admin = testServer.tokens.find((t) => t.role === 'admin' && t.gridIds[0] === district.id)!;
    const worker = testServer.tokens.find((t) => t.role === 'grid_worker')!;
    const grid = (await api.grids.list({ level: 'grid' })).items[0]!;
    let categoryCode: string | undefined;
    for await (const category of api.categories.iterate()) {
      if (!category.requiresPhoto && !category.requiresLocation && !category.attributes.some((a) => a.required)) {
        categoryCode = category.code;
        break;
      }
    }
    return {
      staff: createGridkitClient({ baseUrl: testServer.apiUrl, token: admin.token }),
      worker: createGridkitClient({ baseUrl: testServer.apiUrl, token: worker.token }),
      workerGridId: worker.gridIds[0]!,
      gridId: grid.id,
      categoryCode: categoryCode!,
    };
  })());
}

/** The cases on the server whose description contains `marker`: what a staff member would find. */
export async function casesOnServer(marker: string) {
  const { staff } = await setUp();
  const found = [];
  for await (const item of staff.cases.iterate({ q: marker })) found.push(item);
  return found;
}

/** A real JPEG (the server checks the bytes), drawn in the page. */
export async function jpeg(shade = 120, size = 48): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d')!;
  context.fillStyle = `rgb(${shade}, 90, 60)`;
  context.fillRect(0, 0, size, size);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
}

let counter = 0;
/** A text that finds this test's cases, and only them. */
export function marker(label: string): string {
  counter += 1;
  return `outbox-${label}-${Date.now().toString(36)}-${counter}`;
}

/** A database name of its own per test, so tests do not see each other's entries. */
export const dbName = (label: string) => `gridkit-outbox-test-${label}-${Date.now().toString(36)}-${++counter}`;

/** Resolves when `condition` holds, polling; rejects with `message` after `timeout` ms. */
export async function until(condition: () => boolean | Promise<boolean>, message: string, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A seeded PRNG (mulberry32), so a failing fault run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
