import type { ReactiveControllerHost } from 'lit';
import type { Category, CategoryAttribute, GeoPoint, ValidationIssue } from '@gridkit/sdk';
import { leftForSubmit } from '../internal/form-feedback.js';
import { attributeProblem, type AttributeDraft } from './attributes.js';
import { issuesByField, stepOf, type FieldId, type Step } from './fields.js';
import type { TrayPhoto } from './photo-tray.js';
import type { Localize, Messages } from './view.js';

/** Limits from the contract (`CaseInput`): at most 9 photos, 2000 characters of description. */
export const maxPhotos = 9;
export const descriptionMax = 2000;
const addressMax = 200;
const nameMax = 50;
/** `Reporter.phone` in the contract. */
const phonePattern = /^\+?[0-9][0-9 -]{4,19}$/;

export type Contact = 'named' | 'anonymous';

/** What the resident has typed or chosen so far. */
export interface Answers {
  categoryCode?: string;
  /** The category's extra fields, by code. */
  attributes: Record<string, AttributeDraft>;
  address: string;
  point?: GeoPoint;
  description: string;
  contact?: Contact;
  reporterName: string;
  phone: string;
}

export const noAnswers: Readonly<Answers> = {
  attributes: {},
  address: '',
  description: '',
  reporterName: '',
  phone: '',
};

/** The whole report so far, as validation and sending read it. */
export interface ReportDraft extends Answers {
  category?: Category;
  /** A grid is fixed (`grid-id`) or chosen. */
  hasGrid: boolean;
  photos: readonly TrayPhoto[];
}

/** The category's extra fields in the order it gives. */
export function sortedAttributes(category: Category | undefined): CategoryAttribute[] {
  return [...(category?.attributes ?? [])].sort((a, b) => a.order - b.order);
}

/** Every problem with a step's answers, visible or not, in the order the fields appear. */
export function problems(step: Step, draft: ReportDraft, m: Messages, localize: Localize): [FieldId, string][] {
  const category = draft.category;
  const out: [FieldId, string][] = [];
  const add = (field: FieldId, message: string | undefined) => message && out.push([field, message]);
  switch (step) {
    case 'what':
      add('category', category ? undefined : m.chooseCategory);
      break;
    case 'details':
      for (const attribute of sortedAttributes(category)) {
        const label = localize.text(attribute.label) || attribute.code;
        add(`attr-${attribute.code}`, attributeProblem(attribute, draft.attributes[attribute.code], label, m));
      }
      break;
    case 'where': {
      const address = draft.address.trim();
      add(
        'address',
        !address ? m.addressMissing : address.length > addressMax ? m.addressTooLong(String(addressMax)) : undefined,
      );
      add('location', category?.requiresLocation && !draft.point ? m.locationRequired : undefined);
      add('grid', draft.hasGrid ? undefined : m.gridMissing);
      break;
    }
    case 'photos': {
      const all = draft.photos;
      add(
        'photos',
        all.some((p) => p.state !== 'ready')
          ? m.photoNotReady
          : category?.requiresPhoto && all.length === 0
            ? m.photosRequired
            : undefined,
      );
      break;
    }
    case 'describe': {
      const text = draft.description.trim();
      add(
        'description',
        !text
          ? m.descriptionMissing
          : text.length > descriptionMax
            ? m.descriptionTooLong(String(descriptionMax))
            : undefined,
      );
      break;
    }
    case 'contact':
      if (!draft.contact) add('contact', m.contactMissing);
      if (draft.contact === 'named') {
        const name = draft.reporterName.trim();
        add('name', !name ? m.nameMissing : name.length > nameMax ? m.nameTooLong(String(nameMax)) : undefined);
        const phone = draft.phone.trim();
        add('phone', !phone ? m.phoneMissing : phonePattern.test(phone) ? undefined : m.phoneInvalid);
      }
      break;
    case 'review':
      break;
  }
  return out;
}

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

/** A 422's issues in our words, by the field they name; empty when they name none. */
export function fieldProblems(
  issues: readonly ValidationIssue[],
  draft: ReportDraft,
  m: Messages,
  localize: Localize,
): Map<FieldId, string> {
  const byField = issuesByField(issues);
  byField.delete('');
  return new Map([...byField].map(([field, issue]) => [field, serverMessage(field, issue, draft, m, localize)]));
}

/** Our words for a server issue, chosen by its code (the issue's own message is for developers). */
function serverMessage(
  field: FieldId,
  issue: ValidationIssue,
  draft: ReportDraft,
  m: Messages,
  localize: Localize,
): string {
  const attribute = field.startsWith('attr-')
    ? draft.category?.attributes.find((a) => `attr-${a.code}` === field)
    : undefined;
  const label = attribute ? (localize.text(attribute.label) ?? '') : field;
  switch (issue.code) {
    case 'photo_required':
      return m.photosRequired;
    case 'location_required':
      return m.locationRequired;
    case 'attribute_required':
      return attribute && attribute.datatype.endsWith('list') ? m.attrChoose(label) : m.attrMissing(label);
    case 'attribute_invalid':
    case 'unknown_attribute':
      return m.attrInvalid(label);
    case 'unknown_grid':
      return m.gridUnknown;
    case 'unknown_category':
      return m.categoryUnknown;
    case 'unknown_media':
      return m.photoGone;
    default:
      return problems(stepOf(field), draft, m, localize).find(([f]) => f === field)?.[1] ?? issue.message;
  }
}
