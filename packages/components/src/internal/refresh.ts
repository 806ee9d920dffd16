import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Reloads a widget's data when the network comes back, and every
 * `intervalMs` while the widget is on screen and its tab is visible: a
 * kiosk left on one page stays current without polling from hidden tabs.
 */
export class RefreshController implements ReactiveController {
  private visible = false;
  private timer?: ReturnType<typeof setInterval>;
  private observer?: IntersectionObserver;
  private readonly onOnline = () => this.reload();
  private readonly onVisibility = () => this.schedule();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly reload: () => void,
    private readonly intervalMs: () => number,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.observer = new IntersectionObserver((entries) => {
      this.visible = entries.some((entry) => entry.isIntersecting);
      this.schedule();
    });
    this.observer.observe(this.host);
  }

  hostDisconnected() {
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs the interval only while it is worth it. */
  schedule() {
    clearInterval(this.timer);
    this.timer = undefined;
    const ms = this.intervalMs();
    if (ms > 0 && this.visible && document.visibilityState === 'visible') this.timer = setInterval(this.reload, ms);
  }
}
