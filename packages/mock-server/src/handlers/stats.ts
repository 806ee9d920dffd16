import { resolutionStats } from '../store/stats.js';
import { ok, type Handler } from '../http/handler.js';

// Revalidated, not stored blind: `ETag` and `Cache-Control: no-cache` come from the conditional-read step (http/app.ts).
export const getResolutionStats: Handler<'getResolutionStats'> = ({ db, query }) => ok(resolutionStats(db, query));
