import type { StatusRenderer } from '../internal/task.js';
import type { LocalizeController } from '../internal/localize.js';
import type { CommonMessages } from '../messages/catalog.js';
import type { FieldId } from './fields.js';
import type { IssueReporterMessages } from './messages.js';
import type { IssueReporterLaterMessages } from './messages.later.js';
import type { Answers } from './answers.js';

/**
 * The reporter's texts in the current language: the common ones and its own,
 * the later steps' included (they arrive with the later steps' chunk, and
 * only what runs after it reads them).
 */
export type Messages = CommonMessages & IssueReporterMessages & IssueReporterLaterMessages;

/** Numbers, dates and the API's localized texts in the current language. */
export type Localize = Pick<LocalizeController, 'locale' | 'number' | 'date' | 'text'>;

/** Something loaded for a step (a `Task`): shown as loading, failed with a retry, or done. */
export interface Loadable<T> {
  render(renderer: StatusRenderer<T>): unknown;
  run(): unknown;
}

/** New answers, or how to compute them from the answers as they are now. */
export type AnswerChange = Partial<Answers> | ((now: Readonly<Answers>) => Partial<Answers>);

/** What every step's render function gets from the element. */
export interface StepView {
  m: Messages;
  localize: Localize;
  /** What the resident has answered so far. */
  answers: Readonly<Answers>;
  /** The problems to show now, by field. */
  errors: Map<FieldId, string>;
  /** While the report is being sent, nothing can be changed. */
  sending: boolean;
  /**
   * A shared screen (kiosk mode): the browser must neither remember nor offer
   * what one resident typed to the next, so no autofill.
   */
  shared: boolean;
  /**
   * The resident changed the answer in a field. A change that depends on
   * other answers is a function of them as they are then (two clicks may
   * come before the next render).
   */
  edit(field: FieldId, change: AnswerChange): void;
  /** The resident left a field: from then on its problem shows once it changed. */
  left(field: FieldId, event?: FocusEvent): void;
}
