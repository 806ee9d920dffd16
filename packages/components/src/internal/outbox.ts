import type { GridkitClient } from '@gridkit/sdk';
import { createOutbox, type Outbox } from '@gridkit/sdk/outbox';

// One outbox per client and scope for the page's lifetime: every widget of a
// kind shares it (one IndexedDB connection, one retry timer).
const outboxes = new WeakMap<GridkitClient, Map<string, Outbox>>();

/**
 * The page's outbox for `client` and `scope`, created on first use. Each
 * scope and API has its own database, so a write kept on the device is only
 * ever sent to the server it was meant for, with the credentials it was made
 * with: a grid worker's service log (`service-log:<staff id>`) never goes out
 * through a resident's anonymous reporter (`reports`), nor through another
 * worker's session on the same terminal.
 */
export function outboxFor(client: GridkitClient, scope: string): Outbox {
  let byScope = outboxes.get(client);
  if (!byScope) outboxes.set(client, (byScope = new Map()));
  let outbox = byScope.get(scope);
  if (!outbox)
    byScope.set(scope, (outbox = createOutbox(client, { name: `gridkit-outbox:${scope}@${client.baseUrl}` })));
  return outbox;
}
