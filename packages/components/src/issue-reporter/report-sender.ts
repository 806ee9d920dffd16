import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { CaseInput, CaseReceipt, Problem, TeamMember } from '@gridkit/sdk';
import type { Outbox } from '@gridkit/sdk/outbox';
import { emit } from '../events.js';
import type { ReportDraft } from './answers.js';
import type { FieldId } from './fields.js';
import type { ChosenGrid } from './handler.js';
import { receiptQr, renderOutcome } from './outcome.js';
import type { TrayPhoto } from './photo-tray.js';
import { isQuotaError, OutboxWatch, photoFiles, toCaseInput, watchUploads } from './sending.js';
import { fieldProblems } from './validation.js';
import type { Localize, Messages } from './view.js';

/** Where a report is: being answered, being sent, or ended (sent, kept on the device, refused for good). */
export type Phase = 'form' | 'sending' | 'sent' | 'queued' | 'failed';

/** What the sender reads from and asks of the reporter element. */
export interface ReportSenderOptions {
  outbox(): Outbox | undefined;
  draft(): ReportDraft;
  gridId(): string;
  channel(): NonNullable<CaseInput['channel']>;
  photos(): readonly TrayPhoto[];
  trackUrl(): string | undefined;
  messages(): Messages;
  localize: Localize;
  /** A 422 naming fields: show them on their fields (the form still holds everything). */
  onFieldProblems(problems: Map<FieldId, string>): void;
  /** Something new to say: focus goes to it after the next render. */
  focus(selector: string): void;
  /** Back to the review, to change the report and send it again. */
  review(): void;
  /** Back to an empty form for the next report. */
  forget(): void;
  /** Something happened: the kiosk's idle countdown starts again. */
  active(): void;
}

/**
 * Sending a complete report through the outbox and what became of it: the
 * receipt (with its QR code), "kept on this device" until the outbox sends it,
 * or a permanent refusal kept until the resident discards it. Comes with the
 * later steps' chunk; until then the report is being answered.
 */
export class ReportSender {
  phase: Phase = 'form';
  /** Photos of the report being sent that are uploaded. */
  uploaded = 0;
  /** A problem no field owns (storage full, a failed send), shown in the review's summary. */
  generalIssue?: string;
  private receipt?: CaseReceipt;
  private qr?: TemplateResult;
  private queuedEntryId?: string;
  private rejection?: { entryId: string; problem: Problem };
  /** Bumped by `reset()`: answers to requests made for an earlier report are ignored. */
  private generation = 0;
  private readonly watch: OutboxWatch;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ReportSenderOptions,
  ) {
    this.watch = new OutboxWatch({
      outbox: options.outbox,
      onSent: (entryId, receipt) => entryId === this.queuedEntryId && this.showReceipt(receipt),
      onFailed: (entryId, problem) => entryId === this.queuedEntryId && this.reject(entryId, problem),
    });
  }

  /** The outbox, listened to from now on: reports kept on this device before a reload are sent without waiting. */
  open() {
    this.watch.current();
  }

  stop() {
    this.watch.stop();
  }

  get ended(): boolean {
    return this.phase === 'sent' || this.phase === 'queued' || this.phase === 'failed';
  }

  private set(changes: Partial<Pick<ReportSender, 'phase' | 'uploaded' | 'generalIssue'>>) {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }

  async send() {
    const outbox = this.watch.current();
    if (this.phase === 'sending' || !outbox) return;
    const { options } = this;
    const input = toCaseInput(options.draft(), options.gridId(), options.channel());
    const photos = photoFiles(options.photos());
    const generation = this.generation;
    this.set({ phase: 'sending', generalIssue: undefined, uploaded: 0 });
    const stopWatching = photos.length
      ? watchUploads(outbox, input, (count) => {
          if (generation === this.generation) this.set({ uploaded: count });
        })
      : undefined;
    try {
      const result = await outbox.submitCase(input, photos);
      if (generation !== this.generation) return;
      if (result.status === 'sent') this.showReceipt(result.result);
      else if (result.status === 'queued') {
        this.queuedEntryId = result.entry.id;
        this.set({ phase: 'queued' });
        options.focus('#outcome-heading');
        options.active();
        emit(this.host, 'gk-case-queued', { entryId: result.entry.id });
      } else this.reject(result.entry.id, result.problem);
    } catch (error) {
      // The device could not keep it (full disk, private mode): nothing was stored, the form still has it all.
      if (generation !== this.generation) return;
      const m = options.messages();
      this.set({ phase: 'form', generalIssue: isQuotaError(error) ? m.storageFull : m.sendFailed });
      options.focus('#error-summary');
    } finally {
      stopWatching?.();
    }
  }

  private showReceipt(receipt: CaseReceipt) {
    this.receipt = receipt;
    this.queuedEntryId = undefined;
    this.set({ phase: 'sent' });
    this.options.focus('#outcome-heading');
    this.options.active();
    emit(this.host, 'gk-case-submitted', {
      ticket: receipt.ticket,
      trackingToken: receipt.trackingToken,
      caseId: receipt.id,
    });
    const generation = this.generation;
    receiptQr(receipt, this.options.trackUrl(), this.options.messages().qrLabel)?.then(
      (qr) => {
        if (generation !== this.generation || this.receipt !== receipt) return;
        this.qr = qr;
        this.host.requestUpdate();
      },
      () => undefined,
    );
  }

  /**
   * A permanent refusal. A 422 naming fields goes back to those fields (the
   * form still holds everything, so the outbox copy is discarded); any other
   * is shown with the server's reason until the resident discards it.
   */
  private reject(entryId: string, problem: Problem) {
    const { options } = this;
    const problems = fieldProblems(problem.errors ?? [], options.draft(), options.messages(), options.localize);
    this.queuedEntryId = undefined;
    if (problem.status === 422 && problems.size > 0) {
      void this.watch.current()?.discard(entryId);
      this.set({ phase: 'form' });
      options.onFieldProblems(problems);
      return;
    }
    this.rejection = { entryId, problem };
    this.set({ phase: 'failed' });
    options.focus('#outcome-heading');
    emit(this.host, 'gk-case-rejected', { entryId, problem });
  }

  private async discardRejected(thenFix: boolean) {
    const rejection = this.rejection;
    if (rejection) await this.watch.current()?.discard(rejection.entryId);
    this.rejection = undefined;
    if (thenFix) {
      this.set({ phase: 'form' });
      this.options.review();
    } else this.options.forget();
  }

  /** Forgets the report: whatever its requests answer later is ignored. */
  reset() {
    this.generation += 1;
    this.receipt = this.qr = this.queuedEntryId = this.rejection = undefined;
    this.set({ phase: 'form', generalIssue: undefined, uploaded: 0 });
  }

  /** The outcome, once the report has ended. */
  render(grid: ChosenGrid | undefined, leader: TeamMember | null | undefined) {
    const common = { m: this.options.messages(), localize: this.options.localize, onAnother: this.options.forget };
    if (this.phase === 'queued') return renderOutcome({ ...common, phase: 'queued' });
    if (this.phase === 'failed' && this.rejection) {
      return renderOutcome({
        ...common,
        phase: 'failed',
        problem: this.rejection.problem,
        onFix: () => this.discardRejected(true),
        onDiscard: () => this.discardRejected(false),
      });
    }
    return renderOutcome({ ...common, phase: 'sent', receipt: this.receipt!, qr: this.qr, grid, leader });
  }
}
