import type { GridkitCore } from '@gridkit/sdk';
import { createOutbox, type Outbox } from '@gridkit/sdk/outbox';

// One outbox per core (the client's, or a provider's) and scope for the page's lifetime: every widget of a
// kind shares it (one IndexedDB connection, one retry timer).
const outboxes = new WeakMap<GridkitCore, Map<string, Outbox>>();

/**
 * The page's outbox for `core` and `scope`, created on first use. Each
 * scope and API has its own database, so a write kept on the device is only
 * ever sent to the server it was meant for, with the credentials it was made
 * with: a grid worker's service log (`service-log:<staff id>`) never goes out
 * through a resident's anonymous reporter (`reports`), nor through another
 * worker's session on the same terminal.
 */
export function outboxFor(core: GridkitCore, scope: string): Outbox {
  let byScope = outboxes.get(core);
  if (!byScope) outboxes.set(core, (byScope = new Map()));
  let outbox = byScope.get(scope);
  if (!outbox) byScope.set(scope, (outbox = createOutbox(core, { name: `gridkit-outbox:${scope}@${core.baseUrl}` })));
  return outbox;
}
