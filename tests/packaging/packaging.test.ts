// What a user installs: each publishable package is packed as the registry
// would receive it (after `pnpm build`) and its tarball is checked: the
// files that must and must not be there, exports and side effects that
// resolve, publint, and arethetypeswrong (ESM only: Node 16+ ESM and
// bundlers must resolve typed entries).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publint } from 'publint';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';

const root = new URL('../../', import.meta.url).pathname;
const packages = ['sdk', 'components', 'mock-server', 'conformance'];
const out = mkdtempSync(join(tmpdir(), 'gridkit-pack-'));

interface Packed {
  tarball: Buffer;
  /** The tarball unpacked: the package as installed. */
  dir: string;
  files: Set<string>;
  manifest: Record<string, unknown> & {
    exports?: Record<string, unknown>;
    sideEffects?: boolean | string[];
    bin?: Record<string, string>;
  };
}
const packed = new Map<string, Packed>();

beforeAll(() => {
  for (const name of packages) {
    const dir = join(out, name);
    execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: join(root, 'packages', name), stdio: 'pipe' });
    const file = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
    );
    execFileSync('tar', ['xzf', file, '-C', dir]);
    const unpacked = join(dir, 'package');
    const files = new Set(
      (readdirSync(unpacked, { recursive: true, withFileTypes: true }) as Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => relative(unpacked, join(entry.parentPath, entry.name))),
    );
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
    packed.set(name, { tarball: readFileSync(file), dir: unpacked, files, manifest });
  }
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every path a target with `*` could stand for, as a RegExp over the tarball's files. */
const pattern = (target: string) =>
  new RegExp(
    `^${target
      .replace(/^\.\//, '')
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]+')}$`,
  );

/** Every file target of an exports map, conditions included. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

describe.each(packages)('@gridkit/%s as packed', (name) => {
  const pkg = () => packed.get(name)!;

  it('carries a README and the license', () => {
    expect(pkg().files).toContain('README.md');
    expect(pkg().files).toContain('LICENSE');
    expect(readFileSync(join(root, 'packages', name, 'LICENSE'), 'utf8')).toBe(
      readFileSync(join(root, 'LICENSE'), 'utf8'),
    );
  });

  it('carries no build info, demo pages, test support of the widgets, or unit tests', () => {
    const unwanted = [...pkg().files].filter(
      (f) =>
        f.endsWith('.tsbuildinfo') ||
        f.includes('/demo/') ||
        (name !== 'conformance' && /\.test\.[cm]?[jt]s$/.test(f)) ||
        (name === 'components' && f.includes('test-support')),
    );
    expect(unwanted).toEqual([]);
  });

  it('every source map points at sources in the package (or carries them)', () => {
    const broken: string[] = [];
    for (const file of pkg().files) {
      if (!file.endsWith('.map')) continue;
      const map = JSON.parse(readFileSync(join(pkg().dir, file), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      const base = file.split('/').slice(0, -1);
      map.sources.forEach((source, i) => {
        if (map.sourcesContent?.[i]) return;
        const parts = [...base];
        for (const part of source.split('/')) {
          if (part === '..') parts.pop();
          else if (part !== '.') parts.push(part);
        }
        if (!pkg().files.has(parts.join('/'))) broken.push(`${file} → ${source}`);
      });
    }
    expect(broken.slice(0, 10)).toEqual([]);
  });

  it('every export, bin and side-effect path resolves to a packed file, types first', () => {
    const { exports = {}, bin = {}, sideEffects } = pkg().manifest;
    const missing: string[] = [];
    for (const [entry, value] of Object.entries(exports)) {
      if (value && typeof value === 'object') expect(Object.keys(value)[0], `${entry}: "types" first`).toBe('types');
      for (const target of targets(value)) {
        if (![...pkg().files].some((f) => pattern(target).test(f))) missing.push(`${entry} → ${target}`);
      }
    }
    for (const target of Object.values(bin)) if (!pkg().files.has(target.replace(/^\.\//, ''))) missing.push(target);
    if (Array.isArray(sideEffects))
      for (const target of sideEffects)
        if (![...pkg().files].some((f) => pattern(target).test(f))) missing.push(`sideEffects ${target}`);
    expect(missing).toEqual([]);
  });

  it('publint finds no error or warning', async () => {
    const { messages } = await publint({
      pkgDir: pkg().dir,
      // The unpacked tarball is exactly what was packed.
      pack: false,
      level: 'warning',
    });
    expect(messages.map((m) => `${m.type} ${m.code} ${m.path.join('.')}`)).toEqual([]);
  });

  it('arethetypeswrong: every typed entry resolves for Node ESM and bundlers', async () => {
    if (name === 'conformance') {
      // A command-line suite: nothing to import, so nothing to type.
      expect(pkg().manifest.exports ?? pkg().manifest.main).toBeUndefined();
      return;
    }
    const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(pkg().tarball)));
    expect(analysis.types, 'the package ships types').toBeTruthy();
    if (!analysis.types) return;
    // ESM only, on purpose: CommonJS `require` and node10 resolution are not supported.
    const problems = analysis.problems.filter(
      (p) => !('resolutionKind' in p) || !['node10', 'node16-cjs'].includes(p.resolutionKind as string),
    );
    expect(problems).toEqual([]);
  });
});

it('the widgets package exports no internal module (registry, test support)', () => {
  const exports = Object.keys(packed.get('components')!.manifest.exports ?? {});
  const reachable = [...packed.get('components')!.files].filter((f) =>
    Object.values(packed.get('components')!.manifest.exports ?? {})
      .flatMap(targets)
      .some((t) => pattern(t).test(f)),
  );
  expect(exports).not.toContain('./internal/*');
  expect(reachable.filter((f) => f.includes('/internal/') || f.includes('registry'))).toEqual([]);
});
