/**
 * The contract's problem types by name. Servers answer with RFC 9457
 * problems whose `type` is `https://gridkit.dev/problems/<slug>`; branch on
 * the slug, typed, instead of comparing URIs spelled out by hand.
 */
import type { Problem } from './contract.js';
import { problemSlugValues, problemStatuses, problemTypeBase } from './generated/values.js';

/** A problem type of the contract, e.g. `'invalid-transition'`. */
export type ProblemSlug = (typeof problemSlugValues)[number];

/** The `type` URI of a problem slug: `problemType('not-found')` → `https://gridkit.dev/problems/not-found`. */
export function problemType(slug: ProblemSlug): string {
  return problemTypeBase + slug;
}

const known = new Set<string>(problemSlugValues);

function typeOf(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  // A GridkitError (or anything else carrying a problem), or a problem body itself.
  const problem = 'problem' in value ? (value as { problem: unknown }).problem : value;
  return typeof problem === 'object' && problem !== null ? (problem as Partial<Problem>).type : undefined;
}

/**
 * The contract's slug of a problem: pass a `GridkitError`, a problem body or
 * a `type` URI. `undefined` for anything else (`about:blank`, a network
 * error, a type this contract does not define, a value that is no problem).
 */
export function problemSlug(value: unknown): ProblemSlug | undefined {
  const type = typeOf(value);
  if (typeof type !== 'string' || !type.startsWith(problemTypeBase)) return undefined;
  const slug = type.slice(problemTypeBase.length);
  return known.has(slug) ? (slug as ProblemSlug) : undefined;
}

/** Whether `value` (a `GridkitError`, a problem body or a `type` URI) is the problem `slug`. */
export function isProblem(value: unknown, slug: ProblemSlug): boolean {
  return problemSlug(value) === slug;
}

/** The HTTP status the contract gives a problem type. */
export function problemStatus(slug: ProblemSlug): number {
  return problemStatuses[slug];
}
