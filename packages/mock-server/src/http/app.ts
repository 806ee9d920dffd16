import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { serveStatic } from '@hono/node-server/serve-static';
import type { HttpBindings } from '@hono/node-server';
import { DomainError, unauthenticated, type Issue } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { systemClock, type Clock } from '../domain/time.js';
import { apiBase, maxJsonBytes, maxUploadBytes, multipartEnvelopeBytes } from '../limits.js';
import type { Db } from '../store/database.js';
import { createGroupCommit, transactionPerWrite, type GroupCommit } from '../store/group-commit.js';
import type { MediaStore } from '../store/media-files.js';
import type { StaffToken } from '../store/staff.js';
import { apiReferencePath, readDocsPage, storybookPath } from './docs-pages.js';
import { createAnswerCache, type AnswerCache, type CachedAnswer } from './answer-cache.js';
import { authenticate } from './auth.js';
import { entityTagOf, ifNoneMatchHits } from './conditional.js';
import { clientAddressResolver, type ClientAddressOf, type TrustedProxies } from './client-address.js';
import { corsPolicy } from './cors.js';
import {
  decodePathParameters,
  decodeUtf8,
  illFormedStrings,
  tooDeep,
  instancePath,
  malformedQuery,
  payloadTooLarge,
  readLimited,
  readWhole,
} from './body.js';
import { faultHeader, planFaults, type FaultOptions, type FaultPlan } from './faults.js';
import type { Handlers, LiveChange, Reply, RequestContext, Services } from './handler.js';
import { createLiveHub, type LiveHub } from './live.js';
import { fingerprint, idempotentWrite } from './idempotency.js';
import { mountOpen311 } from './open311.js';
import { negotiateLocale, problemFromError, problemResponse, type Locale, type ProblemInit } from './problem.js';
import {
  createRateLimiter,
  defaultReadRateLimit,
  defaultStaffWriteRateLimit,
  defaultWriteRateLimit,
  type RateLimiter,
  type RateLimitOptions,
  type ReadRateLimitOptions,
} from './rate-limit.js';
import {
  compiledOperations,
  validateBody,
  validateParameters,
  validateResponse,
  type CompiledOperation,
  type ParsedParameters,
} from './validation.js';

/** Public writes that are rate-limited per client address. */
const publicWrites = new Set(['createCase', 'uploadMedia', 'evaluateCase', 'disputeCase']);
/** Reads that are never limited: health probes. */
const unlimitedReads = new Set(['getHealth']);

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
  /** Public writes per client address; `false` turns every limit off, reads included. */
  rateLimit?: RateLimitOptions | false;
  /** Reads: public per client address, staff per token; `false` turns them off. */
  readRateLimit?: ReadRateLimitOptions | false;
  /** Staff writes per token (transitions, notices, service logs, …); `false` turns the limit off. */
  staffWriteRateLimit?: RateLimitOptions | false;
  /** Concurrent writes share one transaction and disk sync (store/group-commit.ts); `false`: one each. Default on. */
  groupCommit?: boolean;
  /** Public reads that say until when they stay the same are answered from memory until then or the next write (answer-cache.ts). Default on. */
  answerCache?: boolean;
  /** Proxies trusted to name the client in `X-Forwarded-For` (client-address.ts); none by default. */
  trustedProxies?: TrustedProxies;
  /** Where contract violations and unexpected errors are reported. */
  log?: (line: string) => void;
  /** Live events (http/live.ts); one is made when not given. */
  live?: LiveHub;
  /** A folder of demo pages served at `/` (the components' `dist/demo`). */
  demoDir?: string;
  /** The demo staff tokens, served to the demo pages (only with `demoDir`) at `/demo/staff-tokens.json`. */
  demoStaffTokens?: () => StaffToken[];
}

type Env = { Bindings: Partial<HttpBindings> };
type AnyHandler = (context: RequestContext<never>) => Reply | Promise<Reply>;
/** What every step of a request knows about it. */
interface Exchange {
  c: Context<Env>;
  compiled: CompiledOperation;
  url: URL;
  requestId: string;
  locale: Locale;
}
/** The request body as read: the parsed value (multipart: its text fields), the form, and the files' bytes. */
interface ReadBody {
  body: unknown;
  form?: FormData;
  bytes?: Uint8Array;
  issues: Issue[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Step: the injected fault, if the plan asks for one (latency first, then a refusal). */
async function injectFaults(faults: FaultPlan): Promise<void> {
  if (faults.latencyMs) await sleep(faults.latencyMs);
  if (faults.status) {
    throw new DomainError(
      faults.status,
      faults.status === 429 ? 'rate-limited' : 'service-unavailable',
      `Injected fault: ${faults.status}.`,
      [],
      { 'Retry-After': String(faults.retryAfterSeconds ?? 1) },
    );
  }
}

/** Step: who is calling. Public operations ignore the token; a bad or expired token, or none where staff are required, is a 401. */
function authenticateRequest(db: Db, clock: Clock, { c, compiled }: Exchange): Principal | undefined {
  const { access } = compiled.operation;
  const caller = access === 'public' ? undefined : authenticate(db, c.req.header('Authorization') ?? null, clock());
  if (caller && 'refused' in caller) {
    throw unauthenticated(
      caller.refused === 'expired'
        ? 'The bearer token has expired; sign in again for a new one.'
        : 'The bearer token is not valid.',
    );
  }
  if (access === 'staff' && !caller) throw unauthenticated('This operation needs a staff bearer token.');
  return caller;
}

/** A limit of 0 a minute is a limit switched off. */
const limiterOf = (limit: RateLimitOptions) => (limit.perMinute > 0 ? createRateLimiter(limit) : undefined);

/** The buckets in use; an absent one is a limit switched off. */
interface Limiters {
  /** Whose bucket a public request takes from (client-address.ts). */
  addressOf: ClientAddressOf;
  publicWrites?: RateLimiter;
  publicReads?: RateLimiter;
  staffReads?: RateLimiter;
  staffWrites?: RateLimiter;
}

/**
 * Step: public writes and public reads take a token from the client
 * address's bucket, staff reads and staff writes from their token's (two
 * buckets); an empty bucket is a 429 with Retry-After, before anything is
 * read or stored.
 */
function limitRate(limiters: Limiters, clock: Clock, { c, compiled }: Exchange, principal?: Principal): void {
  const { operationId, method } = compiled.operation;
  let limiter: RateLimiter | undefined;
  let key: string;
  let what: string;
  if (publicWrites.has(operationId)) {
    [limiter, key, what] = [limiters.publicWrites, limiters.addressOf(c.env?.incoming), 'reports from this address'];
  } else if (method.toLowerCase() === 'get' && !unlimitedReads.has(operationId)) {
    [limiter, key, what] = principal
      ? [limiters.staffReads, c.req.header('Authorization') ?? principal.id, 'reads with this token']
      : [limiters.publicReads, limiters.addressOf(c.env?.incoming), 'reads from this address'];
  } else if (principal && method.toLowerCase() !== 'get') {
    [limiter, key, what] = [
      limiters.staffWrites,
      c.req.header('Authorization') ?? principal.id,
      'writes with this token',
    ];
  } else {
    return;
  }
  const wait = limiter?.take(key, clock().getTime()) ?? 0;
  if (wait > 0) {
    throw new DomainError(429, 'rate-limited', `Too many ${what}; retry in ${wait} s.`, [], {
      'Retry-After': String(wait),
    });
  }
}

/**
 * Step: path, query and header parameters, validated and coerced. Path
 * parameters are decoded from the raw path here, strictly: the router passes a
 * malformed escape (`/grids/%zz`) on undecoded.
 */
function readParameters({ c, compiled, url }: Exchange): { issues: Issue[]; values: ParsedParameters } {
  const path = decodePathParameters(`${apiBase}${compiled.operation.routePath}`, url.pathname);
  const undecodable = [...path.issues, ...malformedQuery(url.search)];
  const parsed = validateParameters(compiled, {
    path: path.values,
    query: url.searchParams,
    headers: c.req.raw.headers,
  });
  if (undecodable.length === 0) return parsed;
  // A parameter that does not decode is named once, for that, not again for what its raw text fails.
  const named = new Set(undecodable.map((issue) => issue.path));
  return {
    issues: [...undecodable, ...parsed.issues.filter((issue) => !named.has(issue.path))],
    values: parsed.values,
  };
}

/**
 * Step: the body, within its size limit (refused before reading when
 * declared, and as soon as the bytes read pass it when not), in a media type
 * the operation accepts, parsed and validated against the contract.
 */
async function readBody({ c, compiled, url }: Exchange): Promise<ReadBody> {
  const { requestBody } = compiled.operation;
  if (!requestBody) return { body: undefined, issues: [] };
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const isMultipart = mediaType === 'multipart/form-data';
  const limit = isMultipart ? maxUploadBytes + multipartEnvelopeBytes : maxJsonBytes;
  const declared = c.req.header('Content-Length');
  if (Number(declared ?? 0) > limit) throw payloadTooLarge(limit);
  // A declared length within the limit bounds what the HTTP parser hands over, so the body is read whole, without
  // a stream (the Node adapter reads it straight from the socket: a sixth of a report's CPU was the stream).
  // Without a length (chunked), it is read as it streams and abandoned past the limit.
  const raw =
    declared !== undefined && /^\d+$/.test(declared)
      ? await readWhole(c.req.raw)
      : await readLimited(c.req.raw.body, limit);

  let read: Omit<ReadBody, 'issues'>;
  if (raw.byteLength === 0 && !requestBody.required) {
    read = { body: undefined };
  } else if (!requestBody.content[mediaType]) {
    throw new DomainError(
      415,
      'unsupported-media-type',
      `Send ${Object.keys(requestBody.content).join(' or ')}, not ${mediaType || 'no Content-Type'}.`,
    );
  } else if (isMultipart) {
    read = await readMultipart(raw, url, c.req.raw.headers);
  } else {
    read = { body: parseJson(raw) };
  }
  const issues: Issue[] = [];
  // Ill-formed text is named first; the schema's own checks follow for the rest.
  if (read.body !== undefined) {
    issues.push(...illFormedStrings(read.body, '/body'));
    if (!issues.some((issue) => issue.message === tooDeep))
      issues.push(...validateBody(compiled, mediaType, read.body));
  } else if (requestBody.required) issues.push({ path: '/body', message: 'is required', code: 'required' });
  return { ...read, issues };
}

async function readMultipart(raw: Uint8Array, url: URL, headers: Headers): Promise<Omit<ReadBody, 'issues'>> {
  const form = await new Request(url, { method: 'POST', body: raw as Uint8Array<ArrayBuffer>, headers })
    .formData()
    .catch(() => {
      throw new DomainError(400, 'validation-failed', 'The multipart body could not be read.', [
        { path: '/body', message: 'is not valid multipart/form-data', code: 'malformed' },
      ]);
    });
  // Files validate as the contract's binary strings; the handler reads the File itself.
  const body = Object.fromEntries(
    [...form.keys()].map((key) => [key, typeof form.get(key) === 'string' ? form.get(key) : '']),
  );
  // "The same request" means the same files and fields; the envelope's boundary is random.
  const files = [...form.values()].filter((value): value is File => value instanceof File);
  const bytes = Buffer.concat(await Promise.all(files.map(async (file) => Buffer.from(await file.arrayBuffer()))));
  return { body, form, bytes };
}

function parseJson(raw: Uint8Array): unknown {
  const text = decodeUtf8(raw);
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(400, 'validation-failed', 'The body is not valid JSON.', [
      { path: '/body', message: 'is not valid JSON', code: 'malformed' },
    ]);
  }
}

/** Step: every issue found in the parameters and the body, as one 400. */
function rejectInvalid(issues: Issue[]): void {
  if (issues.length === 0) return;
  throw new DomainError(
    400,
    'validation-failed',
    `${issues.length} ${issues.length === 1 ? 'field is' : 'fields are'} invalid.`,
    issues,
  );
}

/**
 * Step: how the handler's write runs — in one transaction, and with an
 * `Idempotency-Key` once per key (the key's record commits with the write).
 */
function writeRunner(
  db: Db,
  commits: GroupCommit,
  answers: AnswerCache | undefined,
  { c, compiled, url }: Exchange,
  principal: Principal | undefined,
  body: ReadBody,
  now: Date,
): RequestContext<never>['write'] {
  const { operation } = compiled;
  const key = operation.idempotent ? c.req.header('Idempotency-Key') : undefined;
  // What was answered from memory before this write may no longer be true.
  const written = <T>(run: () => T): T => {
    try {
      return commits.run(run);
    } finally {
      answers?.invalidate();
    }
  };
  if (!key) return (fn) => written(() => db.transaction(fn)());
  const entry = {
    scope: `${operation.operationId}:${principal?.id ?? 'anonymous'}`,
    key,
    fingerprint: fingerprint(operation.method, url.pathname, body.body, body.bytes),
    now,
  };
  return (fn) => written(() => idempotentWrite(db, entry, fn));
}

/** Step: the handler's reply as an HTTP response (JSON, bytes, nothing, or a stored problem). */
function toResponse(reply: Reply, { requestId, locale }: Exchange): Response {
  if (reply.problem) {
    return problemResponse(
      { ...reply.problem, headers: { ...reply.problem.headers, ...reply.headers } },
      locale,
      requestId,
      '',
    );
  }
  if (reply.bytes)
    return new Response(reply.bytes as Uint8Array<ArrayBuffer>, { status: reply.status, headers: reply.headers });
  if (reply.stream) return new Response(reply.stream, { status: reply.status, headers: reply.headers });
  if (reply.body === undefined) return new Response(null, { status: reply.status, headers: reply.headers });
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { 'Content-Type': 'application/json', ...reply.headers },
  });
}

/** A successful JSON answer of an operation the contract lets revalidate (it declares a `304`). */
function revalidatable({ compiled }: Exchange, reply: Reply): boolean {
  return (
    compiled.operation.responses['304'] !== undefined &&
    reply.status === 200 &&
    !reply.problem &&
    !reply.bytes &&
    reply.body !== undefined
  );
}

/** A successful JSON answer as sent: its text, and the text's entity tag when it may be revalidated. */
type SentAnswer = Pick<CachedAnswer, 'text' | 'tag' | 'headers'>;

/** A reply that is a successful JSON answer, serialized; undefined for anything else. */
function sentAnswer(reply: Reply, exchange: Exchange): SentAnswer | undefined {
  if (reply.status !== 200 || reply.problem || reply.bytes || reply.stream || reply.body === undefined)
    return undefined;
  const text = JSON.stringify(reply.body);
  return { text, tag: revalidatable(exchange, reply) ? entityTagOf(text) : undefined, headers: reply.headers };
}

/** Step: a JSON answer; with its `ETag`, or as a bodiless `304` when `If-None-Match` already names it. */
function answerResponse({ text, tag, headers: replyHeaders }: SentAnswer, exchange: Exchange): Response {
  if (!tag)
    return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json', ...replyHeaders } });
  const headers = { ...replyHeaders, ETag: tag, 'Cache-Control': 'no-cache' };
  if (ifNoneMatchHits(exchange.c.req.header('If-None-Match'), tag)) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
}

/**
 * What a remembered answer is given again for: the same path and query as
 * sent, and the same header parameters (a tracking token, a language), but
 * any `If-None-Match` (the 304 is decided on the answer's tag). Only a valid
 * request's answer is remembered, so a request with the same key is valid
 * too, and is not validated again.
 */
function answerKeyOf({ c, compiled, url }: Exchange): string {
  let key = url.pathname + url.search;
  for (const name of compiled.header?.names.keys() ?? [])
    if (name !== 'if-none-match') key += `\n${c.req.header(name) ?? '\u0000'}`;
  return key;
}

/** `--cors`: every origin unless a list is given. */
function corsOrigin(origins: AppOptions['corsOrigins']): string | string[] {
  return origins === undefined || origins === '*' ? '*' : origins;
}

export function createApp(options: AppOptions): Hono<Env> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.error(line));
  const live = options.live ?? createLiveHub({ clock });
  const services: Services = { db: options.db, clock, media: options.media, live };
  const reads = options.readRateLimit === false ? undefined : (options.readRateLimit ?? {});
  const commits = options.groupCommit === false ? transactionPerWrite() : createGroupCommit(options.db);
  const addressOf = clientAddressResolver(options.trustedProxies);
  const limiters: Limiters =
    options.rateLimit === false
      ? { addressOf }
      : {
          addressOf,
          publicWrites: limiterOf(options.rateLimit ?? defaultWriteRateLimit),
          publicReads: reads && limiterOf(reads.public ?? defaultReadRateLimit.public),
          staffReads: reads && limiterOf(reads.staff ?? defaultReadRateLimit.staff),
          staffWrites:
            options.staffWriteRateLimit === false
              ? undefined
              : limiterOf(options.staffWriteRateLimit ?? defaultStaffWriteRateLimit),
        };
  const answers = options.answerCache === false ? undefined : createAnswerCache();
  const app = new Hono<Env>();

  const apiCors = corsPolicy({
    origins: corsOrigin(options.corsOrigins),
    allowHeaders: [
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'If-Match',
      'If-None-Match',
      'Accept-Language',
      'X-Tracking-Token',
      faultHeader,
    ],
    exposeHeaders: ['X-Request-Id', 'ETag', 'Location', 'Retry-After', 'Idempotent-Replayed', 'Content-Language'],
    maxAge: 600,
  });
  app.use(`${apiBase}/*`, apiCors.preflight);

  // Routing from the contract: one route per operation, each run through the steps below.
  for (const compiled of compiledOperations.values()) {
    const { operation } = compiled;
    const handler = options.handlers[operation.operationId as keyof Handlers] as AnyHandler;
    if (!handler) throw new Error(`No handler for operation ${operation.operationId}`);

    app.on(operation.method, `${apiBase}${operation.routePath}`, async (c) => {
      const exchange: Exchange = {
        c,
        compiled,
        url: new URL(c.req.url),
        requestId: crypto.randomUUID(),
        locale: negotiateLocale(c.req.header('Accept-Language')),
      };
      const faults = planFaults(options.faults ?? { enabled: false }, c.req.header(faultHeader) ?? null);

      let response: Response;
      try {
        await injectFaults(faults);
        response = await handle(exchange, handler);
      } catch (error) {
        response = problemFor(exchange, error);
      }

      if (operation.method.toLowerCase() !== 'get') answers?.invalidate();
      if (options.validateResponses) response = await checkResponse(exchange, response);
      apiCors.allow(response, c.req.header('Origin'));
      response.headers.set('X-Request-Id', exchange.requestId);
      if (faults.dropAfterCommit && c.env?.incoming) {
        c.env.incoming.socket.destroy();
      }
      return response;
    });
  }

  mountOpen311(app, {
    db: options.db,
    clock,
    cors: apiCors,
    log,
    takePublicRead: (c) => {
      const wait = limiters.publicReads?.take(limiters.addressOf(c.env?.incoming), clock().getTime()) ?? 0;
      if (wait > 0)
        throw new DomainError(429, 'rate-limited', `Too many reads from this address; retry in ${wait} s.`, [], {
          'Retry-After': String(wait),
        });
    },
    fetchApi: async (request, c) => app.fetch(request, c.env),
  });

  if (options.demoDir) {
    // Demo pages are ours: a strict CSP shows that the widgets need no inline code or eval.
    app.use('/*', async (c, next) => {
      await next();
      if (!c.req.path.startsWith(apiBase) && !c.res.headers.has('Content-Security-Policy')) {
        c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:");
      }
    });
    // The no-build bundle, its source map and the demo styles are loaded by portal pages of other
    // origins (`<script type="module" src=…>` is a CORS request): same allowed origins as the API.
    const assetCors = cors({ origin: corsOrigin(options.corsOrigins), maxAge: 600 });
    app.use('/*', (c, next) => (/\.(js|mjs|map|css)$/.test(c.req.path) ? assetCors(c, next) : next()));
    const demoStaffTokens = options.demoStaffTokens;
    // Demo only: the service-log page signs in as a seeded worker. Never served without demo pages.
    if (demoStaffTokens) app.get('/demo/staff-tokens.json', (c) => c.json(demoStaffTokens()));
    const demoDir = options.demoDir;
    /** A built docs page under its own policy, or a 404 that says how to build it. */
    const docsPage = (c: Context, path: string, missing: string) => {
      const page = readDocsPage(demoDir, path);
      if (!page)
        return problemResponse(
          { status: 404, slug: 'not-found', detail: missing },
          negotiateLocale(c.req.header('Accept-Language')),
          crypto.randomUUID(),
          instancePath(c.req.path),
        );
      return c.html(page.html, 200, { 'Content-Security-Policy': page.contentSecurityPolicy });
    };
    app.get('/docs/api', (c) =>
      docsPage(
        c,
        apiReferencePath,
        'The API reference is not built: `pnpm start` builds it from the contract (redocly build-docs).',
      ),
    );
    const storybookMissing = 'Storybook is not built: `pnpm build` builds it, and `pnpm start` then serves it here.';
    app.get('/docs/storybook', (c) => c.redirect('/docs/storybook/', 301));
    for (const [route, page] of [
      ['/docs/storybook/', 'index.html'],
      ['/docs/storybook/index.html', 'index.html'],
      ['/docs/storybook/iframe.html', 'iframe.html'],
    ] as const)
      app.get(route, (c) => docsPage(c, `${storybookPath}/${page}`, storybookMissing));
    app.get('/*', serveStatic({ root: options.demoDir }));
  }

  app.notFound((c) => {
    const { pathname } = new URL(c.req.url);
    const response = problemResponse(
      { status: 404, slug: 'not-found', detail: `No operation at ${c.req.method} ${pathname}.` },
      negotiateLocale(c.req.header('Accept-Language')),
      crypto.randomUUID(),
      instancePath(pathname),
    );
    return pathname.startsWith(`${apiBase}/`) ? apiCors.allow(response, c.req.header('Origin')) : response;
  });

  return app;

  /** One operation, step by step: authenticate, rate limit, validate, then dispatch to the handler. */
  async function handle(exchange: Exchange, handler: AnyHandler): Promise<Response> {
    const principal = authenticateRequest(options.db, clock, exchange);
    limitRate(limiters, clock, exchange, principal);
    const { operation } = exchange.compiled;
    const answerKey =
      answers && operation.access === 'public' && operation.method.toLowerCase() === 'get'
        ? answerKeyOf(exchange)
        : undefined;
    const remembered = answerKey ? answers!.get(answerKey, clock().getTime()) : undefined;
    if (remembered) {
      await commits.durable();
      return answerResponse(remembered, exchange);
    }
    const parameters = readParameters(exchange);
    const body = await readBody(exchange);
    rejectInvalid([...parameters.issues, ...body.issues]);

    const now = clock();
    const generation = answers?.generation;
    const announced: LiveChange[] = [];
    const reply = await handler({
      ...services,
      operationId: exchange.compiled.operation.operationId as never,
      path: parameters.values.path as never,
      query: parameters.values.query as never,
      header: parameters.values.header as never,
      body: body.body as never,
      form: body.form,
      principal,
      locale: exchange.locale,
      requestId: exchange.requestId,
      now,
      write: writeRunner(options.db, commits, answers, exchange, principal, body, now),
      announce: (change) => announced.push(change),
    });
    // Read outside a batch of writes (one that a failed commit could take back), so it may be remembered.
    const committedRead = !options.db.inTransaction;
    // Answered once what it wrote, or read, is on disk (group commit).
    await commits.durable();
    // Screens hear of a change once it is on disk, and only of one that took place.
    if (reply.status < 300 && !reply.problem) live.publish(announced);
    const answer = sentAnswer(reply, exchange);
    if (!answer) return toResponse(reply, exchange);
    if (answerKey && reply.unchangedUntil !== undefined && committedRead)
      answers!.set(answerKey, { ...answer, until: reply.unchangedUntil }, generation!);
    return answerResponse(answer, exchange);
  }

  /** A thrown domain error as its problem; anything else is logged and becomes a 500 that names nothing internal. */
  function problemFor(exchange: Exchange, error: unknown): Response {
    const problem = (init: ProblemInit) =>
      problemResponse(init, exchange.locale, exchange.requestId, instancePath(exchange.url.pathname));
    if (error instanceof DomainError) return problem(problemFromError(error));
    log(
      `[${exchange.requestId}] ${exchange.compiled.operation.operationId} failed: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return problem({ status: 500, slug: 'internal-error', detail: 'The server failed unexpectedly.' });
  }

  /** Step (development): the response against the contract; a broken one becomes a 500 naming what is wrong. */
  async function checkResponse(exchange: Exchange, candidate: Response): Promise<Response> {
    const { compiled, requestId, locale, url } = exchange;
    const { operationId } = compiled.operation;
    const mediaType = candidate.headers.get('Content-Type')?.split(';')[0]?.trim();
    const body = mediaType?.includes('json') ? await candidate.clone().json() : undefined;
    const problems = validateResponse(compiled, candidate.status, mediaType, body);
    if (problems.length === 0) return candidate;
    log(`[${requestId}] ${operationId} response breaks the contract: ${problems.join('; ')}`);
    return problemResponse(
      {
        status: 500,
        slug: 'internal-error',
        detail: `Response of ${operationId} (${candidate.status}) breaks the contract: ${problems.join('; ')}`,
      },
      locale,
      requestId,
      instancePath(url.pathname),
    );
  }
}
