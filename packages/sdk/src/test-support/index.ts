/**
 * `@gridkit/sdk/test-support`: helpers for tests of code built on the SDK or
 * of a server implementing the contract. Not needed at run time.
 */
export { concatBytes, jpeg4x3, png, pngChunk, pngSignature } from './images.js';
export type { PngOptions } from './images.js';
