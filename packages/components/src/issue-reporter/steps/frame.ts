import { html, nothing, type TemplateResult } from 'lit';
import type { FieldId, Step } from '../fields.js';
import type { Localize, Messages } from '../view.js';

/** The frame every question stands in: back, "step n of m", the error summary, the form. */
interface FrameView {
  m: Messages;
  localize: Localize;
  step: Step;
  steps: readonly Step[];
  /** "Back" is offered (not on the first step, nor while sending). */
  canGoBack: boolean;
  /** The error summary lists these (when `showSummary`) and the general problem, if any. */
  problems: [FieldId, string][];
  showSummary: boolean;
  general?: string;
  onSubmit(event: SubmitEvent): void;
  onBack(): void;
  /** A link in the summary moves focus to its field. */
  focusField(field: FieldId): void;
}

export function renderFrame(view: FrameView, question: unknown): TemplateResult {
  const { m, localize, step, steps } = view;
  const index = steps.indexOf(step);
  return html`<form
    part="form"
    class="step step-${step} card-surface"
    novalidate
    aria-labelledby="step-heading"
    @submit=${view.onSubmit}
  >
    <div class="top">
      ${view.canGoBack ? html`<button type="button" class="back" @click=${view.onBack}>‹ ${m.back}</button>` : nothing}
      <p class="progress" part="progress">${m.stepOf(localize.number(index + 1), localize.number(steps.length))}</p>
    </div>
    ${view.showSummary || view.general ? renderSummary(view) : nothing} ${question}
  </form>`;
}

function renderSummary({ m, problems, general, focusField }: FrameView) {
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
                focusField(field);
              }}
              >${message}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}

/** The step's "continue" (or "send") button; "sending…" while the report goes. */
export function nextButton(m: Messages, sending: boolean, label?: string) {
  return html`<div class="actions">
    <button type="submit" class="primary" ?disabled=${sending}>${sending ? m.sending : (label ?? m.next)}</button>
  </div>`;
}

/** A field's problem, above the control (GOV.UK), referenced by its `aria-describedby`. */
export function errorLine(id: string, error: string | undefined) {
  return error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing;
}
