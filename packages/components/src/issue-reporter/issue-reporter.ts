import { html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { Task, TaskStatus } from '../internal/task.js';
import type { Category } from '@gridkit/sdk';
import { categoriesResource } from '@gridkit/sdk/resources/categories';
import type { Outbox } from '@gridkit/sdk/outbox';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { LazyIdleCountdown } from '../internal/idle-countdown-lazy.js';
import { addStyles } from '../internal/add-styles.js';
import { LazyChunk } from '../internal/lazy-chunk.js';
import { LocalizeController } from '../internal/localize.js';
import {
  MisconfigurationError,
  renderLoading,
  renderProblem,
  requireConfiguration,
  stateStyles,
  warnIfMisconfigured,
} from '../internal/states.js';
import { cardStyles } from '../internal/card.js';
import { stepOf, stepsFor, type FieldId, type Step } from './fields.js';
import type { GridFinder } from './grid-finder.js';
import { issueReporterStyles } from './issue-reporter.styles.js';
import { issueReporterMessages } from './messages.js';
import type { IssueReporterLaterMessages } from './messages.later.js';
import type { PhotoTray } from './photo-tray.js';
import type * as LaterModule from './later.js';
import type { Phase, ReportSender } from './report-sender.js';
import { renderFrame } from './steps/frame.js';
import { renderWhat } from './steps/what.js';
import { categoryProblems, maxPhotos, noAnswers, type Answers, type ReportDraft } from './answers.js';
import { Feedback } from './feedback.js';
import type { AnswerChange, Messages, StepView } from './view.js';

// The events' `detail` types, and their entries in `HTMLElementEventMap`, are in ./events.ts.
export type {
  GkCaseQueuedDetail,
  GkCaseQueuedEvent,
  GkCaseRejectedDetail,
  GkCaseRejectedEvent,
  GkCaseSubmittedDetail,
  GkCaseSubmittedEvent,
} from './events.js';
type Later = typeof LaterModule;

/** How the reporter loads its later steps' chunk; tests hold it back or make it fail through this. */
export const laterSteps = { load: (): Promise<Later> => import('./later.js') };

/**
 * Report a problem, one question at a time (GOV.UK style): what, more details,
 * where (with who will handle it), photos, description, contact, a review,
 * then the receipt with the work-order number, the tracking code in groups and
 * a QR code to follow it. Sent through the SDK's offline outbox, so a report
 * made while the network is down is kept on the device and sent later.
 *
 * @csspart base - the outermost element, in every step and outcome
 * @csspart form - the current step's form
 * @csspart progress - "step n of m"
 * @csspart error-summary - the list of problems at the top of a step
 * @csspart handler - who will handle it: the grid leader's card
 * @csspart photos - the photo thumbnails
 * @csspart review - the answers to check before sending
 * @csspart receipt - the receipt: ticket, tracking code, QR code
 * @csspart ticket - the work-order number on the receipt
 * @csspart token - the tracking code on the receipt
 * @csspart qr - the QR code
 * @csspart state - loading, error, offline, queued and rejected messages
 * @csspart retry - the retry button
 * @csspart idle-prompt - the kiosk's "still there?" countdown
 * @cssprop [--gk-qr-color=#000] - the receipt's QR code: dark modules (keep the contrast strong, or phones cannot scan it)
 * @cssprop [--gk-qr-background=#fff] - the receipt's QR code: background
 * @fires gk-case-submitted - the case was created (`detail.ticket`, `detail.trackingToken`, `detail.caseId`)
 * @fires gk-case-queued - the report was kept on the device to be sent later (`detail.entryId`)
 * @fires gk-case-rejected - the server refused the report for good (`detail.entryId`, `detail.problem`)
 * @fires gk-reset - the form went back to its start and forgot the report (kiosk idle, or "report another")
 * @fires gk-error - categories could not be loaded
 */
export class GkIssueReporter extends GridkitElement {
  static override styles = [...GridkitElement.styles, stateStyles, cardStyles, issueReporterStyles];

  static override properties: PropertyDeclarations = {
    trackUrl: { attribute: 'track-url' },
    maxPhotoSide: { type: Number, attribute: 'max-photo-side' },
    idleReset: { type: Number, attribute: 'idle-reset' },
    idleGrace: { type: Number, attribute: 'idle-grace' },
    outbox: { attribute: false },
    geolocation: { attribute: false },
    step: { attribute: false },
    categorySearch: { attribute: false },
    answers: { attribute: false },
    returnToReview: { attribute: false },
    photoNote: { attribute: false },
  };

  protected readonly localize = new LocalizeController(this, issueReporterMessages);

  /** Template of the QR code's link: `{ticket}` and `{token}` are filled in. No QR code without it. */
  trackUrl?: string;
  /** Longest side of a photo after downscaling in the browser, in pixels. */
  maxPhotoSide = 1600;
  /** Seconds without use before the "still there?" prompt. Default 90 in kiosk mode, else never; 0 turns it off. */
  idleReset?: number;
  /** Seconds the "still there?" prompt counts down before clearing. Default 20. */
  idleGrace?: number;
  /** The outbox reports go through; by default one per client, created on first send. */
  outbox?: Outbox;
  /** Where "use my location" asks; the browser's by default. */
  geolocation?: Geolocation = globalThis.navigator?.geolocation;

  private step: Step = 'what';
  private categorySearch = '';
  /** What the resident typed or chose; replaced, never changed in place. */
  private answers: Answers = noAnswers;

  /** When each problem shows. */
  private readonly feedback = new Feedback(this);
  /** From the review, "change" brings the resident back to it after that step. */
  private returnToReview = false;

  /**
   * Everything after the first question (later steps, grid finder, photo
   * resizing, outbox, receipt): loaded after the first render, so the define
   * entry carries only the first step. Until it is here a later step shows the
   * loading state; the answers live in this element and are never lost.
   */
  private readonly laterChunk = new LazyChunk(this, laterSteps, (later) => this.setUpLater(later));
  private get later(): Later | undefined {
    return this.laterChunk.module;
  }
  /** The later steps' texts, which come with them. */
  private laterTexts?: LocalizeController<IssueReporterLaterMessages>;
  /** Made when `later` arrives. */
  private where?: GridFinder;
  private photos?: PhotoTray;
  private photoNote?: string;

  private readonly idle = new LazyIdleCountdown(this, {
    idleMs: () => (this.idleReset ?? (this.kioskMode ? 90 : 0)) * 1000,
    graceSeconds: () => this.idleGrace ?? 20,
    active: () => this.hasTrace(),
    onReset: () => this.forget(),
  });

  private get phase(): Phase {
    return this.sender?.phase ?? 'form';
  }

  /** Move focus after the next render: to a step's heading, the error summary or the receipt. */
  private focusNext?: string;
  /** Sends the complete report and shows what became of it; made when `later` arrives. */
  private sender?: ReportSender;

  private readonly categories = new Task(this, {
    task: async ([core], { signal }) => {
      // No client: the page's developer is told which attribute to set (and the console says it once).
      await requireConfiguration(this.configurationProblem(false), signal);
      const all: Category[] = [];
      for await (const category of categoriesResource(core!).iterate({}, { signal })) all.push(category);
      return all;
    },
    args: () => [this.core] as const,
    onError: (error) => {
      warnIfMisconfigured(this, error);
      emit(this, 'gk-error', { error: error as Error });
    },
  });

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.sender?.stop();
  }

  private setUpLater(later: Later) {
    this.where = new later.GridFinder(this, {
      core: () => this.core,
      geolocation: () => this.geolocation,
      gridId: () => this.activeGridId,
      onLocated: (point) => this.edit('location', { point }),
      onChosen: () => this.feedback.changed('grid'),
    });
    this.photos = new later.PhotoTray(this, { maxSide: () => this.maxPhotoSide, max: maxPhotos });
    this.sender = new later.ReportSender(this, {
      outbox: () => this.outbox ?? (this.core ? later.outboxFor(this.core, 'reports') : undefined),
      draft: () => this.draft,
      gridId: () => this.where?.target?.id ?? this.activeGridId!,
      channel: () => (this.kioskMode ? 'kiosk' : 'web'),
      photos: () => this.photos?.ready ?? [],
      trackUrl: () => this.trackUrl,
      messages: () => this.messages,
      localize: this.localize,
      onFieldProblems: (problems) => {
        this.feedback.fromServer(problems);
        this.step = this.steps.find((s) => [...problems.keys()].some((field) => stepOf(field) === s)) ?? 'review';
        this.focusNext = '#error-summary';
      },
      focus: (selector) => (this.focusNext = selector),
      review: () => this.go('review'),
      forget: () => this.forget(),
      active: () => this.idle.restart(),
    });
    this.laterTexts = new LocalizeController(this, later.issueReporterLaterMessages);
    addStyles(this.renderRoot as ShadowRoot, later.laterStyles);
  }

  // ── state helpers ──────────────────────────────────────────────────────

  private get category(): Category | undefined {
    return this.categories.value?.find((c) => c.code === this.answers.categoryCode);
  }

  private get steps(): Step[] {
    return stepsFor(this.category);
  }

  /** The answers so far, as validation and sending read them. */
  private get draft(): ReportDraft {
    const hasGrid = !!(this.activeGridId || this.where?.grid);
    return { ...this.answers, category: this.category, hasGrid, photos: this.photos?.photos ?? [] };
  }

  /**
   * The reporter's texts in the resident's language; the later steps' are
   * there once their chunk is, and only what runs after it reads them.
   */
  private get messages(): Messages {
    return { ...this.localize.messages, ...this.laterTexts?.messages } as Messages;
  }

  /** What every render function gets to say things in the resident's language. */
  private get texts() {
    return { m: this.messages, localize: this.localize };
  }

  /** Anything of a resident's on screen or in memory: only then does the kiosk countdown run. */
  private hasTrace(): boolean {
    return (
      this.step !== 'what' ||
      this.phase !== 'form' ||
      !!this.answers.categoryCode ||
      !!this.categorySearch ||
      (this.photos?.photos.length ?? 0) > 0
    );
  }

  private edit(field: FieldId, change: AnswerChange) {
    this.answers = { ...this.answers, ...(typeof change === 'function' ? change(this.answers) : change) };
    this.feedback.changed(field);
  }

  /** The first question is checked here; the others with the later steps (which must be here to be asked). */
  private problems(step: Step): [FieldId, string][] {
    if (step === 'what') return categoryProblems(this.draft, this.messages);
    return this.later?.problems(step, this.draft, this.messages, this.localize) ?? [];
  }

  private visibleProblems(step: Step) {
    return this.feedback.visible(step, this.problems(step));
  }

  // ── navigation ─────────────────────────────────────────────────────────

  private go(step: Step) {
    this.step = step;
    this.focusNext = '#step-heading';
    this.idle.restart();
  }

  private back() {
    const steps = this.steps;
    const index = steps.indexOf(this.step);
    this.returnToReview = false;
    if (index > 0) this.go(steps[index - 1]!);
  }

  private onNext(event: SubmitEvent) {
    event.preventDefault();
    const step = this.step;
    if (step === 'review') {
      void this.send();
      return;
    }
    this.feedback.submit(step);
    if (this.visibleProblems(step).length > 0) {
      this.focusNext = '#error-summary';
      return;
    }
    const steps = this.steps;
    if (this.returnToReview && this.firstStepWithProblems() === undefined) this.go('review');
    else this.go(steps[steps.indexOf(step) + 1] ?? 'review');
  }

  private firstStepWithProblems(): Step | undefined {
    return this.steps.find((step) => this.problems(step).length > 0);
  }

  private change(step: Step) {
    this.returnToReview = true;
    this.go(step);
  }

  // ── photos ─────────────────────────────────────────────────────────────

  private addFiles(event: Event) {
    const input = event.target as HTMLInputElement;
    const refused = this.photos!.add(input.files ?? []);
    input.value = '';
    this.photoNote = refused ? this.messages.tooManyPhotos(String(maxPhotos)) : undefined;
    this.feedback.changed('photos');
  }

  // ── sending ────────────────────────────────────────────────────────────

  /** From the review: every answer is checked again, then the sender has it. */
  private send() {
    if (this.phase === 'sending') return;
    const broken = this.firstStepWithProblems();
    if (broken) {
      this.feedback.submit(broken);
      this.go(broken);
      this.focusNext = '#error-summary';
      return;
    }
    void this.sender?.send();
  }

  /** Back to an empty first step: the next resident at a kiosk sees nothing of the last one's report. */
  private forget() {
    this.sender?.reset();
    this.photos?.clear();
    this.step = 'what';
    this.where?.reset();
    this.categorySearch = '';
    this.answers = noAnswers;
    this.photoNote = undefined;
    this.returnToReview = false;
    this.feedback.reset();
    // Whatever the resident left in the file inputs goes too.
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="file"]')) input.value = '';
    emit(this, 'gk-reset', {});
  }

  // ── rendering ──────────────────────────────────────────────────────────

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    // Open the outbox as soon as there is a client: reports kept on this
    // device before a reload (or a crash) are sent without waiting for a new one.
    // The later steps' chunk (with the outbox) loads after the first render.
    if (this.core && !this.laterChunk.asked) void this.laterChunk.load();
    if (this.core) this.sender?.open();
    if (this.focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusNext);
      if (target) {
        this.focusNext = undefined;
        target.focus();
      }
    }
  }

  override render() {
    const m = this.localize.messages;
    const { status, error } = this.categories;
    // Not set up by the page: its developer's message alone, no question a resident cannot answer.
    if (status === TaskStatus.ERROR && error instanceof MisconfigurationError)
      return html`<div part="base" class="root ${this.kioskMode ? 'kiosk' : ''}">
        ${renderProblem(m, error, () => void this.categories.run(), this.localName)}
      </div>`;
    return html`<div part="base" class="root ${this.kioskMode ? 'kiosk' : ''}">
      ${this.idle.render({ title: m.idleTitle, prompt: m.idlePrompt, stay: m.idleStay, leave: m.idleLeave })}
      ${this.sender?.ended ? this.sender.render(this.where?.target, this.where?.targetLeader) : this.renderStep()}
    </div>`;
  }

  private renderStep() {
    const step = this.step;
    // A later step before its chunk is here: the loading state (or the failure,
    // with a retry) in place of the question; the frame comes with the question.
    if (step !== 'what' && !this.later) {
      const m = this.localize.messages;
      // A dropped network: the step says so, with a retry; nothing typed is lost.
      const { failure } = this.laterChunk;
      return failure ? renderProblem(m, failure, () => void this.laterChunk.load()) : renderLoading(m);
    }
    const problems = this.visibleProblems(step);
    return renderFrame(
      {
        ...this.texts,
        step,
        steps: this.steps,
        canGoBack: this.steps.indexOf(step) > 0 && this.phase === 'form',
        problems,
        showSummary: this.feedback.summarized(step) && problems.length > 0,
        general: step === 'review' ? this.sender?.generalIssue : undefined,
        onSubmit: (event) => this.onNext(event),
        onBack: () => this.back(),
        focusField: (field) => this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(field)}`)?.focus(),
      },
      this.renderQuestion(new Map(problems)),
    );
  }

  private renderQuestion(errors: Map<FieldId, string>) {
    const view: StepView = {
      ...this.texts,
      answers: this.answers,
      errors,
      sending: this.phase === 'sending',
      shared: this.kioskMode,
      edit: (field, change) => this.edit(field, change),
      left: (field, event) => this.feedback.left(field, event),
    };
    if (this.step === 'what')
      return renderWhat({
        ...view,
        categories: this.categories,
        search: this.categorySearch,
        onSearch: (text) => (this.categorySearch = text),
      });
    const { later, where, photos } = this;
    if (!later || !where || !photos) return renderLoading(this.localize.messages);
    const { renderDetails, renderWhere, renderPhotos, renderDescribe, renderContact, renderReview } = later;
    switch (this.step) {
      case 'details':
        return renderDetails({
          ...view,
          category: this.category,
          attributes: later.sortedAttributes(this.category),
        });
      case 'where':
        return renderWhere({
          ...view,
          fixedGrid: this.activeGridId ? where.fixed : undefined,
          finder: where,
          onChooseOtherGrid: () => {
            where.unchoose();
            this.focusNext = '#grid';
          },
        });
      case 'photos':
        return renderPhotos({
          ...view,
          required: !!this.category?.requiresPhoto,
          photos: photos.photos,
          note: this.photoNote,
          onFiles: (event) => this.addFiles(event),
          onRetry: (id) => photos.retry(id),
          onRemove: (id) => {
            photos.remove(id);
            this.feedback.changed('photos');
            this.focusNext = '#photos';
          },
        });
      case 'describe':
        return renderDescribe(view);
      case 'contact':
        return renderContact(view);
      case 'review':
        return renderReview({
          ...view,
          category: this.category,
          attributes: later.sortedAttributes(this.category),
          grid: where.target,
          leader: where.targetLeader,
          photos: photos.ready,
          uploaded: this.sender?.uploaded ?? 0,
          onChange: (step) => this.change(step),
        });
    }
  }
}
