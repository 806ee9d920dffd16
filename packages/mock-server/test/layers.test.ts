/**
 * The server's layers, read from its source (docs/architecture.md):
 *
 *   http/ (Hono adapter) → handlers/ (thin) → domain/ (rules, no I/O) and store/ (every SQL statement)
 *
 * Nothing below imports from above, SQL lives in store/ only, and a handler
 * never reaches into another handler. Each rule lists the offending file and
 * line, so a failure says where to look.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));

interface SourceFile {
  /** Relative to src/, with forward slashes: `handlers/cases.ts`. */
  path: string;
  text: string;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    if (!entry.name.endsWith('.ts')) return [];
    return [{ path: relative(srcDir, full).split(sep).join('/'), text: readFileSync(full, 'utf8') }];
  });
}

/** The folder a module belongs to (`domain`, `store`, …), or `root` for src/*.ts. */
const layerOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : 'root');

/** Comments blanked out (kept line for line), so prose about SQL or imports counts for nothing. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/[^\n]*/g, (_, before: string) => before);
}

interface Import {
  /** The imported module, relative to src/ (`http/app.ts`), or the package name. */
  target: string;
  line: number;
}

/** Relative imports and re-exports (static and dynamic), resolved against src/. */
function importsOf(file: SourceFile): Import[] {
  const code = withoutComments(file.text);
  const found: Import[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1]!;
    const line = code.slice(0, match.index).split('\n').length;
    const target = specifier.startsWith('.')
      ? posix.normalize(posix.join(dirname(file.path), specifier)).replace(/\.js$/, '.ts')
      : specifier;
    found.push({ target, line });
  }
  return found;
}

/**
 * Lines that run or spell SQL: a statement prepared or executed, a pragma, or
 * a string that starts a SELECT / INSERT / UPDATE / DELETE. (A regular
 * expression's `.exec(text)` is not SQL; `db.exec('…')` is.)
 */
function sqlLines(text: string): number[] {
  const lines = withoutComments(text).split('\n');
  const sql = [
    /\.prepare\s*\(/,
    /\.pragma\s*\(/,
    /\bdb\.exec\s*\(/,
    /\.exec\s*\(\s*['"`]/,
    /['"`]\s*(?:WITH\b[\s\S]*)?\b(?:SELECT\s|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)/,
    /^\s*(?:SELECT\s|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b)/,
  ];
  return lines.flatMap((line, i) => (sql.some((pattern) => pattern.test(line)) ? [i + 1] : []));
}

/** A module of handlers: it defines `Handler<'operationId'>`s (helpers beside them, such as cursor.ts, are not). */
const isHandlerModule = (file: SourceFile) => file.path.startsWith('handlers/') && /\bHandler<'/.test(file.text);

const files = sourceFiles(srcDir);
const byPath = new Map(files.map((file) => [file.path, file]));

describe('the mock server keeps its layers', () => {
  it('reads the whole source tree (the rules below are not vacuous)', () => {
    for (const layer of ['http', 'handlers', 'domain', 'store', 'seed']) {
      expect(files.filter((file) => layerOf(file.path) === layer).length, layer).toBeGreaterThan(2);
    }
  });

  it('no module in domain/ or store/ imports from http/ or handlers/', () => {
    const violations = files
      .filter((file) => ['domain', 'store'].includes(layerOf(file.path)))
      .flatMap((file) =>
        importsOf(file)
          .filter((found) => ['http', 'handlers'].includes(layerOf(found.target)))
          .map((found) => `${file.path}:${found.line} imports ${found.target}`),
      );
    expect(violations).toEqual([]);
  });

  it('domain/ is rules only: it imports nothing from the store, the seed or the server, and no I/O', () => {
    const io = ['better-sqlite3', 'node:fs', 'node:fs/promises', 'hono', '@hono/node-server'];
    const violations = files
      .filter((file) => layerOf(file.path) === 'domain')
      .flatMap((file) =>
        importsOf(file)
          .filter(
            (found) =>
              (found.target.endsWith('.ts') && layerOf(found.target) !== 'domain') || io.includes(found.target),
          )
          .map((found) => `${file.path}:${found.line} imports ${found.target}`),
      );
    expect(violations).toEqual([]);
  });

  it('every SQL statement is in store/: none in http/, handlers/, domain/, the seed or the server', () => {
    const violations = files
      .filter((file) => layerOf(file.path) !== 'store')
      .flatMap((file) => sqlLines(file.text).map((line) => `${file.path}:${line}`));
    expect(violations).toEqual([]);
  });

  it('no handler imports another handler', () => {
    const violations = files.filter(isHandlerModule).flatMap((file) =>
      importsOf(file)
        .filter(
          (found) =>
            found.target !== file.path && byPath.has(found.target) && isHandlerModule(byPath.get(found.target)!),
        )
        .map((found) => `${file.path}:${found.line} imports ${found.target}`),
    );
    expect(violations).toEqual([]);
  });

  it('handlers reach http/ only for the handler interface they implement (http/handler.ts)', () => {
    const allowed = new Set(['http/handler.ts']);
    const violations = files
      .filter((file) => layerOf(file.path) === 'handlers')
      .flatMap((file) =>
        importsOf(file)
          .filter((found) => layerOf(found.target) === 'http' && !allowed.has(found.target))
          .map((found) => `${file.path}:${found.line} imports ${found.target}`),
      );
    expect(violations).toEqual([]);
  });
});

describe('the layer checks themselves', () => {
  it('see SQL in statements, pragmas and SQL strings, but not in regular expressions or comments', () => {
    const code = [
      "const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(id);", // 1
      'const match = /^Bearer\\s+(\\S+)$/i.exec(header);', // 2
      "db.exec('BEGIN');", // 3
      'const sql = `UPDATE cases SET status = @status`;', // 4
      '// SELECT in a comment is prose', // 5
      "throw new Error('Select a grid first.');", // 6
      "db.pragma('foreign_keys = OFF');", // 7
      "const text = 'DELETE FROM notices';", // 8
    ].join('\n');
    expect(sqlLines(code)).toEqual([1, 3, 4, 7, 8]);
  });

  it('resolve relative imports against src/, including re-exports and dynamic imports', () => {
    const file: SourceFile = {
      path: 'domain/cases.ts',
      text: [
        "import { covers } from '../http/auth.js';",
        "export { x } from './lifecycle.js';",
        "const m = await import('../store/grids.js');",
        "import type { Schemas } from '@gridkit/sdk';",
      ].join('\n'),
    };
    expect(importsOf(file)).toEqual([
      { target: 'http/auth.ts', line: 1 },
      { target: 'domain/lifecycle.ts', line: 2 },
      { target: 'store/grids.ts', line: 3 },
      { target: '@gridkit/sdk', line: 4 },
    ]);
  });
});
