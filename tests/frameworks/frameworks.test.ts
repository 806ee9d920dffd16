// The framework examples (examples/) type-check against the types generated
// from the custom-elements manifest (for Angular, the components generated
// from it), and each negative fixture fails exactly
// where it should: a wrong attribute value, a wrong property type, an unknown
// attribute, a wrong field of an event's `detail`. One run per framework
// checks the example and its negative fixture together: the example's own
// files must come out clean, the fixture's marked lines (the line after each
// comment) must each fail, and nothing else.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);

interface Check {
  /** Exit code of the checker. */
  code: number;
  /** "file:line" of every reported error, file relative to the example. */
  errors: string[];
  output: string;
}

const frameworks = {
  react: {
    bin: 'tsc',
    args: ['--noEmit', '-p', 'tsconfig.negative.json', '--pretty', 'false'],
    fixture: 'negative/wrong-values.tsx',
    // negative/wrong-values.tsx(5,22): error TS2322: …
    parse: (out: string) => [...out.matchAll(/^(\S+?)\((\d+),\d+\): error/gm)].map((m) => `${m[1]}:${m[2]}`),
  },
  vue: {
    bin: 'vue-tsc',
    args: ['--noEmit', '-p', 'tsconfig.negative.json', '--pretty', 'false'],
    fixture: 'negative/WrongValues.vue',
    parse: (out: string) => [...out.matchAll(/^(\S+?)\((\d+),\d+\): error/gm)].map((m) => `${m[1]}:${m[2]}`),
  },
  svelte: {
    bin: 'svelte-check',
    args: ['--tsconfig', './tsconfig.negative.json', '--output', 'machine', '--fail-on-warnings'],
    fixture: 'negative/WrongValues.svelte',
    // 1796101317258 ERROR "negative/WrongValues.svelte" 7:18 "…"
    parse: (out: string) =>
      [...out.matchAll(/^\d+ (?:ERROR|WARNING) "([^"]+)" (\d+):\d+/gm)].map((m) => `${m[1]}:${m[2]}`),
  },
  angular: {
    // ngc with strict templates: the template type-checker runs through the Gridkit components.
    bin: 'ngc',
    args: ['-p', 'tsconfig.negative.json'],
    fixture: 'negative/wrong-values.ts',
    // negative/wrong-values.ts:10:22 - error TS2322: … (ngc always colours its output)
    parse: (out: string) =>
      [...stripVTControlCharacters(out).matchAll(/^(\S+?):(\d+):\d+ - error/gm)].map((m) => `${m[1]}:${m[2]}`),
  },
} as const;
type Framework = keyof typeof frameworks;

async function check(name: Framework): Promise<Check> {
  const { bin, args, parse } = frameworks[name];
  const cwd = join(root, 'examples', name);
  try {
    const { stdout, stderr } = await run(join(cwd, 'node_modules/.bin', bin), [...args], { cwd, maxBuffer: 1 << 24 });
    return { code: 0, errors: parse(stdout + stderr), output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, errors: parse(e.stdout + e.stderr), output: e.stdout + e.stderr };
  }
}

/** The line after each comment of the fixture (its first line, the header, aside). */
function expectedLines(name: Framework): string[] {
  const { fixture } = frameworks[name];
  const lines = readFileSync(join(root, 'examples', name, fixture), 'utf8').split('\n');
  const comment = /^\s*(\{\/\*.*\*\/\}|<!--.*-->)\s*$/;
  return lines.flatMap((line, i) => (i > 0 && comment.test(line) ? [`${fixture}:${i + 2}`] : []));
}

const results = new Map<Framework, Check>();
beforeAll(async () => {
  // Two at a time: the machine (and CI's) has two cores.
  const names = Object.keys(frameworks) as Framework[];
  const [first, ...rest] = names;
  await Promise.all([
    check(first!).then((r) => results.set(first!, r)),
    (async () => {
      for (const name of rest) results.set(name, await check(name));
    })(),
  ]);
}, 240_000);

describe.each(Object.keys(frameworks) as Framework[])('examples/%s', (name) => {
  it('the example type-checks: no error outside the negative fixture', () => {
    const { errors, output } = results.get(name)!;
    expect(
      errors.filter((e) => !e.startsWith('negative/')),
      output,
    ).toEqual([]);
  });

  it('the negative fixture fails the check on each marked line, and only there', () => {
    const { code, errors, output } = results.get(name)!;
    const expected = expectedLines(name);
    expect(expected.length).toBe(4);
    expect(code, output).not.toBe(0);
    expect([...new Set(errors.filter((e) => e.startsWith('negative/')))].sort(), output).toEqual(expected.sort());
  });
});

// Plain HTML has no type-checker: the page is checked against the manifest the
// way an editor with the generated VS Code / JetBrains data would flag it.
interface ManifestAttribute {
  name: string;
  type?: { text: string };
}
const manifest = JSON.parse(readFileSync(join(root, 'packages/components/custom-elements.json'), 'utf8')) as {
  modules: { declarations?: { tagName?: string; customElement?: boolean; attributes?: ManifestAttribute[] }[] }[];
};
const tags = new Map(
  manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .map((d) => [d.tagName!, new Map((d.attributes ?? []).map((a) => [a.name, a.type?.text ?? 'string']))]),
);
const globalAttribute =
  /^(id|class|style|lang|dir|hidden|slot|part|exportparts|title|tabindex|role|inert|data-.+|aria-.+)$/;

/** "line: problem" for every gk- element of an HTML file whose tag, attribute or value the manifest does not allow. */
function htmlProblems(file: string): string[] {
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      for (const [, tag, attrs] of line.matchAll(/<(gk-[a-z-]+)([^>]*)>/g)) {
        const allowed = tags.get(tag!);
        if (!allowed) {
          problems.push(`${i + 1}: <${tag}> is not a Gridkit element`);
          continue;
        }
        for (const [, name, , value] of attrs!.matchAll(/([a-z][a-z0-9-]*)(="([^"]*)")?/g)) {
          const type = allowed.get(name!);
          if (type === undefined) {
            if (!globalAttribute.test(name!)) problems.push(`${i + 1}: <${tag}> has no attribute ${name}`);
            continue;
          }
          const bare = type.replace(/\s*\|\s*undefined/, '');
          const literals = [...bare.matchAll(/'([^']*)'/g)].map((m) => m[1]);
          if (literals.length && value !== undefined && !literals.includes(value))
            problems.push(`${i + 1}: <${tag} ${name}="${value}"> is not one of ${literals.join(', ')}`);
          if (bare === 'number' && !/^-?\d+(\.\d+)?$/.test(value ?? ''))
            problems.push(`${i + 1}: <${tag} ${name}> needs a number`);
        }
      }
    });
  return problems;
}

describe('examples/html', () => {
  it('every gk- tag, attribute and value of the page is one the manifest declares', () => {
    expect(htmlProblems(join(root, 'examples/html/index.html'))).toEqual([]);
  });

  it('the negative page is caught on each marked line: wrong value, not a number, unknown attribute, unknown tag', () => {
    const problems = htmlProblems(join(root, 'examples/html/negative/wrong-values.html'));
    expect(problems.map((p) => Number(p.split(':')[0]))).toEqual([3, 5, 7, 9]);
    expect(problems[0]).toContain('is not one of card, kiosk, compact');
  });
});
