import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createGridkitClient, type GridkitClient, type GridkitClientOptions } from '@gridkit/sdk';
import { inject } from 'vitest';
import { OPERATIONS, recordOperation } from './operations.js';
import type { GridkitTarget } from './target.js';

export type { GridkitClient };

export function target(): GridkitTarget {
  const value = inject('gridkitTarget');
  if (!value)
    throw new Error('No Gridkit target was provided: run the suite through its vitest config (global setup).');
  return value;
}

export type Who =
  'admin' | 'worker' | 'supervisor' | 'department' | 'lowerSupervisor' | 'lowerAdmin' | 'public' | { token: string };

/** The bearer token of `who` on the target (`undefined` for the public). */
function tokenOf(t: GridkitTarget, who: Who): string | undefined {
  if (who === 'public') return undefined;
  if (who === 'admin') return t.adminToken;
  if (who === 'worker') return t.workerToken;
  if (who === 'supervisor') {
    if (!t.supervisorToken) throw new Error('This test needs a supervisor token (--supervisor-token).');
    return t.supervisorToken;
  }
  if (who === 'department') {
    if (!t.departmentToken) throw new Error('This test needs a department token (--department-token).');
    return t.departmentToken;
  }
  if (who === 'lowerSupervisor') {
    if (!t.lowerSupervisorToken)
      throw new Error('This test needs a lower supervisor token (--lower-supervisor-token).');
    return t.lowerSupervisorToken;
  }
  if (who === 'lowerAdmin') {
    if (!t.lowerAdminToken) throw new Error('This test needs a lower admin token (--lower-admin-token).');
    return t.lowerAdminToken;
  }
  return who.token;
}

const MAX_RATE_LIMIT_WAITS = 8;
const MAX_RETRY_AFTER_MS = 15_000;

/**
 * `fetch` that waits out `429 Too Many Requests` (honouring `Retry-After`)
 * before handing a response to the caller. The contract limits public writes
 * per client address, and the suite sends many from one address; a 429 is not
 * a verdict on the request (nothing was processed or stored), so resending it,
 * whatever its method, is safe.
 */
export async function patientFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const template = new Request(input, init);
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(template.clone());
    if (response.status !== 429 || attempt >= MAX_RATE_LIMIT_WAITS) return response;
    const seconds = Number(response.headers.get('Retry-After'));
    const waitMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 1000;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, waitMs + Math.random() * 250));
  }
}

/**
 * An SDK client for the target server. A middleware records every operation
 * that answered successfully, so the last test can check all of them were covered.
 * Retries are kept for what a real client retries (429, 5xx, network) but
 * short, so a broken server fails fast.
 */
export function client(who: Who = 'public', options: Partial<GridkitClientOptions> = {}): GridkitClient {
  const t = target();
  const token = tokenOf(t, who);
  return createGridkitClient({
    baseUrl: t.baseUrl,
    token,
    fetch: patientFetch,
    timeoutMs: 60_000,
    retry: { retries: 2, baseDelayMs: 200, maxDelayMs: 2_000, maxRetryAfterMs: 15_000 },
    ...options,
    middleware: [
      {
        onResponse({ request, response, schemaPath }) {
          const operationId = OPERATIONS[`${request.method} ${schemaPath}`];
          if (operationId && ((response.status >= 200 && response.status < 300) || response.status === 304)) {
            recordOperation(t.recordDir, operationId, response.status);
          }
          return undefined;
        },
      },
      ...(options.middleware ?? []),
    ],
  });
}

/** Plain `fetch` against the target, for requests the SDK cannot express (malformed JSON, wrong content type). */
export async function rawFetch(path: string, init: RequestInit & { who?: Who } = {}): Promise<Response> {
  const t = target();
  const headers = new Headers(init.headers);
  const token = tokenOf(t, init.who ?? 'public');
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
  return patientFetch(`${t.baseUrl}${path}`, { ...init, headers });
}

/**
 * POSTs a body of `chunks` pieces streamed without Content-Length, and
 * resolves with the server's answer as soon as it comes. A server may answer
 * (a 413) and close the connection while the body is still being sent: the
 * answer counts, the failed rest of the upload (EPIPE, reset) does not —
 * `fetch` would reject the whole call for it. A 429 is waited out like
 * `patientFetch` does.
 */
export async function postStreamed(
  path: string,
  chunks: readonly Uint8Array[],
  options: { who?: Who; headers?: Record<string, string> } = {},
): Promise<StreamedAnswer> {
  let cutOff = 0;
  for (let attempt = 0; ; attempt++) {
    let answer: StreamedAnswer;
    try {
      answer = await postStreamedOnce(path, chunks, options);
    } catch (error) {
      // A server that answers and closes at once can make the client's next write fail (EPIPE, reset) before
      // Node has read the answer: the answer is lost, not wrong. Ask again, a few times.
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'EPIPE' || code === 'ECONNRESET') && ++cutOff < 4) continue;
      throw error;
    }
    if (answer.status !== 429 || attempt >= MAX_RATE_LIMIT_WAITS) return answer;
    const seconds = Number(answer.retryAfter);
    const waitMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : 1000;
    await new Promise((resolve) => setTimeout(resolve, waitMs + Math.random() * 250));
  }
}

interface StreamedAnswer {
  status: number;
  contentType: string;
  retryAfter: string | undefined;
  body: string;
}

function postStreamedOnce(
  path: string,
  chunks: readonly Uint8Array[],
  { who = 'public', headers = {} }: { who?: Who; headers?: Record<string, string> },
): Promise<StreamedAnswer> {
  const t = target();
  const url = new URL(`${t.baseUrl}${path}`);
  const token = tokenOf(t, who);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = send(url, {
      method: 'POST',
      headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type']),
          retryAfter: response.headers['retry-after'],
          body,
        }),
      );
      response.on('error', reject);
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      for (const chunk of chunks) {
        if (answered || request.destroyed) return;
        if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
      }
      request.end();
    })().catch(() => {});
  });
}
