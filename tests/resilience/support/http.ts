/** Raw HTTP, byte for byte: malformed escapes, invalid UTF-8 and truncated bodies go out as written. */
import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

export function send(
  baseUrl: string,
  method: string,
  /** Path and query after `/api/v1`, already encoded (or deliberately not). */
  target: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
  /** The client's own address (any of 127.0.0.0/8 on loopback): another client, as the server sees it. */
  localAddress?: string,
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${target}`,
        headers: body === undefined ? headers : { 'Content-Length': String(Buffer.byteLength(body)), ...headers },
        agent,
        ...(localAddress ? { localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        // A live stream never ends: its first chunk (the reconnect delay) is the answer.
        const live = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          if (live) res.destroy();
        });
        if (live) res.on('close', () => res.emit('end'));
        res.on('end', () => {
          const buffer = Buffer.concat(chunks);
          const text = buffer.toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode!, headers: res.headers, body: buffer, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

/**
 * A client's JSON call to the server at `apiUrl()` (read when called: the
 * server starts after the module loads): the bearer token if any, and with a
 * body its `Content-Type` and a fresh `Idempotency-Key` (`<label>-<n>-<ms>`).
 */
export function jsonCaller(apiUrl: () => string, label: string) {
  let keys = 0;
  return (
    method: string,
    target: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> =>
    send(
      apiUrl(),
      method,
      target,
      {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined
          ? {}
          : { 'Content-Type': 'application/json', 'Idempotency-Key': `${label}-${keys++}-${Date.now()}` }),
        ...headers,
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
}
