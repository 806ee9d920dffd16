import { GkServiceLogForm } from '../service-log-form/service-log-form.js';
import { define } from '../internal/registry.js';
import './provider.js';

define('gk-service-log-form', GkServiceLogForm);

declare global {
  interface HTMLElementTagNameMap {
    'gk-service-log-form': GkServiceLogForm;
  }
}
