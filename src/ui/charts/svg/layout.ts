/**
 * Geometry of the hand-drawn charts: where each bar, point and axis goes for a given box size.
 * Pure functions (unit-tested); the components in this folder only turn them into SVG elements.
 *
 * Why hand-drawn: recharts spends about 1.5 ms of main-thread time per bar on every update, so a
 * 300-bar per-layer chart cost ~450 ms per edit on a 1,000-layer model. These layouts cost
 * microseconds per bar and the SVG they produce is a few hundred plain <rect>s.
 */
import { linearScale, logScale, type Scale } from './scale';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface BarSpec {
  readonly key: string;
  /** Stacked parts from the bottom up (display values ≥ 0). */
  readonly parts: readonly number[];
  readonly fills: readonly string[];
  /** Outlined (the editor's selection). */
  readonly selected?: boolean;
  /** data-testid of the bar's top part. */
  readonly testId?: string;
}

export interface PlotMargins {
  readonly yAxisWidth: number;
  readonly legend: boolean;
  readonly xLabel: boolean;
  /** Tick labels under the x axis (scatter, step curves); bar charts have none. */
  readonly xTicks?: boolean;
}

/** The plotting area inside the axes and the legend. */
export function plotBox(size: Size, m: PlotMargins): Box {
  const top = m.legend ? 24 : 8;
  const bottom = size.height - 6 - (m.xTicks ? 16 : 0) - (m.xLabel ? 14 : 0);
  const right = Math.max(m.yAxisWidth + 1, size.width - 12);
  return { left: m.yAxisWidth, top, right, bottom: Math.max(top + 1, bottom) };
}

export interface BarRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly fill: string;
}

export interface BarLayout {
  readonly box: Box;
  readonly y: Scale;
  /** Width of one bar's slot. */
  readonly band: number;
  /** rects[i] = the stacked parts of bar i, bottom first. */
  readonly rects: readonly (readonly BarRect[])[];
  /** The bar whose slot contains x, or null outside the plot. */
  indexAt(x: number): number | null;
  /** Top centre of bar i (where its tooltip points). */
  anchor(i: number): { x: number; y: number };
}

export function layoutBars(
  bars: readonly BarSpec[],
  size: Size,
  scale: 'linear' | 'log',
  margins: PlotMargins,
  floor: number,
  extraMax = 0,
): BarLayout {
  const box = plotBox(size, margins);
  let max = extraMax;
  let min = Infinity;
  for (const b of bars) {
    let sum = 0;
    for (const p of b.parts) sum += p;
    if (sum > max) max = sum;
    if (sum > 0 && sum < min) min = sum;
  }
  const y =
    scale === 'log'
      ? logScale(Math.min(floor, min), Math.max(max, floor * 10), box.bottom, box.top)
      : linearScale(0, max, box.bottom, box.top);
  const n = bars.length;
  const band = n ? (box.right - box.left) / n : 0;
  const gap = band > 4 ? Math.min(band * 0.2, 4) : 0;
  const w = Math.max(0.5, band - gap);
  const rects = bars.map((b, i) => {
    const x = box.left + i * band + gap / 2;
    let below = 0;
    return b.parts.map((p, j) => {
      const y0 = y.at(below);
      below += p;
      const y1 = y.at(below);
      return { x, y: Math.min(y0, y1), w, h: Math.abs(y0 - y1), fill: b.fills[j] ?? b.fills[0] ?? '#888' };
    });
  });
  return {
    box,
    y,
    band,
    rects,
    indexAt: (x) => {
      if (!n || x < box.left || x > box.right) return null;
      return Math.min(n - 1, Math.floor((x - box.left) / band));
    },
    anchor: (i) => {
      const r = rects[i];
      const top = r?.length ? Math.min(...r.map((p) => p.y)) : box.bottom;
      return { x: box.left + (i + 0.5) * band, y: top };
    },
  };
}

export interface PointSpec {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly fill: string;
}

export interface ScatterLayout {
  readonly box: Box;
  readonly x: Scale;
  readonly y: Scale;
  readonly points: readonly { readonly cx: number; readonly cy: number }[];
  /** The nearest point within `radius` px of (px, py), or null. */
  nearest(px: number, py: number, radius?: number): number | null;
}

/** Log-log scatter over the given domains (roofline). */
export function layoutScatter(
  points: readonly PointSpec[],
  size: Size,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  margins: PlotMargins,
): ScatterLayout {
  const box = plotBox(size, margins);
  const x = logScale(xDomain[0], xDomain[1], box.left, box.right);
  const y = logScale(yDomain[0], yDomain[1], box.bottom, box.top);
  const placed = points.map((p) => ({ cx: x.at(p.x), cy: y.at(p.y) }));
  return {
    box,
    x,
    y,
    points: placed,
    nearest: (px, py, radius = 12) => {
      let best: number | null = null;
      let bestD = radius * radius;
      placed.forEach((p, i) => {
        const d = (p.cx - px) ** 2 + (p.cy - py) ** 2;
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      });
      return best;
    },
  };
}

export interface StepLayout {
  readonly box: Box;
  readonly x: Scale;
  readonly y: Scale;
  /** One SVG path per series: a step line through (i + 1, value). */
  readonly paths: readonly string[];
  indexAt(px: number): number | null;
  anchor(i: number): { x: number; y: number };
}

/** Step curves of several series over the same 1…n index axis (cumulative share, 0–100 %). */
export function layoutSteps(series: readonly (readonly number[])[], size: Size, margins: PlotMargins): StepLayout {
  const box = plotBox(size, margins);
  const n = Math.max(0, ...series.map((s) => s.length));
  const x = linearScale(1, Math.max(2, n), box.left, box.right, 8);
  const y = linearScale(0, 100, box.bottom, box.top, 5);
  const f = (v: number) => v.toFixed(1);
  const paths = series.map((s) => {
    if (!s.length) return '';
    const parts = [`M${f(x.at(1))},${f(y.at(s[0]))}`];
    for (let i = 1; i < s.length; i++) parts.push(`H${f(x.at(i + 1))}V${f(y.at(s[i]))}`);
    return parts.join('');
  });
  return {
    box,
    x,
    y,
    paths,
    indexAt: (px) => {
      if (!n || px < box.left - 4 || px > box.right + 4) return null;
      const v = x.domain[0] + ((px - box.left) / (box.right - box.left)) * (x.domain[1] - x.domain[0]);
      return Math.min(n - 1, Math.max(0, Math.round(v) - 1));
    },
    anchor: (i) => ({ x: x.at(i + 1), y: y.at(Math.max(...series.map((s) => s[i] ?? 0))) }),
  };
}
