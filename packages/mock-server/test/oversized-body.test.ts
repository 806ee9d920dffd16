/**
 * Body limits hold while the body streams (issue 12, defect 1): a real server
 * process is sent a chunked body of up to 300 MB with no Content-Length, and
 * must answer 413 after reading about the limit — its peak resident memory
 * (VmHWM in /proc/<pid>/status) grows by less than 64 MB. And a client that
 * sends its body slowly is cut off by the request timeout with a 408.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '@gridkit/sdk/test-support';
import { startServer } from '../src/server.js';
import { openDatabase } from '../src/store/database.js';
import { startCliProcess } from './support/cli-process.js';
import { buildFixture, tokens } from './support/fixture.js';
import { report } from './support/harness.js';

const MB = 1024 * 1024;
/** What the server may grow by while refusing a body of any size. */
const allowedGrowth = 64 * MB;
const sentAtMost = 300 * MB;

let child: ChildProcess;
let apiUrl: string;
let dataDir: string;

/** Kilobytes of a /proc/<pid>/status line (VmRSS: now, VmHWM: the peak so far). */
const memory = (field: 'VmRSS' | 'VmHWM') => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gridkit-oversized-'));
  const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
  buildFixture(db);
  db.close();
  ({ child, apiUrl } = await startCliProcess(dataDir));
}, 30_000);

afterAll(() => {
  child?.kill('SIGKILL');
});

interface Outcome {
  status: number;
  contentType: string | undefined;
  body: string;
  sent: number;
}

/**
 * POSTs `head`, then filler generated on the fly, chunked (no Content-Length),
 * until the response arrives or `sentAtMost` bytes are out; never holds more
 * than one chunk.
 */
function sendOversized(path: string, headers: Record<string, string>, head: Uint8Array): Promise<Outcome> {
  const url = new URL(`${apiUrl}${path}`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' } });
    req.on('response', (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          contentType: response.headers['content-type'],
          body: Buffer.concat(parts).toString(),
          sent,
        }),
      );
    });
    // The server closes the connection after its 413: a write error then is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const filler = Buffer.alloc(MB, 'x');
    const pump = () => {
      while (!answered && sent < sentAtMost) {
        const chunk = sent === 0 ? Buffer.concat([head, filler.subarray(head.length)]) : filler;
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function expectRefusedWithFlatMemory(path: string, headers: Record<string, string>, head: Uint8Array) {
  const before = memory('VmRSS');
  // The server closes a connection whose body it will not read; on a busy machine the client's next write can fail
  // (EPIPE, ECONNRESET) before it has read the 413 already on its way. That race is the client's: try once more.
  const outcome = await sendOversized(path, headers, head).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') throw error;
    console.log(`${path}: ${error.code} before the answer was read; sending again`);
    return sendOversized(path, headers, head);
  });
  const peakGrowth = memory('VmHWM') - before;
  console.log(
    `${path}: 413 after ${(outcome.sent / MB).toFixed(0)} MB sent; resident ${(before / MB).toFixed(0)} MB before, ` +
      `peak growth ${(peakGrowth / MB).toFixed(1)} MB`,
  );
  expect(outcome.status, outcome.body).toBe(413);
  expect(outcome.contentType).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(outcome.body)).toMatchObject({
    type: 'https://gridkit.dev/problems/payload-too-large',
    status: 413,
  });
  expect(outcome.sent).toBeLessThan(sentAtMost);
  expect(peakGrowth).toBeLessThan(allowedGrowth);
  // Still serving.
  expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
}

describe('a body far over its limit, chunked without Content-Length, is refused while it streams', () => {
  it('createCase (JSON, 256 KiB limit): 413, and the server grows by less than 64 MB', async () => {
    // A valid report whose description never ends.
    const rest: Partial<ReturnType<typeof report>> = report();
    delete rest.description;
    const head = `${JSON.stringify(rest).slice(0, -1)},"description":"`;
    await expectRefusedWithFlatMemory(
      '/cases',
      { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      new TextEncoder().encode(head),
    );
  });

  it('uploadMedia (multipart, 10 MiB limit): 413, and the server grows by less than 64 MB', async () => {
    const boundary = 'gridkit-oversized-boundary';
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\n` +
        `Content-Type: image/png\r\n\r\n`,
    );
    await expectRefusedWithFlatMemory(
      '/media',
      { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      new Uint8Array([...head, ...png(2, 2)]),
    );
  });

  it('a staff write (createServiceLog): 413, and the server grows by less than 64 MB', async () => {
    await expectRefusedWithFlatMemory(
      '/service-logs',
      { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.workerG1}` },
      new TextEncoder().encode('{"summary":"'),
    );
  });
});

describe('slow clients are cut off (slowloris)', () => {
  it('a client that declares a length and hangs up halfway leaves no trace; the whole report then makes one case', async () => {
    const db = openDatabase(join(dataDir, 'gridkit.sqlite'));
    const cases = () => db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    try {
      const before = cases();
      const body = JSON.stringify(report());
      const key = `half-a-body-${Date.now()}`;
      const { hostname, port } = new URL(apiUrl);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), hostname);
        socket.on('connect', () => {
          socket.write(
            `POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: ${key}\r\n` +
              `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, body.length >> 1)}`,
          );
          setTimeout(() => socket.destroy(), 100);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      expect(cases()).toBe(before);
      // The same report sent whole, with the same key: a new case (no half-written record answers for it).
      const whole = await fetch(`${apiUrl}/cases`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body,
      });
      expect(whole.status, await whole.clone().text()).toBe(201);
      expect(cases()).toBe(before + 1);
    } finally {
      db.close();
    }
  });

  it('a body trickled slower than the request timeout allows gets 408 and a closed connection', async () => {
    const server = await startServer({
      seed: false,
      port: 0,
      rateLimit: false,
      headersTimeoutMs: 500,
      requestTimeoutMs: 1500,
    });
    try {
      const { hostname, port } = new URL(server.url);
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), hostname);
        let received = '';
        let timer: NodeJS.Timeout | undefined;
        socket.on('connect', () => {
          socket.write(
            'POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
          );
          // One byte every 200 ms: 1000 bytes would take 200 s.
          timer = setInterval(() => socket.writable && socket.write(' '), 200);
        });
        socket.on('data', (data) => (received += data.toString()));
        socket.on('close', () => {
          clearInterval(timer);
          resolve(received);
        });
        socket.on('error', (error) => (received ? undefined : reject(error)));
      });
      const elapsed = Date.now() - started;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      // The request timeout (1.5 s), checked every 0.5 s: well before the body would have ended.
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  });
});
