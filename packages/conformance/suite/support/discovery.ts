import type { Category, CategoryAttribute, CaseInput, Grid, StaffPrincipal } from '@gridkit/sdk';
import { client } from './client.js';
import { shanghaiDate, tag } from './helpers.js';

/**
 * What the suite learns about the server instead of assuming a seed: who the
 * tokens are, which grids they govern, which categories exist.
 */
export interface World {
  admin: StaffPrincipal;
  worker: StaffPrincipal;
  /** The worker's first grid; every case the suite drives is reported there. */
  workerGrid: Grid;
  /** Its ancestors, root first. */
  workerAncestors: Grid[];
  /** The admin's subtree root. */
  adminRoot: Grid;
  /** A grid outside the worker's jurisdiction (for 403s), preferably a sibling. */
  otherGrid: Grid;
  /** Whether `otherGrid` lies in the admin's subtree. */
  otherGridInAdmin: boolean;
  /** A category requiring neither photo nor location. */
  plainCategory: Category;
  /** A category requiring a photo, if the server has one. */
  photoCategory: Category | undefined;
  /** A category requiring a location, if the server has one. */
  locationCategory: Category | undefined;
  /** A category with a required attribute, if any. */
  attributeCategory: Category | undefined;
  /** Every category. */
  categories: Category[];
  /** Whether the admin may act on the worker grid's case at each level above `grid`. */
  adminCovers: Record<'community' | 'street' | 'district', boolean>;
}

let cached: Promise<World> | undefined;

/** Discovers the world once per test file. Throws a clear message when the tokens do not fit together. */
export function discover(): Promise<World> {
  cached ??= discoverWorld();
  return cached;
}

/** Whether `grid` is `root` or lies below it. */
export function inSubtree(grid: Grid, rootId: string): boolean {
  return grid.id === rootId || grid.path.some((p) => p.id === rootId);
}

/** Whether `grid` is in a worker's jurisdiction (one of their grids or below). */
export function inWorkerJurisdiction(grid: Grid, worker: StaffPrincipal): boolean {
  return worker.gridIds.some((id) => inSubtree(grid, id));
}

async function discoverWorld(): Promise<World> {
  const pub = client();
  const [admin, worker] = await Promise.all([client('admin').session.me(), client('worker').session.me()]);
  if (admin.role !== 'admin')
    throw new Error(`The admin token belongs to ${admin.id} (${admin.name}) whose role is ${admin.role}, not admin.`);
  if (worker.role !== 'grid_worker') {
    throw new Error(
      `The worker token belongs to ${worker.id} (${worker.name}) whose role is ${worker.role}, not grid_worker.`,
    );
  }
  const workerGridId = worker.gridIds[0];
  if (!workerGridId) throw new Error(`The worker ${worker.id} has no grids (gridIds is empty).`);
  const adminRootId = admin.gridIds[0];
  if (!adminRootId) throw new Error(`The admin ${admin.id} has no jurisdiction (gridIds is empty).`);

  const [workerGrid, workerAncestors, adminRoot] = await Promise.all([
    pub.grids.get(workerGridId),
    pub.grids.ancestors(workerGridId),
    pub.grids.get(adminRootId),
  ]);
  if (!inSubtree(workerGrid, adminRootId)) {
    throw new Error(
      `The admin's jurisdiction (${adminRoot.name}, ${adminRootId}) does not cover the worker's grid ` +
        `(${workerGrid.name}, ${workerGridId}, path ${workerGrid.path.map((p) => p.id).join(' › ')}). ` +
        "Pass an admin token whose subtree contains the worker token's first grid.",
    );
  }

  const otherGrid = await findOtherGrid(workerGrid, worker, adminRootId);
  const categories: Category[] = [];
  for await (const c of pub.categories.iterate({ limit: 200 })) categories.push(c);
  const requiredCount = (c: Category) => c.attributes.filter((a) => a.required).length;
  const plain = categories
    .filter((c) => !c.requiresPhoto && !c.requiresLocation)
    .sort((a, b) => requiredCount(a) - requiredCount(b))[0];
  if (!plain)
    throw new Error('The server has no category that requires neither a photo nor a location; the suite needs one.');

  const coverOf = (level: 'community' | 'street' | 'district') => {
    const node = workerAncestors.find((a) => a.level === level);
    return node !== undefined && inSubtree(node, adminRootId);
  };

  return {
    admin,
    worker,
    workerGrid,
    workerAncestors,
    adminRoot,
    otherGrid,
    otherGridInAdmin: inSubtree(otherGrid, adminRootId),
    plainCategory: plain,
    photoCategory: categories.find((c) => c.requiresPhoto),
    locationCategory: categories.find((c) => c.requiresLocation),
    attributeCategory: categories.find((c) => requiredCount(c) > 0),
    categories,
    adminCovers: { community: coverOf('community'), street: coverOf('street'), district: coverOf('district') },
  };
}

async function findOtherGrid(workerGrid: Grid, worker: StaffPrincipal, adminRootId: string): Promise<Grid> {
  const pub = client();
  const candidates: Grid[] = [];
  const consider = (g: Grid) => {
    if (!inWorkerJurisdiction(g, worker)) candidates.push(g);
  };
  if (workerGrid.parentId) {
    for await (const g of pub.grids.iterate({ parentId: workerGrid.parentId, limit: 200 })) consider(g);
  }
  if (!candidates.some((g) => g.level === workerGrid.level)) {
    let seen = 0;
    for await (const g of pub.grids.iterate({ level: workerGrid.level, limit: 200 })) {
      consider(g);
      if (++seen >= 1000) break;
    }
  }
  // Same level as the worker's grid and inside the admin's subtree is best.
  const score = (g: Grid) => (g.level === workerGrid.level ? 2 : 0) + (inSubtree(g, adminRootId) ? 1 : 0);
  const best = candidates.sort((a, b) => score(b) - score(a))[0];
  if (!best) {
    throw new Error(
      `Found no grid outside the worker's jurisdiction (${worker.gridIds.join(', ')}); the 403 tests need one. ` +
        'Use a worker token that does not cover every grid.',
    );
  }
  return best;
}

/** A valid answer for an attribute, from its definition. */
export function validAttributeValue(attribute: CategoryAttribute): string | number | boolean | string[] {
  switch (attribute.datatype) {
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'date':
      return shanghaiDate();
    case 'singlevaluelist':
      return attribute.options?.[0]?.key ?? 'conformance';
    case 'multivaluelist':
      return attribute.options?.[0] ? [attribute.options[0].key] : [];
    default:
      return 'conformance';
  }
}

/** Answers for every required attribute of a category. */
export function requiredAttributes(category: Category): Record<string, string | number | boolean | string[]> {
  return Object.fromEntries(category.attributes.filter((a) => a.required).map((a) => [a.code, validAttributeValue(a)]));
}

/** A valid report in the worker's grid, with a unique marker in its description and address. */
export function caseInput(world: World, overrides: Partial<CaseInput> = {}, marker = tag('case')): CaseInput {
  const category = world.categories.find((c) => c.code === overrides.categoryCode) ?? world.plainCategory;
  return {
    gridId: world.workerGrid.id,
    categoryCode: category.code,
    description: `Conformance report ${marker}: a broken bench near the gate.`,
    location: { address: `Conformance street 1, ${marker}` },
    attributes: requiredAttributes(category),
    ...overrides,
  };
}
