import type { Client } from 'openapi-fetch';
import type { paths } from './contract.js';
import { newIdempotencyKey } from './idempotency.js';

/**
 * What the resource modules build on, apart from the client that assembles
 * them (so neither imports the other).
 */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Reuse a key to make a repeated submission (e.g. from an offline outbox) the same write. Generated when omitted. */
  idempotencyKey?: string;
}

export type ApiResult<Data> = { data?: Data; error?: unknown; response: Response };

/** What each resource module builds on. */
export interface GridkitCore {
  raw: Client<paths>;
  /** Unwraps an openapi-fetch result: the data, or a thrown `GridkitError`. */
  ok<Data>(result: Promise<ApiResult<Data>>): Promise<Data>;
  /** Resolves a path from the contract against `baseUrl`, for links such as `<img src>`. */
  url(path: string): string;
}

/** The `Idempotency-Key` header of a write: the caller's key (an outbox's, reused on every retry) or a new one. */
export function idempotencyHeader(options: WriteOptions): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() };
}
