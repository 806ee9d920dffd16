import { html, nothing, type TemplateResult } from 'lit';
import type { Answers } from '../answers.js';
import type { StepView } from '../view.js';
import { errorLine, nextButton } from './frame.js';

/** Contact: name and phone (kept from the public), or anonymous; said plainly which is which. */
export function renderContact(view: StepView): TemplateResult {
  const { m, answers } = view;
  const error = view.errors.get('contact');
  return html`<h2 id="step-heading" tabindex="-1">${m.contactHeading}</h2>
    <p class="privacy" id="privacy">${m.privacy}</p>
    <fieldset class="field ${error ? 'has-error' : ''}" aria-describedby="privacy${error ? ' contact-error' : ''}">
      <legend class="visually-hidden">${m.contactHeading}</legend>
      ${errorLine('contact', error)}
      <div class="choices">
        <label class="choice card">
          <input
            id="contact"
            type="radio"
            name="contact"
            value="named"
            .checked=${answers.contact === 'named'}
            aria-invalid=${error ? 'true' : nothing}
            @change=${() => view.edit('contact', { contact: 'named' })}
          />
          <span class="choice-text"><span class="choice-name">${m.contactNamed}</span></span>
        </label>
        ${
          answers.contact === 'named'
            ? html`<div class="conditional">
                ${textField(view, {
                  id: 'name',
                  label: m.nameLabel,
                  hint: m.nameHint,
                  type: 'text',
                  autocomplete: view.shared ? 'off' : 'name',
                  answer: 'reporterName',
                })}
                ${textField(view, {
                  id: 'phone',
                  label: m.phoneLabel,
                  hint: m.phoneHint,
                  type: 'tel',
                  autocomplete: view.shared ? 'off' : 'tel',
                  inputmode: 'tel',
                  answer: 'phone',
                })}
              </div>`
            : nothing
        }
        <label class="choice card">
          <input
            id="contact-anonymous"
            type="radio"
            name="contact"
            value="anonymous"
            .checked=${answers.contact === 'anonymous'}
            aria-invalid=${error ? 'true' : nothing}
            @change=${() => view.edit('contact', { contact: 'anonymous' })}
          />
          <span class="choice-text">
            <span class="choice-name">${m.contactAnonymous}</span>
            <span class="choice-desc">${m.anonymousNote}</span>
          </span>
        </label>
      </div>
    </fieldset>
    ${nextButton(m, view.sending)}`;
}

interface TextField {
  id: 'name' | 'phone';
  label: string;
  hint: string;
  type: 'text' | 'tel';
  autocomplete: string;
  inputmode?: string;
  answer: keyof Pick<Answers, 'reporterName' | 'phone'>;
}

/** Label, hint, problem and input: the name and phone fields under "give my contact". */
function textField(view: StepView, field: TextField) {
  const { id } = field;
  const error = view.errors.get(id);
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for=${id}>${field.label}</label>
    <p class="hint" id="${id}-hint">${field.hint}</p>
    ${errorLine(id, error)}
    <input
      id=${id}
      class="medium"
      type=${field.type}
      autocomplete=${field.autocomplete}
      inputmode=${field.inputmode ?? nothing}
      aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"
      aria-invalid=${error ? 'true' : nothing}
      .value=${view.answers[field.answer]}
      @input=${(e: Event) => view.edit(id, { [field.answer]: (e.target as HTMLInputElement).value })}
      @blur=${(event: FocusEvent) => view.left(id, event)}
    />
  </div>`;
}
