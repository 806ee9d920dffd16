/** SDK clients that put a widget in a state a healthy server does not show on demand. */
import { createGridkitClient } from '@gridkit/sdk';
import { testServer } from './server.js';

/** No network at all. */
export const offlineClient = () =>
  createGridkitClient({
    baseUrl: testServer.apiUrl,
    retry: false,
    fetch: () => Promise.reject(new TypeError('Failed to fetch')),
  });

/** Holds every request until `release()`: the loading state. */
export function gatedClient() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    fetch: async (input, init) => {
      await gate;
      return fetch(input, init);
    },
  });
  return { client, release };
}

/** The mock server answers 503 (its fault header) until `heal()`. */
export function failingClient() {
  let failing = true;
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    retry: false,
    fetch: (input, init) => {
      const request = new Request(input as Request, init);
      if (failing) request.headers.set('X-Gridkit-Fault', 'status=503; retry-after=0');
      return fetch(request);
    },
  });
  return { client, heal: () => (failing = false) };
}
