import { css, html, nothing, type TemplateResult } from 'lit';
import { isGridkitError } from '@gridkit/sdk/core';
import type { CommonMessages } from '../messages/catalog.js';
import { misconfigurationWarning, type Misconfiguration } from './gridkit-element.js';

/** The designed loading, error, not-found and offline states every data widget shares. */
export const stateStyles = css`
  .state {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg-muted);
  }
  .state strong {
    color: var(--_fg);
  }
  .state code {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  .spinner {
    inline-size: 1.25em;
    block-size: 1.25em;
    border: 3px solid var(--_border);
    border-block-start-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  .state button {
    min-block-size: 44px;
    padding: 0.5em 1.25em;
    font: inherit;
    color: var(--_accent-fg);
    background: var(--_accent);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .request-id {
    font-size: 0.8em;
  }
`;

/** The line above data kept from the last good load (`renderFreshness`): only the read widgets have it. */
export const freshnessStyles = css`
  /* Data kept from the last good load: a quiet line above it, not a modal, not an alarm. */
  .stale {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    margin: 0 0 calc(var(--_space) / 2);
    padding: 0.35em 0.75em;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_bg-muted);
    border-radius: var(--_radius);
    color: var(--_fg);
    font-size: 0.9em;
  }
  /* Fresh: no box, but the live region stays in the page, so that filling it is announced. */
  .stale.fresh {
    margin: 0;
    padding: 0;
    border: 0;
  }
  .stale button {
    min-block-size: 44px;
    padding: 0 0.75em;
    font: inherit;
    color: var(--_link);
    background: none;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    cursor: pointer;
  }
`;

/**
 * What kind of failure a load met, in the words support staff need to tell
 * them apart:
 * - `offline`: this device has no network (the browser says so);
 * - `unreachable`: the device is online but no answer came (wrong address, server down, timeout);
 * - `failing`: the server answered with its own error (5xx, 429), with a request id;
 * - `not-found`: 404, trying again cannot help;
 * - `misconfigured`: the page did not give the widget what it needs;
 * - `error`: any other answer (4xx).
 */
export type ProblemKind = 'offline' | 'unreachable' | 'failing' | 'not-found' | 'misconfigured' | 'error';

/** Thrown by a widget's load when the page has not set it up; carries what is missing. */
export class MisconfigurationError extends Error {
  override readonly name = 'MisconfigurationError';
  constructor(readonly misconfiguration: Misconfiguration) {
    super(`Gridkit: missing ${misconfiguration.attribute} (${misconfiguration.kind})`);
  }
}

/**
 * Before a widget's load (StaleWhileErrorController's, the write widgets'
 * own): fails with a `MisconfigurationError`
 * when the page has not set the widget up (`problem`, from
 * `GridkitElement.configurationProblem`). The verdict waits a moment: a client
 * or grid set just after the element (by a framework, a provider upgraded
 * later) restarts the load and aborts this one, so nothing is shown or warned.
 */
export async function requireConfiguration(problem: Misconfiguration | undefined, signal: AbortSignal): Promise<void> {
  if (!problem) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  signal.throwIfAborted();
  throw new MisconfigurationError(problem);
}

const warned = new WeakMap<Element, Set<Misconfiguration['kind']>>();

/**
 * When `error` is a `MisconfigurationError`: one console warning for the
 * page's developer (once per element and kind), naming the missing attribute.
 * Returns whether it was one.
 */
export function warnIfMisconfigured(host: Element, error: unknown): boolean {
  if (!(error instanceof MisconfigurationError)) return false;
  const { kind } = error.misconfiguration;
  let kinds = warned.get(host);
  if (!kinds) warned.set(host, (kinds = new Set()));
  if (!kinds.has(kind)) {
    kinds.add(kind);
    console.warn(misconfigurationWarning(kind, host.localName));
  }
  return true;
}

export function problemKind(error: unknown): ProblemKind {
  if (error instanceof MisconfigurationError) return 'misconfigured';
  const networkError = isGridkitError(error) ? error.kind !== 'http' : error instanceof TypeError;
  if (networkError) return navigator.onLine ? 'unreachable' : 'offline';
  if (isGridkitError(error)) {
    if (error.status === 404) return 'not-found';
    if (error.status >= 500 || error.status === 429) return 'failing';
  }
  return 'error';
}

/** Whether a later attempt may succeed by itself: worth keeping old data and retrying. */
export function isTransient(error: unknown): boolean {
  const kind = problemKind(error);
  return kind === 'offline' || kind === 'unreachable' || kind === 'failing';
}

export function renderLoading(m: CommonMessages): TemplateResult {
  return html`<div class="state" part="state" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>${m.loading}
  </div>`;
}

/** The developer's message for a widget the page has not set up. */
export function misconfigurationText(m: CommonMessages, tag: string, problem: Misconfiguration): string {
  switch (problem.kind) {
    case 'missing-client':
      return m.missingClient(tag);
    case 'missing-provider-client':
      return m.missingProviderClient(tag);
    case 'missing-grid':
      return m.missingGrid(tag);
  }
}

/** A load that failed with nothing to show instead: what happened, the request id, a retry when it can help. */
export function renderProblem(m: CommonMessages, error: unknown, retry: () => void, tag = ''): TemplateResult {
  const kind = problemKind(error);
  const requestId = isGridkitError(error) ? error.requestId : undefined;
  const [title, detail] = {
    offline: [m.offlineTitle, m.offlineDetail],
    unreachable: [m.unreachableTitle, m.unreachableDetail],
    failing: [m.failingTitle, m.failingDetail],
    'not-found': [m.notFound, ''],
    misconfigured: [
      m.misconfiguredTitle,
      error instanceof MisconfigurationError ? misconfigurationText(m, tag, error.misconfiguration) : '',
    ],
    error: [m.errorTitle, m.errorDetail],
  }[kind];
  const retryable = kind !== 'not-found' && kind !== 'misconfigured';
  return html`<div class="state" part="state" role="alert" data-problem=${kind}>
    <strong>${title}</strong>
    ${detail ? html`<span>${detail}</span>` : nothing}
    ${requestId ? html`<span class="request-id">${m.requestId(requestId)}</span>` : nothing}
    ${retryable ? html`<button type="button" part="retry" @click=${retry}>${m.retry}</button>` : nothing}
  </div>`;
}

/** What the shown data is, when it is not fresh from a good load (see StaleWhileErrorController). */
export interface Freshness {
  /** When the shown data was loaded. */
  loadedAt: number;
  /** The refresh that failed, when the data is kept because of it. */
  error?: unknown;
}

/**
 * The polite line above data kept from the last good load: when it was
 * loaded and why it is not newer. Always in the DOM (empty while the data is
 * fresh) so screen readers announce it when it fills, politely.
 */
export function renderFreshness(
  m: CommonMessages,
  freshness: Freshness | undefined,
  time: (at: number) => string,
  retry: () => void,
): TemplateResult {
  let text = '';
  if (freshness?.error !== undefined) {
    const kind = problemKind(freshness.error);
    const reason = kind === 'offline' ? m.staleOffline : kind === 'unreachable' ? m.staleUnreachable : m.staleFailing;
    text = m.stale(time(freshness.loadedAt), reason);
  } else if (freshness && !navigator.onLine) {
    text = m.offlineNow(time(freshness.loadedAt));
  }
  return html`<div class=${text ? 'stale' : 'stale fresh'} part="stale" role="status" aria-live="polite">
    ${
      text
        ? html`<span>${text}</span><button type="button" part="stale-retry" @click=${retry}>${m.retryNow}</button>`
        : nothing
    }
  </div>`;
}
