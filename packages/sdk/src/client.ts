import createClient, { type Middleware } from 'openapi-fetch';
import type { GridkitCore } from './core.js';
import type { paths } from './contract.js';
import { errorFromResponse } from './error.js';
import { defaultRetryOptions, type RetryOptions } from './retry.js';
import { createTransport } from './transport.js';
import { categoriesResource } from './resources/categories.js';
import { casesResource } from './resources/cases.js';
import { gridsResource } from './resources/grids.js';
import { mediaResource } from './resources/media.js';
import { noticesResource } from './resources/notices.js';
import { serviceLogsResource } from './resources/service-logs.js';
import { sessionResource } from './resources/session.js';
import { statsResource } from './resources/stats.js';

/** Returns the bearer token to send, or nothing for a public request. May be async (e.g. refresh). */
export type TokenProvider = () => string | null | undefined | Promise<string | null | undefined>;

export interface GridkitClientOptions {
  /** The API root, including its version path: `https://grid.example.gov.cn/api/v1`. */
  baseUrl: string;
  /** A staff token, or a function returning one for each request. Omit for public use. */
  token?: string | TokenProvider;
  /** Defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Limit for one attempt, response body included. Default 15 000 ms; 0 disables. */
  timeoutMs?: number;
  /** Retry settings, or `false` to send every request once. */
  retry?: RetryOptions | false;
  /** Sent as `Accept-Language`, so problem messages come back in the user's language. */
  locale?: string | (() => string | undefined);
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** openapi-fetch middleware, run after the SDK's own (auth, locale). */
  middleware?: Middleware[];
  /** Source of randomness for backoff jitter; tests inject a fixed one. */
  random?: () => number;
}

function resolve<T>(value: T | (() => T)): T {
  return typeof value === 'function' ? (value as () => T)() : value;
}

export type { CallOptions, GridkitCore, WriteOptions } from './core.js';

export function createGridkitClient(options: GridkitClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const transport = createTransport({
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 15_000,
    retry: options.retry === false ? false : { ...defaultRetryOptions, ...options.retry },
    random: options.random,
  });
  const raw = createClient<paths>({ baseUrl, fetch: transport, headers: options.headers });

  // Problems are raised after openapi-fetch parsed the body, when only the
  // response is at hand; this remembers which request it answered.
  const requestOf = new WeakMap<Response, Request>();
  raw.use({
    async onRequest({ request }) {
      const token = options.token === undefined ? undefined : await resolve(options.token);
      if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
      const locale = options.locale === undefined ? undefined : resolve(options.locale);
      if (locale && !request.headers.has('Accept-Language')) request.headers.set('Accept-Language', locale);
      return request;
    },
    onResponse({ request, response }) {
      requestOf.set(response, request);
      return undefined;
    },
  });
  if (options.middleware) raw.use(...options.middleware);

  const core: GridkitCore = {
    raw,
    async ok(result) {
      const { data, error, response } = await result;
      if (response.ok) return data as never;
      throw errorFromResponse(requestOf.get(response) ?? new Request(response.url || baseUrl), response, error);
    },
    url: (path) => `${baseUrl}${path}`,
  };

  return {
    /** The typed openapi-fetch client, for anything the resources below do not cover. */
    raw,
    baseUrl,
    grids: gridsResource(core),
    notices: noticesResource(core),
    categories: categoriesResource(core),
    media: mediaResource(core),
    cases: casesResource(core),
    serviceLogs: serviceLogsResource(core),
    stats: statsResource(core),
    session: sessionResource(core),
  };
}

export type GridkitClient = ReturnType<typeof createGridkitClient>;
