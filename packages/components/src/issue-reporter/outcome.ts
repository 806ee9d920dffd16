import { html, nothing, type TemplateResult } from 'lit';
import type { CaseReceipt, Problem, TeamMember } from '@gridkit/sdk';
import { renderQrCode, trackingUrl } from '../internal/qr-code.js';
import { renderHandler, type ChosenGrid } from './handler.js';
import type { Localize, Messages } from './view.js';

/** How a report ended: sent (the receipt), kept on the device (queued), or refused for good (rejected). */
type OutcomeView = {
  m: Messages;
  localize: Localize;
  /** Back to an empty form for the next report. */
  onAnother(): void;
} & (
  | { phase: 'queued' }
  | { phase: 'failed'; problem: Problem; onFix(): void; onDiscard(): void }
  | { phase: 'sent'; receipt: CaseReceipt; qr?: TemplateResult; grid?: ChosenGrid; leader?: TeamMember | null }
);

export function renderOutcome(view: OutcomeView): TemplateResult {
  switch (view.phase) {
    case 'queued':
      return renderQueued(view);
    case 'failed':
      return renderRejected(view);
    case 'sent':
      return renderReceipt(view);
  }
}

/** The QR code that opens the case tracker on this case; none without a `track-url` template. */
export function receiptQr(
  receipt: CaseReceipt,
  template: string | undefined,
  label: string,
): Promise<TemplateResult> | undefined {
  if (!template) return undefined;
  return renderQrCode(trackingUrl(template, { ticket: receipt.ticket, token: receipt.trackingToken }), { label });
}

function renderQueued({ m, onAnother }: OutcomeView) {
  return html`<section class="outcome queued card-surface" part="state" aria-labelledby="outcome-heading">
    <h2 id="outcome-heading" tabindex="-1">${m.queuedHeading}</h2>
    <p>${m.queuedDetail}</p>
    <p class="hint" role="status"><span class="spinner inline" aria-hidden="true"></span> ${m.queuedWaiting}</p>
    <p>${m.queuedMayLeave}</p>
    <div class="actions no-print">
      <button type="button" class="primary" @click=${onAnother}>${m.another}</button>
    </div>
  </section>`;
}

function renderRejected({ m, problem, onFix, onDiscard }: OutcomeView & { phase: 'failed' }) {
  return html`<section class="outcome rejected card-surface" part="state" aria-labelledby="outcome-heading">
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
      <button type="button" class="primary" @click=${onFix}>${m.fix}</button>
      <button type="button" class="secondary" @click=${onDiscard}>${m.discard}</button>
    </div>
  </section>`;
}

function renderReceipt(view: OutcomeView & { phase: 'sent' }) {
  const { m, localize, receipt, grid } = view;
  return html`<section class="outcome receipt card-surface" part="receipt" aria-labelledby="outcome-heading">
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
      <p class="due">${m.dueBy(localize.date(receipt.dueAt, { dateStyle: 'medium', timeStyle: 'short' }))}</p>
      ${
        view.qr
          ? html`<figure class="qr" part="qr">
              ${view.qr}
              <figcaption>${m.qrLabel}</figcaption>
            </figure>`
          : nothing
      }
    </div>
    ${grid ? renderHandler(grid, view.leader, view) : nothing}
    <div class="actions no-print">
      <button type="button" class="secondary" @click=${() => window.print()}>${m.print}</button>
      <button type="button" class="primary" @click=${view.onAnother}>${m.another}</button>
    </div>
  </section>`;
}
