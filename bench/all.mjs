// Every benchmark of bench/, one after the other, each next to its baseline in the same run (the scripts'
// own output is shown as they run), then one table of the figures against the goals of issue 11, with the
// machine they ran on. `--write` puts that table into docs/benchmarks.md between its "latest run" markers.
//
//   pnpm bench                         # everything at its default size, writes docs/benchmarks.md (~10 min)
//   pnpm bench --only render,writes     # some of them (a partial run does not write the docs)
//   node bench/all.mjs --smoke         # every benchmark at a tiny size, seconds each: checks they still run
//   node bench/all.mjs --smoke --json out.json
//
// The figures are parsed from what each script prints, so a script whose table changes shape fails here (and
// in CI's smoke run) instead of rotting.
import { spawn, execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const smoke = values.smoke;
const num = (text) => Number(String(text).replace(/,/g, ''));
const fixed = (value, digits = 2) => value.toFixed(digits);
const grouped = (value) => Math.round(value).toLocaleString('en');
const msText = (value) => (value < 10 ? value.toFixed(2) : grouped(value));

/** One line of `out` that matches `pattern`, or an error naming the script and what was looked for. */
function line(out, pattern, script) {
  const match = out.match(pattern);
  if (!match) throw new Error(`bench/${script}: no line matching ${pattern} in its output`);
  return match;
}

/**
 * The benchmarks: how to run each (full and smoke) and which rows of the goals table its output gives.
 * A row: what, now, baseline, goal, met (true, false, or a word when it depends).
 */
const benchmarks = [
  {
    name: 'sizes',
    script: 'widget-size.mjs',
    parse(out) {
      const row = (label) => {
        const m = line(
          out,
          new RegExp(
            `^${label.replace(/[()]/g, '\\$&')}\\s+([\\d.]+) KiB\\s+([\\d.]+) KiB\\s+(?:–|[\\d.]+ KiB)\\s+(?:–|[\\d.]+ KiB)\\s+(–|[\\d.]+ KiB)`,
            'm',
          ),
          this.script,
        );
        return { gzip: num(m[2]), overBase: m[3] === '–' ? undefined : parseFloat(m[3]) };
      };
      const lit = row('baseline: lit alone').gzip;
      const litSdk = row('baseline: lit and sdk core').gzip;
      const base = row('shared base (every widget needs it)').gzip;
      const widgets = ['gk-notice-board', 'gk-resolution-rate', 'gk-case-tracker', 'gk-grid-ranking'].map((tag) => ({
        tag,
        ...row(`${tag} (define entry)`),
      }));
      const writeBase = row('baseline: a write widget’s base').gzip;
      const reporter = row('gk-issue-reporter (define entry)').gzip;
      const serviceLog = row('gk-service-log-form (define entry)').gzip;
      const over = widgets.filter((w) => w.overBase > 4);
      return [
        {
          what: 'shared base of every widget, min+gzip incl. Lit',
          now: `${fixed(base)} KiB`,
          baseline: `Lit ${fixed(lit)} KiB; Lit + SDK core ${fixed(litSdk)} KiB`,
          goal: '≤ 10 KiB',
          met: base <= 10,
        },
        {
          what: 'a widget’s own code over the base',
          now: widgets.map((w) => `${w.tag.slice(3)} ${fixed(w.overBase)}`).join(', ') + ' KiB',
          baseline: '',
          goal: '≤ 4 KiB',
          met: over.length === 0 ? true : `no: ${over.map((w) => w.tag.slice(3)).join(', ')}`,
        },
        {
          what: 'reporter / service-log form, min+gzip incl. Lit',
          now: `${fixed(reporter)} / ${fixed(serviceLog)} KiB`,
          baseline: `a write widget’s base ${fixed(writeBase)} KiB`,
          goal: '≤ 18 / ≤ 16 KiB',
          met: reporter <= 18 && serviceLog <= 16,
        },
      ];
    },
  },
  {
    name: 'sdk-size',
    script: 'sdk-size.mjs',
    parse(out) {
      const gzip = (label) =>
        num(line(out, new RegExp(`^${label}\\s+[\\d.]+ KiB\\s+([\\d.]+) KiB`, 'm'), this.script)[1]);
      const whole = gzip('@gridkit/sdk, every export');
      const notices = gzip('core \\+ noticesResource');
      const cases = gzip('core \\+ casesResource');
      return [
        {
          what: 'SDK, min+gzip',
          now: `every export ${fixed(whole)} KiB; core + one resource ${fixed(notices)}–${fixed(cases)} KiB`,
          baseline: `openapi-fetch ${fixed(gzip('baseline: openapi-fetch alone'))} KiB`,
          goal: '≤ 4.5 KiB, pay per resource',
          met: whole <= 4.5 ? true : cases <= 4.5 ? 'per resource only' : false,
        },
      ];
    },
  },
  {
    name: 'sdk-speed',
    script: 'sdk-speed.mjs',
    args: [],
    smokeArgs: ['1', '200'],
    parse(out) {
      const calls = (label) =>
        num(line(out, new RegExp(`^${label.replace(/[()+.]/g, '\\$&')}\\s+(\\d+)`, 'm'), this.script)[1]);
      const sdk = calls('@gridkit/sdk grids.get (timeout + retries on)');
      const base = calls('openapi-fetch (baseline)');
      return [
        {
          what: 'SDK calls/s with a stubbed `fetch`, Node',
          now: `${grouped(sdk)} with timeouts and retries on`,
          baseline: `openapi-fetch ${grouped(base)} (raw \`fetch\` ${grouped(calls('raw fetch (baseline)'))})`,
          goal: '≥ 0.9× openapi-fetch',
          met: sdk / base >= 0.9,
          ratio: `${fixed(sdk / base)}×`,
        },
      ];
    },
  },
  {
    name: 'render',
    script: 'widget-render.mjs',
    args: [],
    smokeArgs: ['2', '2'],
    parse(out) {
      const row = (label) =>
        line(
          out,
          new RegExp(`^${label}\\s+([\\d.]+) ms\\s+([\\d.]+)×\\s+([\\d.]+) ms\\s+([\\d.]+)×`, 'm'),
          this.script,
        );
      const widget = row('<gk-notice-board>');
      const vanilla = row('vanilla DOM \\(baseline\\)');
      const load = line(out, /load average ([\d.]+) at the start, ([\d.]+) at the end/, this.script);
      return [
        {
          what: 'render, one notice board, warm',
          now: `${widget[1]} ms`,
          baseline: `plain DOM ${vanilla[1]} ms`,
          goal: '≤ 1.3×',
          met: num(widget[2]) <= 1.3,
          ratio: `${widget[2]}×`,
        },
        {
          what: 'render, 100 boards on a page',
          now: `${grouped(num(widget[3]))} ms`,
          baseline: `plain DOM ${grouped(num(vanilla[3]))} ms`,
          goal: '≤ 1.2×',
          met: num(widget[4]) <= 1.2,
          ratio: `${widget[4]}×, load average ${load[1]}–${load[2]}`,
        },
      ];
    },
  },
  {
    name: 'writes',
    script: 'server-writes.mjs',
    args: [],
    smokeArgs: ['1'],
    smokeEnv: { REPORTS: '64' },
    parse(out) {
      const on = num(line(out, /^group commit\s+(\d+)/m, this.script)[1]);
      const off = num(line(out, /^one transaction and sync per report \(base\)\s+(\d+)/m, this.script)[1]);
      const fsync = line(out, /one 4 KiB write \+ fsync on this disk: (\d+) µs/, this.script)[1];
      return [
        {
          what: 'durable reports/s (`POST /cases`)',
          now: `${grouped(on)} with group commit`,
          baseline: `${grouped(off)} with a transaction and sync each; one fsync ${fsync} µs`,
          goal: '≥ 3,000/s, durable on ack',
          met: on >= 3000,
          ratio: `${fixed(on / off)}× the base`,
        },
      ];
    },
  },
  {
    name: 'reads',
    script: 'server-reads.mjs',
    args: [],
    smokeArgs: ['1'],
    smokeEnv: { SECONDS: '1', CONNECTIONS: '4' },
    parse(out) {
      const rate = (route, contender) =>
        num(line(out, new RegExp(`^${route}\\s+${contender.replace(/[()]/g, '\\$&')}\\s+(\\d+)`, 'm'), this.script)[1]);
      return [
        ['GET notice board', 'GET notice board, req/s', true],
        ['GET public ticket view', 'GET public ticket view, req/s', false],
      ].map(([route, what, ceilingGoal]) => {
        const mock = rate(route, 'gridkit mock server');
        const prism = rate(route, 'Prism mock (baseline)');
        const bare = rate(route, 'bare Hono, fixed body (ceiling)');
        const ofCeiling = mock / bare;
        return {
          what,
          now: grouped(mock),
          baseline: `Prism ${grouped(prism)}; bare Hono, same body ${grouped(bare)}`,
          goal: ceilingGoal ? '≥ 10× Prism, ≥ 40% of bare Hono' : '≥ 10× Prism',
          met: mock / prism >= 10 && (!ceilingGoal || ofCeiling >= 0.4),
          ratio: `${fixed(mock / prism, 1)}× Prism; ${Math.round(ofCeiling * 100)}% of bare Hono`,
        };
      });
    },
  },
  {
    name: 'stats',
    script: 'server-stats.mjs',
    args: [],
    smokeArgs: ['--cases', '2000'],
    smokeEnv: { RUNS: '1', GRIDS: '100' },
    parse(out) {
      const rows = [
        ...out.matchAll(/^\s*([\d,]+) district, year, (\S+(?: \S+)?)\s+([\d.]+) ms\s+([\d.,]+) ms\s+([\d.]+) ms/gm),
      ].map((m) => ({ cases: num(m[1]), query: m[2], rollups: num(m[3]), fromCases: num(m[4]), count: num(m[5]) }));
      if (rows.length === 0) throw new Error(`bench/${this.script}: no district rows in its output`);
      const largest = Math.max(...rows.map((r) => r.cases));
      const at = rows.filter((r) => r.cases === largest);
      const totals = at.find((r) => r.query === 'totals');
      if (!totals) throw new Error(`bench/${this.script}: no totals row at ${largest} cases`);
      const slowest = at.filter((r) => r !== totals).reduce((a, b) => (b.rollups > a.rollups ? b : a));
      return [
        {
          what: `stats, a district's year, ${grouped(largest)} cases, totals`,
          now: `${totals.rollups} ms from rollups (${msText(totals.fromCases)} ms computed from the cases)`,
          baseline: `full-table \`COUNT(*)\` ${totals.count} ms`,
          goal: '≤ 50 ms for totals and grouping',
          met: totals.rollups <= 50,
        },
        {
          what: `the same, slowest grouping (${slowest.query})`,
          now: `${slowest.rollups} ms (${msText(slowest.fromCases)} ms from the cases)`,
          baseline: '',
          goal: '≤ 50 ms',
          met: slowest.rollups <= 50,
        },
      ];
    },
  },
  {
    name: 'locate',
    script: 'grid-locate.mjs',
    args: [],
    smokeEnv: { GRIDS: '200', POINTS: '50', BASELINE_POINTS: '20' },
    parse(out) {
      const grids = line(out, /^(\d+) grids; random points/m, this.script)[1];
      const p50 = (label) =>
        num(line(out, new RegExp(`^${label}\\s+\\d+\\s+\\d+\\s+([\\d.]+) ms`, 'm'), this.script)[1]);
      const prefilter = p50('in process, R\\*Tree prefilter');
      const scan = p50('in process, baseline: full scan of every polygon');
      return [
        {
          what: `finding the grid at a point, ${grouped(num(grids))} grids, p50`,
          now: `${prefilter} ms in process (${p50('locateGrid over HTTP \\(R\\*Tree prefilter\\)')} ms over HTTP)`,
          baseline: `testing every polygon ${scan} ms`,
          goal: 'fast on 10,000 grids (issue 7)',
          met: '–',
          ratio: `${Math.round(scan / prefilter)}× faster`,
        },
      ];
    },
  },
  {
    name: 'exports',
    script: 'export-memory.mjs',
    args: [],
    smokeArgs: ['--cases', '2000'],
    parse(out) {
      const rows = [
        ...out.matchAll(
          /^([\d,]+)\s+\|\s+([\d.]+ MiB)\s+\|\s+\d+\s+\|\s+([\d.]+ s)\s+\|\s+(-?[\d.]+) MiB\s+\|\s+(-?[\d.]+) MiB\s+\|\s+(-?[\d.]+) MiB\s+\|\s+(.+)$/gm,
        ),
      ].map((m) => ({ cases: num(m[1]), live: num(m[4]), whole: m[7].trim() }));
      if (rows.length === 0) throw new Error(`bench/${this.script}: no rows in its output`);
      return [
        {
          what: 'CSV export, live server heap while streaming',
          now: rows.map((r) => `${grouped(r.cases)} cases +${r.live} MiB`).join('; '),
          baseline: `all at once: ${rows.map((r) => r.whole.replace(/^not run.*/, 'not run')).join('; ')}`,
          goal: 'flat (issue 13)',
          met: '–',
        },
      ];
    },
  },
];

const wanted = values.only ? new Set(values.only.split(',')) : undefined;
const unknown = wanted && [...wanted].filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown?.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

/** Runs one script, showing its output as it comes, and resolves with all of it. */
function run(benchmark) {
  const args = (smoke ? benchmark.smokeArgs : benchmark.args) ?? [];
  const env = { ...process.env, ...(smoke ? benchmark.smokeEnv : undefined) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(benchmark.script, import.meta.url).pathname, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`bench/${benchmark.script} exited with ${code}`)),
    );
  });
}

function machine() {
  let chromium = 'Chromium not found';
  try {
    chromium = execFileSync(process.env.CHROME_PATH || 'chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // No Chromium here: the render benchmark says so itself.
  }
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}, ${chromium}`;
}

const startedAt = new Date();
const loadBefore = loadavg()[0];
const rows = [];
const failures = [];
for (const benchmark of benchmarks) {
  if (wanted && !wanted.has(benchmark.name)) continue;
  console.log(`\n== ${benchmark.name} (bench/${benchmark.script}${smoke ? ', smoke size' : ''})`);
  const started = performance.now();
  try {
    const out = await run(benchmark);
    const parsed = benchmark.parse(out);
    rows.push(...parsed.map((row) => ({ ...row, benchmark: benchmark.name })));
    console.log(`   ${benchmark.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push(`${benchmark.name}: ${error.message}`);
    console.error(`   ${benchmark.name} FAILED: ${error.message}`);
  }
}

const metWord = (met) => (met === true ? 'yes' : met === false ? 'no' : met);
const cell = (text) => String(text ?? '').replace(/\|/g, '\\|');
const table = [
  '| what | now | baseline in the same run | goal | met? |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${cell(row.what)} | ${cell(row.now)}${row.ratio ? ` (${cell(row.ratio)})` : ''} | ${cell(row.baseline)} | ${cell(row.goal)} | ${cell(metWord(row.met))} |`,
  ),
].join('\n');
const when = `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const summary = `${smoke ? 'Smoke run (tiny sizes: the figures mean nothing, only that every benchmark runs). ' : ''}Run of ${when}, ${(
  (Date.now() - startedAt) /
  60000
).toFixed(
  1,
)} min; load average ${loadBefore.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end.\n\n**Machine**: ${machine()}.`;

console.log(`\n${summary}\n\n${table}`);
if (failures.length) console.error(`\n${failures.length} benchmark(s) failed:\n${failures.join('\n')}`);

if (values.json)
  writeFileSync(values.json, JSON.stringify({ smoke, when, machine: machine(), rows, failures }, null, 2));
if (values.write && !smoke && !wanted && failures.length === 0) {
  const file = new URL('../docs/benchmarks.md', import.meta.url);
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- pnpm bench: latest run (written by bench/all.mjs) -->';
  const end = '<!-- pnpm bench: end -->';
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error('docs/benchmarks.md has no "latest run" markers');
  writeFileSync(file, `${doc.slice(0, from + start.length)}\n\n${summary}\n\n${table}\n\n${doc.slice(to)}`);
  console.log(
    '\nwritten to docs/benchmarks.md (run `pnpm exec prettier --write docs/benchmarks.md` before committing)',
  );
} else if (values.write) {
  console.log('\ndocs/benchmarks.md not written: only a full run of every benchmark without failures writes it');
}
process.exit(failures.length ? 1 : 0);
