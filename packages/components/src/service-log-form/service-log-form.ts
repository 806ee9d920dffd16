import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { Task } from '../internal/task.js';
import {
  createGridkitCore,
  isGridkitError,
  normalizeTicket,
  ticketPattern,
  type GridkitCore,
  type Grid,
  type Problem,
  type ServiceLog,
  type ServiceLogInput,
  type ServiceLogSummary,
  type StaffPrincipal,
} from '@gridkit/sdk/core';
import { casesResource } from '@gridkit/sdk/resources/cases';
import { gridsResource } from '@gridkit/sdk/resources/grids';
import { serviceLogsResource } from '@gridkit/sdk/resources/service-logs';
import { sessionResource } from '@gridkit/sdk/resources/session';
import type { Outbox, OutboxEntry, OutboxEventMap, ServiceLogOutboxEntry } from '@gridkit/sdk/outbox';
import { leftForSubmit } from '../internal/form-feedback.js';
import type * as OutboxModule from '../internal/outbox.js';
import { emit } from '../events.js';
import { GridkitElement } from '../internal/gridkit-element.js';
import { LazyIdleCountdown } from '../internal/idle-countdown-lazy.js';
import { addStyles } from '../internal/add-styles.js';
import { LazyChunk } from '../internal/lazy-chunk.js';
import { LocalizeController } from '../internal/localize.js';
import {
  renderLoading,
  renderProblem,
  requireConfiguration,
  stateStyles,
  warnIfMisconfigured,
} from '../internal/states.js';
import { cardStyles } from '../internal/card.js';
import { serviceLogFormMessages } from './messages.js';
import { serviceLogFormStyles } from './service-log-form.styles.js';
import type { ServiceLogRecordsMessages } from './messages.records.js';
import type * as RecordsModule from './records.js';
import { dayStart, shanghaiDate } from './service-day.js';

/** How the form loads today's entries and the month's summary; tests hold it back through this. */
export const recordsChunk = { load: (): Promise<typeof RecordsModule> => import('./records.js') };

type Kind = ServiceLogInput['kind'];
type SubjectGroup = ServiceLogInput['subjectGroups'][number];
type Outcome = ServiceLogInput['outcome'];

/** `detail` of `gk-service-log-saved`: the entry as the server stored it. */
export interface GkServiceLogSavedDetail {
  serviceLog: ServiceLog;
}
/** `detail` of `gk-service-log-queued`: the entry kept on the device, to be sent later. */
export interface GkServiceLogQueuedDetail {
  entry: OutboxEntry;
  input: ServiceLogInput;
}
export type GkServiceLogSavedEvent = CustomEvent<GkServiceLogSavedDetail>;
export type GkServiceLogQueuedEvent = CustomEvent<GkServiceLogQueuedDetail>;

declare global {
  interface HTMLElementEventMap {
    'gk-service-log-saved': GkServiceLogSavedEvent;
    'gk-service-log-queued': GkServiceLogQueuedEvent;
  }
}

// The contract's enums, in its order; `satisfies` fails to compile when the contract adds or drops a value.
const kindSet = {
  visit: 1,
  mediation: 1,
  assistance: 1,
  inspection: 1,
  publicity: 1,
  registration: 1,
  other: 1,
} satisfies Record<Kind, 1>;
const groupSet = {
  elderly_alone: 1,
  disabled: 1,
  chronically_ill: 1,
  unemployed: 1,
  newcomer: 1,
  hardship: 1,
  minor: 1,
  veteran: 1,
  general: 1,
} satisfies Record<SubjectGroup, 1>;
const outcomeSet = { resolved: 1, followup_needed: 1, referred: 1, case_opened: 1 } satisfies Record<Outcome, 1>;
const kinds = Object.keys(kindSet) as Kind[];
const groups = Object.keys(groupSet) as SubjectGroup[];
const outcomes = Object.keys(outcomeSet) as Outcome[];
/** The kinds a worker records most (文峰's daily visits, help, disputes, patrols): one tap each. */
const quickKinds: readonly Kind[] = ['visit', 'assistance', 'mediation', 'inspection'];

const summaryMax = 1000;
const householdMax = 64;

/** What the worker has typed, as kept between reloads (strings as typed, not yet checked). */
interface Draft {
  date: string;
  kind?: Kind;
  subjectGroups: SubjectGroup[];
  householdRef: string;
  summary: string;
  minutes: string;
  outcome?: Outcome;
  ticket: string;
}
type Field =
  'gridId' | 'date' | 'kind' | 'subjectGroups' | 'householdRef' | 'summary' | 'minutes' | 'outcome' | 'ticket';
// Page order, so the error summary reads top to bottom like the form.
const fieldOrder: readonly Field[] = [
  'gridId',
  'date',
  'minutes',
  'kind',
  'subjectGroups',
  'summary',
  'householdRef',
  'ticket',
  'outcome',
];
/** The control an error-summary link focuses (a group's first option). */
const fieldTarget: Record<Field, string> = {
  gridId: 'grid',
  date: 'date',
  kind: `kind-${kinds[0]}`,
  subjectGroups: `group-${groups[0]}`,
  householdRef: 'household',
  summary: 'summary',
  minutes: 'minutes',
  outcome: `outcome-${outcomes[0]}`,
  ticket: 'ticket',
};
/** Request-body members named by a problem's `errors[].path`, and the field that shows them. */
const fieldOfMember: Record<string, Field> = {
  gridId: 'gridId',
  occurredAt: 'date',
  kind: 'kind',
  subjectGroups: 'subjectGroups',
  householdRef: 'householdRef',
  summary: 'summary',
  minutes: 'minutes',
  outcome: 'outcome',
  caseId: 'ticket',
};

const emptyDraft = (): Draft => ({
  date: shanghaiDate(),
  subjectGroups: [],
  householdRef: '',
  summary: '',
  minutes: '',
  ticket: '',
});

/**
 * A grid worker's daily service register (为民服务事项登记): record an act of
 * service, see today's entries, and the month's totals as they go into the
 * monthly report. Needs a staff token (the provider's `token`, or this
 * element's `base-url` + `token`). Entries are saved through the offline
 * outbox: one made without a network is kept on the device and sent later.
 *
 * @csspart base - the outermost element, in every state
 * @csspart form - the entry form
 * @csspart quick - the quick-entry buttons
 * @csspart error-summary - the list of problems shown after a failed save
 * @csspart note - the saved / saved-on-this-device / failed message
 * @csspart today - today's entries
 * @csspart entry - one of today's entries
 * @csspart month - the month's summary
 * @csspart state - loading, sign-in, jurisdiction, error and offline messages
 * @csspart retry - the retry button
 * @csspart idle-prompt - the kiosk's "still there?" countdown
 * @fires gk-service-log-saved - the server stored an entry of this worker (`detail.serviceLog`): saved here at once, or sent later by the outbox, whoever queued it (an earlier page too)
 * @fires gk-service-log-queued - an entry was kept on the device to be sent later (`detail.entry`, `detail.input`)
 * @fires gk-reset - the kiosk idle reset cleared the form
 * @fires gk-error - loading or saving failed
 */
export class GkServiceLogForm extends GridkitElement {
  static override styles = [...GridkitElement.styles, stateStyles, cardStyles, serviceLogFormStyles];

  static override properties: PropertyDeclarations = {
    token: {},
    outbox: { attribute: false },
    idleReset: { type: Number, attribute: 'idle-reset' },
    idleGrace: { type: Number, attribute: 'idle-grace' },
    selectedGridId: { attribute: false },
    draft: { attribute: false },
    touched: { attribute: false },
    dirty: { attribute: false },
    submitted: { attribute: false },
    serverErrors: { attribute: false },
    otherErrors: { attribute: false },
    saving: { attribute: false },
    note: { attribute: false },
    forbiddenGridId: { attribute: false },
    signInNeeded: { attribute: false },
    pending: { attribute: false },
    refreshes: { attribute: false },
    outboxModule: { attribute: false },
  };

  protected readonly localize = new LocalizeController(this, serviceLogFormMessages);

  /**
   * A staff token for this element's own `base-url` client. It is visible to
   * anything that can read the page's DOM: prefer a provider with a
   * `tokenProvider`, or set the property from script.
   */
  token?: string;
  /** The outbox entries go through; default: one created for this element's client. Share one across widgets by setting it. */
  outbox?: Outbox;
  /**
   * Seconds without a touch or key press before the "still there?" countdown,
   * after which the unsaved entry is cleared. Default 90 in kiosk mode, never otherwise; 0 turns it off.
   */
  idleReset?: number;
  /** Seconds the "still there?" countdown lasts. Default 20. */
  idleGrace = 20;

  private selectedGridId?: string;
  private draft: Draft = emptyDraft();
  private touched = new Set<Field>();
  private dirty = new Set<Field>();
  private submitted = false;
  private serverErrors: Partial<Record<Field, string>> = {};
  /** Problems the server named without a field we show (kept for the summary). */
  private otherErrors: string[] = [];
  private saving = false;
  private note?:
    | { kind: 'saved'; log: ServiceLog }
    | { kind: 'queued' }
    | { kind: 'sent-later' }
    | { kind: 'failed'; problem?: Problem; requestId?: string; storage?: boolean; unavailable?: boolean };
  private forbiddenGridId?: string;
  private signInNeeded = false;
  private pending: ServiceLogOutboxEntry[] = [];
  private refreshes = 0;

  private draftKey?: string;
  private caseIds = new Map<string, string>();
  private queuedIds = new Set<string>();
  /** Server ids of entries `gk-service-log-saved` was fired for. */
  private announced = new Set<string>();
  private sentWhileSaving: ServiceLog[] = [];
  private subscribed?: Outbox;
  private authed?: { baseUrl: string; token: string; core: GridkitCore };
  private seenCore?: GridkitCore;

  private readonly idle = new LazyIdleCountdown(this, {
    idleMs: () => (this.idleReset ?? (this.kioskMode ? 90 : 0)) * 1000,
    graceSeconds: () => this.idleGrace,
    active: () => this.hasDraft() || this.note !== undefined,
    onReset: () => this.forget(),
  });

  protected override get core(): GridkitCore | undefined {
    if (this.baseUrl && this.token) {
      if (this.authed?.baseUrl !== this.baseUrl || this.authed.token !== this.token) {
        this.authed = {
          baseUrl: this.baseUrl,
          token: this.token,
          core: createGridkitCore({ baseUrl: this.baseUrl, token: this.token, locale: () => this.localize.locale }),
        };
      }
      return this.authed.core;
    }
    return super.core;
  }

  /** Today's entries and the month's summary: their chunk is asked for as soon as there is a client. */
  private readonly records = new LazyChunk(this, recordsChunk, (records) => {
    this.recordsTexts = new LocalizeController(this, records.serviceLogRecordsMessages);
    addStyles(this.renderRoot as ShadowRoot, [records.recordsStyles]);
  });
  private recordsTexts?: LocalizeController<ServiceLogRecordsMessages>;

  /**
   * The outbox (with IndexedDB's wrapper) comes in a chunk of its own, asked
   * for as soon as the worker is signed in: the form shows without waiting.
   */
  private outboxModule?: typeof OutboxModule;
  private outboxLoading?: Promise<typeof OutboxModule>;

  private loadOutbox(): Promise<typeof OutboxModule> {
    return (this.outboxLoading ??= import('../internal/outbox.js').then(
      (module) => (this.outboxModule = module),
      (error: unknown) => {
        this.outboxLoading = undefined;
        throw error;
      },
    ));
  }

  private get activeOutbox(): Outbox | undefined {
    if (this.outbox) return this.outbox;
    const core = this.core;
    const me = this.session.value?.me;
    return core && me && this.outboxModule ? this.outboxModule.outboxFor(core, `service-log:${me.id}`) : undefined;
  }

  /** Who is signed in, their grids' names, and the name of a `grid-id` outside them. */
  private readonly session = new Task(this, {
    task: async ([core, gridId], { signal }) => {
      // No client: the page's developer is told which attribute to set (and the console says it once).
      await requireConfiguration(this.configurationProblem(false), signal);
      const me = await sessionResource(core!).me({ signal });
      const ids = [...new Set([...me.gridIds, ...(gridId ? [gridId] : [])])];
      // Names are public; a grid that cannot be read keeps its id as its name.
      const grids = await Promise.all(
        ids.map((id) =>
          gridsResource(core!)
            .get(id, { signal })
            .catch(() => undefined),
        ),
      );
      return { me, grids: new Map(ids.map((id, i) => [id, grids[i]] as const)) };
    },
    args: () => [this.core, this.activeGridId] as const,
    onComplete: ({ me }) => {
      this.signInNeeded = false;
      // A `grid-id` outside the worker's grids is kept: the server decides, and today's list's 403 explains it.
      this.selectedGridId = this.activeGridId || this.selectedGridId || me.gridIds[0];
    },
    onError: (error) => {
      if (isGridkitError(error) && error.status === 401) this.signInNeeded = true;
      else {
        warnIfMisconfigured(this, error);
        emit(this, 'gk-error', { error: error as Error });
      }
    },
  });

  private readonly today = new Task(this, {
    task: async ([core, me, gridId], { signal }) => {
      if (!core || !me || !gridId) return undefined;
      const date = shanghaiDate();
      const from = dayStart(date);
      const page = await serviceLogsResource(core).list(
        {
          workerId: me.id,
          gridId,
          occurredFrom: from.toISOString(),
          occurredTo: new Date(from.getTime() + 86_400_000).toISOString(),
          limit: 100,
        },
        { signal },
      );
      return { gridId, items: page.items };
    },
    args: () => [this.core, this.session.value?.me, this.selectedGridId, this.refreshes] as const,
    onComplete: (result) => {
      if (result && this.forbiddenGridId === result.gridId) this.forbiddenGridId = undefined;
    },
    onError: (error) => {
      if (isGridkitError(error) && error.status === 403) this.forbiddenGridId = this.selectedGridId;
      else emit(this, 'gk-error', { error: error as Error });
    },
  });

  private readonly month = new Task(this, {
    task: async ([core, me], { signal }): Promise<ServiceLogSummary | undefined> => {
      if (!core || !me) return undefined;
      return serviceLogsResource(core).summary({ month: shanghaiDate().slice(0, 7), workerId: me.id }, { signal });
    },
    args: () => [this.core, this.session.value?.me, this.refreshes] as const,
  });

  /**
   * Any entry of this worker the outbox sent, including one an earlier page
   * (or element) queued: the page learns it landed, today's list shows it.
   */
  private readonly onOutboxSent = (event: OutboxEventMap['sent']) => {
    const { entry, result } = event.detail;
    if (entry.kind !== 'serviceLog') return;
    const log = result as ServiceLog;
    const own = this.queuedIds.delete(entry.id);
    if (log.workerId !== this.session.value?.me.id) return;
    // Said for another page's entry only when nothing else is being said (or saved) here.
    if (own || (!this.note && !this.saving)) this.note = { kind: 'sent-later' };
    // During a save, the outbox reports the entry before the form shows it saved: announce after the save.
    if (this.saving) this.sentWhileSaving.push(log);
    else this.announce(log);
    this.refreshes += 1;
  };
  /** `gk-service-log-saved` once per entry: a save sent at once is also reported by the outbox's `sent`. */
  private announce(log: ServiceLog) {
    if (this.announced.has(log.id)) return;
    this.announced.add(log.id);
    emit(this, 'gk-service-log-saved', { serviceLog: log });
  }
  private readonly onOutboxChange = () => void this.loadPending();

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A new client (a token given or changed) starts over: the sign-in or jurisdiction message was about the old one.
    const core = this.core;
    if (core !== this.seenCore) {
      this.seenCore = core;
      this.signInNeeded = false;
      this.forbiddenGridId = undefined;
    }
    const me = this.session.value?.me;
    const key = me && this.selectedGridId ? `gridkit:service-log-draft:${me.id}:${this.selectedGridId}` : undefined;
    if (key !== this.draftKey) {
      this.draftKey = key;
      this.draft = (key && readDraft(key)) || emptyDraft();
      this.resetValidation();
      void this.loadPending();
    }
    if (changed.has('gridId')) this.forbiddenGridId = undefined;
  }

  protected override updated() {
    if (this.core && !this.records.asked) void this.records.load();
    if (this.session.value && !this.outbox && !this.outboxModule) void this.loadOutbox().catch(() => undefined);
    const outbox = this.session.value ? this.activeOutbox : undefined;
    if (outbox !== this.subscribed) {
      this.unsubscribe();
      if (outbox) {
        outbox.addEventListener('sent', this.onOutboxSent);
        outbox.addEventListener('change', this.onOutboxChange);
        this.subscribed = outbox;
        void this.loadPending();
      }
    }
  }

  private unsubscribe() {
    this.subscribed?.removeEventListener('sent', this.onOutboxSent);
    this.subscribed?.removeEventListener('change', this.onOutboxChange);
    this.subscribed = undefined;
  }

  /** Today's entries for this grid still waiting on the device. */
  private async loadPending() {
    const outbox = this.subscribed;
    const gridId = this.selectedGridId;
    if (!outbox || !gridId) {
      this.pending = [];
      return;
    }
    const today = shanghaiDate();
    const entries = await outbox.pending().catch(() => [] as OutboxEntry[]);
    this.pending = entries.filter(
      (e): e is ServiceLogOutboxEntry =>
        e.kind === 'serviceLog' && e.input.gridId === gridId && shanghaiDate(new Date(e.input.occurredAt)) === today,
    );
  }

  // ── the draft ────────────────────────────────────────────────────────────

  private hasDraft(): boolean {
    const d = this.draft;
    return Boolean(
      d.kind || d.outcome || d.subjectGroups.length || d.householdRef || d.summary || d.minutes || d.ticket,
    );
  }

  private change(field: Field, patch: Partial<Draft>) {
    this.draft = { ...this.draft, ...patch };
    this.dirty = new Set(this.dirty).add(field);
    if (this.serverErrors[field]) this.serverErrors = { ...this.serverErrors, [field]: undefined };
    if (this.note && this.note.kind !== 'failed') this.note = undefined;
    if (this.draftKey) {
      try {
        if (this.hasDraft()) localStorage.setItem(this.draftKey, JSON.stringify(this.draft));
        else localStorage.removeItem(this.draftKey);
      } catch {
        // Storage refused (private mode, full): the form still works, the draft just does not survive a reload.
      }
    }
  }

  private clearDraft() {
    this.draft = emptyDraft();
    if (this.draftKey) {
      try {
        localStorage.removeItem(this.draftKey);
      } catch {
        /* nothing stored */
      }
    }
    this.resetValidation();
  }

  private resetValidation() {
    this.touched = new Set();
    this.dirty = new Set();
    this.submitted = false;
    this.serverErrors = {};
    this.otherErrors = [];
  }

  /** The kiosk idle reset: nothing of the last entry stays on screen, in memory or in storage. */
  private forget() {
    this.clearDraft();
    this.note = undefined;
    emit(this, 'gk-reset', {});
  }

  private touch(field: Field, event?: FocusEvent) {
    if (leftForSubmit(event)) return;
    if (!this.touched.has(field)) this.touched = new Set(this.touched).add(field);
  }

  // ── validation ───────────────────────────────────────────────────────────

  /** What is wrong with the draft as it stands, field by field. */
  private clientErrors(): Partial<Record<Field, string>> {
    const e = this.localize.messages.errors;
    const d = this.draft;
    const errors: Partial<Record<Field, string>> = {};
    if (!this.selectedGridId) errors.gridId = e.gridId;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date)) errors.date = e.date;
    else if (d.date > shanghaiDate()) errors.date = e.dateFuture;
    if (!d.kind) errors.kind = e.kind;
    if (d.subjectGroups.length === 0) errors.subjectGroups = e.subjectGroups;
    if (d.householdRef.trim().length > householdMax) errors.householdRef = e.householdRef;
    if (!d.summary.trim()) errors.summary = e.summary;
    else if (d.summary.trim().length > summaryMax) errors.summary = e.summaryLong;
    const minutes = Number(d.minutes.trim());
    if (!/^\d+$/.test(d.minutes.trim()) || minutes < 1 || minutes > 720) errors.minutes = e.minutes;
    if (!d.outcome) errors.outcome = e.outcome;
    const ticket = normalizeTicket(d.ticket);
    if (ticket && !ticketPattern.test(ticket)) errors.ticket = e.ticket;
    return errors;
  }

  /** Lion/GOV.UK: a field's error shows once it was touched and changed, or after a save was tried. */
  private visibleErrors(): Partial<Record<Field, string>> {
    const own = this.clientErrors();
    const shown: Partial<Record<Field, string>> = {};
    for (const field of fieldOrder) {
      const message =
        (own[field] && (this.submitted || (this.touched.has(field) && this.dirty.has(field)))
          ? own[field]
          : undefined) ?? this.serverErrors[field];
      if (message) shown[field] = message;
    }
    return shown;
  }

  // ── saving ───────────────────────────────────────────────────────────────

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.saving) return;
    this.submitted = true;
    this.otherErrors = [];
    this.note = undefined;
    if (Object.keys(this.clientErrors()).length) return this.focusErrorSummary();

    if (!this.outbox && !this.outboxModule) {
      try {
        await this.loadOutbox();
      } catch {
        // The network went before the outbox's code arrived: nothing can keep the entry yet; the draft stays.
        this.note = { kind: 'failed', unavailable: true };
        return this.focusNote();
      }
    }
    const core = this.core;
    const outbox = this.activeOutbox;
    const gridId = this.selectedGridId;
    if (!core || !outbox || !gridId) return;
    const draft = this.draft;
    this.saving = true;
    try {
      let caseId: string | undefined;
      const ticket = normalizeTicket(draft.ticket);
      if (ticket) {
        caseId = await this.caseIdOf(core, ticket);
        if (!caseId) return this.focusErrorSummary();
      }
      const input: ServiceLogInput = {
        gridId,
        // Today: now (it just happened); an earlier day: its noon, so it counts on that day in Asia/Shanghai.
        occurredAt:
          draft.date === shanghaiDate()
            ? new Date().toISOString()
            : new Date(`${draft.date}T12:00:00+08:00`).toISOString(),
        kind: draft.kind!,
        subjectGroups: draft.subjectGroups,
        ...(draft.householdRef.trim() ? { householdRef: draft.householdRef.trim() } : {}),
        summary: draft.summary.trim(),
        minutes: Number(draft.minutes.trim()),
        outcome: draft.outcome!,
        ...(caseId ? { caseId } : {}),
      };
      let result;
      try {
        result = await outbox.submitServiceLog(input);
      } catch (error) {
        // The device could not keep it (quota): the draft is still in the form.
        this.note = { kind: 'failed', storage: true };
        emit(this, 'gk-error', { error: error as Error });
        return this.focusNote();
      }
      if (result.status === 'sent') {
        this.clearDraft();
        this.note = { kind: 'saved', log: result.result };
        this.refreshes += 1;
        this.announce(result.result);
        return this.focusNote();
      }
      if (result.status === 'queued') {
        this.queuedIds.add(result.entry.id);
        this.clearDraft();
        this.note = { kind: 'queued' };
        void this.loadPending();
        emit(this, 'gk-service-log-queued', { entry: result.entry, input });
        return this.focusNote();
      }
      // Refused for good: the draft is still in the form, so the outbox need not keep a second copy.
      await outbox.discard(result.entry.id).catch(() => undefined);
      return this.showProblem(result.problem, gridId);
    } finally {
      this.saving = false;
      for (const log of this.sentWhileSaving.splice(0)) this.announce(log);
    }
  }

  /** The case id behind a ticket the worker typed, or undefined with the field's error set. */
  private async caseIdOf(core: GridkitCore, ticket: string): Promise<string | undefined> {
    const known = this.caseIds.get(ticket);
    if (known) return known;
    const e = this.localize.messages.errors;
    try {
      const page = await casesResource(core).list({ q: ticket, limit: 5 });
      const found = page.items.find((item) => item.ticket === ticket);
      if (found) {
        this.caseIds.set(ticket, found.id);
        return found.id;
      }
      this.serverErrors = { ...this.serverErrors, ticket: e.ticketUnknown(ticket) };
    } catch (error) {
      if (isGridkitError(error) && error.status === 401) this.signInNeeded = true;
      this.serverErrors = {
        ...this.serverErrors,
        ticket: isGridkitError(error) && error.transient ? e.ticketOffline : e.ticketUnknown(ticket),
      };
    }
    return undefined;
  }

  private showProblem(problem: Problem, gridId: string) {
    const status = problem.status ?? 0;
    if (status === 401) {
      this.signInNeeded = true;
      return;
    }
    if (status === 403) {
      this.forbiddenGridId = gridId;
      return;
    }
    if ((status === 400 || status === 422) && problem.errors?.length) {
      const mapped: Partial<Record<Field, string>> = {};
      const other: string[] = [];
      for (const issue of problem.errors) {
        // `/body/subjectGroups/0` → subjectGroups; pointers without `/body` are accepted too.
        const member = issue.path.replace(/^\/body/, '').split('/')[1] ?? '';
        const field = fieldOfMember[member];
        if (field) mapped[field] ??= issue.message;
        else other.push(issue.message);
      }
      this.serverErrors = mapped;
      this.otherErrors = other;
      return this.focusErrorSummary();
    }
    this.note = { kind: 'failed', problem };
    emit(this, 'gk-error', { error: new Error(problem.detail ?? problem.title) });
    return this.focusNote();
  }

  private async focusErrorSummary() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  private async focusNote() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.note')?.focus();
  }

  private quickEntry(kind: Kind) {
    this.change('kind', { kind });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#summary')?.focus());
  }

  private focusField(field: Field, event: Event) {
    event.preventDefault();
    // Fragment links do not reach into a shadow root: focus the control ourselves.
    (this.renderRoot as ShadowRoot).getElementById(fieldTarget[field])?.focus();
  }

  private retry() {
    this.signInNeeded = false;
    this.forbiddenGridId = undefined;
    void this.session.run();
  }

  // ── rendering ────────────────────────────────────────────────────────────

  override render() {
    const m = this.localize.messages;
    const idle = this.idle.render({ title: m.idleTitle, prompt: m.idlePrompt, stay: m.idleStay, leave: m.idleLeave });
    if (this.signInNeeded) return html`<div part="base">${this.renderSignIn()}</div>`;
    return html`<div part="base" class=${this.kioskMode ? 'root kiosk' : 'root'}>
      ${idle}
      ${this.session.render({
        initial: () => renderLoading(m),
        pending: () => (this.session.value ? this.renderWorkspace(this.session.value) : renderLoading(m)),
        complete: (value) => this.renderWorkspace(value),
        error: (error) => renderProblem(m, error, () => this.retry(), this.localName),
      })}
    </div>`;
  }

  private renderSignIn() {
    const m = this.localize.messages;
    return html`<div class="state" part="state" role="alert">
      <strong>${m.signInTitle}</strong>
      <span>${m.signInDetail}</span>
      <button type="button" part="retry" @click=${() => this.retry()}>${m.retry}</button>
    </div>`;
  }

  private gridName(grids: Map<string, Grid | undefined>, id: string) {
    return grids.get(id)?.name ?? id;
  }

  private renderWorkspace({ me, grids }: { me: StaffPrincipal; grids: Map<string, Grid | undefined> }) {
    const m = this.localize.messages;
    const gridId = this.selectedGridId;
    if (!gridId) {
      return html`<div class="state" part="state" role="alert">
        <strong>${m.noGridsTitle}</strong><span>${m.noGridsDetail}</span>
      </div>`;
    }
    const forbidden = this.forbiddenGridId === gridId;
    const yourGrids = me.gridIds.map((id) => this.gridName(grids, id)).join(m.listSeparator);
    return html`<div class="layout">
      <section class="entry card-surface" aria-labelledby="form-title">
        <header class="head">
          <h2 id="form-title">${m.title}</h2>
          <p class="who">${m.signedInAs(me.name)}</p>
        </header>
        ${this.renderGridPicker(me, grids)}
        ${
          forbidden
            ? html`<div class="state forbidden" part="state" role="alert">
                <strong>${m.forbiddenTitle}</strong>
                <span>${m.forbiddenDetail(this.gridName(grids, gridId))}</span>
                ${me.gridIds.length ? html`<span>${m.yourGrids(yourGrids)}</span>` : nothing}
              </div>`
            : this.renderForm()
        }
      </section>
      ${forbidden ? nothing : html`<div class="side">${this.renderRecords()}</div>`}
    </div>`;
  }

  private renderGridPicker(me: StaffPrincipal, grids: Map<string, Grid | undefined>) {
    const m = this.localize.messages;
    const ids = [...grids.keys()];
    if (ids.length < 2 && me.gridIds.includes(this.selectedGridId ?? '')) {
      return html`<p class="grid-name">
        <span>${m.gridLabel}</span> <strong>${this.gridName(grids, this.selectedGridId!)}</strong>
      </p>`;
    }
    return html`<div class="field grid-field">
      <label for="grid">${m.gridLabel}</label>
      <select
        id="grid"
        .value=${this.selectedGridId ?? ''}
        ?disabled=${this.saving}
        @change=${(event: Event) => {
          this.selectedGridId = (event.target as HTMLSelectElement).value;
          this.note = undefined;
        }}
      >
        ${ids.map(
          (id) =>
            html`<option value=${id} ?selected=${id === this.selectedGridId}>${this.gridName(grids, id)}</option>`,
        )}
      </select>
    </div>`;
  }

  private renderForm() {
    const m = this.localize.messages;
    const d = this.draft;
    const errors = this.visibleErrors();
    const listed = fieldOrder.filter((f) => errors[f]);
    const showSummary =
      (this.submitted || this.otherErrors.length > 0) && (listed.length > 0 || this.otherErrors.length > 0);
    const invalid = (f: Field) => (errors[f] ? 'true' : 'false');
    const describedBy = (f: string, hint = false) => `${f}-error${hint ? ` ${f}-hint` : ''}`;
    const error = (id: string, f: Field) => html`<p id="${id}-error" class="error">${errors[f] ?? ''}</p>`;
    return html`${this.renderNote()}
      <div class="quick" part="quick" role="group" aria-labelledby="quick-label">
        <span id="quick-label" class="quick-label">${m.quickLabel}</span>
        ${quickKinds.map(
          (kind) =>
            html`<button type="button" class="chip-button" data-kind=${kind} @click=${() => this.quickEntry(kind)}>
              ${m.kinds[kind]}
            </button>`,
        )}
      </div>
      ${
        showSummary
          ? html`<div
              class="error-summary"
              part="error-summary"
              role="alert"
              tabindex="-1"
              aria-labelledby="error-summary-title"
            >
              <h3 id="error-summary-title">${m.errorSummaryTitle}</h3>
              <ul>
                ${listed.map(
                  (f) =>
                    html`<li>
                      <a href="#${fieldTarget[f]}" data-field=${f} @click=${(e: Event) => this.focusField(f, e)}
                        >${errors[f]}</a
                      >
                    </li>`,
                )}
                ${this.otherErrors.map((message) => html`<li>${message}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <form part="form" class="form" novalidate aria-labelledby="form-title" @submit=${this.onSubmit}>
        <div class="row">
          <div class="field">
            <label for="date">${m.dateLabel}</label>
            <input
              id="date"
              type="date"
              max=${shanghaiDate()}
              required
              aria-invalid=${invalid('date')}
              aria-describedby=${describedBy('date', true)}
              .value=${d.date}
              @input=${(e: Event) => this.change('date', { date: (e.target as HTMLInputElement).value })}
              @blur=${(event: FocusEvent) => this.touch('date', event)}
            />
            <p id="date-hint" class="hint">${m.dateHint}</p>
            ${error('date', 'date')}
          </div>
          <div class="field">
            <label for="minutes">${m.minutesLabel}</label>
            <input
              id="minutes"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              required
              aria-invalid=${invalid('minutes')}
              aria-describedby=${describedBy('minutes')}
              .value=${d.minutes}
              @input=${(e: Event) => this.change('minutes', { minutes: (e.target as HTMLInputElement).value })}
              @blur=${(event: FocusEvent) => this.touch('minutes', event)}
            />
            ${error('minutes', 'minutes')}
          </div>
        </div>
        ${this.renderChoices('kind', m.kindLabel, kinds, (k) => m.kinds[k], d.kind, errors.kind)}
        <fieldset
          class="choices"
          aria-describedby="subjectGroups-error"
          @focusout=${(e: FocusEvent) => this.leftGroup(e, 'subjectGroups')}
        >
          <legend>${m.groupsLabel}</legend>
          <div class="chips">
            ${groups.map(
              (g) =>
                html`<label class="chip">
                  <input
                    type="checkbox"
                    id="group-${g}"
                    name="subjectGroups"
                    .value=${g}
                    .checked=${d.subjectGroups.includes(g)}
                    aria-invalid=${invalid('subjectGroups')}
                    @change=${(e: Event) => {
                      const on = (e.target as HTMLInputElement).checked;
                      const next = on ? [...d.subjectGroups, g] : d.subjectGroups.filter((x) => x !== g);
                      this.change('subjectGroups', { subjectGroups: groups.filter((x) => next.includes(x)) });
                    }}
                  />
                  <span>${m.groups[g]}</span>
                </label>`,
            )}
          </div>
          ${error('subjectGroups', 'subjectGroups')}
        </fieldset>
        <div class="field">
          <label for="summary">${m.summaryLabel}</label>
          <textarea
            id="summary"
            rows="4"
            maxlength=${summaryMax}
            required
            aria-invalid=${invalid('summary')}
            aria-describedby="summary-error summary-count"
            .value=${d.summary}
            @input=${(e: Event) => this.change('summary', { summary: (e.target as HTMLTextAreaElement).value })}
            @blur=${(event: FocusEvent) => this.touch('summary', event)}
          ></textarea>
          <p id="summary-count" class="hint">
            ${m.summaryCount(this.localize.number(d.summary.length), this.localize.number(summaryMax))}
          </p>
          ${error('summary', 'summary')}
        </div>
        <div class="row">
          <div class="field">
            <label for="household">${m.householdLabel}</label>
            <input
              id="household"
              type="text"
              autocomplete="off"
              spellcheck="false"
              maxlength=${householdMax}
              aria-invalid=${invalid('householdRef')}
              aria-describedby=${describedBy('householdRef', true)}
              .value=${d.householdRef}
              @input=${(e: Event) => this.change('householdRef', { householdRef: (e.target as HTMLInputElement).value })}
              @blur=${(event: FocusEvent) => this.touch('householdRef', event)}
            />
            <p id="householdRef-hint" class="hint">${m.householdHint}</p>
            ${error('householdRef', 'householdRef')}
          </div>
          <div class="field">
            <label for="ticket">${m.ticketLabel}</label>
            <input
              id="ticket"
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck="false"
              aria-invalid=${invalid('ticket')}
              aria-describedby=${describedBy('ticket', true)}
              .value=${d.ticket}
              @input=${(e: Event) => this.change('ticket', { ticket: (e.target as HTMLInputElement).value })}
              @blur=${(event: FocusEvent) => {
                this.touch('ticket', event);
                const normal = normalizeTicket(this.draft.ticket);
                if (normal !== this.draft.ticket && ticketPattern.test(normal))
                  this.change('ticket', { ticket: normal });
              }}
            />
            <p id="ticket-hint" class="hint">${m.ticketHint}</p>
            ${error('ticket', 'ticket')}
          </div>
        </div>
        ${this.renderChoices('outcome', m.outcomeLabel, outcomes, (o) => m.outcomes[o], d.outcome, errors.outcome)}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? m.saving : m.save}</button>
          <button
            type="button"
            class="secondary"
            ?disabled=${this.saving || !this.hasDraft()}
            @click=${() => {
              this.clearDraft();
              this.note = undefined;
            }}
          >
            ${m.clear}
          </button>
        </div>
      </form>`;
  }

  private leftGroup(event: FocusEvent, field: Field) {
    const group = event.currentTarget as HTMLElement;
    if (!group.contains(event.relatedTarget as Node | null)) this.touch(field, event);
  }

  private renderChoices<T extends Kind | Outcome>(
    field: 'kind' | 'outcome',
    legend: string,
    values: readonly T[],
    name: (value: T) => string,
    chosen: T | undefined,
    error: string | undefined,
  ) {
    return html`<fieldset
      class="choices"
      aria-describedby="${field}-error"
      @focusout=${(e: FocusEvent) => this.leftGroup(e, field)}
    >
      <legend>${legend}</legend>
      <div class="chips">
        ${values.map(
          (value) =>
            html`<label class="chip">
              <input
                type="radio"
                id="${field}-${value}"
                name=${field}
                .value=${value}
                .checked=${chosen === value}
                aria-invalid=${error ? 'true' : 'false'}
                @change=${() => this.change(field, { [field]: value })}
              />
              <span>${name(value)}</span>
            </label>`,
        )}
      </div>
      <p id="${field}-error" class="error">${error ?? ''}</p>
    </fieldset>`;
  }

  private renderNote() {
    const m = this.localize.messages;
    const note = this.note;
    if (!note) return nothing;
    if (note.kind === 'saved') {
      return html`<div class="note saved" part="note" role="status" tabindex="-1">
        <strong>${m.savedTitle}</strong>
        <span>${m.savedDetail(m.kinds[note.log.kind] ?? note.log.kind, this.localize.number(note.log.minutes))}</span>
      </div>`;
    }
    if (note.kind === 'queued') {
      return html`<div class="note queued" part="note" role="status" tabindex="-1">
        <strong>${m.queuedTitle}</strong><span>${m.queuedDetail}</span>
      </div>`;
    }
    if (note.kind === 'sent-later') {
      return html`<div class="note saved" part="note" role="status" tabindex="-1">
        <strong>${m.sentLater}</strong>
      </div>`;
    }
    const detail = note.storage
      ? m.storageFailed
      : note.unavailable
        ? m.outboxUnavailable
        : (note.problem?.detail ?? note.problem?.title ?? '');
    return html`<div class="note failed" part="note" role="alert" tabindex="-1">
      <strong>${m.saveFailed}</strong>
      <span>${detail}</span>
      ${note.problem?.status ? html`<span class="request-id">HTTP ${note.problem.status}</span>` : nothing}
    </div>`;
  }

  private renderRecords() {
    const m = this.localize.messages;
    const { module: records, failure } = this.records;
    // A dropped network: the sections say so, with a retry; the form works without them.
    if (!records) return failure ? renderProblem(m, failure, () => void this.records.load()) : renderLoading(m);
    const view = {
      m: { ...m, ...this.recordsTexts!.messages },
      localize: this.localize,
      today: this.today,
      month: this.month,
      pending: this.pending,
    };
    return html`${records.renderToday(view)} ${records.renderMonth(view)}`;
  }
}

function readDraft(key: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as Partial<Draft>;
    // Only what this version understands; anything else is dropped.
    return {
      ...emptyDraft(),
      ...(typeof stored.date === 'string' ? { date: stored.date } : {}),
      ...(stored.kind && stored.kind in kindSet ? { kind: stored.kind } : {}),
      subjectGroups: Array.isArray(stored.subjectGroups) ? stored.subjectGroups.filter((g) => g in groupSet) : [],
      householdRef: typeof stored.householdRef === 'string' ? stored.householdRef : '',
      summary: typeof stored.summary === 'string' ? stored.summary : '',
      minutes: typeof stored.minutes === 'string' ? stored.minutes : '',
      ...(stored.outcome && stored.outcome in outcomeSet ? { outcome: stored.outcome } : {}),
      ticket: typeof stored.ticket === 'string' ? stored.ticket : '',
    };
  } catch {
    return undefined;
  }
}
