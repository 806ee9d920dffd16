import './provider.js';
import './notice-board.js';
import './resolution-rate.js';
import './grid-ranking.js';
import './case-tracker.js';
import './service-log-form.js';
import './issue-reporter.js';
import './kiosk.js';
