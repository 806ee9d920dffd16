import type { CaseInput, CaseReceipt, Problem } from '@gridkit/sdk';
import type { Outbox, OutboxEventMap } from '@gridkit/sdk/outbox';
import { toAnswers } from './attributes.js';
import type { TrayPhoto } from './photo-tray.js';
import type { ReportDraft } from './answers.js';

/** The case as the contract takes it, from a complete draft; the outbox adds the photos' media ids. */
export function toCaseInput(
  draft: ReportDraft,
  gridId: string,
  channel: NonNullable<CaseInput['channel']>,
): Omit<CaseInput, 'mediaIds'> {
  const category = draft.category!;
  const answers = toAnswers(category.attributes, draft.attributes);
  const address = draft.address.trim();
  return {
    gridId,
    categoryCode: category.code,
    description: draft.description.trim(),
    location: draft.point ? { address, point: draft.point } : { address },
    ...(Object.keys(answers).length ? { attributes: answers } : {}),
    ...(draft.contact === 'named' ? { reporter: { name: draft.reporterName.trim(), phone: draft.phone.trim() } } : {}),
    channel,
  };
}

/** The prepared photos as the outbox uploads them, named in order. */
export function photoFiles(ready: readonly TrayPhoto[]): { blob: Blob; filename: string }[] {
  return ready.map((photo, index) => ({
    blob: photo.blob!,
    filename: `photo-${index + 1}.${photo.blob!.type === 'image/webp' ? 'webp' : 'jpg'}`,
  }));
}

/**
 * How many photos of the report being sent are uploaded: the outbox uploads
 * the photos, then creates the case, and its entry shows how far it got.
 * Returns a function that stops watching.
 */
export function watchUploads(
  outbox: Outbox,
  input: Pick<CaseInput, 'description'>,
  onUploaded: (count: number) => void,
): () => void {
  const started = new Date(Date.now() - 1000).toISOString();
  const timer = setInterval(async () => {
    const entry = (await outbox.pending()).find(
      (e) => e.kind === 'case' && e.createdAt >= started && e.input.description === input.description,
    );
    if (entry?.kind === 'case') onUploaded(entry.photos.filter((p) => p.mediaId).length);
  }, 250);
  return () => clearInterval(timer);
}

/** The device could not keep the report because its storage is full (or private mode allows none). */
export function isQuotaError(error: unknown): boolean {
  return (error as { reason?: string }).reason === 'quota' || (error as Error).name === 'QuotaExceededError';
}

/**
 * The outbox reports go through, and word from it about the one report the
 * element waits for (queued earlier, sent or refused later). Listens to one
 * outbox at a time; `stop()` when the element leaves the page.
 */
export class OutboxWatch {
  private listening?: Outbox;

  constructor(
    private readonly options: {
      outbox(): Outbox | undefined;
      onSent(entryId: string, receipt: CaseReceipt): void;
      onFailed(entryId: string, problem: Problem): void;
    },
  ) {}

  /** The outbox, listened to from now on. */
  current(): Outbox | undefined {
    const outbox = this.options.outbox();
    if (outbox && this.listening !== outbox) {
      this.stop();
      outbox.addEventListener('sent', this.sent);
      outbox.addEventListener('failed', this.failed);
      this.listening = outbox;
    }
    return outbox;
  }

  stop() {
    this.listening?.removeEventListener('sent', this.sent);
    this.listening?.removeEventListener('failed', this.failed);
    this.listening = undefined;
  }

  private readonly sent = (event: OutboxEventMap['sent']) => {
    const { entry, result } = event.detail;
    if (entry.kind === 'case') this.options.onSent(entry.id, result as CaseReceipt);
  };

  private readonly failed = (event: OutboxEventMap['failed']) => {
    this.options.onFailed(event.detail.entry.id, event.detail.problem);
  };
}
