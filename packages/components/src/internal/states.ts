import { css, html, type TemplateResult } from 'lit';
import { isGridkitError } from '@gridkit/sdk';
import type { CommonMessages } from '../messages/index.js';

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

export function renderLoading(m: CommonMessages): TemplateResult {
  return html`<div class="state" part="state" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>${m.loading}
  </div>`;
}

export function renderProblem(m: CommonMessages, error: unknown, retry: () => void): TemplateResult {
  const offline = (isGridkitError(error) && error.kind === 'network') || !navigator.onLine;
  const notFound = isGridkitError(error) && error.status === 404;
  const requestId = isGridkitError(error) ? error.requestId : undefined;
  return html`<div class="state" part="state" role="alert">
    <strong>${offline ? m.offlineTitle : notFound ? m.notFound : m.errorTitle}</strong>
    ${notFound ? '' : html`<span>${offline ? m.offlineDetail : m.errorDetail}</span>`}
    ${requestId ? html`<span class="request-id">${m.requestId(requestId)}</span>` : ''}
    ${notFound ? '' : html`<button type="button" part="retry" @click=${retry}>${m.retry}</button>`}
  </div>`;
}
