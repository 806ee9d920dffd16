/**
 * Webhooks for vendors (issue 13) on the real HTTP server, delivering to a
 * real receiver on loopback that answers as the test says (200, 500, or not
 * in time). Every delivery is checked as a vendor's receiver checks it, with
 * the SDK's `verifyWebhookSignature`; retries keep the event id; an event
 * type a webhook did not ask for is never delivered; the delivery log and a
 * re-send work through the API.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGridkitClient, verifyWebhookSignature, type GridkitClient } from '@gridkit/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../src/server.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

let server: StartedServer;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** How the receiver answers the next requests, in order; then 200. */
let answers: ('ok' | 'fail' | 'hang')[] = [];
let admin: GridkitClient;
let gridId: string;

const until = async (test: () => boolean, what: string, ms = 5000) => {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** The webhook's log once its first `count` deliveries are no longer pending. */
async function settledLog(webhookId: string, count: number) {
  for (let tries = 0; ; tries++) {
    const items = (await admin.webhooks.deliveries(webhookId)).items;
    if (items.length >= count && items.slice(0, count).every((d) => d.status !== 'pending')) return items;
    if (tries > 100) throw new Error('deliveries still pending');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const report = () =>
  createGridkitClient({ baseUrl: server.apiUrl }).cases.create({
    gridId,
    categoryCode: 'dispute.parking',
    description: '小区门口车辆占用消防通道，我是 3 号楼的张先生 13900001111',
    location: { address: '桥北社区东门' },
    reporter: { name: '张先生', phone: '13900001111' },
  });

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body, at: Date.now() });
      const answer = answers.shift() ?? 'ok';
      if (answer === 'hang') return; // never answers: the sender's timeout
      response.writeHead(answer === 'ok' ? 204 : 500).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/gridkit-hook`;
  server = await startServer({
    port: 0,
    seed: 'demo',
    rateLimit: false,
    log: () => {},
    webhooks: { intervalMs: 50, timeoutMs: 300, retry: { firstMs: 100, maxMs: 400, maxAttempts: 4 } },
  });
  admin = createGridkitClient({ baseUrl: server.apiUrl, token: 'demo-admin-district' });
  gridId = server.demoTokens.find((t) => t.token === 'demo-worker-qiaobei-02')!.gridIds[0]!;
});
afterEach(async () => {
  for (const hook of (await admin.webhooks.list()).items) await admin.webhooks.remove(hook.id);
  answers = [];
  received.length = 0;
});
afterAll(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('registering', () => {
  it('is for admins; the secret is shown once; the URL must be https, or http to loopback', async () => {
    const worker = createGridkitClient({ baseUrl: server.apiUrl, token: 'demo-worker-qiaobei-02' });
    await expect(worker.webhooks.create({ url: receiverUrl, events: ['case.created'] })).rejects.toMatchObject({
      status: 403,
    });
    for (const url of [
      'http://notify.vendor.example/hook',
      'ftp://127.0.0.1/hook',
      'https://user:pw@vendor.example/',
    ]) {
      await expect(admin.webhooks.create({ url, events: ['case.created'] }), url).rejects.toMatchObject({
        status: 422,
        errors: [expect.objectContaining({ code: 'url_not_allowed' })],
      });
    }
    const hook = await admin.webhooks.create({ url: receiverUrl, events: ['case.created'], description: '微信通知' });
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = (await admin.webhooks.list()).items;
    expect(listed.map((h) => h.id)).toEqual([hook.id]);
    expect(JSON.stringify(listed)).not.toContain(hook.secret);
    expect(server.db.prepare('SELECT count(*) FROM webhooks').pluck().get()).toBeGreaterThan(0);
  });
});

describe('delivering', () => {
  it('posts each event signed with the secret, with its id and type, and nothing of the reporter', async () => {
    const hook = await admin.webhooks.create({ url: receiverUrl, events: ['case.created', 'case.status_changed'] });
    const receipt = await report();
    await until(() => received.length === 1, 'the delivery');
    const [delivery] = received;
    expect(
      await verifyWebhookSignature({
        body: delivery!.body,
        signature: delivery!.headers['gridkit-signature'] as string,
        secret: hook.secret,
      }),
    ).toBe(true);
    const event = JSON.parse(delivery!.body) as { id: string; type: string; data: Record<string, unknown> };
    expect(delivery!.headers['gridkit-event-id']).toBe(event.id);
    expect(delivery!.headers['gridkit-event-type']).toBe('case.created');
    expect(event).toMatchObject({
      type: 'case.created',
      data: { ticket: receipt.ticket, caseId: receipt.id, status: 'submitted', gridId },
    });
    expect(delivery!.body).not.toContain('张先生');
    expect(delivery!.body).not.toContain('13900001111');
    // Tampered, signed with another secret, or replayed later: refused.
    const signature = delivery!.headers['gridkit-signature'] as string;
    expect(
      await verifyWebhookSignature({
        body: delivery!.body.replace('submitted', 'closed'),
        signature,
        secret: hook.secret,
      }),
    ).toBe(false);
    expect(await verifyWebhookSignature({ body: delivery!.body, signature, secret: 'whsec_other' })).toBe(false);
    expect(
      await verifyWebhookSignature({ body: delivery!.body, signature, secret: hook.secret, now: Date.now() + 600_000 }),
    ).toBe(false);

    // A transition is a status change; the log shows both, delivered.
    const kase = await admin.cases.get(receipt.id);
    await admin.cases.transition(receipt.id, { action: 'accept' }, { version: kase.version });
    await until(() => received.length === 2, 'the status change');
    expect(JSON.parse(received[1]!.body)).toMatchObject({ type: 'case.status_changed', data: { status: 'accepted' } });
    const log = await settledLog(hook.id, 2);
    expect(log.map((d) => [d.eventType, d.status, d.attempts])).toEqual([
      ['case.status_changed', 'delivered', 1],
      ['case.created', 'delivered', 1],
    ]);
  });

  it('retries a 5xx and a timeout with backoff and the same event id, until a 2xx', async () => {
    const hook = await admin.webhooks.create({ url: receiverUrl, events: ['case.created'] });
    answers = ['fail', 'hang', 'ok'];
    await report();
    await until(() => received.length === 3, 'three attempts', 8000);
    const ids = received.map((r) => r.headers['gridkit-event-id']);
    expect(new Set(ids).size).toBe(1);
    // Backoff: the second attempt 100 ms after the first failed, the third 200 ms after the timeout.
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(90);
    expect(received[2]!.at - received[1]!.at).toBeGreaterThanOrEqual(300 + 190);
    for (const attempt of received)
      expect(
        await verifyWebhookSignature({
          body: attempt.body,
          signature: attempt.headers['gridkit-signature'] as string,
          secret: hook.secret,
        }),
      ).toBe(true);
    const log = await settledLog(hook.id, 1);
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
  });

  it('gives up after the last attempt, says why, and sends it again on request with the same event id', async () => {
    const hook = await admin.webhooks.create({ url: receiverUrl, events: ['case.created'] });
    answers = ['fail', 'fail', 'fail', 'fail'];
    await report();
    await until(() => received.length === 4, 'four attempts', 8000);
    const first = (await settledLog(hook.id, 1))[0]!;
    expect(first).toMatchObject({ status: 'failed', attempts: 4, lastStatusCode: 500, nextAttemptAt: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toHaveLength(4);

    const requeued = await admin.webhooks.redeliver(hook.id, first.id);
    expect(requeued.status).toBe('pending');
    await until(() => received.length === 5, 'the re-send');
    expect(received[4]!.headers['gridkit-event-id']).toBe(first.eventId);
  });

  it('never delivers an event type the webhook did not ask for, nor an event outside its admin’s jurisdiction', async () => {
    await admin.webhooks.create({ url: receiverUrl, events: ['notice.published'] });
    const community = createGridkitClient({ baseUrl: server.apiUrl, token: 'demo-admin-community-qiaobei' });
    await community.webhooks.create({ url: `${receiverUrl}?community`, events: ['case.created'] });
    const elsewhere = server.demoTokens.find((t) => t.token === 'demo-worker-caihong-06')!.gridIds[0]!;
    await createGridkitClient({ baseUrl: server.apiUrl }).cases.create({
      gridId: elsewhere,
      categoryCode: 'dispute.parking',
      description: '彩虹社区车辆占道',
      location: { address: '彩虹社区' },
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(received).toEqual([]);
    await admin.notices.create(gridId, { title: '明日停水', body: '8:00–12:00 停水。', kind: 'alert' });
    await report();
    await until(() => received.length === 2, 'the notice and the community’s case');
    expect(received.map((r) => r.headers['gridkit-event-type']).sort()).toEqual(['case.created', 'notice.published']);
    for (const hook of (await community.webhooks.list()).items) await community.webhooks.remove(hook.id);
  });

  it('stops delivering to a removed webhook, pending attempts included', async () => {
    const hook = await admin.webhooks.create({ url: receiverUrl, events: ['case.created'] });
    answers = ['fail'];
    await report();
    await until(() => received.length === 1, 'the first attempt');
    await admin.webhooks.remove(hook.id);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(received).toHaveLength(1);
    await expect(admin.webhooks.deliveries(hook.id)).rejects.toMatchObject({ status: 404 });
  });

  it('writes the delivery with the case, in one transaction: it exists the moment the report is answered', async () => {
    await admin.webhooks.create({ url: 'https://vendor.invalid/hook', events: ['case.created'] });
    const receipt = await report();
    const rows = server.db
      .prepare(
        `SELECT e.payload FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id ORDER BY d.created_at DESC LIMIT 1`,
      )
      .pluck()
      .all() as string[];
    expect(JSON.parse(rows[0]!)).toMatchObject({ type: 'case.created', data: { ticket: receipt.ticket } });
  });
});
