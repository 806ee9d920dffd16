import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  isFinalStatus,
  isGridkitError,
  isProblem,
  normalizeTicket,
  ticketPattern,
  type CaseStatus,
  type Evaluation,
  type PublicCase,
} from '@gridkit/sdk';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { IdleController } from '../internal/idle.js';
import { LocalizeController } from '../internal/localize.js';
import { StaleWhileErrorController, type ReadyState } from '../internal/stale-while-error.js';
import { renderFreshness, renderLoading, renderProblem, stateStyles } from '../internal/states.js';
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
/** Fired after a successful look-up. */
export type GkCaseFoundEvent = CustomEvent<GkCaseFoundDetail>;
/** Fired once the resident's rating was stored. */
export type GkCaseEvaluatedEvent = CustomEvent<GkCaseEvaluatedDetail>;

declare global {
  interface HTMLElementEventMap {
    /** The tracker went back to an empty form after a period without use. */
    'gk-reset': CustomEvent<Record<string, never>>;
    'gk-case-found': GkCaseFoundEvent;
    'gk-case-evaluated': GkCaseEvaluatedEvent;
  }
}

// The SDK's, re-exported where this package has always offered them.
export { normalizeTicket, ticketPattern };

const commentMax = 500;

type TicketError = 'missing' | 'malformed';
type RatingNote = 'choose' | 'token' | 'failed' | 'already' | 'thanks';

/**
 * Follow a case by its work-order number (工单号) and tracking token (查询码):
 * its status in words, the level handling it, deadlines, the public timeline,
 * and, once closed, a one-time rating of the result.
 *
 * @csspart base - the outermost element: the form and what it found
 * @csspart form - the look-up form
 * @csspart status - the case's status and facts
 * @csspart timeline - the ordered list of events
 * @csspart rating - the rating form, or the rating given
 * @csspart state - loading, not found, error, offline and set-up messages
 * @csspart retry - the retry button
 * @csspart stale - the line over a case kept from an earlier look-up ("updated 10:42 — reconnecting…"); empty while fresh
 * @csspart stale-retry - its "try now" button
 * @fires gk-case-found - a case was found and shown (`detail.ticket`, `detail.status`)
 * @fires gk-case-evaluated - the resident's rating was stored (`detail.ticket`, `detail.score`)
 * @fires gk-error - a look-up or a rating failed (not for an unknown ticket)
 */
export class GkCaseTracker extends GridkitElement {
  static override styles = [...GridkitElement.styles, stateStyles, cardStyles, caseTrackerStyles];

  protected readonly localize = new LocalizeController(this, caseTrackerMessages);

  /** The work-order number to show; looked up as soon as it is set. Lower case and spaces are accepted. */
  @property() ticket?: string;
  /** The tracking token from the receipt; needed to rate the result. */
  @property() token?: string;
  /** Take `ticket` and `token` from the page's `?ticket=&token=` (a link or QR code on the receipt). */
  @property({ type: Boolean, attribute: 'read-url' }) readUrl = false;
  /** `card` (default) or `kiosk` (large text and touch targets). */
  @property({ reflect: true }) layout: 'card' | 'kiosk' = 'card';
  /**
   * Seconds without a touch or key press after which the tracker forgets the
   * ticket, token and result. Default: 90 in the kiosk layout (a shared screen),
   * never in the card layout. 0 turns it off.
   */
  @property({ type: Number, attribute: 'idle-reset' }) idleReset?: number;
  /** Seconds between reloads of the shown case while it is on screen and the tab visible; 0 (default) never. */
  @property({ type: Number }) refresh = 0;

  @state() private draftTicket = '';
  @state() private draftToken = '';
  @state() private ticketError?: TicketError;
  @state() private tokenWrong = false;
  /** The valid ticket being shown, and a counter that re-runs the same look-up. */
  @state() private query?: string;
  @state() private lookups = 0;

  @state() private score?: number;
  @state() private comment = '';
  @state() private sending = false;
  @state() private ratingNote?: RatingNote;
  @state() private ratingError?: unknown;
  @state() private given?: { ticket: string; evaluation: Evaluation };

  @query('#ticket') private ticketInput!: HTMLInputElement;
  @query('#token') private tokenInput!: HTMLInputElement;

  /** Focus the result once it arrives, when the resident asked for it with the form. */
  private focusResult = false;

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
    task: async ([client, ticket, trackingToken], { signal }) => {
      if (!ticket) return null;
      if (!trackingToken) return client!.cases.getPublic(ticket, { signal });
      try {
        return await client!.cases.getPublic(ticket, { signal, trackingToken });
      } catch (error) {
        if (!isProblem(error, 'invalid-tracking-token')) throw error;
        this.tokenWrong = true;
        return client!.cases.getPublic(ticket, { signal });
      }
    },
    args: () => [this.client, this.query, this.token, this.lookups] as const,
    configuration: () => this.configurationProblem(false),
    interval: () => (this.query ? this.refresh * 1000 : 0),
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
    }
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
    const client = this.client;
    const trackingToken = (this.draftToken.trim() || this.token) ?? '';
    if (!client || !trackingToken) return;
    this.sending = true;
    this.ratingNote = undefined;
    this.ratingError = undefined;
    this.tokenWrong = false;
    const comment = this.comment.trim();
    try {
      // One call: the SDK retries it with a single idempotency key, so it is stored once.
      const evaluation = await client.cases.evaluate(found.ticket, {
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
    return html`${renderFreshness(m, freshness, time, () => this.lookup.reload())}
      <article class="case card-surface" aria-busy=${busy ? 'true' : 'false'}>
        <section class="summary" part="status" aria-labelledby="result-heading">
          <h2 id="result-heading" tabindex="-1">${m.caseTitle(found.ticket)}</h2>
          <p class="status-line">
            <span class="visually-hidden">${m.labelled(m.statusLabel, '')}</span>
            <span class="status status-${found.status}">${m.statuses[found.status] ?? found.status}</span>
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
          </dl>
        </section>
        <section class="history" aria-labelledby="timeline-heading">
          <h3 id="timeline-heading">${m.timeline}</h3>
          <ol class="timeline" part="timeline">
            ${found.timeline.map(
              (event) =>
                html`<li class="event event-${event.type}">
                  <span class="action"
                    >${
                      event.type === 'escalate'
                        ? m.escalatedTo(m.levelNames[event.level] ?? event.level)
                        : (m.events[event.type] ?? event.type)
                    }</span
                  >
                  <time datetime=${event.at}>${when(event.at)}</time>
                  ${event.publicNote ? html`<p class="note">${event.publicNote}</p>` : nothing}
                </li>`,
            )}
          </ol>
        </section>
        ${this.renderRating(found)}
      </article>`;
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
}
