/**
 * What the layout worker is asked (graphLayout.ts): node boxes and edges, with a hint where a
 * long edge runs. Kept apart from graphLayout.ts so the page builds requests without loading dagre.
 */
import type { VisibleGraph, VisibleNode } from '../engine/graph-view';

export interface LayoutRequest {
  readonly nodes: readonly { readonly id: string; readonly width: number; readonly height: number }[];
  /** `key`: where the edge's dummy nodes sort among a rank's nodes (default: just after its source). */
  readonly edges: readonly { readonly from: string; readonly to: string; readonly key?: number }[];
}

/** Node box sizes by kind (fixed, so numbers never change a layout). */
export const NODE_SIZE: Readonly<Record<VisibleNode['kind'], { width: number; height: number }>> = {
  input: { width: 150, height: 40 },
  output: { width: 150, height: 40 },
  layer: { width: 168, height: 52 },
  join: { width: 168, height: 52 },
  block: { width: 184, height: 60 },
};

/**
 * The layout request of a drawn graph. An edge into a join from outside the join's block is an
 * empty list of the block (a residual's identity shortcut): its dummies sort after the block's
 * other lists, i.e. just before the join, so every shortcut runs on the same side of its body.
 */
export function layoutRequestOf(v: VisibleGraph): LayoutRequest {
  const index = new Map(v.nodes.map((n, i) => [n.id, i]));
  const kind = new Map(v.nodes.map((n) => [n.id, n.kind]));
  const inside = (u: string, block: string) => u.startsWith(`${block}.`) || u.startsWith(`${block}#`);
  return {
    nodes: v.nodes.map((n) => ({ id: n.id, ...NODE_SIZE[n.kind] })),
    edges: v.edges.map((e) =>
      kind.get(e.to) === 'join' && !inside(e.from, e.to)
        ? { from: e.from, to: e.to, key: (index.get(e.to) ?? 0) - 0.5 }
        : { from: e.from, to: e.to },
    ),
  };
}
