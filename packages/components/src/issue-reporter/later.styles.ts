import { css } from 'lit';
import { qrCodeStyles } from '../internal/qr-code.js';

/**
 * The styles of the steps after the first and of the outcomes, adopted when
 * the later steps' chunk arrives (after the element's own, so at equal
 * specificity these win, as they did in one sheet).
 */
const laterStepStyles = css`
  /* Moved from the first step's sheet: rules only the later steps and outcomes use. */
  .warn {
    color: var(--_danger);
    font-weight: 600;
  }
  .ok {
    color: var(--_success);
    font-weight: 600;
  }
  input.short {
    max-inline-size: 10em;
  }
  input.medium {
    max-inline-size: 20em;
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 700;
  }
  button.secondary {
    padding: 0.45em 1.4em;
    font-weight: 600;
    color: var(--_fg);
    background: var(--_bg-muted);
    border: 2px solid var(--_fg-muted);
  }
  button.small {
    min-block-size: var(--_target);
    padding: 0.2em 0.8em;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_fg-muted);
    font-size: 0.9em;
  }
  .checks {
    display: grid;
    gap: 0.5em;
  }
  .search-row {
    display: flex;
    gap: 0.5em;
  }
  .search-row input {
    flex: 1;
  }
  .locate {
    justify-items: start;
  }
  .status-line:empty {
    display: none;
  }
  .grid-results:empty {
    display: none;
  }
  .kiosk .step-details :is(.choices, .checks) {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10em), 1fr));
  }
  @media print {
    /* Black on white paper whatever the screen theme. */
    .outcome {
      --_fg: #000;
      --_fg-muted: #333;
      --_bg: #fff;
      --_bg-muted: #fff;
      --_link: #000;
      --_success: #000;
      color: #000;
      border: 0;
      padding: 0;
      max-inline-size: none;
    }
  }
  .conditional {
    display: grid;
    gap: var(--_space);
    margin-inline-start: 1em;
    padding: 0.25em 0 0.5em 1.2em;
    border-inline-start: 4px solid var(--_border);
  }
  .privacy {
    padding: 0.75em 1em;
    background: var(--_bg-muted);
    border-inline-start: 4px solid var(--_link);
    border-radius: var(--_radius);
  }

  .handler {
    display: grid;
    gap: 0.4em;
    padding: var(--_space);
    background: var(--_bg-muted);
    border-radius: var(--_radius);
  }
  .grid-path {
    color: var(--_fg-muted);
    font-size: 0.95em;
  }
  .person {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .handler,
  .person-text {
    min-inline-size: 0;
  }
  .avatar {
    flex: none;
    inline-size: 4em;
    block-size: 4em;
    border-radius: 50%;
    object-fit: cover;
    background: var(--_bg);
  }
  .avatar.initial {
    display: grid;
    place-items: center;
    font-size: 1.6em;
    inline-size: 2.8em;
    block-size: 2.8em;
    font-weight: 700;
    color: var(--_accent-fg);
    background: var(--_accent);
  }
  .person-text {
    display: grid;
    gap: 0.1em;
  }
  .person-name {
    font-size: 1.2em;
  }
  .person-role {
    color: var(--_fg-muted);
  }
  .phone {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 0.3em;
  }
  .phone a {
    color: var(--_link);
    font-weight: 700;
    font-size: 1.1em;
    display: inline-flex;
    align-items: center;
    min-block-size: var(--_target);
    white-space: nowrap;
  }

  .photo-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }
  .thumbs {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: var(--_space);
  }
  .thumb {
    display: grid;
    gap: 0.35em;
    align-content: start;
  }
  .thumb canvas,
  .thumb-placeholder {
    inline-size: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--_radius);
    background: var(--_bg-muted);
  }
  .thumb-placeholder {
    display: grid;
    place-items: center;
    font-size: 2em;
    font-weight: 700;
    color: var(--_danger);
  }
  .thumb-error .thumb-state {
    color: var(--_danger);
    font-weight: 600;
  }
  .thumb-state {
    font-size: 0.9em;
  }
  .thumb-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  .kiosk .thumbs {
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  }
  .thumbs.small {
    grid-template-columns: repeat(auto-fill, minmax(6rem, 1fr));
    margin-block-start: 0.5em;
  }

  .review {
    margin: 0;
    display: grid;
  }
  .review-row {
    display: grid;
    grid-template-columns: minmax(6em, 1fr) minmax(0, 2.5fr) auto;
    gap: 0.25em var(--_space);
    padding-block: 0.65em;
    border-block-end: 1px solid var(--_border);
    align-items: start;
  }
  .review dt {
    font-weight: 600;
  }
  .review dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .review .line {
    display: block;
  }
  .pre {
    white-space: pre-wrap;
  }
  .review-change button {
    margin-block-start: -0.5em;
  }
  @container (max-width: 30rem) {
    .review-row {
      grid-template-columns: minmax(0, 1fr) auto;
    }
    .review-row dd:not(.review-change) {
      grid-column: 1 / -1;
      grid-row: 2;
    }
    .review-row .review-change {
      grid-column: 2;
      grid-row: 1;
    }
  }

  .outcome h2 {
    font-size: 1.6em;
  }
  .receipt h2 {
    color: var(--_success);
  }
  .receipt-body {
    display: grid;
    gap: var(--_space);
    align-items: start;
  }
  @container (min-width: 40rem) {
    .receipt-body {
      grid-template-columns: minmax(0, 1fr) auto;
    }
    .receipt-body .due {
      grid-column: 1;
    }
    .receipt-body .qr {
      grid-column: 2;
      grid-row: 1 / span 2;
    }
  }
  .receipt-facts,
  .receipt-body > * {
    min-inline-size: 0;
  }
  .receipt-facts {
    margin: 0;
    display: grid;
    gap: var(--_space);
    /* The ticket's size follows this column, not the whole widget: beside the QR code it must still fit on one line. */
    container-type: inline-size;
  }
  .receipt-facts dt {
    color: var(--_fg-muted);
  }
  .receipt-facts dd {
    margin: 0;
  }
  .ticket {
    /* One line at any width: a ticket broken across lines is misread. */
    font-size: min(2.4em, 7cqi);
    white-space: nowrap;
    font-weight: 800;
    letter-spacing: 0.03em;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
    line-height: 1.2;
  }
  .kiosk .ticket {
    font-size: min(3em, 8cqi);
  }
  .token {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: min(1.8em, 7cqi);
    font-weight: 700;
    letter-spacing: 0.08em;
    white-space: nowrap;
  }
  .token .sep {
    color: var(--_fg-muted);
    padding-inline: 0.15em;
  }
  .qr {
    margin: 0;
    display: grid;
    justify-items: center;
    gap: 0.35em;
    text-align: center;
  }
  .qr svg {
    inline-size: 12rem;
    block-size: 12rem;
  }
  .kiosk .qr svg {
    inline-size: 16rem;
    block-size: 16rem;
  }
  .qr figcaption {
    font-size: 0.9em;
    max-inline-size: 14em;
  }
  .rejected {
    border: 4px solid var(--_danger);
  }
  .reason {
    padding: 0.75em 1em;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .spinner.inline {
    display: inline-block;
    vertical-align: middle;
  }

  @media (forced-colors: active) {
    .avatar.initial {
      color: CanvasText;
      background: Canvas;
      border: 2px solid CanvasText;
    }
    /* Boxes drawn only by a background get an outline. */
    .handler,
    .privacy,
    .reason {
      border: 1px solid CanvasText;
    }
  }

  @media print {
    .ticket {
      font-size: 28pt;
    }
    .token {
      font-size: 18pt;
    }
    .qr svg,
    .kiosk .qr svg {
      inline-size: 45mm;
      block-size: 45mm;
    }
    .handler {
      border: 1px solid #000;
      break-inside: avoid;
    }
    .avatar.initial {
      color: #000;
      background: none;
      border: 2px solid #000;
    }
  }
`;

export const laterStyles = [qrCodeStyles, laterStepStyles];
