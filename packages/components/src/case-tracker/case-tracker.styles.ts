import { css } from 'lit';
import { formStyles } from '../internal/form-styles.js';

/** The shared form rules first, then this widget's own (later rules win at equal specificity). */
export const caseTrackerStyles = css`
  ${formStyles}

  .lookup,
  .case {
    display: grid;
    /* One column no wider than the card: a long ticket or word wraps instead of widening it. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  /* Labels and values wrap, inside a word if one is wider than its box (a ticket in the heading, "dissatisfied"
     on a narrow tile, a category in a fact's column), rather than run into the next. */
  h2,
  h3,
  label,
  legend,
  .hint,
  .facts dd,
  .action,
  .reason,
  .score span,
  .score-given {
    overflow-wrap: anywhere;
  }
  .outcome:not(:empty) {
    margin-block-start: var(--_space);
  }
  label {
    font-weight: 600;
  }
  input[type='text'] {
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  button.primary {
    justify-self: start;
    min-block-size: var(--_target);
    min-inline-size: 8em;
    padding: 0.5em 1.5em;
    font: inherit;
    font-weight: 600;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  button.primary:disabled {
    opacity: 0.6;
    cursor: progress;
  }

  h2 {
    margin: 0;
    font-size: 1.25em;
    font-variant-numeric: tabular-nums;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible {
    outline: var(--_focus);
  }
  h3 {
    margin: 0 0 0.5em;
    font-size: 1.05em;
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5em;
  }
  .summary {
    display: grid;
    gap: 0.5em;
    align-content: start;
  }
  /* The status and the priority badge wrap as whole words: the badge goes to the next line first; a status
     longer than the card ("Sent to the unit that will handle it" on a phone) breaks between words, balanced. */
  .status-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    margin: 0;
  }
  .status-line .badge {
    margin: 0;
  }
  .status {
    display: inline-block;
    max-inline-size: 100%;
    box-sizing: border-box;
    text-wrap: balance;
    padding: 0.2em 0.7em;
    font-size: 1.3em;
    font-weight: 700;
    border-radius: var(--_radius);
    background: var(--_bg-muted);
    border-inline-start: 6px solid var(--_accent);
  }
  .status-closed {
    border-inline-start-color: var(--_success);
  }
  .status-rejected {
    border-inline-start-color: var(--_danger);
  }
  .reason {
    margin: 0;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12em), 1fr));
    gap: 0.5em 1em;
    margin: 0;
  }
  .facts dt {
    color: var(--_fg-muted);
    font-size: 0.9em;
  }
  .facts div,
  .summary,
  .history,
  .rating,
  .dispute {
    min-inline-size: 0;
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.4em;
    padding: 0 0.45em;
    font-size: 0.85em;
    border-radius: 4px;
  }
  .overdue,
  .priority-urgent {
    color: var(--_bg);
    background: var(--_danger);
  }
  /* Coordination is a handling note, not an alarm: outlined, not filled. */
  .priority-coordination {
    color: var(--_fg);
    border: 1px solid var(--_fg-muted);
  }
  .due-rule {
    margin-inline-start: 0.4em;
    font-weight: 400;
    color: var(--_fg-muted);
  }

  .timeline {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .event {
    position: relative;
    display: grid;
    gap: 0.1em;
    padding: 0 0 0.9em 1.6em;
    border-inline-start: 2px solid var(--_border);
    margin-inline-start: 0.45em;
  }
  .event:last-child {
    border-inline-start-color: transparent;
    padding-block-end: 0;
  }
  .event::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(-0.45em - 1px);
    inset-block-start: 0.3em;
    inline-size: 0.9em;
    block-size: 0.9em;
    border-radius: 50%;
    background: var(--_bg);
    border: 2px solid var(--_accent);
    box-sizing: border-box;
  }
  .event:last-child::before {
    background: var(--_accent);
  }
  .action {
    font-weight: 600;
  }
  .event time {
    color: var(--_fg-muted);
    font-size: 0.9em;
  }
  .note {
    margin: 0.25em 0 0;
    padding: 0.5em 0.75em;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .reason .note {
    display: inline;
    padding: 0;
    background: none;
  }

  .rating {
    display: grid;
    gap: var(--_space);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  .rating p {
    margin: 0;
  }
  .dispute {
    display: grid;
    gap: var(--_space);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  .dispute p {
    margin: 0;
  }
  .dispute textarea[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  button.secondary {
    justify-self: start;
    min-block-size: var(--_target);
    padding: 0.5em 1.5em;
    font: inherit;
    font-weight: 600;
    color: var(--_fg);
    background: var(--_bg-muted);
    border: 2px solid var(--_fg-muted);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  legend {
    padding: 0;
    margin-block-end: 0.5em;
    font-weight: 700;
    font-size: 1.05em;
  }
  /* One option a row, very dissatisfied to very satisfied: a clear scale, large targets, no ragged wrap. */
  .scores {
    display: grid;
    gap: 0.5em;
    max-inline-size: 24em;
  }
  .score {
    display: inline-flex;
    align-items: center;
    min-inline-size: 0;
    gap: 0.5em;
    min-block-size: var(--_target);
    padding: 0.25em 0.9em 0.25em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    font-weight: 400;
    cursor: pointer;
  }
  .score:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_bg-muted);
    box-shadow: inset 0 0 0 1px var(--_accent);
    font-weight: 600;
  }
  .score input {
    inline-size: 1.3em;
    block-size: 1.3em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .stars {
    color: var(--_accent);
    letter-spacing: 0.1em;
    margin-inline-end: 0.4em;
  }
  .score-given {
    font-weight: 600;
    font-size: 1.1em;
  }
  .request-id {
    display: block;
    font-weight: 400;
    font-size: 0.85em;
  }

  /* A wide card: the form in one row; facts on the left, the timeline on the right. */
  @container (min-width: 40rem) {
    .lookup {
      grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr) auto;
      align-items: start;
    }
    .lookup button.primary {
      margin-block-start: 1.55em;
    }
  }
  @container (min-width: 48rem) {
    /* The rating sits under the facts, so it is on screen without scrolling past the timeline. */
    .case {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      grid-template-areas: 'summary history' 'rating history' 'dispute history';
      grid-template-rows: auto auto 1fr;
      align-items: start;
      column-gap: calc(var(--_space) * 2);
    }
    .summary {
      grid-area: summary;
    }
    .history {
      grid-area: history;
    }
    .rating {
      grid-area: rating;
    }
    .dispute {
      grid-area: dispute;
    }
  }

  /* Kiosk: read from two metres away, touched by fingers. */
  /* Large text that still fits a phone: 1.6rem from 640 px wide (any kiosk, either way up), ordinary size below. */
  :host([layout='kiosk']) {
    --_font-size: var(--gk-kiosk-font-size, clamp(1rem, 4vw, 1.6rem));
    --_target: 64px;
  }
  :host([layout='kiosk']) .lookup,
  :host([layout='kiosk']) .case {
    padding: calc(var(--_space) * 1.5);
    gap: calc(var(--_space) * 1.5);
  }
  /* On a wide kiosk the scale lies in one row of large tiles, so the rating and its button fit one screen.
     Only where a tile holds its longest word ("dissatisfied"): the rating's column is 1.3 of 2.3 parts of
     the case, so 63em of the widget's text (a landscape kiosk at the standard size); on a portrait kiosk,
     or with a larger text size, one option a row as on a phone. */
  @container (min-width: 63em) {
    :host([layout='kiosk']) .scores {
      grid-template-columns: repeat(5, minmax(0, 1fr));
      max-inline-size: none;
    }
    :host([layout='kiosk']) .score {
      flex-direction: column;
      justify-content: center;
      padding: 0.4em 0.3em;
      text-align: center;
      text-wrap: balance;
    }
    :host([layout='kiosk']) .score span {
      max-inline-size: 100%;
    }
  }
  @container (min-width: 48rem) {
    :host([layout='kiosk']) textarea {
      block-size: calc(2lh + 1em);
    }
    /* With a case on screen: the ticket and its status on one line, three facts a row, the form's hints gone. */
    /* The status beside the ticket where both fit on one line, else under it (a long English status). */
    :host([layout='kiosk']) .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      column-gap: 1em;
    }
    :host([layout='kiosk']) .summary > :not(h2, .status-line) {
      flex-basis: 100%;
    }
    /* Three facts a row where each has 7.5em, wide enough for a long English word ("construction") to stay
       whole; else two (a portrait kiosk in English, its larger text sizes). */
    :host([layout='kiosk']) .facts {
      grid-template-columns: repeat(auto-fill, minmax(max(7.5em, 30%), 1fr));
    }
    /* On a kiosk the badge next to the status says the priority; the deadline's words stay for screen
       readers only, so an urgent case's rating button still fits the first screen. */
    :host([layout='kiosk']) .due-rule {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    :host([layout='kiosk']) .lookup:has(+ .outcome .case) .hint {
      display: none;
    }
    :host([layout='kiosk']) .case {
      grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr);
      gap: var(--_space);
    }
    :host([layout='kiosk']) .lookup,
    :host([layout='kiosk']) .case {
      padding: var(--_space) calc(var(--_space) * 1.5);
    }
    :host([layout='kiosk']) .score span {
      font-size: 0.85em;
      text-wrap: balance;
    }
    /* The comment's count beside its label, not on a line of its own; under it when both do not fit. */
    :host([layout='kiosk']) .rating .field {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      column-gap: 1em;
    }
    :host([layout='kiosk']) .rating .field textarea {
      flex-basis: 100%;
      order: 1;
    }
    :host([layout='kiosk']) .rating .field .hint {
      margin-inline-start: auto;
      text-align: end;
    }
  }
`;
