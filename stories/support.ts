import { createGridkitClient, problemType } from '@gridkit/sdk';

/**
 * Stories talk to the mock server that `pnpm start` runs (demo seed), so
 * every story shows real API data. Set STORYBOOK_GRIDKIT_API to use another.
 */
export const apiUrl: string =
  (import.meta as unknown as { env: Record<string, string | undefined> }).env.STORYBOOK_GRIDKIT_API ??
  'http://127.0.0.1:8787/api/v1';

/** Grids of the demo seed (its ids come from a fixed PRNG seed). */
export const demoGrids = {
  district: 'grd_4BCg4DnO9Urb', // 文峰区
  street: 'grd_4BCg4ky3XNrB', // 西关街道
  grid: 'grd_4BCg6L6keGz1', // 桥北社区第二网格
};

/** Clients that put a widget in a state the real server does not show on demand. */
export const stateClients = {
  /** Never answers: the loading state. */
  loading: () => createGridkitClient({ baseUrl: apiUrl, fetch: () => new Promise<Response>(() => {}) }),
  /** A 503 problem, as a failing server sends it (made here: the server runs without faults). */
  error: () =>
    createGridkitClient({
      baseUrl: apiUrl,
      retry: false,
      fetch: async () =>
        new Response(
          JSON.stringify({
            type: problemType('service-unavailable'),
            title: '服务暂时不可用',
            status: 503,
          }),
          {
            status: 503,
            headers: {
              'Content-Type': 'application/problem+json',
              'X-Request-Id': '3f2a9c1e-story-0000-0000-000000000503',
            },
          },
        ),
    }),
  /** No network at all. */
  offline: () =>
    createGridkitClient({
      baseUrl: apiUrl,
      retry: false,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    }),
};
