import { html, nothing, type TemplateResult } from 'lit';
import { descriptionMax } from '../answers.js';
import type { StepView } from '../view.js';
import { errorLine, nextButton } from './frame.js';

/** Describe it in the resident's words, with a counter up to the contract's limit. */
export function renderDescribe(view: StepView): TemplateResult {
  const { m, localize } = view;
  const error = view.errors.get('description');
  const used = view.answers.description.trim().length;
  return html`<h2 id="step-heading" tabindex="-1">${m.describeHeading}</h2>
    <div class="field ${error ? 'has-error' : ''}">
      <label for="description">${m.descriptionLabel} <span class="marker">${m.aside(m.required)}</span></label>
      <p class="hint" id="description-hint">${m.descriptionHint}</p>
      ${errorLine('description', error)}
      <textarea
        id="description"
        rows="6"
        aria-describedby="description-hint description-count${error ? ' description-error' : ''}"
        aria-invalid=${error ? 'true' : nothing}
        .value=${view.answers.description}
        @input=${(e: Event) => view.edit('description', { description: (e.target as HTMLTextAreaElement).value })}
        @blur=${(event: FocusEvent) => view.left('description', event)}
      ></textarea>
      <p id="description-count" class="hint counter ${used > descriptionMax ? 'over' : ''}" aria-live="polite">
        ${m.counter(localize.number(used), localize.number(descriptionMax))}
      </p>
    </div>
    ${nextButton(m, view.sending)}`;
}
