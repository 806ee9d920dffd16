export interface RetryEvent {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  request: Request;
  /** Set when the previous attempt got a response. */
  response?: Response;
  /** Set when the previous attempt got no response. */
  error?: unknown;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** First backoff ceiling; doubles each retry. Default 300 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 10 s. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the error surfaces. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Called before each wait, e.g. for logging. */
  onRetry?: (event: RetryEvent) => void;
}

export type ResolvedRetryOptions = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

export const defaultRetryOptions: ResolvedRetryOptions = {
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

const retryAfterStatuses = new Set([429, 503]);

/** `Retry-After` as delay-seconds or an HTTP-date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter (AWS architecture blog), so kiosks that lost the network together do not return together. */
export function backoffDelay(attempt: number, options: ResolvedRetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * The wait before retry number `attempt` after `response`, or undefined when
 * the server asked for a wait longer than we accept.
 */
export function delayAfterResponse(
  attempt: number,
  response: Response,
  options: ResolvedRetryOptions,
  random: () => number,
): number | undefined {
  if (retryAfterStatuses.has(response.status)) {
    const asked = parseRetryAfter(response.headers.get('Retry-After'));
    if (asked !== undefined) return asked <= options.maxRetryAfterMs ? asked : undefined;
  }
  return backoffDelay(attempt, options, random);
}
