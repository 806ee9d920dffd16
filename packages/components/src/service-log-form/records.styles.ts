import { css } from 'lit';

/** Today's entries and the month's summary, added when their chunk arrives. */
export const recordsStyles = css`
  .logs {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5em;
  }
  .log {
    display: grid;
    gap: 0.15em;
    padding-block-end: 0.5em;
    border-block-end: 1px solid var(--_border);
  }
  .log:last-child {
    border-block-end: 0;
  }
  .log-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    align-items: baseline;
  }
  .log-head time,
  .log-meta,
  .log-minutes,
  .log-outcome {
    color: var(--_fg-muted);
    font-variant-numeric: tabular-nums;
  }
  .log-summary,
  .log-meta,
  .empty {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .log-summary {
    white-space: pre-wrap;
  }
  .log-meta {
    font-size: 0.9em;
  }
  .badge {
    padding: 0 0.45em;
    font-size: 0.85em;
    border-radius: 4px;
    border: 1px solid var(--_link);
    color: var(--_link);
  }
  /* The month's four figures: four across when they fit, else two by two (never three and a lone one). */
  .month {
    container-type: inline-size;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 0.5em;
    margin: 0;
  }
  @container (min-width: 30em) {
    .figures {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
  }
  .figure {
    padding: 0.5em 0.75em;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
  }
  .figure dt {
    color: var(--_fg-muted);
    font-size: 0.85em;
  }
  .figure dd {
    margin: 0;
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  /* Side by side only where both fit whole: a table never narrows below its longest words, so in a grid
     column too narrow for it ("Registration", "Minutes" at a kiosk's size) it ran into the next table. */
  .tables {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: start;
  }
  .tables > * {
    flex: 1 1 13em;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.25em;
  }
  th,
  td {
    padding: 0.2em 0.4em;
    border-block-end: 1px solid var(--_border);
    text-align: end;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: start;
    font-weight: 400;
  }
  thead th {
    color: var(--_fg-muted);
    font-size: 0.85em;
    font-weight: 600;
  }

  @media (forced-colors: active) {
    /* Drawn only by a background: an outline instead. */
    .figure {
      border: 1px solid CanvasText;
    }
  }
`;
