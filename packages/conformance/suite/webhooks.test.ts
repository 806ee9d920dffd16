/**
 * Webhooks (`createWebhook`, `listWebhooks`, `deleteWebhook`, `listWebhookDeliveries`, `redeliverWebhook`): an admin
 * registers an endpoint and gets its secret once; other roles are refused; a URL that is neither https nor loopback
 * is refused with `url_not_allowed`; an event the webhook asked for is in its delivery log with its id and type (the
 * endpoint here does not exist, so the log shows attempts, not a delivery); a re-send queues it again; a removed
 * webhook is gone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { report } from './support/cases.js';
import { client } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { expectIssueCodes, expectProblem } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

/** An endpoint that cannot exist (`.invalid` is reserved), so nothing is really sent anywhere. */
const nowhere = 'https://gridkit-conformance.invalid/hook';

describe('webhooks', () => {
  it('are registered by admins, with the secret shown once, and refused to other roles', async () => {
    const admin = client('admin');
    const hook = await admin.webhooks.create({ url: nowhere, events: ['case.created'], description: 'conformance' });
    try {
      expect(hook).toMatchObject({ url: nowhere, events: ['case.created'] });
      expect(typeof hook.secret).toBe('string');
      expect(hook.secret.length).toBeGreaterThanOrEqual(16);
      const listed = (await admin.webhooks.list()).items.find((h) => h.id === hook.id);
      expect(listed).toBeDefined();
      expect(JSON.stringify(listed)).not.toContain(hook.secret);
      await expectProblem(
        client('worker').webhooks.create({ url: nowhere, events: ['case.created'] }),
        403,
        'forbidden',
      );
      await expectProblem(client('worker').webhooks.list(), 403, 'forbidden');
    } finally {
      await admin.webhooks.remove(hook.id);
    }
  });

  it('refuses an endpoint that is neither https nor on loopback', async () => {
    const error = await expectProblem(
      client('admin').webhooks.create({ url: 'http://vendor.example/hook', events: ['case.created'] }),
      422,
      'unprocessable',
    );
    expectIssueCodes(error.errors, ['url_not_allowed']);
  });

  it('logs a delivery of each event asked for, re-sends it on request, and forgets a removed webhook', async () => {
    const admin = client('admin');
    const hook = await admin.webhooks.create({ url: nowhere, events: ['case.created'] });
    const { receipt } = await report(world);
    const log = (await admin.webhooks.deliveries(hook.id)).items;
    expect(log.length).toBeGreaterThanOrEqual(1);
    const delivery = log[0]!;
    expect(delivery).toMatchObject({ webhookId: hook.id, eventType: 'case.created' });
    expect(['pending', 'failed']).toContain(delivery.status);
    expect(typeof delivery.eventId).toBe('string');
    void receipt;
    const again = await admin.webhooks.redeliver(hook.id, delivery.id);
    expect(again).toMatchObject({ id: delivery.id, eventId: delivery.eventId, status: 'pending' });
    await admin.webhooks.remove(hook.id);
    expect((await admin.webhooks.list()).items.some((h) => h.id === hook.id)).toBe(false);
    await expectProblem(admin.webhooks.deliveries(hook.id), 404, 'not-found');
  });
});
