import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onIdle` when nobody has touched, typed into or clicked the element
 * for `timeoutMs`: a shared kiosk forgets one resident before the next one
 * walks up. Only runs after some activity, and never when the timeout is 0.
 */
export class IdleController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private readonly onActivity = () => this.restart();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onIdle: () => void,
    private readonly timeoutMs: () => number,
  ) {
    host.addController(this);
  }

  hostConnected() {
    for (const type of ['pointerdown', 'keydown', 'input', 'focusin'] as const) {
      this.host.addEventListener(type, this.onActivity);
    }
  }

  hostDisconnected() {
    for (const type of ['pointerdown', 'keydown', 'input', 'focusin'] as const) {
      this.host.removeEventListener(type, this.onActivity);
    }
    clearTimeout(this.timer);
  }

  /** Starts (or restarts) the countdown; also call it when something worth clearing appears. */
  restart() {
    clearTimeout(this.timer);
    const ms = this.timeoutMs();
    if (ms > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.onIdle();
      }, ms);
    }
  }
}
