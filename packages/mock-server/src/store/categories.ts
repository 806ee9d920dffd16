/** Report categories (`categories`): rows, their API shape, and every statement that reads them. */
import type { Schemas } from '@gridkit/sdk';
import type { Db } from './database.js';
import { prepared } from './statements.js';

export interface CategoryRow {
  code: string;
  name: string;
  kind: Schemas['CategoryKind'];
  description: string | null;
  sla_hours: number;
  default_priority: Schemas['CasePriority'];
  requires_location: number;
  requires_photo: number;
  attributes: string;
}

export function toCategory(row: CategoryRow): Schemas['Category'] {
  return {
    code: row.code,
    name: JSON.parse(row.name) as Schemas['LocalizedText'],
    kind: row.kind,
    ...(row.description ? { description: JSON.parse(row.description) as Schemas['LocalizedText'] } : {}),
    slaHours: row.sla_hours,
    defaultPriority: row.default_priority,
    requiresLocation: row.requires_location === 1,
    requiresPhoto: row.requires_photo === 1,
    attributes: JSON.parse(row.attributes) as Schemas['CategoryAttribute'][],
  };
}

export function findCategory(db: Db, code: string): Schemas['Category'] | undefined {
  const row = prepared(db, 'SELECT * FROM categories WHERE code = ?').get(code) as CategoryRow | undefined;
  return row && toCategory(row);
}

/** A page of categories by code, optionally of one kind (one row more than `limit`). */
export function listCategoryRows(db: Db, filter: { kind?: string; afterCode?: string; limit: number }): CategoryRow[] {
  return prepared(
    db,
    `SELECT * FROM categories WHERE (@kind IS NULL OR kind = @kind) AND (@afterCode IS NULL OR code > @afterCode)
      ORDER BY code LIMIT @limit`,
  ).all({ kind: filter.kind ?? null, afterCode: filter.afterCode ?? null, limit: filter.limit + 1 }) as CategoryRow[];
}

/** Every category's localized name, by code. */
export function categoryNames(db: Db): Map<string, Schemas['LocalizedText']> {
  const rows = prepared(db, 'SELECT code, name FROM categories').all() as { code: string; name: string }[];
  return new Map(rows.map((row) => [row.code, JSON.parse(row.name) as Schemas['LocalizedText']]));
}

export function categoryName(db: Db, code: string): Schemas['LocalizedText'] {
  const row = prepared(db, 'SELECT name FROM categories WHERE code = ?').get(code) as { name: string };
  return JSON.parse(row.name) as Schemas['LocalizedText'];
}
