/**
 * Lays a graph out top to bottom with dagre (@dagrejs/dagre, the maintained fork): ranks, crossing
 * reduction, coordinates and edge routes. Pure (no DOM, no Worker), so it runs in the layout
 * worker (graph.worker.ts), on the page when there is no Worker, in the tests and in the bench.
 * Node sizes are fixed per kind by the caller, so a layout depends on the graph's structure only:
 * an edit that changes numbers reuses the last layout.
 */
import dagre from '@dagrejs/dagre';
import type { LayoutRequest } from './graphLayoutRequest';

export type { LayoutRequest } from './graphLayoutRequest';

export interface LayoutAnswer {
  readonly width: number;
  readonly height: number;
  /** Node centres, in request order: x0, y0, x1, y1, … */
  readonly centres: Float64Array;
  /** Per edge (request order), its route as x, y pairs. */
  readonly routes: readonly Float64Array[];
  /** Milliseconds the layout took (for the bench and the panel's status line). */
  readonly ms: number;
}

export const LAYOUT_SPACING = { nodesep: 24, ranksep: 36, edgesep: 12, marginx: 16, marginy: 16 } as const;

export function layoutGraph(req: LayoutRequest): LayoutAnswer {
  const t0 = performance.now();
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', ranker: 'longest-path', ...LAYOUT_SPACING });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of req.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of req.edges) if (e.from !== e.to) g.setEdge(e.from, e.to);
  // Ranks by longest path (each node as close above its consumers as it can be: a learned tensor
  // or a second input sits next to where it is read) rather than network simplex, which cost
  // about as much again for the same ranks on these graphs.
  // Crossing reduction is most of dagre's time (~0.5 s for ResNet-152's 517 nodes here) and the
  // graph's own order is already a good one: the evaluation order puts a block's lists left to
  // right and every edge goes forward. So each rank is ordered by that order (an edge's dummy
  // nodes by their source, then target), which also keeps a re-layout after an edit stable.
  const index = new Map(req.nodes.map((n, i) => [n.id, i]));
  const keys = new Map<string, number>();
  for (const e of req.edges) if (e.key !== undefined) keys.set(`${e.from}\u0000${e.to}`, e.key);
  dagre.layout(g, { customOrder: (lg) => orderByIndex(lg, index, keys) });
  const centres = new Float64Array(req.nodes.length * 2);
  req.nodes.forEach((n, i) => {
    const p = g.node(n.id) as { x: number; y: number };
    centres[2 * i] = p.x;
    centres[2 * i + 1] = p.y;
  });
  const routes = req.edges.map((e) => {
    const pts = (g.edge(e.from, e.to) as { points?: { x: number; y: number }[] } | undefined)?.points ?? [];
    const a = new Float64Array(pts.length * 2);
    pts.forEach((p, k) => {
      a[2 * k] = p.x;
      a[2 * k + 1] = p.y;
    });
    return a;
  });
  const label = g.graph() as { width?: number; height?: number };
  return { width: label.width ?? 0, height: label.height ?? 0, centres, routes, ms: performance.now() - t0 };
}

interface LayoutNode {
  rank?: number;
  order?: number;
  edgeObj?: { v: string; w: string };
}

/** Sets `order` on every ranked node of dagre's layout graph from the nodes' request order. */
function orderByIndex(
  lg: InstanceType<typeof dagre.graphlib.Graph>,
  index: ReadonlyMap<string, number>,
  keys: ReadonlyMap<string, number>,
): void {
  const ranks = new Map<number, { v: string; a: number; b: number }[]>();
  for (const v of lg.nodes()) {
    const n = lg.node(v) as LayoutNode;
    if (typeof n.rank !== 'number') continue;
    const e = n.edgeObj;
    const own = index.get(v);
    const item =
      own !== undefined
        ? { v, a: own, b: -1 }
        : e
          ? { v, a: keys.get(`${e.v}\u0000${e.w}`) ?? (index.get(e.v) ?? 0) + 0.5, b: index.get(e.w) ?? 0 }
          : { v, a: 0, b: 0 };
    let list = ranks.get(n.rank);
    if (!list) ranks.set(n.rank, (list = []));
    list.push(item);
  }
  for (const list of ranks.values()) {
    list.sort((x, y) => x.a - y.a || x.b - y.b);
    list.forEach((it, i) => ((lg.node(it.v) as LayoutNode).order = i));
  }
}
