/**
 * Access (issue 12, "The suite" 5): every staff operation × every demo staff
 * token of the seed × grids inside and outside its jurisdiction, plus no
 * token, an invalid one and an expired one, each answered exactly as the contract's rules
 * say (the expectation is derived here from the contract's text and the
 * tokens' jurisdictions, not from the server's code), and nothing changed by
 * a refusal. Then: no personal data in any public response over the seed,
 * and a tracking token opens only its own case.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffToken, StartedServer } from '@gridkit/mock-server';
import { operations } from './support/contract.js';
import { jsonCaller, pool, type RawResponse } from './support/http.js';
import { full, reportFigures } from './support/run.js';
import { freshDataDir, serveInProcess } from './support/server.js';

let server: StartedServer;
const districtAdmin = 'demo-admin-district';
const districtSupervisor = 'demo-supervisor-district';
/** The district admin's powers on a token that expired: every staff operation must refuse it. */
const expiredToken = 'demo-expired-admin-district';

beforeAll(async () => {
  const dataDir = freshDataDir('access');
  // The API issues no tokens, so the expired one is written into the copy as an issuer would (a former admin).
  const db = new Database(join(dataDir, 'gridkit.sqlite'));
  db.prepare(
    `INSERT INTO staff (id, name, role, token, grid_ids, unit_id, token_expires_at)
     SELECT 'stf_expired_admin', name, role, ?, grid_ids, unit_id, '2026-01-01T00:00:00.000Z' FROM staff WHERE token = ?`,
  ).run(expiredToken, districtAdmin);
  db.close();
  server = await serveInProcess(dataDir);
}, 120_000);
afterAll(() => server?.close());

const call = jsonCaller(() => server.apiUrl, 'access');
async function ok<T = Record<string, unknown>>(res: Promise<RawResponse>): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${r.text}`);
  return r.json as T;
}

describe('the access matrix', () => {
  it('answers every staff operation × role × jurisdiction × token as the contract says', async () => {
    const tokens = server.demoTokens.filter((t) => t.token !== expiredToken);
    expect(server.demoTokens.some((t) => t.token === expiredToken)).toBe(true);
    const levelRank = { grid: 0, community: 1, street: 2, district: 3 } as Record<string, number>;
    // Every grid node and its ancestors, from the public API.
    const nodes = new Map<string, { level: string; ancestors: string[] }>();
    let cursor: string | null | undefined;
    do {
      const page = await ok<{
        items: { id: string; level: string; path: { id: string }[] }[];
        nextCursor: string | null;
      }>(call('GET', `/grids?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined));
      for (const g of page.items) nodes.set(g.id, { level: g.level, ancestors: g.path.map((p) => p.id) });
      cursor = page.nextCursor;
    } while (cursor);
    // The contract's jurisdiction: a worker's own grids; a supervisor's or admin's subtree.
    const covers = (t: StaffToken, gridId: string) =>
      t.gridIds.includes(gridId) || t.gridIds.some((root) => nodes.get(gridId)!.ancestors.includes(root));
    const leaves = [...nodes].filter(([, n]) => n.level === 'grid').map(([id]) => id);
    // One leaf grid inside each token's jurisdiction; every other token meets it from outside or inside.
    const targets = [...new Set(tokens.map((t) => leaves.find((g) => covers(t, g))!))];

    const categories = await ok<{
      items: {
        code: string;
        requiresPhoto: boolean;
        requiresLocation: boolean;
        attributes?: { required: boolean }[];
      }[];
    }>(call('GET', '/categories?limit=200', undefined));
    const category = categories.items.find(
      (c) => !c.requiresPhoto && !c.requiresLocation && !(c.attributes ?? []).some((a) => a.required),
    )!.code;
    // A dispatch names a unit on record: the district's first department serves every grid.
    const unit = (
      await ok<{ items: { id: string; name: string }[] }>(call('GET', '/units?kind=department&limit=1', districtAdmin))
    ).items[0]!;
    const report = (gridId: string) => ({
      gridId,
      categoryCode: category,
      description: '楼道堆物',
      location: { address: '文峰区' },
    });
    const transition = (id: string, token: string, version: number, input: Record<string, unknown>) =>
      ok<{ version: number }>(call('POST', `/cases/${id}/transitions`, token, input, { 'If-Match': `"${version}"` }));
    /** A case in `gridId` moved to `resolved` by the district admin (so only others may judge it). */
    const resolvedCase = async (gridId: string) => {
      const c = await ok<{ id: string; ticket: string; trackingToken: string }>(
        call('POST', '/cases', undefined, report(gridId)),
      );
      let v = 1;
      for (const input of [
        { action: 'accept' },
        { action: 'dispatch', assignee: { type: 'unit', id: unit.id, name: unit.name } },
        { action: 'start' },
        { action: 'resolve' },
      ])
        v = (await transition(c.id, districtAdmin, v, input)).version;
      return { ...c, version: v };
    };
    /** A closed case with a score of 1: its follow-up is open. */
    const followUpCase = async (gridId: string) => {
      const c = await resolvedCase(gridId);
      const v = (await transition(c.id, districtSupervisor, c.version, { action: 'verify' })).version;
      await ok(
        call('POST', `/tickets/${c.ticket}/evaluation`, undefined, { trackingToken: c.trackingToken, score: 1 }),
      );
      return { ...c, version: v };
    };
    const notice = (gridId: string) =>
      ok<{ id: string }>(
        call('POST', `/grids/${gridId}/notices`, districtAdmin, { title: '通知', body: '内容', kind: 'announcement' }),
      );

    // Shared targets for refusals (a refusal must leave them as they were).
    const shared = new Map<
      string,
      {
        open: { id: string };
        resolved: { id: string; version: number };
        followUp: { id: string; version: number };
        notice: { id: string };
      }
    >();
    for (const g of targets) {
      shared.set(g, {
        open: await ok<{ id: string }>(call('POST', '/cases', undefined, report(g))),
        resolved: await resolvedCase(g),
        followUp: await followUpCase(g),
        notice: await notice(g),
      });
    }

    // The district admin's webhook, and a delivery of it (a report it is told of).
    const districtRoot = [...nodes.entries()].find(([, node]) => node.level === 'district')![0];
    const newHook = () =>
      ok<{ id: string }>(
        call('POST', '/webhooks', districtAdmin, { url: 'https://vendor.invalid/gridkit', events: ['case.created'] }),
      );
    const hook = await newHook();
    await ok(call('POST', '/cases', undefined, report(targets[0]!)));
    const delivery = (
      await ok<{ items: { id: string }[] }>(call('GET', `/webhooks/${hook.id}/deliveries`, districtAdmin))
    ).items[0]!;

    type Who = { label: string; token?: string; staff?: StaffToken };
    const everyone: Who[] = [
      ...tokens.map((t) => ({ label: `${t.role}:${t.token}`, token: t.token, staff: t })),
      { label: 'no token' },
      { label: 'invalid token', token: 'demo-not-a-token' },
      { label: 'expired token', token: expiredToken },
    ];
    /** The status the contract gives, for a staff operation on `gridId`, `allowed` by its rule. */
    const expected = (who: Who, allowed: (t: StaffToken) => boolean, success: number) =>
      !who.staff ? 401 : allowed(who.staff) ? success : 403;
    const role = (t: StaffToken) => t.role;
    const handles = (t: StaffToken, g: string) => (role(t) === 'grid_worker' || role(t) === 'admin') && covers(t, g);
    const judges = (t: StaffToken, g: string, level = 'grid') =>
      (role(t) === 'supervisor' || role(t) === 'admin') &&
      covers(t, g) &&
      t.gridIds.some((root) => levelRank[nodes.get(root)!.level]! >= levelRank[level]!);

    interface Cell {
      op: string;
      who: Who;
      grid: string;
      inside: boolean;
      expect: number;
      run: () => Promise<RawResponse>;
    }
    const cells: Cell[] = [];
    const month = new Date().toISOString().slice(0, 7);
    for (const grid of targets) {
      const s = shared.get(grid)!;
      for (const who of everyone) {
        const t = who.token;
        const inside = who.staff ? covers(who.staff, grid) : false;
        const add = (op: string, expectStatus: number, run: () => Promise<RawResponse>) =>
          cells.push({ op, who, grid, inside, expect: expectStatus, run });
        const inJurisdiction = (x: StaffToken) => covers(x, grid);
        if (grid === targets[0]) {
          // Webhooks are an admin's; another admin is not told that the district admin's exists (404).
          const isAdmin = (x: StaffToken) => role(x) === 'admin';
          const hookStatus = (success: number) =>
            !who.staff ? 401 : !isAdmin(who.staff) ? 403 : covers(who.staff, districtRoot) ? success : 404;
          add('createWebhook', expected(who, isAdmin, 201), () =>
            call('POST', '/webhooks', t, { url: 'https://vendor.invalid/gridkit', events: ['case.created'] }),
          );
          add('listWebhooks', expected(who, isAdmin, 200), () => call('GET', '/webhooks', t));
          add('listWebhookDeliveries', hookStatus(200), () => call('GET', `/webhooks/${hook.id}/deliveries`, t));
          add('redeliverWebhook', hookStatus(202), () =>
            call('POST', `/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`, t),
          );
          const deleteStatus = hookStatus(204);
          add('deleteWebhook', deleteStatus, async () => {
            const target = deleteStatus === 204 ? await newHook() : hook;
            return call('DELETE', `/webhooks/${target.id}`, t);
          });
        }
        add('listCases', expected(who, inJurisdiction, 200), () => call('GET', `/cases?gridId=${grid}`, t));
        add('exportCases', expected(who, inJurisdiction, 200), () => call('GET', `/exports/cases?gridId=${grid}`, t));
        add('getCase', expected(who, inJurisdiction, 200), () => call('GET', `/cases/${s.open.id}`, t));
        add('listCaseEvents', expected(who, inJurisdiction, 200), () => call('GET', `/cases/${s.open.id}/events`, t));
        add('listServiceLogs', expected(who, inJurisdiction, 200), () =>
          call('GET', `/service-logs?gridId=${grid}`, t),
        );
        add('getServiceLogSummary', expected(who, inJurisdiction, 200), () =>
          call('GET', `/service-logs/summary?month=${month}&gridId=${grid}`, t),
        );
        add('listNotices(includeExpired)', expected(who, inJurisdiction, 200), () =>
          call('GET', `/grids/${grid}/notices?includeExpired=true`, t),
        );
        // Writes: an allowed cell acts on a fresh target of its own, a refused one on the shared target.
        const acceptStatus = expected(who, (x) => handles(x, grid), 200);
        add('transitionCase(accept)', acceptStatus, async () => {
          const target =
            acceptStatus === 200 ? await ok<{ id: string }>(call('POST', '/cases', undefined, report(grid))) : s.open;
          return call('POST', `/cases/${target.id}/transitions`, t, { action: 'accept' }, { 'If-Match': '"1"' });
        });
        // Independence: the district admin resolved these cases, so may not verify them.
        const verifyStatus = expected(who, (x) => judges(x, grid) && x.token !== districtAdmin, 200);
        add('transitionCase(verify)', verifyStatus, async () => {
          const target = verifyStatus === 200 ? await resolvedCase(grid) : s.resolved;
          return call(
            'POST',
            `/cases/${target.id}/transitions`,
            t,
            { action: 'verify' },
            { 'If-Match': `"${target.version}"` },
          );
        });
        const followUpStatus = expected(
          who,
          (x) => (role(x) === 'admin' || role(x) === 'supervisor') && covers(x, grid),
          200,
        );
        add('recordFollowUp', followUpStatus, async () => {
          const target = followUpStatus === 200 ? await followUpCase(grid) : s.followUp;
          return call(
            'POST',
            `/cases/${target.id}/follow-up`,
            t,
            { outcome: 'resolved', note: '电话回访' },
            { 'If-Match': `"${target.version}"` },
          );
        });
        add('createServiceLog', expected(who, inJurisdiction, 201), () =>
          call('POST', '/service-logs', t, {
            gridId: grid,
            occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
            kind: 'visit',
            subjectGroups: ['elderly_alone'],
            summary: '走访',
            minutes: 10,
            outcome: 'resolved',
          }),
        );
        add('createNotice', expected(who, inJurisdiction, 201), () =>
          call('POST', `/grids/${grid}/notices`, t, { title: '通知', body: '内容', kind: 'announcement' }),
        );
        const retireStatus = expected(who, inJurisdiction, 200);
        add('retireNotice', retireStatus, async () => {
          const target = retireStatus === 200 ? await notice(grid) : s.notice;
          return call('POST', `/notices/${target.id}/retire`, t, {});
        });
        // Reporting is public; with a staff token it is the staff member's own report (inside their
        // jurisdiction only), and an invalid token is refused.
        add('createCase', !who.token ? 201 : expected(who, inJurisdiction, 201), () =>
          call('POST', '/cases', t, report(grid)),
        );
        // The units a case may be dispatched to: a reference list for every staff member, whatever the grid.
        add('listUnits', who.staff ? 200 : 401, () => call('GET', `/units?gridId=${grid}`, t));
      }
    }
    for (const who of everyone)
      cells.push({
        op: 'getCurrentStaff',
        who,
        grid: '-',
        inside: true,
        expect: who.staff ? 200 : 401,
        run: () => call('GET', '/me', who.token),
      });

    const wrong: string[] = [];
    const byOp: Record<string, { allowed: number; refused: number }> = {};
    await pool(cells, 8, async (cell) => {
      const res = await cell.run();
      const tally = (byOp[cell.op] ??= { allowed: 0, refused: 0 });
      if (cell.expect < 300) tally.allowed++;
      else tally.refused++;
      if (res.status !== cell.expect)
        wrong.push(
          `${cell.op} by ${cell.who.label} on ${cell.grid} (${cell.inside ? 'inside' : 'outside'}): expected ${cell.expect}, got ${res.status} ${res.text.slice(0, 160)}`,
        );
      else if (res.status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))
        wrong.push(`${cell.op} by ${cell.who.label}: ${res.status} is not a problem`);
    });

    // A refusal changed nothing: the shared targets are where they were.
    for (const [grid, s] of shared) {
      const get = (id: string) =>
        ok<{ status: string; version: number; followUp?: { status: string } }>(
          call('GET', `/cases/${id}`, districtAdmin),
        );
      expect((await get(s.open.id)).status, `open case in ${grid}`).toBe('submitted');
      expect((await get(s.resolved.id)).version, `resolved case in ${grid}`).toBe(s.resolved.version);
      expect((await get(s.followUp.id)).version, `follow-up case in ${grid}`).toBe(s.followUp.version);
      const notices = await ok<{ items: { id: string; retiredAt?: string | null }[] }>(
        call('GET', `/grids/${grid}/notices?includeExpired=true&limit=200`, districtAdmin),
      );
      expect(notices.items.find((n) => n.id === s.notice.id)?.retiredAt ?? null, `notice in ${grid}`).toBeNull();
    }

    const hooks = await ok<{ items: { id: string }[] }>(call('GET', '/webhooks', districtAdmin));
    expect(
      hooks.items.map((h) => h.id),
      'the webhook that refused cells tried to remove',
    ).toContain(hook.id);

    const staffOps = operations.filter((o) => o.staff).map((o) => o.id);
    const covered = new Set(Object.keys(byOp).map((op) => op.replace(/\(.*\)$/, '')));
    reportFigures('access', {
      cells: cells.length,
      tokens: tokens.length,
      roles: [...new Set(tokens.map((t) => t.role))],
      grids: targets.length,
      byOperation: byOp,
      wrong: wrong.length,
    });
    expect(wrong.slice(0, 30)).toEqual([]);
    // Every staff operation of the contract is in the matrix.
    expect(staffOps.filter((op) => !covered.has(op))).toEqual([]);
  });
});

describe('an expired token', () => {
  it('is refused as expired, not as unknown, while the same powers on a live token still work', async () => {
    const expired = await call('GET', '/me', expiredToken);
    expect(expired.status).toBe(401);
    expect((expired.json as { detail: string }).detail).toMatch(/expired/);
    expect((await call('GET', '/me', 'demo-not-a-token')).json).toMatchObject({
      detail: expect.stringMatching(/not valid/),
    });
    expect((await call('GET', '/me', districtAdmin)).status).toBe(200);
  });
});

describe('personal data and tracking tokens', () => {
  it('keeps personal data out of every public response over the whole seed', async () => {
    const db = server.db;
    const strings = (sql: string) =>
      (db.prepare(sql).all() as { v: string | null }[])
        .map((r) => r.v)
        .filter((v): v is string => Boolean(v && v.length >= 2));
    // Personal data anywhere: phones, household references, evaluation comments, internal notes.
    const secret = new Set([
      ...strings('SELECT reporter_phone AS v FROM cases'),
      ...strings('SELECT evaluation_comment AS v FROM cases'),
      ...strings('SELECT household_ref AS v FROM service_logs'),
      ...strings('SELECT note AS v FROM case_events WHERE note IS NOT NULL'),
      ...strings('SELECT follow_up_note AS v FROM cases'),
    ]);
    const cases = db
      .prepare('SELECT id, ticket, reporter_name, reporter_phone, description, address, evaluation_comment FROM cases')
      .all() as {
      id: string;
      ticket: string;
      reporter_name: string | null;
      reporter_phone: string | null;
      description: string;
      address: string;
      evaluation_comment: string | null;
    }[];
    const leaks: string[] = [];
    let responses = 0;
    const leaves = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : Array.isArray(value)
          ? value.flatMap(leaves)
          : value && typeof value === 'object'
            ? Object.values(value).flatMap(leaves)
            : [];
    const check = (what: string, res: RawResponse, own: (string | null)[] = []) => {
      responses++;
      if (res.status >= 500) leaks.push(`${what}: ${res.status}`);
      const mine = new Set(own.filter((v): v is string => Boolean(v)));
      for (const text of leaves(res.json)) {
        if (secret.has(text)) leaks.push(`${what}: personal data ${JSON.stringify(text)}`);
        if (mine.has(text)) leaks.push(`${what}: the case's own ${JSON.stringify(text)}`);
      }
    };
    // Every public read over the seed: grids, boards, notices, categories, stats, media, each case's public view.
    const grids: string[] = [];
    let cursor: string | null | undefined;
    do {
      const res = await call(
        'GET',
        `/grids?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        undefined,
      );
      check('listGrids', res);
      const page = res.json as { items: { id: string }[]; nextCursor: string | null };
      grids.push(...page.items.map((g) => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    const publicReads = grids.flatMap((g) => [
      `/grids/${g}`,
      `/grids/${g}/ancestors`,
      `/grids/${g}/notice-board`,
      `/grids/${g}/notices?limit=200`,
      `/stats/resolution?gridId=${g}`,
    ]);
    publicReads.push('/categories?limit=200', '/health');
    await pool(publicReads, 8, async (target) => check(target, await call('GET', target, undefined)));
    const sample = cases.filter((_, i) => full || i % 10 === 0);
    await pool(sample, 8, async (c) =>
      check(`getPublicCase ${c.ticket}`, await call('GET', `/tickets/${c.ticket}`, undefined), [
        c.reporter_name,
        c.reporter_phone,
        c.description,
        c.address,
        c.evaluation_comment,
      ]),
    );
    reportFigures('personal-data', {
      publicResponses: responses,
      casesViewed: sample.length,
      personalValues: secret.size,
      leaks: leaks.length,
    });
    expect(leaks.slice(0, 30)).toEqual([]);
    expect(sample.length).toBeGreaterThan(100);
  });

  it('opens a case with its own tracking token only', async () => {
    const n = 8;
    const created: { ticket: string; trackingToken: string }[] = [];
    for (let i = 0; i < n; i++)
      created.push(
        await ok(
          call('POST', '/cases', undefined, {
            gridId: (await ok<{ items: { id: string }[] }>(call('GET', '/grids?level=grid&limit=1', undefined)))
              .items[0]!.id,
            categoryCode: (
              await ok<{
                items: {
                  code: string;
                  requiresPhoto: boolean;
                  requiresLocation: boolean;
                  attributes?: { required: boolean }[];
                }[];
              }>(call('GET', '/categories?limit=200', undefined))
            ).items.find(
              (c) => !c.requiresPhoto && !c.requiresLocation && !(c.attributes ?? []).some((a) => a.required),
            )!.code,
            description: `跟踪 ${i}`,
            location: { address: `地址 ${i}` },
            reporter: { name: `居民${i}`, phone: `1380000000${i}` },
          }),
        ),
      );
    const wrong: string[] = [];
    let cells = 0;
    for (const owner of created)
      for (const holder of created) {
        // The token as a person may type it: lower case, without the dashes.
        for (const form of [holder.trackingToken, holder.trackingToken.toLowerCase().replace(/-/g, '')]) {
          const res = await call('GET', `/tickets/${owner.ticket}`, undefined, undefined, { 'X-Tracking-Token': form });
          cells++;
          const want = owner === holder ? 200 : 403;
          if (res.status !== want) wrong.push(`${owner.ticket} with ${form}: ${res.status}, expected ${want}`);
          if (
            want === 403 &&
            (res.json as { type?: string }).type !== 'https://gridkit.dev/problems/invalid-tracking-token'
          )
            wrong.push(`${owner.ticket} with ${form}: ${res.text.slice(0, 120)}`);
          if (
            res.text.includes('居民') ||
            res.text.includes('1380000000') ||
            res.text.includes('跟踪') ||
            res.text.includes('地址 ')
          )
            wrong.push(`${owner.ticket} with ${form}: personal data in ${res.text.slice(0, 200)}`);
        }
      }
    reportFigures('tracking-tokens', { cells, wrong: wrong.length });
    expect(wrong).toEqual([]);
  });
});
