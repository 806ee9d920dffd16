/**
 * `@gridkit/sdk/outbox`: keeps writes on the device (IndexedDB) until the
 * server has them. A separate entry, so pages that do not use it do not load
 * it or `idb`.
 */
export { createOutbox } from './outbox.js';
export { OutboxStorageError } from './store.js';
export type * from './types.js';
