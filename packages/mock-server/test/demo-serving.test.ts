/**
 * What `pnpm start` serves besides the API: the no-build bundle and its
 * source map, loadable from a portal on another origin (CORS, as `--cors`
 * says); the API reference at /docs/api with the policy its inline scripts
 * need; and the demo case, whose documented token is printed on every start.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from './support/fixture.js';
import { openDatabase } from '../src/store/database.js';
import { startServer, type StartedServer } from '../src/server.js';

const packageDir = new URL('..', import.meta.url).pathname;
const portal = 'https://portal.example.gov.cn';

/** A demo folder like the components' dist/demo: a bundle pointing at its map, and a page. */
function demoDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridkit-demo-'));
  writeFileSync(
    join(dir, 'gridkit.js'),
    'customElements.define("gk-x",class extends HTMLElement{});\n//# sourceMappingURL=gridkit.js.map\n',
  );
  writeFileSync(
    join(dir, 'gridkit.js.map'),
    JSON.stringify({ version: 3, sources: ['../../src/x.ts'], sourcesContent: ['export {}'], mappings: 'AAAA' }),
  );
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  return dir;
}

async function start(options: { demoDir: string; corsOrigins?: string[] }): Promise<StartedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-demo-data-'));
  const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
  buildFixture(db);
  db.close();
  return startServer({ port: 0, dataDir, seed: false, log: () => {}, ...options });
}

describe('the no-build bundle from another origin', () => {
  let open: StartedServer;
  let listed: StartedServer;
  beforeAll(async () => {
    const dir = demoDir();
    open = await start({ demoDir: dir });
    listed = await start({ demoDir: dir, corsOrigins: [portal] });
  });
  afterAll(async () => {
    await open.close();
    await listed.close();
  });

  it('serves the bundle and its map to any origin by default (`--cors` *)', async () => {
    for (const path of ['/gridkit.js', '/gridkit.js.map']) {
      const response = await fetch(`${open.url}${path}`, { headers: { Origin: portal } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });

  it('allows only the listed origins when `--cors` lists some', async () => {
    const allowed = await fetch(`${listed.url}/gridkit.js`, { headers: { Origin: portal } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(portal);
    const other = await fetch(`${listed.url}/gridkit.js`, { headers: { Origin: 'https://elsewhere.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("resolves the source map the bundle names, with every source's text inside", async () => {
    const scriptUrl = `${open.url}/gridkit.js`;
    const script = await (await fetch(scriptUrl)).text();
    const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(script)?.[1];
    expect(mapName).toBeDefined();
    const response = await fetch(new URL(mapName!, scriptUrl), { headers: { Origin: portal } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const map = (await response.json()) as { sources: string[]; sourcesContent?: (string | null)[] };
    expect(map.sourcesContent?.length).toBe(map.sources.length);
    expect(map.sourcesContent?.every((text) => typeof text === 'string')).toBe(true);
  });

  it('keeps the demo pages under the strict policy, without CORS', async () => {
    const page = await fetch(`${open.url}/index.html`, { headers: { Origin: portal } });
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'; img-src 'self' data:");
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('/docs/api', () => {
  it('answers a problem (404) while the reference is not built', async () => {
    const server = await start({ demoDir: demoDir() });
    try {
      const response = await fetch(`${server.url}/docs/api`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { detail: string }).detail).toContain('pnpm start');
    } finally {
      await server.close();
    }
  });

  it('serves the built page with a policy allowing exactly its inline scripts', async () => {
    const dir = demoDir();
    const inline = 'window.__redoc_state = {};';
    mkdirSync(join(dir, 'docs/api'), { recursive: true });
    writeFileSync(
      join(dir, 'docs/api/index.html'),
      `<!doctype html><title>Gridkit API</title><script>${inline}</script><h1>Gridkit API</h1>`,
    );
    const server = await start({ demoDir: dir });
    try {
      const response = await fetch(`${server.url}/docs/api`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<h1>Gridkit API</h1>');
      const policy = response.headers.get('content-security-policy')!;
      const hash = createHash('sha256').update(inline).digest('base64');
      expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(policy).not.toContain("'unsafe-inline' 'sha256");
      expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    } finally {
      await server.close();
    }
  });
});

describe('the demo case', () => {
  it('is printed with its documented token on a second start of a seeded database, and the token works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gridkit-demo-case-'));
    const first = await startServer({ port: 0, dataDir, log: () => {} });
    const demoCase = first.demoCase;
    await first.close();
    expect(demoCase).toMatchObject({ trackingToken: 'DEM0-CASE-2026', status: 'closed' });

    // The CLI on the same (already seeded) database: no seeding, the sample case still printed.
    const cli = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--data-dir', dataDir],
      { cwd: packageDir, timeout: 30_000 },
    );
    let output = '';
    cli.child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready in')) cli.child.kill('SIGTERM');
    });
    await cli.catch(() => undefined);
    expect(output).not.toContain('Seeded');
    expect(output).toContain(`Sample case  ticket ${demoCase!.ticket}, tracking token DEM0-CASE-2026 (closed)`);

    const again = await startServer({ port: 0, dataDir, log: () => {} });
    try {
      // Typed as a resident might: lower case, O for 0.
      const response = await fetch(`${again.apiUrl}/tickets/${demoCase!.ticket}`, {
        headers: { 'X-Tracking-Token': 'dem0 case 2026'.replace('0', 'o') },
      });
      expect(response.status).toBe(200);
      const view = (await response.json()) as { ticket: string; status: string };
      expect(view).toMatchObject({ ticket: demoCase!.ticket, status: 'closed' });
      // The token is checked: another one is refused.
      const wrong = await fetch(`${again.apiUrl}/tickets/${demoCase!.ticket}`, {
        headers: { 'X-Tracking-Token': 'K7QM-4T2X-9PZR' },
      });
      expect(wrong.status).toBe(403);
    } finally {
      await again.close();
    }
  }, 60_000);
});
