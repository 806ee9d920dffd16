import { expect } from 'vitest';
import { GridkitError, problemTypeBase } from '@gridkit/sdk';

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
