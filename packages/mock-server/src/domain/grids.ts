/** Grid tree rules with no I/O. Rows, mappers and SQL are in store/grids.ts. */

/** The ids on a grid's materialized path, root first, itself last. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}
