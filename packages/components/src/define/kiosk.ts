import { GkKiosk } from '../kiosk/kiosk.js';
import { define } from '../internal/registry.js';
// The widgets the kiosk opens, so one import makes a working terminal.
import './provider.js';
import './issue-reporter.js';
import './case-tracker.js';
import './notice-board.js';
import './resolution-rate.js';

define('gk-kiosk', GkKiosk);

declare global {
  interface HTMLElementTagNameMap {
    'gk-kiosk': GkKiosk;
  }
}
