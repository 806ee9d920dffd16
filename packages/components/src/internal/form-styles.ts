import { css } from 'lit';

/**
 * What the form widgets (case tracker, issue reporter, service log) share:
 * fields, hints and problems, text inputs, the error summary, the primary
 * button, action rows and choice cards (`.choice`, `.chip`). Each widget
 * adds its own sizes after these rules, so put this sheet before its own.
 */
export const formStyles = css`
  :host {
    container-type: inline-size;
    --_target: 44px;
  }
  .field {
    display: grid;
    gap: 0.25em;
    align-content: start;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  input[type='text'],
  input[type='search'],
  input[type='tel'],
  input[type='date'],
  select,
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: var(--_target);
    padding: 0.4em 0.7em;
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_fg-muted);
    border-radius: var(--_radius);
  }
  textarea {
    resize: vertical;
  }
  .hint,
  .error {
    margin: 0;
    font-size: 0.9em;
  }
  .hint {
    color: var(--_fg-muted);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .hint-box {
    padding: 0.75em;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
  }

  .primary {
    color: var(--_accent-fg);
    background: var(--_accent);
    border: 1px solid transparent;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }

  /* GOV.UK's error summary: the step's problems, each a link to its field. */
  .error-summary {
    padding: var(--_space);
    border: 3px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .error-summary ul {
    padding-inline-start: 1.2em;
  }
  .error-summary a {
    color: var(--_danger);
    font-weight: 600;
  }

  /* Choice cards: a radio or checkbox with its label, the whole card a target. */
  :is(.choice, .chip) {
    min-block-size: var(--_target);
    box-sizing: border-box;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    cursor: pointer;
  }
  :is(.choice, .chip):has(input:checked) {
    border-color: var(--_accent);
    background: var(--_bg-muted);
  }
  :is(.choice, .chip) input {
    /* Sized from the card's text (a form control does not inherit it), so it grows with the kiosk text. */
    font-size: inherit;
    accent-color: var(--_accent);
  }
  /* A ring in the text colour: the browser's own unchecked control is a dim grey disc on a dark or high-contrast surface. */
  :is(.choice, .chip) input[type='radio'] {
    border-radius: 50%;
    box-shadow: 0 0 0 1px var(--_fg-muted);
  }
  :is(.choice, .chip) input[type='checkbox'] {
    border-radius: 0.15em;
    box-shadow: 0 0 0 1px var(--_fg-muted);
  }

  @media (forced-colors: active) {
    /* A tint and an inset shadow vanish in forced colours: mark the chosen card with the system highlight. */
    :is(.choice, .chip):has(input:checked) {
      outline: 3px solid Highlight;
      outline-offset: -1px;
    }
  }
`;
