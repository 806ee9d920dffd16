import { css } from 'lit';

/**
 * The card surface a widget draws its content on (the notice board, the
 * figures, the look-up form and the case, the log's panels, a report's step
 * and outcome): one rule, so every widget rebrands the same way through the
 * tokens. Named `card-surface`, not `card`: the reporter's choice cards are
 * `.choice.card` and must not get this surface. Put this sheet before the
 * widget's own, so its layouts (kiosk padding, print) win at equal specificity.
 */
export const cardStyles = css`
  .card-surface {
    padding: var(--_space);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
`;
