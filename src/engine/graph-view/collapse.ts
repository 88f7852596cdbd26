/**
 * What the graph panel draws: the built graph (build.ts) with some blocks folded into one node.
 * A folded block's node takes the block row (so it carries the block's total) and every edge
 * that entered or left one of its nodes; edges inside it disappear. Pure and linear in the graph,
 * so folding a block never needs the model to be evaluated again.
 */
import type { Shape } from '../format/model';
import type { GraphNode, GraphNodeKind, GraphView } from './build';

export type VisibleNodeKind = GraphNodeKind | 'block';

/** A drawn node: a node of the graph (build.ts), or a folded block (`kind: 'block'`, the block row's). */
export interface VisibleNode extends Omit<GraphNode, 'kind'> {
  readonly kind: VisibleNodeKind;
  /** A folded block: how many nodes it holds (1 for a layer or join, 0 for inputs and outputs). */
  readonly size: number;
}

export interface VisibleEdge {
  readonly from: string;
  readonly to: string;
  readonly shape: Shape | null;
}

export interface VisibleGraph {
  readonly nodes: readonly VisibleNode[];
  readonly edges: readonly VisibleEdge[];
  /** Per group of the view: whether it is folded (its own id is in the set and no ancestor is folded). */
  readonly folded: readonly boolean[];
}

/** The graph with the blocks whose ids are in `collapsed` folded (an outer fold hides inner ones). */
export function collapseGraph(view: GraphView, collapsed: ReadonlySet<string>): VisibleGraph {
  const groups = view.groups;
  // Outermost folded block around each group (itself included), -1 if none. Parents come first.
  const fold = new Int32Array(groups.length).fill(-1);
  const folded: boolean[] = new Array<boolean>(groups.length).fill(false);
  for (let g = 0; g < groups.length; g++) {
    const p = groups[g].parent;
    const outer = p >= 0 ? fold[p] : -1;
    fold[g] = outer >= 0 ? outer : collapsed.has(groups[g].id) ? g : -1;
    folded[g] = fold[g] === g;
  }
  const rename = new Map<string, string>();
  const nodes: VisibleNode[] = [];
  const placed = new Set<number>();
  for (const n of view.nodes) {
    const f = n.group >= 0 ? fold[n.group] : -1;
    if (f < 0) {
      nodes.push(n.kind === 'join' || n.kind === 'layer' ? { ...n, size: 1 } : { ...n, size: 0 });
      continue;
    }
    const g = groups[f];
    rename.set(n.id, g.id);
    if (placed.has(f)) continue;
    placed.add(f);
    // The folded block stands where its first node stood (the order the layout starts from).
    nodes.push({
      id: g.id,
      kind: 'block',
      row: g.row,
      modelPath: g.modelPath,
      label: g.label,
      type: g.type,
      shape: g.shape,
      group: g.parent,
      size: g.size,
      error: g.error,
    });
  }
  const edges: VisibleEdge[] = [];
  const seen = new Set<string>();
  for (const e of view.edges) {
    const from = rename.get(e.from) ?? e.from;
    const to = rename.get(e.to) ?? e.to;
    if (from === to) continue;
    const key = `${from}\u0000${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(from === e.from && to === e.to ? e : { from, to, shape: e.shape });
  }
  return { nodes, edges, folded };
}
