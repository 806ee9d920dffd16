import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { Task } from '@lit/task';
import {
  isGridkitError,
  type CaseInput,
  type CaseReceipt,
  type Category,
  type CategoryKind,
  type GeoPoint,
  type Grid,
  type Problem,
  type TeamMember,
  type ValidationIssue,
} from '@gridkit/sdk';
import type { Outbox, OutboxEventMap } from '@gridkit/sdk/outbox';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { IdleCountdownController, idlePromptStyles } from '../internal/idle-countdown.js';
import { LocalizeController } from '../internal/localize.js';
import { photoTypes } from '../internal/photo.js';
import { qrCodeStyles, renderQrCode, trackingUrl } from '../internal/qr-code.js';
import { renderLoading, renderProblem, stateStyles } from '../internal/states.js';
import { attributeProblem, renderAttribute, toAnswers, type AttributeDraft } from './attributes.js';
import { issuesByField, stepOf, type FieldId, type Step } from './fields.js';
import { currentPosition, GeoError, type GeoFailure } from './geolocation.js';
import { issueReporterStyles } from './issue-reporter.styles.js';
import { issueReporterMessages } from './messages.js';
import { leftForSubmit } from '../internal/form-feedback.js';
import { outboxFor } from '../internal/outbox.js';
import { PhotoTray } from './photo-tray.js';

/** `detail` of `gk-case-submitted`: what the resident needs to follow the case. */
export interface GkCaseSubmittedDetail {
  ticket: string;
  trackingToken: string;
  caseId: string;
}
/** `detail` of `gk-case-queued`: the outbox entry that will become a case. */
export interface GkCaseQueuedDetail {
  entryId: string;
}
/** `detail` of `gk-case-rejected`: the server refused the report for good. */
export interface GkCaseRejectedDetail {
  entryId: string;
  problem: Problem;
}
export type GkCaseSubmittedEvent = CustomEvent<GkCaseSubmittedDetail>;
export type GkCaseQueuedEvent = CustomEvent<GkCaseQueuedDetail>;
export type GkCaseRejectedEvent = CustomEvent<GkCaseRejectedDetail>;

declare global {
  interface HTMLElementEventMap {
    /** A widget went back to an empty form and forgot what was entered. */
    'gk-reset': CustomEvent<Record<string, never>>;
    'gk-case-submitted': GkCaseSubmittedEvent;
    'gk-case-queued': GkCaseQueuedEvent;
    'gk-case-rejected': GkCaseRejectedEvent;
  }
}

/** Limits from the contract (`CaseInput`): at most 9 photos, 2000 characters of description. */
export const maxPhotos = 9;
const descriptionMax = 2000;
const addressMax = 200;
const nameMax = 50;
/** `Reporter.phone` in the contract. */
const phonePattern = /^\+?[0-9][0-9 -]{4,19}$/;
const kinds: readonly CategoryKind[] = ['component', 'event', 'service', 'dispute'];

type Phase = 'form' | 'sending' | 'sent' | 'queued' | 'failed';
type WhereFailure = GeoFailure | 'outside' | 'failed';
interface ChosenGrid {
  id: string;
  name: string;
  path: string;
}

const gridLabel = (grid: Pick<Grid, 'name' | 'path'>) => [...grid.path.map((p) => p.name), grid.name].join(' › ');

/**
 * Report a problem, one question at a time (GOV.UK style): what, more details,
 * where (with who will handle it), photos, description, contact, a review,
 * then the receipt with the work-order number, the tracking code in groups and
 * a QR code to follow it. Sent through the SDK's offline outbox, so a report
 * made while the network is down is kept on the device and sent later.
 *
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
 * @fires gk-case-submitted - the case was created (`detail.ticket`, `detail.trackingToken`, `detail.caseId`)
 * @fires gk-case-queued - the report was kept on the device to be sent later (`detail.entryId`)
 * @fires gk-case-rejected - the server refused the report for good (`detail.entryId`, `detail.problem`)
 * @fires gk-reset - the form went back to its start and forgot the report (kiosk idle, or "report another")
 * @fires gk-error - categories could not be loaded
 */
export class GkIssueReporter extends GridkitElement {
  static override styles = [...GridkitElement.styles, stateStyles, idlePromptStyles, qrCodeStyles, issueReporterStyles];

  protected readonly localize = new LocalizeController(this, issueReporterMessages);

  /** Template of the QR code's link: `{ticket}` and `{token}` are filled in. No QR code without it. */
  @property({ attribute: 'track-url' }) trackUrl?: string;
  /** Longest side of a photo after downscaling in the browser, in pixels. */
  @property({ type: Number, attribute: 'max-photo-side' }) maxPhotoSide = 1600;
  /** Seconds without use before the "still there?" prompt. Default 90 in kiosk mode, else never; 0 turns it off. */
  @property({ type: Number, attribute: 'idle-reset' }) idleReset?: number;
  /** Seconds the "still there?" prompt counts down before clearing. Default 20. */
  @property({ type: Number, attribute: 'idle-grace' }) idleGrace?: number;
  /** The outbox reports go through; by default one per client, created on first send. */
  @property({ attribute: false }) outbox?: Outbox;
  /** Where "use my location" asks; the browser's by default. */
  @property({ attribute: false }) geolocation?: Geolocation = globalThis.navigator?.geolocation;

  @state() private step: Step = 'what';
  @state() private phase: Phase = 'form';
  @state() private categorySearch = '';
  @state() private categoryCode?: string;
  @state() private answers: Record<string, AttributeDraft> = {};
  @state() private address = '';
  @state() private point?: GeoPoint;
  @state() private locating = false;
  @state() private whereFailure?: WhereFailure;
  @state() private grid?: ChosenGrid;
  /** The grid leader: a card, `null` while the post is vacant, undefined while unknown. */
  @state() private leader?: TeamMember | null;
  @state() private gridSearching = false;
  @state() private gridQuery = '';
  @state() private gridResults?: { query: string; grids: Grid[] } | { query: string; error: unknown };
  @state() private description = '';
  @state() private contact?: 'named' | 'anonymous';
  @state() private reporterName = '';
  @state() private phone = '';

  /** Lion's interaction states: a message shows once a field was left after a change, or its step was submitted. */
  @state() private touched = new Set<FieldId>();
  @state() private dirty = new Set<FieldId>();
  @state() private submitted = new Set<Step>();
  /** Problems the server named, by field, until the field changes. */
  @state() private serverIssues = new Map<FieldId, string>();
  /** A problem no field owns (storage full, a failed send), shown in the review's summary. */
  @state() private generalIssue?: string;
  /** From the review, "change" brings the resident back to it after that step. */
  @state() private returnToReview = false;

  @state() private uploaded = 0;
  @state() private receipt?: CaseReceipt;
  @state() private qr?: TemplateResult;
  @state() private queuedEntryId?: string;
  @state() private rejection?: { entryId: string; problem: Problem };

  private readonly photos = new PhotoTray(this, { maxSide: () => this.maxPhotoSide, max: maxPhotos });
  @state() private photoNote?: string;

  private readonly idle = new IdleCountdownController(this, {
    idleMs: () => (this.idleReset ?? (this.kioskMode ? 90 : 0)) * 1000,
    graceSeconds: () => this.idleGrace ?? 20,
    active: () => this.hasTrace(),
    onReset: () => this.forget(),
  });

  /** Move focus after the next render: to a step's heading, the error summary or the receipt. */
  private focusNext?: string;
  /** Bumped by forget(): answers to requests made for an earlier report are ignored. */
  private generation = 0;
  private listening?: Outbox;

  private readonly categories = new Task(this, {
    task: async ([client], { signal }) => {
      if (!client) throw new Error('missing-configuration');
      const all: Category[] = [];
      for await (const category of client.categories.iterate({}, { signal })) all.push(category);
      return all;
    },
    args: () => [this.client] as const,
    onError: (error) => emit(this, 'gk-error', { error: error as Error }),
  });

  /** The fixed grid (`grid-id` or the provider's) and its leader, for "who will handle it". */
  private readonly fixedGrid = new Task(this, {
    task: async ([client, gridId], { signal }) => {
      if (!client || !gridId) return undefined;
      const board = await client.notices.board(gridId, { signal });
      return { grid: { id: board.grid.id, name: board.grid.name, path: gridLabel(board.grid) }, leader: board.leader };
    },
    args: () => [this.client, this.activeGridId] as const,
  });

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopListening();
  }

  // ── state helpers ──────────────────────────────────────────────────────

  private get category(): Category | undefined {
    return this.categories.value?.find((c) => c.code === this.categoryCode);
  }

  private get steps(): Step[] {
    const details = (this.category?.attributes.length ?? 0) > 0;
    return ['what', ...(details ? (['details'] as const) : []), 'where', 'photos', 'describe', 'contact', 'review'];
  }

  private get chosenGrid(): ChosenGrid | undefined {
    return this.activeGridId ? this.fixedGrid.value?.grid : this.grid;
  }

  private get handler(): TeamMember | null | undefined {
    return this.activeGridId ? this.fixedGrid.value?.leader : this.leader;
  }

  /** Anything of a resident's on screen or in memory: only then does the kiosk countdown run. */
  private hasTrace(): boolean {
    return (
      this.step !== 'what' ||
      this.phase !== 'form' ||
      !!this.categoryCode ||
      !!this.categorySearch ||
      this.photos.photos.length > 0
    );
  }

  private changed(field: FieldId) {
    this.dirty = new Set(this.dirty).add(field);
    if (this.serverIssues.has(field)) {
      const issues = new Map(this.serverIssues);
      issues.delete(field);
      this.serverIssues = issues;
    }
  }

  private left(field: FieldId, event?: FocusEvent) {
    if (leftForSubmit(event)) return;
    if (!this.touched.has(field)) this.touched = new Set(this.touched).add(field);
  }

  private label(value: Parameters<LocalizeController['text']>[0]): string {
    return this.localize.text(value) ?? '';
  }

  // ── validation ─────────────────────────────────────────────────────────

  /** Every problem with a step's answers, visible or not, in the order the fields appear. */
  private problems(step: Step): [FieldId, string][] {
    const m = this.localize.messages;
    const category = this.category;
    const out: [FieldId, string][] = [];
    const add = (field: FieldId, message: string | undefined) => message && out.push([field, message]);
    switch (step) {
      case 'what':
        add('category', category ? undefined : m.chooseCategory);
        break;
      case 'details':
        for (const attribute of this.sortedAttributes()) {
          const label = this.label(attribute.label) || attribute.code;
          add(`attr-${attribute.code}`, attributeProblem(attribute, this.answers[attribute.code], label, m));
        }
        break;
      case 'where': {
        const address = this.address.trim();
        add(
          'address',
          !address ? m.addressMissing : address.length > addressMax ? m.addressTooLong(String(addressMax)) : undefined,
        );
        add('location', category?.requiresLocation && !this.point ? m.locationRequired : undefined);
        add('grid', this.activeGridId || this.grid ? undefined : m.gridMissing);
        break;
      }
      case 'photos': {
        const all = this.photos.photos;
        add(
          'photos',
          all.some((p) => p.state !== 'ready')
            ? m.photoNotReady
            : category?.requiresPhoto && all.length === 0
              ? m.photosRequired
              : undefined,
        );
        break;
      }
      case 'describe': {
        const text = this.description.trim();
        add(
          'description',
          !text
            ? m.descriptionMissing
            : text.length > descriptionMax
              ? m.descriptionTooLong(String(descriptionMax))
              : undefined,
        );
        break;
      }
      case 'contact':
        if (!this.contact) add('contact', m.contactMissing);
        if (this.contact === 'named') {
          const name = this.reporterName.trim();
          add('name', !name ? m.nameMissing : name.length > nameMax ? m.nameTooLong(String(nameMax)) : undefined);
          const phone = this.phone.trim();
          add('phone', !phone ? m.phoneMissing : phonePattern.test(phone) ? undefined : m.phoneInvalid);
        }
        break;
      case 'review':
        break;
    }
    return out;
  }

  /** The problems the resident should see now: the server's, and ours once touched and changed or submitted. */
  private visibleProblems(step: Step): [FieldId, string][] {
    const shown = new Map<FieldId, string>();
    for (const [field, message] of this.serverIssues) if (stepOf(field) === step) shown.set(field, message);
    for (const [field, message] of this.problems(step)) {
      if (shown.has(field)) continue;
      if (this.submitted.has(step) || (this.touched.has(field) && this.dirty.has(field))) shown.set(field, message);
    }
    return [...shown];
  }

  private sortedAttributes() {
    return [...(this.category?.attributes ?? [])].sort((a, b) => a.order - b.order);
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
    this.submitted = new Set(this.submitted).add(step);
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

  // ── where ──────────────────────────────────────────────────────────────

  private async useLocation() {
    const client = this.client;
    const generation = this.generation;
    this.locating = true;
    this.whereFailure = undefined;
    try {
      const point = await currentPosition(this.geolocation);
      if (generation !== this.generation) return;
      this.point = point;
      this.changed('location');
      if (!this.activeGridId && client) {
        try {
          const found = await client.grids.locate(point);
          if (generation !== this.generation) return;
          this.grid = { id: found.grid.id, name: found.grid.name, path: gridLabel(found.grid) };
          this.leader = found.leader;
          this.gridResults = undefined;
          this.changed('grid');
        } catch (error) {
          if (generation !== this.generation) return;
          this.whereFailure = isGridkitError(error) && error.status === 404 ? 'outside' : 'failed';
        }
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.whereFailure = error instanceof GeoError ? error.reason : 'unavailable';
    } finally {
      if (generation === this.generation) this.locating = false;
    }
  }

  private async searchGrids() {
    const client = this.client;
    const query = this.gridQuery.trim();
    if (!client || !query) return;
    const generation = this.generation;
    this.gridSearching = true;
    try {
      const page = await client.grids.list({ q: query, level: 'grid', limit: 20 });
      if (generation === this.generation) this.gridResults = { query, grids: page.items };
    } catch (error) {
      if (generation === this.generation) this.gridResults = { query, error };
    } finally {
      if (generation === this.generation) this.gridSearching = false;
    }
  }

  private async chooseGrid(grid: Grid) {
    this.grid = { id: grid.id, name: grid.name, path: gridLabel(grid) };
    this.leader = undefined;
    this.changed('grid');
    const client = this.client;
    const generation = this.generation;
    if (!client) return;
    try {
      const board = await client.notices.board(grid.id);
      if (generation === this.generation && this.grid?.id === grid.id) this.leader = board.leader;
    } catch {
      // The card is a courtesy: the report can go without it.
    }
  }

  // ── photos ─────────────────────────────────────────────────────────────

  private addFiles(event: Event) {
    const input = event.target as HTMLInputElement;
    const refused = this.photos.add(input.files ?? []);
    input.value = '';
    this.photoNote = refused ? this.localize.messages.tooManyPhotos(String(maxPhotos)) : undefined;
    this.changed('photos');
  }

  private pick(which: 'camera' | 'library') {
    this.renderRoot.querySelector<HTMLInputElement>(`#photo-${which}`)?.click();
  }

  // ── sending ────────────────────────────────────────────────────────────

  private caseInput(): Omit<CaseInput, 'mediaIds'> {
    const category = this.category!;
    const answers = toAnswers(category.attributes, this.answers);
    const address = this.address.trim();
    return {
      gridId: this.chosenGrid?.id ?? this.activeGridId!,
      categoryCode: category.code,
      description: this.description.trim(),
      location: this.point ? { address, point: this.point } : { address },
      ...(Object.keys(answers).length ? { attributes: answers } : {}),
      ...(this.contact === 'named' ? { reporter: { name: this.reporterName.trim(), phone: this.phone.trim() } } : {}),
      channel: this.kioskMode ? 'kiosk' : 'web',
    };
  }

  private outboxOf(): Outbox | undefined {
    const client = this.client;
    const outbox = this.outbox ?? (client ? outboxFor(client, 'reports') : undefined);
    if (outbox && this.listening !== outbox) {
      this.stopListening();
      outbox.addEventListener('sent', this.onSent);
      outbox.addEventListener('failed', this.onFailed);
      this.listening = outbox;
    }
    return outbox;
  }

  private stopListening() {
    this.listening?.removeEventListener('sent', this.onSent);
    this.listening?.removeEventListener('failed', this.onFailed);
    this.listening = undefined;
  }

  private readonly onSent = (event: OutboxEventMap['sent']) => {
    const { entry, result } = event.detail;
    if (entry.id === this.queuedEntryId && entry.kind === 'case') this.showReceipt(result as CaseReceipt);
  };

  private readonly onFailed = (event: OutboxEventMap['failed']) => {
    if (event.detail.entry.id === this.queuedEntryId) this.reject(event.detail.entry.id, event.detail.problem);
  };

  private async send() {
    if (this.phase === 'sending') return;
    const broken = this.firstStepWithProblems();
    if (broken) {
      this.submitted = new Set(this.submitted).add(broken);
      this.go(broken);
      this.focusNext = '#error-summary';
      return;
    }
    const outbox = this.outboxOf();
    if (!outbox) return;
    const input = this.caseInput();
    const photos = this.photos.ready.map((photo, index) => ({
      blob: photo.blob!,
      filename: `photo-${index + 1}.${photo.blob!.type === 'image/webp' ? 'webp' : 'jpg'}`,
    }));
    const generation = this.generation;
    this.phase = 'sending';
    this.generalIssue = undefined;
    this.uploaded = 0;
    const started = new Date(Date.now() - 1000).toISOString();
    // The outbox uploads the photos, then creates the case; its entry shows how far it got.
    const progress = photos.length
      ? setInterval(async () => {
          const entry = (await outbox.pending()).find(
            (e) => e.kind === 'case' && e.createdAt >= started && e.input.description === input.description,
          );
          if (entry?.kind === 'case' && generation === this.generation) {
            this.uploaded = entry.photos.filter((p) => p.mediaId).length;
          }
        }, 250)
      : undefined;
    try {
      const result = await outbox.submitCase(input, photos);
      if (generation !== this.generation) return;
      if (result.status === 'sent') this.showReceipt(result.result);
      else if (result.status === 'queued') {
        this.phase = 'queued';
        this.queuedEntryId = result.entry.id;
        this.focusNext = '#outcome-heading';
        this.idle.restart();
        emit(this, 'gk-case-queued', { entryId: result.entry.id });
      } else this.reject(result.entry.id, result.problem);
    } catch (error) {
      // The device could not keep it (full disk, private mode): nothing was stored, the form still has it all.
      if (generation !== this.generation) return;
      this.phase = 'form';
      const quota = (error as { reason?: string }).reason === 'quota' || (error as Error).name === 'QuotaExceededError';
      this.generalIssue = quota ? this.localize.messages.storageFull : this.localize.messages.sendFailed;
      this.focusNext = '#error-summary';
    } finally {
      clearInterval(progress);
    }
  }

  private showReceipt(receipt: CaseReceipt) {
    this.phase = 'sent';
    this.receipt = receipt;
    this.queuedEntryId = undefined;
    this.focusNext = '#outcome-heading';
    this.idle.restart();
    emit(this, 'gk-case-submitted', {
      ticket: receipt.ticket,
      trackingToken: receipt.trackingToken,
      caseId: receipt.id,
    });
    const template = this.trackUrl;
    if (template) {
      const generation = this.generation;
      const text = trackingUrl(template, { ticket: receipt.ticket, token: receipt.trackingToken });
      renderQrCode(text, { label: this.localize.messages.qrLabel }).then(
        (qr) => {
          if (generation === this.generation && this.receipt === receipt) this.qr = qr;
        },
        () => undefined,
      );
    }
  }

  /**
   * A permanent refusal. A 422 naming fields goes back to those fields (the
   * form still holds everything, so the outbox copy is discarded); any other
   * is shown with the server's reason until the resident discards it.
   */
  private reject(entryId: string, problem: Problem) {
    const byField = issuesByField(problem.errors ?? []);
    const mapped = [...byField.keys()].filter((field) => field !== '');
    if (problem.status === 422 && mapped.length > 0) {
      void this.outboxOf()?.discard(entryId);
      const issues = new Map<FieldId, string>();
      for (const field of mapped) issues.set(field, this.serverMessage(field, byField.get(field)!));
      this.serverIssues = issues;
      this.queuedEntryId = undefined;
      this.phase = 'form';
      const step = this.steps.find((s) => mapped.some((field) => stepOf(field) === s)) ?? 'review';
      this.step = step;
      this.focusNext = '#error-summary';
      return;
    }
    this.phase = 'failed';
    this.rejection = { entryId, problem };
    this.queuedEntryId = undefined;
    this.focusNext = '#outcome-heading';
    emit(this, 'gk-case-rejected', { entryId, problem });
  }

  /** Our words for a server issue, chosen by its code (the issue's own message is for developers). */
  private serverMessage(field: FieldId, issue: ValidationIssue): string {
    const m = this.localize.messages;
    const attribute = field.startsWith('attr-')
      ? this.category?.attributes.find((a) => `attr-${a.code}` === field)
      : undefined;
    const label = attribute ? this.label(attribute.label) : field;
    switch (issue.code) {
      case 'photo_required':
        return m.photosRequired;
      case 'location_required':
        return m.locationRequired;
      case 'attribute_required':
        return attribute && attribute.datatype.endsWith('list') ? m.attrChoose(label) : m.attrMissing(label);
      case 'attribute_invalid':
      case 'unknown_attribute':
        return m.attrInvalid(label);
      case 'unknown_grid':
        return m.gridUnknown;
      case 'unknown_category':
        return m.categoryUnknown;
      case 'unknown_media':
        return m.photoGone;
      default:
        return this.problems(stepOf(field)).find(([f]) => f === field)?.[1] ?? issue.message;
    }
  }

  private async discardRejected(thenFix: boolean) {
    const rejection = this.rejection;
    if (rejection) await this.outboxOf()?.discard(rejection.entryId);
    this.rejection = undefined;
    if (thenFix) {
      this.phase = 'form';
      this.go('review');
    } else this.forget();
  }

  /** Back to an empty first step: the next resident at a kiosk sees nothing of the last one's report. */
  private forget() {
    this.generation += 1;
    this.photos.clear();
    this.step = 'what';
    this.phase = 'form';
    this.categorySearch = this.address = this.gridQuery = this.description = this.reporterName = this.phone = '';
    this.categoryCode = this.point = this.whereFailure = this.grid = this.leader = this.gridResults = undefined;
    this.contact = this.generalIssue = this.receipt = this.qr = this.queuedEntryId = this.rejection = undefined;
    this.photoNote = undefined;
    this.answers = {};
    this.locating = this.gridSearching = this.returnToReview = false;
    this.touched = new Set();
    this.dirty = new Set();
    this.submitted = new Set();
    this.serverIssues = new Map();
    this.uploaded = 0;
    // Whatever the resident left in the file inputs goes too.
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="file"]')) input.value = '';
    emit(this, 'gk-reset', {});
  }

  // ── rendering ──────────────────────────────────────────────────────────

  protected override updated(changed: PropertyValues) {
    super.updated(changed);
    // Open the outbox as soon as there is a client: reports kept on this
    // device before a reload (or a crash) are sent without waiting for a new one.
    if (this.client) this.outboxOf();
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
    return html`<div class="root ${this.kioskMode ? 'kiosk' : ''}">
      ${this.idle.render({ title: m.idleTitle, prompt: m.idlePrompt, stay: m.idleStay, leave: m.idleLeave })}
      ${this.phase === 'sent' || this.phase === 'queued' || this.phase === 'failed' ? this.renderOutcome() : this.renderStep()}
    </div>`;
  }

  private renderStep() {
    const m = this.localize.messages;
    const steps = this.steps;
    const index = steps.indexOf(this.step);
    const problems = this.visibleProblems(this.step);
    const general = this.step === 'review' ? this.generalIssue : undefined;
    const showSummary = (this.submitted.has(this.step) || this.serverIssues.size > 0) && problems.length > 0;
    return html`<form
      part="form"
      class="step step-${this.step}"
      novalidate
      aria-labelledby="step-heading"
      @submit=${this.onNext}
    >
      <div class="top">
        ${
          index > 0 && this.phase === 'form'
            ? html`<button type="button" class="back" @click=${this.back}>‹ ${m.back}</button>`
            : nothing
        }
        <p class="progress" part="progress">
          ${m.stepOf(this.localize.number(index + 1), this.localize.number(steps.length))}
        </p>
      </div>
      ${showSummary || general ? this.renderSummary(problems, general) : nothing}
      ${this.renderQuestion(new Map(problems))}
    </form>`;
  }

  private renderSummary(problems: [FieldId, string][], general?: string) {
    const m = this.localize.messages;
    return html`<div
      class="error-summary"
      part="error-summary"
      id="error-summary"
      tabindex="-1"
      role="alert"
      aria-labelledby="summary-title"
    >
      <h3 id="summary-title">${m.summaryTitle}</h3>
      <ul>
        ${general ? html`<li>${general}</li>` : nothing}
        ${problems.map(
          ([field, message]) =>
            html`<li>
              <a
                href="#${field}"
                @click=${(event: Event) => {
                  event.preventDefault();
                  this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(field)}`)?.focus();
                }}
                >${message}</a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderQuestion(errors: Map<FieldId, string>) {
    switch (this.step) {
      case 'what':
        return this.renderWhat(errors);
      case 'details':
        return this.renderDetails(errors);
      case 'where':
        return this.renderWhere(errors);
      case 'photos':
        return this.renderPhotos(errors);
      case 'describe':
        return this.renderDescribe(errors);
      case 'contact':
        return this.renderContact(errors);
      case 'review':
        return this.renderReview();
    }
  }

  private nextButton(label?: string) {
    const m = this.localize.messages;
    const sending = this.phase === 'sending';
    return html`<div class="actions">
      <button type="submit" class="primary" ?disabled=${sending}>${sending ? m.sending : (label ?? m.next)}</button>
    </div>`;
  }

  private errorLine(id: string, error: string | undefined) {
    return error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing;
  }

  private renderWhat(errors: Map<FieldId, string>) {
    const m = this.localize.messages;
    return html`<h2 id="step-heading" tabindex="-1">${m.whatHeading}</h2>
      ${this.categories.render({
        pending: () => renderLoading(m),
        error: (error) => renderProblem(m, error, () => void this.categories.run()),
        complete: (all) => {
          const query = this.categorySearch.trim().toLowerCase();
          const matches = (c: Category) =>
            !query ||
            [c.code, ...Object.values(c.name), ...Object.values(c.description ?? {})].some((t) =>
              String(t).toLowerCase().includes(query),
            );
          const shown = all.filter(matches);
          const error = errors.get('category');
          let first = true;
          return html`<div class="field search">
              <label for="category-search">${m.searchLabel}</label>
              <p class="hint" id="category-search-hint">${m.searchHint}</p>
              <input
                id="category-search"
                type="search"
                autocomplete="off"
                enterkeyhint="search"
                aria-describedby="category-search-hint"
                aria-controls="category-list"
                .value=${this.categorySearch}
                @input=${(e: Event) => (this.categorySearch = (e.target as HTMLInputElement).value)}
                @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && e.preventDefault()}
              />
            </div>
            <p class="visually-hidden" role="status">
              ${query && shown.length === 0 ? m.noMatch(this.categorySearch.trim()) : ''}
            </p>
            ${query && shown.length === 0 ? html`<p class="hint-box">${m.noMatch(this.categorySearch.trim())}</p>` : nothing}
            ${this.errorLine('category', error)}
            <div id="category-list" class="category-list ${error ? 'has-error' : ''}">
              ${kinds.map((kind) => {
                const group = shown.filter((c) => c.kind === kind);
                if (group.length === 0) return nothing;
                return html`<fieldset class="kind" aria-describedby=${error ? 'category-error' : nothing}>
                  <legend>${m.kinds[kind] ?? kind}</legend>
                  <div class="choices">
                    ${group.map((c) => {
                      const id = first ? 'category' : `category-${c.code}`;
                      first = false;
                      const description = this.localize.text(c.description);
                      return html`<label class="choice card">
                        <input
                          id=${id}
                          type="radio"
                          name="category"
                          .value=${c.code}
                          .checked=${c.code === this.categoryCode}
                          aria-invalid=${error ? 'true' : nothing}
                          aria-describedby=${description ? `${id}-desc` : nothing}
                          @change=${() => {
                            if (this.categoryCode !== c.code) this.answers = {};
                            this.categoryCode = c.code;
                            this.changed('category');
                          }}
                          @blur=${(event: FocusEvent) => this.left('category', event)}
                        />
                        <span class="choice-text">
                          <span class="choice-name">${this.label(c.name)}</span>
                          ${description ? html`<span class="choice-desc" id="${id}-desc">${description}</span>` : nothing}
                          ${
                            c.requiresPhoto || c.requiresLocation
                              ? html`<span class="badges">
                                  ${c.requiresPhoto ? html`<span class="badge">${m.needsPhoto}</span>` : nothing}
                                  ${c.requiresLocation ? html`<span class="badge">${m.needsLocation}</span>` : nothing}
                                </span>`
                              : nothing
                          }
                        </span>
                      </label>`;
                    })}
                  </div>
                </fieldset>`;
              })}
            </div>
            ${this.nextButton()}`;
        },
      })}`;
  }

  private renderDetails(errors: Map<FieldId, string>) {
    const m = this.localize.messages;
    const category = this.category;
    return html`<h2 id="step-heading" tabindex="-1">${m.detailsHeading(this.label(category?.name))}</h2>
      ${this.sortedAttributes().map((attribute) =>
        renderAttribute(attribute, {
          value: this.answers[attribute.code],
          error: errors.get(`attr-${attribute.code}`),
          m,
          text: (value) => this.localize.text(value),
          onChange: (value) => {
            this.answers = { ...this.answers, [attribute.code]: value };
            this.changed(`attr-${attribute.code}`);
          },
          onBlur: (event: FocusEvent) => this.left(`attr-${attribute.code}`, event),
        }),
      )}
      ${this.nextButton()}`;
  }

  private renderWhere(errors: Map<FieldId, string>) {
    const m = this.localize.messages;
    const addressError = errors.get('address');
    const locationError = errors.get('location');
    const gridError = errors.get('grid');
    const fixed = !!this.activeGridId;
    const failure = this.whereFailure;
    const failureText: Record<WhereFailure, string> = {
      insecure: m.locationInsecure,
      unsupported: m.locationUnavailable,
      denied: m.locationDenied,
      unavailable: m.locationUnavailable,
      timeout: m.locationTimeout,
      outside: m.locationOutside,
      failed: m.locationFailed,
    };
    const chosen = this.chosenGrid;
    return html`<h2 id="step-heading" tabindex="-1">${m.whereHeading}</h2>
      <div class="field ${addressError ? 'has-error' : ''}">
        <label for="address">${m.addressLabel} <span class="marker">（${m.required}）</span></label>
        <p class="hint" id="address-hint">${m.addressHint}</p>
        ${this.errorLine('address', addressError)}
        <input
          id="address"
          type="text"
          autocomplete="street-address"
          aria-describedby="address-hint${addressError ? ' address-error' : ''}"
          aria-invalid=${addressError ? 'true' : nothing}
          .value=${this.address}
          @input=${(e: Event) => {
            this.address = (e.target as HTMLInputElement).value;
            this.changed('address');
          }}
          @blur=${(event: FocusEvent) => this.left('address', event)}
        />
      </div>
      <div class="field locate ${locationError ? 'has-error' : ''}">
        ${this.errorLine('location', locationError)}
        <button
          id="location"
          type="button"
          class="secondary"
          aria-describedby=${locationError ? 'location-error' : nothing}
          ?disabled=${this.locating}
          @click=${this.useLocation}
        >
          ${this.locating ? m.locating : m.useLocation}
        </button>
        <p class="status-line" role="status">
          ${this.point && !this.locating ? html`<span class="ok">✓ ${m.located}</span>` : nothing}
          ${failure ? html`<span class="warn">${failureText[failure]}</span>` : nothing}
        </p>
      </div>
      ${
        fixed
          ? this.fixedGrid.render({
              pending: () => renderLoading(m),
              complete: (value) => (value ? this.renderHandler(value.grid, value.leader) : nothing),
              error: () => nothing,
            })
          : chosen
            ? html`${this.renderHandler(chosen, this.leader)}
                <button
                  type="button"
                  class="link"
                  @click=${() => {
                    this.grid = this.leader = undefined;
                    this.focusNext = '#grid';
                  }}
                >
                  ${m.chooseOtherGrid}
                </button>`
            : this.renderGridSearch(gridError)
      }
      ${this.nextButton()}`;
  }

  private renderGridSearch(error: string | undefined) {
    const m = this.localize.messages;
    const results = this.gridResults;
    return html`<fieldset
      class="field grid-search ${error ? 'has-error' : ''}"
      aria-describedby=${error ? 'grid-error' : nothing}
    >
      <legend>${m.gridLegend} <span class="marker">（${m.required}）</span></legend>
      ${this.errorLine('grid', error)}
      <label for="grid">${m.gridSearchLabel}</label>
      <p class="hint" id="grid-hint">${m.gridSearchHint}</p>
      <div class="search-row">
        <input
          id="grid"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          aria-describedby="grid-hint"
          aria-invalid=${error ? 'true' : nothing}
          .value=${this.gridQuery}
          @input=${(e: Event) => (this.gridQuery = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            void this.searchGrids();
          }}
        />
        <button type="button" class="secondary" ?disabled=${this.gridSearching} @click=${this.searchGrids}>
          ${m.gridSearch}
        </button>
      </div>
      <div role="status" class="grid-results">
        ${
          this.gridSearching
            ? html`<span class="spinner" aria-hidden="true"></span> ${m.loading}`
            : !results
              ? nothing
              : 'error' in results
                ? html`<p class="warn">
                    ${isGridkitError(results.error) && results.error.kind !== 'http' ? m.offlineTitle : m.errorTitle}
                  </p>`
                : results.grids.length === 0
                  ? html`<p class="hint-box">${m.gridNoResults(results.query)}</p>`
                  : html`<p>${m.gridResults(this.localize.number(results.grids.length))}</p>`
        }
      </div>
      ${
        results && 'grids' in results && results.grids.length > 0 && !this.gridSearching
          ? html`<div class="choices">
              ${results.grids.map(
                (grid, index) =>
                  html`<label class="choice card">
                    <input
                      id="grid-result-${index}"
                      type="radio"
                      name="grid"
                      .value=${grid.id}
                      @change=${() => void this.chooseGrid(grid)}
                    />
                    <span class="choice-text">
                      <span class="choice-name">${grid.name}</span>
                      <span class="choice-desc">${grid.path.map((p) => p.name).join(' › ')}</span>
                      ${grid.places?.length ? html`<span class="choice-desc">${grid.places.slice(0, 6).join('、')}</span>` : nothing}
                    </span>
                  </label>`,
              )}
            </div>`
          : nothing
      }
    </fieldset>`;
  }

  private renderHandler(grid: ChosenGrid, leader: TeamMember | null | undefined) {
    const m = this.localize.messages;
    return html`<section class="handler" part="handler" aria-labelledby="handler-heading">
      <h3 id="handler-heading">${m.handlerHeading}</h3>
      <p class="grid-path">${grid.path}</p>
      ${
        leader === undefined
          ? html`<p class="hint"><span class="spinner inline" aria-hidden="true"></span> ${m.loading}</p>`
          : leader === null
            ? html`<p>${m.leaderVacant(grid.name)}</p>`
            : html`<p>${m.handlerIntro(grid.name)}</p>
                <div class="person">
                  ${
                    leader.photoUrl
                      ? html`<img class="avatar" src=${leader.photoUrl} alt="" />`
                      : html`<span class="avatar initial" aria-hidden="true">${leader.name.slice(0, 1)}</span>`
                  }
                  <span class="person-text">
                    <strong class="person-name">${leader.name}</strong>
                    <span class="person-role">${this.localize.text(leader.roleLabel) ?? m.leaderRole}</span>
                    ${
                      leader.workPhone
                        ? html`<span class="phone"
                            ><span>${m.workPhone}</span
                            ><a href="tel:${leader.workPhone.replace(/[^\d+]/g, '')}">${leader.workPhone}</a></span
                          >`
                        : nothing
                    }
                  </span>
                </div>`
      }
    </section>`;
  }

  private renderPhotos(errors: Map<FieldId, string>) {
    const m = this.localize.messages;
    const error = errors.get('photos');
    const required = this.category?.requiresPhoto;
    const photos = this.photos.photos;
    const full = photos.length >= maxPhotos;
    const n = (i: number) => this.localize.number(i + 1);
    return html`<h2 id="step-heading" tabindex="-1">
        ${m.photosHeading} <span class="marker">（${required ? m.required : m.optional}）</span>
      </h2>
      <p class="hint" id="photos-hint">${m.photosHint(this.localize.number(maxPhotos))}</p>
      ${this.errorLine('photos', error)}
      <div class="photo-actions">
        <button
          id="photos"
          type="button"
          class="secondary"
          aria-describedby="photos-hint${error ? ' photos-error' : ''}"
          ?disabled=${full}
          @click=${() => this.pick('camera')}
        >
          ${m.takePhoto}
        </button>
        <button type="button" class="secondary" ?disabled=${full} @click=${() => this.pick('library')}>
          ${m.choosePhoto}
        </button>
        <input
          id="photo-camera"
          type="file"
          accept=${photoTypes}
          capture="environment"
          hidden
          @change=${this.addFiles}
        />
        <input id="photo-library" type="file" accept=${photoTypes} multiple hidden @change=${this.addFiles} />
      </div>
      <p class="hint" role="status">
        ${this.photoNote ?? ''}
        ${photos.length ? m.photoCount(this.localize.number(photos.length), this.localize.number(maxPhotos)) : ''}
      </p>
      ${
        photos.length
          ? html`<ul class="thumbs" part="photos">
              ${photos.map(
                (photo, i) =>
                  html`<li class="thumb thumb-${photo.state}">
                    ${
                      photo.thumb
                        ? html`<canvas
                            role="img"
                            aria-label=${m.photoLabel(n(i))}
                            width=${photo.thumb.width}
                            height=${photo.thumb.height}
                            ${ref((canvas) => drawThumb(canvas as HTMLCanvasElement | undefined, photo.thumb))}
                          ></canvas>`
                        : html`<span class="thumb-placeholder" aria-hidden="true"
                            >${photo.state === 'preparing' ? html`<span class="spinner"></span>` : '!'}</span
                          >`
                    }
                    <span class="thumb-state">
                      <span class="visually-hidden">${m.labelled(m.photoLabel(n(i)), '')}</span>
                      ${
                        photo.state === 'preparing'
                          ? m.preparing
                          : photo.state === 'error'
                            ? m.photoErrors[photo.error ?? 'decode-failed']
                            : m.photoReady(formatBytes(photo.blob?.size ?? 0, this.localize.locale))
                      }
                    </span>
                    <span class="thumb-actions">
                      ${
                        photo.state === 'error' && photo.error === 'decode-failed'
                          ? html`<button type="button" class="small" @click=${() => this.photos.retry(photo.id)}>
                              ${m.retryPhoto(n(i))}
                            </button>`
                          : nothing
                      }
                      <button
                        type="button"
                        class="small"
                        @click=${() => {
                          this.photos.remove(photo.id);
                          this.changed('photos');
                          this.focusNext = '#photos';
                        }}
                      >
                        ${m.removePhoto(n(i))}
                      </button>
                    </span>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${this.nextButton()}`;
  }

  private renderDescribe(errors: Map<FieldId, string>) {
    const m = this.localize.messages;
    const error = errors.get('description');
    const used = this.description.trim().length;
    return html`<h2 id="step-heading" tabindex="-1">${m.describeHeading}</h2>
      <div class="field ${error ? 'has-error' : ''}">
        <label for="description">${m.descriptionLabel} <span class="marker">（${m.required}）</span></label>
        <p class="hint" id="description-hint">${m.descriptionHint}</p>
        ${this.errorLine('description', error)}
        <textarea
          id="description"
          rows="6"
          aria-describedby="description-hint description-count${error ? ' description-error' : ''}"
          aria-invalid=${error ? 'true' : nothing}
          .value=${this.description}
          @input=${(e: Event) => {
            this.description = (e.target as HTMLTextAreaElement).value;
            this.changed('description');
          }}
          @blur=${(event: FocusEvent) => this.left('description', event)}
        ></textarea>
        <p id="description-count" class="hint counter ${used > descriptionMax ? 'over' : ''}" aria-live="polite">
          ${m.counter(this.localize.number(used), this.localize.number(descriptionMax))}
        </p>
      </div>
      ${this.nextButton()}`;
  }

  private renderContact(errors: Map<FieldId, string>) {
    const m = this.localize.messages;
    const error = errors.get('contact');
    const nameError = errors.get('name');
    const phoneError = errors.get('phone');
    const choose = (value: 'named' | 'anonymous') => () => {
      this.contact = value;
      this.changed('contact');
    };
    return html`<h2 id="step-heading" tabindex="-1">${m.contactHeading}</h2>
      <p class="privacy" id="privacy">${m.privacy}</p>
      <fieldset class="field ${error ? 'has-error' : ''}" aria-describedby="privacy${error ? ' contact-error' : ''}">
        <legend class="visually-hidden">${m.contactHeading}</legend>
        ${this.errorLine('contact', error)}
        <div class="choices">
          <label class="choice card">
            <input
              id="contact"
              type="radio"
              name="contact"
              value="named"
              .checked=${this.contact === 'named'}
              aria-invalid=${error ? 'true' : nothing}
              @change=${choose('named')}
            />
            <span class="choice-text"><span class="choice-name">${m.contactNamed}</span></span>
          </label>
          ${
            this.contact === 'named'
              ? html`<div class="conditional">
                  <div class="field ${nameError ? 'has-error' : ''}">
                    <label for="name">${m.nameLabel}</label>
                    <p class="hint" id="name-hint">${m.nameHint}</p>
                    ${this.errorLine('name', nameError)}
                    <input
                      id="name"
                      class="medium"
                      type="text"
                      autocomplete="name"
                      aria-describedby="name-hint${nameError ? ' name-error' : ''}"
                      aria-invalid=${nameError ? 'true' : nothing}
                      .value=${this.reporterName}
                      @input=${(e: Event) => {
                        this.reporterName = (e.target as HTMLInputElement).value;
                        this.changed('name');
                      }}
                      @blur=${(event: FocusEvent) => this.left('name', event)}
                    />
                  </div>
                  <div class="field ${phoneError ? 'has-error' : ''}">
                    <label for="phone">${m.phoneLabel}</label>
                    <p class="hint" id="phone-hint">${m.phoneHint}</p>
                    ${this.errorLine('phone', phoneError)}
                    <input
                      id="phone"
                      class="medium"
                      type="tel"
                      autocomplete="tel"
                      inputmode="tel"
                      aria-describedby="phone-hint${phoneError ? ' phone-error' : ''}"
                      aria-invalid=${phoneError ? 'true' : nothing}
                      .value=${this.phone}
                      @input=${(e: Event) => {
                        this.phone = (e.target as HTMLInputElement).value;
                        this.changed('phone');
                      }}
                      @blur=${(event: FocusEvent) => this.left('phone', event)}
                    />
                  </div>
                </div>`
              : nothing
          }
          <label class="choice card">
            <input
              id="contact-anonymous"
              type="radio"
              name="contact"
              value="anonymous"
              .checked=${this.contact === 'anonymous'}
              aria-invalid=${error ? 'true' : nothing}
              @change=${choose('anonymous')}
            />
            <span class="choice-text">
              <span class="choice-name">${m.contactAnonymous}</span>
              <span class="choice-desc">${m.anonymousNote}</span>
            </span>
          </label>
        </div>
      </fieldset>
      ${this.nextButton()}`;
  }

  private renderReview() {
    const m = this.localize.messages;
    const category = this.category;
    const answers = category ? toAnswers(category.attributes, this.answers) : {};
    const details = this.sortedAttributes()
      .filter((a) => answers[a.code] !== undefined)
      .map((a) => {
        const value = answers[a.code]!;
        const option = (key: string) => this.label(a.options?.find((o) => o.key === key)?.label) || key;
        const shown =
          typeof value === 'boolean'
            ? value
              ? m.yes
              : m.no
            : Array.isArray(value)
              ? value.map(option).join(m.listSeparator)
              : a.datatype === 'singlevaluelist'
                ? option(String(value))
                : String(value);
        return m.labelled(this.label(a.label), shown);
      });
    const grid = this.chosenGrid;
    const photos = this.photos.ready;
    const sending = this.phase === 'sending';
    const row = (key: string, value: unknown, step: Step) =>
      html`<div class="review-row">
        <dt>${key}</dt>
        <dd>${value}</dd>
        <dd class="review-change">
          ${
            sending
              ? nothing
              : html`<button type="button" class="link" @click=${() => this.change(step)}>
                  ${m.change}<span class="visually-hidden">${m.changeWhat(key)}</span>
                </button>`
          }
        </dd>
      </div>`;
    return html`<h2 id="step-heading" tabindex="-1">${m.reviewHeading}</h2>
      <dl class="review" part="review">
        ${row(m.reviewCategory, this.label(category?.name), 'what')}
        ${details.length ? row(m.reviewDetails, html`${details.map((d) => html`<span class="line">${d}</span>`)}`, 'details') : nothing}
        ${row(m.reviewAddress, html`${this.address.trim()}${this.point ? html` <span class="badge">${m.withLocation}</span>` : nothing}`, 'where')}
        ${row(m.reviewGrid, grid?.path ?? '', 'where')}
        ${row(
          m.reviewPhotos,
          photos.length
            ? html`${m.photosCount(this.localize.number(photos.length))}
                <ul class="thumbs small" part="photos">
                  ${photos.map(
                    (photo, i) =>
                      html`<li class="thumb">
                        <canvas
                          role="img"
                          aria-label=${m.photoLabel(this.localize.number(i + 1))}
                          width=${photo.thumb!.width}
                          height=${photo.thumb!.height}
                          ${ref((canvas) => drawThumb(canvas as HTMLCanvasElement | undefined, photo.thumb))}
                        ></canvas>
                        ${
                          sending
                            ? html`<span class="thumb-state"
                                >${i < this.uploaded ? `✓ ${m.photoUploaded}` : i === this.uploaded ? m.photoUploading : m.photoWaiting}</span
                              >`
                            : nothing
                        }
                      </li>`,
                  )}
                </ul>`
            : m.none,
          'photos',
        )}
        ${row(m.reviewDescription, html`<span class="pre">${this.description.trim()}</span>`, 'describe')}
        ${row(
          m.reviewContact,
          this.contact === 'named' ? `${this.reporterName.trim()} · ${this.phone.trim()}` : m.anonymous,
          'contact',
        )}
      </dl>
      ${grid ? this.renderHandler(grid, this.handler) : nothing} ${this.nextButton(m.submit)}
      ${sending ? html`<p class="visually-hidden" role="status">${m.sending}</p>` : nothing}`;
  }

  private renderOutcome() {
    const m = this.localize.messages;
    if (this.phase === 'queued') {
      return html`<section class="outcome queued" part="state" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading" tabindex="-1">${m.queuedHeading}</h2>
        <p>${m.queuedDetail}</p>
        <p class="hint" role="status"><span class="spinner inline" aria-hidden="true"></span> ${m.queuedWaiting}</p>
        <p>${m.queuedMayLeave}</p>
        <div class="actions no-print">
          <button type="button" class="primary" @click=${() => this.forget()}>${m.another}</button>
        </div>
      </section>`;
    }
    if (this.phase === 'failed' && this.rejection) {
      const problem = this.rejection.problem;
      return html`<section class="outcome rejected" part="state" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading" tabindex="-1">${m.rejectedHeading}</h2>
        <p>${m.rejectedDetail}</p>
        <p class="reason">
          <strong>${problem.title}</strong>${problem.detail ? html`<br /><span>${problem.detail}</span>` : nothing}
        </p>
        ${
          (problem.errors ?? []).length
            ? html`<ul>
                ${problem.errors!.map((issue) => html`<li>${issue.message}</li>`)}
              </ul>`
            : nothing
        }
        ${problem.requestId ? html`<p class="request-id">${m.requestId(problem.requestId)}</p>` : nothing}
        <div class="actions">
          <button type="button" class="primary" @click=${() => this.discardRejected(true)}>${m.fix}</button>
          <button type="button" class="secondary" @click=${() => this.discardRejected(false)}>${m.discard}</button>
        </div>
      </section>`;
    }
    const receipt = this.receipt!;
    const grid = this.chosenGrid;
    return html`<section class="outcome receipt" part="receipt" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading" tabindex="-1">✓ ${m.receiptHeading}</h2>
      <div class="receipt-body">
        <dl class="receipt-facts">
          <div class="ticket-box">
            <dt>${m.ticketLabel}</dt>
            <dd class="ticket" part="ticket">${receipt.ticket}</dd>
          </div>
          <div class="token-box">
            <dt>${m.tokenLabel}</dt>
            <dd class="token" part="token" aria-label=${receipt.trackingToken.split('').join(' ')}>
              ${receipt.trackingToken
                .split('-')
                .map(
                  (group, i) =>
                    html`${i ? html`<span class="sep">-</span>` : nothing}<span class="group">${group}</span>`,
                )}
            </dd>
            <dd class="hint">${m.tokenHint}</dd>
          </div>
        </dl>
        <p class="due">${m.dueBy(this.localize.date(receipt.dueAt, { dateStyle: 'medium', timeStyle: 'short' }))}</p>
        ${
          this.qr
            ? html`<figure class="qr" part="qr">
                ${this.qr}
                <figcaption>${m.qrLabel}</figcaption>
              </figure>`
            : nothing
        }
      </div>
      ${grid ? this.renderHandler(grid, this.handler) : nothing}
      <div class="actions no-print">
        <button type="button" class="secondary" @click=${() => window.print()}>${m.print}</button>
        <button type="button" class="primary" @click=${() => this.forget()}>${m.another}</button>
      </div>
    </section>`;
  }
}

/** Paints a prepared photo's small copy once per canvas. */
const painted = new WeakMap<HTMLCanvasElement, ImageBitmap>();
function drawThumb(canvas: HTMLCanvasElement | undefined, bitmap: ImageBitmap | undefined) {
  if (!canvas || !bitmap || painted.get(canvas) === bitmap || bitmap.width === 0) return;
  painted.set(canvas, bitmap);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
}

function formatBytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
    Math.max(1, Math.round(bytes / 1024)),
  );
}
