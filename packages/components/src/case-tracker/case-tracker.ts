import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import {
  isFinalStatus,
  isGridkitError,
  isProblem,
  normalizeTicket,
  ticketPattern,
  type CaseStatus,
  type Evaluation,
  type PublicCase,
  type PublicCaseEvent,
} from '@gridkit/sdk/core';
import { casesResource } from '@gridkit/sdk/resources/cases';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { IdleController } from '../internal/idle.js';
import { LocalizeController } from '../internal/localize.js';
import { StaleWhileErrorController, type ReadyState } from '../internal/stale-while-error.js';
import { freshnessStyles, renderFreshness, renderLoading, renderProblem, stateStyles } from '../internal/states.js';
import { cardStyles } from '../internal/card.js';
import { caseTrackerMessages } from './messages.js';
import { caseTrackerStyles } from './case-tracker.styles.js';

/** `detail` of `gk-case-found`: the case that was shown. */
export interface GkCaseFoundDetail {
  ticket: string;
  status: CaseStatus;
}
/** `detail` of `gk-case-evaluated`: the rating the resident gave. */
export interface GkCaseEvaluatedDetail {
  ticket: string;
  score: number;
}
/** `detail` of `gk-case-disputed`: the case the resident disputed, now back in handling. */
export interface GkCaseDisputedDetail {
  ticket: string;
}
/** Fired after a successful look-up. */
export type GkCaseFoundEvent = CustomEvent<GkCaseFoundDetail>;
/** Fired once the resident's rating was stored. */
export type GkCaseEvaluatedEvent = CustomEvent<GkCaseEvaluatedDetail>;
/** Fired once the resident's dispute was stored and the case went back to handling (返工). */
export type GkCaseDisputedEvent = CustomEvent<GkCaseDisputedDetail>;

declare global {
  interface HTMLElementEventMap {
    /** The tracker went back to an empty form after a period without use. */
    'gk-reset': CustomEvent<Record<string, never>>;
    'gk-case-found': GkCaseFoundEvent;
    'gk-case-evaluated': GkCaseEvaluatedEvent;
    'gk-case-disputed': GkCaseDisputedEvent;
  }
}

// The SDK's, re-exported where this package has always offered them.
export { normalizeTicket, ticketPattern };

const commentMax = 500;
/** `DisputeInput.reason`'s maxLength in the contract. */
const reasonMax = 500;

type TicketError = 'missing' | 'malformed';
type RatingNote = 'choose' | 'token' | 'failed' | 'already' | 'thanks';
type DisputeNote = 'missing' | 'token' | 'failed' | 'window' | 'not-closed' | 'sent';

/**
 * Follow a case by its work-order number (工单号) and tracking token (查询码):
 * its status in words, the level handling it, deadlines, the public timeline,
 * and, once closed, a one-time rating of the result and, within 7 days of
 * closing, the resident's dispute of it (返工). With the token it also shows
 * the follow-up (回访) a low rating opened.
 *
 * @csspart base - the outermost element: the form and what it found
 * @csspart form - the look-up form
 * @csspart status - the case's status and facts
 * @csspart timeline - the ordered list of events
 * @csspart rating - the rating form, or the rating given
 * @csspart priority - the case's urgency badge (紧急, 需协调) next to its status; absent for ordinary cases
 * @csspart follow-up - the follow-up's state (回访中 / 已回访), with the token
 * @csspart dispute - the dispute action, its form, or what became of it
 * @csspart state - loading, not found, error, offline and set-up messages
 * @csspart retry - the retry button
 * @csspart stale - the line over a case kept from an earlier look-up ("updated 10:42 — reconnecting…"); empty while fresh
 * @csspart stale-retry - its "try now" button
 * @fires gk-case-found - a case was found and shown (`detail.ticket`, `detail.status`)
 * @fires gk-case-evaluated - the resident's rating was stored (`detail.ticket`, `detail.score`)
 * @fires gk-case-disputed - the resident's dispute was stored and the case is back in handling (`detail.ticket`)
 * @fires gk-error - a look-up, a rating or a dispute failed (not for an unknown ticket)
 * @fires gk-reset - the tracker went back to an empty form after a period without use (kiosk idle reset)
 */
export class GkCaseTracker extends GridkitElement {
  static override styles = [...GridkitElement.styles, stateStyles, freshnessStyles, cardStyles, caseTrackerStyles];

  static override properties: PropertyDeclarations = {
    ticket: {},
    token: {},
    readUrl: { type: Boolean, attribute: 'read-url' },
    layout: { reflect: true },
    idleReset: { type: Number, attribute: 'idle-reset' },
    refresh: { type: Number },
    draftTicket: { attribute: false },
    draftToken: { attribute: false },
    ticketError: { attribute: false },
    tokenWrong: { attribute: false },
    query: { attribute: false },
    lookups: { attribute: false },
    score: { attribute: false },
    comment: { attribute: false },
    sending: { attribute: false },
    ratingNote: { attribute: false },
    ratingError: { attribute: false },
    given: { attribute: false },
    disputeOpen: { attribute: false },
    reason: { attribute: false },
    disputing: { attribute: false },
    disputeNote: { attribute: false },
    disputeError: { attribute: false },
    disputeClosedUntil: { attribute: false },
  };

  protected readonly localize = new LocalizeController(this, caseTrackerMessages);

  /** The work-order number to show; looked up as soon as it is set. Lower case and spaces are accepted. */
  ticket?: string;
  /** The tracking token from the receipt; needed to rate the result. */
  token?: string;
  /** Take `ticket` and `token` from the page's `?ticket=&token=` (a link or QR code on the receipt). */
  readUrl = false;
  /** `card` (default) or `kiosk` (large text and touch targets). */
  layout: 'card' | 'kiosk' = 'card';
  /**
   * Seconds without a touch or key press after which the tracker forgets the
   * ticket, token and result. Default: 90 in the kiosk layout (a shared screen),
   * never in the card layout. 0 turns it off.
   */
  idleReset?: number;
  /** Seconds between reloads of the shown case while it is on screen and the tab visible; 0 (default) never. */
  refresh = 0;

  private draftTicket = '';
  private draftToken = '';
  private ticketError?: TicketError;
  private tokenWrong = false;
  /** The valid ticket being shown, and a counter that re-runs the same look-up. */
  private query?: string;
  private lookups = 0;

  private score?: number;
  private comment = '';
  private sending = false;
  private ratingNote?: RatingNote;
  private ratingError?: unknown;
  private given?: { ticket: string; evaluation: Evaluation };

  private disputeOpen = false;
  private reason = '';
  private disputing = false;
  private disputeNote?: DisputeNote;
  private disputeError?: unknown;
  /** The window that closed, as the server's 409 found it, to say until when it was open. */
  private disputeClosedUntil?: string;

  private get ticketInput() {
    return this.renderRoot.querySelector<HTMLInputElement>('#ticket')!;
  }
  private get tokenInput() {
    return this.renderRoot.querySelector<HTMLInputElement>('#token')!;
  }

  /** Focus the result once it arrives, when the resident asked for it with the form. */
  private focusResult = false;
  /** Focus what became of the dispute once the case is read again after it. */
  private focusDispute = false;

  private readonly idle = new IdleController(
    this,
    () => this.forget(),
    () => (this.idleReset ?? (this.layout === 'kiosk' ? 90 : 0)) * 1000,
  );

  /** Back to an empty form: the next resident at a kiosk sees nothing of the last one's case. */
  private forget() {
    this.ticket = this.token = this.query = this.ticketError = this.score = this.ratingNote = undefined;
    this.ratingError = this.given = undefined;
    this.draftTicket = this.draftToken = this.comment = '';
    this.tokenWrong = this.sending = false;
    this.resetDispute();
    if (this.readUrl && /[?&](ticket|token)=/.test(location.search)) {
      const url = new URL(location.href);
      url.searchParams.delete('ticket');
      url.searchParams.delete('token');
      history.replaceState(history.state, '', url);
    }
    emit(this, 'gk-reset', {});
  }

  private readonly lookup = new StaleWhileErrorController(this, {
    // With the token the view adds the public notes and the resident's evaluation.
    // A wrong token still shows what anyone may see by the ticket, with the token marked wrong.
    task: async ([core, ticket, trackingToken], { signal }) => {
      if (!ticket) return null;
      const cases = casesResource(core!);
      if (!trackingToken) return cases.getPublic(ticket, { signal });
      try {
        return await cases.getPublic(ticket, { signal, trackingToken });
      } catch (error) {
        if (!isProblem(error, 'invalid-tracking-token')) throw error;
        this.tokenWrong = true;
        return cases.getPublic(ticket, { signal });
      }
    },
    args: () => [this.core, this.query, this.token, this.lookups] as const,
    configuration: () => this.configurationProblem(false),
    interval: () => (this.query ? this.refresh * 1000 : 0),
    live: ([core, ticket]) => (core && ticket ? { core, topics: { ticket } } : undefined),
    // Another case's look-up shows the loading state, never the previous case.
    keepWhilePending: 'same-args',
    onComplete: (found) => {
      if (!found) return;
      this.idle.restart();
      emit(this, 'gk-case-found', { ticket: found.ticket, status: found.status });
      if (this.focusResult) {
        this.focusResult = false;
        this.requestUpdate(); // the task re-renders only after this callback
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#result-heading')?.focus());
      } else if (this.focusDispute) {
        this.focusDispute = false;
        this.requestUpdate();
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#dispute-status')?.focus());
      }
    },
    onError: (error) => {
      this.focusResult = false;
      if (!(isGridkitError(error) && error.status === 404)) emit(this, 'gk-error', { error: error as Error });
    },
  });

  override connectedCallback() {
    super.connectedCallback();
    if (this.readUrl) {
      const params = new URLSearchParams(location.search);
      this.ticket = params.get('ticket') ?? this.ticket;
      this.token = params.get('token') ?? this.token;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('ticket')) {
      const ticket = normalizeTicket(this.ticket ?? '');
      this.draftTicket = ticket;
      this.ticketError = ticket && !ticketPattern.test(ticket) ? 'malformed' : undefined;
      this.query = ticket && !this.ticketError ? ticket : undefined;
    }
    if (changed.has('token')) {
      this.draftToken = this.token ?? '';
      this.tokenWrong = false;
    }
    if (changed.has('refresh')) this.lookup.schedule();
    if ((changed as PropertyValues).has('query')) {
      this.score = undefined;
      this.comment = '';
      this.ratingNote = undefined;
      this.ratingError = undefined;
      this.resetDispute();
    }
  }

  private resetDispute() {
    this.disputeOpen = this.disputing = false;
    this.reason = '';
    this.disputeNote = this.disputeError = this.disputeClosedUntil = undefined;
  }

  private onSearch(event: SubmitEvent) {
    event.preventDefault();
    const ticket = normalizeTicket(this.draftTicket);
    this.ticketError = !ticket ? 'missing' : ticketPattern.test(ticket) ? undefined : 'malformed';
    if (this.ticketError) {
      this.ticketInput.focus();
      return;
    }
    this.token = this.draftToken.trim() || undefined;
    this.ticket = ticket;
    this.draftTicket = ticket;
    this.lookups += 1;
    this.focusResult = true;
  }

  private onTicketInput(event: InputEvent) {
    this.draftTicket = (event.target as HTMLInputElement).value;
    // Lion-style: once an error shows, it follows the input and goes away as soon as the value is right.
    if (this.ticketError && ticketPattern.test(normalizeTicket(this.draftTicket))) this.ticketError = undefined;
  }

  private onTokenInput(event: InputEvent) {
    this.draftToken = (event.target as HTMLInputElement).value;
    this.tokenWrong = false;
  }

  private async onRate(event: SubmitEvent, found: PublicCase) {
    event.preventDefault();
    if (this.sending) return;
    const score = this.score;
    if (!score) {
      this.ratingNote = 'choose';
      this.renderRoot.querySelector<HTMLInputElement>('input[name="score"]')?.focus();
      return;
    }
    const core = this.core;
    const trackingToken = (this.draftToken.trim() || this.token) ?? '';
    if (!core || !trackingToken) return;
    this.sending = true;
    this.ratingNote = undefined;
    this.ratingError = undefined;
    this.tokenWrong = false;
    const comment = this.comment.trim();
    try {
      // One call: the SDK retries it with a single idempotency key, so it is stored once.
      const evaluation = await casesResource(core).evaluate(found.ticket, {
        trackingToken,
        score,
        ...(comment ? { comment } : {}),
      });
      this.given = { ticket: found.ticket, evaluation };
      this.ratingNote = 'thanks';
      emit(this, 'gk-case-evaluated', { ticket: found.ticket, score });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#rating-heading')?.focus();
    } catch (error) {
      if (isProblem(error, 'invalid-tracking-token')) {
        this.tokenWrong = true;
        this.ratingNote = 'token';
        await this.updateComplete;
        this.tokenInput.focus();
      } else if (isGridkitError(error) && error.status === 409) {
        // Already rated (perhaps from another device) or no longer closed: show what the server has now.
        this.ratingNote = isProblem(error, 'already-evaluated') ? 'already' : undefined;
        this.lookups += 1;
      } else {
        this.ratingNote = 'failed';
        this.ratingError = error;
        emit(this, 'gk-error', { error: error as Error });
      }
    } finally {
      this.sending = false;
    }
  }

  private async openDispute() {
    this.disputeOpen = true;
    this.disputeNote = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#dispute-reason')?.focus();
  }

  private async closeDispute() {
    this.disputeOpen = false;
    this.disputeNote = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#dispute-open')?.focus();
  }

  private async onDispute(event: SubmitEvent, found: PublicCase) {
    event.preventDefault();
    if (this.disputing) return;
    const reason = this.reason.trim();
    if (!reason) {
      this.disputeNote = 'missing';
      this.renderRoot.querySelector<HTMLElement>('#dispute-reason')?.focus();
      return;
    }
    const core = this.core;
    const trackingToken = (this.draftToken.trim() || this.token) ?? '';
    if (!core || !trackingToken) return;
    this.disputing = true;
    this.disputeNote = this.disputeError = undefined;
    this.tokenWrong = false;
    try {
      // One call: the SDK retries it under one idempotency key, so the case is reopened once.
      await casesResource(core).dispute(found.ticket, { trackingToken, reason });
      this.disputeOpen = false;
      this.reason = '';
      this.disputeNote = 'sent';
      emit(this, 'gk-case-disputed', { ticket: found.ticket });
      // Read the case again: back in handling, with the reason in its timeline.
      this.focusDispute = true;
      this.lookups += 1;
    } catch (error) {
      if (isProblem(error, 'invalid-tracking-token')) {
        this.tokenWrong = true;
        this.disputeNote = 'token';
        await this.updateComplete;
        this.tokenInput.focus();
      } else if (isProblem(error, 'dispute-window-closed')) {
        this.disputeOpen = false;
        this.disputeNote = 'window';
        this.disputeClosedUntil = found.disputeUntil;
        this.focusDispute = true;
        this.lookups += 1;
      } else if (isGridkitError(error) && error.status === 409) {
        // No longer closed (disputed from another device, or a staff step): show what the server has now.
        this.disputeOpen = false;
        this.disputeNote = 'not-closed';
        this.focusDispute = true;
        this.lookups += 1;
      } else {
        this.disputeNote = 'failed';
        this.disputeError = error;
        emit(this, 'gk-error', { error: error as Error });
      }
    } finally {
      this.disputing = false;
    }
  }

  override render() {
    return html`<div part="base">
      ${this.renderForm()}
      <div class="outcome">
        ${this.lookup.render({
          initial: () => nothing,
          loading: () => renderLoading(this.localize.messages),
          ready: (found, state) => (found ? this.renderCase(found, state) : nothing),
          problem: (error) => this.renderLookupError(error),
        })}
      </div>
    </div>`;
  }

  private renderForm() {
    const m = this.localize.messages;
    const error = this.ticketError === 'missing' ? m.ticketMissing : this.ticketError ? m.ticketMalformed : '';
    return html`<form
      part="form"
      class="lookup card-surface"
      aria-label=${m.formLabel}
      novalidate
      @submit=${this.onSearch}
    >
      <div class="field">
        <label for="ticket">${m.ticketLabel}</label>
        <input
          id="ticket"
          name="ticket"
          type="text"
          inputmode="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          enterkeyhint="search"
          aria-invalid=${this.ticketError ? 'true' : 'false'}
          aria-describedby="ticket-error ticket-hint"
          .value=${this.draftTicket}
          @input=${this.onTicketInput}
        />
        <p id="ticket-hint" class="hint">${m.ticketHint}</p>
        <p id="ticket-error" class="error" aria-live="polite">${error}</p>
      </div>
      <div class="field">
        <label for="token">${m.tokenLabel}</label>
        <input
          id="token"
          name="token"
          type="text"
          inputmode="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="search"
          aria-invalid=${this.tokenWrong ? 'true' : 'false'}
          aria-describedby="token-error token-hint"
          .value=${this.draftToken}
          @input=${this.onTokenInput}
        />
        <p id="token-hint" class="hint">${m.tokenHint}</p>
        <p id="token-error" class="error" aria-live="polite">${this.tokenWrong ? m.tokenWrong : ''}</p>
      </div>
      <button type="submit" class="primary">${m.search}</button>
    </form>`;
  }

  private renderLookupError(error: unknown) {
    const m = this.localize.messages;
    if (isGridkitError(error) && error.status === 404) {
      return html`<div class="state not-found" part="state" role="alert">
        <strong>${m.notFoundTitle}</strong>
        <span>${m.notFoundDetail(this.query ?? '')}</span>
      </div>`;
    }
    return renderProblem(m, error, () => this.lookup.reload(), this.localName);
  }

  private renderCase(found: PublicCase, { busy, freshness }: ReadyState) {
    const m = this.localize.messages;
    const when = (value: string) => this.localize.date(value, { dateStyle: 'medium', timeStyle: 'short' });
    const time = (at: number) => this.localize.date(new Date(at), { timeStyle: 'short' });
    const overdue = !isFinalStatus(found.status) && Date.parse(found.dueAt) < Date.now();
    // A rejected case has no deadline to meet; a closed one says whether it met it.
    const showDue = found.status !== 'rejected';
    const closedLate = found.closedAt !== undefined && Date.parse(found.closedAt) > Date.parse(found.dueAt);
    const rejection =
      found.status === 'rejected' ? found.timeline.findLast((event) => event.type === 'reject')?.publicNote : undefined;
    // Staff's notes and the resident's rating come only with the receipt's token.
    const withToken = Boolean(this.token) && !this.tokenWrong;
    const priority = m.priorities[found.priority] ?? '';
    return html`${renderFreshness(m, freshness, time, () => this.lookup.reload())}
      <article class="case card-surface" aria-busy=${busy ? 'true' : 'false'}>
        <section class="summary" part="status" aria-labelledby="result-heading">
          <h2 id="result-heading" tabindex="-1">${m.caseTitle(found.ticket)}</h2>
          <p class="status-line">
            <span class="visually-hidden">${m.labelled(m.statusLabel, '')}</span>
            <span class="status status-${found.status}">${m.statuses[found.status] ?? found.status}</span>
            ${
              // Ordinary is the default: only a priority that changes how the case is handled is worth a badge.
              found.priority !== 'ordinary'
                ? html`<span class="badge priority priority-${found.priority}" part="priority"
                    ><span class="visually-hidden">${m.labelled(m.priorityLabel, '')}</span>${priority}</span
                  >`
                : nothing
            }
          </p>
          ${
            rejection
              ? html`<p class="reason">
                  <strong>${m.labelled(m.rejectedReason, '')}</strong><span class="note">${rejection}</span>
                </p>`
              : nothing
          }
          ${
            // A case waiting for a rating says so in its rating section instead.
            withToken || found.canEvaluate
              ? nothing
              : html`<p class="token-note" part="token-note">
                  ${found.status === 'rejected' ? m.reasonNeedsToken : m.tokenUnlocks}
                </p>`
          }
          <dl class="facts">
            <div>
              <dt>${m.level}</dt>
              <dd>${m.levels[found.level] ?? found.level}</dd>
            </div>
            <div>
              <dt>${m.category}</dt>
              <dd>${this.localize.text(found.categoryName) ?? found.categoryCode}</dd>
            </div>
            <div>
              <dt>${m.grid}</dt>
              <dd>${found.gridName}</dd>
            </div>
            <div>
              <dt>${m.reported}</dt>
              <dd><time datetime=${found.createdAt}>${when(found.createdAt)}</time></dd>
            </div>
            ${
              showDue
                ? html`<div>
                    <dt>${m.due}</dt>
                    <dd>
                      <time datetime=${found.dueAt}>${when(found.dueAt)}</time>
                      ${found.priority !== 'ordinary' ? html`<span class="due-rule">${m.dueByPriority(priority)}</span>` : nothing}
                      ${overdue ? html`<span class="badge overdue">${m.overdue}</span>` : nothing}
                    </dd>
                  </div>`
                : nothing
            }
            ${
              found.closedAt
                ? html`<div>
                    <dt>${m.closed}</dt>
                    <dd>
                      <time datetime=${found.closedAt}>${when(found.closedAt)}</time>
                      ${closedLate ? html`<span class="badge overdue late">${m.closedLate}</span>` : nothing}
                    </dd>
                  </div>`
                : nothing
            }
            ${
              found.followUp
                ? html`<div class="follow-up" part="follow-up">
                    <dt>${m.followUpLabel}</dt>
                    <dd>
                      ${
                        found.followUp.status === 'done' && found.followUp.doneAt
                          ? m.followUpDone(when(found.followUp.doneAt))
                          : m.followUpOpen(when(found.followUp.openedAt))
                      }
                    </dd>
                  </div>`
                : nothing
            }
          </dl>
        </section>
        <section class="history" aria-labelledby="timeline-heading">
          <h3 id="timeline-heading">${m.timeline}</h3>
          <ol class="timeline" part="timeline">
            ${found.timeline.map(
              (event) =>
                html`<li class="event event-${event.type}">
                  <span class="action">${this.eventWords(event)}</span>
                  <time datetime=${event.at}>${when(event.at)}</time>
                  ${event.publicNote ? html`<p class="note">${event.publicNote}</p>` : nothing}
                </li>`,
            )}
          </ol>
        </section>
        ${this.renderRating(found)} ${this.renderDispute(found, withToken)}
      </article>`;
  }

  /** A timeline step in words; every `CaseEventType` has some (a test holds the catalogs to the contract). */
  private eventWords(event: PublicCaseEvent): string {
    const m = this.localize.messages;
    if (event.type === 'escalate') return m.escalatedTo(m.levelNames[event.level] ?? '');
    const words = m.events[event.type] ?? '';
    // `priority` is present only on the steps that set it (an accept with another priority, a prioritize).
    return event.priority && (event.type === 'accept' || event.type === 'prioritize')
      ? m.eventWithPriority(words, m.priorities[event.priority] ?? '')
      : words;
  }

  private renderRating(found: PublicCase) {
    if (found.status !== 'closed') return nothing;
    const m = this.localize.messages;
    const evaluation = found.evaluation ?? (this.given?.ticket === found.ticket ? this.given.evaluation : undefined);
    if (evaluation) {
      return html`<section class="rating given" part="rating" aria-labelledby="rating-heading">
        <h3 id="rating-heading" tabindex="-1">${this.ratingNote === 'thanks' ? m.thanks : m.yourRating}</h3>
        ${this.ratingNote === 'already' ? html`<p role="status">${m.alreadyEvaluated}</p>` : nothing}
        <p class="score-given">
          <span class="stars" aria-hidden="true"
            >${'★'.repeat(evaluation.score)}${'☆'.repeat(5 - evaluation.score)}</span
          >
          ${m.scoreLabel(this.localize.number(evaluation.score), m.scores[evaluation.score - 1] ?? '')}
        </p>
        ${evaluation.comment ? html`<p class="note">${evaluation.comment}</p>` : nothing}
      </section>`;
    }
    if (!found.canEvaluate) return nothing;
    if (!this.token && !this.draftToken.trim()) {
      return html`<section class="rating" part="rating">
        <p class="hint-box">${m.needToken}</p>
      </section>`;
    }
    const problem = this.ratingNote === 'failed' ? this.ratingError : undefined;
    const requestId = isGridkitError(problem) ? problem.requestId : undefined;
    return html`<form
      class="rating"
      part="rating"
      novalidate
      aria-labelledby="rating-legend"
      @submit=${(event: SubmitEvent) => this.onRate(event, found)}
    >
      <fieldset aria-describedby="rating-note">
        <legend id="rating-legend">${m.ratingLegend}</legend>
        <div class="scores">
          ${[1, 2, 3, 4, 5].map(
            (score) =>
              html`<label class="score">
                <input
                  type="radio"
                  name="score"
                  .value=${String(score)}
                  .checked=${this.score === score}
                  ?disabled=${this.sending}
                  @change=${() => {
                    this.score = score;
                    if (this.ratingNote === 'choose') this.ratingNote = undefined;
                  }}
                />
                <span>${m.scoreLabel(this.localize.number(score), m.scores[score - 1] ?? '')}</span>
              </label>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label for="comment">${m.commentLabel}</label>
        <textarea
          id="comment"
          name="comment"
          rows="3"
          maxlength=${commentMax}
          aria-describedby="comment-count"
          ?disabled=${this.sending}
          .value=${this.comment}
          @input=${(event: InputEvent) => (this.comment = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <p id="comment-count" class="hint">
          ${m.commentCount(this.localize.number(this.comment.length), this.localize.number(commentMax))}
        </p>
      </div>
      <p id="rating-note" class="error" aria-live="polite">
        ${
          this.ratingNote === 'choose'
            ? m.chooseScore
            : this.ratingNote === 'token'
              ? m.tokenWrongShort
              : this.ratingNote === 'failed'
                ? html`${m.ratingFailed}
                  ${requestId ? html`<span class="request-id">${m.requestId(requestId)}</span>` : nothing}`
                : nothing
        }
      </p>
      <button type="submit" class="primary" ?disabled=${this.sending}>
        ${this.sending ? m.sending : m.submitRating}
      </button>
    </form>`;
  }
  /**
   * The resident's recourse (返工): with the token, on a closed case inside its
   * 7-day window, a secondary action after the rating (so a kiosk's rating
   * button stays on screen) that opens a short form; outside the window, until
   * when it was possible; after a dispute, what became of it.
   */
  private renderDispute(found: PublicCase, withToken: boolean) {
    const m = this.localize.messages;
    const when = (value: string) => this.localize.date(value, { dateStyle: 'medium', timeStyle: 'short' });
    const note = this.disputeNote;
    if (note === 'sent' || note === 'window' || note === 'not-closed') {
      const until = this.disputeClosedUntil ?? found.disputeUntil;
      const text =
        note === 'sent'
          ? m.disputeSent
          : note === 'not-closed'
            ? m.disputeNotClosed
            : m.disputeWindowClosed(until ? when(until) : '');
      return html`<section class="dispute" part="dispute">
        <p id="dispute-status" class="hint-box" role="status" tabindex="-1">${text}</p>
      </section>`;
    }
    // An open form stays open when the token turns out wrong, so the resident corrects it and sends again.
    if (found.status !== 'closed' || !(withToken || this.disputeOpen) || !found.disputeUntil) return nothing;
    if (!found.canDispute) {
      return html`<section class="dispute" part="dispute">
        <p class="hint">${m.disputeUntilPassed(when(found.disputeUntil))}</p>
      </section>`;
    }
    if (!this.disputeOpen) {
      return html`<section class="dispute" part="dispute">
        <button type="button" id="dispute-open" class="secondary" aria-expanded="false" @click=${this.openDispute}>
          ${m.disputeOpen}
        </button>
      </section>`;
    }
    const problem = note === 'failed' ? this.disputeError : undefined;
    const requestId = isGridkitError(problem) ? problem.requestId : undefined;
    return html`<form
      class="dispute"
      part="dispute"
      novalidate
      aria-labelledby="dispute-heading"
      @submit=${(event: SubmitEvent) => this.onDispute(event, found)}
    >
      <h3 id="dispute-heading">${m.disputeLegend}</h3>
      <p id="dispute-hint" class="hint">${m.disputeHint(when(found.disputeUntil))}</p>
      <div class="field">
        <label for="dispute-reason">${m.disputeReasonLabel}</label>
        <textarea
          id="dispute-reason"
          name="reason"
          rows="3"
          required
          maxlength=${reasonMax}
          aria-invalid=${note === 'missing' ? 'true' : 'false'}
          aria-describedby="dispute-note dispute-hint dispute-count"
          ?disabled=${this.disputing}
          .value=${this.reason}
          @input=${(event: InputEvent) => {
            this.reason = (event.target as HTMLTextAreaElement).value;
            if (note === 'missing' && this.reason.trim()) this.disputeNote = undefined;
          }}
        ></textarea>
        <p id="dispute-count" class="hint">
          ${m.disputeReasonCount(this.localize.number(this.reason.length), this.localize.number(reasonMax))}
        </p>
      </div>
      <p id="dispute-note" class="error" aria-live="polite">
        ${
          note === 'missing'
            ? m.disputeReasonMissing
            : note === 'token'
              ? m.disputeTokenWrong
              : note === 'failed'
                ? html`${m.disputeFailed}
                  ${requestId ? html`<span class="request-id">${m.requestId(requestId)}</span>` : nothing}`
                : nothing
        }
      </p>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.disputing}>
          ${this.disputing ? m.disputeSending : m.disputeSubmit}
        </button>
        <button type="button" class="secondary" ?disabled=${this.disputing} @click=${this.closeDispute}>
          ${m.disputeCancel}
        </button>
      </div>
    </form>`;
  }
}
