/** SDK clients that put a widget in a state a healthy server does not show on demand. */
import { createGridkitClient } from '@gridkit/sdk';
import { testServer } from './server.js';

/** A staff token for the clients below, for a widget that needs a sign-in to have anything to load. */
interface ClientOptions {
  token?: string;
}

/** No network at all. */
export const offlineClient = ({ token }: ClientOptions = {}) =>
  createGridkitClient({
    baseUrl: testServer.apiUrl,
    token,
    retry: false,
    fetch: () => Promise.reject(new TypeError('Failed to fetch')),
  });

/** Holds every request until `release()`: the loading state. */
export function gatedClient({ token }: ClientOptions = {}) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    token,
    fetch: async (input, init) => {
      await gate;
      return fetch(input, init);
    },
  });
  return { client, release };
}

/** The mock server answers 503 (its fault header) until `heal()`. */
export function failingClient({ token }: ClientOptions = {}) {
  let failing = true;
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    token,
    retry: false,
    fetch: (input, init) => {
      const request = new Request(input as Request, init);
      if (failing) request.headers.set('X-Gridkit-Fault', 'status=503; retry-after=0');
      return fetch(request);
    },
  });
  return { client, heal: () => (failing = false) };
}

/** A server address where nothing listens: a real network error while the device is online. */
export const unreachableClient = ({ token }: ClientOptions = {}) =>
  createGridkitClient({ baseUrl: 'http://127.0.0.1:9/api/v1', token, retry: false, timeoutMs: 5000 });

/** Every way a network can be, switched at will: `ok`, `failing` (the mock server's 503) or `offline` (no network). */
export function switchableClient({ token }: ClientOptions = {}) {
  let mode: 'ok' | 'failing' | 'offline' = 'ok';
  let requests = 0;
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    token,
    retry: false,
    fetch: (input, init) => {
      requests += 1;
      if (mode === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
      const request = new Request(input as Request, init);
      if (mode === 'failing') request.headers.set('X-Gridkit-Fault', 'status=503; retry-after=0');
      return fetch(request);
    },
  });
  return {
    client,
    set: (next: typeof mode) => (mode = next),
    /** Requests made so far. */
    requests: () => requests,
  };
}
