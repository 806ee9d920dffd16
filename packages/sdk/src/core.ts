import type { Client, Middleware } from 'openapi-fetch';
import type { paths } from './contract.js';
import { errorFromResponse, transportError } from './error.js';
import { newIdempotencyKey } from './idempotency.js';
import { backoffDelay, defaultRetryOptions, delayAfterResponse, type RetryOptions } from './retry.js';

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
  /** openapi-fetch-style middleware (`onRequest`, `onResponse`, `onError`), run after the SDK's own auth and locale. */
  middleware?: Middleware[];
  /** Source of randomness for backoff jitter; tests inject a fixed one. */
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Reuse a key to make a repeated submission (e.g. from an offline outbox) the same write. Generated when omitted. */
  idempotencyKey?: string;
}

export type ApiResult<Data> = { data?: Data; error?: unknown; response: Response };

/**
 * What each resource module builds on: the typed calls of the contract, with
 * auth, locale, timeouts and retries, and nothing else. Build one with
 * `createGridkitCore` and hand it to the resources a page uses
 * (`noticesResource(core).board(id)`), so the page bundles only those.
 */
export interface GridkitCore {
  readonly baseUrl: string;
  /** Every operation of the contract, typed as openapi-fetch types it; answers `{ data | error, response }`. */
  raw: Client<paths>;
  /** Unwraps a `raw` result: the data, or a thrown `GridkitError`. */
  ok<Data>(result: Promise<ApiResult<Data>>): Promise<Data>;
  /** Resolves a path from the contract against `baseUrl`, for links such as `<img src>`. */
  url(path: string): string;
}

/** The `Idempotency-Key` header of a write: the caller's key (an outbox's, reused on every retry) or a new one. */
export function idempotencyHeader(options: WriteOptions): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() };
}

/** What `raw` accepts per call: the part of openapi-fetch's options the SDK supports. */
interface Init {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  bodySerializer?: (body: unknown) => BodyInit;
  parseAs?: 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';
  headers?: Record<string, unknown>;
  signal?: AbortSignal | null;
}

const methods = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const retryableStatuses = new Set([429, 500, 502, 503, 504]);

/** Into `target`, lower-cased (so `Authorization` and `authorization` are one header); `null` removes one. */
function mergeHeaders(target: Record<string, string>, source: Record<string, unknown> | undefined) {
  for (const name in source) {
    const value = source[name];
    if (value === null) delete target[name.toLowerCase()];
    else if (value !== undefined) target[name.toLowerCase()] = String(value);
  }
}

/** openapi-fetch's default query style: `k=v`, arrays repeated (`status=a&status=b`), nulls left out. */
function queryString(query: Record<string, unknown> | undefined): string {
  let out = '';
  for (const name in query) {
    const value = query[name];
    if (value == null) continue;
    for (const item of Array.isArray(value) ? value : [value]) out += `&${name}=${encodeURIComponent(String(item))}`;
  }
  return out && `?${out.slice(1)}`;
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The SDK's transport, our own rather than openapi-fetch's (2.5 KiB, and every
 * call re-wrapped): `fetch(url, init)` straight, the body read once inside the
 * attempt's timer (a body that stalls is a timeout), no Request or Response
 * built on the happy path. A `Request` exists only for middleware and retry events.
 */
export function createGridkitCore(options: GridkitClientOptions): GridkitCore {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retry = options.retry === false ? undefined : { ...defaultRetryOptions, ...options.retry };
  const random = options.random ?? Math.random;
  const middleware = [...(options.middleware ?? [])];
  const { token, locale } = options;
  // Which call a problem answered: `ok` only sees the response.
  const failures = new WeakMap<Response, [string, string]>();

  async function send(method: string, path: string, init: Init = {}): Promise<ApiResult<unknown>> {
    const { params = {}, body, parseAs = 'json', signal } = init;
    const url =
      baseUrl +
      path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name]))) +
      queryString(params.query);
    const headers: Record<string, string> = {};
    let serialized =
      body === undefined ? undefined : init.bodySerializer ? init.bodySerializer(body) : JSON.stringify(body);
    if (typeof serialized === 'string') headers['content-type'] = 'application/json';
    else if (serialized instanceof FormData) {
      // Encoded once, so every retry sends the same bytes (one multipart boundary).
      const encoded = new Response(serialized);
      headers['content-type'] = encoded.headers.get('content-type')!;
      serialized = await encoded.blob();
    }
    mergeHeaders(headers, options.headers);
    mergeHeaders(headers, init.headers);
    mergeHeaders(headers, params.header);
    const bearer = typeof token === 'function' ? await token() : token;
    if (bearer && !headers.authorization) headers.authorization = `Bearer ${bearer}`;
    const language = typeof locale === 'function' ? locale() : locale;
    if (language && !headers['accept-language']) headers['accept-language'] = language;

    let request: Request | undefined;
    let response: Response | undefined;
    let id: string | undefined;
    if (middleware.length) {
      let current = new Request(url, { method, headers, body: serialized });
      id = newIdempotencyKey();
      for (const m of middleware) {
        const result: Request | Response | undefined | void = await m.onRequest?.({
          request: current,
          schemaPath: path,
          params,
          options: {} as never,
          id,
        });
        if (result instanceof Response) response = result;
        else if (result) current = result;
        if (response) break;
      }
      request = current;
    }
    const hook = { request: request!, schemaPath: path, params, options: {} as never, id: id! };
    const callMethod = request?.method ?? method;
    const callUrl = request?.url ?? url;
    const retryable =
      retry &&
      (safeMethods.has(callMethod) ||
        (request ? request.headers.has('idempotency-key') : 'idempotency-key' in headers));
    const doFetch = options.fetch ?? globalThis.fetch;

    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      // One controller per attempt, fed by the timer and the caller's signal, and
      // handed to fetch directly: a signal reached only through AbortSignal.any
      // is followed weakly and may be collected mid-request.
      let controller: AbortController | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let timedOut = false;
      const onCallerAbort = () => controller!.abort(signal!.reason);
      if (timeoutMs > 0 || signal) {
        controller = new AbortController();
        if (timeoutMs > 0)
          timer = setTimeout(() => {
            timedOut = true;
            controller!.abort();
          }, timeoutMs);
        signal?.addEventListener('abort', onCallerAbort, { once: true });
      }
      let delayMs: number | undefined;
      let failure: unknown;
      // The answer a retry follows, kept apart: `instanceof Response` fails across realms (a test's or a polyfill's fetch).
      let refused: Response | undefined;
      let payload: unknown;
      try {
        let current =
          response ??
          (await (request
            ? doFetch(request.clone(), { signal: controller?.signal })
            : doFetch(url, { method, headers, body: serialized, signal: controller?.signal })));
        if (!response && retryable && attempt < retry.retries && retryableStatuses.has(current.status))
          delayMs = delayAfterResponse(attempt + 1, current, retry, random);
        if (delayMs !== undefined) {
          void current.body?.cancel().catch(() => {});
          refused = current;
        } else {
          // A response an `onRequest` gave instead of fetching skips `onResponse`, as in openapi-fetch.
          if (!response)
            for (let i = middleware.length; i--;)
              current = (await middleware[i]!.onResponse?.({ ...hook, response: current })) ?? current;
          response = current;
          // Read inside the timer, once, as what the caller asked for.
          const empty =
            response.status === 204 || callMethod === 'HEAD' || response.headers.get('content-length') === '0';
          payload = empty
            ? undefined
            : response.ok && parseAs === 'stream'
              ? response.body
              : await (response.ok && parseAs !== 'json' && parseAs !== 'text'
                  ? response[parseAs as 'blob' | 'arrayBuffer']()
                  : response.text());
        }
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        failure = transportError(timedOut ? 'timeout' : 'network', callMethod, callUrl, error);
        if (!retryable || attempt >= retry.retries) {
          for (let i = middleware.length; i--;) {
            const result = await middleware[i]!.onError?.({ ...hook, error: failure });
            if (result instanceof Response) return { data: undefined, response: result };
            if (result) failure = result;
          }
          throw failure;
        }
        delayMs = backoffDelay(attempt + 1, retry, random);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onCallerAbort);
      }
      if (delayMs === undefined) {
        if (response!.ok)
          return { data: parseAs === 'json' && payload ? JSON.parse(payload as string) : payload, response: response! };
        let error = payload;
        try {
          error = JSON.parse(payload as string);
        } catch {
          // Not JSON (a proxy's HTML page): the text is the error.
        }
        failures.set(response!, [callMethod, callUrl]);
        return { error, response: response! };
      }
      retry!.onRetry?.({
        attempt: attempt + 1,
        delayMs,
        request: request ?? new Request(url, { method, headers }),
        ...(refused ? { response: refused } : { error: failure }),
      });
      await sleep(delayMs, signal);
    }
  }

  const raw = {
    request: (method: string, path: string, init?: Init) => send(method.toUpperCase(), path, init),
    use: (...added: Middleware[]) => void middleware.push(...added),
    eject: (...removed: Middleware[]) => {
      for (const m of removed) if (middleware.includes(m)) middleware.splice(middleware.indexOf(m), 1);
    },
  } as Record<string, unknown>;
  for (const method of methods) raw[method] = (path: string, init?: Init) => send(method, path, init);

  return {
    baseUrl,
    raw: raw as unknown as Client<paths>,
    async ok(result) {
      const { data, error, response } = await result;
      if (response.ok) return data as never;
      const [method, url] = failures.get(response) ?? ['GET', response.url || baseUrl];
      throw errorFromResponse(method, url, response, error);
    },
    url: (path) => baseUrl + path,
  };
}
