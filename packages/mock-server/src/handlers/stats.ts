import { resolutionStats } from '../store/stats.js';
import { ok, type Handler } from '../http/handler.js';

export const getResolutionStats: Handler<'getResolutionStats'> = ({ db, query }) =>
  ok(resolutionStats(db, query), { 'Cache-Control': 'no-store' });
