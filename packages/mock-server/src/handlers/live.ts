/** `streamLiveEvents`: what a screen follows, checked, then its stream of server-sent events (http/live.ts). */
import { DomainError, notFound } from '../domain/errors.js';
import type { Handler } from '../http/handler.js';
import { requireCaseByTicket } from '../store/cases.js';
import { findGridPlace } from '../store/grids.js';

export const streamLiveEvents: Handler<'streamLiveEvents'> = ({ db, live, query, header }) => {
  const { noticesOf, ticket, statsOf } = query;
  if (!noticesOf && !ticket && !statsOf) {
    throw new DomainError(400, 'validation-failed', 'Name what to follow: noticesOf, ticket or statsOf.', [
      { path: '/query', message: 'needs noticesOf, ticket or statsOf', code: 'required' },
    ]);
  }
  if (noticesOf && !findGridPlace(db, noticesOf)) throw notFound(`Grid ${noticesOf}`);
  if (ticket) requireCaseByTicket(db, ticket);
  const statsNode = statsOf ? findGridPlace(db, statsOf) : undefined;
  if (statsOf && !statsNode) throw notFound(`Grid ${statsOf}`);
  const stream = live.stream(
    {
      ...(noticesOf ? { noticesOf } : {}),
      ...(ticket ? { ticket } : {}),
      ...(statsNode ? { statsOf: { gridId: statsNode.id, path: statsNode.path } } : {}),
    },
    header['Last-Event-ID'] ?? (header as Record<string, string | undefined>)['last-event-id'],
  );
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Proxies that buffer answers (nginx) pass these on at once.
      'X-Accel-Buffering': 'no',
    },
    stream,
  };
};
