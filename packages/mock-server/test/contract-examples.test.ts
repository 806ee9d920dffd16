/**
 * The contract's own request examples work against the seeded demo server:
 * every operation with a request body example or parameter examples is sent
 * as the contract writes it, and must succeed (2xx).
 *
 * What the test maps, and why (docs/mock-server.md, "Contract examples"):
 * - ids in examples are illustrations (`grd_Qb02nR`), not seed ids. Grid and
 *   unit ids are resolved by the name the contract's own examples give them
 *   (`grd_Qb02nR` is 桥北社区第二网格 in the Grid examples, `unit_CgXg02`
 *   西关街道城管执法中队 in the dispatch examples) against the seed;
 *   ids of things a request creates (media, notices, cases, tickets and their
 *   tracking token) are the ones the server returned for the contract's
 *   create examples, run first.
 * - a transition example runs on a case brought to the state that action
 *   needs (the example's `If-Match` becomes that case's version); an example
 *   a department sends (`departmentInspection`, `…ByDepartment`) is sent with
 *   the token of 西关街道城管执法中队's staff, on a case dispatched to that unit.
 * - `cursor` examples are left out (a cursor is opaque: only the server that
 *   issued it can read it), and so is `If-None-Match` (a match is a 304, by
 *   design not a 2xx); every request gets its own `Idempotency-Key` (the
 *   contract uses one example key for different bodies, which a server must
 *   refuse as a reused key).
 * - the multipart example's file is a placeholder text; a real JPEG is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import contract from '../src/generated/contract.json' with { type: 'json' };
import { createSeededServer, type SeededServer } from './support/seeded.js';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
  $ref?: string;
}
interface Operation {
  operationId: string;
  security?: Json[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> };
}

const spec = contract as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
};
const deref = (p: Parameter): Parameter => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop()!]! : p);

/** A baseline JPEG, 4×3 pixels (as in media.test.ts). */
const JPEG_4X3 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAADAAQDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwB9FFFcR/Nh/9k=',
  'base64',
);

interface Call {
  name: string;
  operationId: string;
  method: string;
  path: string;
  operation: Operation;
  body?: unknown;
  mediaType?: string;
}

/** Every request the contract's examples describe: one per body example, else one with the parameter examples. */
function exampleCalls(): Call[] {
  const calls: Call[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation.operationId) continue;
      const parameters = (operation.parameters ?? []).map(deref);
      const hasParameterExamples = parameters.some((p) => p.example !== undefined && p.name !== 'Accept-Language');
      const bodies: { name: string; value: unknown; mediaType: string }[] = [];
      for (const [mediaType, content] of Object.entries(operation.requestBody?.content ?? {})) {
        if (content.example !== undefined) bodies.push({ name: 'example', value: content.example, mediaType });
        for (const [name, example] of Object.entries(content.examples ?? {}))
          bodies.push({ name, value: example.value, mediaType });
      }
      const base = { operationId: operation.operationId, method: method.toUpperCase(), path, operation };
      if (bodies.length > 0)
        for (const body of bodies)
          calls.push({
            ...base,
            name: `${operation.operationId} (${body.name})`,
            body: body.value,
            mediaType: body.mediaType,
          });
      else if (hasParameterExamples) calls.push({ ...base, name: operation.operationId });
    }
  }
  return calls;
}

const calls = exampleCalls();
/** The contract's create examples run first: later examples name what they created. */
const order = ['uploadMedia', 'createNotice', 'createCase', 'createServiceLog'];
calls.sort((a, b) => {
  const rank = (c: Call) => (order.includes(c.operationId) ? order.indexOf(c.operationId) : order.length);
  const last = (c: Call) => (c.operationId === 'retireNotice' || c.operationId === 'evaluateCase' ? 1 : 0);
  return rank(a) - rank(b) || last(a) - last(b);
});

describe('every request example of the contract succeeds on the seeded server', () => {
  let s: SeededServer;
  /** Example value → seed value. */
  const ids = new Map<string, string>();
  const admin = 'demo-admin-district';
  const worker = 'demo-worker-qiaobei-02';
  // The example cases are in 西关街道: its supervisor judges resolutions, independent of the admin who resolved.
  const supervisor = 'demo-supervisor-xiguan';
  // …and its 城管执法中队 is the department of the department examples.
  const department = 'demo-department-xiguan-city';
  // `departmentInspection`, `startByDepartment`, …: sent by the department (`dispatchToDepartment` is the admin's).
  const isDepartmentExample = (call: Call) => /\((department\w*|\w+ByDepartment)\)$/.test(call.name);

  beforeAll(() => {
    // Evening of the examples' day (22 Nov 2026, Shanghai): their times are all in the past.
    s = createSeededServer({ now: new Date('2026-11-22T10:00:00.000Z') });
    // Grid ids by the names the contract's examples give them.
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value && typeof value === 'object') {
        const o = value as Json;
        const table =
          typeof o.id === 'string'
            ? { grd_: 'grids', unit_: 'units' }[o.id.slice(0, o.id.indexOf('_') + 1)]
            : undefined;
        if (table && typeof o.name === 'string' && !ids.has(o.id as string)) {
          const seedId = s.db.prepare(`SELECT id FROM ${table} WHERE name = ?`).pluck().get(o.name) as
            string | undefined;
          if (seedId) ids.set(o.id as string, seedId);
        }
        Object.values(o).forEach(walk);
      }
    };
    walk(contract);
  }, 60_000); // a whole demo seed: ~2 s alone, more on a loaded CI machine
  afterAll(() => s.db.close());

  it('covers every operation that has request examples', () => {
    expect(new Set(calls.map((c) => c.operationId)).size).toBeGreaterThanOrEqual(20);
    expect(calls.map((c) => c.name)).toContain('createCase (anonymousKiosk)');
    expect(ids.get('grd_Qb02nR')).toBeDefined();
    expect(ids.get('unit_HwXg01')).toBeDefined();
    expect(ids.get('unit_CgXg02')).toBeDefined();
  });

  const map = (value: unknown): unknown => {
    if (typeof value === 'string') return ids.get(value) ?? value;
    if (Array.isArray(value)) return value.map(map);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, map(v)]));
    return value;
  };

  /**
   * A new case from the contract's first createCase example, moved on by `actions`; with `byDepartment`, dispatched
   * to 西关街道城管执法中队, whose staff start it.
   */
  const caseAfter = async (actions: string[], byDepartment = false) => {
    const example = calls.find((c) => c.operationId === 'createCase')!;
    const created = await s.request('/cases', {
      method: 'POST',
      body: JSON.stringify(map(example.body)),
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const receipt = (await created.json()) as { id: string; ticket: string; trackingToken: string };
    let version = 1;
    for (const action of actions) {
      const body: Json = { action };
      if (action === 'dispatch')
        body.assignee = map(
          byDepartment
            ? { type: 'unit', id: 'unit_CgXg02', name: '西关街道城管执法中队' }
            : { type: 'unit', id: 'unit_HwXg01', name: '西关街道环卫所' },
        );
      const moved = await s.request(`/cases/${receipt.id}/transitions`, {
        method: 'POST',
        token:
          action === 'verify' || action === 'reopen'
            ? supervisor
            : byDepartment && (action === 'start' || action === 'resolve')
              ? department
              : admin,
        body: JSON.stringify(body),
        headers: { 'If-Match': `"${version}"`, 'Idempotency-Key': crypto.randomUUID() },
      });
      expect(moved.status, `${action}: ${await moved.clone().text()}`).toBe(200);
      version = ((await moved.json()) as { version: number }).version;
    }
    return { ...receipt, version };
  };
  const pathTo: Record<string, string[]> = {
    accept: [],
    reject: [],
    dispatch: ['accept'],
    start: ['accept', 'dispatch'],
    escalate: ['accept'],
    prioritize: ['accept'],
    resolve: ['accept', 'dispatch', 'start'],
    verify: ['accept', 'dispatch', 'start', 'resolve'],
    reopen: ['accept', 'dispatch', 'start', 'resolve'],
  };

  for (const call of calls) {
    it(call.name, async () => {
      const parameters = (call.operation.parameters ?? []).map(deref);
      const staff = (call.operation.security ?? []).some((s) => 'bearerAuth' in s);
      const judging =
        call.operationId === 'transitionCase' &&
        ['verify', 'reopen'].includes(String(call.body && (call.body as Json).action));
      const token = call.operationId.includes('ServiceLog')
        ? worker
        : judging
          ? supervisor
          : isDepartmentExample(call)
            ? department
            : staff
              ? admin
              : undefined;
      const headers = new Headers();
      let body = map(call.body) as Json | undefined;
      let url = call.path;
      const query = new URLSearchParams();

      // The case this request is about, in the state it needs.
      if (call.operationId === 'transitionCase') {
        const c = await caseAfter(pathTo[(body as { action: string }).action]!, isDepartmentExample(call));
        ids.set('case_8Hq2Lw5Zt', c.id);
        headers.set('If-Match', `"${c.version}"`);
      } else if (['deleteWebhook', 'listWebhookDeliveries', 'redeliverWebhook'].includes(call.operationId)) {
        // A webhook of the admin's; for a re-send, a delivery of it too (a report it is told of).
        const hook = await s.request('/webhooks', {
          method: 'POST',
          token: admin,
          body: JSON.stringify({ url: 'https://vendor.invalid/gridkit', events: ['case.created'] }),
        });
        expect(hook.status).toBe(201);
        const webhookId = ((await hook.json()) as { id: string }).id;
        ids.set('whk_8Hq2Lw5Zt', webhookId);
        if (call.operationId === 'redeliverWebhook') {
          await caseAfter([]);
          const delivery = s.db
            .prepare('SELECT id FROM webhook_deliveries WHERE webhook_id = ?')
            .pluck()
            .get(webhookId);
          ids.set('dlv_4Hq2Lw5Zt', delivery as string);
        }
      } else if (call.operationId === 'evaluateCase') {
        const c = await caseAfter(pathTo.verify!.concat('verify'));
        ids.set('WF-20261122-0042', c.ticket);
        ids.set('K7QM-4T2X-9PZR', c.trackingToken);
        body = map(call.body) as Json;
      } else if (call.operationId === 'disputeCase') {
        const c = await caseAfter(pathTo.verify!.concat('verify'));
        ids.set('WF-20261122-0042', c.ticket);
        ids.set('K7QM-4T2X-9PZR', c.trackingToken);
        body = map(call.body) as Json;
      } else if (call.operationId === 'recordFollowUp') {
        // A closed case rated 1 by its reporter: the follow-up (回访) it opened is what the example records.
        const c = await caseAfter(pathTo.verify!.concat('verify'));
        const rated = await s.request(`/tickets/${c.ticket}/evaluation`, {
          method: 'POST',
          body: JSON.stringify({ trackingToken: c.trackingToken, score: 1 }),
        });
        expect(rated.status).toBe(201);
        ids.set('case_8Hq2Lw5Zt', c.id);
        headers.set('If-Match', `"${c.version}"`);
      } else if (['getCase', 'listCaseEvents', 'getPublicCase'].includes(call.operationId)) {
        const c = await caseAfter([]);
        ids.set('case_8Hq2Lw5Zt', c.id);
        ids.set('WF-20261122-0042', c.ticket);
        ids.set('K7QM-4T2X-9PZR', c.trackingToken); // getPublicCase's X-Tracking-Token example
      }

      for (const parameter of parameters) {
        const value = map(parameter.example ?? Object.values(parameter.examples ?? {})[0]?.value);
        if (value === undefined || parameter.name === 'cursor' || parameter.name === 'If-None-Match') continue;
        if (parameter.name === 'Idempotency-Key') headers.set(parameter.name, crypto.randomUUID());
        else if (parameter.name === 'If-Match')
          continue; // set above from the case's version
        else if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
        else if (parameter.in === 'header') headers.set(parameter.name, String(value));
        else if (Array.isArray(value)) for (const v of value) query.append(parameter.name, String(v));
        else query.set(parameter.name, String(value));
      }
      const search = query.size > 0 ? `?${query}` : '';
      let init: RequestInit & { token?: string } = { method: call.method, headers, token };
      if (call.mediaType === 'multipart/form-data') {
        const form = new FormData();
        for (const [key, value] of Object.entries(body ?? {})) {
          if (key === 'file') form.set('file', new Blob([JPEG_4X3], { type: 'image/jpeg' }), 'IMG_20261122_091201.jpg');
          else form.set(key, String(value));
        }
        init = { ...init, body: form };
      } else if (body !== undefined) {
        init = { ...init, body: JSON.stringify(body) };
      }

      const response = await s.request(`${url}${search}`, init);
      const binary = !response.headers.get('Content-Type')?.includes('json');
      const text = binary ? '' : await response.text();
      // A CSV export or a live stream is not read here (a live stream never ends).
      if (binary) void response.body?.cancel();
      expect(response.status, `${call.method} ${url}${search} → ${text}`).toBeGreaterThanOrEqual(200);
      expect(response.status, `${call.method} ${url}${search} → ${text}`).toBeLessThan(300);
      expect(s.contractBreaks).toEqual([]);

      // What later examples refer to: the media, notice and case this example created.
      const created = text ? (JSON.parse(text) as Json) : {};
      if (call.operationId === 'uploadMedia') {
        for (const example of ['med_5Tg8Kd2Qx', 'med_7Wz3Nc5Vb']) ids.set(example, created.id as string);
      }
      if (call.operationId === 'createNotice') ids.set('ntc_3Pd9Ks2Lm', created.id as string);
      // The mediation example links the case it led to.
      if (call.operationId === 'createCase') ids.set('case_3Nd7Jk1Xe', created.id as string);
    });
  }
});
