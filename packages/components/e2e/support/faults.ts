import type { BrowserContext, Route } from 'playwright-core';

/** What went wrong on the way, counted so the closing note can say how hard the run was. */
export interface FaultCounts {
  dropAfterCommit: number;
  unavailable: number;
  timeoutAfterCommit: number;
  networkError: number;
  offlineWindows: number;
  reloads: number;
  serverRestarts: number;
  writes: number;
}

export const emptyCounts = (): FaultCounts => ({
  dropAfterCommit: 0,
  unavailable: 0,
  timeoutAfterCommit: 0,
  networkError: 0,
  offlineWindows: 0,
  reloads: 0,
  serverRestarts: 0,
  writes: 0,
});

/**
 * Injects faults into every write the page sends (`POST /cases`, `POST /media`),
 * at the network layer the browser sees:
 * - the server's own `drop-after-commit` (the case is stored, the answer never arrives);
 * - `503` with `Retry-After: 1` from the server (nothing stored);
 * - a timeout after commit: the request reaches the server and commits, then the
 *   connection fails as a timed-out one;
 * - a network error before the server sees anything.
 * `random` decides; `rate` is the share of writes that meet a fault.
 */
export async function injectWriteFaults(
  context: BrowserContext,
  counts: FaultCounts,
  options: { rate: number; random: () => number },
) {
  await context.route(/\/api\/v1\/(cases|media)$/, async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    counts.writes += 1;
    const draw = options.random();
    const share = options.rate / 4;
    const headers = request.headers();
    if (draw < share) {
      counts.dropAfterCommit += 1;
      return route.continue({ headers: { ...headers, 'x-gridkit-fault': 'drop-after-commit' } });
    }
    if (draw < 2 * share) {
      counts.unavailable += 1;
      return route.continue({ headers: { ...headers, 'x-gridkit-fault': 'status=503; retry-after=1' } });
    }
    if (draw < 3 * share) {
      counts.timeoutAfterCommit += 1;
      try {
        await route.fetch();
      } catch {
        // the server may be restarting; the client sees a timeout either way
      }
      return route.abort('timedout');
    }
    if (draw < 4 * share) {
      counts.networkError += 1;
      return route.abort('connectionreset');
    }
    return route.continue();
  });
}

/** A small deterministic generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
