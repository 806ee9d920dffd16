import type { GridkitClient } from '@gridkit/sdk';
import { createOutbox, type Outbox } from '@gridkit/sdk/outbox';

// One outbox per client for the page's lifetime: every reporter on the page
// shares it (one IndexedDB connection, one retry timer, one middleware on the client).
const outboxes = new WeakMap<GridkitClient, Outbox>();

/** The page's outbox for `client`, created on first use. */
export function outboxFor(client: GridkitClient): Outbox {
  let outbox = outboxes.get(client);
  if (!outbox) outboxes.set(client, (outbox = createOutbox(client)));
  return outbox;
}
