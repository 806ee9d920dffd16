/**
 * What the domain throws when a request cannot be carried out. The HTTP
 * layer turns it into an RFC 9457 problem; the `type` slugs are the
 * contract's catalogue (`https://gridkit.dev/problems/<slug>`).
 */
import type { ProblemSlug } from '@gridkit/sdk';

export type { ProblemSlug };

export interface Issue {
  /** JSON pointer into the request: `/body/description`, `/query/limit`. */
  path: string;
  message: string;
  code?: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly issues: Issue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new DomainError(404, 'not-found', `${what} was not found.`);

export const forbidden = (detail: string) => new DomainError(403, 'forbidden', detail);

export const conflict = (slug: ProblemSlug, detail: string) => new DomainError(409, slug, detail);

/** 422: well-formed but not acceptable; one issue per problem, each with a stable `code`. */
export const unprocessable = (...issues: Issue[]) =>
  new DomainError(
    422,
    'unprocessable',
    issues.length === 1 ? issues[0]!.message : `${issues.length} problems with the request.`,
    issues,
  );

/** 401, with the challenge RFC 9110 asks a 401 to carry. */
export const unauthenticated = (detail: string) =>
  new DomainError(401, 'unauthenticated', detail, [], { 'WWW-Authenticate': 'Bearer realm="gridkit"' });
