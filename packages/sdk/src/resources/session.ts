import type { CallOptions, GridkitCore } from '../core.js';

export function sessionResource({ raw, ok }: GridkitCore) {
  return {
    /** Staff: who the token belongs to, their role and grids. */
    me: (options: CallOptions = {}) => ok(raw.GET('/me', { signal: options.signal })),
    /** Whether the API answers; kiosks poll it to show an offline state. */
    health: (options: CallOptions = {}) => ok(raw.GET('/health', { signal: options.signal })),
  };
}
