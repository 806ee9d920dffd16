/**
 * The seed's data files (`seed/data/*.json`), checked against the contract's
 * own schemas by the server's validator before anything is written: a fixture
 * that breaks the contract fails the seed, not a user's request.
 */
import type { Issue } from '../domain/errors.js';
import { contractChecker } from '../http/validation.js';
import type { JsonSchema } from '../http/contract.js';

/** A data file that does not match its schema; `issues` are at JSON pointers into the file. */
export class SeedFixtureError extends Error {
  constructor(
    readonly file: string,
    readonly issues: Issue[],
  ) {
    super(`Seed fixture ${file} is invalid: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`);
    this.name = 'SeedFixtureError';
  }
}

export interface FixtureOptions<T> {
  /**
   * What a schema cannot say, checked once the schema passes (names that must
   * refer to entries of this or another fixture); issues at JSON pointers.
   */
  references?: (value: T) => Issue[];
}

/**
 * Declares a fixture: `read()` checks `data` against `schema` (compiled once;
 * a function when the schema lists names taken from another fixture) and
 * returns it typed.
 */
export function fixture<T>(
  file: string,
  schema: JsonSchema | (() => JsonSchema),
  data: unknown,
  options: FixtureOptions<T> = {},
): { read(): T } {
  let check: ((value: unknown) => Issue[]) | undefined;
  return {
    read() {
      check ??= contractChecker(typeof schema === 'function' ? schema() : schema);
      let issues = check(data);
      if (issues.length === 0 && options.references) issues = options.references(data as T);
      if (issues.length > 0) throw new SeedFixtureError(file, issues);
      return data as T;
    },
  };
}
