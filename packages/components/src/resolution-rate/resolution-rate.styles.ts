import { css } from 'lit';

export const resolutionRateStyles = css`
  :host {
    container-type: inline-size;
    --_chart-height: 10.5rem;
  }
  .rate {
    position: relative;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  /*
   * Dimmed while another period loads, so old figures are not read as the new
   * period's; not while figures kept after a failed refresh wait for the next
   * try (the line above them says so), which can last all day on a kiosk and
   * must stay readable.
   */
  .rate[data-switching] .figures,
  .rate[data-switching] .charts {
    opacity: 0.6;
  }
  header > * {
    min-inline-size: 0;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.35em;
    line-height: 1.3;
  }
  h3 {
    margin: 0;
    font-size: 1.05em;
    border-inline-start: 4px solid var(--_accent);
    padding-inline-start: 0.5em;
  }
  .range,
  .hint,
  .detail,
  .none {
    margin: 0;
    color: var(--_fg-muted);
    font-size: 0.9em;
  }
  .picker {
    display: grid;
    gap: 0.15em;
    font-size: 0.9em;
    color: var(--_fg-muted);
  }
  /* The period names are long ("最近 12 个月（2026年1月至2026年12月）"): the picker shrinks to a phone. */
  .picker {
    grid-template-columns: minmax(0, 1fr);
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  select {
    inline-size: auto;
    max-inline-size: 100%;
    text-overflow: ellipsis;
    min-block-size: 44px;
    padding: 0.25em 0.5em;
    font: inherit;
    font-size: 1rem;
    font-size: max(1em, 1rem);
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  /*
   * Where the chosen period does not fit one line (a phone, 400% zoom, a kiosk's larger text sizes), a
   * customizable select: its button wraps the text onto a second line instead of cutting it to
   * "最近 12 个月（2026…". Only there: a native select keeps the platform's keyboard model (the arrows change
   * the period at once); a customizable one opens its list on the arrows, Enter takes the choice. The list is
   * the platform's own either way. A browser without base-select keeps the native select, cut short.
   */
  @container (max-width: 30em) {
    select {
      appearance: base-select;
      white-space: normal;
      overflow-wrap: anywhere;
    }
  }

  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11em), 1fr));
    gap: calc(var(--_space) * 0.75);
    margin: 0;
  }
  .figure {
    display: grid;
    align-content: start;
    gap: 0.15em;
    padding: 0.75em 0.9em;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
    border-block-start: 4px solid var(--_accent);
    /* The figure sizes its number (below), not the page: "3,372 件" never pushes past its box. */
    container-type: inline-size;
    min-inline-size: 0;
  }
  .figure dt {
    font-weight: 600;
  }
  .figure dd {
    margin: 0;
    overflow-wrap: break-word;
  }
  /* Scales with the figure's own width (container query units): as large as
     --_value-size where there is room, never wider than the box. A number
     never breaks inside; its unit ("件") may go to the next line. */
  .value {
    --_value-size: 2em;
    font-size: clamp(1.1em, 17cqi, var(--_value-size));
    font-weight: 700;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
  /* A sidebar: two figures a row, a little smaller. */
  @container (max-width: 24rem) {
    .figure {
      padding: 0.6em 0.7em;
    }
    .value {
      --_value-size: 1.5em;
    }
  }

  .charts {
    display: grid;
    gap: var(--_space);
  }
  /* Rework, disputes and follow-ups: three smaller figures, side by side where there is room. */
  .recourse-figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9em), 1fr));
    gap: calc(var(--_space) * 0.5);
    margin: 0;
  }
  .figure.small .value {
    --_value-size: 1.5em;
  }
  .chart-box {
    display: grid;
    align-content: start;
    gap: 0.5em;
    min-inline-size: 0;
  }
  .stack {
    display: block;
    inline-size: 100%;
    block-size: 1.75em;
    border-radius: 4px;
  }
  .stack rect {
    stroke: var(--_bg);
    stroke-width: 2px;
    vector-effect: non-scaling-stroke;
  }
  .l-grid {
    fill: var(--_accent);
    background: var(--_accent);
  }
  .l-community {
    fill: var(--_link);
    background: var(--_link);
  }
  .l-street {
    fill: var(--_success);
    background: var(--_success);
  }
  .l-district {
    fill: var(--_fg-muted);
    background: var(--_fg-muted);
  }
  .legend {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12em), 1fr));
    gap: 0.25em 1em;
  }
  /* Name, share and count each whole; the count goes under the name where the three do not fit a line. */
  .legend li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    white-space: nowrap;
    gap: 0 0.4em;
  }
  .swatch {
    flex: none;
    align-self: center;
    inline-size: 0.85em;
    block-size: 0.85em;
    border-radius: 2px;
    border: 1px solid var(--_border);
  }
  .legend strong {
    font-variant-numeric: tabular-nums;
  }
  .legend-count {
    color: var(--_fg-muted);
    font-size: 0.9em;
  }

  .key {
    display: inline-block;
    inline-size: 1.2em;
    block-size: 0.7em;
    margin-inline: 0.2em 0.3em;
    vertical-align: baseline;
  }
  .key-rate {
    block-size: 0;
    border-block-start: 3px solid var(--_accent);
    vertical-align: middle;
  }
  .key-received {
    background: var(--_border);
    margin-inline-start: 1em;
  }
  .plot {
    position: relative;
    min-inline-size: 0;
    padding-inline-start: 3.6em;
  }
  .plot svg {
    display: block;
    inline-size: 100%;
    block-size: var(--_chart-height);
    overflow: visible;
  }
  .axis {
    position: absolute;
    inset-inline-start: 0;
    inline-size: 4.4em;
    text-align: end;
    white-space: nowrap;
    font-size: 0.75em;
    color: var(--_fg-muted);
    transform: translateY(-50%);
    font-variant-numeric: tabular-nums;
  }
  .a100 {
    top: calc(var(--_chart-height) * 0.04);
  }
  .a50 {
    top: calc(var(--_chart-height) * 0.25);
  }
  .a0 {
    top: calc(var(--_chart-height) * 0.46);
  }
  .amax {
    top: calc(var(--_chart-height) * 0.58);
  }
  .grid-line {
    stroke: var(--_border);
    stroke-width: 1px;
    stroke-dasharray: 4 4;
    vector-effect: non-scaling-stroke;
    fill: none;
  }
  .bar {
    fill: var(--_border);
  }
  .rate-line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 3px;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }
  .rate-line.running {
    stroke-dasharray: 4 4;
    stroke-linecap: round;
  }
  .months .running {
    font-style: italic;
  }
  /* Dots are zero-length strokes with round caps: round whatever the chart's aspect ratio. */
  .rate-dots,
  .running-dot {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 8px;
    stroke-linecap: round;
    vector-effect: non-scaling-stroke;
  }
  /* Hollow: the background drawn inside the running month's dot. */
  .running-dot {
    stroke: var(--_bg);
    stroke-width: 4px;
  }
  .months {
    list-style: none;
    margin: 0.25em 0 0;
    padding: 0;
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    font-size: 0.75em;
    color: var(--_fg-muted);
    text-align: center;
    white-space: nowrap;
  }
  .months li {
    min-inline-size: 0;
  }
  /* Narrow: every other month's name, then every third. The queries are in
     em of the widget's own text, so a kiosk's larger text thins the labels
     out sooner instead of running "10月11月12月" together. */
  @container (max-width: 34em) {
    .months.many li:nth-child(even) {
      visibility: hidden;
    }
    /* A shown name may use its hidden neighbours' room, still centred on its month. */
    .months.many li:nth-child(odd) {
      margin-inline: -50%;
    }
  }
  @container (max-width: 22em) {
    .months.many li:nth-child(even) {
      visibility: visible;
    }
    .months.many li:not(:nth-child(3n + 1)) {
      visibility: hidden;
    }
    .months.many li:nth-child(odd) {
      margin-inline: 0;
    }
    .months.many li:nth-child(3n + 1) {
      margin-inline: -100%;
    }
  }
  /* A phone-wide screen with a kiosk's larger text: every fourth month ("10月" cut to "10" otherwise). */
  @container (max-width: 16em) {
    .months.many li:not(:nth-child(3n + 1)) {
      visibility: visible;
    }
    .months.many li:not(:nth-child(4n + 1)) {
      visibility: hidden;
    }
    .months.many li:nth-child(3n + 1) {
      margin-inline: 0;
    }
    .months.many li:nth-child(4n + 1) {
      margin-inline: -150%;
    }
  }

  .toggle,
  summary {
    min-block-size: 44px;
    font: inherit;
    font-size: 0.9em;
    color: var(--_link);
    cursor: pointer;
  }
  .toggle {
    justify-self: start;
    padding: 0.25em 0.75em;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* A shown table wider than a phone scrolls inside this box, not the page. */
  .table-box {
    min-inline-size: 0;
  }
  .table-box:not(.visually-hidden) {
    overflow-x: auto;
  }
  table.data {
    border-collapse: collapse;
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  table.data caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.25em;
  }
  table.data th,
  table.data td {
    padding: 0.3em 0.75em;
    border-block-end: 1px solid var(--_border);
    text-align: end;
  }
  table.data th[scope='row'],
  table.data thead th:first-child {
    text-align: start;
  }
  /* Four columns on a phone: the table fills its box and its cells pad less. */
  .by-priority table.data {
    inline-size: 100%;
  }
  .by-priority table.data th,
  .by-priority table.data td {
    padding-inline: 0.4em;
  }

  .empty {
    display: grid;
    justify-items: center;
    gap: 0.5em;
    padding: calc(var(--_space) * 2) var(--_space);
    text-align: center;
    background: var(--_bg-muted);
    border-radius: var(--_radius);
  }
  .empty h3 {
    border: 0;
    padding: 0;
    font-size: 1.25em;
  }
  .empty p {
    margin: 0;
    max-inline-size: 36em;
    color: var(--_fg-muted);
  }
  .empty-icon {
    inline-size: 3.5em;
    block-size: 3.5em;
    fill: none;
    stroke: var(--_fg-muted);
    stroke-width: 2.5;
    stroke-linecap: round;
  }

  .definitions {
    border-block-start: 1px solid var(--_border);
    padding-block-start: 0.25em;
  }
  summary {
    display: flex;
    align-items: center;
    inline-size: fit-content;
  }
  .definitions ul {
    margin: 0.25em 0 0;
    padding-inline-start: 1.2em;
    color: var(--_fg-muted);
    font-size: 0.9em;
  }

  /* Wide: the two charts side by side, the trend wider (in em: a portrait
     kiosk's large text keeps them stacked, so twelve month names fit). */
  @container (min-width: 56em) {
    .charts {
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
      align-items: start;
    }
  }

  /* Kiosk: a public screen read from two metres away, touched by fingers. */
  /* Large text that still fits a phone: 1.6rem from 640 px wide (any kiosk, either way up), ordinary size below. */
  :host([layout='kiosk']) {
    --_font-size: var(--gk-kiosk-font-size, clamp(1rem, 4vw, 1.6rem));
    --_chart-height: 14rem;
  }
  :host([layout='kiosk']) .rate {
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 1.5);
  }
  :host([layout='kiosk']) select,
  :host([layout='kiosk']) .toggle,
  :host([layout='kiosk']) summary {
    min-block-size: 64px;
  }
  :host([layout='kiosk']) .value {
    --_value-size: 2.4em;
  }

  @media (forced-colors: active) {
    .figure {
      border: 1px solid CanvasText;
    }
  }
`;
