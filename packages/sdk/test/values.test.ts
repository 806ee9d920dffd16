/**
 * The contract's constants as the SDK exports them: the value arrays and
 * patterns agree with the contract's own examples, problem types are read
 * from real error responses, and work-order numbers are read as people type them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseLevelValues,
  caseStatusValues,
  categoryCodePattern,
  createGridkitClient,
  finalCaseStatuses,
  GridkitError,
  isFinalStatus,
  isProblem,
  monthPattern,
  normalizeTicket,
  parseTicket,
  problemSlug,
  problemSlugValues,
  problemStatus,
  problemType,
  problemTypeBase,
  ticketPattern,
  trackingTokenPattern,
  type Problem,
} from '../src/index.js';
import { problem, startApiDouble, type ApiDouble } from './support/api-double.js';

// The contract read with the parser the generator uses, so these checks see the same document.
const { parseYaml } = createRequire(import.meta.resolve('openapi-typescript'))('@redocly/openapi-core') as {
  parseYaml: (text: string) => unknown;
};
type Doc = {
  components: {
    schemas: Record<string, { enum?: string[]; examples?: string[] }>;
    examples: Record<string, { value?: Problem }>;
  };
};
const contract = parseYaml(readFileSync(new URL('../../../openapi/gridkit.yaml', import.meta.url), 'utf8')) as Doc;

describe('value arrays', () => {
  it('list the enum values in the order the contract gives them', () => {
    expect(caseStatusValues).toEqual(contract.components.schemas.CaseStatus!.enum);
    // Bottom-up: the order a case escalates in.
    expect(caseLevelValues).toEqual(['grid', 'community', 'street', 'district']);
  });

  it.each([
    ['Ticket', ticketPattern],
    ['TrackingToken', trackingTokenPattern],
    ['CategoryCode', categoryCodePattern],
    ['Month', monthPattern],
  ])('the %s pattern accepts the contract’s own examples', (schema, pattern) => {
    const examples = contract.components.schemas[schema]!.examples!;
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(String(example)).toMatch(pattern);
  });

  it('the ticket pattern rejects what is not a work-order number', () => {
    for (const text of ['wf-20261122-0042', 'WF-2026112-0042', 'WF-20261122-042', 'WF20261122-0042', 'W-20261122-0042'])
      expect(text).not.toMatch(ticketPattern);
  });
});

describe('final statuses', () => {
  it('are closed and rejected, the two the contract calls final', () => {
    expect(caseStatusValues.filter(isFinalStatus)).toEqual(['closed', 'rejected']);
    expect([...finalCaseStatuses].sort()).toEqual(['closed', 'rejected']);
  });
});

describe('problem types', () => {
  const examples = Object.entries(contract.components.examples).filter(([, e]) =>
    e.value?.type?.startsWith(problemTypeBase),
  );

  it('every problem example of the contract has a slug, and the status the catalog gives it', () => {
    expect(examples.length).toBeGreaterThanOrEqual(problemSlugValues.length);
    for (const [name, example] of examples) {
      const slug = problemSlug(example.value);
      expect(slug, name).toBeDefined();
      expect(problemType(slug!), name).toBe(example.value!.type);
      expect(problemStatus(slug!), name).toBe(example.value!.status);
    }
  });

  it('every slug of the catalog appears in an example', () => {
    const seen = new Set(examples.map(([, e]) => problemSlug(e.value)));
    expect(problemSlugValues.filter((slug) => !seen.has(slug))).toEqual([]);
  });

  it('reads a type URI, and nothing that only looks like one', () => {
    expect(problemSlug('https://gridkit.dev/problems/stale-version')).toBe('stale-version');
    expect(problemSlug('https://gridkit.dev/problems/stale-version-2')).toBeUndefined();
    expect(problemSlug('https://example.com/problems/stale-version')).toBeUndefined();
    expect(problemSlug('stale-version')).toBeUndefined();
    expect(problemSlug('about:blank')).toBeUndefined();
    for (const value of [undefined, null, 42, {}, { type: 7 }, { problem: null }])
      expect(problemSlug(value)).toBeUndefined();
  });

  describe('from the errors the client throws', () => {
    let api: ApiDouble;
    beforeAll(async () => {
      api = await startApiDouble();
    });
    afterAll(() => api.close());

    const failure = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GridkitError);
      return error as GridkitError;
    };
    const client = () => createGridkitClient({ baseUrl: api.baseUrl, retry: false });

    it('a contract problem: its slug, and isProblem for that slug only', async () => {
      api.reply(problem(412, 'Case was changed by someone else', { type: problemType('stale-version') }));
      const error = await failure(client().cases.transition('c1', { action: 'accept' }, { version: 3 }));
      expect(problemSlug(error)).toBe('stale-version');
      expect(isProblem(error, 'stale-version')).toBe(true);
      expect(isProblem(error, 'invalid-transition')).toBe(false);
      expect(isProblem(error.problem, 'stale-version')).toBe(true);
    });

    it('an untyped problem (about:blank) and a network failure have no slug', async () => {
      api.reply(problem(502, 'Bad gateway'));
      expect(problemSlug(await failure(client().grids.get('g1')))).toBeUndefined();
      const offline = createGridkitClient({ baseUrl: 'http://127.0.0.1:9/api/v1', retry: false });
      const error = await failure(offline.grids.get('g1'));
      expect(error.kind).toBe('network');
      expect(problemSlug(error)).toBeUndefined();
    });
  });
});

describe('work-order numbers', () => {
  it.each([
    ['  wf-20261122-0042 ', 'WF-20261122-0042'],
    ['wf 20261122 0042', 'WF-20261122-0042'],
    ['ＷＦ－２０２６１１２２－００４２', 'WF-20261122-0042'],
    ['WF - 20261122 — 0042', 'WF-20261122-0042'],
    ['wf_20261122_000042', 'WF-20261122-000042'],
  ])('reads %j as %s', (typed, canonical) => {
    expect(normalizeTicket(typed)).toBe(canonical);
    expect(parseTicket(typed)).toBe(canonical);
  });

  it.each(['', '   ', 'WF-2026-0042', 'K7QM-4T2X-9PZR', '工单 WF-20261122-0042'])(
    'finds no work-order number in %j',
    (typed) => {
      expect(parseTicket(typed)).toBeUndefined();
    },
  );
});
