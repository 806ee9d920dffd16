import { GkGridRanking } from '../grid-ranking/grid-ranking.js';
import { define } from '../internal/registry.js';
import './provider.js';

define('gk-grid-ranking', GkGridRanking);

declare global {
  interface HTMLElementTagNameMap {
    'gk-grid-ranking': GkGridRanking;
  }
}
