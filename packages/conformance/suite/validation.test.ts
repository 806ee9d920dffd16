import type { CaseReceipt, Notice } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseIn } from './support/cases.js';
import { client, postStreamed, rawFetch, type Who } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectIssuesAt, expectRawProblem, key, PROBLEM_BASE, tag } from './support/helpers.js';

let world: World;
let closed: CaseReceipt & { version: number };
let notice: Notice;
beforeAll(async () => {
  world = await discover();
  const kase = await caseIn(world, 'closed');
  closed = { ...kase.receipt, version: kase.version };
  notice = await client('worker').notices.create(world.workerGrid.id, {
    title: `Validation ${tag('v')}`,
    body: 'x',
    kind: 'service',
  });
});

describe('every list rejects a bad limit with 400 naming /query/limit', () => {
  const lists: Array<[string, Who, () => string]> = [
    ['listGrids', 'public', () => '/grids'],
    ['listNotices', 'public', () => `/grids/${encodeURIComponent(world.workerGrid.id)}/notices`],
    ['listCategories', 'public', () => '/categories'],
    ['listCases', 'admin', () => '/cases'],
    ['listCaseEvents', 'admin', () => `/cases/${encodeURIComponent(closed.id)}/events`],
    ['listServiceLogs', 'worker', () => '/service-logs'],
  ];
  for (const limit of ['0', 'abc', '201']) {
    it.each(lists)(`%s with limit=${limit}`, async (_op, who, path) => {
      const response = await rawFetch(`${path()}?limit=${limit}`, { who });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { type: string; errors?: Array<{ path: string; message: string }> };
      expect(problem.type).toBe(`${PROBLEM_BASE}validation-failed`);
      expectIssuesAt(problem.errors ?? [], ['/query/limit']);
      for (const e of problem.errors ?? []) expect(typeof e.message).toBe('string');
    });
  }

  it('and accepts limit=1 and limit=200', async () => {
    expect((await client().grids.list({ limit: 1 })).items.length).toBeLessThanOrEqual(1);
    expect((await client().grids.list({ limit: 200 })).items.length).toBeLessThanOrEqual(200);
  });
});

describe('every JSON write endpoint', () => {
  const none = (): Record<string, string> => ({});
  const writes: Array<[string, Who, () => string, () => Record<string, string>]> = [
    ['createCase', 'public', () => '/cases', none],
    [
      'transitionCase',
      'worker',
      () => `/cases/${encodeURIComponent(closed.id)}/transitions`,
      () => ({ 'If-Match': `"${closed.version}"` }),
    ],
    ['evaluateCase', 'public', () => `/tickets/${closed.ticket}/evaluation`, none],
    ['createNotice', 'worker', () => `/grids/${encodeURIComponent(world.workerGrid.id)}/notices`, none],
    ['retireNotice', 'worker', () => `/notices/${encodeURIComponent(notice.id)}/retire`, none],
    ['createServiceLog', 'worker', () => '/service-logs', none],
  ];

  it.each(writes)('%s: malformed JSON is 400 validation-failed', async (_op, who, path, headers) => {
    const response = await rawFetch(path(), {
      method: 'POST',
      who,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key(), ...headers() },
      body: '{"broken": ',
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { type: string };
    expect(problem.type).toBe(`${PROBLEM_BASE}validation-failed`);
  });

  it.each(writes)('%s: a body that is not an object is 400', async (_op, who, path, headers) => {
    const response = await rawFetch(path(), {
      method: 'POST',
      who,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key(), ...headers() },
      body: '[1, 2, 3]',
    });
    expect(response.status).toBe(400);
  });

  it.each(writes)('%s: a non-JSON content type is 415 unsupported-media-type', async (_op, who, path, headers) => {
    const response = await rawFetch(path(), {
      method: 'POST',
      who,
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': key(), ...headers() },
      body: 'hello',
    });
    expect(response.status).toBe(415);
    const problem = (await response.json()) as { type: string };
    expect(problem.type).toBe(`${PROBLEM_BASE}unsupported-media-type`);
  });

  it.each(writes)('%s: a JSON body over 256 KiB is 413 payload-too-large', async (_op, who, path, headers) => {
    const response = await rawFetch(path(), {
      method: 'POST',
      who,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key(), ...headers() },
      body: JSON.stringify({ padding: 'x'.repeat(300 * 1024) }),
    });
    expect(response.status).toBe(413);
    const problem = (await response.json()) as { type: string };
    expect(problem.type).toBe(`${PROBLEM_BASE}payload-too-large`);
  });

  it.each(writes)(
    '%s: the 256 KiB limit holds for a chunked body without Content-Length (413)',
    async (_op, who, path, headers) => {
      // 512 KiB streamed in 64 KiB chunks: the limit is on the bytes, not on a declared length.
      const encode = (text: string) => new TextEncoder().encode(text);
      const chunks = [
        encode('{"padding":"'),
        ...Array.from({ length: 8 }, () => encode('x'.repeat(64 * 1024))),
        encode('"}'),
      ];
      const answer = await postStreamed(path(), chunks, {
        who,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key(), ...headers() },
      });
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect((JSON.parse(answer.body) as { type: string }).type).toBe(`${PROBLEM_BASE}payload-too-large`);
    },
  );

  it('and none of it changed anything', async () => {
    expect((await client('admin').cases.get(closed.id)).version).toBe(closed.version);
    expect((await client().cases.getPublic(closed.ticket)).canEvaluate).toBe(true);
    const listed = await client().notices.list(world.workerGrid.id, { limit: 200 });
    expect(listed.items.map((n) => n.id)).toContain(notice.id);
  });
});

describe('path parameters', () => {
  it('an Idempotency-Key with a space is 400 naming /header/Idempotency-Key', async () => {
    const result = await client().raw.POST('/cases', {
      params: { header: { 'Idempotency-Key': 'has a space in it' } },
      body: {
        gridId: world.workerGrid.id,
        categoryCode: world.plainCategory.code,
        description: 'x',
        location: { address: 'y' },
      },
    });
    expectIssuesAt(expectRawProblem(result, 400, 'validation-failed').errors, ['/header/Idempotency-Key']);
  });
});

describe('times and encodings (the contract’s conventions)', () => {
  const problemOf = async (response: Response) => {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as {
      type: string;
      errors?: Array<{ path: string; message: string; code?: string }>;
    };
  };

  it('a leap second (23:59:60) is a 400 naming the field, code format', async () => {
    const problem = await problemOf(await rawFetch('/cases?createdFrom=2016-12-31T23:59:60Z', { who: 'admin' }));
    expect(problem.type).toBe(`${PROBLEM_BASE}validation-failed`);
    expect(problem.errors?.find((e) => e.path === '/query/createdFrom')?.code).toBe('format');
  });

  it('a malformed percent-escape in a path parameter is a 400 naming it, never a 5xx', async () => {
    for (const bad of ['%zz', '%ff']) {
      const problem = await problemOf(await rawFetch(`/grids/${bad}`));
      expectIssuesAt(problem.errors ?? [], ['/path/gridId']);
    }
  });

  it('a lone surrogate in a JSON string is a 400 naming the field, and nothing is stored', async () => {
    const description = `Conformance ${tag('surrogate')}`;
    const body = JSON.stringify({
      gridId: world.workerGrid.id,
      categoryCode: world.plainCategory.code,
      description,
      location: { address: 'y' },
    }).replace(description, `${description}\\ud800`);
    const problem = await problemOf(
      await rawFetch('/cases', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key() },
        body,
      }),
    );
    expect(problem.errors?.find((e) => e.path === '/body/description')?.code).toBe('malformed');
    const recent = await client('admin').cases.list({ gridId: world.workerGrid.id, limit: 50 });
    expect(recent.items.filter((c) => c.description.startsWith(description))).toHaveLength(0);
  });
});
