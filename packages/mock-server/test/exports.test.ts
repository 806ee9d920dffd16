/**
 * CSV exports (issue 13) against the real HTTP server on the demo seed,
 * read back through a CSV parser as a spreadsheet would: every case the
 * caller may list and no other, no reporter's name or phone, a resident's
 * `=HYPERLINK(…)` kept as text, commas, quotes and line breaks round-trip,
 * the file streamed a page at a time; the figures file equal to the JSON
 * figures, and `groupBy=children` equal to each child's own figures.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../src/server.js';

let server: StartedServer;
let districtId: string;

const admin = { Authorization: 'Bearer demo-admin-district' };
const worker = { Authorization: 'Bearer demo-worker-qiaobei-02' };
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.apiUrl}${path}`, { headers });

/** The rows of a CSV file as a spreadsheet reads them: header first. */
const rowsOf = (text: string) => parse(text, { bom: true, relax_column_count: false }) as string[][];

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 'demo', rateLimit: false, log: () => {} });
  districtId = server.db.prepare(`SELECT id FROM grids WHERE level = 'district'`).pluck().get() as string;
});
afterAll(() => server.close());

describe('exportCases', () => {
  it('lists every case of the district for its admin, newest first, in a UTF-8 file with a BOM and CRLF', async () => {
    const response = await get(`/exports/cases?gridId=${districtId}`, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="cases-grd_\w+-\d{8}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(
      '工单号,状态,层级,优先级,类别代码,类别,网格编号,网格,渠道,上报时间,办理时限,受理时间,办结时间,办结层级,超期,返工次数,异议次数,评价分,回访,承办,地址,描述',
    );
    const [header, ...rows] = rowsOf(text);
    expect(header).toHaveLength(22);
    const expected = server.db.prepare('SELECT ticket FROM cases ORDER BY created_at DESC, id DESC').pluck().all();
    expect(rows.map((row) => row[0])).toEqual(expected);
  });

  it('gives the same cases as the list for the same filters, and names the grid and category', async () => {
    const community = server.db
      .prepare(`SELECT id FROM grids WHERE level = 'community' ORDER BY code LIMIT 1`)
      .pluck()
      .get() as string;
    const filter = `gridId=${community}&status=closed&status=rejected`;
    const listed: string[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page = (await (
        await get(`/cases?${filter}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, admin)
      ).json()) as {
        items: { ticket: string }[];
        nextCursor: string | null;
      };
      listed.push(...page.items.map((item) => item.ticket));
      cursor = page.nextCursor;
    }
    expect(listed.length).toBeGreaterThan(10);
    const [, ...rows] = rowsOf(await (await get(`/exports/cases?${filter}`, admin)).text());
    expect(rows.map((row) => row[0])).toEqual(listed);
    expect(rows.every((row) => row[1] === 'closed' || row[1] === 'rejected')).toBe(true);
    const sample = server.db
      .prepare(
        `SELECT c.ticket, g.name AS grid, json_extract(k.name, '$."zh-CN"') AS category FROM cases c
         JOIN grids g ON g.id = c.grid_id JOIN categories k ON k.code = c.category_code WHERE c.ticket = ?`,
      )
      .get(rows[0]![0]) as { grid: string; category: string };
    expect([rows[0]![5], rows[0]![7]]).toEqual([sample.category, sample.grid]);
  });

  it('keeps to the caller’s jurisdiction: a grid worker gets their own grids’ cases only; no token is 401', async () => {
    const paths = server.db
      .prepare(
        `SELECT g.path FROM staff s, json_each(s.grid_ids) j JOIN grids g ON g.id = j.value
          WHERE s.token = 'demo-worker-qiaobei-02'`,
      )
      .pluck()
      .all() as string[];
    const own = server.db
      .prepare(`SELECT ticket FROM cases WHERE ${paths.map(() => 'grid_path LIKE ?').join(' OR ')}`)
      .pluck()
      .all(...paths.map((path) => `${path}%`)) as string[];
    const [, ...rows] = rowsOf(await (await get('/exports/cases', worker)).text());
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(own));

    const elsewhere = server.db
      .prepare(`SELECT id FROM grids WHERE level = 'grid' AND path NOT LIKE ? ORDER BY code LIMIT 1`)
      .pluck()
      .get(`${paths[0]}%`) as string;
    const refused = await get(`/exports/cases?gridId=${elsewhere}`, worker);
    expect(refused.status).toBe(403);
    expect((await refused.json()).type).toMatch(/forbidden/);
    expect((await get('/exports/cases')).status).toBe(401);
  });

  it('holds no reporter name or phone', async () => {
    const text = await (await get('/exports/cases', admin)).text();
    const personal = server.db
      .prepare('SELECT reporter_phone FROM cases WHERE reporter_phone IS NOT NULL')
      .pluck()
      .all() as string[];
    expect(personal.length).toBeGreaterThan(100);
    expect(personal.filter((phone) => text.includes(phone))).toEqual([]);
  });

  it('keeps a resident’s formula as text, and round-trips commas, quotes and line breaks', async () => {
    const grid = server.db.prepare(`SELECT id FROM grids WHERE level = 'grid' ORDER BY code LIMIT 1`).pluck().get();
    const category = server.db
      .prepare(`SELECT code FROM categories WHERE requires_photo = 0 AND requires_location = 0 ORDER BY code`)
      .pluck()
      .all()
      .find((code) => {
        const row = server.db.prepare('SELECT attributes FROM categories WHERE code = ?').get(code) as {
          attributes: string;
        };
        return !(JSON.parse(row.attributes) as { required?: boolean }[]).some((a) => a.required);
      });
    const description = '=HYPERLINK("http://evil.example","点此"), 楼道灯 "坏了"\n第二行';
    const address = '+86 桥北路,3号';
    const report = await fetch(`${server.apiUrl}/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `export-formula-${Date.now()}` },
      body: JSON.stringify({ gridId: grid, categoryCode: category, description, location: { address } }),
    });
    expect(report.status, await report.clone().text()).toBe(201);
    const { ticket } = (await report.json()) as { ticket: string };
    const [, ...rows] = rowsOf(await (await get(`/exports/cases?q=${ticket}`, admin)).text());
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(-2)).toEqual([`'${address}`, `'${description}`]);
  });

  it('is sent a page at a time', async () => {
    const response = await get('/exports/cases', admin);
    const reader = response.body!.getReader();
    let chunks = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks++;
    const cases = server.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    // The header, then one chunk per 500 cases at least (the network may split a chunk further).
    expect(chunks).toBeGreaterThanOrEqual(1 + Math.ceil(cases / 500));
  });

  it('names an unknown filter value as a 400 and exports nothing', async () => {
    const response = await get('/exports/cases?status=lost', admin);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe('exportResolutionStats and groupBy=children', () => {
  const period = 'from=2026-01-01&to=2026-11-30';

  it('ranks the district’s streets with each street’s own figures, adding up to the totals', async () => {
    const stats = (await (await get(`/stats/resolution?gridId=${districtId}&${period}&groupBy=children`)).json()) as {
      groups: { key: string; label: { 'zh-CN': string }; figures: Record<string, unknown> }[];
      totals: Record<string, number>;
    };
    const streets = server.db
      .prepare('SELECT id, name FROM grids WHERE parent_id = ? ORDER BY code')
      .all(districtId) as { id: string; name: string }[];
    expect(stats.groups.map((group) => [group.key, group.label['zh-CN']])).toEqual(
      streets.map((street) => [street.id, street.name]),
    );
    for (const group of stats.groups) {
      const own = (await (await get(`/stats/resolution?gridId=${group.key}&${period}`)).json()) as {
        totals: unknown;
      };
      expect(group.figures).toEqual(own.totals);
    }
    for (const counter of ['received', 'accepted', 'closed', 'rejected'])
      expect(stats.groups.reduce((sum, group) => sum + (group.figures[counter] as number), 0)).toBe(
        stats.totals[counter],
      );
  });

  it('gives a grid without children no groups', async () => {
    const leaf = server.db.prepare(`SELECT id FROM grids WHERE level = 'grid' LIMIT 1`).pluck().get();
    const stats = (await (await get(`/stats/resolution?gridId=${leaf}&${period}&groupBy=children`)).json()) as {
      groups: unknown[];
      totals: { received: number };
    };
    expect(stats.groups).toEqual([]);
    expect(stats.totals.received).toBeGreaterThan(0);
  });

  it('writes the JSON figures as CSV: a row per group, then the totals, header and names in English on request', async () => {
    const json = (await (await get(`/stats/resolution?gridId=${districtId}&${period}&groupBy=level`)).json()) as {
      groups: { key: string; label: { en: string }; figures: Record<string, number | null> }[];
      totals: Record<string, number | null>;
    };
    const response = await get(`/exports/resolution-stats?gridId=${districtId}&${period}&groupBy=level`, {
      'Accept-Language': 'en',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(
      `resolution-${districtId}-20260101-20261130-level.csv`,
    );
    const [header, ...rows] = rowsOf(await response.text());
    expect(header!.slice(0, 3)).toEqual(['Key', 'Group', 'Received']);
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ...json.groups.map((group) => [group.key, group.label.en]),
      ['', 'Total'],
    ]);
    const figures = [...json.groups.map((group) => group.figures), json.totals];
    rows.forEach((row, i) => {
      const f = figures[i]!;
      const rate = (value: number | null) => (value === null ? '' : (value as number).toFixed(4));
      expect(row.slice(2, 7).map(Number)).toEqual(
        ['received', 'accepted', 'closed', 'closedOnTime', 'rejected'].map((name) => f[name]),
      );
      expect(row[7]).toBe(rate(f.resolutionRate as number | null));
      expect(row[13]).toBe(f.medianHoursToClose === null ? '' : String(f.medianHoursToClose));
    });
    expect(rows.map((row) => row[0])).toEqual([...json.groups.map((group) => group.key), '']);
  });

  it('answers a period longer than 24 months with the same 422 as the figures', async () => {
    const response = await get(`/exports/resolution-stats?gridId=${districtId}&from=2020-01-01&to=2026-01-01`);
    expect(response.status).toBe(422);
  });
});
