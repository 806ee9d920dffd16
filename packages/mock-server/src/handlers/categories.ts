import type { Schemas } from '@gridkit/sdk';
import { notFound } from '../domain/errors.js';
import { decodeCursor, page } from '../http/cursor.js';
import { ok, type Handler } from '../http/handler.js';
import type { Db } from '../store/database.js';

interface CategoryRow {
  code: string;
  name: string;
  kind: Schemas['CategoryKind'];
  description: string | null;
  sla_hours: number;
  requires_location: number;
  requires_photo: number;
  attributes: string;
}

function toCategory(row: CategoryRow): Schemas['Category'] {
  return {
    code: row.code,
    name: JSON.parse(row.name) as Schemas['LocalizedText'],
    kind: row.kind,
    ...(row.description ? { description: JSON.parse(row.description) as Schemas['LocalizedText'] } : {}),
    slaHours: row.sla_hours,
    requiresLocation: row.requires_location === 1,
    requiresPhoto: row.requires_photo === 1,
    attributes: JSON.parse(row.attributes) as Schemas['CategoryAttribute'][],
  };
}

export function findCategory(db: Db, code: string): Schemas['Category'] | undefined {
  const row = db.prepare('SELECT * FROM categories WHERE code = ?').get(code) as CategoryRow | undefined;
  return row && toCategory(row);
}

export const listCategories: Handler<'listCategories'> = ({ db, query }) => {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query, 1);
  const rows = db
    .prepare(`SELECT * FROM categories WHERE (? IS NULL OR kind = ?) AND (? IS NULL OR code > ?) ORDER BY code LIMIT ?`)
    .all(query.kind ?? null, query.kind ?? null, after ? 1 : null, after?.[0] ?? '', limit + 1) as CategoryRow[];
  return ok(page(rows, query, toCategory, (row) => [row.code]));
};

export const getCategory: Handler<'getCategory'> = ({ db, path }) => {
  const category = findCategory(db, path.categoryCode);
  if (!category) throw notFound(`Category ${path.categoryCode}`);
  return ok(category);
};
