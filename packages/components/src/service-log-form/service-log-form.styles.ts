import { css } from 'lit';
import { formStyles } from '../internal/form-styles.js';

/** The shared form rules first, then this widget's own (later rules win at equal specificity). */
export const serviceLogFormStyles = css`
  ${formStyles}

  .layout {
    display: grid;
    gap: var(--_space);
  }
  .entry,
  .today,
  .month {
    display: grid;
    gap: var(--_space);
    align-content: start;
    min-inline-size: 0;
  }
  .side {
    display: grid;
    gap: var(--_space);
    align-content: start;
    min-inline-size: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25em 1em;
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  h3 {
    margin: 0;
    font-size: 1.05em;
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5em;
  }
  .who,
  .grid-name {
    margin: 0;
    color: var(--_fg-muted);
  }
  .grid-name strong {
    color: var(--_fg);
    margin-inline-start: 0.5em;
  }
  .form {
    display: grid;
    gap: var(--_space);
  }
  .row {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12em), 1fr));
  }
  label,
  legend {
    font-weight: 600;
  }
  [aria-invalid='true']:is(input[type='text'], input[type='date'], textarea) {
    border: 2px solid var(--_danger);
  }
  legend {
    padding: 0;
    margin-block-end: 0.4em;
  }
  .chips,
  .quick {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .quick {
    align-items: center;
    padding: 0.6em;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
  }
  .quick-label {
    font-weight: 600;
    margin-inline-end: 0.25em;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.45em;
    padding: 0.2em 0.9em 0.2em 0.6em;
    font-weight: 400;
  }
  .chip:has(input:checked) {
    box-shadow: inset 0 0 0 1px var(--_accent);
    font-weight: 600;
  }
  .chip:has(input[aria-invalid='true']) {
    border-color: var(--_danger);
  }
  .chip input {
    inline-size: 1.1em;
    block-size: 1.1em;
    margin: 0;
  }
  button {
    min-block-size: var(--_target);
    padding: 0.4em 1.1em;
    font: inherit;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .chip-button,
  .secondary {
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_fg-muted);
  }
  .chip-button {
    font-weight: 600;
  }
  .primary {
    min-inline-size: 8em;
    font-weight: 600;
  }
  .error-summary:focus {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .error-summary h3 {
    border: 0;
    padding: 0;
    margin-block-end: 0.5em;
  }
  .error-summary ul {
    margin: 0;
  }
  .note {
    display: grid;
    gap: 0.25em;
    padding: 0.75em var(--_space);
    border-radius: var(--_radius);
    border-inline-start: 6px solid var(--_success);
    background: var(--_bg-muted);
  }
  .note.queued {
    border-inline-start-color: var(--_link);
  }
  .note.failed {
    border-inline-start-color: var(--_danger);
  }
  .note:focus {
    outline: none;
  }
  .note:focus-visible {
    outline: var(--_focus);
  }
  .forbidden {
    border-style: solid;
    border-color: var(--_danger);
  }
  /* Wide: the form on the left, today's entries and the month on the right. */
  @container (min-width: 56rem) {
    .layout {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      align-items: start;
    }
  }

  /* Kiosk: large text (the same size as the other widgets' kiosk layouts), finger-sized targets. */
  /* From 640 px wide; on a phone-wide screen (400% zoom of a kiosk) the ordinary size, so the form reflows. */
  .kiosk {
    font-size: var(--gk-kiosk-font-size, clamp(1rem, 4vw, 1.6rem));
    --_target: 56px;
  }
  .kiosk .chip input {
    inline-size: 1.2em;
    block-size: 1.2em;
  }

  @media (forced-colors: active) {
    .primary {
      color: ButtonText;
      background: ButtonFace;
      border: 3px solid ButtonText;
    }
    /* Boxes drawn only by a background get an outline. */
    .quick,
    .note {
      border: 1px solid CanvasText;
    }
  }
`;
