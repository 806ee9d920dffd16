/**
 * Names for the contract's generated types. Everything here is an alias of
 * `generated/gridkit.ts`, which `pnpm generate` writes from
 * `openapi/gridkit.yaml`; nothing is declared twice.
 */
import type { components, operations, paths } from './generated/gridkit.js';

export type { components, operations, paths };

export type Schemas = components['schemas'];
export type OperationId = keyof operations;

type Content<T, Media extends string> = T extends { content: { [K in Media]: infer Body } } ? Body : never;

/** The request body of an operation, for one media type. */
export type RequestBodyOf<Op extends OperationId, Media extends string = 'application/json'> = Content<
  NonNullable<operations[Op]['requestBody']>,
  Media
>;
/** The query parameters of an operation. */
export type QueryParams<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;

export type Problem = Schemas['Problem'];
export type ValidationIssue = Schemas['ValidationIssue'];
export type Grid = Schemas['Grid'];
export type GridLevel = Schemas['GridLevel'];
export type GridLocation = Schemas['GridLocation'];
export type GeoPoint = Schemas['GeoPoint'];
export type NoticeBoard = Schemas['NoticeBoard'];
export type TeamMember = Schemas['TeamMember'];
export type Notice = Schemas['Notice'];
export type NoticeKind = Schemas['NoticeKind'];
export type NoticeInput = Schemas['NoticeInput'];
export type LocalizedText = Schemas['LocalizedText'];
export type Category = Schemas['Category'];
export type CategoryKind = Schemas['CategoryKind'];
export type CategoryAttribute = Schemas['CategoryAttribute'];
export type Media = Schemas['Media'];
export type CaseInput = Schemas['CaseInput'];
export type CaseReceipt = Schemas['CaseReceipt'];
export type TrackingToken = Schemas['TrackingToken'];
export type Case = Schemas['Case'];
export type CaseStatus = Schemas['CaseStatus'];
export type CaseLevel = Schemas['CaseLevel'];
export type CaseAction = Schemas['CaseAction'];
export type CaseChannel = Schemas['CaseChannel'];
export type CaseEventType = Schemas['CaseEventType'];
export type CaseTransitionInput = Schemas['CaseTransitionInput'];
export type CaseEvent = Schemas['CaseEvent'];
export type PublicCase = Schemas['PublicCase'];
export type PublicCaseEvent = Schemas['PublicCaseEvent'];
export type EvaluationInput = Schemas['EvaluationInput'];
export type CasePriority = Schemas['CasePriority'];
export type DisputeInput = Schemas['DisputeInput'];
export type FollowUp = Schemas['FollowUp'];
export type FollowUpInput = Schemas['FollowUpInput'];
export type FollowUpOutcome = Schemas['FollowUpOutcome'];
export type FollowUpStatus = Schemas['FollowUpStatus'];
export type Evaluation = Schemas['Evaluation'];
export type ServiceLogInput = Schemas['ServiceLogInput'];
export type ServiceLog = Schemas['ServiceLog'];
export type ServiceLogKind = Schemas['ServiceLogKind'];
export type SubjectGroup = Schemas['SubjectGroup'];
export type ServiceOutcome = Schemas['ServiceOutcome'];
export type ServiceLogSummary = Schemas['ServiceLogSummary'];
export type ResolutionStats = Schemas['ResolutionStats'];
export type ResolutionFigures = Schemas['ResolutionFigures'];
export type ResolutionGroup = Schemas['ResolutionGroup'];
export type StaffRole = Schemas['StaffRole'];
export type StaffPrincipal = Schemas['StaffPrincipal'];
export type Health = Schemas['Health'];
