/**
 * The numbers a graph node carries and its heat colour (issue 16), read from the evaluation's
 * rows: a layer or a join its own row, a folded block its row's total (everything inside it).
 * Latency comes from the latency estimate's layers (latency.ts), summed over a block's rows.
 */
import type { Precision } from '../deploy/devices';
import { BYTES_PER_ELEMENT } from '../deploy/memory';
import type { Counts, ModelResult } from '../rows';
import type { VisibleNode } from './collapse';

export const HEAT_METRICS = ['count', 'params', 'latency', 'memory'] as const;
export type HeatMetric = (typeof HEAT_METRICS)[number];

/** Exact counts and bytes are bigints; latency (an estimate) is milliseconds. null: no value. */
export type NodeValue = bigint | number | null;

export interface MetricSource {
  readonly result: ModelResult;
  /** Index of the selected convention in `result.conventions` (-1: none yet). */
  readonly countIndex: number;
  /** Element size of activation memory. */
  readonly dtype: Precision;
  /** The latency estimate's layers (row path and ms), or null without a device. */
  readonly latency: readonly { readonly path: string; readonly ms: number }[] | null;
}

/** Milliseconds per row of `result` (0 where the estimate has no layer, e.g. fused into its host). */
export function latencyByRow(result: ModelResult, layers: MetricSource['latency']): Float64Array | null {
  if (!layers) return null;
  const at = new Map(result.rows.map((r, i) => [r.path, i]));
  const ms = new Float64Array(result.rows.length);
  for (const l of layers) {
    const i = at.get(l.path);
    if (i !== undefined) ms[i] += l.ms;
  }
  return ms;
}

/** The value of `metric` for each node, in node order. */
export function nodeValues(nodes: readonly VisibleNode[], metric: HeatMetric, src: MetricSource): NodeValue[] {
  const rows = src.result.rows;
  const ms = metric === 'latency' ? latencyByRow(src.result, src.latency) : null;
  const bytes = BigInt(BYTES_PER_ELEMENT[src.dtype]);
  return nodes.map((n): NodeValue => {
    const r = n.row >= 0 ? rows[n.row] : undefined;
    if (!r) return null;
    const c: Counts = n.kind === 'block' ? (r.total ?? r) : r;
    switch (metric) {
      case 'params':
        return c.params;
      case 'count':
        return src.countIndex >= 0 ? (c.counts[src.countIndex] ?? null) : null;
      case 'memory':
        return c.activations * bytes;
      case 'latency': {
        if (!ms) return null;
        if (n.kind !== 'block') return ms[n.row];
        let sum = 0;
        for (let i = n.row; i < r.end; i++) sum += ms[i];
        return sum;
      }
    }
  });
}

/** Levels of the heat scale: 0 is zero, 1..5 are shares of the largest value (see `heatLevel`). */
export const HEAT_LEVELS = 6;

/**
 * A value's level against the largest value `max`: 5 from half of it up, 4 from a quarter, 3 from
 * an eighth, 2 from a sixteenth, 1 below that (but above zero), 0 for zero, -1 for no value.
 * Halving steps keep a few large layers from washing every other node out to one colour.
 */
export function heatLevel(v: NodeValue, max: NodeValue): number {
  if (v === null || max === null) return -1;
  if (typeof v === 'bigint' && typeof max === 'bigint') {
    if (v <= 0n) return 0;
    for (let k = 1; k <= 4; k++) if (v << BigInt(k) >= max) return 6 - k;
    return 1;
  }
  const x = Number(v);
  const m = Number(max);
  if (!(x > 0)) return 0;
  for (let k = 1; k <= 4; k++) if (x * 2 ** k >= m) return 6 - k;
  return 1;
}

/** The largest value (null when no node has one). */
export function maxValue(values: readonly NodeValue[]): NodeValue {
  let max: NodeValue = null;
  for (const v of values) if (v !== null && (max === null || v > max)) max = v;
  return max;
}

/** Indices of the `n` nodes with the largest non-zero values, largest first (ties: graph order). */
export function topNodes(values: readonly NodeValue[], n: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v > 0) idx.push(i);
  }
  idx.sort((a, b) => {
    const x = values[a] as bigint | number;
    const y = values[b] as bigint | number;
    return x > y ? -1 : x < y ? 1 : a - b;
  });
  return idx.slice(0, n);
}

/**
 * The smallest value of each level 5, 4, 3, 2 (in that order) for the legend: a value reaches
 * level 6 − k when value × 2^k ≥ max, i.e. from ⌈max / 2^k⌉ on (bigint) or max / 2^k (ms).
 */
export function heatThresholds(max: NodeValue): NodeValue[] {
  if (max === null) return [];
  return [1, 2, 3, 4].map((k): NodeValue => {
    if (typeof max === 'bigint') {
      const d = 1n << BigInt(k);
      return (max + d - 1n) / d;
    }
    return max / 2 ** k;
  });
}
