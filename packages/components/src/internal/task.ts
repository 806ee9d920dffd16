import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a load stands; the same values as @lit/task's. */
export const TaskStatus = { INITIAL: 0, PENDING: 1, COMPLETE: 2, ERROR: 3 } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** What to render in each status. */
export interface StatusRenderer<R> {
  initial?: () => unknown;
  pending?: () => unknown;
  complete?: (value: R) => unknown;
  error?: (error: unknown) => unknown;
}

export interface TaskConfig<A extends readonly unknown[], R> {
  task: (args: A, options: { signal: AbortSignal }) => Promise<R>;
  /** The load's inputs: it runs before the host's first update and again whenever one of them changes. */
  args: () => A;
  onComplete?: (value: R) => void;
  onError?: (error: unknown) => void;
}

const changed = (a: readonly unknown[], b: readonly unknown[] | undefined) =>
  !b || a.length !== b.length || a.some((value, i) => !Object.is(value, b[i]));

/**
 * A load that runs again when its inputs change, aborting the one before:
 * the part of @lit/task the widgets use, with the same statuses, `run` and
 * `render`, at a third of its size (every widget carries it).
 */
export class Task<A extends readonly unknown[], R> implements ReactiveController {
  status: TaskStatus = TaskStatus.INITIAL;
  /** The last run's value (undefined after a failure). */
  value?: R;
  error?: unknown;
  private previous?: A;
  private calls = 0;
  private abortController?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: TaskConfig<A, R>,
  ) {
    host.addController(this);
  }

  hostUpdate() {
    const args = this.config.args();
    if (changed(args, this.previous)) void this.run(args);
  }

  /** Runs now (a retry), with the current inputs unless given others; only the latest run's outcome counts. */
  async run(args: A = this.config.args()): Promise<void> {
    this.previous = args;
    this.abortController?.abort();
    const { signal } = (this.abortController = new AbortController());
    const call = ++this.calls;
    this.status = TaskStatus.PENDING;
    this.host.requestUpdate();
    let value: R | undefined;
    let error: unknown;
    let failed = false;
    try {
      value = await this.config.task(args, { signal });
    } catch (thrown) {
      failed = true;
      error = thrown;
    }
    if (call !== this.calls) return;
    try {
      if (failed) this.config.onError?.(error);
      else this.config.onComplete?.(value as R);
    } catch {
      // A handler's own failure does not change the load's outcome.
    }
    this.status = failed ? TaskStatus.ERROR : TaskStatus.COMPLETE;
    this.value = value;
    this.error = error;
    this.host.requestUpdate();
  }

  render(renderers: StatusRenderer<R>): unknown {
    switch (this.status) {
      case TaskStatus.INITIAL:
        return renderers.initial?.();
      case TaskStatus.PENDING:
        return renderers.pending?.();
      case TaskStatus.COMPLETE:
        return renderers.complete?.(this.value as R);
      default:
        return renderers.error?.(this.error);
    }
  }
}
