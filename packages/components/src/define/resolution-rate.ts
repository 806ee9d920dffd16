import { GkResolutionRate } from '../resolution-rate/resolution-rate.js';
import { define } from '../internal/registry.js';
import './provider.js';

define('gk-resolution-rate', GkResolutionRate);

declare global {
  interface HTMLElementTagNameMap {
    'gk-resolution-rate': GkResolutionRate;
  }
}
