import { expect, it } from 'vitest';
import { createMediaStore } from '../src/store/media-files.js';
import { handlers } from '../src/handlers/index.js';
import { createApp } from '../src/http/app.js';
import { operations } from '../src/http/contract.js';
import { ok } from '../src/http/handler.js';
import { openDatabase } from '../src/store/database.js';
import type { StaffToken } from '../src/seed/index.js';

it('implements every operation of the contract', () => {
  expect(operations).toHaveLength(36);
  expect(Object.keys(handlers).sort()).toEqual(operations.map((op) => op.operationId).sort());
});

it('turns a response that breaks the contract into a 500 that says what is wrong', async () => {
  const log: string[] = [];
  const app = createApp({
    db: openDatabase(':memory:'),
    media: createMediaStore('/nonexistent'),
    handlers: { ...handlers, getHealth: () => ok({ status: 'fine', time: 'yesterday' }) as never },
    validateResponses: true,
    log: (line) => log.push(line),
  });
  const response = await app.request('/api/v1/health');
  expect(response.status).toBe(500);
  const problem = await response.json();
  expect(problem.detail).toMatch(/getHealth.*breaks the contract/);
  expect(problem.detail).toContain('/status');
  expect(problem.detail).toContain('/version');
  expect(log.join('\n')).toContain('getHealth');
});

it('answers unknown paths with a problem, not an HTML page', async () => {
  const app = createApp({ db: openDatabase(':memory:'), media: createMediaStore('/nonexistent'), handlers });
  const response = await app.request('/api/v1/residents', { headers: { 'Accept-Language': 'en' } });
  expect(response.status).toBe(404);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ type: 'https://gridkit.dev/problems/not-found', title: 'Not found' });
});

it('localizes problem titles by Accept-Language', async () => {
  const app = createApp({ db: openDatabase(':memory:'), media: createMediaStore('/nonexistent'), handlers });
  const title = async (language: string) =>
    (
      (await (await app.request('/api/v1/grids/nope', { headers: { 'Accept-Language': language } })).json()) as {
        title: string;
      }
    ).title;
  expect(await title('zh-CN')).toBe('未找到');
  expect(await title('zh-TW,zh;q=0.8')).toBe('找不到');
  expect(await title('en-GB,en;q=0.9')).toBe('Not found');
  expect(await title('fr')).toBe('未找到');
});

it('serves demo pages beside the API, with a strict Content-Security-Policy', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const demoDir = mkdtempSync(join(tmpdir(), 'gridkit-demo-'));
  writeFileSync(join(demoDir, 'index.html'), '<!doctype html><title>demo</title>');
  const app = createApp({ db: openDatabase(':memory:'), media: createMediaStore('/nonexistent'), handlers, demoDir });
  const page = await app.request('/');
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>demo</title>');
  expect(page.headers.get('Content-Security-Policy')).toBe("default-src 'self'; img-src 'self' data:");
  const api = await app.request('/api/v1/health');
  expect(api.status).toBe(200);
  expect(api.headers.get('Content-Security-Policy')).toBeNull();
  expect((await app.request('/missing.html')).status).toBe(404);
});

it('gives the demo pages the demo staff tokens, and only when it serves demo pages', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const tokens: StaffToken[] = [
    {
      token: 'demo-worker',
      staffId: 'stf_1',
      name: '王丽娜',
      role: 'grid_worker',
      gridIds: ['g1'],
      label: '王丽娜 · 第二网格',
    },
  ];
  const base = { db: openDatabase(':memory:'), media: createMediaStore('/nonexistent'), handlers };
  const demo = createApp({
    ...base,
    demoDir: mkdtempSync(join(tmpdir(), 'gridkit-demo-')),
    demoStaffTokens: () => tokens,
  });
  const served = await demo.request('/demo/staff-tokens.json');
  expect(served.status).toBe(200);
  expect(await served.json()).toEqual(tokens);
  const apiOnly = createApp({ ...base, demoStaffTokens: () => tokens });
  expect((await apiOnly.request('/demo/staff-tokens.json')).status).toBe(404);
});
