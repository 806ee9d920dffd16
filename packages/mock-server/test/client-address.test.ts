/**
 * Per-address limits behind a reverse proxy: `X-Forwarded-For` names the
 * client only when the connection comes from a proxy the operator trusts;
 * from anyone else the header is ignored. Real HTTP on loopback: each
 * `127.0.0.x` source address is a different peer as the server sees it.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressResolver } from '../src/http/client-address.js';
import { startServer, type StartedServer } from '../src/server.js';

const proxy = '127.0.0.2';
const stranger = '127.0.0.3';
let server: StartedServer;

/** The status of a public read sent from `from`, with the headers given. */
function read(from: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.apiUrl}/categories?limit=1`, { localAddress: from, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `n` reads one after another: how many were served. */
async function served(n: number, from: string, headers: Record<string, string> = {}): Promise<number> {
  let ok = 0;
  for (let i = 0; i < n; i++) if ((await read(from, headers)) === 200) ok++;
  return ok;
}

beforeAll(async () => {
  server = await startServer({
    port: 0,
    seed: 'demo',
    log: () => {},
    // Bursts of 5 refilled one every 20 s: the sixth read in a row meets 429, however slow the machine.
    readRateLimit: { public: { perMinute: 3, burst: 5 }, staff: { perMinute: 600, burst: 300 } },
    trustedProxies: [proxy],
  });
});
afterAll(() => server?.close());

describe('client address behind a trusted proxy', () => {
  it('counts each forwarded client apart: one client’s burst does not block the next behind the same proxy', async () => {
    expect(await served(8, proxy, { 'X-Forwarded-For': '203.0.113.7' })).toBe(5);
    expect(await served(3, proxy, { 'X-Forwarded-For': '203.0.113.8' })).toBe(3);
  });

  it('takes the address nearest the server that is not a trusted proxy: a client cannot pick its own by prefixing one', async () => {
    // 203.0.113.9 spends its allowance; then it claims to be someone else in front of it.
    expect(await served(5, proxy, { 'X-Forwarded-For': '203.0.113.9' })).toBe(5);
    expect(await read(proxy, { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' })).toBe(429);
  });

  it('ignores the header from a peer that is not a trusted proxy: a new claimed address on every request still meets the peer’s own limit', async () => {
    let ok = 0;
    for (let i = 0; i < 8; i++) if ((await read(stranger, { 'X-Forwarded-For': `198.51.100.${i + 10}` })) === 200) ok++;
    expect(ok).toBe(5);
    // …and naming a forwarded client did not spend that client's allowance.
    expect(await served(2, proxy, { 'X-Forwarded-For': '198.51.100.10' })).toBe(2);
  });

  it('refuses a configuration that is not an address, a range or a known name, naming it', () => {
    expect(() => clientAddressResolver(['10.0.0.0/8', 'proxy.example'])).toThrow(/proxy\.example/);
    expect(() => clientAddressResolver(['loopback', '10.0.0.0/8', '::1'])).not.toThrow();
  });
});
