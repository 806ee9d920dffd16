import { html, nothing, type TemplateResult } from 'lit';
import { categoryKindValues, type Category } from '@gridkit/sdk/core';
import { renderLoading, renderProblem } from '../../internal/states.js';
import type { Loadable, StepView } from '../view.js';
import { errorLine, nextButton } from './frame.js';

const kinds = categoryKindValues;

/** Step 1, what is wrong: the categories by kind, with a search. */
interface WhatView extends StepView {
  categories: Loadable<Category[]>;
  search: string;
  onSearch(text: string): void;
}

export function renderWhat(view: WhatView): TemplateResult {
  const { m } = view;
  return html`<h2 id="step-heading" tabindex="-1">${m.whatHeading}</h2>
    ${view.categories.render({
      pending: () => renderLoading(m),
      error: (error) => renderProblem(m, error, () => void view.categories.run()),
      complete: (all) => renderChoices(view, all),
    })}`;
}

function renderChoices(view: WhatView, all: Category[]) {
  const { m, localize } = view;
  const query = view.search.trim().toLowerCase();
  const matches = (c: Category) =>
    !query ||
    [c.code, ...Object.values(c.name), ...Object.values(c.description ?? {})].some((t) =>
      String(t).toLowerCase().includes(query),
    );
  const shown = all.filter(matches);
  const error = view.errors.get('category');
  // Another category has other extra fields: the answers to the last one's go.
  const choose = (code: string) =>
    view.edit('category', (now) =>
      code === now.categoryCode ? { categoryCode: code } : { categoryCode: code, attributes: {} },
    );
  let first = true;
  return html`<div class="field search">
      <label for="category-search">${m.searchLabel}</label>
      <p class="hint" id="category-search-hint">${m.searchHint}</p>
      <input
        id="category-search"
        type="search"
        autocomplete="off"
        enterkeyhint="search"
        aria-describedby="category-search-hint"
        aria-controls="category-list"
        .value=${view.search}
        @input=${(e: Event) => view.onSearch((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && e.preventDefault()}
      />
    </div>
    <p class="visually-hidden" role="status">${query && shown.length === 0 ? m.noMatch(view.search.trim()) : ''}</p>
    ${query && shown.length === 0 ? html`<p class="hint-box">${m.noMatch(view.search.trim())}</p>` : nothing}
    ${errorLine('category', error)}
    <div id="category-list" class="category-list ${error ? 'has-error' : ''}">
      ${kinds.map((kind) => {
        const group = shown.filter((c) => c.kind === kind);
        if (group.length === 0) return nothing;
        return html`<fieldset class="kind" aria-describedby=${error ? 'category-error' : nothing}>
          <legend>${m.kinds[kind] ?? kind}</legend>
          <div class="choices">
            ${group.map((c) => {
              const id = first ? 'category' : `category-${c.code}`;
              first = false;
              const description = localize.text(c.description);
              return html`<label class="choice card">
                <input
                  id=${id}
                  type="radio"
                  name="category"
                  .value=${c.code}
                  .checked=${c.code === view.answers.categoryCode}
                  aria-invalid=${error ? 'true' : nothing}
                  aria-describedby=${description ? `${id}-desc` : nothing}
                  @change=${() => choose(c.code)}
                  @blur=${(event: FocusEvent) => view.left('category', event)}
                />
                <span class="choice-text">
                  <span class="choice-name">${localize.text(c.name) ?? ''}</span>
                  ${description ? html`<span class="choice-desc" id="${id}-desc">${description}</span>` : nothing}
                  ${
                    c.requiresPhoto || c.requiresLocation
                      ? html`<span class="badges">
                          ${c.requiresPhoto ? html`<span class="badge">${m.needsPhoto}</span>` : nothing}
                          ${c.requiresLocation ? html`<span class="badge">${m.needsLocation}</span>` : nothing}
                        </span>`
                      : nothing
                  }
                </span>
              </label>`;
            })}
          </div>
        </fieldset>`;
      })}
    </div>
    ${nextButton(m, view.sending)}`;
}
