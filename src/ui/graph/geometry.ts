/**
 * Pure geometry of the graph canvas: the view transform (screen = world × k + [x, y]), fitting,
 * zooming about a point, which part of the world to draw (culling with a margin, snapped to tiles
 * so panning re-renders only when it crosses one), and moving along edges with the keyboard.
 */
export interface Transform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 2.5;
const clampK = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** The whole graph in view, centred (never zoomed in past 1). */
export function fitTransform(w: number, h: number, vw: number, vh: number, pad = 16): Transform {
  if (w <= 0 || h <= 0 || vw <= 0 || vh <= 0) return { x: 0, y: 0, k: 1 };
  const k = clampK(Math.min(1, (vw - 2 * pad) / w, (vh - 2 * pad) / h));
  return { x: (vw - w * k) / 2, y: (vh - h * k) / 2, k };
}

/**
 * The start view: the top of the graph, the width fitted but never below readable (0.8); centred
 * when it fits, else centred on the first node (x `firstX`), so a phone shows where the graph begins.
 */
export function topTransform(w: number, vw: number, firstX = w / 2, pad = 16): Transform {
  const k = clampK(Math.min(1, Math.max(0.8, w > 0 ? (vw - 2 * pad) / w : 1)));
  return { x: w * k <= vw ? (vw - w * k) / 2 : vw / 2 - firstX * k, y: pad, k };
}

/** Zoom by `factor` keeping the screen point (px, py) over the same world point. */
export function zoomAt(t: Transform, factor: number, px: number, py: number): Transform {
  const k = clampK(t.k * factor);
  const f = k / t.k;
  return { x: px - (px - t.x) * f, y: py - (py - t.y) * f, k };
}

/** The transform that puts world point (wx, wy) at the centre of a vw × vh view. */
export function centreOn(t: Transform, wx: number, wy: number, vw: number, vh: number): Transform {
  return { x: vw / 2 - wx * t.k, y: vh / 2 - wy * t.k, k: t.k };
}

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The world rectangle on screen. */
export function worldView(t: Transform, vw: number, vh: number): Rect {
  return { x0: -t.x / t.k, y0: -t.y / t.k, x1: (vw - t.x) / t.k, y1: (vh - t.y) / t.k };
}

/**
 * What to draw: the view plus a margin, snapped to tiles of half a view at the zoom rounded down
 * to a power of two, so the drawn set changes only when the view crosses a tile edge or a zoom
 * octave (not on every frame of a pan or a zoom).
 */
export function drawnRect(t: Transform, vw: number, vh: number): Rect {
  const v = worldView(t, vw, vh);
  const octave = 2 ** Math.floor(Math.log2(t.k));
  const tw = Math.max(1, vw / octave / 2);
  const th = Math.max(1, vh / octave / 2);
  return {
    x0: (Math.floor(v.x0 / tw) - 1) * tw,
    y0: (Math.floor(v.y0 / th) - 1) * th,
    x1: (Math.ceil(v.x1 / tw) + 1) * tw,
    y1: (Math.ceil(v.y1 / th) + 1) * th,
  };
}

export const sameRect = (a: Rect, b: Rect): boolean => a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1;

export const inside = (r: Rect, x: number, y: number, hw: number, hh: number): boolean =>
  x + hw >= r.x0 && x - hw <= r.x1 && y + hh >= r.y0 && y - hh <= r.y1;

/** Successors and predecessors of each node (indices), in edge order. */
export function adjacency(
  ids: readonly string[],
  edges: readonly { readonly from: string; readonly to: string }[],
): { next: number[][]; prev: number[][] } {
  const at = new Map(ids.map((id, i) => [id, i]));
  const next = ids.map((): number[] => []);
  const prev = ids.map((): number[] => []);
  for (const e of edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (a === undefined || b === undefined) continue;
    next[a].push(b);
    prev[b].push(a);
  }
  return { next, prev };
}

export type Step = 'down' | 'up' | 'left' | 'right';

/**
 * Where an arrow key goes from node `i`: down to its first successor, up to its first
 * predecessor, left/right to the previous/next of the nodes its first predecessor feeds (the
 * other branches of a fork), in graph order — a block's lists in their order, which is how the
 * layout places them left to right. Stays put when there is nowhere to go.
 */
export function step(i: number, dir: Step, adj: { next: number[][]; prev: number[][] }): number {
  if (dir === 'down') return adj.next[i][0] ?? i;
  if (dir === 'up') return adj.prev[i][0] ?? i;
  const p = adj.prev[i][0];
  const sibs = p === undefined ? [i] : adj.next[p];
  const at = sibs.indexOf(i);
  if (at < 0) return i;
  const to = at + (dir === 'right' ? 1 : -1);
  return sibs[Math.max(0, Math.min(sibs.length - 1, to))];
}
