import { notFound } from '../domain/errors.js';
import { pathsDownTo } from '../domain/units.js';
import { ok, type Handler } from '../http/handler.js';
import { findGridPlace } from '../store/grids.js';
import { listUnitRows, toUnit } from '../store/units.js';
import { decodeCursor, page } from './cursor.js';

export const listUnits: Handler<'listUnits'> = ({ db, query }) => {
  let nodePaths: string[] | undefined;
  if (query.gridId !== undefined) {
    const grid = findGridPlace(db, query.gridId);
    if (!grid) throw notFound(`Grid ${query.gridId}`);
    // The units serving a node are those of the node itself and of its ancestors.
    nodePaths = pathsDownTo(grid.path);
  }
  const after = decodeCursor(query, 2);
  const rows = listUnitRows(db, {
    nodePaths,
    kind: query.kind,
    after: after && [String(after[0]), String(after[1])],
    limit: query.limit ?? 50,
  });
  return ok(page(rows, query, toUnit, (row) => [row.grid_path, row.id]));
};
