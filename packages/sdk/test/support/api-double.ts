/**
 * A real HTTP server on loopback that stands in for the Gridkit API: it
 * records every request and answers from a script. Tests use it instead of a
 * mocked `fetch`, so the SDK meets real sockets, real timeouts and real
 * dropped connections.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v1`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
  /** Wait before answering. */
  delayMs?: number;
  /** Read the request, then close the socket without answering (as after a crash or a lost response). */
  drop?: boolean;
  /** Send headers, then never finish the body. */
  stallBody?: boolean;
}

export interface ApiDouble {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue replies for the next requests, in order; afterwards `fallback` answers. */
  reply(...replies: Reply[]): void;
  fallback: (request: RecordedRequest) => Reply;
  close(): Promise<void>;
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': `req-${status}` },
    json: { type: 'about:blank', title, status, ...extra },
  };
}

export async function startApiDouble(): Promise<ApiDouble> {
  const queue: Reply[] = [];
  const double: ApiDouble = {
    baseUrl: '',
    requests: [],
    reply: (...replies) => queue.push(...replies),
    fallback: () => ({ json: {} }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://double');
    let json: unknown;
    if (/json/.test(req.headers['content-type'] ?? '') && body.length) json = JSON.parse(body.toString('utf8'));
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      headers: req.headers,
      body,
      json,
    };
    double.requests.push(recorded);
    const reply = queue.shift() ?? double.fallback(recorded);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
    res.writeHead(reply.status ?? 200, {
      'Content-Type': 'application/json',
      'X-Request-Id': `req-${double.requests.length}`,
      ...reply.headers,
    });
    if (reply.stallBody) {
      res.write(payload.slice(0, 1));
      return;
    }
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  return double;
}
