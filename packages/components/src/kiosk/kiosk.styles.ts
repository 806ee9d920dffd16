import { css } from 'lit';

export const kioskStyles = css`
  /* Fills the screen whatever the page's margins; a page that embeds it in a
     frame overrides this with plain CSS (gk-kiosk { position: static; … }). */
  :host {
    position: fixed;
    inset: 0;
    /* 1.6rem from 640 px wide (any kiosk, either way up, and 200% zoom of a laptop); on a phone or at 400%
       zoom the ordinary size, so the three text sizes still reflow into 320 px. As the widgets' kiosk layouts. */
    --_kiosk-base: var(--gk-kiosk-font-size, clamp(1rem, 4vw, 1.6rem));
    --_scale: 1;
    background: var(--_bg-muted);
  }
  .root {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    /* The resident's text size reaches the widget inside through the tokens it reads. */
    --gk-kiosk-font-size: calc(var(--_kiosk-base) * var(--_scale));
    --gk-font-size: calc(var(--_font-size) * var(--_scale));
    font-size: calc(var(--_kiosk-base) * var(--_scale));
    line-height: 1.4;
  }
  .root[data-size='large'] {
    --_scale: 1.25;
  }
  .root[data-size='x-large'] {
    --_scale: 1.5;
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) / 2) var(--_space);
    padding: calc(var(--_space) * 0.75) var(--_space);
    color: var(--_accent-fg);
    background: var(--_accent);
  }
  .titles {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--_space);
    min-inline-size: 0;
  }
  .titles:has(#home-heading) {
    flex-direction: column;
    align-items: flex-start;
  }
  h1 {
    margin: 0;
    font-size: 1.2em;
    line-height: 1.25;
  }
  h1:focus {
    outline: none;
  }
  .served {
    margin: 0;
    font-size: 0.7em;
  }
  header button,
  .grid-choice,
  .banner button,
  .refused-entry button {
    min-block-size: 64px;
    min-inline-size: 64px;
    padding: 0.25em 0.9em;
    font: inherit;
    font-weight: 600;
    border-radius: var(--_radius);
    cursor: pointer;
    touch-action: manipulation;
  }
  header button {
    color: var(--_fg);
    background: var(--_bg);
    border: 3px solid transparent;
  }
  header :focus-visible {
    outline-color: var(--_accent-fg);
    outline-offset: 3px;
  }
  .home {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .home svg {
    inline-size: 1.3em;
    block-size: 1.3em;
  }
  svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 3;
    stroke-linecap: round;
    stroke-linejoin: round;
    flex: none;
  }

  .text-size {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.3em;
  }
  .text-size span {
    margin-inline-end: 0.2em;
    font-size: 0.7em;
  }
  .text-size button {
    min-block-size: 56px;
    padding-inline: 0.6em;
    font-weight: 400;
  }
  .size-standard {
    font-size: 0.7em;
  }
  .size-large {
    font-size: 0.85em;
  }
  .size-x-large {
    font-size: 1em;
  }
  .text-size button[aria-pressed='true'] {
    font-weight: 700;
    color: var(--_accent-fg);
    background: transparent;
    border-color: var(--_accent-fg);
    text-decoration: underline;
    text-decoration-thickness: 2px;
    text-underline-offset: 0.2em;
  }

  .status:empty {
    display: none;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 0.6em;
    padding: 0.5em var(--_space);
    color: var(--_fg);
    background: var(--_bg);
    border-block-end: 1px solid var(--_border);
    border-inline-start: 0.4em solid var(--_fg-muted);
    font-size: 0.75em;
  }
  .banner.offline,
  .banner.refused {
    border-inline-start-color: var(--_danger);
  }
  .banner svg {
    inline-size: 1.6em;
    block-size: 1.6em;
    color: var(--_danger);
  }

  main {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_space);
    container-type: inline-size;
  }

  .home-screen {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-block-size: 100%;
  }
  .intro {
    margin: 0;
    color: var(--_fg);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .choices {
    flex: 1;
    display: grid;
    grid-template-columns: 1fr;
    grid-auto-rows: minmax(4.5em, 1fr);
    gap: var(--_space);
  }
  @media (orientation: landscape) {
    @container (min-width: 36em) {
      .choices {
        grid-template-columns: 1fr 1fr;
      }
    }
  }
  .choices li {
    display: flex;
  }
  .choice {
    flex: 1;
    display: flex;
    align-items: center;
    gap: 0.8em;
    min-block-size: 64px;
    padding: 0.75em 1em;
    font: inherit;
    text-align: start;
    color: var(--_fg);
    background: var(--_bg);
    border: 2px solid var(--_border);
    border-inline-start: 0.4em solid var(--_accent);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    cursor: pointer;
    touch-action: manipulation;
  }
  .choice:active {
    background: var(--_bg-muted);
  }
  .choice svg {
    inline-size: 3em;
    block-size: 3em;
    color: var(--_accent);
  }
  .choice-text {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    min-inline-size: 0;
  }
  .choice-title {
    font-size: 1.3em;
    font-weight: 700;
  }
  .choice-desc {
    font-size: 0.75em;
    color: var(--_fg-muted);
  }

  .screen {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  .help {
    margin: 0;
    font-size: 0.75em;
    color: var(--_fg-muted);
  }
  .grids {
    margin: 0;
    padding: 0;
    border: 0;
  }
  .grids legend {
    margin-block-end: calc(var(--_space) / 2);
    font-weight: 600;
  }
  .grids ul {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .grid-choice {
    inline-size: 100%;
    text-align: start;
    color: var(--_fg);
    background: var(--_bg);
    border: 2px solid var(--_border);
  }
  .banner button,
  .refused-entry button {
    min-block-size: 48px;
    color: var(--_fg);
    background: var(--_bg);
    border: 2px solid var(--_fg-muted);
  }
  .banner button {
    margin-inline-start: auto;
    font-size: 1em;
  }
  .refused-list {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
  }
  .refused-entry {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    background: var(--_bg);
    border: 2px solid var(--_border);
    border-inline-start: 0.4em solid var(--_danger);
    border-radius: var(--_radius);
    font-size: 0.8em;
  }
  .refused-entry > button {
    justify-self: start;
  }
  .refused-entry dl {
    display: grid;
    gap: 0.3em;
    margin: 0;
  }
  .refused-entry dl div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.6em;
  }
  .refused-entry dt {
    color: var(--_fg-muted);
  }
  .refused-entry dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .request-id {
    font-family: ui-monospace, monospace;
  }
  .refused-entry .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .refused-entry .discard-confirm {
    color: var(--_bg);
    background: var(--_danger);
    border-color: var(--_danger);
  }
  .none-refused {
    margin: 0;
    font-size: 0.8em;
  }
  .misconfigured {
    margin: 0;
    padding: var(--_space);
    border: 2px dashed var(--_danger);
    border-radius: var(--_radius);
    background: var(--_bg);
    font-size: 0.75em;
  }

  /* A short screen (a laptop at 200% zoom, a landscape phone): the top bar
     scrolls away with the rest instead of taking half the height. */
  @media (max-height: 32rem) {
    .root {
      overflow-y: auto;
    }
    main {
      flex: none;
      overflow: visible;
    }
  }

  /* "Still there?" over the whole screen; a tap beside it counts as "yes". */
  .backdrop {
    position: fixed;
    inset: 0;
    z-index: 10;
    background: rgb(0 0 0 / 0.55);
  }
  .idle-layer {
    position: fixed;
    inset: 0;
    z-index: 11;
    display: grid;
    place-items: center;
    padding: var(--_space);
    pointer-events: none;
  }
  .idle-layer .idle-prompt {
    position: static;
    margin: 0;
    max-inline-size: 30em;
    padding: calc(var(--_space) * 1.5);
    pointer-events: auto;
    background: var(--_bg);
    font-size: 1em;
  }
  .idle-layer .idle-prompt strong {
    flex-basis: 100%;
    font-size: 1.2em;
  }
  .idle-layer .idle-prompt button {
    min-block-size: 64px;
  }

  @media (forced-colors: active) {
    .text-size button[aria-pressed='true'] {
      border-color: Highlight;
    }
    .backdrop {
      background: Canvas;
      opacity: 0.8;
    }
  }
`;
