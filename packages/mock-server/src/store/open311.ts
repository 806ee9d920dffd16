/**
 * What the Open311 facade reads and keeps (`open311_clients`, and the public
 * columns of `cases`): the vendor apps' API keys (stored as hashes), and the
 * cases a request search finds, with nothing a person wrote.
 */
import type { CaseLevel, CaseStatus } from '../domain/lifecycle.js';
import type { Schemas } from '@gridkit/sdk';
import type { Db } from './database.js';
import { equals, whereOf } from './filters.js';
import { plucked, prepared } from './statements.js';

/** A vendor app allowed to report through Open311, and the channel its reports count under. */
export interface Open311Client {
  name: string;
  channel: Schemas['CaseChannel'];
}

export function open311ClientByKeyHash(db: Db, keyHash: string): Open311Client | undefined {
  return prepared(db, 'SELECT name, channel FROM open311_clients WHERE key_hash = ?').get(keyHash) as
    Open311Client | undefined;
}

export function insertOpen311Client(db: Db, client: Open311Client & { keyHash: string; createdAt: string }): void {
  prepared(
    db,
    'INSERT INTO open311_clients (key_hash, name, channel, created_at) VALUES (@keyHash, @name, @channel, @createdAt)',
  ).run(client);
}

/** A case as an Open311 request shows it: public columns, and the centre of its grid as its place. */
export interface RequestRow {
  ticket: string;
  status: CaseStatus;
  level: CaseLevel;
  category_code: string;
  grid_id: string;
  grid_path: string;
  created_at: string;
  updated_at: string;
  due_at: string;
  closed_at: string | null;
  tracking_token_hash: string;
  centroid_lat: number | null;
  centroid_lng: number | null;
}

export interface RequestFilter {
  /** Tickets asked for by id; the other filters are then ignored (as the spec says). */
  tickets?: readonly string[];
  categoryCode?: string;
  statuses?: readonly CaseStatus[];
  /** `[from, to]` on the report time, RFC 3339 UTC. */
  from?: string;
  to?: string;
  limit: number;
}

const requestColumns = `c.ticket, c.status, c.level, c.category_code, c.grid_id, c.grid_path, c.created_at,
  c.updated_at, c.due_at, c.closed_at, c.tracking_token_hash, g.centroid_lat, g.centroid_lng`;

/** The cases a request search finds, newest first. */
export function listRequestRows(db: Db, filter: RequestFilter): RequestRow[] {
  const where = filter.tickets
    ? whereOf([
        {
          sql: 'c.ticket IN (SELECT value FROM json_each(@tickets))',
          params: { tickets: JSON.stringify(filter.tickets) },
        },
      ])
    : whereOf([
        equals('c.category_code', 'categoryCode', filter.categoryCode),
        filter.statuses && {
          sql: 'c.status IN (SELECT value FROM json_each(@statuses))',
          params: { statuses: JSON.stringify(filter.statuses) },
        },
        filter.from !== undefined && { sql: 'c.created_at >= @from', params: { from: filter.from } },
        filter.to !== undefined && { sql: 'c.created_at <= @to', params: { to: filter.to } },
      ]);
  return prepared(
    db,
    `SELECT ${requestColumns} FROM cases c JOIN grids g ON g.id = c.grid_id ${where.sql}
      ORDER BY c.created_at DESC, c.id DESC LIMIT @limit`,
  ).all({ ...where.params, limit: filter.limit }) as RequestRow[];
}

export function findRequestRow(db: Db, ticket: string): RequestRow | undefined {
  return prepared(db, `SELECT ${requestColumns} FROM cases c JOIN grids g ON g.id = c.grid_id WHERE c.ticket = ?`).get(
    ticket,
  ) as RequestRow | undefined;
}

export function findTicketByTrackingTokenHash(db: Db, hash: string): string | undefined {
  return plucked(db, 'SELECT ticket FROM cases WHERE tracking_token_hash = ?').get(hash) as string | undefined;
}

/** The newest public note staff wrote on a case (for its reporter, who holds the tracking token). */
export function latestPublicNote(db: Db, ticket: string): string | undefined {
  return plucked(
    db,
    `SELECT e.public_note FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE c.ticket = ? AND e.public_note IS NOT NULL ORDER BY e.seq DESC LIMIT 1`,
  ).get(ticket) as string | undefined;
}
