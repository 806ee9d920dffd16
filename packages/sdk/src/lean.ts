/**
 * `@gridkit/sdk/core`: the SDK without its resources: the core calls go
 * through, errors, the contract's values and helpers. With the resources from
 * `@gridkit/sdk/resources/<name>`, a bundle that splits code (a widget that
 * loads its later steps on demand) carries each resource in the chunk that
 * calls it; through the main entry, which re-exports every resource, a
 * splitting bundler such as esbuild counts them all as loaded up front.
 */
export { createGridkitCore } from './core.js';
export type { CallOptions, GridkitClientOptions, GridkitCore, TokenProvider, WriteOptions } from './core.js';
export { GridkitError, isGridkitError } from './error.js';
export type { GridkitErrorKind } from './error.js';
export { newIdempotencyKey } from './idempotency.js';
export { newTrackingToken, normalizeTrackingToken, trackingTokenPattern } from './tracking-token.js';
export { normalizeTicket, parseTicket, ticketPattern } from './ticket.js';
export { finalCaseStatuses, isFinalStatus } from './lifecycle.js';
export { isProblem, problemSlug, problemStatus, problemType } from './problem.js';
export type { ProblemSlug } from './problem.js';
export * from './generated/values.js';
export { paginate } from './pagination.js';
export type { Page } from './pagination.js';
export type { RetryEvent, RetryOptions } from './retry.js';
export type * from './contract.js';
