import { css } from 'lit';
import { formStyles } from '../internal/form-styles.js';

/** The shared form rules first, then this widget's own (later rules win at equal specificity). */
export const issueReporterStyles = css`
  ${formStyles}

  .root.kiosk {
    /* Read from a metre away by older residents, touched by fingers: ≥ 48 px targets (56 here),
       the same kiosk text size as the other widgets (about 26 px), from 640 px wide; on a phone-wide screen
       (400% zoom of a kiosk) the ordinary size, so the step reflows into 320 px. */
    --_target: 56px;
    font-size: var(--gk-kiosk-font-size, clamp(1rem, 4vw, 1.6rem));
  }
  .step,
  .outcome {
    display: grid;
    gap: var(--_space);
    max-inline-size: 56rem;
  }
  .kiosk .step,
  .kiosk .outcome {
    max-inline-size: none;
    padding: calc(var(--_space) * 1.5);
  }
  h2 {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.3;
  }
  h3 {
    margin: 0;
    font-size: 1.1em;
  }
  h2:focus,
  h3:focus,
  .error-summary:focus {
    outline: none;
  }
  h2:focus-visible,
  .error-summary:focus-visible {
    outline: var(--_focus);
    outline-offset: 4px;
  }
  p {
    margin: 0;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  .progress {
    color: var(--_fg-muted);
    font-size: 0.95em;
    margin-inline-start: auto;
  }
  .field {
    gap: 0.35em;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .field.has-error {
    border-inline-start: 5px solid var(--_danger);
    padding-inline-start: 0.8em;
  }
  legend,
  label[for] {
    font-weight: 600;
  }
  legend {
    padding: 0;
    margin-block-end: 0.35em;
  }
  .marker {
    font-weight: 400;
    color: var(--_fg-muted);
    font-size: 0.9em;
  }
  .hint {
    font-size: 0.95em;
  }
  /* A problem is as large as the text around it, and bold. */
  .error {
    font-size: inherit;
    font-weight: 700;
  }
  input[type='text'],
  input[type='search'],
  input[type='tel'],
  input[type='date'],
  textarea {
    border-width: 2px;
  }
  [aria-invalid='true']:is(input, textarea) {
    border-color: var(--_danger);
    border-width: 3px;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
  }
  button.primary {
    padding: 0.45em 1.4em;
    font-weight: 600;
    border-width: 2px;
  }
  button.link,
  button.back {
    padding: 0.25em 0.25em;
    color: var(--_link);
    background: none;
    border: 0;
    text-decoration: underline;
    text-underline-offset: 0.2em;
    justify-self: start;
  }
  .actions {
    padding-block-start: 0.5em;
  }
  .kiosk .actions button {
    min-inline-size: 10em;
  }

  .error-summary {
    border-width: 4px;
  }
  .error-summary ul {
    margin: 0.5em 0 0;
  }
  .error-summary a {
    font-weight: 700;
    display: inline-block;
    padding-block: 0.2em;
  }

  .choices {
    display: grid;
    gap: 0.5em;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.65em;
    padding: 0.5em 0.8em;
  }
  .choice:has(input:checked) {
    box-shadow: inset 0 0 0 2px var(--_accent);
  }
  .choice input {
    flex: none;
    inline-size: 1.15em;
    block-size: 1.15em;
    margin: 0.1em 0 0;
  }
  .kiosk .choice input {
    inline-size: 1.25em;
    block-size: 1.25em;
  }
  /* A name or description wider than its card ("Underground workshop" at a kiosk's size) wraps inside it. */
  .choice-text {
    display: grid;
    gap: 0.15em;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .choice-name {
    font-weight: 600;
  }
  .choice-desc {
    color: var(--_fg-muted);
    font-size: 0.9em;
  }
  .badges {
    display: flex;
    gap: 0.35em;
    flex-wrap: wrap;
  }
  .badge {
    display: inline-block;
    padding: 0 0.45em;
    font-size: 0.8em;
    border: 1px solid var(--_fg-muted);
    border-radius: 4px;
    color: var(--_fg-muted);
  }
  .category-list {
    display: grid;
    gap: var(--_space);
  }
  .category-list.has-error {
    border-inline-start: 5px solid var(--_danger);
    padding-inline-start: 0.8em;
  }
  .kind legend {
    font-size: 1.1em;
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5em;
  }
  @container (min-width: 40rem) {
    .kind .choices {
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    }
  }

  /* Kiosk: the step's buttons stay on screen. A resident who picked a category
     far down the list, or reads the review to its end, never has to hunt for
     "Continue": the action bar sticks to the bottom of the screen while the
     step is taller than the screen, and sits at the step's end otherwise. */
  .kiosk .step > .actions {
    position: sticky;
    inset-block-end: 0;
    z-index: 1;
    margin: 0 calc(var(--_space) * -1.5) calc(var(--_space) * -1.5);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    background: var(--_bg);
    border-block-start: 1px solid var(--_border);
    border-end-start-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
    box-shadow: 0 -0.6rem 1rem -0.8rem rgb(0 0 0 / 0.4);
  }
  /* On a very short screen (a phone on its side, 200% zoom) the bar would hide too much of the step. */
  @media (max-height: 24rem) {
    .kiosk .step > .actions {
      position: static;
      box-shadow: none;
    }
  }
  /* Whatever gets focus is scrolled clear of that bar (WCAG 2.4.11). */
  .kiosk .step :is(input, textarea, button, a, .choice) {
    scroll-margin-block: 1em 6.5em;
  }
  /* "Back" is a real button at a kiosk, not a small link. */
  .kiosk button.back {
    padding: 0.3em 1.1em 0.3em 0.8em;
    color: var(--_fg);
    background: var(--_bg-muted);
    border: 2px solid var(--_fg-muted);
    font-weight: 600;
    text-decoration: none;
  }
  /* Denser category cards (sized in em, so they grow with the kiosk text) and
     short answer lists side by side instead of screen-wide rows. */
  .kiosk .kind .choices {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12em), 1fr));
  }
  .kiosk .choice-desc {
    font-size: 0.85em;
  }

  @media (forced-colors: active) {
    button.primary {
      color: ButtonText;
      background: ButtonFace;
      border: 3px solid ButtonText;
    }
    /* Boxes drawn only by a background get an outline. */
    .hint-box {
      border: 1px solid CanvasText;
    }
    .kiosk .step > .actions {
      border-block-start-width: 2px;
    }
  }

  @media print {
    .idle-prompt,
    .no-print,
    .step {
      display: none !important;
    }
  }
`;
