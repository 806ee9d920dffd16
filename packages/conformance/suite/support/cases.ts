import {
  caseActionValues,
  caseStatusValues,
  type Case,
  type CaseAction,
  type CaseInput,
  type CaseReceipt,
  type CaseStatus,
  type CaseTransitionInput,
} from '@gridkit/sdk';
import { client, target, type GridkitClient, type Who } from './client.js';
import { caseInput, type World } from './discovery.js';
import { key, tag } from './helpers.js';

/**
 * A unit on record serving the worker's grid (found by the global setup): an assignee is never free text, so the
 * suite dispatches to a unit the server lists (`listUnits`).
 */
export function unitAssignee(): { type: 'unit'; id: string; name: string } {
  return { type: 'unit', ...target().unit };
}

/** Every field any action may require, so that a refusal can only be about the state. */
export function fullInput(action: CaseAction): CaseTransitionInput {
  return {
    action,
    note: `Internal note for ${action}`,
    publicNote: `Public note for ${action}`,
    assignee: unitAssignee(),
    priority: 'urgent',
  };
}

/** The minimal valid input for an action (the fields the transition table requires). */
export function minimalInput(action: CaseAction): CaseTransitionInput {
  switch (action) {
    case 'reject':
      return { action, publicNote: 'Not a matter for the grid: forwarded to the utility company.' };
    case 'dispatch':
      return { action, assignee: unitAssignee() };
    case 'reopen':
    case 'escalate':
      return { action, note: `Conformance ${action}: internal reason.` };
    case 'prioritize':
      return { action, priority: 'urgent', note: 'Conformance prioritize: a hazard found on site.' };
    default:
      return { action };
  }
}

/** Actions that lead from `submitted` to each status (grid level, worker's grid). */
export const PATH_TO: Record<CaseStatus, CaseAction[]> = {
  submitted: [],
  accepted: ['accept'],
  dispatched: ['accept', 'dispatch'],
  in_progress: ['accept', 'dispatch', 'start'],
  resolved: ['accept', 'dispatch', 'start', 'resolve'],
  closed: ['accept', 'dispatch', 'start', 'resolve', 'verify'],
  rejected: ['reject'],
};

/**
 * The transition table of the contract: action → statuses it is allowed from.
 * Written out here on purpose, not imported from a server or the SDK: the suite's
 * own oracle, so a server that gets the table wrong cannot pass by sharing it.
 */
export const ALLOWED_FROM: Record<CaseAction, CaseStatus[]> = {
  accept: ['submitted'],
  reject: ['submitted'],
  dispatch: ['accepted'],
  start: ['dispatched'],
  resolve: ['in_progress'],
  verify: ['resolved'],
  reopen: ['resolved'],
  escalate: ['accepted', 'dispatched', 'in_progress'],
  prioritize: ['accepted', 'dispatched', 'in_progress'],
};

export const ALL_STATUSES: CaseStatus[] = [...caseStatusValues];
export const ALL_ACTIONS: CaseAction[] = [...caseActionValues];

export interface Reported {
  receipt: CaseReceipt;
  input: CaseInput;
}

/** Reports a case in the worker's grid (anonymously by default). */
export async function report(world: World, overrides: Partial<CaseInput> = {}, who: Who = 'public'): Promise<Reported> {
  const input = caseInput(world, overrides, tag('case'));
  const receipt = await client(who).cases.create(input, { idempotencyKey: key() });
  return { receipt, input };
}

/** Applies one action with the version given, returning the case after it. */
export function act(
  c: GridkitClient,
  kase: { id: string; version: number },
  input: CaseTransitionInput | CaseAction,
): Promise<Case> {
  const body = typeof input === 'string' ? minimalInput(input) : input;
  return c.cases.transition(kase.id, body, { version: kase.version, idempotencyKey: key() });
}

/** Actions that judge a resolution (核查): the contract refuses them to grid workers and to whoever did the work. */
export const JUDGING: readonly CaseAction[] = ['verify', 'reopen'];

/**
 * Drives a fresh case (version 1) along `PATH_TO[status]` as the worker; the
 * verification (核查) is the admin's, independent of the worker who resolved.
 */
export async function driveTo(caseId: string, status: CaseStatus, who: Who = 'worker'): Promise<Case> {
  const c = client(who);
  const judge = client('admin');
  let current = await c.cases.get(caseId);
  for (const action of PATH_TO[status].slice(PATH_TO[current.status].length)) {
    current = await act(JUDGING.includes(action) ? judge : c, current, action);
  }
  return current;
}

/** Reports a case and drives it to a status. */
export async function caseIn(
  world: World,
  status: CaseStatus,
  overrides: Partial<CaseInput> = {},
): Promise<Case & Reported> {
  const reported = await report(world, overrides);
  const kase = await driveTo(reported.receipt.id, status);
  return { ...kase, ...reported };
}

/** A transition through the raw client, with full control over the headers (for 400/412 tests). */
export function rawTransition(
  who: Who,
  caseId: string,
  body: unknown,
  headers: { ifMatch?: string; idempotencyKey?: string } = {},
) {
  const header: Record<string, string> = {};
  if (headers.ifMatch !== undefined) header['If-Match'] = headers.ifMatch;
  header['Idempotency-Key'] = headers.idempotencyKey ?? key();
  return client(who).raw.POST('/cases/{caseId}/transitions', {
    params: { path: { caseId }, header: header as never },
    body: body as never,
  });
}
