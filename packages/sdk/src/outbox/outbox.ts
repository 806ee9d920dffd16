import type { GridkitClient } from '../client.js';
import type { GridkitCore } from '../core.js';
import { casesResource } from '../resources/cases.js';
import { mediaResource } from '../resources/media.js';
import { serviceLogsResource } from '../resources/service-logs.js';
import type { CaseReceipt, Problem, ServiceLog, ServiceLogInput } from '../contract.js';
import { isGridkitError } from '../error.js';
import { newIdempotencyKey } from '../idempotency.js';
import { backoff, classify } from './failure.js';
import { OutboxStore } from './store.js';
import type {
  CaseOutboxEntry,
  Outbox,
  OutboxEntry,
  OutboxEventMap,
  OutboxOptions,
  ServiceLogOutboxEntry,
  SubmitResult,
} from './types.js';

/** Options only tests need. */
export interface OutboxInternals {
  /** Source of randomness for backoff jitter. */
  random?: () => number;
}

type Outcome =
  | { status: 'sent'; result: CaseReceipt | ServiceLog; entry: OutboxEntry }
  | { status: 'queued'; entry: OutboxEntry }
  | { status: 'failed'; entry: OutboxEntry; problem: Problem }
  /** Discarded while it was being sent, or sent by another tab. */
  | { status: 'gone' };

/** What one tab tells the others (BroadcastChannel), so their events fire too. */
type Message =
  | { type: 'queued'; entry: OutboxEntry }
  | { type: 'sent'; entry: OutboxEntry; result: CaseReceipt | ServiceLog }
  | { type: 'failed'; entry: OutboxEntry; problem: Problem }
  | { type: 'change' };

let sequence = 0;
/** Sortable within a tab even for entries made in the same millisecond. */
function newEntryId(): string {
  sequence = (sequence + 1) % 1e6;
  return `${Date.now().toString(36)}-${String(sequence).padStart(6, '0')}-${newIdempotencyKey().slice(0, 8)}`;
}

/** Web Locks when the browser has them; otherwise the callback just runs (idempotency keys keep that safe). */
async function withLock<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return run();
  return locks.request(name, { ifAvailable: true }, (lock) => (lock ? run() : undefined)) as Promise<T | undefined>;
}

class GridkitOutbox extends EventTarget implements Outbox {
  readonly #client: Pick<GridkitClient, 'media' | 'cases' | 'serviceLogs'>;
  readonly #store: OutboxStore;
  readonly #lockName: string;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #autoFlush: boolean;
  readonly #random: () => number;
  readonly #channel: BroadcastChannel | undefined;
  /** Entries this instance is sending right now. */
  readonly #sending = new Set<string>();
  #flushing: Promise<void> | undefined;
  #flushAgain = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(client: GridkitClient | GridkitCore, options: OutboxOptions & OutboxInternals) {
    super();
    const name = options.name ?? 'gridkit-outbox';
    // A core (what widgets hold) gets the three resources the outbox sends through.
    this.#client =
      'cases' in client
        ? client
        : { media: mediaResource(client), cases: casesResource(client), serviceLogs: serviceLogsResource(client) };
    this.#store = new OutboxStore(name);
    this.#lockName = `gridkit-outbox:${name}`;
    this.#baseDelayMs = options.baseDelayMs ?? 2_000;
    this.#maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.#autoFlush = options.autoFlush ?? true;
    this.#random = options.random ?? Math.random;
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(this.#lockName);
      this.#channel.onmessage = (event: MessageEvent<Message>) => this.#receive(event.data);
    }
    if (this.#autoFlush) {
      globalThis.addEventListener?.('online', this.#onOnline);
      // After a reload: whatever the last page left is sent now.
      queueMicrotask(() => void this.flush().catch(() => undefined));
    }
  }

  // Typed listeners, as the `Outbox` interface declares them.
  override addEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (event: OutboxEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: (event: OutboxEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }

  #onOnline = () => void this.flush().catch(() => undefined);

  async submitCase(
    input: Parameters<Outbox['submitCase']>[0],
    photos: Parameters<Outbox['submitCase']>[1] = [],
  ): Promise<SubmitResult<CaseReceipt>> {
    const entry: CaseOutboxEntry = {
      ...this.#newEntry(),
      kind: 'case',
      input: { ...input },
      photos: photos.map((photo) => ({
        blob: photo.blob,
        filename: photo.filename ?? (photo.blob instanceof File ? photo.blob.name : 'photo'),
        idempotencyKey: newIdempotencyKey(),
      })),
    };
    return this.#submit(entry) as Promise<SubmitResult<CaseReceipt>>;
  }

  async submitServiceLog(input: ServiceLogInput): Promise<SubmitResult<ServiceLog>> {
    const entry: ServiceLogOutboxEntry = { ...this.#newEntry(), kind: 'serviceLog', input: { ...input } };
    return this.#submit(entry) as Promise<SubmitResult<ServiceLog>>;
  }

  pending(): Promise<OutboxEntry[]> {
    return this.#store.all();
  }

  flush(): Promise<void> {
    return this.#run(false);
  }

  async discard(id: string): Promise<void> {
    await this.#store.delete(id);
    await this.#changed();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#channel?.close();
    this.#store.close();
  }

  #newEntry() {
    return {
      id: newEntryId(),
      state: 'queued' as const,
      idempotencyKey: newIdempotencyKey(),
      createdAt: new Date().toISOString(),
      attempts: 0,
    };
  }

  /** Stored first, so a crash or reload at any later point resumes; then one attempt. */
  async #submit(entry: OutboxEntry): Promise<SubmitResult<CaseReceipt | ServiceLog>> {
    await this.#store.add(entry);
    await this.#changed();
    const outcome = await this.#attempt(entry.id);
    if (outcome?.status === 'sent' || outcome?.status === 'failed') return outcome;
    // Not sent yet (offline, or another tab took it first): it waits on the device.
    const stored = (await this.#store.get(entry.id)) ?? entry;
    this.#emit({ type: 'queued', entry: stored });
    this.#schedule();
    return { status: 'queued', entry: stored };
  }

  /**
   * Sends queued entries, one at a time, from the one tab that holds the
   * lock. `onlyDue`: the timer's run, which leaves entries still backing off.
   */
  #run(onlyDue: boolean): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#flushing) {
      this.#flushAgain ||= !onlyDue;
      return this.#flushing;
    }
    this.#flushing = (async () => {
      try {
        do {
          const again = this.#flushAgain;
          this.#flushAgain = false;
          await withLock(this.#lockName, async () => {
            for (const entry of await this.#store.all()) {
              if (this.#closed) return;
              if (entry.state === 'failed') continue;
              const due = !entry.nextAttemptAt || Date.parse(entry.nextAttemptAt) <= Date.now();
              if (onlyDue && !again && !due) continue;
              await this.#attempt(entry.id);
            }
          });
        } while (this.#flushAgain && !this.#closed);
      } finally {
        this.#flushing = undefined;
        this.#schedule();
      }
    })();
    return this.#flushing;
  }

  /** One attempt at one entry, unless another tab or call is already sending it. */
  async #attempt(id: string): Promise<Outcome | undefined> {
    if (this.#sending.has(id) || this.#closed) return undefined;
    this.#sending.add(id);
    try {
      return await withLock(`${this.#lockName}:${id}`, () => this.#send(id));
    } finally {
      this.#sending.delete(id);
    }
  }

  async #send(id: string): Promise<Outcome> {
    // Read again: another tab may have sent it, or uploaded some photos, meanwhile.
    let entry = await this.#store.get(id);
    if (!entry || entry.state === 'failed') return { status: 'gone' };
    entry = { ...entry, state: 'sending', attempts: entry.attempts + 1 };
    if (!(await this.#store.update(entry))) return { status: 'gone' };
    await this.#changed();
    try {
      let result: CaseReceipt | ServiceLog;
      if (entry.kind === 'case') {
        const photos = [...entry.photos];
        for (const [index, photo] of photos.entries()) {
          if (photo.mediaId) continue;
          const media = await this.#client.media.upload(photo.blob, {
            filename: photo.filename,
            idempotencyKey: photo.idempotencyKey,
          });
          photos[index] = { ...photo, mediaId: media.id };
          entry = { ...entry, photos: [...photos] };
          // Kept at once, so a crash after this upload does not upload it again.
          if (!(await this.#store.update(entry))) return { status: 'gone' };
        }
        // The same body every attempt: `mediaIds` only when there are photos.
        const input = photos.length > 0 ? { ...entry.input, mediaIds: photos.map((p) => p.mediaId!) } : entry.input;
        result = await this.#client.cases.create(input, { idempotencyKey: entry.idempotencyKey });
      } else {
        result = await this.#client.serviceLogs.create(entry.input, { idempotencyKey: entry.idempotencyKey });
      }
      await this.#store.delete(id);
      const sent = { type: 'sent', entry, result } as const;
      this.#emit(sent);
      await this.#changed();
      return { status: 'sent', entry, result };
    } catch (error) {
      const failure = classify(error);
      if (failure.transient) {
        const retryAfter = isGridkitError(error) ? error.retryAfterMs : undefined;
        const delay = retryAfter ?? backoff(entry.attempts, this.#baseDelayMs, this.#maxDelayMs, this.#random);
        entry = {
          ...entry,
          state: 'queued',
          lastFailure: failure.label,
          nextAttemptAt: new Date(Date.now() + delay).toISOString(),
        };
        if (!(await this.#store.update(entry))) return { status: 'gone' };
        await this.#changed();
        return { status: 'queued', entry };
      }
      entry = { ...entry, state: 'failed', problem: failure.problem, nextAttemptAt: undefined };
      if (!(await this.#store.update(entry))) return { status: 'gone' };
      this.#emit({ type: 'failed', entry, problem: failure.problem });
      await this.#changed();
      return { status: 'failed', entry, problem: failure.problem };
    }
  }

  /** One timer for the earliest queued entry. */
  #schedule(): void {
    if (!this.#autoFlush || this.#closed) return;
    void this.#store
      .all()
      .then((entries) => {
        if (this.#closed) return;
        const now = Date.now();
        const times = entries
          .filter((e) => e.state !== 'failed')
          .map((e) =>
            // Being sent (by this tab, or another whose end will be broadcast): look again later
            // in case that tab died mid-way; its lock is gone then.
            e.state === 'sending' || this.#sending.has(e.id)
              ? now + Math.max(1_000, this.#baseDelayMs)
              : e.nextAttemptAt
                ? Date.parse(e.nextAttemptAt)
                : now,
          );
        clearTimeout(this.#timer);
        this.#timer = undefined;
        if (times.length === 0) return;
        const wait = Math.min(Math.max(0, Math.min(...times) - now), this.#maxDelayMs);
        this.#timer = setTimeout(() => void this.#run(true).catch(() => undefined), wait);
      })
      .catch(() => undefined);
  }

  async #changed(): Promise<void> {
    this.#emit({ type: 'change' });
  }

  /** Fires the event here and in every other tab with an outbox of the same name. */
  #emit(message: Message, broadcast = true): void {
    if (broadcast) {
      try {
        this.#channel?.postMessage(message);
      } catch {
        // A message that cannot be cloned only costs other tabs an event.
      }
    }
    if (message.type === 'change') {
      void this.#store
        .count()
        .then((pending) => this.dispatchEvent(new CustomEvent('change', { detail: { pending } })))
        .catch(() => undefined);
      return;
    }
    const { type, ...detail } = message;
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #receive(message: Message): void {
    if (this.#closed) return;
    this.#emit(message, false);
    // Another tab queued or backed off something: this tab's timer covers it too.
    if (message.type === 'change' || message.type === 'queued') this.#schedule();
  }
}

/**
 * An outbox over `client`: writes are stored in IndexedDB before the first
 * attempt and sent again, with backoff, until the server answers.
 */
export function createOutbox(
  client: GridkitClient | GridkitCore,
  options: OutboxOptions & OutboxInternals = {},
): Outbox {
  return new GridkitOutbox(client, options);
}
