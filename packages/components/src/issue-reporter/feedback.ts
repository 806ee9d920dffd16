import type { ReactiveControllerHost } from 'lit';
import { leftForSubmit } from '../internal/form-feedback.js';
import { stepOf, type FieldId, type Step } from './fields.js';

/**
 * When a problem shows (Lion's interaction states): once its field was left
 * after a change, or its step was submitted; a problem the server named, until
 * its field changes. Changes ask the element to render again.
 */
export class Feedback {
  touched = new Set<FieldId>();
  dirty = new Set<FieldId>();
  submitted = new Set<Step>();
  /** Problems the server named, by field, until the field changes. */
  serverIssues = new Map<FieldId, string>();

  constructor(private readonly host: ReactiveControllerHost) {}

  changed(field: FieldId) {
    this.dirty = new Set(this.dirty).add(field);
    if (this.serverIssues.has(field)) {
      const issues = new Map(this.serverIssues);
      issues.delete(field);
      this.serverIssues = issues;
    }
    this.host.requestUpdate();
  }

  left(field: FieldId, event?: FocusEvent) {
    if (leftForSubmit(event)) return;
    if (this.touched.has(field)) return;
    this.touched = new Set(this.touched).add(field);
    this.host.requestUpdate();
  }

  submit(step: Step) {
    this.submitted = new Set(this.submitted).add(step);
    this.host.requestUpdate();
  }

  fromServer(issues: Map<FieldId, string>) {
    this.serverIssues = issues;
    this.host.requestUpdate();
  }

  /** The problems the resident should see now: the server's, and ours once touched and changed or submitted. */
  visible(step: Step, own: readonly [FieldId, string][]): [FieldId, string][] {
    const shown = new Map<FieldId, string>();
    for (const [field, message] of this.serverIssues) if (stepOf(field) === step) shown.set(field, message);
    for (const [field, message] of own) {
      if (shown.has(field)) continue;
      if (this.submitted.has(step) || (this.touched.has(field) && this.dirty.has(field))) shown.set(field, message);
    }
    return [...shown];
  }

  /** Whether the step's error summary shows (once submitted, or while the server named problems). */
  summarized(step: Step): boolean {
    return this.submitted.has(step) || this.serverIssues.size > 0;
  }

  reset() {
    this.touched = new Set();
    this.dirty = new Set();
    this.submitted = new Set();
    this.serverIssues = new Map();
    this.host.requestUpdate();
  }
}
