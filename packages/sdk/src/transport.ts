import { transportError } from './error.js';
import {
  backoffDelay,
  delayAfterResponse,
  isRetryableRequest,
  isRetryableStatus,
  type ResolvedRetryOptions,
} from './retry.js';

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  /** Limit for one attempt, response body included; 0 disables. */
  timeoutMs: number;
  retry: ResolvedRetryOptions | false;
  /** Injected in tests to make jitter predictable. */
  random?: () => number;
}

/** A `fetch` with timeouts and retries, handed to openapi-fetch as its transport. */
export type Transport = (request: Request) => Promise<Response>;

const nullBodyStatuses = new Set([101, 204, 205, 304]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One attempt. The body is read here, inside the timeout, so a response that
 * stalls half-way counts as a timeout and can be retried like any other.
 */
async function attempt(options: TransportOptions, request: Request): Promise<Response> {
  request.signal.throwIfAborted();
  // One controller per attempt, fed by the timer and the caller's signal, and
  // handed to fetch directly: a signal reached only through a Request object
  // or AbortSignal.any is followed weakly, and once that object is garbage
  // collected mid-request, aborting it silently does nothing.
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    options.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeoutMs)
      : undefined;
  const onCallerAbort = () => controller.abort(request.signal.reason);
  request.signal.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const { signal } = controller;
    const response = await options.fetch(new Request(request.clone(), { signal }), { signal });
    const body = nullBodyStatuses.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason;
    throw transportError(timedOut ? 'timeout' : 'network', request, error);
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onCallerAbort);
  }
}

export function createTransport(options: TransportOptions): Transport {
  const random = options.random ?? Math.random;
  return async function send(request) {
    const { retry } = options;
    if (retry === false || !isRetryableRequest(request)) return attempt(options, request);
    for (let retries = 0; ; retries++) {
      let response: Response | undefined;
      let error: unknown;
      try {
        response = await attempt(options, request);
      } catch (caught) {
        if (request.signal.aborted) throw caught;
        error = caught;
      }
      const mayRetry = retries < retry.retries;
      let delayMs: number | undefined;
      if (response) {
        if (!mayRetry || !isRetryableStatus(response.status)) return response;
        delayMs = delayAfterResponse(retries + 1, response, retry, random);
        if (delayMs === undefined) return response;
      } else {
        if (!mayRetry) throw error;
        delayMs = backoffDelay(retries + 1, retry, random);
      }
      retry.onRetry?.({ attempt: retries + 1, delayMs, request, response, error });
      await sleep(delayMs, request.signal);
    }
  };
}
