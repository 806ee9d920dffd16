/**
 * CSV exports (`exportCases`, `exportResolutionStats`), read back through a CSV parser as a spreadsheet would: a
 * UTF-8 file with a byte-order mark, CRLF between records, RFC 4180 quoting; the same cases as `listCases` for the
 * same filters, in its order, with no reporter's name or phone; a resident's formula kept as text; the same figures
 * as `getResolutionStats`, a row per group and then the totals.
 */
import type { Case, CaseStatus, ResolutionFigures, Schemas } from '@gridkit/sdk';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, report } from './support/cases.js';
import { client, type Who } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectIssueCodes, expectProblem, recentYear, tag } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

/** The contract's columns of `exportCases`, in order (the header's text is localized, so they are found by position). */
const CASE_COLUMNS = [
  'ticket',
  'status',
  'level',
  'priority',
  'categoryCode',
  'category',
  'gridId',
  'grid',
  'channel',
  'createdAt',
  'dueAt',
  'acceptedAt',
  'closedAt',
  'closedLevel',
  'overdue',
  'reopenCount',
  'disputeCount',
  'evaluationScore',
  'followUp',
  'assignee',
  'address',
  'description',
] as const;
const caseColumn = (name: (typeof CASE_COLUMNS)[number]) => CASE_COLUMNS.indexOf(name);

/** The contract's columns of `exportResolutionStats`, in order. */
const STATS_COLUMNS = [
  'key',
  'group',
  'received',
  'accepted',
  'closed',
  'closedOnTime',
  'rejected',
  'resolutionRate',
  'onTimeRate',
  'satisfactionRate',
  'reopenRate',
  'disputeRate',
  'followUpRate',
  'medianHoursToClose',
  'closedGrid',
  'closedCommunity',
  'closedStreet',
  'closedDistrict',
] as const;
const statsColumn = (name: (typeof STATS_COLUMNS)[number]) => STATS_COLUMNS.indexOf(name);

const BOM = [0xef, 0xbb, 0xbf];

async function bytesOf(file: ReadableStream<Uint8Array> | Blob): Promise<Uint8Array> {
  return new Uint8Array(await new Response(file).arrayBuffer());
}

interface CsvFile {
  /** The decoded text, byte-order mark included. */
  text: string;
  header: string[];
  rows: string[][];
}

/**
 * A CSV file as a spreadsheet reads it: it must start with the UTF-8 byte-order mark, and records end only at CRLF
 * (a bare LF outside quotes would run two records into one, which the column count then refuses), every record as
 * wide as the header.
 */
function readCsv(bytes: Uint8Array, columns: number): CsvFile {
  expect([...bytes.subarray(0, 3)], 'the file starts with the UTF-8 byte-order mark EF BB BF').toEqual(BOM);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  const firstLine = text.indexOf('\n');
  expect(firstLine, 'the header row ends').toBeGreaterThan(0);
  expect(text[firstLine - 1], 'the header row ends with CRLF').toBe('\r');
  const records = parse(text, { bom: true, record_delimiter: '\r\n', relax_column_count: false }) as string[][];
  const [header, ...rows] = records;
  expect(header, 'the header row').toHaveLength(columns);
  return { text, header: header!, rows };
}

/** A raw GET of an export through the SDK (so it is recorded), for its headers and bytes. */
async function rawExport(who: Who, path: '/exports/cases' | '/exports/resolution-stats', query: object) {
  const result = await client(who).raw.GET(path, { params: { query: query as never }, parseAs: 'arrayBuffer' });
  return { response: result.response, bytes: new Uint8Array((result.data ?? new ArrayBuffer(0)) as ArrayBuffer) };
}

function expectAttachment(response: Response): void {
  const what = `${response.url} → ${response.status}`;
  expect(response.status, what).toBe(200);
  expect(response.headers.get('Content-Type') ?? '', `Content-Type of ${what}`).toMatch(/^text\/csv\b/i);
  expect(response.headers.get('Content-Disposition') ?? '', `Content-Disposition of ${what}`).toMatch(
    /^attachment;\s*filename="[^"/\\]+\.csv"/i,
  );
}

/** Every case `listCases` gives for `filter`, walking `nextCursor`. */
async function listAll(who: Who, filter: { gridId?: string; status?: CaseStatus[]; q?: string }): Promise<Case[]> {
  const cases: Case[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    expect(pages, 'listCases keeps giving pages: pick a smaller filter').toBeLessThan(200);
    const page = await client(who).cases.list({ ...filter, limit: 100, ...(cursor ? { cursor } : {}) });
    cases.push(...page.items);
    if (!page.nextCursor) return cases;
    cursor = page.nextCursor;
  }
}

/** A time cell, `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai, as an instant (ms). */
function shanghaiCell(cell: string): number {
  expect(cell).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  return Date.parse(`${cell.replace(' ', 'T')}+08:00`);
}

/** The figures of a period without cases: zeros, and null for every rate. */
function zeroFigures(): ResolutionFigures {
  const none = { closed: 0, share: null };
  return {
    received: 0,
    accepted: 0,
    closed: 0,
    closedOnTime: 0,
    rejected: 0,
    evaluations: 0,
    satisfied: 0,
    reopened: 0,
    disputed: 0,
    followUps: 0,
    followUpsDone: 0,
    resolutionRate: null,
    onTimeRate: null,
    satisfactionRate: null,
    reopenRate: null,
    disputeRate: null,
    followUpRate: null,
    medianHoursToClose: null,
    closedByLevel: { grid: none, community: none, street: none, district: none },
  };
}

/** A phone number no other data holds. */
function uniquePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

describe('exportCases', () => {
  it('401 without a token', async () => {
    await expectProblem(client().exports.cases(), 401, 'unauthenticated');
    await expectProblem(client().exports.cases({ gridId: world.workerGrid.id }), 401, 'unauthenticated');
  });

  it('gives an admin the cases listCases gives for the same filter, in its order, in a UTF-8 CSV file with a BOM, CRLF and 22 columns', async () => {
    // One of the run's own in the filter, with a reporter whose name and phone must not be exported.
    const reporter = { name: `Reporter ${tag('name')}`, phone: uniquePhone() };
    const { receipt } = await report(world, { reporter });
    await act(client('worker'), { id: receipt.id, version: 1 }, 'reject');

    const community = world.workerAncestors.find((g) => g.level === 'community') ?? world.workerAncestors.at(-1);
    const filter = { gridId: community?.id ?? world.workerGrid.id, status: ['closed', 'rejected'] as CaseStatus[] };
    const listed = await listAll('admin', filter);
    expect(listed.map((c) => c.ticket)).toContain(receipt.ticket);

    const { text, rows } = readCsv(await bytesOf(await client('admin').exports.cases(filter)), CASE_COLUMNS.length);
    expect(
      rows.map((row) => row[caseColumn('ticket')]),
      'the tickets of the file = those of listCases for the same filter, newest first',
    ).toEqual(listed.map((c) => c.ticket));

    // The codes are the contract's, and the times Asia/Shanghai wall-clock times.
    rows.forEach((row, i) => {
      const kase = listed[i]!;
      const cells = Object.fromEntries(CASE_COLUMNS.map((name, k) => [name, row[k]]));
      expect(
        {
          status: cells.status,
          level: cells.level,
          priority: cells.priority,
          categoryCode: cells.categoryCode,
          gridId: cells.gridId,
          channel: cells.channel,
        },
        `the row of ${kase.ticket}`,
      ).toEqual({
        status: kase.status,
        level: kase.level,
        priority: kase.priority,
        categoryCode: kase.categoryCode,
        gridId: kase.gridId,
        channel: kase.channel,
      });
      expect(
        Math.abs(shanghaiCell(cells.createdAt!) - Date.parse(kase.createdAt)),
        `createdAt of ${kase.ticket}: ${cells.createdAt} for ${kase.createdAt}`,
      ).toBeLessThan(1000);
    });

    // No reporter's name or phone: none of the phones listCases shows for these cases is in the file (unless the
    // reporter wrote it into the description or the address, which are exported as written).
    const freeText = listed.map((c) => `${c.description}\n${c.location?.address ?? ''}`).join('\n');
    const phones = listed.flatMap((c) => (c.reporter?.phone ? [c.reporter.phone] : []));
    expect(phones).toContain(reporter.phone);
    const leaked = phones.filter((phone) => !freeText.includes(phone) && text.includes(phone));
    expect(leaked, 'reporter phones found in the export').toEqual([]);
    expect(text, 'the reporter name of the run’s case').not.toContain(reporter.name);
  });

  it('is an attachment named ….csv, with its header in the language of Accept-Language (zh-CN when none is given)', async () => {
    const { receipt } = await report(world);
    const query = { q: receipt.ticket };
    const { response, bytes } = await rawExport('admin', '/exports/cases', query);
    expectAttachment(response);
    const plain = readCsv(bytes, CASE_COLUMNS.length);
    expect(plain.rows.map((row) => row[0])).toEqual([receipt.ticket]);

    const headerIn = async (locale: string) =>
      readCsv(await bytesOf(await client('admin', { locale }).exports.cases(query)), CASE_COLUMNS.length).header;
    expect(await headerIn('zh-CN'), 'the default header is the zh-CN one').toEqual(plain.header);
    expect(await headerIn('en'), 'the English header differs from the Chinese one').not.toEqual(plain.header);
  });

  it('keeps to the caller’s jurisdiction as listCases does: a gridId outside a grid worker’s is 403; without one, only their cases', async () => {
    await expectProblem(client('worker').cases.list({ gridId: world.otherGrid.id }), 403, 'forbidden');
    await expectProblem(client('worker').exports.cases({ gridId: world.otherGrid.id }), 403, 'forbidden');

    const { receipt } = await report(world);
    await act(client('worker'), { id: receipt.id, version: 1 }, 'reject');
    const filter = { status: ['rejected'] as CaseStatus[] };
    const listed = await listAll('worker', filter);
    expect(listed.map((c) => c.ticket)).toContain(receipt.ticket);
    const { rows } = readCsv(await bytesOf(await client('worker').exports.cases(filter)), CASE_COLUMNS.length);
    expect(rows.map((row) => row[caseColumn('ticket')])).toEqual(listed.map((c) => c.ticket));
  });

  it('prefixes a cell starting with = + - @ with an apostrophe, and round-trips commas, quotes and line breaks', async () => {
    const marker = tag('formula');
    const reported = [
      await report(world, {
        description: `=HYPERLINK("http://evil.example/${marker}","点此"), 楼道灯 "坏了"\n第二行`,
        location: { address: `+86 ${marker}, 桥北路3号` },
      }),
      await report(world, {
        description: `@SUM(1+1) ${marker}: a bench, "broken"`,
        location: { address: `-1 floor, ${marker}` },
      }),
    ];
    for (const { receipt } of reported) {
      // The cells are compared with what the server stored (it may normalize line breaks), as listCases shows it.
      const stored = await client('admin').cases.get(receipt.id);
      const { rows } = readCsv(
        await bytesOf(await client('admin').exports.cases({ q: receipt.ticket })),
        CASE_COLUMNS.length,
      );
      expect(rows.map((row) => row[caseColumn('ticket')])).toEqual([receipt.ticket]);
      const row = rows[0]!;
      expect(row[caseColumn('description')]).toBe(`'${stored.description}`);
      expect(row[caseColumn('address')]).toBe(`'${stored.location.address}`);
    }
  });
});

describe('exportResolutionStats', () => {
  const rate = (value: number | null) => (value === null ? '' : value.toFixed(4));
  /** The cells a row of `figures` must have: counts as integers, rates with 4 decimals ('' for null). */
  const expectedCells = (f: ResolutionFigures) => ({
    received: String(f.received),
    accepted: String(f.accepted),
    closed: String(f.closed),
    closedOnTime: String(f.closedOnTime),
    rejected: String(f.rejected),
    resolutionRate: rate(f.resolutionRate),
    onTimeRate: rate(f.onTimeRate),
    satisfactionRate: rate(f.satisfactionRate),
    reopenRate: rate(f.reopenRate),
    disputeRate: rate(f.disputeRate),
    followUpRate: rate(f.followUpRate),
    closedGrid: String(f.closedByLevel.grid.closed),
    closedCommunity: String(f.closedByLevel.community.closed),
    closedStreet: String(f.closedByLevel.street.closed),
    closedDistrict: String(f.closedByLevel.district.closed),
  });
  const CHECKED = Object.keys(expectedCells(zeroFigures())) as (typeof STATS_COLUMNS)[number][];
  const cellsOf = (row: string[]) => Object.fromEntries(CHECKED.map((name) => [name, row[statsColumn(name)]]));

  it('writes the JSON figures: a row per group in the order of groups, then the totals with an empty key', async () => {
    await report(world); // one case at least in the period, whatever the server held before
    const period = recentYear();
    for (const groupBy of ['children', 'level', 'none'] as Schemas['ResolutionGroupBy'][]) {
      const query = { gridId: world.adminRoot.id, ...period, groupBy };
      const where = `groupBy=${groupBy} of ${world.adminRoot.name} (${world.adminRoot.id})`;
      const json = await client().stats.resolution(query);
      const { rows } = readCsv(await bytesOf(await client().exports.resolutionStats(query)), STATS_COLUMNS.length);
      expect(
        rows.map((row) => row[statsColumn('key')]),
        `${where}: the keys of the rows are those of groups, then '' for the totals`,
      ).toEqual([...json.groups.map((g) => g.key), '']);
      [...json.groups.map((g) => g.figures), json.totals].forEach((figures, i) => {
        const row = rows[i]!;
        expect(cellsOf(row), `${where}: the row of ${row[0] || 'the totals'}`).toEqual(expectedCells(figures));
        expect(row[statsColumn('medianHoursToClose')] === '', `${where}: medianHoursToClose empty for null`).toBe(
          figures.medianHoursToClose === null,
        );
      });
      // The group names in the default language, zh-CN.
      json.groups.forEach((g, i) => {
        if (g.label?.['zh-CN']) expect(rows[i]![statsColumn('group')], `${where}: ${g.key}`).toBe(g.label['zh-CN']);
      });
      expect(json.totals.received, `${where}: the run's cases are counted`).toBeGreaterThan(0);
    }
  });

  it('is a public attachment named ….csv; a period with no cases gives zeros and empty rates', async () => {
    const query = { gridId: world.workerGrid.id, from: '1990-01-01', to: '1990-01-31' };
    const { response, bytes } = await rawExport('public', '/exports/resolution-stats', query);
    expectAttachment(response);
    const { rows } = readCsv(bytes, STATS_COLUMNS.length);
    expect(rows).toHaveLength(1);
    expect(rows[0]![statsColumn('key')]).toBe('');
    expect(cellsOf(rows[0]!)).toEqual(expectedCells(zeroFigures()));
    expect(rows[0]![statsColumn('medianHoursToClose')]).toBe('');
  });

  it('the same 4xx as the figures: 422 range_too_long for 25 months (24 are fine), 404 for an unknown grid', async () => {
    const gridId = world.workerGrid.id;
    const tooLong = await expectProblem(
      client().exports.resolutionStats({ gridId, from: '2024-01-01', to: '2026-01-31' }),
      422,
      'unprocessable',
    );
    expectIssueCodes(tooLong.errors, ['range_too_long']);
    const reversed = await expectProblem(
      client().exports.resolutionStats({ gridId, from: '2026-02-01', to: '2026-01-01' }),
      422,
      'unprocessable',
    );
    expectIssueCodes(reversed.errors, ['invalid_period']);
    const twoYears = await client().exports.resolutionStats({ gridId, from: '2024-01-01', to: '2025-12-31' });
    expect(readCsv(await bytesOf(twoYears), STATS_COLUMNS.length).rows).toHaveLength(1);
    await expectProblem(
      client().exports.resolutionStats({ gridId: 'conformance-no-such-grid', from: '2026-01-01', to: '2026-01-31' }),
      404,
      'not-found',
    );
  });
});
