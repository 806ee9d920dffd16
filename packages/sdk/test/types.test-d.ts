/**
 * Compile-time checks: calls the contract does not allow must not compile, and
 * the generated value arrays match the generated types.
 * Each `@ts-expect-error` fails this suite if the line below it compiles.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type {
  actorTypeValues,
  assigneeTypeValues,
  attributeDatatypeValues,
  caseActionValues,
  caseChannelValues,
  caseEventTypeValues,
  caseStatusValues,
  categoryKindValues,
  contentLanguageValues,
  mediaContentTypeValues,
  mediaPurposeValues,
  noticeKindValues,
  resolutionGroupByValues,
  serviceLogKindValues,
  serviceOutcomeValues,
  staffRoleValues,
  subjectGroupValues,
  unitKindValues,
} from '../src/index.js';
import {
  caseLevelValues,
  createGridkitClient,
  isProblem,
  problemSlug,
  type Case,
  type CaseAction,
  type CaseLevel,
  type CaseReceipt,
  type CaseStatus,
  type CategoryKind,
  type components,
  type GridkitError,
  type Media,
  type ProblemSlug,
  type UnitKind,
  type PublicCase,
  type Schemas,
} from '../src/index.js';

const client = createGridkitClient({ baseUrl: 'http://localhost/api/v1' });
const report = { gridId: 'g1', categoryCode: 'env.garbage', description: '垃圾满溢', location: { address: '3 号楼' } };

describe('resource methods', () => {
  test('return the contract’s types', () => {
    expectTypeOf(client.cases.create(report)).resolves.toEqualTypeOf<CaseReceipt>();
    expectTypeOf(client.cases.getPublic('WF-1')).resolves.toEqualTypeOf<PublicCase>();
    expectTypeOf(client.cases.get('c1')).resolves.toEqualTypeOf<Case>();
    expectTypeOf(client.cases.iterate()).toEqualTypeOf<AsyncGenerator<Case, void, undefined>>();
    expectTypeOf<GridkitError['status']>().toEqualTypeOf<number>();
  });

  test('reject a missing required field', () => {
    // @ts-expect-error gridId is required
    void client.cases.create({ categoryCode: 'x', description: 'y', location: { address: 'z' } });
    // @ts-expect-error location.address is required
    void client.cases.create({ ...report, location: {} });
    // @ts-expect-error month is required for a summary
    void client.serviceLogs.summary({ gridId: 'g1' });
    // @ts-expect-error gridId, from and to are required for stats
    void client.stats.resolution({ groupBy: 'month' });
  });

  test('reject a wrong type or an unknown value', () => {
    // @ts-expect-error limit is a number
    void client.grids.list({ limit: 'ten' });
    // @ts-expect-error not a case status
    void client.cases.list({ status: ['lost'] });
    // @ts-expect-error not a lifecycle action
    void client.cases.transition('c1', { action: 'delete' }, { version: 1 });
    // @ts-expect-error a transition needs the version the caller saw
    void client.cases.transition('c1', { action: 'accept' }, {});
    // @ts-expect-error score is a number 1–5
    void client.cases.evaluate('WF-1', { trackingToken: 't', score: '5' });
    // @ts-expect-error an upload takes a Blob or File, not a string
    void client.media.upload('data:image/png;base64,AAAA');
    // @ts-expect-error unknown field
    void client.cases.create({ ...report, priority: 'high' });
  });
});

describe('the raw typed client', () => {
  test('reaches any operation with typed params', () => {
    void client.raw.GET('/grids/{gridId}', { params: { path: { gridId: 'g1' } } });
  });

  test('rejects an unknown path', () => {
    // @ts-expect-error no such path in the contract
    void client.raw.GET('/residents');
  });

  test('rejects a missing path parameter', () => {
    // @ts-expect-error gridId is required
    void client.raw.GET('/grids/{gridId}', { params: { path: {} } });
  });

  test('rejects a method the path does not have', () => {
    // @ts-expect-error grids are read-only
    void client.raw.DELETE('/grids/{gridId}', { params: { path: { gridId: 'g1' } } });
  });

  test('requires the idempotency key the contract requires', () => {
    // @ts-expect-error Idempotency-Key header is required on createCase
    void client.raw.POST('/cases', { body: report });
  });
});

describe("the contract's value arrays", () => {
  test('hold exactly the values of their generated schema type', () => {
    expectTypeOf<(typeof caseStatusValues)[number]>().toEqualTypeOf<CaseStatus>();
    expectTypeOf<(typeof caseActionValues)[number]>().toEqualTypeOf<CaseAction>();
    expectTypeOf<(typeof caseEventTypeValues)[number]>().toEqualTypeOf<Schemas['CaseEventType']>();
    expectTypeOf<(typeof caseLevelValues)[number]>().toEqualTypeOf<CaseLevel>();
    expectTypeOf<(typeof caseChannelValues)[number]>().toEqualTypeOf<Schemas['CaseChannel']>();
    expectTypeOf<(typeof categoryKindValues)[number]>().toEqualTypeOf<CategoryKind>();
    expectTypeOf<(typeof attributeDatatypeValues)[number]>().toEqualTypeOf<Schemas['AttributeDatatype']>();
    expectTypeOf<(typeof mediaPurposeValues)[number]>().toEqualTypeOf<Schemas['MediaPurpose']>();
    expectTypeOf<(typeof mediaContentTypeValues)[number]>().toEqualTypeOf<Media['contentType']>();
    expectTypeOf<(typeof noticeKindValues)[number]>().toEqualTypeOf<Schemas['NoticeKind']>();
    expectTypeOf<(typeof serviceLogKindValues)[number]>().toEqualTypeOf<Schemas['ServiceLogKind']>();
    expectTypeOf<(typeof subjectGroupValues)[number]>().toEqualTypeOf<Schemas['SubjectGroup']>();
    expectTypeOf<(typeof serviceOutcomeValues)[number]>().toEqualTypeOf<Schemas['ServiceOutcome']>();
    expectTypeOf<(typeof resolutionGroupByValues)[number]>().toEqualTypeOf<Schemas['ResolutionGroupBy']>();
    expectTypeOf<(typeof staffRoleValues)[number]>().toEqualTypeOf<Schemas['StaffRole']>();
    expectTypeOf<(typeof assigneeTypeValues)[number]>().toEqualTypeOf<Schemas['Assignee']['type']>();
    expectTypeOf<(typeof unitKindValues)[number]>().toEqualTypeOf<UnitKind>();
    expectTypeOf<(typeof actorTypeValues)[number]>().toEqualTypeOf<Schemas['Actor']['type']>();
    expectTypeOf<(typeof contentLanguageValues)[number]>().toEqualTypeOf<components['headers']['ContentLanguage']>();
  });

  test('are read-only, and a problem slug is one of the catalog', () => {
    // @ts-expect-error the arrays are readonly
    caseLevelValues.push('city');
    expectTypeOf(problemSlug).returns.toEqualTypeOf<ProblemSlug | undefined>();
    // @ts-expect-error not a problem type of the contract
    isProblem(new Error('x'), 'conflict');
  });
});
