import Database from 'better-sqlite3';

/**
 * better-sqlite3's native part is built or downloaded on install, which pnpm
 * skips unless allowed: at start, say what to run instead of a stack trace.
 * `undefined` when SQLite opens.
 */
export function nativeSqliteProblem(
  open: () => { close(): unknown } = () => new Database(':memory:'),
): string | undefined {
  try {
    open().close();
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return [
      'gridkit-mock cannot start: the native SQLite module (better-sqlite3) is not built for this Node.',
      `  ${reason}`,
      // pnpm 10 builds what `approve-builds` approves: a rebuild after it would compile it again.
      'With pnpm: run `pnpm approve-builds` and choose better-sqlite3 (pnpm builds it then);',
      '           if it was approved before (and Node changed since), `pnpm rebuild better-sqlite3`.',
      'With npm:  run `npm rebuild better-sqlite3` (without a prebuilt binary it needs python3, make and g++).',
    ].join('\n');
  }
}
