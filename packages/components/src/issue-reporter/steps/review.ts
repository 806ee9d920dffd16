import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Category, CategoryAttribute, TeamMember } from '@gridkit/sdk';
import { toAnswers } from '../attributes.js';
import type { Step } from '../fields.js';
import { renderHandler, type ChosenGrid } from '../handler.js';
import { drawThumb, type TrayPhoto } from '../photo-tray.js';
import type { StepView } from '../view.js';
import { nextButton } from './frame.js';

/** Check your answers (GOV.UK): each with "change", who will handle it, then send. */
interface ReviewView extends StepView {
  category?: Category;
  /** The category's extra fields, in its order. */
  attributes: readonly CategoryAttribute[];
  grid?: ChosenGrid;
  leader?: TeamMember | null;
  /** The prepared photos. */
  photos: readonly TrayPhoto[];
  /** While sending: how many photos are uploaded. */
  uploaded: number;
  onChange(step: Step): void;
}

export function renderReview(view: ReviewView): TemplateResult {
  const { m, localize, answers: draft, category, grid, photos, sending } = view;
  const label = (value: Parameters<typeof localize.text>[0]) => localize.text(value) ?? '';
  const answers = category ? toAnswers(category.attributes, draft.attributes) : {};
  const details = view.attributes
    .filter((a) => answers[a.code] !== undefined)
    .map((a) => {
      const value = answers[a.code]!;
      const option = (key: string) => label(a.options?.find((o) => o.key === key)?.label) || key;
      const shown =
        typeof value === 'boolean'
          ? value
            ? m.yes
            : m.no
          : Array.isArray(value)
            ? value.map(option).join(m.listSeparator)
            : a.datatype === 'singlevaluelist'
              ? option(String(value))
              : String(value);
      return m.labelled(label(a.label), shown);
    });
  const row = (key: string, value: unknown, step: Step) =>
    html`<div class="review-row">
      <dt>${key}</dt>
      <dd>${value}</dd>
      <dd class="review-change">
        ${
          sending
            ? nothing
            : html`<button type="button" class="link" @click=${() => view.onChange(step)}>
                ${m.change}<span class="visually-hidden">${m.changeWhat(key)}</span>
              </button>`
        }
      </dd>
    </div>`;
  return html`<h2 id="step-heading" tabindex="-1">${m.reviewHeading}</h2>
    <dl class="review" part="review">
      ${row(m.reviewCategory, label(category?.name), 'what')}
      ${details.length ? row(m.reviewDetails, html`${details.map((d) => html`<span class="line">${d}</span>`)}`, 'details') : nothing}
      ${row(m.reviewAddress, html`${draft.address.trim()}${draft.point ? html` <span class="badge">${m.withLocation}</span>` : nothing}`, 'where')}
      ${row(m.reviewGrid, grid?.path.join(m.pathSeparator) ?? '', 'where')}
      ${row(
        m.reviewPhotos,
        photos.length
          ? html`${m.photosCount(localize.number(photos.length))}
              <ul class="thumbs small" part="photos">
                ${photos.map(
                  (photo, i) =>
                    html`<li class="thumb">
                      <canvas
                        role="img"
                        aria-label=${m.photoLabel(localize.number(i + 1))}
                        width=${photo.thumb!.width}
                        height=${photo.thumb!.height}
                        ${ref((canvas) => drawThumb(canvas as HTMLCanvasElement | undefined, photo.thumb))}
                      ></canvas>
                      ${
                        sending
                          ? html`<span class="thumb-state"
                              >${i < view.uploaded ? `✓ ${m.photoUploaded}` : i === view.uploaded ? m.photoUploading : m.photoWaiting}</span
                            >`
                          : nothing
                      }
                    </li>`,
                )}
              </ul>`
          : m.none,
        'photos',
      )}
      ${row(m.reviewDescription, html`<span class="pre">${draft.description.trim()}</span>`, 'describe')}
      ${row(
        m.reviewContact,
        draft.contact === 'named' ? `${draft.reporterName.trim()} · ${draft.phone.trim()}` : m.anonymous,
        'contact',
      )}
    </dl>
    ${grid ? renderHandler(grid, view.leader, view) : nothing} ${nextButton(m, sending, m.submit)}
    ${sending ? html`<p class="visually-hidden" role="status">${m.sending}</p>` : nothing}`;
}
