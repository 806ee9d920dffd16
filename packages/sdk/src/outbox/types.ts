/**
 * The offline outbox's public types (`@gridkit/sdk/outbox`). A write that
 * cannot be sent now is kept on the device (IndexedDB) with its idempotency
 * key and photo blobs, and sent again later, so a report made while the
 * network drops becomes exactly one case.
 */
import type { CaseInput, CaseReceipt, Problem, ServiceLog, ServiceLogInput } from '../contract.js';

/** A photo waiting to be uploaded before its case is created. */
export interface OutboxPhoto {
  blob: Blob;
  filename: string;
  /** Stable across attempts, so an upload whose answer was lost is not stored twice. */
  idempotencyKey: string;
  /** Set once the upload succeeded. */
  mediaId?: string;
}

/**
 * `queued`: waiting to be (re)sent; `sending`: an attempt is in flight;
 * `failed`: refused for good (4xx other than 408/429): kept, with the
 * server's problem, until the user discards it.
 */
export type OutboxEntryState = 'queued' | 'sending' | 'failed';

interface EntryBase {
  id: string;
  state: OutboxEntryState;
  /** Stable for the entry's whole life: every attempt is the same write. */
  idempotencyKey: string;
  /** ISO time the user submitted. */
  createdAt: string;
  attempts: number;
  /** ISO time of the next automatic attempt, while queued. */
  nextAttemptAt?: string;
  /** The last transient failure, for display (`'network'`, `'timeout'`, `503`, …). */
  lastFailure?: string;
  /** Set when `state` is `failed`: the server's problem. */
  problem?: Problem;
}

export interface CaseOutboxEntry extends EntryBase {
  kind: 'case';
  /** The report; `mediaIds` are filled from `photos` when it is sent. */
  input: CaseInput;
  photos: OutboxPhoto[];
}

export interface ServiceLogOutboxEntry extends EntryBase {
  kind: 'serviceLog';
  input: ServiceLogInput;
}

export type OutboxEntry = CaseOutboxEntry | ServiceLogOutboxEntry;

/** What `submitCase` / `submitServiceLog` resolve to. */
export type SubmitResult<Result> =
  /** Sent now; nothing stays on the device. */
  | { status: 'sent'; result: Result; entry: OutboxEntry }
  /** Kept on the device; a `sent` event follows when it goes through. */
  | { status: 'queued'; entry: OutboxEntry }
  /** Refused for good; kept as `failed` until `discard`. */
  | { status: 'failed'; entry: OutboxEntry; problem: Problem };

export interface OutboxEventMap {
  /** A write was kept on the device to be sent later. */
  queued: CustomEvent<{ entry: OutboxEntry }>;
  /** A write went through (now or later); `result` is the server's answer. */
  sent: CustomEvent<
    { entry: CaseOutboxEntry; result: CaseReceipt } | { entry: ServiceLogOutboxEntry; result: ServiceLog }
  >;
  /** A write was refused for good and waits for the user to discard it. */
  failed: CustomEvent<{ entry: OutboxEntry; problem: Problem }>;
  /** Anything in `pending()` changed. */
  change: CustomEvent<{ pending: number }>;
}

export interface OutboxOptions {
  /** IndexedDB database name; one outbox per name. Default `gridkit-outbox`. */
  name?: string;
  /** First automatic retry delay; doubles up to `maxDelayMs`, with full jitter. Default 2 000 ms. */
  baseDelayMs?: number;
  /** Default 5 minutes. */
  maxDelayMs?: number;
  /** Send queued entries automatically (on start, `online`, and on a timer). Default true. */
  autoFlush?: boolean;
}

export interface Outbox {
  /**
   * Stores the report (with its photos) on the device first, then tries to
   * send it: photos uploaded, then the case created with their ids, all
   * under stable idempotency keys. Rejects only when the device cannot store
   * it (for example a full disk: `QuotaExceededError`).
   */
  submitCase(
    input: Omit<CaseInput, 'mediaIds'>,
    photos?: readonly { blob: Blob; filename?: string }[],
  ): Promise<SubmitResult<CaseReceipt>>;
  submitServiceLog(input: ServiceLogInput): Promise<SubmitResult<ServiceLog>>;
  /** Everything still on the device: queued, sending and failed entries, oldest first. */
  pending(): Promise<OutboxEntry[]>;
  /** Send every queued entry now (from whichever tab holds the lock). */
  flush(): Promise<void>;
  /** Remove an entry (a failed one the user has read, or a queued one the user withdraws). */
  discard(id: string): Promise<void>;
  addEventListener<K extends keyof OutboxEventMap>(type: K, listener: (event: OutboxEventMap[K]) => void): void;
  removeEventListener<K extends keyof OutboxEventMap>(type: K, listener: (event: OutboxEventMap[K]) => void): void;
  /** Stops timers and listeners and closes the database. */
  close(): void;
}
