import type { Problem, ValidationIssue } from './contract.js';
import { parseRetryAfter } from './retry.js';

/**
 * What went wrong, in one word:
 * - `http`: the server answered with a problem response (4xx/5xx);
 * - `network`: no response arrived (offline, DNS, connection reset);
 * - `timeout`: no response within the client's `timeoutMs`.
 */
export type GridkitErrorKind = 'http' | 'network' | 'timeout';

export interface GridkitErrorInit {
  kind: GridkitErrorKind;
  status: number;
  problem: Problem;
  requestId?: string;
  method: string;
  url: string;
  retryAfterMs?: number;
  cause?: unknown;
}

const brand = Symbol.for('gridkit.error');

/**
 * The single error type the SDK throws. It always carries RFC 9457 problem
 * details: the server's own for `http` errors, a synthesized one (status 0)
 * for `network` and `timeout`. A caller's own abort is not wrapped: it
 * rejects with the signal's reason, as `fetch` does.
 */
export class GridkitError extends Error {
  override readonly name = 'GridkitError';
  declare readonly kind: GridkitErrorKind;
  /** HTTP status, or 0 when no response arrived. */
  declare readonly status: number;
  declare readonly problem: Problem;
  /** The server's `X-Request-Id`, to quote when reporting a fault. */
  declare readonly requestId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  /** The server's `Retry-After` on a 429 or 503, in milliseconds: when a later attempt may succeed. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: GridkitErrorInit) {
    super(init.problem.detail ?? init.problem.title, init);
    // Every field of `init` (and `cause`, as `super` sets it), declared above for the types.
    Object.defineProperty(Object.assign(this, init), brand, { value: true });
  }

  /** The problem's `type` URI, the stable thing to branch on. */
  get type(): string {
    return this.problem.type ?? 'about:blank';
  }

  /** Per-field validation messages (400/422), empty otherwise. */
  get errors(): ValidationIssue[] {
    return this.problem.errors ?? [];
  }

  /** True for errors a later identical attempt may not hit (offline, timeout, 429, 5xx). */
  get transient(): boolean {
    return this.kind !== 'http' || this.status === 429 || this.status >= 500;
  }
}

/** `instanceof` fails across two copies of the SDK on one page; this does not. */
export function isGridkitError(value: unknown): value is GridkitError {
  return typeof value === 'object' && value !== null && brand in value;
}

function looksLikeProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string';
}

/** Builds the error for a non-2xx response whose body openapi-fetch already parsed. */
export function errorFromResponse(method: string, url: string, response: Response, body: unknown): GridkitError {
  const problem: Problem = looksLikeProblem(body)
    ? { ...body, status: body.status ?? response.status }
    : {
        type: 'about:blank',
        title: response.statusText || `HTTP ${response.status}`,
        status: response.status,
        ...(typeof body === 'string' && body ? { detail: body.slice(0, 500) } : {}),
      };
  return new GridkitError({
    kind: 'http',
    status: response.status,
    problem,
    requestId: response.headers.get('X-Request-Id') ?? problem.requestId ?? undefined,
    method,
    url,
    retryAfterMs:
      response.status === 429 || response.status === 503
        ? parseRetryAfter(response.headers.get('Retry-After'))
        : undefined,
  });
}

export function transportError(kind: 'network' | 'timeout', method: string, url: string, cause: unknown): GridkitError {
  const title = kind === 'timeout' ? 'Request timed out' : 'Network error';
  const detail =
    kind === 'timeout'
      ? `No response to ${method} ${url} in time.`
      : `No response to ${method} ${url}: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new GridkitError({
    kind,
    status: 0,
    problem: { type: 'about:blank', title, status: 0, detail },
    method,
    url,
    cause,
  });
}
