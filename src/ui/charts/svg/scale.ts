/**
 * Axis scales for the hand-drawn SVG charts: pure functions, unit-tested. A scale maps a data value
 * to a pixel coordinate and offers the tick values worth labelling.
 */
import { decadeTicks } from '../chartData';

export interface Scale {
  /** Pixel coordinate of a value (clamped into the domain). */
  readonly at: (v: number) => number;
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
}

/** 1, 2 or 5 × 10^k: the smallest such step that covers `span` in at most `count` steps. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** [lo, hi] (data) → [from, to] (pixels); `lo` is rounded down and `hi` up to whole steps. */
export function linearScale(lo: number, hi: number, from: number, to: number, count = 5): Scale {
  const top = hi > lo ? hi : lo + 1;
  const step = niceStep(top - lo, count);
  const d0 = Math.floor(lo / step) * step;
  const d1 = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; d0 + i * step <= d1 + step * 1e-9; i++) ticks.push(Number((d0 + i * step).toPrecision(12)));
  const k = (to - from) / (d1 - d0);
  return {
    at: (v) => from + (Math.min(Math.max(v, d0), d1) - d0) * k,
    domain: [d0, d1],
    ticks,
  };
}

/**
 * Log scale over whole decades covering [lo, hi] (lo > 0). Values below the domain (zeros) sit
 * on its floor. With many decades every second one is labelled.
 */
export function logScale(lo: number, hi: number, from: number, to: number): Scale {
  const l = lo > 0 && Number.isFinite(lo) ? lo : 1;
  const h = hi > l && Number.isFinite(hi) ? hi : l * 10;
  const all = decadeTicks(l, h);
  const d0 = all[0];
  const d1 = all[all.length - 1] > d0 ? all[all.length - 1] : d0 * 10;
  const ticks = all.length > 8 ? all.filter((_, i) => i % 2 === 0) : all;
  const a = Math.log10(d0);
  const k = (to - from) / (Math.log10(d1) - a);
  return {
    at: (v) => from + (Math.log10(Math.min(Math.max(v, d0), d1)) - a) * k,
    domain: [d0, d1],
    ticks,
  };
}
