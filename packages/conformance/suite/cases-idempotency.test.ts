import type { CaseReceipt, ServiceLog, ServiceLogInput } from '@gridkit/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { client } from './support/client.js';
import { caseInput, discover, type World } from './support/discovery.js';
import { expectIssueCodes, expectRawProblem, key, tag, TICKET_PATTERN } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

async function countCases(marker: string): Promise<number> {
  let n = 0;
  for await (const kase of client('admin').cases.iterate({ q: marker })) if (kase.id) n++;
  return n;
}

function logInput(marker: string): ServiceLogInput {
  return {
    gridId: world.workerGrid.id,
    occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    kind: 'visit',
    subjectGroups: ['elderly_alone'],
    summary: `Conformance visit ${marker}`,
    minutes: 15,
    outcome: 'resolved',
  };
}

async function logsWith(marker: string): Promise<ServiceLog[]> {
  const out: ServiceLog[] = [];
  for await (const l of client('worker').serviceLogs.iterate({
    gridId: world.workerGrid.id,
    occurredFrom: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    limit: 200,
  })) {
    if (l.summary.includes(marker)) out.push(l);
  }
  return out;
}

describe('createCase idempotency', () => {
  it('same key, same body → the original 201 replayed (same id, ticket, token), one case', async () => {
    const marker = tag('idem');
    const input = caseInput(world, {}, marker);
    const k = key();
    const send = () => client().raw.POST('/cases', { params: { header: { 'Idempotency-Key': k } }, body: input });
    const first = await send();
    const second = await send();
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    expect(second.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.data).toEqual(first.data);
    expect(second.response.headers.get('Location')).toBe(first.response.headers.get('Location'));
    expect(await countCases(marker)).toBe(1);
  });

  it('the SDK retrying with the caller key gives the same receipt', async () => {
    const marker = tag('idem-sdk');
    const input = caseInput(world, {}, marker);
    const k = key();
    const a = await client().cases.create(input, { idempotencyKey: k });
    const b = await client().cases.create(input, { idempotencyKey: k });
    expect(b).toEqual(a);
    expect(await countCases(marker)).toBe(1);
  });

  it('same key, different body → 422 idempotency-key-reused, still one case', async () => {
    const marker = tag('reuse');
    const input = caseInput(world, {}, marker);
    const k = key();
    await client().cases.create(input, { idempotencyKey: k });
    const result = await client().raw.POST('/cases', {
      params: { header: { 'Idempotency-Key': k } },
      body: { ...input, description: `${input.description} (edited)` },
    });
    expectIssueCodes(expectRawProblem(result, 422, 'idempotency-key-reused').errors, ['key_reused']);
    expect(await countCases(marker)).toBe(1);
  });

  it('keys are scoped to the caller: the same key from a staff token is a new report', async () => {
    const marker = tag('scope');
    const input = caseInput(world, {}, marker);
    const k = key();
    const anonymous = await client().cases.create(input, { idempotencyKey: k });
    const staff = await client('worker').cases.create(input, { idempotencyKey: k });
    expect(staff.id).not.toBe(anonymous.id);
    expect(await countCases(marker)).toBe(2);
  });

  it('20 concurrent reports with distinct keys → 20 distinct cases and tickets', async () => {
    const marker = tag('burst');
    const receipts: CaseReceipt[] = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client().cases.create(caseInput(world, { description: `Burst ${marker} #${i}` }, marker), {
          idempotencyKey: key(),
        }),
      ),
    );
    expect(new Set(receipts.map((r) => r.id)).size).toBe(20);
    expect(new Set(receipts.map((r) => r.ticket)).size).toBe(20);
    expect(new Set(receipts.map((r) => r.trackingToken)).size).toBe(20);
    for (const r of receipts) expect(r.ticket).toMatch(TICKET_PATTERN);
    expect(await countCases(marker)).toBe(20);
  }, 60_000);

  it('the same request sent concurrently with one key → one case (replay or 409 in-flight, never two)', async () => {
    const marker = tag('race');
    const input = caseInput(world, {}, marker);
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        client().raw.POST('/cases', { params: { header: { 'Idempotency-Key': k } }, body: input }),
      ),
    );
    const ids = new Set<string>();
    for (const r of results) {
      if (r.response.status === 201) ids.add((r.data as CaseReceipt).id);
      else expectRawProblem(r, 409, 'idempotency-key-in-flight');
    }
    expect(ids.size).toBe(1);
    expect(await countCases(marker)).toBe(1);
  });
});

describe('createServiceLog idempotency', () => {
  it('same key, same body → the original 201 replayed, one entry', async () => {
    const marker = tag('logidem');
    const input = logInput(marker);
    const k = key();
    const send = () =>
      client('worker').raw.POST('/service-logs', { params: { header: { 'Idempotency-Key': k } }, body: input });
    const first = await send();
    const second = await send();
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    expect(second.response.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.data).toEqual(first.data);
    expect(await logsWith(marker)).toHaveLength(1);
  });

  it('same key, different body → 422 idempotency-key-reused, still one entry', async () => {
    const marker = tag('logreuse');
    const input = logInput(marker);
    const k = key();
    await client('worker').serviceLogs.create(input, { idempotencyKey: k });
    const result = await client('worker').raw.POST('/service-logs', {
      params: { header: { 'Idempotency-Key': k } },
      body: { ...input, minutes: 99 },
    });
    expectIssueCodes(expectRawProblem(result, 422, 'idempotency-key-reused').errors, ['key_reused']);
    const stored = await logsWith(marker);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.minutes).toBe(15);
  });

  it('missing Idempotency-Key is 400 and stores nothing', async () => {
    const marker = tag('lognokey');
    const result = await client('worker').raw.POST('/service-logs', {
      params: { header: {} as never },
      body: logInput(marker),
    });
    expectRawProblem(result, 400, 'validation-failed');
    expect(await logsWith(marker)).toHaveLength(0);
  });
});
