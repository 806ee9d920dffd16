import type { Case, CaseInput, CaseReceipt, ValidationIssue } from '@gridkit/sdk';
import { trackingTokenPattern } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, caseIn, report, unitAssignee } from './support/cases.js';
import { client, rawFetch } from './support/client.js';
import { caseInput, discover, requiredAttributes, type World } from './support/discovery.js';
import {
  expectIssueCodes,
  expectIssuesAt,
  expectProblem,
  expectRawProblem,
  expectUnknownPropertyIssue,
  key,
  RFC3339,
  tag,
  TICKET_PATTERN,
} from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

async function countByMarker(marker: string): Promise<number> {
  let n = 0;
  for await (const kase of client('admin').cases.iterate({ q: marker })) if (kase.id) n++;
  return n;
}

describe('createCase', () => {
  it('returns 201 with a ticket, a tracking token, submitted at grid level, dueAt = createdAt + SLA, and a Location', async () => {
    const input = caseInput(world);
    const result = await client().raw.POST('/cases', { params: { header: { 'Idempotency-Key': key() } }, body: input });
    expect(result.response.status).toBe(201);
    const receipt = result.data as CaseReceipt;
    expect(receipt.ticket).toMatch(TICKET_PATTERN);
    // The contract's TrackingToken: 12 Crockford base32 characters in groups of four (60 bits).
    expect(receipt.trackingToken).toMatch(trackingTokenPattern);
    expect(receipt).toMatchObject({
      status: 'submitted',
      level: 'grid',
      gridId: input.gridId,
      categoryCode: input.categoryCode,
    });
    expect(receipt.createdAt).toMatch(RFC3339);
    expect(receipt.dueAt).toMatch(RFC3339);
    expect(Date.parse(receipt.dueAt) - Date.parse(receipt.createdAt)).toBe(world.plainCategory.slaHours * 3_600_000);
    expect(result.response.headers.get('Location') ?? '').toMatch(new RegExp(`/tickets/${receipt.ticket}$`));
    expect(result.response.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('stores everything that was sent; the staff view has the reporter and defaults', async () => {
    const marker = tag('full');
    const input = caseInput(
      world,
      {
        location: { address: `Gate ${marker}`, point: { lat: 36.1, lng: 114.35 } },
        reporter: { name: `Ms ${marker}`, phone: '0372-5123456' },
      },
      marker,
    );
    const receipt = await client().cases.create(input);
    const kase = await client('worker').cases.get(receipt.id);
    expect(kase).toMatchObject({
      id: receipt.id,
      ticket: receipt.ticket,
      status: 'submitted',
      level: 'grid',
      gridId: input.gridId,
      categoryCode: input.categoryCode,
      description: input.description,
      location: input.location,
      reporter: input.reporter,
      channel: 'web',
      assignee: null,
      version: 1,
      reopenCount: 0,
      evaluation: null,
      overdue: false,
      mediaIds: [],
      dueAt: receipt.dueAt,
      createdAt: receipt.createdAt,
    });
    expect(kase.attributes).toEqual(input.attributes ?? {});
    expect(kase.updatedAt).toMatch(RFC3339);
  });

  it('keeps an anonymous report anonymous (reporter null) and records the channel sent', async () => {
    const receipt = await client().cases.create(caseInput(world, { channel: 'kiosk' }));
    const kase = await client('worker').cases.get(receipt.id);
    expect(kase.reporter).toBeNull();
    expect(kase.channel).toBe('kiosk');
  });

  it('with a staff token: channel grid_worker whatever is sent, created event by that staff member', async () => {
    const receipt = await client('worker').cases.create(caseInput(world, { channel: 'kiosk' }));
    const kase = await client('worker').cases.get(receipt.id);
    expect(kase.channel).toBe('grid_worker');
    const [created] = (await client('worker').cases.events(receipt.id)).items;
    expect(created).toMatchObject({
      type: 'created',
      toStatus: 'submitted',
      actor: { type: 'staff', id: world.worker.id },
    });
  });

  it('anonymous caller claiming the grid_worker channel is 422 channel_not_allowed', async () => {
    const marker = tag('chan');
    const error = await expectProblem(
      client().cases.create(caseInput(world, { channel: 'grid_worker' }, marker)),
      422,
      'unprocessable',
    );
    expectIssueCodes(error.errors, ['channel_not_allowed']);
    expect(await countByMarker(marker)).toBe(0);
  });

  it('a bogus staff token is 401 (not silently ignored)', async () => {
    const marker = tag('bogus');
    await expectProblem(
      client({ token: 'conformance-bogus-token' }).cases.create(caseInput(world, {}, marker)),
      401,
      'unauthenticated',
    );
    expect(await countByMarker(marker)).toBe(0);
  });

  describe('semantic errors are 422 with codes, and store nothing', () => {
    it('unknown category', async () => {
      const marker = tag('unkcat');
      const error = await expectProblem(
        client().cases.create(
          caseInput(world, { categoryCode: 'conformance.no_such_category', attributes: {} }, marker),
        ),
        422,
        'unprocessable',
      );
      expectIssueCodes(error.errors, ['unknown_category']);
      expectIssuesAt(error.errors, ['/body/categoryCode']);
      expect(await countByMarker(marker)).toBe(0);
    });

    it('unknown grid', async () => {
      const marker = tag('unkgrid');
      const error = await expectProblem(
        client().cases.create(caseInput(world, { gridId: 'conformance-no-such-grid' }, marker)),
        422,
        'unprocessable',
      );
      expectIssueCodes(error.errors, ['unknown_grid']);
      expect(await countByMarker(marker)).toBe(0);
    });

    it('unknown attribute', async () => {
      const marker = tag('unkattr');
      const input = caseInput(world, {}, marker);
      const error = await expectProblem(
        client().cases.create({ ...input, attributes: { ...input.attributes, conformance_no_such_attribute: 'x' } }),
        422,
        'unprocessable',
      );
      expectIssueCodes(error.errors, ['unknown_attribute']);
      expect(await countByMarker(marker)).toBe(0);
    });

    it('missing and invalid required attribute', async (ctx) => {
      const category = world.attributeCategory;
      if (!category) return ctx.skip(); // no category with a required attribute
      const attribute = category.attributes.find((a) => a.required)!;
      const point = { lat: 36.1, lng: 114.35 };
      const marker = tag('attr');
      const base: CaseInput = caseInput(
        world,
        { categoryCode: category.code, location: { address: `Attr ${marker}`, point } },
        marker,
      );
      const rest = requiredAttributes(category);
      delete rest[attribute.code];
      const missing = await expectProblem(client().cases.create({ ...base, attributes: rest }), 422, 'unprocessable');
      expectIssueCodes(missing.errors, ['attribute_required']);
      expectIssuesAt(missing.errors, [`/body/attributes/${attribute.code}`]);
      const invalidValue =
        attribute.datatype === 'number'
          ? 'not a number'
          : attribute.datatype === 'boolean'
            ? 'maybe'
            : attribute.datatype === 'date'
              ? 'someday'
              : attribute.datatype.endsWith('list')
                ? 'conformance-no-such-option'
                : 12345;
      const invalid = await expectProblem(
        client().cases.create({
          ...base,
          attributes: {
            ...rest,
            [attribute.code]: attribute.datatype === 'multivaluelist' ? [invalidValue as string] : invalidValue,
          },
        }),
        422,
        'unprocessable',
      );
      expectIssueCodes(invalid.errors, ['attribute_invalid']);
      expect(await countByMarker(marker)).toBe(0);
    });

    it('location required but no coordinates', async (ctx) => {
      const category = world.locationCategory;
      if (!category) return ctx.skip(); // no category requires a location
      const marker = tag('loc');
      const error = await expectProblem(
        client().cases.create(caseInput(world, { categoryCode: category.code }, marker)),
        422,
        'unprocessable',
      );
      expectIssueCodes(error.errors, ['location_required']);
      expect(await countByMarker(marker)).toBe(0);
    });
  });

  describe('invalid bodies are 400 with the field paths, and store nothing', () => {
    const bodies: Array<[string, (i: CaseInput) => unknown, (e: ValidationIssue[]) => void]> = [
      ['missing description', ({ description: _d, ...r }) => r, (e) => expectIssuesAt(e, ['/body/description'])],
      [
        'missing gridId and categoryCode',
        ({ gridId: _g, categoryCode: _c, ...r }) => r,
        (e) => expectIssuesAt(e, ['/body/gridId', '/body/categoryCode']),
      ],
      ['gridId of the wrong type', (i) => ({ ...i, gridId: 42 }), (e) => expectIssuesAt(e, ['/body/gridId'])],
      [
        'description too long (2001)',
        (i) => ({ ...i, description: `${i.description}${'x'.repeat(2001)}` }),
        (e) => expectIssuesAt(e, ['/body/description']),
      ],
      ['empty description', (i) => ({ ...i, description: '' }), (e) => expectIssuesAt(e, ['/body/description'])],
      [
        'unknown property',
        (i) => ({ ...i, priority: 'urgent' }),
        (e) => expectUnknownPropertyIssue(e, '/body', 'priority'),
      ],
      [
        'unknown property in location',
        (i) => ({ ...i, location: { ...i.location, floor: 3 } }),
        (e) => expectUnknownPropertyIssue(e, '/body/location', 'floor'),
      ],
      [
        'latitude out of range',
        (i) => ({ ...i, location: { ...i.location, point: { lat: 91, lng: 114 } } }),
        (e) => expectIssuesAt(e, ['/body/location/point/lat']),
      ],
      [
        'invalid phone',
        (i) => ({ ...i, reporter: { name: 'X', phone: 'call me' } }),
        (e) => expectIssuesAt(e, ['/body/reporter/phone']),
      ],
      ['unknown channel', (i) => ({ ...i, channel: 'pigeon' }), (e) => expectIssuesAt(e, ['/body/channel'])],
      [
        'ten photos',
        (i) => ({ ...i, mediaIds: Array.from({ length: 10 }, (_, n) => `m${n}`) }),
        (e) => expectIssuesAt(e, ['/body/mediaIds']),
      ],
      [
        'categoryCode not matching its pattern',
        (i) => ({ ...i, categoryCode: 'Env Garbage' }),
        (e) => expectIssuesAt(e, ['/body/categoryCode']),
      ],
    ];
    it.each(bodies)('%s', async (_name, mutate, check) => {
      const marker = tag('bad');
      const input = caseInput(world, {}, marker);
      const result = await client().raw.POST('/cases', {
        params: { header: { 'Idempotency-Key': key() } },
        body: mutate(input) as CaseInput,
      });
      check(expectRawProblem(result, 400, 'validation-failed').errors);
      expect(await countByMarker(marker)).toBe(0);
    });

    it('missing Idempotency-Key is 400 naming /header/Idempotency-Key', async () => {
      const marker = tag('nokey');
      const result = await client().raw.POST('/cases', {
        params: { header: {} as never },
        body: caseInput(world, {}, marker),
      });
      expectIssuesAt(expectRawProblem(result, 400, 'validation-failed').errors, ['/header/Idempotency-Key']);
      expect(await countByMarker(marker)).toBe(0);
    });

    it('an Idempotency-Key that is too short is 400', async () => {
      const marker = tag('shortkey');
      const result = await client().raw.POST('/cases', {
        params: { header: { 'Idempotency-Key': 'abc' } },
        body: caseInput(world, {}, marker),
      });
      expectIssuesAt(expectRawProblem(result, 400, 'validation-failed').errors, ['/header/Idempotency-Key']);
      expect(await countByMarker(marker)).toBe(0);
    });

    it('malformed JSON is 400', async () => {
      const response = await rawFetch('/cases', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key() },
        body: '{"gridId": "x",',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('a non-JSON content type is 415', async () => {
      const marker = tag('ct');
      const response = await rawFetch('/cases', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': key() },
        body: JSON.stringify(caseInput(world, {}, marker)),
      });
      expect(response.status).toBe(415);
      expect(await countByMarker(marker)).toBe(0);
    });
  });
});

describe('getCase and getPublicCase', () => {
  it('the public view shows status, level and timeline, never personal data or internal notes', async () => {
    const marker = tag('public');
    const reporter = { name: `Reporter-${marker}`, phone: '13912345678' };
    const { receipt, input } = await report(world, { reporter });
    const worker = client('worker');
    let kase: Case = await worker.cases.get(receipt.id);
    kase = await act(worker, kase, { action: 'accept', note: `INTERNAL-${marker}`, publicNote: `PUBLIC-${marker}` });
    // Dispatched to a person on record (the worker): a person's name, which the public view never shows.
    await act(worker, kase, {
      action: 'dispatch',
      assignee: { type: 'person', id: world.worker.id, name: world.worker.name },
    });

    const pub = await client().cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(pub).toMatchObject({
      ticket: receipt.ticket,
      status: 'dispatched',
      level: 'grid',
      gridId: world.workerGrid.id,
      gridName: world.workerGrid.name,
      categoryCode: input.categoryCode,
      categoryName: world.plainCategory.name,
      createdAt: receipt.createdAt,
      dueAt: receipt.dueAt,
      canEvaluate: false,
    });
    expect(pub.timeline.map((e) => e.type)).toEqual(['created', 'accept', 'dispatch']);
    expect(pub.timeline[1]).toMatchObject({
      fromStatus: 'submitted',
      toStatus: 'accepted',
      level: 'grid',
      publicNote: `PUBLIC-${marker}`,
    });
    for (const key of [
      'reporter',
      'description',
      'location',
      'mediaIds',
      'assignee',
      'id',
      'trackingToken',
      'version',
    ]) {
      expect(pub, `public view must not have ${key}`).not.toHaveProperty(key);
    }
    for (const e of pub.timeline) {
      expect(e).not.toHaveProperty('actor');
      expect(e).not.toHaveProperty('note');
      expect(e).not.toHaveProperty('assignee');
    }
    const text = JSON.stringify(pub);
    for (const secret of [
      reporter.name,
      reporter.phone,
      input.description,
      input.location.address,
      `INTERNAL-${marker}`,
      receipt.trackingToken,
      world.worker.name,
    ]) {
      expect(text, `public view leaks ${secret}`).not.toContain(secret);
    }

    // The staff view has all of it.
    const staff = await worker.cases.events(receipt.id);
    expect(staff.items[1]).toMatchObject({
      type: 'accept',
      note: `INTERNAL-${marker}`,
      publicNote: `PUBLIC-${marker}`,
      actor: { type: 'staff', id: world.worker.id },
    });
    expect((await worker.cases.get(receipt.id)).reporter).toEqual(reporter);
  });

  it('by ticket alone nothing a person wrote; with the tracking token the public notes; a wrong token 403', async () => {
    const marker = tag('ticket-alone');
    const { receipt } = await report(world);
    const worker = client('worker');
    await act(worker, await worker.cases.get(receipt.id), { action: 'accept', publicNote: `PUBLIC-${marker}` });

    // Tickets are sequential, so anyone can guess one: the view by ticket alone holds steps and times only.
    const byTicket = await client().cases.getPublic(receipt.ticket);
    expect(byTicket.timeline.map((e) => e.type)).toEqual(['created', 'accept']);
    expect(byTicket.timeline[1]).toMatchObject({ fromStatus: 'submitted', toStatus: 'accepted', level: 'grid' });
    for (const e of byTicket.timeline) expect(e, 'no publicNote by ticket alone').not.toHaveProperty('publicNote');
    expect(byTicket).not.toHaveProperty('evaluation');
    expect(JSON.stringify(byTicket)).not.toContain(marker);

    // With the token, typed as a person would (lower case, spaces): the public note appears.
    const typed = receipt.trackingToken.toLowerCase().replaceAll('-', ' ');
    const withToken = await client().cases.getPublic(receipt.ticket, { trackingToken: typed });
    expect(withToken.timeline[1]).toMatchObject({ type: 'accept', publicNote: `PUBLIC-${marker}` });
    expect(withToken.timeline.map((e) => [e.type, e.at])).toEqual(byTicket.timeline.map((e) => [e.type, e.at]));

    // Another case's token, or one that cannot be a token: 403, and nothing of the case in the answer.
    const other = await report(world);
    for (const wrong of [other.receipt.trackingToken, 'AAAA-BBBB-CCCC']) {
      const result = await client().raw.GET('/tickets/{ticket}', {
        params: { path: { ticket: receipt.ticket }, header: { 'X-Tracking-Token': wrong } },
      });
      const problem = expectRawProblem(result, 403, 'invalid-tracking-token');
      expect(JSON.stringify(problem)).not.toContain(marker);
      expect(problem).not.toHaveProperty('timeline');
    }
  });

  it("the resident's evaluation (score and comment) only with the tracking token, never by ticket alone", async () => {
    const comment = `COMMENT-${tag('evaluation')} 张阿姨 13800001111`;
    const { receipt } = await report(world);
    const worker = client('worker');
    let kase: Case = await worker.cases.get(receipt.id);
    for (const action of ['accept', 'dispatch', 'start', 'resolve'] as const) kase = await act(worker, kase, action);
    // Verified by someone other than the resolver (an admin above the grid).
    kase = await act(client('admin'), kase, 'verify');
    expect(kase.status).toBe('closed');
    const evaluation = await client().cases.evaluate(receipt.ticket, {
      trackingToken: receipt.trackingToken,
      score: 2,
      comment,
    });

    const withToken = await client().cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(withToken.evaluation).toEqual(evaluation);
    expect(withToken.evaluation?.comment).toBe(comment);

    const byTicket = await client().cases.getPublic(receipt.ticket);
    expect(byTicket).toMatchObject({ status: 'closed', canEvaluate: false });
    expect(byTicket).not.toHaveProperty('evaluation');
    expect(JSON.stringify(byTicket)).not.toContain('COMMENT-');
  });

  it('getCase sends the version as a strong ETag', async () => {
    const kase = await caseIn(world, 'dispatched');
    const result = await client('admin').raw.GET('/cases/{caseId}', { params: { path: { caseId: kase.id } } });
    expect(result.response.headers.get('ETag')).toBe(`"${kase.version}"`);
    expect((result.data as Case).version).toBe(3);
  });

  it('returns 404 for an unknown case id and an unknown ticket, 400 for a malformed ticket', async () => {
    await expectProblem(client('admin').cases.get('conformance-no-such-case'), 404, 'not-found');
    await expectProblem(client('admin').cases.events('conformance-no-such-case'), 404, 'not-found');
    await expectProblem(
      client('admin').cases.transition('conformance-no-such-case', { action: 'accept' }, { version: 1 }),
      404,
      'not-found',
    );
    await expectProblem(client().cases.getPublic('ZZ-19900101-9999'), 404, 'not-found');
    const malformed = await client().raw.GET('/tickets/{ticket}', { params: { path: { ticket: 'not-a-ticket' } } });
    expectIssuesAt(expectRawProblem(malformed, 400, 'validation-failed').errors, ['/path/ticket']);
  });
});

describe('listCases', () => {
  let markers: string;
  let created: CaseReceipt[];
  beforeAll(async () => {
    markers = tag('list');
    created = [];
    for (let i = 0; i < 5; i++) {
      created.push((await report(world, { description: `List ${markers} #${i}` })).receipt);
    }
    const worker = client('worker');
    await act(worker, { id: created[1]!.id, version: 1 }, 'accept');
    await act(worker, { id: created[2]!.id, version: 1 }, 'accept');
  });

  it('returns cases newest first with personal data, and filters by text', async () => {
    const page = await client('admin').cases.list({ q: markers, limit: 200 });
    expect(page.items.map((c) => c.id)).toEqual([...created].reverse().map((c) => c.id));
    expect(page.nextCursor).toBeNull();
    for (const c of page.items) expect(c).toHaveProperty('reporter');
    const times = page.items.map((c) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages with limit=2 to the same result as one big page, nextCursor null at the end', async () => {
    const big = (await client('admin').cases.list({ q: markers, limit: 200 })).items.map((c) => c.id);
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await client('admin').cases.list({ q: markers, limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((c) => c.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
      if (pages.length > 10) throw new Error('pagination did not end');
    }
    expect(pages.flat()).toEqual(big);
    expect(pages[0]).toHaveLength(2);
    const viaIterate: string[] = [];
    for await (const c of client('admin').cases.iterate({ q: markers, limit: 2 })) viaIterate.push(c.id);
    expect(viaIterate).toEqual(big);
  });

  it('a cursor used with other filters is 400', async () => {
    const first = await client('admin').cases.list({ q: markers, limit: 2 });
    expect(first.nextCursor).toBeTruthy();
    const result = await client('admin').raw.GET('/cases', {
      params: { query: { q: `${markers} #1`, limit: 2, cursor: first.nextCursor! } },
    });
    expectRawProblem(result, 400, 'validation-failed');
  });

  it('filters by status (OR), grid, category, ticket, level and time', async () => {
    const admin = client('admin');
    const accepted = await admin.cases.list({ q: markers, status: ['accepted'] });
    expect(accepted.items.map((c) => c.id).sort()).toEqual([created[1]!.id, created[2]!.id].sort());
    const either = await admin.cases.list({ q: markers, status: ['accepted', 'submitted'] });
    expect(either.items).toHaveLength(5);
    expect((await admin.cases.list({ q: markers, gridId: world.workerGrid.id })).items).toHaveLength(5);
    expect((await admin.cases.list({ q: markers, gridId: world.adminRoot.id })).items).toHaveLength(5);
    expect((await admin.cases.list({ q: markers, categoryCode: world.plainCategory.code })).items).toHaveLength(5);
    expect((await admin.cases.list({ q: markers, level: 'community' })).items).toHaveLength(0);
    const byTicket = await admin.cases.list({ q: created[3]!.ticket });
    expect(byTicket.items.map((c) => c.id)).toEqual([created[3]!.id]);
    const from = created[2]!.createdAt;
    const fromOn = await admin.cases.list({ q: markers, createdFrom: from });
    for (const c of fromOn.items) expect(Date.parse(c.createdAt)).toBeGreaterThanOrEqual(Date.parse(from));
    expect(fromOn.items.map((c) => c.id)).toContain(created[2]!.id);
    const before = await admin.cases.list({ q: markers, createdTo: from });
    expect(before.items.map((c) => c.id)).not.toContain(created[2]!.id);
    const notOverdue = await admin.cases.list({ q: markers, overdue: false });
    expect(notOverdue.items).toHaveLength(5);
    expect((await admin.cases.list({ q: markers, overdue: true })).items).toHaveLength(0);
  });

  it('filters by assignee', async () => {
    const kase = await caseIn(world, 'dispatched');
    const page = await client('admin').cases.list({ assignee: unitAssignee().id, q: kase.ticket });
    expect(page.items.map((c) => c.id)).toEqual([kase.id]);
  });

  it.each([
    ['limit=0', { limit: 0 }, '/query/limit'],
    ['limit=abc', { limit: 'abc' }, '/query/limit'],
    ['unknown status', { status: ['lost'] }, '/query/status'],
    ['unknown level', { level: 'planet' }, '/query/level'],
    ['createdFrom not a date-time', { createdFrom: 'yesterday' }, '/query/createdFrom'],
    ['overdue not a boolean', { overdue: 'perhaps' }, '/query/overdue'],
  ])('rejects %s with 400', async (_name, query, path) => {
    const result = await client('admin').raw.GET('/cases', { params: { query: query as never } });
    const problem = expectRawProblem(result, 400, 'validation-failed');
    expect(
      problem.errors.some((e) => e.path === path || e.path.startsWith(`${path}/`)),
      JSON.stringify(problem.errors),
    ).toBe(true);
  });
});
