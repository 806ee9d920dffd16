import type { operations, QueryParams, RequestBodyOf, Schemas } from '@gridkit/sdk';
import type { Db } from '../store/database.js';
import type { Clock } from '../domain/time.js';
import type { Principal } from '../domain/principal.js';
import type { Locale, ProblemInit } from './problem.js';
import type { MediaStore } from '../store/media-files.js';

type OperationId = keyof operations;

type PathParams<Op extends OperationId> = operations[Op]['parameters'] extends { path: infer P }
  ? NonNullable<P>
  : Record<string, never>;
type HeaderParams<Op extends OperationId> = operations[Op]['parameters'] extends { header?: infer H }
  ? NonNullable<H>
  : Record<string, never>;

type SuccessContent<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
/** The JSON body of an operation's 200, 201 or 202 response. */
export type SuccessBody<Op extends OperationId> = SuccessContent<
  operations[Op]['responses'] extends infer R ? R[keyof R & (200 | 201 | 202)] : never
>;

/** What a handler answers; the HTTP layer serializes and, in development, validates it. */
export interface Reply<Body = unknown> {
  status: number;
  body?: Body;
  headers?: Record<string, string>;
  /** A non-JSON body (image bytes), sent as is with `headers['Content-Type']`. */
  bytes?: Uint8Array;
  /** A non-JSON body made while it is sent (an export), with `headers['Content-Type']`. */
  stream?: ReadableStream<Uint8Array>;
  /** The write ended in a problem (a stored 4xx outcome, replayed as such). */
  problem?: ProblemInit;
  /**
   * A public read's answer stays the same until this time (epoch ms;
   * `Infinity`: until a write), so it may be answered again from memory
   * (answer-cache.ts). Absent: the answer is computed each time.
   */
  unchangedUntil?: number;
}

/** A change that screens follow (`streamLiveEvents`), announced by the write that made it. */
export type LiveChange =
  | { kind: 'notices'; gridId: string }
  | { kind: 'case'; ticket: string; status: Schemas['CaseStatus']; level: Schemas['CaseLevel']; gridPath: string };

/** What a live stream follows: a grid's notices, a case, a subtree's figures (by its path). */
export interface LiveSubscription {
  noticesOf?: string;
  ticket?: string;
  statsOf?: { gridId: string; path: string };
}

/** The server's live events (http/live.ts): a stream per subscriber, fed by committed writes. */
export interface LiveEvents {
  /** A `text/event-stream` of what `subscription` follows, resumed after `lastEventId` when it can be. */
  stream(subscription: LiveSubscription, lastEventId: string | undefined): ReadableStream<Uint8Array>;
}

/** What the server is made of: one per app, shared by every request. */
export interface Services {
  db: Db;
  clock: Clock;
  media: MediaStore;
  live: LiveEvents;
}

export interface RequestContext<Op extends OperationId> extends Services {
  operationId: Op;
  path: PathParams<Op>;
  query: QueryParams<Op>;
  header: HeaderParams<Op>;
  /** The validated JSON body; for multipart, the form's fields with files as `File`. */
  body: RequestBodyOf<Op>;
  form: FormData | undefined;
  principal: Principal | undefined;
  locale: Locale;
  requestId: string;
  now: Date;
  /**
   * Runs a write in one transaction. For operations with an
   * `Idempotency-Key`, the key's record commits in the same transaction,
   * so a write is never done twice and never recorded without being done.
   */
  write(fn: () => Reply<SuccessBody<Op>>): Reply;
  /** Tells live streams what the write changed, once it is committed and answered with success. */
  announce(change: LiveChange): void;
}

export type Handler<Op extends OperationId> = (context: RequestContext<Op>) => Reply | Promise<Reply>;

/** One handler for every operation of the contract: a missing one does not compile. */
export type Handlers = { [Op in OperationId]: Handler<Op> };

export const ok = <Body>(body: Body, headers?: Record<string, string>): Reply<Body> => ({ status: 200, body, headers });
export const created = <Body>(body: Body, headers?: Record<string, string>): Reply<Body> => ({
  status: 201,
  body,
  headers,
});
