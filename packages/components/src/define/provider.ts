import { GkProvider } from '../provider/provider.js';
import { define } from '../internal/registry.js';

define('gk-provider', GkProvider);

declare global {
  interface HTMLElementTagNameMap {
    'gk-provider': GkProvider;
  }
}
