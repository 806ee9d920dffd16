import {
  contentLanguageValues,
  isGridkitError,
  problemTypeBase,
  ticketPattern,
  type GridkitError,
  type Problem,
  type ProblemSlug,
  type ValidationIssue,
} from '@gridkit/sdk';
import { expect, type TestContext } from 'vitest';
import { target } from './client.js';

/** The contract's problem types are `PROBLEM_BASE + slug` (the catalog, generated into the SDK). */
export const PROBLEM_BASE = problemTypeBase;
export type { ProblemSlug };

function describe(error: GridkitError): string {
  return `${error.method} ${error.url} → ${error.status} ${error.type}: ${error.problem.detail ?? error.problem.title} ${JSON.stringify(error.errors)}`;
}

/** Awaits a call that must fail with the given status and problem type; returns the error for further checks. */
export async function expectProblem(call: Promise<unknown>, status: number, slug: ProblemSlug): Promise<GridkitError> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    if (!isGridkitError(error)) throw error;
    const summary = describe(error);
    expect({ status: error.status, type: error.type }, summary).toEqual({ status, type: PROBLEM_BASE + slug });
    expect(error.problem.status, `problem.status of ${summary}`).toBe(status);
    expect(typeof error.problem.title, `problem.title of ${summary}`).toBe('string');
    expect(error.requestId, `X-Request-Id of ${summary}`).toBeTruthy();
    expect(error.problem.requestId, `problem.requestId (= X-Request-Id) of ${summary}`).toBe(error.requestId);
    return error;
  }
  throw new Error(`Expected ${status} ${slug}, but the call succeeded with ${JSON.stringify(result)?.slice(0, 400)}`);
}

export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The same check for a `raw` (openapi-fetch) call, which returns instead of throwing. */
export function expectRawProblem(
  result: RawResult,
  status: number,
  slug: ProblemSlug,
): Problem & { errors: ValidationIssue[] } {
  const problem = (result.error ?? {}) as Problem;
  const summary = `${result.response.url} → ${result.response.status} ${JSON.stringify(result.error ?? result.data)?.slice(0, 400)}`;
  expect({ status: result.response.status, type: problem.type }, summary).toEqual({
    status,
    type: PROBLEM_BASE + slug,
  });
  expect(result.response.headers.get('content-type') ?? '', summary).toMatch(/^application\/problem\+json/);
  const requestId = result.response.headers.get('X-Request-Id');
  expect(requestId, `X-Request-Id of ${summary}`).toBeTruthy();
  expect(problem.requestId, `problem.requestId of ${summary}`).toBe(requestId);
  expect(contentLanguageValues, `Content-Language of ${summary}`).toContain(
    result.response.headers.get('Content-Language'),
  );
  return { ...problem, errors: problem.errors ?? [] };
}

/** Every listed JSON pointer has at least one issue in `errors[]`. */
export function expectIssuesAt(errors: ValidationIssue[], paths: string[]): void {
  const seen = errors.map((e) => e.path);
  for (const path of paths) expect(seen, `errors[] should name ${path}`).toContain(path);
}

/** An unknown body property is reported at its own pointer, or at its parent with code `additionalProperties`. */
export function expectUnknownPropertyIssue(errors: ValidationIssue[], parent: string, name: string): void {
  const ok = errors.some(
    (e) => e.path === `${parent}/${name}` || (e.path === parent && e.code === 'additionalProperties'),
  );
  expect(ok, `errors[] should report the unknown property ${parent}/${name}: ${JSON.stringify(errors)}`).toBe(true);
}

/** The 422 issues carry these codes. */
export function expectIssueCodes(errors: ValidationIssue[], codes: string[]): void {
  const seen = errors.map((e) => e.code);
  for (const code of codes)
    expect(seen, `errors[] should carry code ${code}: ${JSON.stringify(errors)}`).toContain(code);
}

let counter = 0;
/** Unique text for this run: a resource the suite created is always found by it. */
export function tag(label: string): string {
  counter += 1;
  return `${target().runId}-${label}-${counter}${Math.random().toString(36).slice(2, 6)}`;
}

/** A fresh `Idempotency-Key`. */
export function key(): string {
  return `cf-${crypto.randomUUID()}`;
}

const dateFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Asia/Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(at: Date = new Date()): string {
  return dateFmt.format(at);
}

/** The Asia/Shanghai calendar month of an instant, `YYYY-MM`. */
export function shanghaiMonth(at: Date = new Date()): string {
  return shanghaiDate(at).slice(0, 7);
}

/**
 * The last twelve months up to today, Asia/Shanghai (`from` the first day of the month eleven months back): a period
 * that holds the cases this run reported and whatever the server already had, well within the 24 months allowed.
 */
export function recentYear(at: Date = new Date()): { from: string; to: string } {
  const to = shanghaiDate(at);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: first.toISOString().slice(0, 8) + '01', to };
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const TICKET_PATTERN = ticketPattern;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isRate(value: unknown): boolean {
  return value === null || (typeof value === 'number' && value >= 0 && value <= 1);
}

declare module 'vitest' {
  interface TaskMeta {
    /** Why a check did not run against this server (set by `notRun`). */
    notRun?: string;
  }
}

/**
 * Ends a check that cannot run against this server (an optional token not given, a kind of data it lacks) as
 * skipped, with the reason: the verbose reporter prints it, and the JSON report keeps it as `meta.notRun`.
 */
export function notRun(ctx: TestContext, reason: string): never {
  ctx.task.meta.notRun = reason;
  return ctx.skip(`not run: ${reason}`);
}
