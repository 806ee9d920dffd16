import { css } from 'lit';

/**
 * Design tokens. Every widget reads `--gk-*` custom properties with a light
 * default, so it looks right with no theme at all; a page (or the provider's
 * `theme` attribute) sets them on any ancestor. Outer rules always beat
 * these `:host` defaults: a city rebrands with plain CSS.
 */
export const tokens = css`
  :host {
    --_bg: var(--gk-color-surface, #ffffff);
    --_bg-muted: var(--gk-color-surface-muted, #f3f5f8);
    --_fg: var(--gk-color-text, #1b1f24);
    --_fg-muted: var(--gk-color-text-muted, #4b5563);
    --_accent: var(--gk-color-accent, #c8102e);
    --_accent-fg: var(--gk-color-accent-text, #ffffff);
    --_link: var(--gk-color-link, #0b57d0);
    --_border: var(--gk-color-border, #d0d7de);
    --_danger: var(--gk-color-danger, #b42318);
    --_success: var(--gk-color-success, #067647);
    --_radius: var(--gk-radius, 8px);
    --_shadow: var(--gk-card-shadow, none);
    --_space: var(--gk-space, 1rem);
    --_font: var(--gk-font-family, system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif);
    --_font-size: var(--gk-font-size, 1rem);
    --_focus: var(--gk-focus-ring, 3px solid #0b57d0);
    display: block;
    color: var(--_fg);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    /*
     * Full-width punctuation keeps its full width everywhere. Chromium's default
     * lets a line end in "）" on the promise of trimming its blank half, then paints
     * it whole: "服务时长（分钟）" ran 2 px past its box instead of wrapping.
     */
    text-spacing-trim: space-all;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    :host {
      --_accent: CanvasText;
      --_border: CanvasText;
    }
  }
`;

/** The themes a provider (or a widget) can switch on with `theme="…"`. */
export const themes = css`
  :host([theme='dark']) {
    color-scheme: dark;
    --gk-color-surface: #14171c;
    --gk-color-surface-muted: #1f242b;
    --gk-color-text: #e8eaed;
    --gk-color-text-muted: #b4bcc6;
    --gk-color-accent: #ff6b6b;
    --gk-color-accent-text: #14171c;
    --gk-color-link: #8ab4f8;
    --gk-color-border: #3a414a;
    --gk-color-danger: #ff8a80;
    --gk-color-success: #7ee2a8;
    --gk-focus-ring: 3px solid #8ab4f8;
  }
  :host([theme='high-contrast']) {
    color-scheme: dark;
    --gk-color-surface: #000000;
    --gk-color-surface-muted: #000000;
    --gk-color-text: #ffffff;
    --gk-color-text-muted: #ffffff;
    --gk-color-accent: #ffff00;
    --gk-color-accent-text: #000000;
    --gk-color-link: #00ffff;
    --gk-color-border: #ffffff;
    --gk-color-danger: #ffff00;
    --gk-color-success: #00ff00;
    --gk-focus-ring: 4px solid #ffff00;
  }
`;
