import { expect } from 'vitest';
import { GridkitError } from '@gridkit/sdk';

export const problemType = (slug: string) => `https://gridkit.dev/problems/${slug}`;

/** The SDK call's GridkitError (fails the test if the call succeeds). */
export async function failure(promise: Promise<unknown>): Promise<GridkitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GridkitError);
  return error as GridkitError;
}
