import { html, nothing, type TemplateResult } from 'lit';
import type { CaseInput, CategoryAttribute, LocalizedText } from '@gridkit/sdk';
import type { Messages } from './view.js';

/** What a field holds while the resident answers: text for most types, `'yes'|'no'|''` for a boolean, keys for a multi-value list. */
export type AttributeDraft = string | string[];
type Answers = NonNullable<CaseInput['attributes']>;

/** `CaseAttributes` values are strings of at most 2000 characters (contract). */
const attributeTextMax = 2000;

const empty = (value: AttributeDraft | undefined): boolean =>
  value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');

/** The answers as the contract types them (number, boolean, `YYYY-MM-DD`, option keys); unanswered ones left out. */
export function toAnswers(definitions: readonly CategoryAttribute[], drafts: Record<string, AttributeDraft>): Answers {
  const answers: Answers = {};
  for (const definition of definitions) {
    const value = drafts[definition.code];
    if (value === undefined || empty(value)) continue;
    if (Array.isArray(value)) answers[definition.code] = value;
    else if (definition.datatype === 'number') answers[definition.code] = Number(value.trim());
    else if (definition.datatype === 'boolean') answers[definition.code] = value === 'yes';
    else answers[definition.code] = value.trim();
  }
  return answers;
}

/** The message for a wrong answer, or undefined; the same rules the server applies (see `attributeIssues`). */
export function attributeProblem(
  definition: CategoryAttribute,
  value: AttributeDraft | undefined,
  label: string,
  m: Messages,
): string | undefined {
  const list = ['singlevaluelist', 'multivaluelist', 'boolean'].includes(definition.datatype);
  if (empty(value)) return definition.required ? (list ? m.attrChoose(label) : m.attrMissing(label)) : undefined;
  if (value === undefined || Array.isArray(value)) return undefined;
  const text = (value as string).trim();
  if (definition.datatype === 'number' && !Number.isFinite(Number(text))) return m.attrNumber(label);
  if (definition.datatype === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))))
    return m.attrDate(label);
  if (text.length > attributeTextMax) return m.attrTooLong(label, String(attributeTextMax));
  return undefined;
}

interface AttributeFieldContext {
  value: AttributeDraft | undefined;
  error?: string;
  m: Messages;
  text: (value: LocalizedText | undefined) => string | undefined;
  onChange: (value: AttributeDraft) => void;
  onBlur: (event: FocusEvent) => void;
}

/** One extra field, as the control its datatype calls for; `required` said in words, not only with a star. */
export function renderAttribute(definition: CategoryAttribute, ctx: AttributeFieldContext): TemplateResult {
  const { m, error } = ctx;
  const id = `attr-${definition.code}`;
  const label = ctx.text(definition.label) ?? definition.code;
  const hint = ctx.text(definition.description);
  const marker = html`<span class="marker">${m.aside(definition.required ? m.required : m.optional)}</span>`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const invalid = error ? 'true' : nothing;
  const hintLine = hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing;
  const errorLine = error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing;
  const value = ctx.value ?? '';
  const target = (event: Event) => event.target as HTMLInputElement;

  if (['singlevaluelist', 'multivaluelist', 'boolean'].includes(definition.datatype)) {
    const multi = definition.datatype === 'multivaluelist';
    const options =
      definition.datatype === 'boolean'
        ? [
            { key: 'yes', label: m.yes },
            { key: 'no', label: m.no },
          ]
        : (definition.options ?? []).map((o) => ({ key: o.key, label: ctx.text(o.label) ?? o.key }));
    const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
    return html`<fieldset class="field ${error ? 'has-error' : ''}" aria-describedby=${describedBy}>
      <legend>${label} ${marker}</legend>
      ${hintLine} ${errorLine}
      <div class=${multi ? 'checks' : 'choices'}>
        ${options.map(
          (option, index) =>
            html`<label class="choice">
              <input
                id=${index === 0 ? id : `${id}-${index}`}
                type=${multi ? 'checkbox' : 'radio'}
                name=${id}
                .value=${option.key}
                .checked=${chosen.has(option.key)}
                aria-invalid=${invalid}
                @change=${(event: Event) => {
                  if (!multi) return ctx.onChange(option.key);
                  // The boxes as they are now, not as last drawn: two taps between renders both count.
                  const group = target(event).closest('.checks')!;
                  const checked = new Set(
                    [...group.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
                  );
                  ctx.onChange(options.map((o) => o.key).filter((k) => checked.has(k)));
                }}
                @blur=${ctx.onBlur}
              />
              <span>${option.label}</span>
            </label>`,
        )}
      </div>
    </fieldset>`;
  }

  const control =
    definition.datatype === 'text'
      ? html`<textarea
          id=${id}
          rows="3"
          maxlength=${attributeTextMax}
          aria-describedby=${describedBy}
          aria-invalid=${invalid}
          .value=${value as string}
          @input=${(event: Event) => ctx.onChange(target(event).value)}
          @blur=${ctx.onBlur}
        ></textarea>`
      : html`<input
          id=${id}
          class=${definition.datatype === 'number' ? 'short' : definition.datatype === 'date' ? 'medium' : ''}
          type=${definition.datatype === 'date' ? 'date' : 'text'}
          inputmode=${definition.datatype === 'number' ? 'decimal' : nothing}
          maxlength=${attributeTextMax}
          autocomplete="off"
          aria-describedby=${describedBy}
          aria-invalid=${invalid}
          .value=${value as string}
          @input=${(event: Event) => ctx.onChange(target(event).value)}
          @blur=${ctx.onBlur}
        />`;
  return html`<div class="field ${error ? 'has-error' : ''}">
    <label for=${id}>${label} ${marker}</label>
    ${hintLine} ${errorLine} ${control}
  </div>`;
}
