/**
 * The Open311 GeoReport v2 facade at `/open311/v2/` (docs/open311.md):
 * routing by the spec's paths (`services.json`, `requests/{id}.xml`, …),
 * form-encoded reports, the spec's error bodies, both formats. A report is
 * not written here: it becomes a `createCase` call through the app itself,
 * so validation, rate limits, idempotency and the commit are the ones every
 * Gridkit client gets, and a report is one case however often it is sent.
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { Open311ErrorEntry, Open311RequestReceipt } from '@gridkit/sdk/open311';
import type { Schemas } from '@gridkit/sdk';
import { DomainError, type Issue } from '../domain/errors.js';
import { Open311Error } from '../domain/open311.js';
import type { Clock } from '../domain/time.js';
import {
  getRequest,
  listServices,
  reportOf,
  requestOfToken,
  requireClient,
  requireJurisdiction,
  searchRequests,
  serviceDefinition,
  serviceNotice,
  type PostedFields,
} from '../handlers/open311.js';
import { apiBase, maxJsonBytes } from '../limits.js';
import type { Db } from '../store/database.js';
import { readLimited } from './body.js';
import type { CorsPolicy } from './cors.js';
import { contentTypes, renderOpen311, type Open311Format, type Open311Shape } from './open311-format.js';
import { negotiateLocale, type Locale } from './problem.js';

export const open311Base = '/open311/v2';

type Env = { Bindings: Partial<HttpBindings> };

export interface Open311Options {
  db: Db;
  clock: Clock;
  cors: CorsPolicy;
  /** Takes a public read from the caller's bucket; throws the 429 when it is empty. */
  takePublicRead(c: Context<Env>): void;
  /** Runs a request through the app's own routes (the contract's `createCase`). */
  fetchApi(request: Request, c: Context<Env>): Promise<Response>;
  log(line: string): void;
}

/** `services.json`, `services/env.garbage.xml`, `requests/WF-20261122-0042.json`, … */
const resourcePattern = /^\/(discovery|services|requests|tokens)(?:\/([^/]+?))?\.(json|xml)$/;

/** One answer: its shape (for XML) and body, or an error with the spec's body. */
interface Answer {
  status: number;
  shape: Open311Shape;
  body: unknown;
  headers?: Record<string, string>;
}

const errorAnswer = (status: number, descriptions: string[], headers?: Record<string, string>): Answer => ({
  status,
  shape: 'errors',
  body: descriptions.map((description): Open311ErrorEntry => ({ code: status, description })),
  headers,
});

export function mountOpen311(app: Hono<Env>, options: Open311Options): void {
  const { db } = options;
  app.use(`${open311Base}/*`, options.cors.preflight);
  app.all(`${open311Base}/*`, async (c) => {
    const path = new URL(c.req.url).pathname.slice(open311Base.length);
    const format: Open311Format = path.endsWith('.xml') ? 'xml' : 'json';
    let answer: Answer;
    try {
      answer = await answerFor(c, path);
    } catch (error) {
      answer = errorOf(error);
    }
    const response = new Response(renderOpen311(format, answer.shape, answer.body), {
      status: answer.status,
      headers: { 'Content-Type': contentTypes[format], ...answer.headers },
    });
    return options.cors.allow(response, c.req.header('Origin'));
  });

  function errorOf(error: unknown): Answer {
    if (error instanceof Open311Error) return errorAnswer(error.status, [error.message], error.headers);
    if (error instanceof DomainError) return errorAnswer(error.status, [error.message], error.headers);
    options.log(`open311 failed: ${error instanceof Error ? error.stack : String(error)}`);
    return errorAnswer(500, ['The server failed unexpectedly.']);
  }

  async function answerFor(c: Context<Env>, path: string): Promise<Answer> {
    const match = resourcePattern.exec(path);
    if (!match) throw new Open311Error(404, `No Open311 resource at ${open311Base}${path}.`);
    const [, resource, rawId, format] = match as unknown as [string, string, string | undefined, Open311Format];
    const id = rawId === undefined ? undefined : decoded(rawId);
    const method = c.req.method;
    const posting = resource === 'requests' && id === undefined && method === 'POST';
    if (method !== 'GET' && method !== 'HEAD' && !posting) {
      return { ...errorAnswer(405, [`${method} is not allowed here.`]), headers: { Allow: allowed(resource, id) } };
    }
    const query = new URL(c.req.url).searchParams;
    const locale = negotiateLocale(c.req.header('Accept-Language'));
    if (posting) return report(c, query, locale);

    options.takePublicRead(c);
    requireJurisdiction(db, query.get('jurisdiction_id') ?? undefined);
    const ok = (shape: Open311Shape, body: unknown): Answer => ({ status: 200, shape, body });
    switch (resource) {
      case 'discovery':
        if (id !== undefined) break;
        return ok('discovery', discoveryOf(new URL(c.req.url).origin));
      case 'services':
        return id === undefined
          ? ok('services', listServices(db, locale))
          : ok('serviceDefinition', serviceDefinition(db, id, locale));
      case 'requests': {
        const token = c.req.header('X-Tracking-Token');
        if (id !== undefined) return ok('requests', [getRequest(db, id, locale, token)]);
        const search = (name: string) => query.get(name) ?? undefined;
        return ok(
          'requests',
          searchRequests(
            db,
            {
              service_request_id: search('service_request_id'),
              service_code: search('service_code'),
              start_date: search('start_date'),
              end_date: search('end_date'),
              status: search('status'),
            },
            locale,
            options.clock(),
            token,
          ),
        );
      }
      case 'tokens':
        if (id !== undefined) return ok('requests', [requestOfToken(db, id)]);
    }
    throw new Open311Error(404, `No Open311 resource at ${open311Base}${path} (${format}).`);
  }

  /** `POST requests`: the key, the fields, then `createCase` through the app, its answer in the spec's terms. */
  async function report(c: Context<Env>, query: URLSearchParams, locale: Locale): Promise<Answer> {
    const fields = await postedFields(c, query);
    const only = (name: string) => fields.get(name)?.at(-1);
    requireJurisdiction(db, only('jurisdiction_id'));
    const apiKey = only('api_key');
    const client = requireClient(db, apiKey);
    const origin = new URL(c.req.url).origin;
    const input = reportOf(db, fields, client, `${origin}${apiBase}/media/`);
    const key = c.req.header('Idempotency-Key') ?? derivedKey(apiKey!, fields);
    const response = await options.fetchApi(
      new Request(`${origin}${apiBase}/cases`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
          'Accept-Language': locale,
        },
        body: JSON.stringify(input),
      }),
      c,
    );
    if (response.status === 201) {
      const receipt = (await response.json()) as Schemas['CaseReceipt'];
      const body: Open311RequestReceipt[] = [
        {
          service_request_id: receipt.ticket,
          token: receipt.trackingToken,
          service_notice: serviceNotice(db, receipt, locale),
        },
      ];
      return { status: 200, shape: 'requests', body };
    }
    return problemAnswer(response);
  }
}

/** The spec's discovery document: one production endpoint, both formats. */
function discoveryOf(origin: string) {
  return {
    changeset: '2026-12-02T00:00:00+08:00',
    contact: 'Gridkit mock server; see /docs/open311 in the repository.',
    key_service: 'Ask the city for an api_key (the demo seed has demo-open311-key).',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${origin}${open311Base}`,
        changeset: '2026-12-02T00:00:00+08:00',
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

function allowed(resource: string, id: string | undefined): string {
  return resource === 'requests' && id === undefined ? 'GET, HEAD, POST' : 'GET, HEAD';
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new Open311Error(400, `${raw} is not a well-formed path segment.`);
  }
}

/**
 * The fields of a report: the query string, then a form-encoded body (the
 * spec's way) or a multipart form's text fields, whose values come after
 * the query's. Anything else in a body is a 400 that says how to send it.
 */
async function postedFields(c: Context<Env>, query: URLSearchParams): Promise<PostedFields> {
  const fields = new Map<string, string[]>();
  const add = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
  for (const [name, value] of query) add(name, value);
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  const raw = await readLimited(c.req.raw.body, maxJsonBytes);
  if (raw.length === 0) return fields;
  if (type === 'application/x-www-form-urlencoded') {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
    for (const [name, value] of new URLSearchParams(text)) add(name, value);
  } else if (type === 'multipart/form-data') {
    const form = await new Response(raw as Uint8Array<ArrayBuffer>, {
      headers: { 'Content-Type': c.req.header('Content-Type')! },
    })
      .formData()
      .catch(() => {
        throw new Open311Error(400, 'The multipart form could not be read.');
      });
    for (const [name, value] of form) if (typeof value === 'string') add(name, value);
  } else {
    throw new Open311Error(400, 'Send the fields as application/x-www-form-urlencoded (or multipart/form-data).');
  }
  return fields;
}

/**
 * A report sent again with the same fields by the same client is the same
 * report (a retry after a lost answer), as several Open311 servers already
 * treat it; a client that means two reports sends an `Idempotency-Key` each.
 */
function derivedKey(apiKey: string, fields: PostedFields): string {
  const canonical = [...fields]
    .filter(([name]) => name !== 'api_key')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, values]) => [name, values]);
  const digest = createHash('sha256').update(apiKey).update('\n').update(JSON.stringify(canonical)).digest('hex');
  return `open311-${digest}`;
}

/** Where a `createCase` problem points, in the names the Open311 client sent. */
function fieldName(pointer: string): string {
  const attribute = /^\/body\/attributes\/([^/]+)/.exec(pointer);
  if (attribute) return `attribute[${attribute[1]}]`;
  if (pointer.startsWith('/body/location/point')) return 'lat/long';
  if (pointer.startsWith('/body/location')) return 'address_string';
  if (pointer.startsWith('/body/mediaIds')) return 'media_url';
  if (pointer.startsWith('/body/reporter/name')) return 'first_name/last_name';
  if (pointer.startsWith('/body/reporter/phone')) return 'phone';
  return pointer.replace(/^\/body\//, '').replace(/^\//, '');
}

/** A `createCase` problem as the spec's errors: 400 for what the report got wrong, the same status for the rest. */
async function problemAnswer(response: Response): Promise<Answer> {
  const problem = (await response.json().catch(() => ({}))) as { detail?: string; errors?: Issue[] };
  const status = [422, 409, 413, 415].includes(response.status) ? 400 : response.status;
  const issues = (problem.errors ?? []).map((issue) => `${fieldName(issue.path)}: ${issue.message}`);
  const retryAfter = response.headers.get('Retry-After');
  return errorAnswer(
    status,
    issues.length ? issues : [problem.detail ?? `The report was refused (${response.status}).`],
    retryAfter ? { 'Retry-After': retryAfter } : undefined,
  );
}
