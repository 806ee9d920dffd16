import type { Category, CategoryAttribute, ValidationIssue } from '@gridkit/sdk';
import { attributeProblem } from './attributes.js';
import { categoryProblems, descriptionMax, type ReportDraft } from './answers.js';
import { stepOf, type FieldId, type Step } from './fields.js';
import type { Localize, Messages } from './view.js';

/** Limits from the contract (`CaseInput`, `Reporter`). */
const addressMax = 200;
const nameMax = 50;
/** `Reporter.phone` in the contract. */
const phonePattern = /^\+?[0-9][0-9 -]{4,19}$/;

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
      out.push(...categoryProblems(draft, m));
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

/**
 * The field a server issue's JSON pointer names (`/body/attributes/damage` →
 * `attr-damage`), or undefined for one no field asks (shown in the summary only).
 */
function fieldOfPointer(path: string): FieldId | undefined {
  const parts = path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] !== 'body') return undefined;
  const [, first, second] = parts;
  switch (first) {
    case 'categoryCode':
      return 'category';
    case 'attributes':
      return second ? `attr-${second}` : undefined;
    case 'location':
      return second === 'point' ? 'location' : 'address';
    case 'gridId':
      return 'grid';
    case 'mediaIds':
      return 'photos';
    case 'description':
      return 'description';
    case 'reporter':
      return second === 'name' ? 'name' : second === 'phone' ? 'phone' : 'contact';
    default:
      return undefined;
  }
}

/** Server issues by field, the first per field kept; those no field asks under `''`. */
export function issuesByField(issues: readonly ValidationIssue[]): Map<FieldId, ValidationIssue> {
  const byField = new Map<FieldId, ValidationIssue>();
  for (const issue of issues) {
    const field = fieldOfPointer(issue.path) ?? '';
    if (!byField.has(field)) byField.set(field, issue);
  }
  return byField;
}
