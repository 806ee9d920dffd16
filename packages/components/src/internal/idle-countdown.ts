import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export interface IdleCountdownOptions {
  idleMs: () => number;
  graceSeconds?: () => number;
  /** Whether there is anything to forget; the countdown runs only then. */
  active: () => boolean;
  onReset: () => void;
}

/** `prompt(seconds)` says what will happen; `stay` labels the button that keeps the resident's work. */
export interface IdlePromptTexts {
  title: string;
  prompt: (seconds: number) => string;
  stay: string;
  leave: string;
}

const activity = ['pointerdown', 'keydown', 'input', 'focusin', 'wheel'] as const;

/**
 * A shared kiosk screen forgets one resident before the next walks up. After
 * `idleMs` without a touch or key press the widget asks "still there?" with a
 * visible countdown of `graceSeconds`; any touch keeps the resident's work,
 * reaching zero calls `onReset`. Runs only while `active()` (for example only
 * once the resident has typed something), and never when `idleMs` is 0.
 */
export class IdleCountdownController implements ReactiveController {
  /** Seconds left on the "still there?" prompt, or undefined while it is hidden. */
  secondsLeft?: number;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private tickTimer?: ReturnType<typeof setInterval>;
  private returnFocus?: HTMLElement;
  // A touch or key on the prompt itself is an answer to it, not activity:
  // restarting there would remove the prompt before its button's click lands.
  private readonly onActivity = (event: Event) => {
    if (
      this.secondsLeft !== undefined &&
      event.composedPath().some((node) => node instanceof Element && node.classList.contains('idle-prompt'))
    )
      return;
    this.restart();
  };

  constructor(
    private readonly host: Host,
    private readonly options: IdleCountdownOptions,
  ) {
    host.addController(this);
  }

  hostConnected() {
    for (const type of activity) this.host.addEventListener(type, this.onActivity);
  }

  hostDisconnected() {
    for (const type of activity) this.host.removeEventListener(type, this.onActivity);
    this.stop();
  }

  /** Starts the wait again: call it after any activity, or when something worth forgetting appears. */
  restart() {
    const wasWarning = this.secondsLeft !== undefined;
    this.stop();
    if (wasWarning) {
      this.host.requestUpdate();
      const back = this.returnFocus;
      this.returnFocus = undefined;
      void this.host.updateComplete.then(() => back?.isConnected && back.focus());
    }
    const ms = this.options.idleMs();
    if (ms > 0 && this.options.active()) this.idleTimer = setTimeout(() => this.warn(), ms);
  }

  /** Resets now, as if the countdown had reached zero. */
  resetNow() {
    this.stop();
    this.options.onReset();
    this.host.requestUpdate();
  }

  private warn() {
    this.secondsLeft = Math.max(1, this.options.graceSeconds?.() ?? 20);
    this.host.requestUpdate();
    // An alert dialog takes the focus, so a keyboard or screen-reader user
    // answers it at once; "keep going" gives the focus back.
    const active = this.host.shadowRoot?.activeElement;
    this.returnFocus = active instanceof HTMLElement ? active : undefined;
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLElement>('.idle-prompt .idle-stay')?.focus(),
    );
    this.tickTimer = setInterval(() => {
      this.secondsLeft = (this.secondsLeft ?? 1) - 1;
      if (this.secondsLeft <= 0) this.resetNow();
      else this.host.requestUpdate();
    }, 1000);
  }

  private stop() {
    clearTimeout(this.idleTimer);
    clearInterval(this.tickTimer);
    this.idleTimer = this.tickTimer = undefined;
    this.secondsLeft = undefined;
  }

  /** The prompt, or nothing. */
  render(texts: IdlePromptTexts): TemplateResult | typeof nothing {
    if (this.secondsLeft === undefined) return nothing;
    return html`<div
      class="idle-prompt"
      part="idle-prompt"
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
    >
      <strong id="idle-title">${texts.title}</strong>
      <span id="idle-text" aria-live="polite">${texts.prompt(this.secondsLeft)}</span>
      <span class="idle-actions">
        <button type="button" class="idle-stay" @click=${() => this.restart()}>${texts.stay}</button>
        <button type="button" class="idle-leave" @click=${() => this.resetNow()}>${texts.leave}</button>
      </span>
    </div>`;
  }
}

export const idlePromptStyles = css`
  .idle-prompt {
    position: sticky;
    inset-block-start: 0;
    z-index: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2) var(--_space);
    padding: var(--_space);
    margin-block-end: var(--_space);
    color: var(--_fg);
    background: var(--_bg-muted);
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    font-size: 1.15em;
  }
  .idle-actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .idle-prompt button {
    min-block-size: 48px;
    min-inline-size: 48px;
    padding: 0.5em 1.25em;
    font: inherit;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .idle-stay {
    color: var(--_accent-fg);
    background: var(--_accent);
    border: 1px solid transparent;
  }
  .idle-leave {
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
  }
`;
