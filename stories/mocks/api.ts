import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { CaseInput, CaseReceipt, Grid, Media, Problem, ServiceLog, ServiceLogInput } from '@gridkit/sdk';
import recorded from '../generated/fixtures.json' with { type: 'json' };

/**
 * The Gridkit API, answered in the browser by msw from what
 * scripts/fixtures.mjs recorded from the real mock server (demo seed): reads
 * return the recorded answers; writes return answers built from the request
 * on the shape of a recorded one. Stories that show a failure put a handler
 * from `fail` in front (`parameters.msw.handlers`).
 */

interface RecordedAnswer {
  method: string;
  path: string;
  query: string;
  token: string;
  status: number;
  body: unknown;
  problems?: Record<string, Problem>;
}
interface Worker {
  id: string;
  name: string;
  gridIds: string[];
}
interface Fixtures {
  recordedAt: string;
  demoGrids: { district: string; street: string; grid: string; otherGrid: string };
  closedTicket: string;
  workers: Record<string, Worker>;
  grids: Grid[];
  records: RecordedAnswer[];
  templates: { receipt: CaseReceipt; media: Media; serviceLog: ServiceLog };
}
export const fixtures = recorded as unknown as Fixtures;

/** Same origin as the story: no CORS, and nothing reaches a real server even if one runs. */
export const apiUrl = new URL('/api/v1', globalThis.location?.href ?? 'http://localhost/').href;

const api = '*/api/v1';
// Query parameters that carry today's date: a request for another day is answered from the nearest record.
const dateParams = new Set(['from', 'to', 'occurredFrom', 'occurredTo', 'month']);

const pathOf = (url: URL) => url.pathname.replace(/^.*\/api\/v1/, '');
const canonical = (params: URLSearchParams, drop: Set<string> = new Set()) =>
  new URLSearchParams([...params].filter(([k]) => !drop.has(k)).sort(([a], [b]) => a.localeCompare(b))).toString();
const tokenOf = (request: Request) => request.headers.get('Authorization')?.replace(/^Bearer\s+/i, '') ?? '';

/** The problem's language as the server negotiates it: the first of Accept-Language it has, else zh-CN. */
function languageOf(request: Request): string {
  for (const tag of (request.headers.get('Accept-Language') ?? '').split(',')) {
    const lang = tag.split(';')[0]!.trim().toLowerCase();
    if (lang.startsWith('zh-tw') || lang.startsWith('zh-hant') || lang === 'zh-hk') return 'zh-TW';
    if (lang.startsWith('zh')) return 'zh-CN';
    if (lang.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function find(request: Request): RecordedAnswer | undefined {
  const url = new URL(request.url);
  const path = pathOf(url);
  const token = tokenOf(request);
  const exact = canonical(url.searchParams);
  const undated = canonical(url.searchParams, dateParams);
  const candidates = fixtures.records.filter((r) => r.method === request.method && r.path === path);
  const matches = (r: RecordedAnswer, t: string) =>
    r.token === t && (r.query === exact || canonical(new URLSearchParams(r.query), dateParams) === undated);
  // Exact query first, then the same query on another day; this token first, then as the public sees it.
  return (
    candidates.find((r) => r.token === token && r.query === exact) ??
    candidates.find((r) => matches(r, token)) ??
    candidates.find((r) => r.token === '' && r.query === exact) ??
    candidates.find((r) => matches(r, ''))
  );
}

function reply(answer: RecordedAnswer, request: Request) {
  if (answer.status < 400) return HttpResponse.json(answer.body as object, { status: answer.status });
  const problem = answer.problems?.[languageOf(request)] ?? answer.body;
  return HttpResponse.json(problem as object, {
    status: answer.status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export function problem(status: number, type: string, title: string, detail?: string) {
  const body: Problem = {
    type: `https://gridkit.dev/problems/${type}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    requestId: `story-${String(status).padStart(4, '0')}-0000-0000-000000000000`,
  };
  return HttpResponse.json(body, {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': body.requestId! },
  });
}

/** `/grids?parentId=&level=&q=`, answered from every recorded grid. */
function listGrids(url: URL) {
  const parentId = url.searchParams.get('parentId');
  const level = url.searchParams.get('level');
  const q = url.searchParams.get('q')?.trim().toLowerCase();
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const items = fixtures.grids.filter(
    (grid) =>
      (!parentId || grid.parentId === parentId) &&
      (!level || grid.level === level) &&
      (!q || JSON.stringify([grid.name, grid.code]).toLowerCase().includes(q)),
  );
  return HttpResponse.json({ items: items.slice(0, limit), nextCursor: null });
}

// What the stories wrote in this page's life: answers repeat for a repeated Idempotency-Key.
const written = new Map<string, Response>();
const media = new Map<string, Blob>();
const serviceLogs: ServiceLog[] = [];
let sequence = 0;

const nextId = (prefix: string) => `${prefix}_story${String((sequence += 1)).padStart(7, '0')}`;
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const trackingToken = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => crockford[byte % 32])
    .join('')
    .replace(/(.{4})(?=.)/g, '$1-');

async function once(request: Request, answer: () => Promise<Response>): Promise<Response> {
  const key = request.headers.get('Idempotency-Key');
  if (key && written.has(key)) return written.get(key)!.clone();
  const response = await answer();
  if (key) written.set(key, response.clone());
  return response;
}

/** Reads from the record, writes built from the request on a recorded answer's shape. */
export const recordedApi: HttpHandler[] = [
  http.get(`${api}/grids`, ({ request }) => listGrids(new URL(request.url))),
  http.get(`${api}/media/:id`, ({ params }) => {
    const blob = media.get(String(params.id));
    return blob
      ? new HttpResponse(blob, { headers: { 'Content-Type': blob.type } })
      : problem(404, 'not-found', '没有找到该图片');
  }),
  http.get(`${api}/service-logs`, ({ request }) => {
    const answer = find(request);
    if (!answer || answer.status >= 400) return answer ? reply(answer, request) : undefined;
    const url = new URL(request.url);
    const mine = serviceLogs.filter(
      (log) => log.workerId === url.searchParams.get('workerId') && log.gridId === url.searchParams.get('gridId'),
    );
    const page = answer.body as { items: ServiceLog[]; nextCursor: string | null };
    return HttpResponse.json({ ...page, items: [...mine, ...page.items] });
  }),
  // Live events (streamLiveEvents): a story's data never changes, so the stream stays open and quiet, with the
  // server's keep-alive comment, as a real server's would between changes. It ends when the widget lets go.
  http.get(`${api}/live`, ({ request }) => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(': keep-alive\n\n'));
        request.signal.addEventListener('abort', () => controller.close(), { once: true });
      },
    });
    return new HttpResponse(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } });
  }),
  http.get(`${api}/*`, ({ request }) => {
    const answer = find(request);
    if (answer) return reply(answer, request);
    // A console error, so the stories' test fails on a request nothing answers.
    console.error(
      `[stories] no recorded answer for GET ${new URL(request.url).pathname}${new URL(request.url).search}`,
    );
    return problem(404, 'not-found', 'Storybook has no recorded answer for this request');
  }),
  http.post(`${api}/cases`, ({ request }) =>
    once(request, async () => {
      const input = (await request.json()) as CaseInput;
      const template = fixtures.templates.receipt;
      const now = new Date();
      const sla = Date.parse(template.dueAt) - Date.parse(template.createdAt);
      const day = now.toISOString().slice(0, 10).replaceAll('-', '');
      const receipt: CaseReceipt = {
        ...template,
        id: nextId('cas'),
        ticket: `WF-${day}-${String(9000 + sequence)}`,
        trackingToken: trackingToken(),
        gridId: input.gridId,
        categoryCode: input.categoryCode,
        createdAt: now.toISOString(),
        dueAt: new Date(now.getTime() + sla).toISOString(),
      };
      return HttpResponse.json(receipt, { status: 201, headers: { Location: `${apiUrl}/cases/${receipt.id}` } });
    }),
  ),
  http.post(`${api}/media`, async ({ request }) => {
    const file = (await request.formData()).get('file');
    if (!(file instanceof Blob)) return problem(400, 'validation-failed', '请求不符合接口规范', 'file is missing');
    const bitmap = await createImageBitmap(file).catch(() => undefined);
    if (!bitmap) return problem(415, 'unsupported-media-type', '不支持的图片格式');
    const id = nextId('med');
    media.set(id, file);
    const body: Media = {
      ...fixtures.templates.media,
      id,
      contentType: file.type as Media['contentType'],
      bytes: file.size,
      width: bitmap.width,
      height: bitmap.height,
      url: `/api/v1/media/${id}`,
      createdAt: new Date().toISOString(),
    };
    return HttpResponse.json(body, { status: 201 });
  }),
  http.post(`${api}/service-logs`, ({ request }) =>
    once(request, async () => {
      const worker = fixtures.workers[tokenOf(request)];
      if (!worker) return problem(401, 'unauthorized', '需要工作人员登录');
      const input = (await request.json()) as ServiceLogInput;
      if (!worker.gridIds.includes(input.gridId)) return problem(403, 'forbidden', '该网格不在您的负责范围内');
      const log: ServiceLog = {
        ...input,
        id: nextId('log'),
        workerId: worker.id,
        workerName: worker.name,
        createdAt: new Date().toISOString(),
      };
      serviceLogs.unshift(log);
      return HttpResponse.json(log, { status: 201 });
    }),
  ),
];

/** Handlers that put every request (or every write) in a failure, for the stories of each state. */
export const fail = {
  /** Never answers: the loading state. */
  loading: http.all(`${api}/*`, async () => {
    await delay('infinite');
    return new HttpResponse(null);
  }),
  /** A 503 problem, as a failing server sends it. */
  serverError: http.all(`${api}/*`, () => problem(503, 'service-unavailable', '服务暂时不可用')),
  /** The device is online but nothing answers: a network error. */
  unreachable: http.all(`${api}/*`, () => HttpResponse.error()),
  /** Writes fail as if the connection dropped; reads still work. */
  writes: http.post(`${api}/*`, () => HttpResponse.error()),
  /** The server refuses a report for good, with a reason no field owns. */
  rejectReport: http.post(`${api}/cases`, () =>
    problem(
      422,
      'unprocessable',
      '无法受理',
      'This grid no longer takes reports; it was merged into 桥北社区第一网格.',
    ),
  ),
};

/**
 * Answers from the record for `okForMs` after the story renders, then fails
 * every request as a dropped connection does: the widget's first load succeeds,
 * its next refresh fails ("updated 10:42 — reconnecting…"). A factory, so each
 * render starts its own clock (use it from a story's loader).
 */
export function dropsAfter(okForMs = 2500): HttpHandler {
  const until = Date.now() + okForMs;
  return http.all(`${api}/*`, () => (Date.now() < until ? undefined : HttpResponse.error()));
}
