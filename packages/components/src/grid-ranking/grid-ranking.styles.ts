import { css } from 'lit';

export const gridRankingStyles = css`
  :host {
    container-type: inline-size;
  }
  .ranking {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  /* Dimmed while another period loads; not while a ranking kept after a failed refresh waits for the next try
     (the line above it says so), which can last all day on a kiosk and must stay readable. */
  .ranking[data-switching] .table-box {
    opacity: 0.6;
  }
  header {
    display: grid;
    gap: 0.25em;
  }
  h2 {
    margin: 0;
    font-size: 1.35em;
    line-height: 1.3;
  }
  h3 {
    margin: 0;
    font-size: 1.1em;
  }
  .range,
  .hint {
    margin: 0;
    color: var(--_fg-muted);
  }
  /* A table wider than a phone scrolls inside its box, never the page. */
  .table-box {
    overflow-x: auto;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .caption {
    margin: 0;
    font-weight: 600;
  }
  th,
  td {
    padding: 0.5em 0.6em;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: middle;
  }
  thead th {
    font-size: 0.9em;
    color: var(--_fg-muted);
    vertical-align: bottom;
    text-wrap: balance;
  }
  /* Chinese headings and names break between words, not inside one (收到案件, 紫薇大道街道). */
  thead th,
  th.name {
    word-break: keep-all;
  }
  .number,
  .figure {
    text-align: end;
  }
  .rank {
    inline-size: 3.5em;
    text-align: center;
  }
  tbody .rank {
    font-weight: 700;
    font-size: 1.15em;
  }
  th.name {
    font-weight: 600;
  }
  .unit {
    margin-inline-end: 0.4em;
  }
  .ranked-by {
    font-weight: 700;
  }
  thead .figure button {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0.25em 0;
    cursor: pointer;
    text-align: end;
    min-block-size: 44px;
    text-decoration: underline dotted;
    text-underline-offset: 0.2em;
  }
  thead .figure button[aria-pressed='true'] {
    color: var(--_fg);
    font-weight: 700;
    text-decoration: none;
  }
  thead .figure button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .arrow {
    display: inline-block;
    min-inline-size: 1em;
    font-size: 0.8em;
  }
  .badge {
    display: inline-block;
    padding: 0.05em 0.5em;
    border-radius: var(--_radius);
    font-size: 0.8em;
    font-weight: 700;
    white-space: nowrap;
  }
  .badge.red {
    background: var(--_accent);
    color: var(--_accent-fg);
  }
  .badge.yellow {
    background: #fde68a;
    color: #1b1f24;
  }
  tr.red .rank {
    color: var(--_accent);
  }
  .empty p {
    margin: 0.25em 0 0;
    color: var(--_fg-muted);
  }
  details summary {
    color: var(--_link);
    cursor: pointer;
    min-block-size: 44px;
    display: flex;
    align-items: center;
  }
  details ul {
    margin: 0;
    padding-inline-start: 1.2em;
    display: grid;
    gap: 0.4em;
  }

  /* A narrow card: the rank and the received count go small, the figures stay. */
  @container (max-width: 30rem) {
    th,
    td {
      padding: 0.45em 0.3em;
    }
    thead th {
      font-size: 0.8em;
    }
  }

  :host([layout='kiosk']) {
    --_font-size: var(--gk-kiosk-font-size, clamp(1rem, 4vw, 1.6rem));
  }
  :host([layout='kiosk']) .ranking {
    padding: calc(var(--_space) * 1.5);
  }
  :host([layout='kiosk']) thead .figure button,
  :host([layout='kiosk']) details summary {
    min-block-size: 64px;
  }

  @media (forced-colors: active) {
    .badge {
      border: 1px solid CanvasText;
    }
  }
`;
