/**
 * The public case view against the real HTTP server on the demo seed, as
 * someone walking the sequential work-order numbers would see it: by ticket
 * alone no response holds anything a person wrote (compared with the cases'
 * rows in SQLite), and the default read limit answers 429 long before the
 * walk ends. With the case's tracking token the public notes and the
 * resident's evaluation appear; a wrong token is a 403 that reveals nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../src/server.js';
import { openDatabase } from '../src/store/database.js';
import { buildFixture, tokens } from './support/fixture.js';

const WALK = 300;

let dataDir: string;
let server: StartedServer;
let tickets: string[];
/** Every text a person wrote on the walked cases: descriptions, addresses, reporters, notes, comments, assignees. */
let written: Set<string>;
let closedSample: { ticket: string; trackingToken: string };
/** A tracking token of another case. */
let otherToken: string;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.apiUrl}${path}`, { headers });

/** Key names anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysOf(item, into);
    }
  }
  return into;
}

/** The written texts a response body contains. */
const leaked = (body: string) => [...written].filter((text) => body.includes(text));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gridkit-public-view-'));
  // Default limits: what a deployment that sets nothing gets.
  server = await startServer({ port: 0, dataDir, seed: 'demo', log: () => {} });
  const db = server.db;
  tickets = db.prepare('SELECT ticket FROM cases ORDER BY ticket LIMIT ?').pluck().all(WALK) as string[];
  const rows = db
    .prepare(
      `SELECT description, address, reporter_name, reporter_phone, evaluation_comment, assignee FROM cases
       WHERE ticket IN (SELECT ticket FROM cases ORDER BY ticket LIMIT ?)`,
    )
    .all(WALK) as Record<string, string | null>[];
  const events = db
    .prepare(
      `SELECT e.note, e.public_note, e.assignee FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.ticket IN (SELECT ticket FROM cases ORDER BY ticket LIMIT ?)`,
    )
    .all(WALK) as Record<string, string | null>[];
  written = new Set<string>();
  for (const row of [...rows, ...events]) {
    for (const [column, value] of Object.entries(row)) {
      if (!value) continue;
      // An assignee is JSON; its name may be a person's.
      const text = column === 'assignee' ? (JSON.parse(value) as { name?: string }).name : value;
      if (text && text.length >= 2) written.add(text);
    }
  }
  const sample = server.seeded!.sampleCases.find((c) => c.status === 'closed')!;
  closedSample = { ticket: sample.ticket, trackingToken: sample.trackingToken };
  otherToken = server.seeded!.sampleCases.find((c) => c.ticket !== sample.ticket)!.trackingToken;
}, 120_000);
afterAll(() => server?.close());

describe('walking sequential tickets without a token', () => {
  it('the walked cases do hold public notes and evaluation comments (what must not leak)', () => {
    expect(tickets).toHaveLength(WALK);
    const comments = server.db
      .prepare(
        `SELECT COUNT(*) FROM cases WHERE evaluation_comment IS NOT NULL
         AND ticket IN (SELECT ticket FROM cases ORDER BY ticket LIMIT ?)`,
      )
      .pluck()
      .get(WALK) as number;
    const notes = server.db
      .prepare(
        `SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.public_note IS NOT NULL
         AND c.ticket IN (SELECT ticket FROM cases ORDER BY ticket LIMIT ?)`,
      )
      .pluck()
      .get(WALK) as number;
    expect(comments).toBeGreaterThan(20);
    expect(notes).toBeGreaterThan(100);
  });

  it('meets 429 with Retry-After well before the end, and no answer holds a written text', async () => {
    const statuses: number[] = [];
    const answered: string[] = [];
    for (const ticket of tickets) {
      const response = await get(`/tickets/${ticket}`);
      statuses.push(response.status);
      const body = await response.text();
      if (response.status === 200) answered.push(body);
      if (response.status === 429) {
        expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
        expect(JSON.parse(body)).toMatchObject({ type: 'https://gridkit.dev/problems/rate-limited', status: 429 });
      }
    }
    const first429 = statuses.indexOf(429);
    const ok = statuses.filter((s) => s === 200).length;
    console.log(`walk of ${WALK} tickets: ${ok} answered, first 429 at request ${first429 + 1}`);
    // The default burst (60) goes through, then the walk slows to the refill rate (2 a second).
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(200));
    expect(first429).toBeGreaterThanOrEqual(60);
    expect(first429).toBeLessThan(WALK);
    expect(ok).toBeLessThan(120);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const body of answered) {
      const keys = keysOf(JSON.parse(body));
      expect(keys.has('publicNote')).toBe(false);
      expect(keys.has('evaluation')).toBe(false);
      expect(leaked(body)).toEqual([]);
    }
  });

  it('the address being limited leaves staff reads (limited per token) alone', async () => {
    // Empty the address's bucket again (it refills at 2 a second while other tests run).
    let status = 0;
    for (let i = 0; i < 200 && status !== 429; i++) status = (await get(`/tickets/${tickets[i]}`)).status;
    expect(status).toBe(429);
    const admin = server.demoTokens.find((t) => t.role === 'admin')!;
    const staff = await get('/cases?limit=1', { Authorization: `Bearer ${admin.token}` });
    expect(staff.status).toBe(200);
  });
});

describe('the same walk with the read limit off, and the tracking token', () => {
  beforeAll(async () => {
    await server.close();
    // The same database, already seeded; only the read limit differs.
    server = await startServer({ port: 0, dataDir, readRateLimit: false, log: () => {} });
  }, 60_000);

  it(`all ${WALK} tickets answer, and none holds a public note, an evaluation or any written text`, async () => {
    let leaks = 0;
    for (const ticket of tickets) {
      const response = await get(`/tickets/${ticket}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      const view = JSON.parse(body) as { ticket: string; timeline: unknown[] };
      expect(view.ticket).toBe(ticket);
      expect(view.timeline.length).toBeGreaterThan(0);
      const keys = keysOf(view);
      if (keys.has('publicNote') || keys.has('evaluation') || leaked(body).length > 0) leaks += 1;
      // A follow-up is opened only by a score of 1–2: neither it nor its events may show by ticket alone.
      if (keys.has('followUp') || /"follow_up(_opened)?"/.test(body)) leaks += 1;
    }
    expect(leaks).toBe(0);
    const followedUp = server.db
      .prepare(
        `SELECT COUNT(*) FROM cases WHERE follow_up_status IS NOT NULL
         AND ticket IN (SELECT ticket FROM cases ORDER BY ticket LIMIT ?)`,
      )
      .pluck()
      .get(WALK) as number;
    expect(followedUp).toBeGreaterThan(0);
  });

  it('with the token: the public notes and the evaluation, exactly as stored', async () => {
    const { ticket, trackingToken } = closedSample;
    const row = server.db
      .prepare('SELECT id, evaluation_score, evaluation_comment FROM cases WHERE ticket = ?')
      .get(ticket) as { id: string; evaluation_score: number | null; evaluation_comment: string | null };
    if (row.evaluation_score === null) {
      const rated = await fetch(`${server.apiUrl}/tickets/${ticket}/evaluation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ trackingToken, score: 2, comment: '只清了一半，我是 3 号楼的张阿姨 13800001111' }),
      });
      expect(rated.status).toBe(201);
    }
    const stored = server.db
      .prepare('SELECT evaluation_score, evaluation_comment FROM cases WHERE ticket = ?')
      .get(ticket) as { evaluation_score: number; evaluation_comment: string | null };
    const notes = server.db
      .prepare('SELECT public_note FROM case_events WHERE case_id = ? AND public_note IS NOT NULL ORDER BY seq')
      .pluck()
      .all(row.id) as string[];
    expect(notes.length).toBeGreaterThan(0);

    // Typed as a person might: lower case, spaces for dashes.
    const typed = trackingToken.toLowerCase().replaceAll('-', ' ');
    const withToken = await get(`/tickets/${ticket}`, { 'X-Tracking-Token': typed });
    expect(withToken.status).toBe(200);
    const view = (await withToken.json()) as {
      evaluation?: { score: number; comment?: string };
      timeline: { publicNote?: string }[];
    };
    expect(view.timeline.flatMap((e) => (e.publicNote ? [e.publicNote] : []))).toEqual(notes);
    expect(view.evaluation?.score).toBe(stored.evaluation_score);
    expect(view.evaluation?.comment).toBe(stored.evaluation_comment ?? undefined);

    const byTicket = await (await get(`/tickets/${ticket}`)).text();
    expect(keysOf(JSON.parse(byTicket)).has('evaluation')).toBe(false);
    for (const note of notes) expect(byTicket).not.toContain(note);
    if (stored.evaluation_comment) expect(byTicket).not.toContain(stored.evaluation_comment);
  });

  it("a wrong token (another case's, or no token at all) is 403 and reveals nothing", async () => {
    const { ticket } = closedSample;
    const notes = server.db
      .prepare(
        `SELECT public_note FROM case_events WHERE public_note IS NOT NULL
         AND case_id = (SELECT id FROM cases WHERE ticket = ?)`,
      )
      .pluck()
      .all(ticket) as string[];
    for (const wrong of [otherToken, 'AAAA-BBBB-CCCC', 'not a token', '%E6%9F%A5', 'K'.repeat(300)]) {
      const response = await get(`/tickets/${ticket}`, { 'X-Tracking-Token': wrong });
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ type: 'https://gridkit.dev/problems/invalid-tracking-token' });
      expect(keysOf(JSON.parse(body)).has('timeline')).toBe(false);
      for (const note of notes) expect(body).not.toContain(note);
    }
  });

  it('an empty X-Tracking-Token is no token: the view by ticket alone', async () => {
    const response = await get(`/tickets/${closedSample.ticket}`, { 'X-Tracking-Token': '' });
    expect(response.status).toBe(200);
    const keys = keysOf(await response.json());
    expect(keys.has('publicNote') || keys.has('evaluation')).toBe(false);
  });

  it('CORS lets a page on another origin send the token', async () => {
    const preflight = await fetch(`${server.apiUrl}/tickets/${closedSample.ticket}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://portal.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-tracking-token',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('x-tracking-token');
  });
});

describe('read limits per token and per address', () => {
  async function fixtureServer(options: Parameters<typeof startServer>[0]) {
    const dir = mkdtempSync(join(tmpdir(), 'gridkit-read-limit-'));
    const db = openDatabase(join(dir, 'gridkit.sqlite'));
    buildFixture(db);
    db.close();
    return startServer({ port: 0, dataDir: dir, seed: false, log: () => {}, ...options });
  }
  const statusesOf = async (url: string, n: number, headers: Record<string, string> = {}) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await fetch(url, { headers })).status);
    return statuses;
  };

  it('staff reads count per token: one token over its limit leaves another token and the public alone', async () => {
    const limited = await fixtureServer({
      readRateLimit: { staff: { perMinute: 3, burst: 3 }, public: { perMinute: 2, burst: 2 } },
    });
    try {
      const cases = `${limited.apiUrl}/cases?limit=1`;
      const first = await fetch(cases, { headers: { Authorization: `Bearer ${tokens.adminD}` } });
      expect(await statusesOf(cases, 3, { Authorization: `Bearer ${tokens.adminD}` })).toEqual([200, 200, 429]);
      expect(first.status).toBe(200);
      const refused = await fetch(cases, { headers: { Authorization: `Bearer ${tokens.adminD}` } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ type: 'https://gridkit.dev/problems/rate-limited' });
      expect(await statusesOf(cases, 1, { Authorization: `Bearer ${tokens.adminS1}` })).toEqual([200]);
      expect(await statusesOf(`${limited.apiUrl}/categories`, 3)).toEqual([200, 200, 429]);
      // Health probes are never limited.
      expect(await statusesOf(`${limited.apiUrl}/health`, 5)).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await limited.close();
    }
  });

  it('staff writes count per token, apart from reads: over the limit a write is 429 and stores nothing', async () => {
    const limited = await fixtureServer({ staffWriteRateLimit: { perMinute: 3, burst: 3 } });
    try {
      const post = (token: string, title: string) =>
        fetch(`${limited.apiUrl}/grids/G1/notices`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ title, body: '通知正文。', kind: 'announcement' }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await post(tokens.workerG1, `通知 ${i}`)).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const refused = await post(tokens.workerG1, '不应保存');
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ type: 'https://gridkit.dev/problems/rate-limited' });
      const board = await (await fetch(`${limited.apiUrl}/grids/G1/notice-board`)).text();
      expect(board).toContain('通知 2');
      expect(board).not.toContain('通知 3');
      expect(board).not.toContain('不应保存');
      // Another token writes, and the limited token still reads.
      expect((await post(tokens.adminD, '区里的通知')).status).toBe(201);
      const read = await fetch(`${limited.apiUrl}/cases?limit=1`, {
        headers: { Authorization: `Bearer ${tokens.workerG1}` },
      });
      expect(read.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('`rateLimit: false` turns every limit off, reads included', async () => {
    const open = await fixtureServer({ rateLimit: false, readRateLimit: { public: { perMinute: 1, burst: 1 } } });
    try {
      expect(new Set(await statusesOf(`${open.apiUrl}/categories`, 130))).toEqual(new Set([200]));
    } finally {
      await open.close();
    }
  });
});
