import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from './task.js';
import { isGridkitError, type GridkitCore } from '@gridkit/sdk/core';
import { liveResource, type LiveTopics } from '@gridkit/sdk/resources/live';
import type { Misconfiguration } from './gridkit-element.js';
import { isTransient, requireConfiguration, warnIfMisconfigured, type Freshness } from './states.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface StaleWhileErrorOptions<A extends readonly unknown[], T> {
  /** The load's inputs; a change loads again (as `Task` does). */
  args: () => A;
  task: (args: A, options: { signal: AbortSignal }) => Promise<T>;
  /** What the page forgot to set, checked before each load (see `GridkitElement.configurationProblem`). */
  configuration?: () => Misconfiguration | undefined;
  /** Milliseconds between reloads while the widget is on screen and its tab visible; 0 (default) never. */
  interval?: () => number;
  /**
   * While a new load runs, keep showing the last data: `any` (default; a new
   * period shows the old figures, marked busy) or only data for the `same-args`
   * (a look-up of another case shows the loading state instead).
   */
  keepWhilePending?: 'any' | 'same-args';
  /**
   * A key under which the last good value is kept for the page's lifetime and
   * shown by the next widget loading the same (a kiosk opening its board again
   * while offline), marked with when it was loaded; undefined keeps nothing.
   * Public data only: never a resident's case.
   */
  remember?: (args: A) => string | undefined;
  /**
   * What to follow live (`streamLiveEvents`) while the widget polls, is on
   * screen and its tab visible: a change reloads at once. Polling goes on at
   * its interval as the safety net (a stream that is open but silent tells
   * nothing of a server that fails); a server without live events, or one
   * that refuses what to follow, leaves the widget polling only.
   */
  live?: (args: A) => { core: GridkitCore; topics: LiveTopics } | undefined;
  onComplete?: (value: T) => void;
  onError?: (error: unknown) => void;
}

/** How a shown value stands: loading again (`busy`), and whether it is kept from before (`freshness`). */
export interface ReadyState {
  busy: boolean;
  freshness: Freshness;
}

export interface StaleWhileErrorRenderers<T> {
  /** Nothing asked yet (default: `loading`). */
  initial?: () => unknown;
  loading: () => unknown;
  ready: (value: T, state: ReadyState) => unknown;
  /** A failure with nothing worth keeping on screen. */
  problem: (error: unknown) => unknown;
}

/** Live changes reload a widget at most this often. */
export const liveReloadGapMs = 1000;

/** Backoff after failed loads: the first retry after `firstMs`, doubling up to `maxMs`, ±20% so kiosks do not retry in step. */
export const retryBackoff = { firstMs: 2000, maxMs: 60_000 };

interface Good<A, T> {
  args: A;
  value: T;
  at: number;
}

/** Last good values by `remember` key, for the page's lifetime. */
const remembered = new Map<string, { value: unknown; at: number }>();

const sameArgs = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

/**
 * One place for how a read widget loads, keeps and reloads its data, so that
 * a kiosk on a flaky network keeps showing something useful:
 *
 * - a failed reload keeps the last good data on screen (stale-while-error),
 *   rendered with a `Freshness` for a polite "updated 10:42 — reconnecting" line;
 * - a failure that may pass (offline, unreachable, 5xx/429) is retried with
 *   backoff (honouring `Retry-After`), and at once when the network comes back
 *   (`online`) or the tab becomes visible again;
 * - polling (`interval`) runs only while the widget is on screen and its tab
 *   visible: a hidden tab does no work, and catches up when shown;
 * - a widget the page has not set up fails at once with a `MisconfigurationError`
 *   and one console warning naming the missing attribute.
 */
export class StaleWhileErrorController<A extends readonly unknown[], T> implements ReactiveController {
  readonly task: Task<A, Good<A, T>>;
  private good?: Good<A, T>;
  /** The last failed load's error, until a load succeeds (kept while a retry is pending). */
  private lastError?: unknown;
  private failures = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private pollTimer?: ReturnType<typeof setInterval>;
  private observer?: IntersectionObserver;
  private onScreen = false;
  /** The live stream being followed, and for which args. */
  private following?: { abort: AbortController; args: A };
  /** Args the server would not follow live (no live events, unknown grid): polled only. */
  private liveRefusedFor?: A;

  private readonly onOnline = () => {
    this.host.requestUpdate();
    if (this.task.status === TaskStatus.ERROR || (this.good && this.interval() > 0)) this.reload();
  };
  private readonly onOffline = () => this.host.requestUpdate();
  private readonly onVisibility = () => {
    if (document.visibilityState !== 'visible') {
      this.stopTimers();
      this.stopFollowing();
      return;
    }
    const due = this.good && this.interval() > 0 && Date.now() - this.good.at >= this.interval();
    if ((this.task.status === TaskStatus.ERROR && isTransient(this.task.error)) || due) this.reload();
    else this.schedule();
  };

  constructor(
    private readonly host: Host,
    private readonly options: StaleWhileErrorOptions<A, T>,
  ) {
    host.addController(this);
    this.task = new Task<A, Good<A, T>>(host, {
      task: async (args, { signal }) => {
        await requireConfiguration(options.configuration?.(), signal);
        return { args, value: await options.task(args, { signal }), at: Date.now() };
      },
      args: options.args,
      onComplete: (good) => {
        this.good = good;
        const key = options.remember?.(good.args);
        if (key !== undefined) remembered.set(key, { value: good.value, at: good.at });
        this.lastError = undefined;
        this.failures = 0;
        clearTimeout(this.retryTimer);
        this.schedule();
        options.onComplete?.(good.value);
      },
      onError: (error) => {
        this.lastError = error;
        this.failed(error);
        options.onError?.(error);
      },
    });
  }

  hostConnected() {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.observer = new IntersectionObserver((entries) => {
      this.onScreen = entries.some((entry) => entry.isIntersecting);
      this.schedule();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
    this.onScreen = false;
    this.stopTimers();
    this.stopFollowing();
  }

  /** The last good value, whatever it was loaded for. */
  get value(): T | undefined {
    return this.good?.value;
  }

  /** Loads again now (a retry button, the network back); the backoff starts over only after a success. */
  reload(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    void this.task.run();
  }

  /** (Re)starts polling if it is worth it: an interval, on screen, tab visible. Call when the interval changes. */
  schedule(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    const ms = this.interval();
    const watched = ms > 0 && this.onScreen && document.visibilityState === 'visible' && this.host.isConnected;
    this.follow(watched);
    if (watched) {
      this.pollTimer = setInterval(() => {
        if (this.task.status !== TaskStatus.PENDING) void this.task.run();
      }, ms);
    }
  }

  render(renderers: StaleWhileErrorRenderers<T>): unknown {
    const good = this.good ?? this.recall();
    const current = good && sameArgs(good.args, this.options.args());
    switch (this.task.status) {
      case TaskStatus.INITIAL:
        return (renderers.initial ?? renderers.loading)();
      case TaskStatus.PENDING: {
        const keep = (this.options.keepWhilePending ?? 'any') === 'any' ? good : current ? good : undefined;
        if (!keep) return renderers.loading();
        const error =
          current && this.lastError !== undefined && isTransient(this.lastError) ? this.lastError : undefined;
        return renderers.ready(keep.value, { busy: true, freshness: { loadedAt: keep.at, error } });
      }
      case TaskStatus.COMPLETE:
        return renderers.ready(good!.value, { busy: false, freshness: { loadedAt: good!.at } });
      case TaskStatus.ERROR:
        if (good && current && isTransient(this.task.error)) {
          return renderers.ready(good.value, { busy: false, freshness: { loadedAt: good.at, error: this.task.error } });
        }
        return renderers.problem(this.task.error);
    }
  }

  /** Follows the live stream for the current args while `watched` (and stops otherwise). */
  private follow(watched: boolean) {
    const args = this.options.args();
    const spec = watched && this.good ? this.options.live?.(args) : undefined;
    const refused = this.liveRefusedFor && sameArgs(this.liveRefusedFor, args);
    if (!spec || refused) return this.stopFollowing();
    if (this.following && sameArgs(this.following.args, args)) return;
    this.stopFollowing();
    const following = { abort: new AbortController(), args };
    this.following = following;
    void (async () => {
      try {
        const events = liveResource(spec.core).events(spec.topics, {
          signal: following.abort.signal,
          onOpen: () => {
            // (Re)connected: whatever changed before is caught up once.
            if (this.good && Date.now() - this.good.at > 1000) this.reload();
          },
        });
        // Any event (a change, or `reset`) means: load again, at most once a second (a busy district's
        // figures change many times a minute); the last change in a burst is always loaded.
        let last = 0;
        let trailing: ReturnType<typeof setTimeout> | undefined;
        following.abort.signal.addEventListener('abort', () => clearTimeout(trailing));
        for await (const event of events) {
          if (!event || trailing) continue;
          const wait = last + liveReloadGapMs - Date.now();
          if (wait <= 0) {
            last = Date.now();
            this.reload();
          } else {
            trailing = setTimeout(() => {
              trailing = undefined;
              last = Date.now();
              this.reload();
            }, wait);
          }
        }
      } catch {
        if (!following.abort.signal.aborted) this.liveRefusedFor = args;
      } finally {
        if (this.following === following) {
          this.following = undefined;
          this.schedule();
        }
      }
    })();
  }

  private stopFollowing() {
    this.following?.abort.abort();
    this.following = undefined;
  }

  /** What an earlier widget loaded for the same `remember` key, as if this one had loaded it. */
  private recall(): Good<A, T> | undefined {
    const args = this.options.args();
    const key = this.options.remember?.(args);
    const kept = key === undefined ? undefined : remembered.get(key);
    return kept && { args, value: kept.value as T, at: kept.at };
  }

  private interval(): number {
    return this.options.interval?.() ?? 0;
  }

  private stopTimers() {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private failed(error: unknown) {
    if (warnIfMisconfigured(this.host, error)) return;
    if (!isTransient(error)) return;
    this.failures += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    // Offline: the `online` event brings the retry. Hidden: becoming visible does.
    if (!navigator.onLine || document.visibilityState !== 'visible' || !this.host.isConnected) return;
    const backoff = Math.min(retryBackoff.maxMs, retryBackoff.firstMs * 2 ** (this.failures - 1));
    const jittered = backoff * (0.8 + Math.random() * 0.4);
    const serverAsks = isGridkitError(error) ? (error.retryAfterMs ?? 0) : 0;
    this.retryTimer = setTimeout(() => this.reload(), Math.max(jittered, serverAsks));
  }
}
