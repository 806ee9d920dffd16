import { expect } from '@open-wc/testing';
import { createGridkitClient } from '../../src/index.js';
import { createOutbox, OutboxStorageError, type Outbox } from '../../src/outbox/index.js';
import { casesOnServer, dbName, jpeg, marker, setUp, testServer } from './support.js';

/**
 * Runs `run` while IndexedDB refuses every write as a full disk does
 * (`QuotaExceededError` from `put` and `add`). A stand-in: a really full disk
 * cannot be produced here (Chromium's quota override over CDP has no effect in
 * this Playwright), so the object store's write methods throw what Chromium
 * throws then. Reads still work, as they do on a full disk.
 */
async function withFullDisk<T>(run: () => Promise<T>): Promise<T> {
  const { put, add } = IDBObjectStore.prototype;
  const full = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  IDBObjectStore.prototype.put = full;
  IDBObjectStore.prototype.add = full;
  try {
    return await run();
  } finally {
    IDBObjectStore.prototype.put = put;
    IDBObjectStore.prototype.add = add;
  }
}

/** A client (public, or staff with `token`) that records every request leaving the page. */
function countingClient(token?: string) {
  const sent: string[] = [];
  const client = createGridkitClient({
    baseUrl: testServer.apiUrl,
    ...(token ? { token } : {}),
    retry: false,
    fetch: (input, init) => {
      const request = new Request(input as Request, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
  });
  return { client, sent };
}

const open: Outbox[] = [];
afterEach(() => {
  for (const box of open.splice(0)) box.close();
});

describe('outbox: a full disk', () => {
  it('submitCase rejects with OutboxStorageError (quota); nothing is sent and nothing stays pending', async () => {
    const { gridId, categoryCode } = await setUp();
    const { client, sent } = countingClient();
    // Automatic flushing on: a write that slipped into the database would be sent on its own.
    const box = createOutbox(client, { name: dbName('quota'), baseDelayMs: 20, maxDelayMs: 50 });
    open.push(box);
    const text = marker('quota');
    const input = { gridId, categoryCode, description: `垃圾堆在楼道 ${text}`, location: { address: '5 号楼' } };
    const photo = await jpeg(200);

    const error = await withFullDisk(() => box.submitCase(input, [{ blob: photo, filename: 'hall.jpg' }])).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(error).to.be.instanceOf(OutboxStorageError);
    expect((error as OutboxStorageError).reason).to.equal('quota');
    expect((error as Error).message).to.match(/no room left/);
    expect(((error as Error).cause as DOMException).name).to.equal('QuotaExceededError');
    expect(await box.pending()).to.deep.equal([]);
    // Space again: a flush and a moment for the timer still send nothing, because nothing was kept.
    await box.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent, 'requests sent').to.deep.equal([]);
    expect(await casesOnServer(text)).to.have.length(0);

    // The user tries again once there is room: it goes through, as exactly one case.
    const again = await box.submitCase(input, [{ blob: photo, filename: 'hall.jpg' }]);
    expect(again.status).to.equal('sent');
    expect(await casesOnServer(text)).to.have.length(1);
  });

  it('submitServiceLog rejects the same way; nothing is sent and nothing stays pending', async () => {
    const { workerGridId } = await setUp();
    const worker = testServer.tokens.find((t) => t.role === 'grid_worker')!;
    const { client, sent } = countingClient(worker.token);
    const box = createOutbox(client, { name: dbName('quota-log'), baseDelayMs: 20, maxDelayMs: 50 });
    open.push(box);

    const error = await withFullDisk(() =>
      box.submitServiceLog({
        gridId: workerGridId,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        kind: 'visit',
        subjectGroups: ['elderly_alone'],
        summary: `上门看望 ${marker('quota-log')}`,
        minutes: 20,
        outcome: 'resolved',
      }),
    ).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(error).to.be.instanceOf(OutboxStorageError);
    expect((error as OutboxStorageError).reason).to.equal('quota');
    expect(await box.pending()).to.deep.equal([]);
    await box.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent, 'requests sent').to.deep.equal([]);
  });
});
