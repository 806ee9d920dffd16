import { notFound } from '../domain/errors.js';
import { ok, type Handler } from '../http/handler.js';
import { findCategory, listCategoryRows, toCategory } from '../store/categories.js';
import { decodeCursor, page } from './cursor.js';

export const listCategories: Handler<'listCategories'> = ({ db, query }) => {
  const after = decodeCursor(query, 1);
  const rows = listCategoryRows(db, {
    kind: query.kind,
    afterCode: after ? String(after[0]) : undefined,
    limit: query.limit ?? 50,
  });
  return ok(page(rows, query, toCategory, (row) => [row.code]));
};

export const getCategory: Handler<'getCategory'> = ({ db, path }) => {
  const category = findCategory(db, path.categoryCode);
  if (!category) throw notFound(`Category ${path.categoryCode}`);
  return ok(category);
};
