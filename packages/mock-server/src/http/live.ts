/**
 * Live events (`streamLiveEvents`): committed writes announce what they
 * changed; each open stream gets the events its subscription follows, as
 * server-sent events. The last 10,000 changes (and 10 minutes) are kept, so
 * a client that reconnects with `Last-Event-ID` gets what it missed; one
 * whose id cannot be resumed from (another run of the server, or too old)
 * gets `reset` first. Ids are `<run>-<sequence>`: a restart is never taken
 * for a resume.
 */
import type { Schemas } from '@gridkit/sdk';
import type { Clock } from '../domain/time.js';
import type { LiveChange, LiveEvents, LiveSubscription } from './handler.js';

interface Kept {
  seq: number;
  at: string;
  change: LiveChange;
}

interface Subscriber {
  subscription: LiveSubscription;
  send(kept: Kept): void;
  close(): void;
}

export interface LiveHubOptions {
  clock: Clock;
  /** A comment line this often, so proxies keep the connection and clients can tell a dead one. Default 15 s. */
  heartbeatMs?: number;
  /** How many changes are kept for resuming (default 10,000) and for how long (default 10 minutes). */
  keep?: { count: number; ms: number };
}

export interface LiveHub extends LiveEvents {
  /** Sends committed changes to the streams that follow them. */
  publish(changes: readonly LiveChange[]): void;
  /** Ends every stream (the server is closing). */
  close(): void;
  /** Open streams (for tests and the health of a kiosk fleet). */
  readonly subscribers: number;
}

const encoder = new TextEncoder();

/** The events one change makes for one subscription: at most one of each kind. */
function eventsFor(subscription: LiveSubscription, kept: Kept): Schemas['LiveEvent'][] {
  const { change, at } = kept;
  const events: Schemas['LiveEvent'][] = [];
  if (change.kind === 'notices') {
    if (subscription.noticesOf === change.gridId) events.push({ type: 'notices', gridId: change.gridId, at });
    return events;
  }
  if (subscription.ticket === change.ticket)
    events.push({ type: 'case', ticket: change.ticket, status: change.status, level: change.level, at });
  // Materialized paths (`/root/…/own/`): a subtree is every path that starts with its root's.
  if (subscription.statsOf && change.gridPath.startsWith(subscription.statsOf.path))
    events.push({ type: 'stats', gridId: subscription.statsOf.gridId, at });
  return events;
}

const frame = (id: string, event: Schemas['LiveEvent']) =>
  encoder.encode(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const run = Math.random().toString(36).slice(2, 8);
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const keep = options.keep ?? { count: 10_000, ms: 10 * 60 * 1000 };
  const kept: Kept[] = [];
  let seq = 0;
  /** The sequence of the oldest change ever dropped from `kept` (0: none). */
  let dropped = 0;
  const subscribers = new Set<Subscriber>();
  const idOf = (n: number) => `${run}-${n}`;

  function trim(now: number) {
    while (kept.length > keep.count || (kept.length > 0 && now - Date.parse(kept[0]!.at) > keep.ms)) {
      dropped = kept.shift()!.seq;
    }
  }

  /** The changes after `lastEventId`, or `undefined` when they cannot all be known. */
  function since(lastEventId: string): Kept[] | undefined {
    const match = /^([a-z0-9]+)-(\d+)$/.exec(lastEventId.trim());
    if (!match || match[1] !== run) return undefined;
    const after = Number(match[2]);
    if (after > seq || after < dropped) return undefined;
    return kept.filter((entry) => entry.seq > after);
  }

  return {
    get subscribers() {
      return subscribers.size;
    },

    publish(changes) {
      if (changes.length === 0) return;
      const now = options.clock();
      trim(now.getTime());
      for (const change of changes) {
        const entry: Kept = { seq: ++seq, at: now.toISOString(), change };
        kept.push(entry);
        for (const subscriber of subscribers) subscriber.send(entry);
      }
    },

    stream(subscription, lastEventId) {
      let subscriber: Subscriber | undefined;
      let heartbeat: ReturnType<typeof setInterval> | undefined;
      const stop = () => {
        clearInterval(heartbeat);
        if (subscriber) subscribers.delete(subscriber);
      };
      return new ReadableStream<Uint8Array>({
        start(controller) {
          let open = true;
          const write = (bytes: Uint8Array) => {
            if (!open) return;
            try {
              controller.enqueue(bytes);
            } catch {
              open = false;
              stop();
            }
          };
          write(encoder.encode('retry: 3000\n\n'));
          if (lastEventId !== undefined) {
            const missed = since(lastEventId);
            if (missed === undefined) {
              write(frame(idOf(seq), { type: 'reset', at: options.clock().toISOString() }));
            } else {
              for (const entry of missed)
                for (const event of eventsFor(subscription, entry)) write(frame(idOf(entry.seq), event));
            }
          }
          // The position now, so a client that saw no event yet still resumes from here.
          write(encoder.encode(`id: ${idOf(seq)}\n\n`));
          subscriber = {
            subscription,
            send: (entry) => {
              for (const event of eventsFor(subscription, entry)) write(frame(idOf(entry.seq), event));
            },
            close: () => {
              if (!open) return;
              open = false;
              stop();
              controller.close();
            },
          };
          subscribers.add(subscriber);
          heartbeat = setInterval(() => write(encoder.encode(': keep-alive\n\n')), heartbeatMs);
          heartbeat.unref?.();
        },
        cancel() {
          stop();
        },
      });
    },

    close() {
      for (const subscriber of [...subscribers]) subscriber.close();
    },
  };
}
