#!/usr/bin/env node
// Records what the stories need from the real mock server (demo seed, the
// same seed code `pnpm start` runs) into generated/fixtures.json, which the
// msw handlers in mocks/ answer from in the browser: Storybook then needs no
// server, and its data cannot drift from the seed. Also copies msw's service
// worker (of the installed msw version) into generated/static/. Runs before every
// `storybook dev` and `storybook build`; both outputs are gitignored.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@gridkit/mock-server';
import { resolutionGroupByValues } from '@gridkit/sdk';

const here = new URL('..', import.meta.url).pathname;
const started = Date.now();

// The ids the stories name; checked below, so a change of seed fails here, not in a story.
export const demoGrids = {
  district: 'grd_4BCg4DnO9Urb', // 文峰区
  street: 'grd_4BCg4ky3XNrB', // 西关街道
  grid: 'grd_4BCg6L6keGz1', // 桥北社区第二网格
  otherGrid: 'grd_4BCgN7QEgmFx', // 东关社区第一网格
};
const staffTokens = ['demo-worker-qiaobei-02', 'demo-worker-qiaobei-0304', 'demo-worker-caihong-06'];
const languages = ['zh-CN', 'zh-TW', 'en'];

const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-stories-'));
const server = await startServer({
  port: 0,
  dataDir,
  seed: 'demo',
  rateLimit: false,
  readRateLimit: false,
  validateResponses: true,
  log: () => {},
});

/** @type {Array<{method: string, path: string, query: string, token: string, status: number, body: unknown, problems?: Record<string, unknown>}>} */
const records = [];

async function call(method, path, { query = {}, token = '', body, headers = {}, lang = 'zh-CN' } = {}) {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${server.apiUrl}${path}${search ? `?${search}` : ''}`, {
    method,
    headers: {
      'Accept-Language': lang,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** GET and keep the answer; a problem is kept in every language (its title and detail follow Accept-Language). */
async function record(path, query = {}, token = '') {
  const answer = await call('GET', path, { query, token });
  const entry = { method: 'GET', path, query: canonicalQuery(query), token, status: answer.status, body: answer.body };
  if (answer.status >= 400) {
    entry.problems = {};
    for (const lang of languages) entry.problems[lang] = (await call('GET', path, { query, token, lang })).body;
  }
  records.push(entry);
  return answer;
}

function canonicalQuery(query) {
  return new URLSearchParams(Object.entries(query).sort(([a], [b]) => a.localeCompare(b))).toString();
}

const ok = (answer, what) => {
  if (answer.status >= 400)
    throw new Error(`fixtures: ${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

const isoDate = (date) => date.toISOString().slice(0, 10);
const today = new Date();
const monthsAgo = (n) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - n, 1));
const daysAgo = (n) => new Date(today.getTime() - n * 86_400_000);
// The periods the widget starts with; other periods are answered from the nearest record (see mocks/).
const periods = [
  { from: isoDate(monthsAgo(11)), to: isoDate(today) },
  { from: isoDate(daysAgo(29)), to: isoDate(today) },
];

/** A grid's figures over a period, in every grouping the contract has (a widget may ask for several). */
async function recordStats(gridId, period) {
  for (const groupBy of resolutionGroupByValues) await record('/stats/resolution', { gridId, ...period, groupBy });
}

try {
  // Grids: every grid (for searches), and each demo grid's card, board, ancestors and figures.
  const grids = [];
  for (let cursor; ;) {
    const page = ok(
      await call('GET', '/grids', { query: { limit: '100', ...(cursor ? { cursor } : {}) } }),
      'grid list',
    );
    grids.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  for (const [name, id] of Object.entries(demoGrids)) {
    if (!grids.some((grid) => grid.id === id)) throw new Error(`fixtures: the demo seed has no grid ${id} (${name})`);
  }
  for (const id of Object.values(demoGrids)) {
    await record(`/grids/${id}`);
    await record(`/grids/${id}/notice-board`);
    await record(`/grids/${id}/ancestors`);
    for (const period of periods) await recordStats(id, period);
  }
  await recordStats(demoGrids.district, { from: '2001-01-01', to: '2001-12-31' });
  await record('/grids/grd_missing');
  await record('/grids/grd_missing/notice-board');
  await recordStats('grd_missing', periods[0]);
  const grid = ok(await record(`/grids/${demoGrids.grid}`), 'demo grid');
  await record('/grids/locate', { lat: String(grid.centroid.lat), lng: String(grid.centroid.lng) });

  const categories = ok(await record('/categories'), 'categories');

  // Cases: a closed one's public view, and a ticket that does not exist.
  const closed = ok(
    await call('GET', '/cases', { query: { status: 'closed', limit: '1' }, token: 'demo-admin-district' }),
    'closed cases',
  ).items[0];
  if (!closed) throw new Error('fixtures: the demo seed has no closed case');
  await record(`/tickets/${closed.ticket}`);
  await record('/tickets/WF-20000101-0001');

  // Staff: who each demo token is, their grids, today's entries and the month's summary.
  const workers = {};
  await record('/me');
  for (const token of staffTokens) {
    const me = ok(await record('/me', {}, token), `/me for ${token}`);
    workers[token] = { id: me.id, name: me.name, gridIds: me.gridIds };
    for (const gridId of [...me.gridIds, demoGrids.otherGrid]) {
      await record(`/grids/${gridId}`, {}, token);
      await record(
        '/service-logs',
        {
          workerId: me.id,
          gridId,
          occurredFrom: new Date(daysAgo(1)).toISOString(),
          occurredTo: today.toISOString(),
          limit: '100',
        },
        token,
      );
    }
    await record('/service-logs/summary', { month: isoDate(today).slice(0, 7), workerId: me.id }, token);
  }

  // Writes: one real answer of each, the template the browser fills from each request.
  const category = categories.items.find((c) => c.code === 'light.street') ?? categories.items[0];
  const attributes = Object.fromEntries(
    (category.attributes ?? [])
      .filter((a) => a.required)
      .map((a) => [a.code, a.datatype === 'multivaluelist' ? [a.options[0].key] : (a.options?.[0]?.key ?? 'story')]),
  );
  const receipt = ok(
    await call('POST', '/cases', {
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: {
        gridId: demoGrids.grid,
        categoryCode: category.code,
        description: '路灯一直不亮，晚上很黑。',
        location: { address: '桥北路 23 号院东门', point: grid.centroid },
        attributes,
      },
    }),
    'POST /cases',
  );
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const form = new FormData();
  form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png');
  const media = ok(await call('POST', '/media', { body: form }), 'POST /media');
  const worker = workers[staffTokens[0]];
  const serviceLog = ok(
    await call('POST', '/service-logs', {
      token: staffTokens[0],
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: {
        gridId: worker.gridIds[0],
        occurredAt: today.toISOString(),
        kind: 'visit',
        subjectGroups: ['elderly_alone'],
        summary: '入户走访独居老人。',
        minutes: 30,
        outcome: 'resolved',
      },
    }),
    'POST /service-logs',
  );

  const fixtures = {
    recordedAt: today.toISOString(),
    demoGrids,
    closedTicket: closed.ticket,
    workers,
    grids,
    records,
    templates: { receipt, media, serviceLog },
  };
  mkdirSync(join(here, 'generated/static'), { recursive: true });
  writeFileSync(join(here, 'generated/fixtures.json'), `${JSON.stringify(fixtures)}\n`);
  copyFileSync(
    createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'),
    join(here, 'generated/static/mockServiceWorker.js'),
  );
  console.log(`fixtures: ${records.length} answers recorded from the demo seed in ${Date.now() - started} ms`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
