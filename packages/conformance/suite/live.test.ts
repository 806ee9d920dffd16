/**
 * Live events (`streamLiveEvents`): a screen following a subtree's figures hears of a report inside it, a case's
 * follower of its new status, each within seconds and with the contract's `LiveEvent` shapes; a stream needs
 * something to follow (400) that exists (404). Followed through the SDK's iterator, as a widget follows them.
 */
import type { LiveEvent } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, report } from './support/cases.js';
import { client, rawFetch } from './support/client.js';
import { discover, type World } from './support/discovery.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

/** Follows `topics` until `wanted` has arrived (or 10 s), having done `act` once the stream is open. */
async function follow(
  topics: Parameters<ReturnType<typeof client>['live']['events']>[0],
  act: () => Promise<unknown>,
  wanted: (event: LiveEvent) => boolean,
): Promise<LiveEvent[]> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 10_000);
  const seen: LiveEvent[] = [];
  let acted: Promise<unknown> | undefined;
  try {
    for await (const event of client('public').live.events(topics, {
      signal: stop.signal,
      onOpen: () => void (acted ??= act()),
    })) {
      seen.push(event);
      if (wanted(event)) break;
    }
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
  await acted;
  return seen;
}

describe('streamLiveEvents', () => {
  it('tells a follower of a subtree’s figures of a report inside it', async () => {
    const root = world.workerAncestors[0] ?? world.workerGrid;
    const seen = await follow(
      { statsOf: root.id },
      () => report(world),
      (e) => e.type === 'stats',
    );
    expect(seen.at(-1)).toMatchObject({ type: 'stats', gridId: root.id });
    expect(Date.parse((seen.at(-1) as { at: string }).at)).not.toBeNaN();
  });

  it('tells a case’s follower its new status and level, and nothing a person wrote', async () => {
    const { receipt } = await report(world);
    const kase = await client('worker').cases.get(receipt.id);
    const seen = await follow(
      { ticket: receipt.ticket },
      () => act(client('worker'), kase, 'accept'),
      (e) => e.type === 'case',
    );
    const event = seen.at(-1)!;
    expect(event).toMatchObject({ type: 'case', ticket: receipt.ticket, status: 'accepted', level: 'grid' });
    expect(Object.keys(event).sort()).toEqual(['at', 'level', 'status', 'ticket', 'type']);
  });

  it('needs something to follow (400), and a grid or ticket that exists (404)', async () => {
    expect((await rawFetch('/live')).status).toBe(400);
    expect((await rawFetch('/live?noticesOf=grd_conformance_nope')).status).toBe(404);
    expect((await rawFetch('/live?ticket=ZZ-19990101-0001')).status).toBe(404);
  });
});
