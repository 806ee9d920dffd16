import type { Category, ValidationIssue } from '@gridkit/sdk';

/** The questions, one a page (GOV.UK), in order; `details` only when the category has extra fields. */
export type Step = 'what' | 'details' | 'where' | 'photos' | 'describe' | 'contact' | 'review';

/** The steps a report in this category goes through. */
export function stepsFor(category: Category | undefined): Step[] {
  const details = (category?.attributes.length ?? 0) > 0;
  return ['what', ...(details ? (['details'] as const) : []), 'where', 'photos', 'describe', 'contact', 'review'];
}

/**
 * A field's id in the shadow root, which is also the error summary's link
 * target: `category`, `attr-<code>`, `address`, `location`, `grid`, `photos`,
 * `description`, `contact`, `name`, `phone`.
 */
export type FieldId = string;

/** The step that asks a field. */
export function stepOf(field: FieldId): Step {
  if (field === 'category') return 'what';
  if (field.startsWith('attr-')) return 'details';
  if (field === 'address' || field === 'location' || field === 'grid') return 'where';
  if (field === 'photos') return 'photos';
  if (field === 'description') return 'describe';
  if (field === 'contact' || field === 'name' || field === 'phone') return 'contact';
  return 'review';
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
