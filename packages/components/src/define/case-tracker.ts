import { GkCaseTracker } from '../case-tracker/case-tracker.js';
import { define } from '../internal/registry.js';
import './provider.js';

define('gk-case-tracker', GkCaseTracker);

declare global {
  interface HTMLElementTagNameMap {
    'gk-case-tracker': GkCaseTracker;
  }
}
