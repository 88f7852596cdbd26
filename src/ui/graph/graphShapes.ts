/**
 * Pure shapes of the graph canvas and its export: edge routes as SVG paths with their bounding
 * boxes and label points, and the outlines of unfolded blocks (bounding boxes of their nodes).
 */
import type { GraphGroup, VisibleGraph, VisibleNode } from '../../engine/graph-view';
import { NODE_SIZE } from '../../worker/graphLayoutRequest';
import { shapeLabel } from '../format';
import type { PlacedLayout } from './useGraphData';

export interface EdgeShape {
  readonly key: string;
  readonly d: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Where the tensor shape is written: the route's middle point. */
  readonly lx: number;
  readonly ly: number;
  readonly shape: string;
}

/** A route (x, y pairs) as an SVG path, with its bounding box and middle point; null if too short. */
export function routePath(pts: Float64Array): Omit<EdgeShape, 'key' | 'shape'> | null {
  if (pts.length < 4) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let d = '';
  for (let p = 0; p < pts.length; p += 2) {
    d += `${p ? 'L' : 'M'}${pts[p].toFixed(1)} ${pts[p + 1].toFixed(1)}`;
    x0 = Math.min(x0, pts[p]);
    x1 = Math.max(x1, pts[p]);
    y0 = Math.min(y0, pts[p + 1]);
    y1 = Math.max(y1, pts[p + 1]);
  }
  const mid = 2 * Math.floor(pts.length / 4);
  return { d, x0, y0, x1, y1, lx: pts[mid], ly: pts[mid + 1] };
}

/** Every laid-out edge of the drawn graph as a path. */
export function edgeShapes(visible: VisibleGraph | null, layout: PlacedLayout | null): EdgeShape[] {
  if (!visible || !layout) return [];
  return visible.edges.flatMap((e) => {
    const r = layout.routes.get(`${e.from}\u0000${e.to}`);
    const p = r === undefined ? null : routePath(layout.answer.routes[r]);
    return p ? [{ key: `${e.from}>${e.to}`, shape: shapeLabel(e.shape), ...p }] : [];
  });
}

export interface Outline {
  readonly id: string;
  readonly label: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Dashed boxes around the unfolded blocks (bounding boxes of their nodes). */
export function groupOutlines(
  groups: readonly GraphGroup[],
  folded: readonly boolean[],
  nodes: readonly VisibleNode[],
  xy: Float64Array,
): Outline[] {
  if (!groups.length) return [];
  const hidden = groups.map(() => false);
  const depth = groups.map(() => 0);
  groups.forEach((g, i) => {
    hidden[i] = folded[i] || (g.parent >= 0 && (hidden[g.parent] || folded[g.parent]));
    depth[i] = g.parent >= 0 ? depth[g.parent] + 1 : 0;
  });
  const box = groups.map(() => ({ x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }));
  nodes.forEach((n, i) => {
    const x = xy[2 * i];
    if (Number.isNaN(x) || n.kind === 'input' || n.kind === 'output') return;
    const s = NODE_SIZE[n.kind];
    // The node's block (a join's is its own), then every block around it.
    for (let g = n.group; g >= 0; g = groups[g].parent) {
      const b = box[g];
      b.x0 = Math.min(b.x0, x - s.width / 2);
      b.x1 = Math.max(b.x1, x + s.width / 2);
      b.y0 = Math.min(b.y0, xy[2 * i + 1] - s.height / 2);
      b.y1 = Math.max(b.y1, xy[2 * i + 1] + s.height / 2);
    }
  });
  const out: Outline[] = [];
  groups.forEach((g, i) => {
    const b = box[i];
    if (hidden[i] || b.x0 === Infinity) return;
    // Two pads (and the label's 6 px) stay under the gaps between nodes (LAYOUT_SPACING: ranksep 36 between
    // ranks, nodesep 24 within one), so blocks one after or beside the other never overlap (16 on every
    // side overlapped them by 2–4 px). Nested blocks get smaller pads so their outlines stay inside.
    const pad = Math.max(4, 14 - 4 * depth[i]);
    const side = Math.max(3, 10 - 3 * depth[i]);
    out.push({ id: g.id, label: g.label, x0: b.x0 - side, y0: b.y0 - pad - 6, x1: b.x1 + side, y1: b.y1 + pad });
  });
  return out;
}
