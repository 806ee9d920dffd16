/**
 * Live events (`streamLiveEvents`, issue 13) on the real HTTP server: what a
 * stream is told and what it is not, resuming with `Last-Event-ID` after a
 * dropped connection with no event lost, `reset` when it cannot resume,
 * keep-alives, and the SDK's iterator reconnecting by itself through a
 * connection cut mid-stream.
 */
import { createGridkitClient, type LiveEvent } from '@gridkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StartedServer } from '../src/server.js';

let server: StartedServer;
let gridId: string;
let otherGridId: string;
let districtId: string;
let otherStreetId: string;
const admin = { Authorization: 'Bearer demo-admin-district' };

interface Received {
  id?: string;
  event?: string;
  data?: LiveEvent;
  comment?: string;
}

/** An open stream, read frame by frame as a browser's EventSource would. */
async function open(query: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${server.apiUrl}/live?${query}`, { headers, signal: controller.signal });
  const frames: Received[] = [];
  const done = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: Received = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else if (line.startsWith('id: ')) frame.id = line.slice(4);
            else if (line.startsWith('event: ')) frame.event = line.slice(7);
            else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6)) as LiveEvent;
          }
          frames.push(frame);
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return {
    response,
    frames,
    events: () => frames.filter((frame) => frame.data).map((frame) => frame.data!),
    /** The newest id seen (an event's, or the position sent on opening). */
    lastId: () => frames.filter((frame) => frame.id).at(-1)?.id,
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

const until = async (test: () => boolean, what: string, ms = 3000) => {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const report = async (grid = gridId) => {
  const response = await fetch(`${server.apiUrl}/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `live-${Math.random()}` },
    body: JSON.stringify({
      gridId: grid,
      categoryCode: 'dispute.parking',
      description: '小区门口车辆占用消防通道',
      location: { address: '桥北社区东门' },
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; ticket: string };
};

const accept = async (caseId: string) => {
  const current = (await (await fetch(`${server.apiUrl}/cases/${caseId}`, { headers: admin })).json()) as {
    version: number;
  };
  return fetch(`${server.apiUrl}/cases/${caseId}/transitions`, {
    method: 'POST',
    headers: { ...admin, 'Content-Type': 'application/json', 'If-Match': `"${current.version}"` },
    body: JSON.stringify({ action: 'accept' }),
  });
};

const postNotice = (grid: string) =>
  fetch(`${server.apiUrl}/grids/${grid}/notices`, {
    method: 'POST',
    headers: { ...admin, 'Content-Type': 'application/json', 'Idempotency-Key': `n-${Math.random()}` },
    body: JSON.stringify({ title: '明日停水', body: '因管网维修，明日8:00–12:00停水。', kind: 'alert' }),
  });

beforeAll(async () => {
  server = await startServer({ port: 0, seed: 'demo', rateLimit: false, liveHeartbeatMs: 300, log: () => {} });
  gridId = server.demoTokens.find((t) => t.token === 'demo-worker-qiaobei-02')!.gridIds[0]!;
  otherGridId = server.demoTokens.find((t) => t.token === 'demo-worker-caihong-06')!.gridIds[0]!;
  districtId = server.db.prepare('SELECT id FROM grids WHERE parent_id IS NULL').pluck().get() as string;
  const streetOf = (id: string) =>
    server.db
      .prepare(
        `SELECT s.id FROM grids g JOIN grids s ON g.path LIKE s.path || '%' AND s.level = 'street' WHERE g.id = ?`,
      )
      .pluck()
      .get(id) as string;
  otherStreetId = server.db
    .prepare(`SELECT id FROM grids WHERE level = 'street' AND id != ? ORDER BY code LIMIT 1`)
    .pluck()
    .get(streetOf(gridId)) as string;
});
afterAll(() => server.close());

describe('streamLiveEvents', () => {
  it('needs something to follow (400), and a grid or ticket that exists (404)', async () => {
    expect((await fetch(`${server.apiUrl}/live`)).status).toBe(400);
    expect((await fetch(`${server.apiUrl}/live?noticesOf=grd_nope`)).status).toBe(404);
    expect((await fetch(`${server.apiUrl}/live?statsOf=grd_nope`)).status).toBe(404);
    expect((await fetch(`${server.apiUrl}/live?ticket=WF-19990101-0001`)).status).toBe(404);
  });

  it('tells a grid’s board of its new notice at once, and not another grid’s board', async () => {
    const mine = await open(`noticesOf=${gridId}`);
    const other = await open(`noticesOf=${otherGridId}`);
    expect(mine.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await until(() => mine.lastId() !== undefined && other.lastId() !== undefined, 'the opening position');
    const posted = Date.now();
    expect((await postNotice(gridId)).status).toBe(201);
    await until(() => mine.events().length === 1, 'the notices event');
    expect(Date.now() - posted).toBeLessThan(1000);
    expect(mine.events()[0]).toMatchObject({ type: 'notices', gridId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.events()).toEqual([]);
    await Promise.all([mine.close(), other.close()]);
  });

  it('tells a case’s follower its new status and level, and the figures of every node above it, not of others', async () => {
    const { id, ticket } = await report();
    const follower = await open(`ticket=${ticket}`);
    const district = await open(`statsOf=${districtId}`);
    const elsewhere = await open(`statsOf=${otherStreetId}`);
    await until(() => [follower, district, elsewhere].every((s) => s.lastId() !== undefined), 'opening');
    expect((await accept(id)).status).toBe(200);
    await until(() => follower.events().length === 1 && district.events().length === 1, 'the case and stats events');
    expect(follower.events()[0]).toMatchObject({ type: 'case', ticket, status: 'accepted', level: 'grid' });
    expect(Object.keys(follower.events()[0]!).sort()).toEqual(['at', 'level', 'status', 'ticket', 'type']);
    expect(district.events()[0]).toMatchObject({ type: 'stats', gridId: districtId });
    await report();
    await until(() => district.events().length === 2, 'a report counts for the figures too');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(elsewhere.events()).toEqual([]);
    expect(follower.events()).toHaveLength(1);
    await Promise.all([follower.close(), district.close(), elsewhere.close()]);
  });

  it('tells nothing of a write that failed, or of a replay of one already told', async () => {
    const { id, ticket } = await report();
    const follower = await open(`ticket=${ticket}`);
    await until(() => follower.lastId() !== undefined, 'opening');
    const stale = await fetch(`${server.apiUrl}/cases/${id}/transitions`, {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/json', 'If-Match': '"999"' },
      body: JSON.stringify({ action: 'accept' }),
    });
    expect(stale.status).toBe(412);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(follower.events()).toEqual([]);
    await follower.close();
  });

  it('resumes after a dropped connection with Last-Event-ID: what happened meanwhile comes first, none lost or doubled', async () => {
    const first = await open(`statsOf=${districtId}`);
    await until(() => first.lastId() !== undefined, 'opening');
    await report();
    await until(() => first.events().length === 1, 'the first event');
    const resumeFrom = first.lastId()!;
    await first.close();
    // Three reports while nobody listens.
    for (let i = 0; i < 3; i++) await report();
    const again = await open(`statsOf=${districtId}`, { 'Last-Event-ID': resumeFrom });
    await until(() => again.events().length === 3, 'the three missed events');
    const ids = again.frames.filter((f) => f.data).map((f) => f.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain(resumeFrom);
    await report();
    await until(() => again.events().length === 4, 'the next live event');
    await again.close();
  });

  it('says reset first when it cannot resume (another run of the server, or an id it never gave)', async () => {
    const stale = await open(`noticesOf=${gridId}`, { 'Last-Event-ID': 'zzzzzz-12' });
    await until(() => stale.events().length === 1, 'the reset');
    expect(stale.events()[0]!.type).toBe('reset');
    await stale.close();
  });

  it('sends keep-alive comments while nothing happens', async () => {
    const quiet = await open(`noticesOf=${otherGridId}`);
    await until(() => quiet.frames.filter((f) => f.comment === 'keep-alive').length >= 2, 'two keep-alives', 2000);
    await quiet.close();
  });
});

describe('the SDK’s live events', () => {
  it('reconnects by itself through a cut connection and loses no event', async () => {
    // A fetch whose every stream the test can cut, as a flaky network would.
    const cuts: AbortController[] = [];
    const cutting: typeof fetch = (input, init) => {
      const controller = new AbortController();
      cuts.push(controller);
      init?.signal?.addEventListener('abort', () => controller.abort());
      return fetch(input, { ...init, signal: controller.signal });
    };
    const gridkit = createGridkitClient({ baseUrl: server.apiUrl, fetch: cutting });
    const stop = new AbortController();
    const received: LiveEvent[] = [];
    let opened = 0;
    const following = (async () => {
      for await (const event of gridkit.live.events(
        { statsOf: districtId },
        { signal: stop.signal, onOpen: () => (opened += 1) },
      ))
        received.push(event);
    })();
    await until(() => opened === 1, 'the first connection');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await report();
    await until(() => received.length === 1, 'the first event');
    cuts.at(-1)!.abort();
    await report();
    await report();
    await until(() => opened === 2, 'the reconnection', 8000);
    await until(() => received.length === 3, 'the events of the gap', 8000);
    await report();
    await until(() => received.length === 4, 'the next event');
    expect(received.every((event) => event.type === 'stats')).toBe(true);
    stop.abort();
    await following;
  });

  it('ends with the error when the server refuses what to follow', async () => {
    const gridkit = createGridkitClient({ baseUrl: server.apiUrl });
    const iterate = async () => {
      for await (const event of gridkit.live.events({ noticesOf: 'grd_nope' })) void event;
    };
    await expect(iterate()).rejects.toMatchObject({ name: 'GridkitError', status: 404 });
  });
});
