import { html, nothing, svg, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { Task, TaskStatus } from '../internal/task.js';
import { gridsResource } from '@gridkit/sdk/resources/grids';
import type { CaseOutboxEntry, Outbox } from '@gridkit/sdk/outbox';
import { emit } from '../events.js';
import { SettingsProvider } from '../context.js';
import { GridkitElement, misconfigurationWarning } from '../internal/gridkit-element.js';
import { IdleCountdownController, idlePromptStyles } from '../internal/idle-countdown.js';
import { LocalizeController } from '../internal/localize.js';
import { outboxFor } from '../internal/outbox.js';
import { kioskStyles } from './kiosk.styles.js';
import { kioskMessages } from './messages.js';

export { kioskMessages };

/** The kiosk's screens: home, one per widget it opens, and the refused reports (for staff). */
export type KioskScreen = 'home' | 'report' | 'track' | 'board' | 'stats' | 'refused';
/** The resident's text size (适老化): each step scales the kiosk and the widget it shows. */
export type KioskTextSize = 'standard' | 'large' | 'x-large';

/** `detail` of `gk-screen-change`: the screen now shown, and why. */
export interface GkScreenChangeDetail {
  screen: KioskScreen;
  /** `choice`: a resident opened it; `home`: "back to start"; `idle`: the idle countdown ran out. */
  reason: 'choice' | 'home' | 'idle';
}
export type GkScreenChangeEvent = CustomEvent<GkScreenChangeDetail>;

declare global {
  interface HTMLElementEventMap {
    'gk-screen-change': GkScreenChangeEvent;
  }
}

const choices = ['report', 'track', 'board', 'stats'] as const;
type Choice = (typeof choices)[number];
const sizes: readonly KioskTextSize[] = ['standard', 'large', 'x-large'];

// Simple line pictograms beside each choice's words (decorative: the words carry the meaning).
const icons: Record<Choice, TemplateResult> = {
  report: svg`<path d="M24 6 44 40H4Z" /><path d="M24 18v10M24 33v1" />`,
  track: svg`<circle cx="21" cy="21" r="12" /><path d="m30 30 12 12M15 21h12M21 15v12" />`,
  board: svg`<rect x="6" y="8" width="36" height="28" rx="2" /><circle cx="17" cy="19" r="4" /><path d="M11 30c1-4 11-4 12 0M28 17h9M28 23h9M28 29h6M24 36v6" />`,
  stats: svg`<path d="M6 42h36M11 42V26M20 42V16M29 42V22M38 42V10" />`,
};

/**
 * A full-screen self-service terminal for a community centre, meant to run
 * all day: a home screen with four large choices (report a problem, follow my
 * case, our grid's team and notices, how our grid is doing), each opening
 * that widget in kiosk mode under a large "back to start" button.
 *
 * One idle timeout for the whole screen: after `idle-reset` seconds without a
 * touch it asks "still there?" with a countdown of `idle-grace` seconds, then
 * goes home. The opened widget is removed from the page and a fresh one made
 * for the next resident, so nothing the last one typed, chose or photographed
 * stays in any shadow root; the text size goes back to `text-size` too. The
 * widgets' own idle resets are switched off inside it (`idle-reset="0"`), so
 * only one countdown ever runs.
 *
 * It shows an offline banner while the browser is offline, and how many
 * reports wait on this terminal in the reporter's outbox (sent by themselves
 * when the network returns, even if nobody opens the reporter again).
 *
 * The widgets inside get the kiosk's client (its `base-url`, or the
 * provider's around it), so the kiosk counts the very outbox the reporter
 * writes to. The class does not register the widgets' tags:
 * `@gridkit/components/define/kiosk` registers all five.
 *
 * @csspart base - the outermost element, filling the screen
 * @csspart header - the top bar: title or "back to start", and the text size control
 * @csspart home-button - the "back to start" button
 * @csspart text-size - the text size control
 * @csspart status - the offline banner and the count of waiting reports
 * @csspart choice - one of the home screen's large choices
 * @csspart screen - the area an opened widget fills
 * @csspart idle-prompt - the "still there?" countdown
 * @fires gk-screen-change - a screen was opened or the kiosk went home (`detail.screen`, `detail.reason`)
 */
export class GkKiosk extends GridkitElement {
  static override styles = [...GridkitElement.styles, idlePromptStyles, kioskStyles];

  static override properties: PropertyDeclarations = {
    idleReset: { type: Number, attribute: 'idle-reset' },
    idleGrace: { type: Number, attribute: 'idle-grace' },
    textSize: { attribute: 'text-size', reflect: true },
    trackUrl: { attribute: 'track-url' },
    outbox: { attribute: false },
    screen: { attribute: false },
    chosenGrid: { attribute: false },
    chosenSize: { attribute: false },
    offline: { attribute: false },
    waiting: { attribute: false },
    refused: { attribute: false },
    confirming: { attribute: false },
    visit: { attribute: false },
    settled: { attribute: false },
  };

  protected readonly localize = new LocalizeController(this, kioskMessages);

  /** Seconds without a touch before the "still there?" prompt, on any screen but an untouched home. 0 turns it off. */
  idleReset = 90;
  /** Seconds the "still there?" prompt counts down before going home. */
  idleGrace = 20;
  /** The text size every resident starts with: `standard`, `large` or `x-large`. */
  textSize: KioskTextSize = 'standard';
  /** Passed to the reporter: the link its receipt's QR code opens (`{ticket}` and `{token}` filled in). */
  trackUrl?: string;
  /** The outbox reports go through and are counted from; by default the page's one for the client. */
  outbox?: Outbox;

  private screen: KioskScreen = 'home';
  /** With several grids: the one this resident chose. */
  private chosenGrid?: string;
  /** The text size this resident chose, forgotten on reset. */
  private chosenSize?: KioskTextSize;
  private offline = !navigator.onLine;
  private waiting = 0;
  /** Reports the server refused for good, kept on this terminal until staff discard them. */
  private refused: CaseOutboxEntry[] = [];
  /** The refused report whose "discard" was tapped once: a second tap on "confirm" discards it. */
  private confirming?: string;
  /** Bumped whenever a resident's session ends: the widgets are made afresh under a new key. */
  private visit = 0;

  /** The kiosk's own client goes to the widgets inside, so they share one outbox with it. */
  private readonly provider = new SettingsProvider(this);

  private readonly idle = new IdleCountdownController(this, {
    idleMs: () => this.idleReset * 1000,
    graceSeconds: () => this.idleGrace,
    active: () => this.screen !== 'home' || this.chosenSize !== undefined,
    onReset: () => this.goHome('idle'),
  });

  private readonly gridNames = new Task(this, {
    task: async ([core, ids], { signal }) => {
      if (!core || !ids) return new Map<string, string>();
      const grids = await Promise.all(ids.split(' ').map((id) => gridsResource(core).get(id, { signal })));
      return new Map(grids.map((grid) => [grid.id, grid.name]));
    },
    args: () => [this.core, this.grids.join(' ')] as const,
  });

  private watched?: Outbox;
  private focusNext?: string;
  private promptShown = false;
  private warned = new Set<string>();
  /**
   * Pages often set \`grid-id\` a moment after the element appears (once they
   * have looked the grid up): a missing attribute is reported only if it is
   * still missing a second later.
   */
  private settled = false;
  private settleTimer?: ReturnType<typeof setTimeout>;

  private readonly onOnline = () => {
    this.offline = false;
    if (this.gridNames.status === TaskStatus.ERROR) void this.gridNames.run();
  };
  private readonly onOffline = () => (this.offline = true);
  private readonly onOutboxChange = () => void this.count();

  /** The grids this terminal serves: its `grid-id` (or the provider's), several separated by spaces or commas. */
  private get grids(): string[] {
    return (this.activeGridId ?? '').split(/[\s,]+/).filter(Boolean);
  }

  private get size(): KioskTextSize {
    return this.chosenSize ?? (sizes.includes(this.textSize) ? this.textSize : 'standard');
  }

  private get activeOutbox(): Outbox | undefined {
    if (this.outbox) return this.outbox;
    const core = this.core;
    return core ? outboxFor(core, 'reports') : undefined;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.offline = !navigator.onLine;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.settleTimer = setTimeout(() => (this.settled = true), 1000);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.settleTimer);
    this.watch(undefined);
  }

  protected override willUpdate() {
    const core = this.core;
    if (this.provider.value?.core !== core) this.provider.setValue(core ? { core, kiosk: true } : undefined);
  }

  protected override updated(changed: PropertyValues<this>) {
    // Opening the outbox also sends what an earlier session left on this terminal.
    this.watch(this.core ? this.activeOutbox : undefined);
    if (changed.has('idleReset')) this.idle.restart();
    this.warnMisconfiguration();

    const prompting = this.idle.secondsLeft !== undefined;
    if (prompting && !this.promptShown) this.renderRoot.querySelector<HTMLElement>('.idle-stay')?.focus();
    this.promptShown = prompting;
    if (this.focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this.focusNext)?.focus();
      this.focusNext = undefined;
    }
  }

  private watch(outbox: Outbox | undefined) {
    if (outbox === this.watched) return;
    this.watched?.removeEventListener('change', this.onOutboxChange);
    this.watched = outbox;
    outbox?.addEventListener('change', this.onOutboxChange);
    void this.count();
  }

  private async count() {
    const outbox = this.watched;
    const entries = outbox ? await outbox.pending().catch(() => []) : [];
    if (outbox !== this.watched) return;
    const reports = entries.filter((entry) => entry.kind === 'case');
    this.refused = reports.filter((entry) => entry.state === 'failed');
    this.waiting = reports.length - this.refused.length;
  }

  /** A console warning, once, naming what the page forgot: the developer sees it, residents see a plain notice. */
  private warnMisconfiguration() {
    const problem = this.settled ? this.configurationProblem(true) : undefined;
    if (problem && !this.warned.has(problem.kind)) {
      this.warned.add(problem.kind);
      console.warn(misconfigurationWarning(problem.kind, this.localName));
    }
  }

  private open(screen: Choice | 'refused') {
    this.screen = screen;
    this.chosenGrid = this.grids.length === 1 ? this.grids[0] : undefined;
    this.focusNext = '#screen-heading';
    this.idle.restart();
    emit(this, 'gk-screen-change', { screen, reason: 'choice' });
  }

  /** Home, without the last widget: it is removed, and the next visit makes a new one. */
  private goHome(reason: 'home' | 'idle') {
    this.screen = 'home';
    this.confirming = undefined;
    this.chosenGrid = undefined;
    this.visit += 1;
    if (reason === 'idle') this.chosenSize = undefined;
    this.focusNext = '#home-heading';
    this.idle.restart();
    emit(this, 'gk-screen-change', { screen: 'home', reason });
  }

  private chooseSize(size: KioskTextSize) {
    this.chosenSize = size === this.textSize ? undefined : size;
    // A chosen size is a trace of this resident: the countdown puts it back.
    this.idle.restart();
  }

  private chooseGrid(id: string) {
    this.chosenGrid = id;
    this.focusNext = '#screen-heading';
    this.idle.restart();
  }

  override render() {
    const m = this.localize.messages;
    const prompting = this.idle.secondsLeft !== undefined;
    const misconfigured = this.settled ? this.configurationProblem(true)?.kind : undefined;
    const problem = !misconfigured ? undefined : misconfigured === 'missing-grid' ? m.noGridSet : m.noClient;
    const configured = !!this.core && this.grids.length > 0;
    return html`<div part="base" class="root" data-size=${this.size}>
      <header part="header" ?inert=${prompting}>
        ${
          this.screen === 'home'
            ? html`<div class="titles">
                <h1 id="home-heading" tabindex="-1">${m.title}</h1>
                ${this.renderServed()}
              </div>`
            : html`<div class="titles">
                <button type="button" class="home" part="home-button" @click=${() => this.goHome('home')}>
                  <svg viewBox="0 0 48 48" aria-hidden="true"><path d="M6 24 24 8l18 16M12 19v21h24V19" /></svg>
                  ${m.home}
                </button>
                <h1 id="screen-heading" tabindex="-1">${m.screens[this.screen].title}</h1>
              </div>`
        }
        ${this.renderTextSize()}
      </header>
      <div class="status" part="status" role="status" ?inert=${prompting}>${this.renderStatus()}</div>
      <main ?inert=${prompting}>
        ${
          problem
            ? html`<p class="misconfigured" role="alert">${problem}</p>`
            : !configured
              ? nothing
              : this.screen === 'home'
                ? this.renderHome()
                : this.screen === 'refused'
                  ? this.renderRefused()
                  : this.renderScreen(this.screen)
        }
      </main>
      ${
        prompting
          ? html`<div class="backdrop" @pointerdown=${this.swallow} @click=${() => this.idle.restart()}></div>
              <div
                class="idle-layer"
                @pointerdown=${this.swallow}
                @keydown=${this.swallow}
                @focusin=${this.swallow}
                @input=${this.swallow}
                @wheel=${this.swallow}
              >
                ${this.idle.render({
                  title: m.idleTitle,
                  prompt: (seconds) => m.idlePrompt(this.localize.number(seconds)),
                  stay: m.idleStay,
                  leave: m.idleLeave,
                })}
              </div>`
          : nothing
      }
    </div>`;
  }

  // Inside the prompt a touch must reach its buttons: the shared controller
  // would take a pointerdown anywhere as "still there" and remove the prompt
  // before the click lands, so "back to start" could never be tapped.
  private readonly swallow = (event: Event) => event.stopPropagation();

  private renderServed() {
    const names = this.gridNames.value;
    if (!names?.size) return nothing;
    const list = this.grids.map((id) => names.get(id) ?? id).join(this.localize.messages.listSeparator);
    return html`<p class="served">${this.localize.messages.servedGrids(list)}</p>`;
  }

  private renderTextSize() {
    const m = this.localize.messages;
    return html`<div class="text-size" part="text-size" role="group" aria-labelledby="text-size-label">
      <span id="text-size-label">${m.textSize}</span>
      ${sizes.map(
        (size) =>
          html`<button
            type="button"
            class="size-${size}"
            aria-pressed=${this.size === size ? 'true' : 'false'}
            @click=${() => this.chooseSize(size)}
          >
            ${m.textSizes[size]}
          </button>`,
      )}
    </div>`;
  }

  private renderStatus() {
    const m = this.localize.messages;
    const n = (count: number) => this.localize.number(count);
    return html`${
      this.offline
        ? html`<div class="banner offline">
            <svg viewBox="0 0 48 48" aria-hidden="true">
              <path d="M6 18c10-9 26-9 36 0M12 25c7-6 17-6 24 0M18 32c3-3 9-3 12 0M8 8l32 32" />
            </svg>
            <span><strong>${m.offlineTitle}</strong> ${m.offlineDetail}</span>
          </div>`
        : nothing
    }
    ${this.waiting > 0 ? html`<div class="banner queue">${m.queued(this.waiting, n(this.waiting))}</div>` : nothing}
    ${
      this.refused.length > 0
        ? html`<div class="banner refused">
            <span>${m.failed(this.refused.length, n(this.refused.length))}</span>
            ${
              this.screen === 'refused'
                ? nothing
                : html`<button type="button" class="open-refused" @click=${() => this.open('refused')}>
                    ${m.refusedOpen}
                  </button>`
            }
          </div>`
        : nothing
    }`;
  }

  private renderHome() {
    const m = this.localize.messages;
    return html`<section class="home-screen" aria-labelledby="home-heading">
      <p class="intro">${m.homeIntro}</p>
      <ul class="choices" role="list">
        ${choices.map(
          (choice) =>
            html`<li>
              <button
                type="button"
                class="choice"
                part="choice"
                data-choice=${choice}
                @click=${() => this.open(choice)}
              >
                <svg viewBox="0 0 48 48" aria-hidden="true">${icons[choice]}</svg>
                <span class="choice-text">
                  <span class="choice-title">${m.choices[choice].title}</span>
                  <span class="choice-desc">${m.choices[choice].desc}</span>
                </span>
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  /**
   * What support staff need to clear a refused report: when, which category,
   * the server's reason and request id. Nothing a resident typed is shown
   * (the next resident may be reading); discarding takes a second tap.
   */
  private renderRefused() {
    const m = this.localize.messages;
    return html`<section class="screen refused-screen" part="screen" aria-labelledby="screen-heading">
      <p class="help">${m.screens.refused.help}</p>
      ${
        this.refused.length === 0
          ? html`<p class="none-refused" role="status">${m.noneRefused}</p>`
          : html`<ul class="refused-list" role="list">
              ${this.refused.map((entry) => {
                const problem = entry.problem;
                return html`<li class="refused-entry" data-entry=${entry.id}>
                  <dl>
                    <div>
                      <dt>${m.refusedWhen}</dt>
                      <dd>${this.localize.date(entry.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
                    </div>
                    <div>
                      <dt>${m.refusedCategory}</dt>
                      <dd>${entry.input.categoryCode}</dd>
                    </div>
                    <div>
                      <dt>${m.refusedReason}</dt>
                      <dd>${problem?.detail ?? problem?.title ?? ''}</dd>
                    </div>
                    ${
                      problem?.requestId
                        ? html`<div>
                            <dt>${m.refusedRequest}</dt>
                            <dd class="request-id">
                              ${problem.status ? `${m.httpStatus(problem.status)}${m.metaSeparator}` : ''}${problem.requestId}
                            </dd>
                          </div>`
                        : nothing
                    }
                  </dl>
                  ${
                    this.confirming === entry.id
                      ? html`<div class="confirm" role="group" aria-label=${m.discardQuestion}>
                          <span>${m.discardQuestion}</span>
                          <button type="button" class="discard-confirm" @click=${() => this.discard(entry.id)}>
                            ${m.discardConfirm}
                          </button>
                          <button type="button" class="discard-cancel" @click=${() => (this.confirming = undefined)}>
                            ${m.discardCancel}
                          </button>
                        </div>`
                      : html`<button type="button" class="discard" @click=${() => (this.confirming = entry.id)}>
                          ${m.discard}
                        </button>`
                  }
                </li>`;
              })}
            </ul>`
      }
    </section>`;
  }

  private async discard(id: string) {
    this.confirming = undefined;
    this.idle.restart();
    await this.watched?.discard(id);
    await this.count();
    this.focusNext = '#screen-heading';
  }

  private renderScreen(screen: Choice) {
    const m = this.localize.messages;
    const gridId = screen === 'track' ? undefined : this.chosenGrid;
    const body =
      screen !== 'track' && !gridId
        ? this.renderGridChooser()
        : keyed(`${this.visit}:${screen}:${gridId ?? ''}`, this.renderWidget(screen, gridId));
    return html`<section class="screen" part="screen" aria-labelledby="screen-heading">
      <p class="help">${m.screens[screen].help}</p>
      ${body}
    </section>`;
  }

  private renderGridChooser() {
    const names = this.gridNames.value;
    return html`<fieldset class="grids">
      <legend>${this.localize.messages.chooseGrid}</legend>
      <ul role="list">
        ${this.grids.map(
          (id) =>
            html`<li>
              <button type="button" class="grid-choice" @click=${() => this.chooseGrid(id)}>
                ${names?.get(id) ?? id}
              </button>
            </li>`,
        )}
      </ul>
    </fieldset>`;
  }

  // Each widget in its kiosk form, its own idle reset off: the kiosk's one countdown covers it.
  private renderWidget(screen: Choice, gridId: string | undefined) {
    switch (screen) {
      case 'report':
        return html`<gk-issue-reporter
          kiosk
          idle-reset="0"
          grid-id=${ifDefined(gridId)}
          track-url=${ifDefined(this.trackUrl)}
          .outbox=${this.outbox}
        ></gk-issue-reporter>`;
      case 'track':
        return html`<gk-case-tracker kiosk layout="kiosk" idle-reset="0" refresh="60"></gk-case-tracker>`;
      case 'board':
        return html`<gk-notice-board kiosk layout="kiosk" refresh="60" grid-id=${ifDefined(gridId)}></gk-notice-board>`;
      case 'stats':
        return html`<gk-resolution-rate kiosk layout="kiosk" grid-id=${ifDefined(gridId)}></gk-resolution-rate>`;
    }
  }
}
