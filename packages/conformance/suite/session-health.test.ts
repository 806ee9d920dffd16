import { beforeAll, describe, expect, it } from 'vitest';
import { client, rawFetch } from './support/client.js';
import { discover, type World } from './support/discovery.js';
import { PROBLEM_BASE, RFC3339 } from './support/helpers.js';

let world: World;
beforeAll(async () => {
  world = await discover();
});

describe('getHealth', () => {
  it('answers 200 with status ok, a version and the server time', async () => {
    const health = await client().session.health();
    expect(health.status).toBe('ok');
    expect(typeof health.version).toBe('string');
    expect(health.time).toMatch(RFC3339);
    expect(Number.isNaN(Date.parse(health.time))).toBe(false);
  });

  it('sends X-Request-Id on every response', async () => {
    const { response } = await client().raw.GET('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toBeTruthy();
  });
});

describe('getCurrentStaff', () => {
  it('returns the worker principal: grid_worker with its grids', async () => {
    const me = await client('worker').session.me();
    expect(me).toMatchObject({ role: 'grid_worker' });
    expect(typeof me.id).toBe('string');
    expect(typeof me.name).toBe('string');
    expect(me.gridIds.length).toBeGreaterThan(0);
    expect(me).toEqual(world.worker);
  });

  it('returns the admin principal: admin with one subtree root', async () => {
    const me = await client('admin').session.me();
    expect(me.role).toBe('admin');
    expect(me.gridIds).toHaveLength(1);
    expect(me.id).not.toBe(world.worker.id);
  });
});

describe('problems', () => {
  it('are application/problem+json with type, title, status and the X-Request-Id as requestId', async () => {
    const response = await rawFetch('/grids/conformance-no-such-grid');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem.type).toBe(`${PROBLEM_BASE}not-found`);
    expect(problem.status).toBe(404);
    expect(typeof problem.title).toBe('string');
    expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  });

  it.each([
    ['en', 'en'],
    ['zh-TW', 'zh-TW'],
    ['zh-CN', 'zh-CN'],
    [undefined, 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['en-GB,en;q=0.9,zh-CN;q=0.8', 'en'],
  ])('are localized by Accept-Language %s → Content-Language %s', async (accept, language) => {
    const response = await rawFetch('/grids/conformance-no-such-grid', {
      headers: accept ? { 'Accept-Language': accept } : {},
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Language')).toBe(language);
  });

  it('localizes the title itself: en and zh-CN titles differ', async () => {
    const title = async (locale: string) =>
      (
        (await (
          await rawFetch('/grids/conformance-no-such-grid', { headers: { 'Accept-Language': locale } })
        ).json()) as {
          title: string;
        }
      ).title;
    expect(await title('en')).not.toBe(await title('zh-CN'));
  });
});
