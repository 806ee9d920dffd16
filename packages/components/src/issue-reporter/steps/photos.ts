import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { formatter } from '../../internal/localize.js';
import { photoTypes } from '../../internal/photo.js';
import { drawThumb, type TrayPhoto } from '../photo-tray.js';
import { maxPhotos } from '../answers.js';
import type { StepView } from '../view.js';
import { errorLine, nextButton } from './frame.js';

/** Photos: taken or chosen, prepared in the browser, each shown with its state. */
interface PhotosView extends StepView {
  required: boolean;
  photos: readonly TrayPhoto[];
  /** Why some files were not added (too many). */
  note?: string;
  onFiles(event: Event): void;
  onRetry(id: number): void;
  onRemove(id: number): void;
}

export function renderPhotos(view: PhotosView): TemplateResult {
  const { m, localize, photos } = view;
  const error = view.errors.get('photos');
  const full = photos.length >= maxPhotos;
  const n = (i: number) => localize.number(i + 1);
  // The camera or the photo library: the buttons open the hidden file inputs beside them.
  const pick = (which: 'camera' | 'library') => (event: Event) =>
    (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>(`#photo-${which}`)?.click();
  return html`<h2 id="step-heading" tabindex="-1">
      ${m.photosHeading} <span class="marker">${m.aside(view.required ? m.required : m.optional)}</span>
    </h2>
    <p class="hint" id="photos-hint">${m.photosHint(localize.number(maxPhotos))}</p>
    ${errorLine('photos', error)}
    <div class="photo-actions">
      <button
        id="photos"
        type="button"
        class="secondary"
        aria-describedby="photos-hint${error ? ' photos-error' : ''}"
        ?disabled=${full}
        @click=${pick('camera')}
      >
        ${m.takePhoto}
      </button>
      <button type="button" class="secondary" ?disabled=${full} @click=${pick('library')}>${m.choosePhoto}</button>
      <input id="photo-camera" type="file" accept=${photoTypes} capture="environment" hidden @change=${view.onFiles} />
      <input id="photo-library" type="file" accept=${photoTypes} multiple hidden @change=${view.onFiles} />
    </div>
    <p class="hint" role="status">
      ${view.note ?? ''}
      ${photos.length ? m.photoCount(localize.number(photos.length), localize.number(maxPhotos)) : ''}
    </p>
    ${
      photos.length
        ? html`<ul class="thumbs" part="photos">
            ${photos.map(
              (photo, i) =>
                html`<li class="thumb thumb-${photo.state}">
                  ${
                    photo.thumb
                      ? html`<canvas
                          role="img"
                          aria-label=${m.photoLabel(n(i))}
                          width=${photo.thumb.width}
                          height=${photo.thumb.height}
                          ${ref((canvas) => drawThumb(canvas as HTMLCanvasElement | undefined, photo.thumb))}
                        ></canvas>`
                      : html`<span class="thumb-placeholder" aria-hidden="true"
                          >${photo.state === 'preparing' ? html`<span class="spinner"></span>` : '!'}</span
                        >`
                  }
                  <span class="thumb-state">
                    <span class="visually-hidden">${m.labelled(m.photoLabel(n(i)), '')}</span>
                    ${
                      photo.state === 'preparing'
                        ? m.preparing
                        : photo.state === 'error'
                          ? m.photoErrors[photo.error ?? 'decode-failed']
                          : m.photoReady(formatBytes(photo.blob?.size ?? 0, localize.locale))
                    }
                  </span>
                  <span class="thumb-actions">
                    ${
                      photo.state === 'error' && photo.error === 'decode-failed'
                        ? html`<button type="button" class="small" @click=${() => view.onRetry(photo.id)}>
                            ${m.retryPhoto(n(i))}
                          </button>`
                        : nothing
                    }
                    <button type="button" class="small" @click=${() => view.onRemove(photo.id)}>
                      ${m.removePhoto(n(i))}
                    </button>
                  </span>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    ${nextButton(m, view.sending)}`;
}

function formatBytes(bytes: number, locale: string): string {
  return formatter(Intl.NumberFormat, locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
    Math.max(1, Math.round(bytes / 1024)),
  );
}
