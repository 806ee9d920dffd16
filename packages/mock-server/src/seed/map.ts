/**
 * Where the seeded grids lie: boundaries that tile the district without gaps
 * or overlaps, and the places (compounds, streets, landmarks) inside each grid.
 *
 * Layout: a squarified treemap (Bruls, Huizing, van Wijk) at every level — the
 * district's rectangle is cut into its streets', each street's into its
 * communities', each community's into its grids', areas in proportion to the
 * number of grids. So every boundary is a rectangle, a parent is exactly the
 * union of its children, and cells stay close to square at 100 or 10,000
 * grids. A shared edge is computed once and rounded once, so neighbours share
 * it to the last digit (a point on it is on the border of both). No PRNG: the
 * layout depends only on the tree.
 *
 * One hole, as real maps have: 桥北小学 is an enclave of 桥北社区第四网格
 * inside 桥北社区第三网格 (a Polygon with a hole, and a MultiPolygon).
 */
import type { Rng } from './random.js';
import type { GridNode } from './tree.js';
import { district } from './tree-data.js';

/** One grid is about 0.0042° × 0.0028° (≈ 380 m × 310 m at Anyang), as the contract's example grid. */
const cellLng = 0.0042;
const cellLat = 0.0028;
/** The contract's example point: the centroid of 桥北社区第二网格. */
const anchorPoint = { lat: 36.0995, lng: 114.3522 };

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function leafCount(node: GridNode): number {
  if (node.level === 'grid') return 1;
  return node.children.reduce((sum, child) => sum + leafCount(child), 0);
}

/** Cuts `rect` into one rectangle per weight (same order), areas in proportion, as square as the squarified treemap gets them. */
export function squarify(weights: readonly number[], rect: Rect): Rect[] {
  const out: Rect[] = new Array(weights.length);
  const total = weights.reduce((a, b) => a + b, 0);
  const scale = ((rect.x1 - rect.x0) * (rect.y1 - rect.y0)) / total;
  // Largest first (stable), which is what keeps the aspect ratios low.
  const order = weights.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  let free = { ...rect };
  let row: number[] = [];
  const worst = (items: number[], side: number): number => {
    const areas = items.map((i) => weights[i]! * scale);
    const sum = areas.reduce((a, b) => a + b, 0);
    return Math.max(...areas.map((a) => Math.max((side * side * a) / (sum * sum), (sum * sum) / (side * side * a))));
  };
  const place = (items: number[], last: boolean): void => {
    const width = free.x1 - free.x0;
    const height = free.y1 - free.y0;
    const sum = items.reduce((a, i) => a + weights[i]! * scale, 0);
    if (width >= height) {
      // A column at the west side of the free space, items stacked south to north.
      const x1 = last ? free.x1 : free.x0 + sum / height;
      let y = free.y0;
      items.forEach((i, k) => {
        const y1 = k === items.length - 1 ? free.y1 : y + (weights[i]! * scale) / (x1 - free.x0);
        out[i] = { x0: free.x0, y0: y, x1, y1 };
        y = y1;
      });
      free = { ...free, x0: x1 };
    } else {
      // A row at the south side, items west to east.
      const y1 = last ? free.y1 : free.y0 + sum / width;
      let x = free.x0;
      items.forEach((i, k) => {
        const x1 = k === items.length - 1 ? free.x1 : x + (weights[i]! * scale) / (y1 - free.y0);
        out[i] = { x0: x, y0: free.y0, x1, y1 };
        x = x1;
      });
      free = { ...free, y0: y1 };
    }
  };
  for (let k = 0; k < order.length;) {
    const side = Math.min(free.x1 - free.x0, free.y1 - free.y0);
    const candidate = [...row, order[k]!];
    if (row.length === 0 || worst(candidate, side) <= worst(row, side)) {
      row = candidate;
      k++;
    } else {
      place(row, false);
      row = [];
    }
  }
  if (row.length > 0) place(row, true);
  return out;
}

/** A GeoJSON ring, counter-clockwise (RFC 7946 exteriors; reverse it for a hole). */
function ring(r: Rect): [number, number][] {
  return [
    [r.x0, r.y0],
    [r.x1, r.y0],
    [r.x1, r.y1],
    [r.x0, r.y1],
    [r.x0, r.y0],
  ];
}

/**
 * Lays out every node under `root`; sets `boundary`, `lat` and `lng` of every
 * node (buildings below a grid get points inside it, no boundary).
 */
export function layOutMap(root: GridNode, named: { q2?: GridNode; q3?: GridNode; q4?: GridNode }): void {
  const n = leafCount(root);
  // Near square in cell units (a cell is ~380 m × 310 m), so a district of any size stays compact.
  const width = Math.max(1, Math.sqrt(n * 1.2));
  const rects = new Map<GridNode, Rect>();
  const visit = (node: GridNode, rect: Rect): void => {
    rects.set(node, rect);
    if (node.level === 'grid') return;
    const parts = squarify(node.children.map(leafCount), rect);
    node.children.forEach((child, i) => visit(child, parts[i]!));
  };
  visit(root, { x0: 0, y0: 0, x1: width, y1: n / width });

  // Degrees: the district centred on 文峰区, moved so that 桥北社区第二网格's centre is the contract's example point.
  let lng0 = district.centroid.lng - (width / 2) * cellLng;
  let lat0 = district.centroid.lat - (n / width / 2) * cellLat;
  const anchor = named.q2 && rects.get(named.q2);
  if (anchor) {
    lng0 = anchorPoint.lng - ((anchor.x0 + anchor.x1) / 2) * cellLng;
    lat0 = anchorPoint.lat - ((anchor.y0 + anchor.y1) / 2) * cellLat;
  }
  const toDegrees = (r: Rect): Rect => ({
    x0: round(lng0 + r.x0 * cellLng),
    x1: round(lng0 + r.x1 * cellLng),
    y0: round(lat0 + r.y0 * cellLat),
    y1: round(lat0 + r.y1 * cellLat),
  });

  const polygons = new Map<GridNode, [number, number][][][]>();
  for (const [node, rect] of rects) {
    const r = toDegrees(rect);
    polygons.set(node, [[ring(r)]]);
    node.lng = round((r.x0 + r.x1) / 2);
    node.lat = round((r.y0 + r.y1) / 2);
  }

  // The enclave: a block in the north-east quarter of 第三网格 (clear of its centre) that belongs to 第四网格.
  if (named.q3 && named.q4) {
    const r = toDegrees(rects.get(named.q3)!);
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    const hole = {
      x0: round(r.x0 + w * 0.6),
      x1: round(r.x0 + w * 0.85),
      y0: round(r.y0 + h * 0.6),
      y1: round(r.y0 + h * 0.85),
    };
    polygons.get(named.q3)![0]!.push(ring(hole).reverse());
    polygons.get(named.q4)!.push([ring(hole)]);
  }

  for (const [node, parts] of polygons) {
    node.boundary = JSON.stringify(
      parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts },
    );
    // Finer units (the buildings below 桥北社区第二网格): points in the four quarters of their grid.
    if (node.level === 'grid') {
      const r = toDegrees(rects.get(node)!);
      node.children.forEach((building, j) => {
        building.lng = round(r.x0 + (r.x1 - r.x0) * (j % 2 === 0 ? 0.25 : 0.75));
        building.lat = round(r.y0 + (r.y1 - r.y0) * (j < 2 ? 0.75 : 0.25));
      });
    }
  }
}

// ── places ────────────────────────────────────────────────────────────────────

const compoundStems =
  '映月 锦绣 馨园 和平 幸福 翠苑 金桂 丽湾 春晖 阳光 文苑 书香 怡景 康乐 安居 龙泉 玉兰 紫荆 梧桐 凤凰 华府 名门 御景 东方 新城 明珠 嘉园 雅居 盛世 永和'.split(
    ' ',
  );
const compoundKinds = ['小区', '小区', '花园', '家园', '苑', '家属院', '公寓'];
const landmarkKinds = ['菜市场', '小学', '幼儿园', '卫生服务站', '公园', '商场', '文化广场', '农贸市场'];

/**
 * Names residents give for where they live or where the problem is, 2–4 per
 * grid, unique across the district (so a search by one finds one grid):
 * numbered compounds on the community's roads (桥北路23号院), named compounds
 * (映月小区), now and then a landmark. 桥北社区第二网格 holds 桥北路23号院 (the
 * contract's example address); 桥北社区第四网格 holds 桥北小学 (its enclave).
 */
export function assignPlaces(
  grids: readonly GridNode[],
  rng: Rng,
  named: { q2?: GridNode; q4?: GridNode },
): Map<GridNode, string[]> {
  const taken = new Set<string>(['桥北路23号院', '桥北小学']);
  const places = new Map<GridNode, string[]>();
  const unique = (make: () => string): string | undefined => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = make();
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
    return undefined;
  };
  for (const grid of grids) {
    const list: string[] = [];
    if (grid === named.q2) list.push('桥北路23号院');
    if (grid === named.q4) list.push('桥北小学');
    const roads = grid.roads.length > 0 ? grid.roads : ['文峰大道'];
    const count = rng.int(2, 4);
    for (let i = 0; i < count; i++) {
      const kind = rng.float();
      const name =
        kind < 0.45
          ? unique(() => `${rng.pick(roads)}${rng.int(1, 199)}号院`)
          : kind < 0.85
            ? unique(() => `${rng.pick(compoundStems)}${rng.pick(compoundKinds)}`)
            : unique(() => `${(grid.community?.name ?? grid.name).slice(0, 2)}${rng.pick(landmarkKinds)}`);
      if (name) list.push(name);
    }
    places.set(grid, list);
  }
  return places;
}
