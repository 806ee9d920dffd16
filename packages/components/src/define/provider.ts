import { GkProvider } from '../provider/provider.js';
import { define } from './registry.js';

define('gk-provider', GkProvider);

declare global {
  interface HTMLElementTagNameMap {
    'gk-provider': GkProvider;
  }
}
