import { GkIssueReporter } from '../issue-reporter/issue-reporter.js';
import { define } from '../internal/registry.js';
import './provider.js';

define('gk-issue-reporter', GkIssueReporter);

declare global {
  interface HTMLElementTagNameMap {
    'gk-issue-reporter': GkIssueReporter;
  }
}
