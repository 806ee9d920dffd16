/**
 * Injection (issue 12, "The suite" 4): XSS vectors in the style of the OWASP
 * filter-evasion cheat sheet (support/injection-vectors.ts; all of them in the
 * full run, a spread-out subset in the short one) in every text a widget
 * renders that comes from the server, rendered by every widget in Chromium
 * under the strict Content-Security-Policy the mock server sends with its demo
 * pages. Per page: no script ran (`__xss` never called, no CSP violation, no
 * page error), no element or attribute was injected (document and every
 * shadow root walked), and every written value is visible as text, exactly.
 * One page runs again with the CSP header stripped, so that escaping, not only
 * the CSP, is what is tested; a positive control shows the detectors fire.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedServer } from '@gridkit/mock-server';
// @ts-expect-error -- a plain ESM script without type declarations (tests/packaging imports it the same way).
import { chromiumLaunchOptions } from '../../scripts/browser-tests.mjs';
import { jsonCaller } from './support/http.js';
import {
  inspectPage,
  writeDemoCopy,
  writePageSpec,
  type PageSpec,
  type WidgetSpec,
} from './support/injection-pages.js';
import { allVectors, pickVectors, type Vector } from './support/injection-vectors.js';
import { reportFigures, size } from './support/run.js';
import { freshDataDir, serveInProcess } from './support/server.js';

const vectors = pickVectors(size(120, Infinity));
/** Leaf grids whose boards, rates and cases carry the vectors. */
const gridCount = size(10, 100);
const admin = 'demo-admin-district';
const supervisor = 'demo-supervisor-district';
const worker = 'demo-worker-qiaobei-02';

let server: StartedServer;
let browser: Browser;
let demoDir: string;

const figures = { writes: 0, pages: 0, executions: 0, injectedElements: 0, cspViolations: 0, elementsChecked: 0 };
/** Field → ids of the vectors written into it (and read back byte for byte). */
const coverage = new Map<string, Set<number>>();
/** Field → vectors too long for the contract's maxLength of that field. */
const tooLong = new Map<string, number>();

const label = (field: string, n: number) => `⟦${field}#${n}⟧ `;
function cover(field: string, placed: Vector[]) {
  const set = coverage.get(field) ?? new Set<number>();
  for (const v of placed) set.add(v.id);
  coverage.set(field, set);
}
/** Every vector, round-robin over `slots` values of `field` (concatenated where a slot gets several). */
function spread(field: string, slots: number): { value: string; vectors: Vector[] }[] {
  const out = Array.from({ length: slots }, () => [] as Vector[]);
  vectors.forEach((v, j) => out[j % slots]!.push(v));
  return out.map((vs, n) => {
    cover(field, vs);
    return { value: label(field, n) + vs.map((v) => v.text).join(' '), vectors: vs };
  });
}
/** Packed values → their field and vectors, counted in `coverage` once written and read back. */
const packed = new Map<string, { field: string; vectors: Vector[] }>();
function written(value: string | undefined) {
  const p = value === undefined ? undefined : packed.get(value);
  if (p) cover(p.field, p.vectors);
}
/** Every vector that fits, packed greedily into values of at most `max` characters (the contract's maxLength). */
function pack(field: string, max: number, short = field): string[] {
  const values: string[] = [];
  let current: Vector[] = [];
  const flush = () => {
    if (current.length) {
      const value = label(short, values.length) + current.map((v) => v.text).join(' ');
      packed.set(value, { field, vectors: current });
      values.push(value);
    }
    current = [];
  };
  for (const v of vectors) {
    // maxLength counts code points, like the server's validator.
    const len = (vs: Vector[]) => [...(label(short, values.length) + vs.map((x) => x.text).join(' '))].length;
    if (len([v]) > max) {
      tooLong.set(field, (tooLong.get(field) ?? 0) + 1);
      continue;
    }
    if (len([...current, v]) > max) flush();
    current.push(v);
  }
  flush();
  return values;
}
const localized = (text: string) => JSON.stringify({ 'zh-CN': text, 'zh-TW': text, en: text });

const send = jsonCaller(() => server.apiUrl, 'injection');
async function call<T = Record<string, unknown>>(
  method: string,
  target: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await send(method, target, token, body, headers);
  if (res.status >= 300) throw new Error(`${method} ${target}: ${res.status} ${res.text.slice(0, 500)}`);
  if (method !== 'GET') figures.writes += 1;
  return res.json as T;
}

/** What the pages must show, per widget. */
const expectations = {
  board: new Map<string, string[]>(),
  rate: new Map<string, string[]>(),
  gridName: new Map<string, string>(),
  cases: [] as { ticket: string; token: string; expect: string[] }[],
  categories: [] as string[],
  attributes: new Map<string, string[]>(),
  serviceLog: [] as string[],
};

beforeAll(async () => {
  const dataDir = freshDataDir('injection');
  // The contract has no write for the seed's reference data (grid names, service hours and services, the team,
  // staff names, categories and their attributes): those go into the copied database before the server starts.
  const db = new Database(join(dataDir, 'gridkit.sqlite'));
  const workerRow = db.prepare('SELECT grid_ids FROM staff WHERE token = ?').get(worker) as { grid_ids: string };
  const workerGrid = (JSON.parse(workerRow.grid_ids) as string[])[0]!;
  const allLeaves = db.prepare("SELECT id, path FROM grids WHERE level = 'grid' ORDER BY path").all() as {
    id: string;
    path: string;
  }[];
  const leaves = allLeaves.slice(0, gridCount);
  if (!leaves.some((g) => g.id === workerGrid)) leaves[leaves.length - 1] = allLeaves.find((g) => g.id === workerGrid)!;
  const ancestors = [...new Set(leaves.flatMap((g) => g.path.split('/').filter((id) => id && id !== g.id)))];
  const grids = leaves.map((g) => g.id);
  const setGrid = db.prepare('UPDATE grids SET name = ?, service_hours = ?, services = ? WHERE id = ?');
  const names = spread('grid.name', grids.length);
  const hours = spread('grid.serviceHours', grids.length);
  const services = spread('grid.services', grids.length);
  grids.forEach((id, n) => {
    const items = services[n]!.vectors.map((v, i) => label(`grid.services.${n}`, i) + v.text);
    setGrid.run(names[n]!.value, hours[n]!.value, JSON.stringify(items), id);
    expectations.gridName.set(id, names[n]!.value);
    expectations.board.set(id, [names[n]!.value, hours[n]!.value, ...items]);
    expectations.rate.set(id, [names[n]!.value]);
  });
  const pathNames = spread('grid.pathName', ancestors.length);
  ancestors.forEach((id, n) => {
    db.prepare('UPDATE grids SET name = ? WHERE id = ?').run(pathNames[n]!.value, id);
    expectations.rate.set(id, [pathNames[n]!.value]);
  });
  for (const g of leaves)
    expectations.board.get(g.id)!.push(
      ...g.path
        .split('/')
        .filter((id) => id && id !== g.id)
        .map((id) => pathNames[ancestors.indexOf(id)]!.value),
    );
  const members = db
    .prepare(`SELECT id, grid_id FROM team_members WHERE grid_id IN (${grids.map(() => '?').join(',')})`)
    .all(...grids) as { id: string; grid_id: string }[];
  const memberNames = spread('team.name', members.length);
  const roleLabels = spread('team.roleLabel', members.length);
  const duties = spread('team.duties', members.length);
  const setMember = db.prepare('UPDATE team_members SET name = ?, role_label = ?, duties = ? WHERE id = ?');
  members.forEach((m, n) => {
    const items = duties[n]!.vectors.map((v, i) => label(`team.duties.${n}`, i) + v.text);
    setMember.run(memberNames[n]!.value, localized(roleLabels[n]!.value), JSON.stringify(items), m.id);
    expectations.board.get(m.grid_id)!.push(memberNames[n]!.value, roleLabels[n]!.value, ...items);
  });
  const staffName = spread('staff.name', 1)[0]!.value;
  db.prepare('UPDATE staff SET name = ? WHERE token = ?').run(staffName, worker);
  expectations.serviceLog.push(staffName, names[grids.indexOf(workerGrid)]!.value);
  const categories = db.prepare('SELECT code, attributes FROM categories ORDER BY sort_order, code').all() as {
    code: string;
    attributes: string;
  }[];
  const catNames = spread('category.name', categories.length);
  const catDescriptions = spread('category.description', categories.length);
  type Attribute = { code: string; label: unknown; description?: unknown; options?: { label: unknown }[] };
  const attributeCount = categories.reduce((n, c) => n + (JSON.parse(c.attributes) as unknown[]).length, 0);
  const attrLabels = spread('attribute.label', attributeCount);
  const attrDescriptions = spread('attribute.description', attributeCount);
  const optionCount = categories.reduce(
    (n, c) => n + (JSON.parse(c.attributes) as Attribute[]).reduce((o, x) => o + (x.options?.length ?? 0), 0),
    0,
  );
  const optionLabels = spread('attribute.optionLabel', optionCount);
  let a = 0;
  let o = 0;
  categories.forEach((c, n) => {
    const attributes = JSON.parse(c.attributes) as Attribute[];
    const shown: string[] = [catNames[n]!.value];
    for (const attribute of attributes) {
      attribute.label = JSON.parse(localized(attrLabels[a]!.value));
      attribute.description = JSON.parse(localized(attrDescriptions[a]!.value));
      shown.push(attrLabels[a]!.value, attrDescriptions[a]!.value);
      a += 1;
      for (const option of attribute.options ?? []) {
        option.label = JSON.parse(localized(optionLabels[o]!.value));
        shown.push(optionLabels[o]!.value);
        o += 1;
      }
    }
    db.prepare('UPDATE categories SET name = ?, description = ?, attributes = ? WHERE code = ?').run(
      localized(catNames[n]!.value),
      localized(catDescriptions[n]!.value),
      JSON.stringify(attributes),
      c.code,
    );
    expectations.categories.push(catNames[n]!.value, catDescriptions[n]!.value);
    if (attributes.length) expectations.attributes.set(c.code, shown);
  });
  // Rows changed in the copied database (grids, path nodes, team members, the worker, categories).
  figures.writes += grids.length + ancestors.length + members.length + 1 + categories.length;
  db.close();

  demoDir = join(dataDir, 'demo');
  mkdirSync(demoDir);
  writeDemoCopy(demoDir);
  server = await serveInProcess(dataDir, { demoDir });

  // Read back through the API: a value the server changed or refused would make the page checks vacuous.
  for (const id of grids) {
    const board = await call<{
      grid: { name: string; path: { name: string }[] };
      serviceHours: string;
      services: string[];
      leader: { name: string } | null;
      team: { name: string }[];
    }>('GET', `/grids/${id}/notice-board`);
    const stored = [
      board.grid.name,
      board.serviceHours,
      ...board.services,
      ...board.grid.path.map((p) => p.name),
      ...[board.leader, ...board.team].flatMap((m) =>
        m
          ? [
              m.name,
              ...((m as { duties?: string[] }).duties ?? []),
              (m as { roleLabel?: { en: string } }).roleLabel?.en ?? '',
            ]
          : [],
      ),
    ].join('\u0001');
    for (const s of expectations.board.get(id)!) expect(stored.includes(s), `stored on the board of ${id}`).toBe(true);
  }
  const catalog = await call<{ items: { name: Record<string, string>; description?: Record<string, string> }[] }>(
    'GET',
    '/categories?limit=200',
  );
  const storedCategories = catalog.items.flatMap((c) => [c.name.en, c.name['zh-CN'], c.description?.en]).join('\u0001');
  for (const s of expectations.categories) expect(storedCategories.includes(s)).toBe(true);

  // Notices through the contract's write, as the district admin.
  const titles = pack('notice.title', 120);
  const bodies = pack('notice.body', 5000);
  for (let n = 0; n < Math.max(titles.length, bodies.length); n++) {
    const gridId = grids[n % grids.length]!;
    const input = {
      title: titles[n] ?? label('notice.title', n).trim(),
      body: bodies[n] ?? label('notice.body', n).trim(),
      kind: 'announcement',
    };
    const notice = await call<{ title: string; body: string }>('POST', `/grids/${gridId}/notices`, admin, input);
    expect([notice.title, notice.body]).toEqual([input.title, input.body]);
    written(input.title);
    written(input.body);
    expectations.board.get(gridId)!.push(input.title, input.body);
  }
  for (const id of grids) {
    const board = await call<{ notices: { title: string; body: string }[] }>('GET', `/grids/${id}/notice-board`);
    const stored = board.notices.flatMap((n) => [n.title, n.body]);
    for (const s of expectations.board.get(id)!.filter((s) => s.startsWith('⟦notice.')))
      expect(stored, `notice stored on ${id}`).toContain(s);
  }

  // Cases moved through real transitions, each public note a field; the resident's comment another.
  const unit = (await call<{ items: { id: string; name: string }[] }>('GET', '/units?kind=department&limit=1', admin))
    .items[0]!;
  const plain = (
    await call<{
      items: {
        code: string;
        requiresPhoto: boolean;
        requiresLocation: boolean;
        attributes?: { required: boolean }[];
      }[];
    }>('GET', '/categories?limit=200')
  ).items.find((c) => !c.requiresPhoto && !c.requiresLocation && !(c.attributes ?? []).some((x) => x.required))!.code;
  const steps = ['accept', 'dispatch', 'start', 'resolve', 'verify'] as const;
  const notes = Object.fromEntries(steps.map((s) => [s, pack(`case.${s}.publicNote`, 500)])) as Record<
    (typeof steps)[number],
    string[]
  >;
  const comments = pack('evaluation.comment', 500);
  const rejections = pack('case.reject.publicNote', 500);
  const caseCount = Math.max(comments.length, ...steps.map((s) => notes[s].length));
  const report = (n: number) => ({
    gridId: grids[n % grids.length]!,
    categoryCode: plain,
    description: 'injection test',
    location: { address: '文峰区' },
  });
  for (let n = 0; n < caseCount + rejections.length; n++) {
    const created = await call<{ id: string; ticket: string; trackingToken: string }>(
      'POST',
      '/cases',
      undefined,
      report(n),
    );
    const shown: string[] = [expectations.gridName.get(report(n).gridId)!];
    let version = 1;
    const move = async (token: string, input: Record<string, unknown>) => {
      version = (
        await call<{ version: number }>('POST', `/cases/${created.id}/transitions`, token, input, {
          'If-Match': `"${version}"`,
        })
      ).version;
    };
    if (n < caseCount) {
      for (const step of steps) {
        const publicNote = notes[step][n];
        await move(step === 'verify' ? supervisor : admin, {
          action: step,
          ...(step === 'dispatch' ? { assignee: { type: 'unit', id: unit.id, name: unit.name } } : {}),
          ...(publicNote ? { publicNote } : {}),
        });
        if (publicNote) shown.push(publicNote);
      }
      const comment = comments[n];
      await call('POST', `/tickets/${created.ticket}/evaluation`, undefined, {
        trackingToken: created.trackingToken,
        score: 5,
        ...(comment ? { comment } : {}),
      });
      if (comment) shown.push(comment);
    } else {
      const publicNote = rejections[n - caseCount]!;
      await move(admin, { action: 'reject', publicNote });
      shown.push(publicNote);
    }
    const view = await call<{ timeline: { publicNote?: string }[]; evaluation?: { comment?: string } }>(
      'GET',
      `/tickets/${created.ticket}`,
      undefined,
      undefined,
      { 'X-Tracking-Token': created.trackingToken },
    );
    const stored = [
      ...view.timeline.map((e) => e.publicNote),
      view.evaluation?.comment,
      view.timeline.length ? '' : '',
    ];
    for (const s of shown.slice(1)) {
      expect(stored, `stored on ${created.ticket}`).toContain(s);
      written(s);
    }
    expectations.cases.push({ ticket: created.ticket, token: created.trackingToken, expect: shown });
  }

  // Service logs through the contract's write, as the grid worker; today's list shows up to 100.
  const summaries = pack('serviceLog.summary', 1000);
  const households = pack('serviceLog.householdRef', 64, 'h');
  const logCount = Math.min(100, Math.max(summaries.length, households.length));
  if (Math.max(summaries.length, households.length) > 100)
    console.warn(
      `[resilience] injection: ${Math.max(summaries.length, households.length) - 100} service-log values over today's 100`,
    );
  for (let n = 0; n < logCount; n++) {
    const input = {
      gridId: workerGrid,
      occurredAt: new Date(Date.now() - (logCount - n) * 1000).toISOString(),
      kind: 'visit',
      subjectGroups: ['general'],
      summary: summaries[n] ?? label('serviceLog.summary', n).trim(),
      ...(households[n] ? { householdRef: households[n] } : {}),
      minutes: 10,
      outcome: 'resolved',
    };
    const log = await call<{ summary: string; householdRef?: string }>('POST', '/service-logs', worker, input);
    expect([log.summary, log.householdRef]).toEqual([input.summary, input.householdRef]);
    written(input.summary);
    written(input.householdRef);
    expectations.serviceLog.push(input.summary, ...(input.householdRef ? [input.householdRef] : []));
  }
  const me = await call<{ name: string }>('GET', '/me', worker);
  expect(me.name).toBe(staffName);

  browser = await chromium.launch(chromiumLaunchOptions);
}, 170_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface PageResult {
  missing: string[];
  injected: string[];
  calls: string[];
  violations: string[];
  consoleViolations: string[];
  pageErrors: string[];
}

/**
 * Opens a test page, waits until every expected string is shown (or `timeout`), runs `act`, then inspects it.
 * `stripCsp` removes the server's CSP header from the page's response.
 */
async function render(
  spec: PageSpec,
  {
    stripCsp = false,
    timeout = 40_000,
    act,
    control = false,
  }: { stripCsp?: boolean; timeout?: number; act?: (page: Page) => Promise<unknown>; control?: boolean } = {},
): Promise<PageResult> {
  writePageSpec(demoDir, spec);
  const context = await browser.newContext({ locale: spec.lang });
  const page = await context.newPage();
  const consoleViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleViolations.push(m.text().slice(0, 200));
  });
  page.on('pageerror', (e) => pageErrors.push(String(e).slice(0, 300)));
  if (stripCsp) {
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    });
  }
  const response = await page.goto(`${server.url}/inj.html?config=${spec.name}`);
  const csp = response!.headers()['content-security-policy'];
  if (stripCsp) expect(csp).toBeUndefined();
  else expect(csp).toBe("default-src 'self'; img-src 'self' data:");
  if (act) await act(page);
  const expected = Object.fromEntries(spec.widgets.map((w) => [w.key, w.expect]));
  const deadline = Date.now() + timeout;
  let result = await page.evaluate(inspectPage, expected);
  while (result.missing.length && Date.now() < deadline) {
    await page.waitForTimeout(250);
    result = await page.evaluate(inspectPage, expected);
  }
  // Let anything that would fire late (an image's error, a focus, a refresh) have its moment.
  await page.waitForTimeout(400);
  result = await page.evaluate(inspectPage, expected);
  await context.close();
  // The positive control's findings are not the suite's.
  if (control) return { ...result, consoleViolations, pageErrors };
  figures.pages += 1;
  figures.executions += result.calls.length;
  figures.injectedElements += result.injected.length;
  figures.cspViolations += result.violations.length + consoleViolations.length;
  figures.elementsChecked += result.elements;
  return { ...result, consoleViolations, pageErrors };
}

function expectClean(r: PageResult) {
  expect(r.calls, 'script ran (__xss called)').toEqual([]);
  expect(r.violations, 'securitypolicyviolation events').toEqual([]);
  expect(r.consoleViolations, 'CSP reports on the console').toEqual([]);
  expect(r.pageErrors, 'page errors').toEqual([]);
  expect(r.injected, 'injected elements or attributes').toEqual([]);
  expect(r.missing, 'written values not visible as text').toEqual([]);
}

const chunk = <T>(items: T[], n: number) =>
  Array.from({ length: Math.ceil(items.length / n) }, (_, i) => items.slice(i * n, i * n + n));

describe('injection', () => {
  it('the detectors see an injection when a page has one (positive control)', async () => {
    const probe = vectors.filter((v) =>
      /^img-onerror\/plain$|^svg-onload\/plain$|^a-javascript\/plain$/.test(v.origin),
    );
    const fallback = allVectors().filter((v) => /^(img-onerror|svg-onload|a-javascript)\/plain$/.test(v.origin));
    const unsafeHtml = (probe.length === 3 ? probe : fallback).map((v) => v.text).join('');
    const spec: PageSpec = { name: 'control', lang: 'zh-CN', widgets: [], unsafeHtml };
    const withCsp = await render(spec, { timeout: 0, control: true });
    expect(withCsp.injected.length).toBeGreaterThan(0);
    expect(withCsp.violations.length + withCsp.consoleViolations.length).toBeGreaterThan(0);
    expect(withCsp.calls).toEqual([]);
    const without = await render(spec, { timeout: 0, stripCsp: true, control: true });
    expect(without.calls.length).toBeGreaterThan(0);
    expect(without.injected.length).toBeGreaterThan(0);
  });

  it('notice boards (zh-CN and en) show every vector as text, under the CSP', async () => {
    const ids = [...expectations.board.keys()];
    const per = 25;
    for (const [n, group] of chunk(ids, per).entries()) {
      const widgets: WidgetSpec[] = group.map((id, i) => ({
        key: `board-${n}-${i}`,
        tag: 'gk-notice-board',
        attrs: { 'grid-id': id, refresh: '0', ...(i % 2 ? { lang: 'en' } : {}) },
        expect: expectations.board.get(id)!,
      }));
      expectClean(await render({ name: `boards-${n}`, lang: 'zh-CN', widgets }));
    }
  });

  it('case trackers show every public note and comment as text', async () => {
    for (const [n, group] of chunk(expectations.cases, 40).entries()) {
      const widgets: WidgetSpec[] = group.map((c, i) => ({
        key: `tracker-${n}-${i}`,
        tag: 'gk-case-tracker',
        attrs: { ticket: c.ticket, token: c.token },
        expect: c.expect,
      }));
      expectClean(await render({ name: `trackers-${n}`, lang: n % 2 ? 'zh-CN' : 'en', widgets }));
    }
  });

  it('resolution rates show every grid and path name as text', async () => {
    const ids = [...expectations.rate.keys()];
    for (const [n, group] of chunk(ids, 30).entries()) {
      const widgets: WidgetSpec[] = group.map((id, i) => ({
        key: `rate-${n}-${i}`,
        tag: 'gk-resolution-rate',
        attrs: { 'grid-id': id, period: 'last-30-days', refresh: '0' },
        expect: expectations.rate.get(id)!,
      }));
      expectClean(await render({ name: `rates-${n}`, lang: 'zh-CN', widgets }));
    }
  });

  it('the issue reporter shows every category and attribute text (its first step, then each details step)', async () => {
    const codes = [...expectations.attributes.keys()];
    const widgets: WidgetSpec[] = [
      { key: 'reporter-what', tag: 'gk-issue-reporter', attrs: {}, expect: expectations.categories },
      ...codes.map((code, i) => ({
        key: `reporter-${i}`,
        tag: 'gk-issue-reporter',
        attrs: { lang: i % 2 ? 'en' : 'zh-CN' },
        expect: expectations.attributes.get(code)!,
      })),
    ];
    const result = await render(
      { name: 'reporter', lang: 'zh-CN', widgets },
      {
        act: async (page) => {
          for (const [i, code] of codes.entries()) {
            const reporter = page.locator(`[data-inj="reporter-${i}"]`);
            // The category's radio (its value is a property, not an attribute), once the first step has loaded.
            await reporter.locator('input[name="category"]').first().waitFor();
            await reporter.evaluate((el, value) => {
              const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="category"]')];
              radios.find((r) => r.value === value)!.click();
            }, code);
            await reporter.locator('button[type="submit"]').click();
          }
        },
      },
    );
    expectClean(result);
  });

  it('the service-log form shows the worker, the grid, every summary and household ref as text', async () => {
    const widgets: WidgetSpec[] = [
      { key: 'service-log', tag: 'gk-service-log-form', attrs: {}, expect: expectations.serviceLog },
    ];
    expectClean(await render({ name: 'service-log', lang: 'zh-CN', token: worker, widgets }));
  });

  it('the kiosk shows the served grids, and its board, as text', async () => {
    const ids = [...expectations.gridName.keys()];
    const one = ids[0]!;
    const widgets: WidgetSpec[] = [
      {
        key: 'kiosk-many',
        tag: 'gk-kiosk',
        standalone: true,
        attrs: { 'base-url': '/api/v1', 'grid-id': ids.slice(0, 30).join(' ') },
        expect: ids.slice(0, 30).map((id) => expectations.gridName.get(id)!),
      },
      {
        key: 'kiosk-board',
        tag: 'gk-kiosk',
        standalone: true,
        attrs: { 'base-url': '/api/v1', 'grid-id': one, lang: 'en' },
        expect: expectations.board.get(one)!,
      },
    ];
    const result = await render(
      { name: 'kiosk', lang: 'zh-CN', widgets },
      { act: (page) => page.locator('[data-inj="kiosk-board"] [data-choice="board"]').click() },
    );
    expectClean(result);
  });

  it('without the CSP header too: escaping, not only the CSP, keeps the vectors inert', async () => {
    // The same widgets on a page whose response has its CSP stripped (page.route): an injected handler would run
    // here and call __xss, so a pass shows that the widgets escaped the vectors, not that the CSP blocked them.
    const ids = [...expectations.board.keys()].slice(0, 10);
    const widgets: WidgetSpec[] = [
      ...ids.map((id, i) => ({
        key: `nocsp-board-${i}`,
        tag: 'gk-notice-board',
        attrs: { 'grid-id': id, refresh: '0' },
        expect: expectations.board.get(id)!,
      })),
      ...expectations.cases.slice(0, 10).map((c, i) => ({
        key: `nocsp-tracker-${i}`,
        tag: 'gk-case-tracker',
        attrs: { ticket: c.ticket, token: c.token },
        expect: c.expect,
      })),
      { key: 'nocsp-reporter', tag: 'gk-issue-reporter', attrs: {}, expect: expectations.categories },
    ];
    expectClean(await render({ name: 'nocsp', lang: 'en', widgets }, { stripCsp: true }));
  });

  afterAll(() => {
    const perField = [...coverage].map(([field, ids]) => [field, ids.size] as const);
    const fields = perField.length;
    const least = Math.min(...perField.map(([, n]) => n));
    console.log(
      `[resilience] injection: per field ${perField.map(([f, n]) => `${f}=${n}`).join(', ')}` +
        (tooLong.size ? `; over a field's maxLength: ${[...tooLong].map(([f, n]) => `${f}=${n}`).join(', ')}` : ''),
    );
    const { writes, pages, executions, injectedElements, cspViolations, elementsChecked } = figures;
    reportFigures('injection', {
      vectors: vectors.length,
      fields,
      writes,
      pages,
      executions,
      injectedElements,
      cspViolations,
      vectorsAvailable: allVectors().length,
      leastVectorsInAField: least,
      elementsChecked,
    });
  });
});
