import { html, type TemplateResult } from 'lit';
import type { Category, CategoryAttribute } from '@gridkit/sdk';
import { renderAttribute } from '../attributes.js';
import type { StepView } from '../view.js';
import { nextButton } from './frame.js';

/** Step 2, only for a category with extra fields (Open311 attributes): one control each. */
interface DetailsView extends StepView {
  category?: Category;
  /** The category's extra fields, in its order. */
  attributes: readonly CategoryAttribute[];
}

export function renderDetails(view: DetailsView): TemplateResult {
  const { m, localize, answers } = view;
  return html`<h2 id="step-heading" tabindex="-1">${m.detailsHeading(localize.text(view.category?.name) ?? '')}</h2>
    ${view.attributes.map((attribute) =>
      renderAttribute(attribute, {
        value: answers.attributes[attribute.code],
        error: view.errors.get(`attr-${attribute.code}`),
        m,
        text: (value) => localize.text(value),
        onChange: (value) =>
          view.edit(`attr-${attribute.code}`, (now) => ({
            attributes: { ...now.attributes, [attribute.code]: value },
          })),
        onBlur: (event: FocusEvent) => view.left(`attr-${attribute.code}`, event),
      }),
    )}
    ${nextButton(m, view.sending)}`;
}
