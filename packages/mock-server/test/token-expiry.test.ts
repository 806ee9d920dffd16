/**
 * Expired staff tokens (issue 12): from its expiry on, a token is a 401 that
 * says it expired (not "invalid"), on every operation that reads a token,
 * and nothing it sent is stored; public reads ignore it as they ignore any token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokens } from './support/fixture.js';
import { createHarness, report, type Harness } from './support/harness.js';

let h: Harness;
const expiresAt = '2026-03-10T03:00:00.000Z';

beforeEach(() => {
  h = createHarness({ now: new Date('2026-03-10T02:59:59.999Z') });
  // No operation sets an expiry (tokens are issued outside the API): the test writes it as an issuer would.
  h.db.prepare('UPDATE staff SET token_expires_at = ? WHERE token = ?').run(expiresAt, tokens.workerG1);
});
afterEach(() => expect(h.contractBreaks).toEqual([]));

const problemOf = async (res: Response) => ({
  status: res.status,
  type: ((await res.json()) as { type: string; detail: string }).type,
  authenticate: res.headers.get('WWW-Authenticate'),
});

describe('an expired staff token', () => {
  it('works until the instant it expires, then is a 401 that says it expired', async () => {
    expect((await h.request('/me', { token: tokens.workerG1 })).status).toBe(200);
    h.clock.now = new Date(expiresAt);
    const res = await h.request('/me', { token: tokens.workerG1 });
    const body = (await res.clone().json()) as { detail: string };
    expect(await problemOf(res)).toEqual({
      status: 401,
      type: 'https://gridkit.dev/problems/unauthenticated',
      authenticate: 'Bearer realm="gridkit"',
    });
    expect(body.detail).toMatch(/expired/);
    // Another staff member's token is untouched; a token that never existed still says "not valid".
    expect((await h.request('/me', { token: tokens.adminD })).status).toBe(200);
    const unknown = (await (await h.request('/me', { token: 'no-such-token' })).json()) as { detail: string };
    expect(unknown.detail).toMatch(/not valid/);
  });

  it('changes nothing: a report, a service log and a transition sent with it are refused and not stored', async () => {
    const { id } = await h.client().cases.create(report({ gridId: 'G1' }));
    const before = { cases: h.count('cases'), logs: h.count('service_logs'), events: h.count('case_events') };
    h.clock.now = new Date('2026-03-11T00:00:00.000Z');
    const worker = h.client(tokens.workerG1);
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: { status: number }) => e.status,
      );
    expect(await refused(worker.cases.create(report({ gridId: 'G1' })))).toBe(401);
    expect(
      await refused(
        worker.serviceLogs.create({
          gridId: 'G1',
          occurredAt: '2026-03-10T23:00:00.000Z',
          kind: 'visit',
          subjectGroups: ['elderly_alone'],
          summary: '走访',
          minutes: 10,
          outcome: 'resolved',
        }),
      ),
    ).toBe(401);
    expect(await refused(worker.cases.transition(id, { action: 'accept' }, { version: 1 }))).toBe(401);
    expect({ cases: h.count('cases'), logs: h.count('service_logs'), events: h.count('case_events') }).toEqual(before);
  });

  it('is ignored by public reads, like any token', async () => {
    h.clock.now = new Date('2026-03-11T00:00:00.000Z');
    expect((await h.request('/grids?limit=1', { token: tokens.workerG1 })).status).toBe(200);
  });
});
