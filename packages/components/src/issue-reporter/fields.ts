import type { Category } from '@gridkit/sdk';

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
