import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { serveStatic } from '@hono/node-server/serve-static';
import type { HttpBindings } from '@hono/node-server';
import { DomainError, unauthenticated } from '../domain/errors.js';
import { systemClock, type Clock } from '../domain/time.js';
import type { MediaStore } from '../domain/media.js';
import type { Db } from '../store/database.js';
import { authenticate } from './auth.js';
import { faultHeader, planFaults, type FaultOptions } from './faults.js';
import type { Handlers, Reply, RequestContext, Services } from './handler.js';
import { fingerprint, idempotentWrite } from './idempotency.js';
import { negotiateLocale, problemResponse, type Locale, type ProblemInit } from './problem.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { compiledOperations, validateBody, validateParameters, validateResponse } from './validation.js';
import type { StaffToken } from '../seed/index.js';

export const apiBase = '/api/v1';

/** Public writes that are rate-limited per client address. */
const publicWrites = new Set(['createCase', 'uploadMedia', 'evaluateCase']);

/** The largest JSON body accepted (a case description is at most 2000 characters). */
const maxJsonBytes = 256 * 1024;
/** The largest upload (the contract: 10 MiB), plus room for the multipart envelope. */
export const maxUploadBytes = 10 * 1024 * 1024;

export interface AppOptions {
  db: Db;
  media: MediaStore;
  handlers: Handlers;
  clock?: Clock;
  /** Check every response against the contract; a broken one becomes a 500 naming what is wrong. */
  validateResponses?: boolean;
  faults?: FaultOptions;
  /** Origins allowed to call from a browser; `*` for any. */
  corsOrigins?: string[] | '*';
  rateLimit?: RateLimitOptions | false;
  /** Where contract violations and unexpected errors are reported. */
  log?: (line: string) => void;
  /** A folder of demo pages served at `/` (the components' `dist/demo`). */
  demoDir?: string;
  /** The demo staff tokens, served to the demo pages (only with `demoDir`) at `/demo/staff-tokens.json`. */
  demoStaffTokens?: () => StaffToken[];
}

type Env = { Bindings: Partial<HttpBindings> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clientAddress(c: Context<Env>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'local';
}

export function createApp(options: AppOptions): Hono<Env> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.error(line));
  const services: Services = { db: options.db, clock, media: options.media };
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? { perMinute: 60 });
  const app = new Hono<Env>();

  app.use(
    `${apiBase}/*`,
    cors({
      origin: options.corsOrigins === undefined || options.corsOrigins === '*' ? '*' : options.corsOrigins,
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'Idempotency-Key',
        'If-Match',
        'If-None-Match',
        'Accept-Language',
        faultHeader,
      ],
      exposeHeaders: ['X-Request-Id', 'ETag', 'Location', 'Retry-After', 'Idempotent-Replayed', 'Content-Language'],
      maxAge: 600,
    }),
  );

  for (const compiled of compiledOperations.values()) {
    const { operation } = compiled;
    const handler = options.handlers[operation.operationId as keyof Handlers] as (
      context: RequestContext<never>,
    ) => Reply | Promise<Reply>;
    if (!handler) throw new Error(`No handler for operation ${operation.operationId}`);

    app.on(operation.method, `${apiBase}${operation.routePath}`, async (c) => {
      const requestId = crypto.randomUUID();
      const locale = negotiateLocale(c.req.header('Accept-Language'));
      const instance = new URL(c.req.url).pathname;
      const problem = (init: ProblemInit) => problemResponse(init, locale, requestId, instance);
      const faults = planFaults(options.faults ?? { enabled: false }, c.req.header(faultHeader) ?? null);

      let response: Response;
      try {
        if (faults.latencyMs) await sleep(faults.latencyMs);
        if (faults.status) {
          const retryAfter = String(faults.retryAfterSeconds ?? 1);
          throw new DomainError(
            faults.status,
            faults.status === 429 ? 'rate-limited' : 'service-unavailable',
            `Injected fault: ${faults.status}.`,
            [],
            { 'Retry-After': retryAfter },
          );
        }
        response = await handle(c, compiled, handler, { requestId, locale });
      } catch (error) {
        if (error instanceof DomainError) {
          response = problem({
            status: error.status,
            slug: error.slug,
            detail: error.detail,
            issues: error.issues,
            headers: error.headers,
          });
        } else {
          log(
            `[${requestId}] ${operation.operationId} failed: ${error instanceof Error ? error.stack : String(error)}`,
          );
          response = problem({ status: 500, slug: 'internal-error', detail: 'The server failed unexpectedly.' });
        }
      }

      if (options.validateResponses) response = await checked(response);
      response.headers.set('X-Request-Id', requestId);
      if (faults.dropAfterCommit && c.env?.incoming) {
        c.env.incoming.socket.destroy();
      }
      return response;

      async function checked(candidate: Response): Promise<Response> {
        const mediaType = candidate.headers.get('Content-Type')?.split(';')[0]?.trim();
        const body = mediaType?.includes('json') ? await candidate.clone().json() : undefined;
        const problems = validateResponse(compiled, candidate.status, mediaType, body);
        if (problems.length === 0) return candidate;
        log(`[${requestId}] ${operation.operationId} response breaks the contract: ${problems.join('; ')}`);
        return problem({
          status: 500,
          slug: 'internal-error',
          detail: `Response of ${operation.operationId} (${candidate.status}) breaks the contract: ${problems.join('; ')}`,
        });
      }
    });
  }

  if (options.demoDir) {
    // Demo pages are ours: a strict CSP shows that the widgets need no inline code or eval.
    app.use('/*', async (c, next) => {
      await next();
      if (!c.req.path.startsWith(apiBase)) {
        c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:");
      }
    });
    const demoStaffTokens = options.demoStaffTokens;
    // Demo only: the service-log page signs in as a seeded worker. Never served without demo pages.
    if (demoStaffTokens) app.get('/demo/staff-tokens.json', (c) => c.json(demoStaffTokens()));
    app.get('/*', serveStatic({ root: options.demoDir }));
  }

  app.notFound((c) =>
    problemResponse(
      { status: 404, slug: 'not-found', detail: `No operation at ${c.req.method} ${new URL(c.req.url).pathname}.` },
      negotiateLocale(c.req.header('Accept-Language')),
      crypto.randomUUID(),
      new URL(c.req.url).pathname,
    ),
  );

  return app;

  async function handle(
    c: Context<Env>,
    compiled: typeof compiledOperations extends Map<string, infer V> ? V : never,
    handler: (context: RequestContext<never>) => Reply | Promise<Reply>,
    meta: { requestId: string; locale: Locale },
  ): Promise<Response> {
    const { operation } = compiled;
    const url = new URL(c.req.url);

    const principal =
      operation.access === 'public' ? undefined : authenticate(options.db, c.req.header('Authorization') ?? null);
    if (principal === null || (operation.access === 'staff' && !principal)) {
      throw unauthenticated(
        principal === null ? 'The bearer token is not valid.' : 'This operation needs a staff bearer token.',
      );
    }

    if (limiter && publicWrites.has(operation.operationId)) {
      const wait = limiter.take(clientAddress(c), clock().getTime());
      if (wait > 0) {
        throw new DomainError(429, 'rate-limited', `Too many reports from this address; retry in ${wait} s.`, [], {
          'Retry-After': String(wait),
        });
      }
    }

    const { issues, values } = validateParameters(compiled, {
      path: c.req.param() as Record<string, string>,
      query: url.searchParams,
      headers: c.req.raw.headers,
    });

    let body: unknown;
    let form: FormData | undefined;
    let bytes: Uint8Array | undefined;
    if (operation.requestBody) {
      const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      const isMultipart = mediaType === 'multipart/form-data';
      // A 10 MiB file plus its multipart envelope, or a JSON body.
      const limit = isMultipart ? maxUploadBytes + 64 * 1024 : maxJsonBytes;
      const tooLarge = () => new DomainError(413, 'payload-too-large', 'The request body is too large.');
      // Refused before reading when declared, and after reading when not (a chunked body).
      if (Number(c.req.header('Content-Length') ?? 0) > limit) throw tooLarge();
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (raw.byteLength > limit) throw tooLarge();
      if (raw.byteLength === 0 && !operation.requestBody.required) {
        body = undefined;
      } else if (!operation.requestBody.content[mediaType]) {
        throw new DomainError(
          415,
          'unsupported-media-type',
          `Send ${Object.keys(operation.requestBody.content).join(' or ')}, not ${mediaType || 'no Content-Type'}.`,
        );
      } else if (isMultipart) {
        form = await new Request(url, { method: 'POST', body: raw, headers: c.req.raw.headers })
          .formData()
          .catch(() => {
            throw new DomainError(400, 'validation-failed', 'The multipart body could not be read.', [
              { path: '/body', message: 'is not valid multipart/form-data', code: 'malformed' },
            ]);
          });
        // Files validate as the contract's binary strings; the handler reads the File itself.
        body = Object.fromEntries(
          [...form.keys()].map((key) => [key, typeof form!.get(key) === 'string' ? form!.get(key) : '']),
        );
        // "The same request" means the same files and fields; the envelope's boundary is random.
        const files = [...form.values()].filter((value): value is File => value instanceof File);
        bytes = Buffer.concat(await Promise.all(files.map(async (file) => Buffer.from(await file.arrayBuffer()))));
      } else {
        try {
          body = JSON.parse(new TextDecoder().decode(raw));
        } catch {
          throw new DomainError(400, 'validation-failed', 'The body is not valid JSON.', [
            { path: '/body', message: 'is not valid JSON', code: 'malformed' },
          ]);
        }
      }
      if (body !== undefined) issues.push(...validateBody(compiled, mediaType, body));
      else if (operation.requestBody.required) issues.push({ path: '/body', message: 'is required', code: 'required' });
    }
    if (issues.length > 0) {
      throw new DomainError(
        400,
        'validation-failed',
        `${issues.length} ${issues.length === 1 ? 'field is' : 'fields are'} invalid.`,
        issues,
      );
    }

    const now = clock();
    const idempotencyKey = operation.idempotent ? c.req.header('Idempotency-Key') : undefined;
    const context: RequestContext<never> = {
      ...services,
      operationId: operation.operationId as never,
      path: values.path as never,
      query: values.query as never,
      header: values.header as never,
      body: body as never,
      form,
      principal,
      locale: meta.locale,
      requestId: meta.requestId,
      now,
      write: (fn) =>
        idempotencyKey
          ? idempotentWrite(
              options.db,
              {
                scope: `${operation.operationId}:${principal?.id ?? 'anonymous'}`,
                key: idempotencyKey,
                fingerprint: fingerprint(operation.method, url.pathname, body, bytes),
                now,
              },
              fn,
            )
          : options.db.transaction(fn)(),
    };
    const reply = await handler(context);
    return toResponse(reply, meta);
  }

  function toResponse(reply: Reply, meta: { requestId: string; locale: Locale }): Response {
    if (reply.problem) {
      return problemResponse(
        { ...reply.problem, headers: { ...reply.problem.headers, ...reply.headers } },
        meta.locale,
        meta.requestId,
        '',
      );
    }
    if (reply.bytes)
      return new Response(reply.bytes as Uint8Array<ArrayBuffer>, { status: reply.status, headers: reply.headers });
    if (reply.body === undefined) return new Response(null, { status: reply.status, headers: reply.headers });
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  }
}
