/**
 * Case rules with no I/O: who may act on or read a case, when it is overdue,
 * and whether answers fit a category's extra fields. Rows, mappers and SQL
 * are in store/cases.ts.
 */
import type { Schemas } from '@gridkit/sdk';
import { conflict, DomainError, forbidden, unprocessable, type Issue } from './errors.js';
import { trackingTokenMatches } from './ids.js';
import { finalStatuses, levels, type CaseAction, type CaseLevel, type CaseStatus } from './lifecycle.js';
import { covers, type Principal } from './principal.js';
import { assignedTo } from './units.js';

/** What the access rules read of a case. */
export interface CaseScope {
  ticket: string;
  level: CaseLevel;
  /** The materialized path of the case's grid. */
  gridPath: string;
}

/** Past its due time and not yet in a final status. */
export function isOverdue(status: CaseStatus, dueAt: string, now: Date): boolean {
  return !finalStatuses.includes(status) && dueAt < now.toISOString();
}

/** What a department's staff may do with a case dispatched to their unit: the work itself. */
const departmentActions: readonly CaseAction[] = ['start', 'resolve'];

/**
 * Who may act on a case (every action but the ones that judge a resolution,
 * see `requireResolutionJudge`): a grid worker on cases of their grids while the
 * case is at grid level; above that, admins whose subtree contains the
 * case's node at its current level (its community, street or district:
 * `nodePathAtLevel`, asked only when needed); a department's staff start and
 * resolve what is dispatched to their unit (or to them), at any level.
 */
export function requireCaseActor(
  principal: Principal,
  scope: CaseScope,
  act: { action: CaseAction; assignee: Schemas['Assignee'] | null },
  nodePathAtLevel: () => string,
): void {
  if (principal.role === 'supervisor') {
    throw forbidden(
      `Supervisors verify cases or reject their resolutions; other actions on case ${scope.ticket} belong to grid workers and admins.`,
    );
  }
  if (principal.role === 'department') {
    if (!assignedTo(principal, act.assignee)) {
      throw forbidden(`Case ${scope.ticket} is not dispatched to your unit; a department acts only on its own cases.`);
    }
    if (departmentActions.includes(act.action)) return;
    throw forbidden(
      `A department starts and resolves the cases dispatched to it; ${act.action} of case ${scope.ticket} belongs to the grid's staff and admins.`,
    );
  }
  if (principal.role === 'grid_worker') {
    if (scope.level === 'grid' && covers(principal, scope.gridPath)) return;
    throw forbidden(
      scope.level === 'grid'
        ? `Case ${scope.ticket} is outside your grids.`
        : `Case ${scope.ticket} was escalated to ${scope.level} level; only admins there may act on it.`,
    );
  }
  if (covers(principal, nodePathAtLevel())) return;
  throw forbidden(`Case ${scope.ticket} at ${scope.level} level is outside your jurisdiction.`);
}

/** What the independence rule reads of a case: who resolved it last, and who it is assigned to. */
export interface ResolutionFacts {
  /** Staff id of the actor of the case's latest `resolve`; `null` when it was never resolved. */
  resolverId: string | null;
  assignee: Schemas['Assignee'] | null;
}

/**
 * Whether an action judges a resolution (核查): `verify`, or `reopen` (返工,
 * which the transition table allows only from `resolved`: it rejects the
 * resolution). Both are refused to grid workers whatever the case's state.
 */
export function judgesResolution(action: CaseAction): boolean {
  return action === 'verify' || action === 'reopen';
}

/** Rank of a level bottom-up (grid 0 … district 3); finer units such as buildings rank below a grid. */
const levelRank = (level: string): number => levels.indexOf(level as CaseLevel);

/**
 * Who may verify a case or reject its resolution: a supervisor or an admin
 * whose jurisdiction covers the case's grid from a root at or above the
 * case's current level. Grid workers never may (the one who did the work must
 * not be the one who checks it). `roots`: the principal's jurisdiction roots
 * with their levels.
 */
export function requireResolutionJudge(
  principal: Principal,
  scope: CaseScope,
  roots: readonly { path: string; level: string }[],
): void {
  if (principal.role === 'grid_worker' || principal.role === 'department') {
    throw forbidden(
      `${principal.role === 'department' ? 'Departments' : 'Grid workers'} may not verify case ${scope.ticket} or reject its resolution; a supervisor or an admin at ${scope.level} level or above checks it.`,
    );
  }
  const covering = roots.filter((root) => scope.gridPath.startsWith(root.path));
  if (covering.length === 0) throw forbidden(`Case ${scope.ticket} is outside your jurisdiction.`);
  if (!covering.some((root) => levelRank(root.level) >= levelRank(scope.level))) {
    throw forbidden(
      `Case ${scope.ticket} is at ${scope.level} level; only a supervisor or an admin whose jurisdiction is at ${scope.level} level or above may verify it or reject its resolution.`,
    );
  }
}

/** 403 `not-independent` when the principal resolved the case last or is its assignee (a person). */
export function requireIndependent(principal: Principal, scope: CaseScope, facts: ResolutionFacts): void {
  const assignedToPrincipal = facts.assignee?.type === 'person' && facts.assignee.id === principal.id;
  if (facts.resolverId !== principal.id && !assignedToPrincipal) return;
  throw new DomainError(
    403,
    'not-independent',
    `${assignedToPrincipal ? `Case ${scope.ticket} is assigned to you` : `You resolved case ${scope.ticket}`}; someone independent (a supervisor, or an admin at its level or above) must verify it or reject the resolution.`,
  );
}

/** Who may read a case: anyone whose jurisdiction contains its grid. */
export function requireCaseReader(principal: Principal, scope: CaseScope): void {
  if (!covers(principal, scope.gridPath)) throw forbidden(`Case ${scope.ticket} is outside your jurisdiction.`);
}

/** 422 naming each given media id that does not exist (`existing`: the ids the store found). */
export function requireKnownMedia(
  ids: readonly string[] | undefined,
  existing: ReadonlySet<string>,
  path: string,
): void {
  const issues = (ids ?? [])
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => !existing.has(id))
    .map(({ id, index }) => ({
      path: `${path}/${index}`,
      code: 'unknown_media',
      message: `Media ${id} does not exist.`,
    }));
  if (issues.length) throw unprocessable(...issues);
}

/** Checks answers to a category's extra fields (Open311 attributes). */
export function attributeIssues(
  definitions: Schemas['CategoryAttribute'][],
  answers: Schemas['CaseAttributes'],
): Issue[] {
  const issues: Issue[] = [];
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code))
      issues.push({
        path: `/body/attributes/${code}`,
        code: 'unknown_attribute',
        message: `The category has no attribute ${code}.`,
      });
  }
  for (const definition of definitions) {
    const path = `/body/attributes/${definition.code}`;
    const value = answers[definition.code];
    if (value === undefined || value === '') {
      if (definition.required)
        issues.push({ path, code: 'attribute_required', message: `${definition.code} is required for this category.` });
      continue;
    }
    const keys = new Set((definition.options ?? []).map((o) => o.key));
    const valid = (() => {
      switch (definition.datatype) {
        case 'number':
          return typeof value === 'number' && Number.isFinite(value);
        case 'boolean':
          return typeof value === 'boolean';
        case 'date':
          return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
        case 'singlevaluelist':
          return typeof value === 'string' && keys.has(value);
        case 'multivaluelist':
          return Array.isArray(value) && value.every((v) => keys.has(v));
        default:
          return typeof value === 'string';
      }
    })();
    if (!valid)
      issues.push({
        path,
        code: 'attribute_invalid',
        message: `${definition.code} must be a valid ${definition.datatype}.`,
      });
  }
  return issues;
}

/**
 * What a report must carry for its category: a photo or coordinates where
 * the category asks for them, and valid extra fields. One issue per problem.
 */
export function reportIssues(
  category: Pick<Schemas['Category'], 'requiresPhoto' | 'requiresLocation' | 'attributes'>,
  report: Pick<Schemas['CaseInput'], 'mediaIds' | 'location' | 'attributes'>,
): Issue[] {
  const issues: Issue[] = [];
  if (category.requiresPhoto && !report.mediaIds?.length) {
    issues.push({ path: '/body/mediaIds', code: 'photo_required', message: 'This category needs at least one photo.' });
  }
  if (category.requiresLocation && !report.location.point) {
    issues.push({
      path: '/body/location/point',
      code: 'location_required',
      message: 'This category needs coordinates.',
    });
  }
  issues.push(...attributeIssues(category.attributes, report.attributes ?? {}));
  return issues;
}

/** The channels staff report through: set from the token, never claimed. */
const staffChannels: readonly Schemas['CaseChannel'][] = ['grid_worker', 'department'];

/** A report through a staff channel (`grid_worker`, `department`) without a staff token. */
export function channelIssues(report: Pick<Schemas['CaseInput'], 'channel'>, byStaff: boolean): Issue[] {
  return !byStaff && report.channel !== undefined && staffChannels.includes(report.channel)
    ? [
        {
          path: '/body/channel',
          code: 'channel_not_allowed',
          message: `Only staff report through the ${report.channel} channel, and it is set from their token.`,
        },
      ]
    : [];
}

/**
 * The channel a report is recorded under: with a staff token the role's
 * (a department's inspection, dual reporting; any other staff member's), whatever
 * was sent; otherwise the one sent, `web` by default.
 */
export function reportChannel(
  report: Pick<Schemas['CaseInput'], 'channel'>,
  principal: Principal | undefined,
): Schemas['CaseChannel'] {
  if (principal) return principal.role === 'department' ? 'department' : 'grid_worker';
  return report.channel ?? 'web';
}

/** What an action must carry besides itself (a dispatch its assignee, a rejection its public note, …). */
const actionNeeds: Partial<Record<CaseAction, { field: 'assignee' | 'note' | 'publicNote'; code: string }>> = {
  dispatch: { field: 'assignee', code: 'assignee_required' },
  reopen: { field: 'note', code: 'note_required' },
  escalate: { field: 'note', code: 'note_required' },
  prioritize: { field: 'note', code: 'note_required' },
  reject: { field: 'publicNote', code: 'public_note_required' },
};

/** 422 when the action lacks what it needs. */
export function requireActionFields(
  transition: Pick<Schemas['CaseTransitionInput'], 'action' | 'assignee' | 'note' | 'publicNote'>,
): void {
  const need = actionNeeds[transition.action];
  if (need && !transition[need.field]) {
    throw unprocessable({
      path: `/body/${need.field}`,
      code: need.code,
      message: `${transition.action} needs ${need.field}.`,
    });
  }
}

/** `If-Match` → the case version it names (`"3"`, also weak or bare); 400 when it names none. */
export function parseVersion(ifMatch: string): number {
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) {
    throw new DomainError(400, 'validation-failed', 'If-Match must carry the case version as an ETag, e.g. "3".', [
      { path: '/header/If-Match', message: 'must be an entity tag such as "3"', code: 'malformed' },
    ]);
  }
  return Number(match[1]);
}

/** Optimistic concurrency: 412 (with the current ETag) unless the client acted on the current version. */
export function requireVersion(scope: Pick<CaseScope, 'ticket'>, version: number, expected: number): void {
  if (version === expected) return;
  throw new DomainError(
    412,
    'stale-version',
    `Case ${scope.ticket} is at version ${version}, not ${expected}; reload it and decide again.`,
    [],
    { ETag: `"${version}"` },
  );
}

/** A case is evaluated once, after it is closed. */
export function requireEvaluable(
  scope: Pick<CaseScope, 'ticket'>,
  state: { status: CaseStatus; evaluated: boolean },
): void {
  if (state.evaluated) throw conflict('already-evaluated', `Case ${scope.ticket} was already evaluated.`);
  if (state.status !== 'closed')
    throw conflict('case-not-closed', `Case ${scope.ticket} is ${state.status}; it can be evaluated once closed.`);
}

/** The resident proves the case is theirs with its tracking token (any typed form); another is 403. */
export function requireTrackingToken(typed: string, storedHash: string): void {
  if (!trackingTokenMatches(typed, storedHash)) {
    throw new DomainError(403, 'invalid-tracking-token', 'The tracking token does not belong to this ticket.');
  }
}

/**
 * The public view as the caller may see it. Tickets are sequential, so by
 * ticket alone it keeps only what no person wrote (status, level, grid,
 * category, dates, the timeline's steps): public notes and the evaluation,
 * whose comment a resident may fill with a name or a phone number, need the
 * tracking token. Fields are copied by name, so a field added later stays
 * hidden until it is decided here.
 */
export function publicCaseView(full: Schemas['PublicCase'], withTrackingToken: boolean): Schemas['PublicCase'] {
  if (withTrackingToken) return full;
  // A follow-up exists only after a score of 1–2: by ticket alone even its events would tell the score.
  const timeline = full.timeline.filter((event) => event.type !== 'follow_up_opened' && event.type !== 'follow_up');
  return {
    ticket: full.ticket,
    status: full.status,
    level: full.level,
    gridId: full.gridId,
    gridName: full.gridName,
    categoryCode: full.categoryCode,
    categoryName: full.categoryName,
    priority: full.priority,
    createdAt: full.createdAt,
    dueAt: full.dueAt,
    ...(full.closedAt ? { closedAt: full.closedAt } : {}),
    ...(full.disputeUntil ? { disputeUntil: full.disputeUntil } : {}),
    canEvaluate: full.canEvaluate,
    canDispute: full.canDispute,
    timeline: timeline.map((event) => ({
      type: event.type,
      ...(event.fromStatus ? { fromStatus: event.fromStatus } : {}),
      toStatus: event.toStatus,
      level: event.level,
      at: event.at,
      ...(event.priority ? { priority: event.priority } : {}),
    })),
  };
}
