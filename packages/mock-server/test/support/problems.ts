import { expect } from 'vitest';
import { GridkitError, problemTypeBase, type Problem } from '@gridkit/sdk';

/**
 * `problemType('not-found')` → the contract's type URI. Takes any string (the
 * SDK's `problemType` takes only the catalog's slugs), so tables of bad input
 * can carry their slug as plain text.
 */
export const problemType = (slug: string) => `${problemTypeBase}${slug}`;

/** The SDK call's GridkitError (fails the test if the call succeeds). */
export async function failure(promise: Promise<unknown>): Promise<GridkitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GridkitError);
  return error as GridkitError;
}

/**
 * A problem+json answer of the given status and type, with a title and the
 * request id of its `X-Request-Id` header; the parsed problem.
 */
export async function expectProblem(response: Response, status: number, slug: string): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Problem;
  expect(problem.type).toBe(problemType(slug));
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe('string');
  expect(problem.requestId).toBeTruthy();
  expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  return problem;
}
