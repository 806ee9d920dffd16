/**
 * `pnpm bench` stays runnable: each benchmark of bench/ runs through bench/all.mjs at a tiny size, against
 * its baseline, and gives the rows of the goals table (figures parsed from what the script prints). A script
 * that fails, or whose table changes shape, fails here. The figures of a smoke run mean nothing; no time is
 * asserted (benchmarks measure, tests do not).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const runner = new URL('../../bench/all.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gridkit-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  what: string;
  now: string;
  baseline: string;
  goal: string;
  met: boolean | string;
}

/** The rows one benchmark gives, after checking that it ran. */
function smoke(name: string): Row[] {
  const json = join(dir, `${name}.json`);
  const result = spawnSync(process.execPath, [runner, '--smoke', '--only', name, '--json', json], {
    encoding: 'utf8',
  });
  expect(result.status, `${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`).toBe(0);
  const report = JSON.parse(readFileSync(json, 'utf8')) as { rows: Row[]; failures: string[]; machine: string };
  expect(report.failures).toEqual([]);
  expect(report.machine).toMatch(/Node v\d+/);
  return report.rows;
}

/** A figure: a number somewhere in the text. */
const figure = /\d/;

describe('every benchmark runs at a tiny size and gives its rows', () => {
  const expected: Record<string, { rows: string[]; baseline: boolean[] }> = {
    sizes: {
      rows: ['shared base of every widget', 'a widget’s own code over the base', 'reporter / service-log form'],
      baseline: [true, false, false],
    },
    'sdk-size': { rows: ['SDK, min+gzip'], baseline: [true] },
    'sdk-speed': { rows: ['SDK calls/s'], baseline: [true] },
    render: { rows: ['render, one notice board', 'render, 100 boards'], baseline: [true, true] },
    writes: { rows: ['durable reports/s'], baseline: [true] },
    reads: { rows: ['GET notice board', 'GET public ticket view'], baseline: [true, true] },
    stats: { rows: ["stats, a district's year", 'the same, slowest grouping'], baseline: [true, false] },
    locate: { rows: ['finding the grid at a point'], baseline: [true] },
    exports: { rows: ['CSV export, live server heap while streaming'], baseline: [true] },
  };
  for (const [name, { rows, baseline }] of Object.entries(expected)) {
    it(`${name}: ${rows.join('; ')}`, () => {
      const got = smoke(name);
      expect(got.map((row) => rows.find((start) => row.what.startsWith(start)))).toEqual(rows);
      got.forEach((row, i) => {
        expect(row.now, row.what).toMatch(figure);
        if (baseline[i]) expect(row.baseline, `${row.what}: its baseline`).toMatch(figure);
        expect(row.goal, row.what).not.toBe('');
        expect([true, false, '–'].includes(row.met as never) || /^(no|per resource)/.test(String(row.met))).toBe(true);
      });
    });
  }

  it('refuses an unknown benchmark by name, listing the known ones', () => {
    const result = spawnSync(process.execPath, [runner, '--smoke', '--only', 'renders'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown benchmark(s): renders');
    expect(result.stderr).toContain('render');
  });
});
