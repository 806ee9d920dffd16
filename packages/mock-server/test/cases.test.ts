import { afterEach, describe, expect, it } from 'vitest';
import { trackingTokenPattern } from '@gridkit/sdk';
import type { GridkitError } from '@gridkit/sdk';
import { tokens } from './support/fixture.js';
import { closeCase, createHarness, report, type Harness } from './support/harness.js';

let h: Harness;
afterEach(() => expect(h.contractBreaks).toEqual([]));

const post = (body: unknown, key: string, token?: string) =>
  h.request('/cases', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': key }, token });

describe('reporting a case', () => {
  it('returns a ticket, a secret token, the SLA due date and a Location for the public view', async () => {
    h = createHarness({ now: new Date('2026-03-10T17:30:00.000Z') });
    const response = await post(
      report({ categoryCode: 'dispute.neighbour', reporter: { name: '王大妈', phone: '13800000000' } }),
      'key-00001',
    );
    expect(response.status).toBe(201);
    const receipt = await response.json();
    // 17:30 UTC is already 11 March in Shanghai: the ticket carries the local date.
    expect(receipt).toMatchObject({
      ticket: 'TS-20260311-0001',
      status: 'submitted',
      level: 'grid',
      dueAt: '2026-03-13T17:30:00.000Z',
    });
    expect(receipt.trackingToken).toMatch(trackingTokenPattern);
    expect(response.headers.get('Location')).toBe(`/api/v1/tickets/${receipt.ticket}`);
    const stored = h.db.prepare('SELECT tracking_token_hash, reporter_phone FROM cases').get() as Record<
      string,
      string
    >;
    expect(stored.tracking_token_hash).not.toContain(receipt.trackingToken);
    expect(stored.reporter_phone).toBe('13800000000');
  });

  it('numbers the day’s cases in sequence and starts again the next day', async () => {
    h = createHarness({ now: new Date('2026-03-10T10:00:00.000Z') });
    const c = h.client();
    const first = await c.cases.create(report());
    const second = await c.cases.create(report());
    h.clock.now = new Date('2026-03-11T10:00:00.000Z');
    const third = await c.cases.create(report());
    expect([first.ticket, second.ticket, third.ticket]).toEqual([
      'TS-20260310-0001',
      'TS-20260310-0002',
      'TS-20260311-0001',
    ]);
  });

  it('gives 200 reports sent at once 200 distinct, consecutive tickets', async () => {
    h = createHarness();
    const c = h.client();
    const receipts = await Promise.all(Array.from({ length: 200 }, () => c.cases.create(report())));
    const numbers = receipts.map((r) => Number(r.ticket.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(receipts.map((r) => r.id)).size).toBe(200);
    expect(h.count('cases')).toBe(200);
  });

  it('records a staff member’s report through the grid_worker channel with them as actor', async () => {
    h = createHarness();
    const { id } = await h.client(tokens.workerG1).cases.create(report({ channel: 'web' }));
    const c = await h.client(tokens.adminD).cases.get(id);
    expect(c.channel).toBe('grid_worker');
    const [created] = (await h.client(tokens.adminD).cases.events(id)).items;
    expect(created!.actor).toMatchObject({ type: 'staff', id: 'stf_g1' });
  });

  it('refuses a bogus token on a report instead of ignoring it', async () => {
    h = createHarness();
    const response = await post(report(), 'key-00002', 'not-a-token');
    expect(response.status).toBe(401);
    expect(h.count('cases')).toBe(0);
  });

  it('accepts the answers a category’s extra fields ask for, and names every problem otherwise', async () => {
    h = createHarness();
    const c = h.client();
    const media = h.db.prepare(
      "INSERT INTO media (id, content_type, bytes, width, height, sha256, created_at) VALUES ('med_1', 'image/png', 1, 1, 1, 'x', '2026-01-01T00:00:00.000Z')",
    );
    media.run();
    const manhole = report({
      categoryCode: 'road.manhole',
      mediaIds: ['med_1'],
      location: { address: '一社区北门', point: { lat: 36.09, lng: 114.35 } },
      attributes: { damage: 'missing' },
    });
    await expect(c.cases.create(manhole)).resolves.toMatchObject({ categoryCode: 'road.manhole' });
    const error = (await c.cases
      .create(report({ categoryCode: 'road.manhole', attributes: { damage: 'stolen', colour: 'red' } }))
      .catch((e: unknown) => e)) as GridkitError;
    expect(error.status).toBe(422);
    expect(error.errors.map((e) => e.code).sort()).toEqual(
      ['attribute_invalid', 'location_required', 'photo_required', 'unknown_attribute'].sort(),
    );
    expect(h.count('cases')).toBe(1);
  });
});

describe('idempotent reports', () => {
  it('replays the original receipt for the same key and body, and stores one case', async () => {
    h = createHarness();
    const first = await post(report(), 'kiosk-7-0001');
    const again = await post(report(), 'kiosk-7-0001');
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(h.count('cases')).toBe(1);
    expect(h.count('case_events')).toBe(1);
  });

  it('treats the same JSON with keys in another order as the same request', async () => {
    h = createHarness();
    const body = report();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    await post(body, 'key-order-1');
    expect((await post(reordered, 'key-order-1')).headers.get('Idempotent-Replayed')).toBe('true');
    expect(h.count('cases')).toBe(1);
  });

  it('refuses the same key with a different body', async () => {
    h = createHarness();
    await post(report(), 'key-00003');
    const response = await post(report({ description: '另一件事' }), 'key-00003');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ type: 'https://gridkit.dev/problems/idempotency-key-reused' });
    expect(h.count('cases')).toBe(1);
  });

  it('scopes keys to the caller: the same key from two callers makes two cases', async () => {
    h = createHarness();
    await post(report(), 'shared-key-01');
    await post(report(), 'shared-key-01', tokens.workerG1);
    expect(h.count('cases')).toBe(2);
  });

  it('replays a 422 outcome too, without storing anything', async () => {
    h = createHarness();
    const bad = report({ categoryCode: 'no.such' });
    expect((await post(bad, 'key-bad-01')).status).toBe(422);
    const again = await post(bad, 'key-bad-01');
    expect(again.status).toBe(422);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toMatchObject({ errors: [expect.objectContaining({ code: 'unknown_category' })] });
    expect(h.count('cases')).toBe(0);
  });

  it('keeps keys for at least 24 hours', async () => {
    h = createHarness();
    await post(report(), 'key-day-01');
    h.clock.now = new Date(h.clock.now.getTime() + 24 * 3_600_000);
    expect((await post(report(), 'key-day-01')).headers.get('Idempotent-Replayed')).toBe('true');
    expect(h.count('cases')).toBe(1);
  });

  it('replays a transition instead of failing it on the version it already moved', async () => {
    h = createHarness();
    const { id } = await h.client().cases.create(report());
    const send = () =>
      h.request(`/cases/${id}/transitions`, {
        method: 'POST',
        token: tokens.adminD,
        headers: { 'If-Match': '"1"', 'Idempotency-Key': 'accept-once' },
        body: JSON.stringify({ action: 'accept' }),
      });
    expect((await send()).status).toBe(200);
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(h.count('case_events')).toBe(2);
  });
});

describe('evaluation by the reporter', () => {
  it('takes one rating, with the tracking token, once the case is closed', async () => {
    h = createHarness();
    const admin = h.client(tokens.adminD);
    const receipt = await h.client().cases.create(report());
    const evaluate = (trackingToken: string, score = 5) =>
      h
        .client()
        .cases.evaluate(receipt.ticket, { trackingToken, score, comment: '处理及时' })
        .catch((e: GridkitError) => e);

    expect(await evaluate(receipt.trackingToken)).toMatchObject({
      status: 409,
      type: 'https://gridkit.dev/problems/case-not-closed',
    });
    const c = await closeCase(admin, receipt.id, h.client(tokens.supervisorD));
    expect(await evaluate('wrong-token-wrong-token!')).toMatchObject({
      status: 403,
      type: 'https://gridkit.dev/problems/invalid-tracking-token',
    });
    expect(await evaluate(receipt.trackingToken)).toMatchObject({ score: 5, comment: '处理及时' });
    expect(await evaluate(receipt.trackingToken, 1)).toMatchObject({
      status: 409,
      type: 'https://gridkit.dev/problems/already-evaluated',
    });
    const publicView = await h.client().cases.getPublic(receipt.ticket, { trackingToken: receipt.trackingToken });
    expect(publicView).toMatchObject({ canEvaluate: false, evaluation: { score: 5, comment: '处理及时' } });
    // By ticket alone: that it was rated shows (canEvaluate), not the rating.
    const byTicket = await h.client().cases.getPublic(receipt.ticket);
    expect(byTicket.canEvaluate).toBe(false);
    expect(byTicket.evaluation).toBeUndefined();
    expect((await admin.cases.get(receipt.id)).version).toBe(c.version);
  });
});

describe('personal data', () => {
  it('never appears in the public view of a case', async () => {
    h = createHarness();
    const receipt = await h
      .client()
      .cases.create(
        report({ reporter: { name: '王大妈', phone: '13912345678' }, description: '我家楼下漏水，电话 13912345678' }),
      );
    for (const trackingToken of [undefined, receipt.trackingToken]) {
      const text = JSON.stringify(await h.client().cases.getPublic(receipt.ticket, { trackingToken }));
      for (const secret of ['王大妈', '13912345678', '漏水', '一社区 3 号楼东侧', receipt.trackingToken])
        expect(text).not.toContain(secret);
    }
  });
});
