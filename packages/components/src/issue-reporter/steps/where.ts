import { html, nothing, type TemplateResult } from 'lit';
import { isGridkitError, type Grid } from '@gridkit/sdk/core';
import type { FixedGrid, GridFinder } from '../grid-finder.js';
import { renderLoading } from '../../internal/states.js';
import type { GeoFailure } from '../geolocation.js';
import { renderHandler } from '../handler.js';
import type { Loadable, StepView } from '../view.js';
import { errorLine, nextButton } from './frame.js';

/** Why there is no position or no grid for it: each has its own message. */
export type WhereFailure = GeoFailure | 'outside' | 'failed';

/** What a grid search found, or why it failed. */
export type GridResults = { query: string; grids: Grid[] } | { query: string; error: unknown };

/** Where is it: the address, optionally the device's position, and the grid that will handle it. */
interface WhereView extends StepView {
  /** The widget's own grid (`grid-id`) and its leader; undefined when the resident chooses one. */
  fixedGrid?: Loadable<FixedGrid | undefined>;
  /** The position, and the grid found by it or chosen by name. */
  finder: Pick<
    GridFinder,
    | 'locating'
    | 'failure'
    | 'grid'
    | 'leader'
    | 'query'
    | 'searching'
    | 'results'
    | 'locate'
    | 'setQuery'
    | 'search'
    | 'choose'
  >;
  onChooseOtherGrid(): void;
}

export function renderWhere(view: WhereView): TemplateResult {
  const { m, finder } = view;
  const addressError = view.errors.get('address');
  const locationError = view.errors.get('location');
  const failure = finder.failure;
  const failureText: Record<WhereFailure, string> = {
    insecure: m.locationInsecure,
    unsupported: m.locationUnavailable,
    denied: m.locationDenied,
    unavailable: m.locationUnavailable,
    timeout: m.locationTimeout,
    outside: m.locationOutside,
    failed: m.locationFailed,
  };
  const chosen = finder.grid;
  return html`<h2 id="step-heading" tabindex="-1">${m.whereHeading}</h2>
    <div class="field ${addressError ? 'has-error' : ''}">
      <label for="address">${m.addressLabel} <span class="marker">${m.aside(m.required)}</span></label>
      <p class="hint" id="address-hint">${m.addressHint}</p>
      ${errorLine('address', addressError)}
      <input
        id="address"
        type="text"
        autocomplete=${view.shared ? 'off' : 'street-address'}
        aria-describedby="address-hint${addressError ? ' address-error' : ''}"
        aria-invalid=${addressError ? 'true' : nothing}
        .value=${view.answers.address}
        @input=${(e: Event) => view.edit('address', { address: (e.target as HTMLInputElement).value })}
        @blur=${(event: FocusEvent) => view.left('address', event)}
      />
    </div>
    <div class="field locate ${locationError ? 'has-error' : ''}">
      ${errorLine('location', locationError)}
      <button
        id="location"
        type="button"
        class="secondary"
        aria-describedby=${locationError ? 'location-error' : nothing}
        ?disabled=${finder.locating}
        @click=${() => finder.locate()}
      >
        ${finder.locating ? m.locating : m.useLocation}
      </button>
      <p class="status-line" role="status">
        ${view.answers.point && !finder.locating ? html`<span class="ok">✓ ${m.located}</span>` : nothing}
        ${failure ? html`<span class="warn">${failureText[failure]}</span>` : nothing}
      </p>
    </div>
    ${
      view.fixedGrid
        ? view.fixedGrid.render({
            pending: () => renderLoading(m),
            complete: (value) => (value ? renderHandler(value.grid, value.leader, view) : nothing),
            error: () => nothing,
          })
        : chosen
          ? html`${renderHandler(chosen, finder.leader, view)}
              <button type="button" class="link" @click=${view.onChooseOtherGrid}>${m.chooseOtherGrid}</button>`
          : renderGridSearch(view)
    }
    ${nextButton(m, view.sending)}`;
}

function renderGridSearch(view: WhereView) {
  const { m, finder } = view;
  const error = view.errors.get('grid');
  const results = finder.results;
  return html`<fieldset
    class="field grid-search ${error ? 'has-error' : ''}"
    aria-describedby=${error ? 'grid-error' : nothing}
  >
    <legend>${m.gridLegend} <span class="marker">${m.aside(m.required)}</span></legend>
    ${errorLine('grid', error)}
    <label for="grid">${m.gridSearchLabel}</label>
    <p class="hint" id="grid-hint">${m.gridSearchHint}</p>
    <div class="search-row">
      <input
        id="grid"
        type="search"
        autocomplete="off"
        enterkeyhint="search"
        aria-describedby="grid-hint"
        aria-invalid=${error ? 'true' : nothing}
        .value=${finder.query}
        @input=${(e: Event) => finder.setQuery((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void finder.search();
        }}
      />
      <button type="button" class="secondary" ?disabled=${finder.searching} @click=${() => void finder.search()}>
        ${m.gridSearch}
      </button>
    </div>
    <div role="status" class="grid-results">
      ${
        finder.searching
          ? html`<span class="spinner" aria-hidden="true"></span> ${m.loading}`
          : !results
            ? nothing
            : 'error' in results
              ? html`<p class="warn">
                  ${isGridkitError(results.error) && results.error.kind !== 'http' ? m.offlineTitle : m.errorTitle}
                </p>`
              : results.grids.length === 0
                ? html`<p class="hint-box">${m.gridNoResults(results.query)}</p>`
                : html`<p>${m.gridResults(view.localize.number(results.grids.length))}</p>`
      }
    </div>
    ${
      results && 'grids' in results && results.grids.length > 0 && !finder.searching
        ? html`<div class="choices">
            ${results.grids.map(
              (grid, index) =>
                html`<label class="choice card">
                  <input
                    id="grid-result-${index}"
                    type="radio"
                    name="grid"
                    .value=${grid.id}
                    @change=${() => void finder.choose(grid)}
                  />
                  <span class="choice-text">
                    <span class="choice-name">${grid.name}</span>
                    <span class="choice-desc">${grid.path.map((p) => p.name).join(m.pathSeparator)}</span>
                    ${grid.places?.length ? html`<span class="choice-desc">${grid.places.slice(0, 6).join(m.listSeparator)}</span>` : nothing}
                  </span>
                </label>`,
            )}
          </div>`
        : nothing
    }
  </fieldset>`;
}
