import type { GridkitCore } from '../core.js';
import type { QueryParams, Schemas } from '../contract.js';
import { isGridkitError } from '../error.js';

export type LiveEvent = Schemas['LiveEvent'];
/** What to follow: a grid's notices, a case's public status, a subtree's figures (one or more). */
export type LiveTopics = QueryParams<'streamLiveEvents'>;

export interface LiveOptions {
  /** Stops following: the iteration ends (no error). */
  signal?: AbortSignal;
  /** Resume after this event id (one seen in an earlier iteration). */
  lastEventId?: string;
  /** Called each time the stream is (re)opened; a screen may reload once then, to catch up. */
  onOpen?: () => void;
  /** Silence longer than this (no event, no keep-alive) means a dead connection: reconnect. Default 45 s. */
  silenceMs?: number;
}

/** Reconnection backoff after a failed attempt: 1 s doubling to 30 s, ±20%, or what the server asks. */
const backoff = { firstMs: 1000, maxMs: 30_000 };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Live updates (`streamLiveEvents`, server-sent events) as an async iterator
 * that reconnects by itself: after a dropped or silent connection it opens
 * again with `Last-Event-ID`, so no event is lost (a `reset` event says when
 * the server could not resume: reload everything). A refusal that will not
 * pass (400, 404: no such grid or ticket, or a server without live events)
 * ends the iteration with that `GridkitError`; a caller falls back to polling.
 */
export function liveResource({ raw, ok }: GridkitCore) {
  return {
    async *events(topics: LiveTopics, options: LiveOptions = {}): AsyncGenerator<LiveEvent, void, undefined> {
      const { signal } = options;
      let lastEventId = options.lastEventId;
      let retryMs = 3000;
      let failures = 0;
      while (!signal?.aborted) {
        let stream: ReadableStream<Uint8Array>;
        try {
          stream = (await ok(
            raw.GET('/live', {
              params: { query: topics, header: lastEventId ? { 'Last-Event-ID': lastEventId } : {} },
              parseAs: 'stream',
              signal,
            }),
          )) as ReadableStream<Uint8Array>;
        } catch (error) {
          if (signal?.aborted) return;
          if (isGridkitError(error) && !error.transient) throw error;
          failures += 1;
          const wait = Math.min(backoff.maxMs, backoff.firstMs * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
          await sleep(Math.max(wait, isGridkitError(error) ? (error.retryAfterMs ?? 0) : 0), signal);
          continue;
        }
        failures = 0;
        options.onOpen?.();
        const reader = stream.getReader();
        const decoder = new TextDecoder();
        const stop = () => void reader.cancel().catch(() => {});
        signal?.addEventListener('abort', stop, { once: true });
        let watchdog: ReturnType<typeof setTimeout> | undefined;
        const watch = () => {
          clearTimeout(watchdog);
          watchdog = setTimeout(stop, options.silenceMs ?? 45_000);
        };
        try {
          // The event-stream format (HTML's server-sent events): fields up to a blank line make one event.
          let buffer = '';
          let event = { id: undefined as string | undefined, data: [] as string[] };
          watch();
          for (;;) {
            const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
            if (done) break;
            watch();
            buffer += decoder.decode(value, { stream: true });
            const lines = buffer.split(/\r\n|\r|\n/);
            buffer = lines.pop()!;
            for (const line of lines) {
              if (line === '') {
                if (event.id !== undefined) lastEventId = event.id;
                if (event.data.length) yield JSON.parse(event.data.join('\n')) as LiveEvent;
                event = { id: undefined, data: [] };
                continue;
              }
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'data') event.data.push(text);
              else if (field === 'id') event.id = text;
              else if (field === 'retry' && /^\d+$/.test(text)) retryMs = Number(text);
            }
          }
        } finally {
          clearTimeout(watchdog);
          signal?.removeEventListener('abort', stop);
          stop();
        }
        if (!signal?.aborted) await sleep(retryMs * (0.8 + Math.random() * 0.4), signal);
      }
    },
  };
}
