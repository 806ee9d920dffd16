import { expect } from '@open-wc/testing';
import { createOutbox, type Outbox, type OutboxEventMap } from '../../src/outbox/index.js';
import type { CaseReceipt, ServiceLog } from '../../src/index.js';
import {
  casesOnServer,
  dbName,
  faultyClient,
  firstN,
  jpeg,
  marker,
  seeded,
  setUp,
  testServer,
  until,
  type Fault,
} from './support.js';

const open: Outbox[] = [];
/** Every outbox made here is closed after its test, as a page unload would. */
function outbox(...args: Parameters<typeof createOutbox>): Outbox {
  const made = createOutbox(...args);
  open.push(made);
  return made;
}
afterEach(() => {
  for (const made of open.splice(0)) made.close();
});

/** Collects an outbox's events of one type. */
function record<K extends keyof OutboxEventMap>(box: Outbox, type: K): OutboxEventMap[K]['detail'][] {
  const seen: OutboxEventMap[K]['detail'][] = [];
  box.addEventListener(type, (event) => seen.push(event.detail));
  return seen;
}

/** A report into `gridId` (the first grid by default; a worker's own grid when a worker's token sends it). */
async function report(label: string, gridId?: string) {
  const world = await setUp();
  gridId ??= world.gridId;
  const { categoryCode } = world;
  const text = marker(label);
  return { text, input: { gridId, categoryCode, description: `楼道灯不亮 ${text}`, location: { address: '3 号楼' } } };
}

describe('outbox: sending', () => {
  it('sends at once when the server answers, keeping nothing on the device', async () => {
    const { client } = faultyClient(() => undefined);
    const box = outbox(client, { name: dbName('ok'), autoFlush: false });
    const sent = record(box, 'sent');
    const changes = record(box, 'change');
    const { text, input } = await report('ok');

    const result = await box.submitCase(input);

    expect(result.status).to.equal('sent');
    const receipt = (result as { result: CaseReceipt }).result;
    expect(receipt.ticket).to.be.a('string');
    expect(await box.pending()).to.deep.equal([]);
    expect(sent.map((s) => s.result.id)).to.deep.equal([receipt.id]);
    await until(() => changes.at(-1)?.pending === 0 && changes.length >= 2, 'change events');
    const cases = await casesOnServer(text);
    expect(cases.map((c) => c.ticket)).to.deep.equal([receipt.ticket]);
  });

  it('a report whose answer is lost after the server committed (drop-after-commit) becomes exactly one case', async () => {
    const { client, traffic } = faultyClient(firstN('POST /cases', 1, 'drop-after-commit'));
    const box = outbox(client, { name: dbName('drop'), autoFlush: false });
    const queued = record(box, 'queued');
    const { text, input } = await report('drop');

    const first = await box.submitCase(input);
    expect(first.status).to.equal('queued');
    expect(first.entry.lastFailure).to.equal('network');
    expect(queued).to.have.length(1);
    // The case exists already; the device does not know it yet.
    expect(await casesOnServer(text)).to.have.length(1);

    const sent = record(box, 'sent');
    await box.flush();

    expect(await box.pending()).to.deep.equal([]);
    expect(traffic.count('POST /cases')).to.equal(2);
    expect(traffic.replays).to.equal(1);
    const cases = await casesOnServer(text);
    expect(cases).to.have.length(1);
    expect((sent[0]!.result as CaseReceipt).ticket).to.equal(cases[0]!.ticket);
  });

  it('a 503 with Retry-After is kept and sent again when the server said, not on the backoff', async () => {
    const { client, traffic } = faultyClient(firstN('POST /cases', 1, 'status=503; retry-after=1'));
    // A backoff of a minute: only the server's Retry-After can bring it back within the test.
    const box = outbox(client, { name: dbName('503'), baseDelayMs: 60_000, maxDelayMs: 60_000 });
    const sent = record(box, 'sent');
    const { text, input } = await report('503');

    const started = Date.now();
    const result = await box.submitCase(input);
    expect(result.status).to.equal('queued');
    expect(result.entry.lastFailure).to.equal('503');
    const wait = Date.parse(result.entry.nextAttemptAt!) - started;
    expect(wait).to.be.within(900, 1500);

    await until(() => sent.length === 1, 'sent after Retry-After', 5000);
    expect(Date.now() - started).to.be.at.least(900);
    expect(traffic.count('POST /cases')).to.equal(2);
    expect(await casesOnServer(text)).to.have.length(1);
  });

  it('a report made offline survives a reload (a new outbox on the same database) and is sent when the network is back', async () => {
    const { workerGridId, worker } = await setUp();
    const name = dbName('offline');
    const offline = faultyClient(() => 'offline');
    const before = outbox(offline.client, { name, autoFlush: false });
    // The worker's own report and service log: staff report only into grids of their jurisdiction.
    const { text, input } = await report('offline', workerGridId);
    const photo = await jpeg(30);

    const reported = await before.submitCase(input, [{ blob: photo, filename: 'lamp.jpg' }]);
    const logged = await before.submitServiceLog({
      gridId: workerGridId,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      kind: 'visit',
      subjectGroups: ['elderly_alone'],
      summary: `上门看望 ${text}`,
      minutes: 20,
      outcome: 'resolved',
    });
    expect([reported.status, logged.status]).to.deep.equal(['queued', 'queued']);
    const kept = await before.pending();
    expect(kept.map((e) => [e.kind, e.state])).to.deep.equal([
      ['case', 'queued'],
      ['serviceLog', 'queued'],
    ]);
    expect(kept[0]!.kind === 'case' && (await kept[0]!.photos[0]!.blob.arrayBuffer()).byteLength).to.equal(photo.size);
    before.close(); // the page goes away

    // The reload: a new page, a new outbox, and the network is back. It sends on start.
    const online = faultyClient(() => undefined, {
      token: testServer.tokens.find((t) => t.role === 'grid_worker')!.token,
    });
    const after = outbox(online.client, { name });
    const sent = record(after, 'sent');
    await until(async () => (await after.pending()).length === 0 && sent.length === 2, 'sent after reload');

    const cases = await casesOnServer(text);
    expect(cases).to.have.length(1);
    expect(cases[0]!.mediaIds).to.have.length(1);
    const log = sent.find((s) => s.entry.kind === 'serviceLog')!.result as ServiceLog;
    expect(log.summary).to.equal(`上门看望 ${text}`);
    const logs = await worker.serviceLogs.list({ gridId: workerGridId, limit: 100 });
    expect(logs.items.filter((l) => l.summary.includes(text))).to.have.length(1);
  });

  it('sends what waits when the browser says it is online again', async () => {
    let offline = true;
    const { client } = faultyClient(() => (offline ? 'offline' : undefined));
    const box = outbox(client, { name: dbName('online'), baseDelayMs: 60_000, maxDelayMs: 60_000 });
    const sent = record(box, 'sent');
    const { text, input } = await report('online');

    expect((await box.submitCase(input)).status).to.equal('queued');
    offline = false;
    window.dispatchEvent(new Event('online'));

    await until(() => sent.length === 1, 'sent on online');
    expect(await casesOnServer(text)).to.have.length(1);
  });
});

describe('outbox: photos', () => {
  it('uploads each photo once, even when an upload answer is lost, and the case references them', async () => {
    const { client, traffic } = faultyClient(firstN('POST /media', 1, 'drop-after-commit'));
    const box = outbox(client, { name: dbName('photos'), autoFlush: false });
    const { text, input } = await report('photos');

    const first = await box.submitCase(input, [
      { blob: await jpeg(10), filename: 'a.jpg' },
      { blob: await jpeg(200), filename: 'b.jpg' },
    ]);
    expect(first.status).to.equal('queued');
    expect(traffic.count('POST /cases')).to.equal(0);

    const sent = record(box, 'sent');
    await box.flush();

    // The first photo twice (its answer was lost, then replayed), the second once.
    expect(traffic.count('POST /media')).to.equal(3);
    expect(traffic.replays).to.equal(1);
    const entry = sent[0]!.entry;
    const mediaIds = entry.kind === 'case' ? entry.photos.map((p) => p.mediaId) : [];
    const cases = await casesOnServer(text);
    expect(cases).to.have.length(1);
    expect(cases[0]!.mediaIds).to.deep.equal(mediaIds);
    expect(new Set(mediaIds).size).to.equal(2);
  });

  it('resumes after a reload between two photo uploads without uploading the first again', async () => {
    const name = dbName('resume');
    let uploads = 0;
    // The first upload goes through, then the network drops.
    const flaky = faultyClient((request) => (request.method === 'POST' && ++uploads > 1 ? 'offline' : undefined));
    const before = outbox(flaky.client, { name, autoFlush: false });
    const { text, input } = await report('resume');
    const result = await before.submitCase(input, [
      { blob: await jpeg(50), filename: 'a.jpg' },
      { blob: await jpeg(150), filename: 'b.jpg' },
    ]);
    expect(result.status).to.equal('queued');
    const kept = result.entry.kind === 'case' ? result.entry.photos.map((p) => Boolean(p.mediaId)) : [];
    expect(kept).to.deep.equal([true, false]);
    before.close();

    const healthy = faultyClient(() => undefined);
    const after = outbox(healthy.client, { name, autoFlush: false });
    await after.flush();

    expect(healthy.traffic.count('POST /media')).to.equal(1);
    expect(await after.pending()).to.deep.equal([]);
    const cases = await casesOnServer(text);
    expect(cases).to.have.length(1);
    expect(cases[0]!.mediaIds).to.have.length(2);
  });
});

describe('outbox: refusals and storage', () => {
  it('a 422 is failed with the server’s problem, not retried, and kept until discarded', async () => {
    const { client, traffic } = faultyClient(() => undefined);
    const name = dbName('422');
    const box = outbox(client, { name, autoFlush: false });
    const failed = record(box, 'failed');
    const { text, input } = await report('422');

    const result = await box.submitCase({ ...input, categoryCode: 'no.such_category' });

    expect(result.status).to.equal('failed');
    const problem = (result as { problem: { status: number; type: string } }).problem;
    expect(problem.status).to.equal(422);
    expect(failed).to.have.length(1);
    expect(failed[0]!.problem.status).to.equal(422);
    const [entry] = await box.pending();
    expect(entry!.state).to.equal('failed');
    expect(entry!.problem!.status).to.equal(422);

    // Neither flush nor a reload sends it again.
    await box.flush();
    box.close();
    const again = outbox(client, { name });
    await again.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(traffic.count('POST /cases')).to.equal(1);
    expect((await again.pending()).map((e) => e.state)).to.deep.equal(['failed']);

    const changes = record(again, 'change');
    await again.discard(entry!.id);
    expect(await again.pending()).to.deep.equal([]);
    await until(() => changes.some((c) => c.pending === 0), 'change to 0');
    expect(await casesOnServer(text)).to.have.length(0);
  });
});

describe('outbox: tabs', () => {
  it('two outboxes flushing the same database at once send each entry once, and both hear of it', async () => {
    const name = dbName('tabs');
    const offline = faultyClient(() => 'offline');
    const maker = outbox(offline.client, { name, autoFlush: false });
    const { text, input } = await report('tabs');
    for (let i = 0; i < 5; i++) {
      expect((await maker.submitCase({ ...input, description: `${input.description} #${i}` })).status).to.equal(
        'queued',
      );
    }
    const heardByMaker = record(maker, 'sent');

    // Two "tabs", each slow enough that their flushes overlap.
    const tabA = faultyClient(() => 'latency=100');
    const tabB = faultyClient(() => 'latency=100');
    const a = outbox(tabA.client, { name, autoFlush: false });
    const b = outbox(tabB.client, { name, autoFlush: false });
    const sentA = record(a, 'sent');
    const sentB = record(b, 'sent');
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);

    expect(await a.pending()).to.deep.equal([]);
    expect(tabA.traffic.count('POST /cases') + tabB.traffic.count('POST /cases')).to.equal(5);
    expect(await casesOnServer(text)).to.have.length(5);
    // Each tab fires `sent` for every entry: its own sends and the other's, by broadcast.
    await until(() => sentA.length === 5 && sentB.length === 5 && heardByMaker.length === 5, 'sent everywhere');
    expect(new Set(heardByMaker.map((s) => (s.result as CaseReceipt).ticket)).size).to.equal(5);
  });
});

const total = testServer.outboxReports;
describe(`outbox: ${total} reports through random faults`, () => {
  it(`become exactly ${total} cases, none lost, none doubled, across reloads`, async function () {
    this.timeout(Math.max(180_000, total * 1000));
    const started = performance.now();
    const name = dbName('chaos');
    const random = seeded(7);
    const plan = (): Fault => {
      const r = random();
      if (r < 0.15) return 'offline';
      if (r < 0.3) return 'drop-after-commit';
      if (r < 0.4) return 'status=503; retry-after=0';
      if (r < 0.5) return 'status=429; retry-after=0';
      if (r < 0.58) return 'latency=600'; // past the client's timeout; the server still commits
      return undefined;
    };
    const faults: Record<string, number> = {};
    const make = () => {
      const made = faultyClient(plan, { timeoutMs: 300, retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 20 } });
      return { ...made, box: outbox(made.client, { name, autoFlush: false, baseDelayMs: 5, maxDelayMs: 50 }) };
    };
    const tally = (traffic: { faults: Record<string, number> }) => {
      for (const [fault, n] of Object.entries(traffic.faults)) faults[fault] = (faults[fault] ?? 0) + n;
    };
    const tickets = new Set<string>();
    const { text, input } = await report('chaos');
    const photo = await jpeg(90);
    let current = make();
    let reloads = 0;
    const listen = () =>
      current.box.addEventListener('sent', (e) => tickets.add((e.detail.result as CaseReceipt).ticket));
    listen();
    const reload = () => {
      current.box.close();
      tally(current.traffic);
      current = make();
      listen();
      reloads += 1;
    };
    for (let i = 0; i < total; i++) {
      const photos = i % 5 === 0 ? [{ blob: photo, filename: `p${i}.jpg` }] : [];
      const result = await current.box.submitCase({ ...input, description: `${input.description} #${i}` }, photos);
      expect(result.status).to.not.equal('failed');
      if (result.status === 'sent') tickets.add(result.result.ticket);
      if (i % 10 === 9) reload();
    }
    for (let round = 0; (await current.box.pending()).length > 0; round++) {
      expect(round, 'rounds of flushing').to.be.below(60);
      await current.box.flush();
      if (round % 3 === 2) reload();
    }
    tally(current.traffic);

    const cases = await casesOnServer(text);
    const numbers = cases.map((c) => Number(c.description.split('#')[1]));
    expect(new Set(numbers).size, 'distinct reports on the server').to.equal(total);
    expect(cases, 'cases on the server').to.have.length(total);
    expect(tickets.size, 'tickets the device heard of').to.equal(total);
    expect(cases.filter((c) => c.mediaIds.length === 1)).to.have.length(Math.ceil(total / 5));
    const injected = Object.values(faults).reduce((a, b) => a + b, 0);
    expect(injected).to.be.above(total * 0.8);
    console.log(
      `chaos: ${total} reports, ${cases.length} cases (${cases.filter((c) => c.mediaIds.length).length} with a photo), ` +
        `${reloads} reloads, ${injected} faults ${JSON.stringify(faults)}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  });
});
