import { describe, expect, it } from 'vitest';
import { nativeSqliteProblem } from '../src/native-sqlite.js';

describe('the native SQLite check at start', () => {
  it('finds nothing wrong when SQLite opens (the real module, in memory)', () => {
    expect(nativeSqliteProblem()).toBeUndefined();
  });

  it('names the missing module and the commands for pnpm and npm', () => {
    // The error better-sqlite3 throws when pnpm skipped its build.
    const problem = nativeSqliteProblem(() => {
      throw new Error(
        'Could not locate the bindings file. Tried:\n → /app/node_modules/better-sqlite3/build/better_sqlite3.node',
      );
    });
    expect(problem).toContain('better-sqlite3');
    expect(problem).toContain('Could not locate the bindings file. Tried:');
    expect(problem).not.toContain('/app/node_modules');
    expect(problem).toContain('pnpm approve-builds');
    expect(problem).toContain('npm rebuild better-sqlite3');
  });
});
