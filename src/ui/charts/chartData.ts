/**
 * Chart series from the engine's results. Pure functions: no React, so they are unit-tested
 * and the components only draw. Counts stay bigint until here; charts need numbers, so they
 * are converted at this boundary (3+ significant digits are plenty for a bar's height; exact
 * values travel along for tooltips).
 */
import type { ModelResult, Row } from '../../engine/evaluate';
import { layerClassOf, LAYER_CLASSES, LAYER_CLASS_LABELS, type LayerClass } from '../../engine/deploy/latency/classes';
import type { ActivationMemory } from '../../engine/deploy/memory';
import type { LatencyEstimate } from '../../engine/deploy/latency/latency';

/** More bars than this and the per-layer charts aggregate by top-level layer, then keep the top N. */
export const MAX_BARS = 300;

export interface LayerPoint {
  /** Unique key (the evaluated instance path, or the group path when aggregated). */
  readonly key: string;
  /** What a click selects in the editor (the model path). */
  readonly selectPath: string;
  readonly label: string;
  readonly layerClass: LayerClass | 'mixed';
  readonly params: number;
  readonly count: number;
  readonly exactParams: bigint;
  readonly exactCount: bigint;
  /** How many layers this bar stands for (1 unless aggregated). */
  readonly layers: number;
}

export const rowLabel = (r: Row): string =>
  r.name ? `${r.name} (${r.type})` : `${r.type} ${r.path.replace(/^layers/, '')}`;

/** Leaf rows that did not fail: the layers that do work. */
export const leafRows = (result: ModelResult | null): Row[] =>
  result ? result.rows.filter((r) => !r.block && !r.error) : [];

const countOf = (r: Row, countIndex: number): bigint => (countIndex >= 0 ? (r.counts[countIndex] ?? 0n) : r.macs);

/** Top-level ancestor path of a row: `layers[4]` for `layers[4]#1.body[0]`. */
const topLevel = (path: string): string => path.match(/^layers\[\d+\]/)?.[0] ?? path;

export interface LayerSeries {
  readonly points: LayerPoint[];
  /** How the series was reduced: none, by top-level layer, or to the top N of those. */
  readonly aggregated: 'none' | 'top-level' | 'top-n';
}

/** Per-layer params and the selected count (countIndex into result.counts; -1 = conv/linear MACs). */
export function layerSeries(result: ModelResult | null, countIndex: number, maxBars = MAX_BARS): LayerSeries {
  const leaves = leafRows(result);
  const points: LayerPoint[] = leaves.map((r) => {
    const p = r.params;
    const c = countOf(r, countIndex);
    return {
      key: r.path,
      selectPath: r.modelPath,
      label: rowLabel(r),
      layerClass: layerClassOf(r),
      params: Number(p),
      count: Number(c),
      exactParams: p,
      exactCount: c,
      layers: 1,
    };
  });
  // Blocks' combining ops (residual adds) carry counts too; they join the per-layer view as their own bars.
  for (const r of result?.rows ?? [])
    if (r.block && !r.error && countOf(r, countIndex) > 0n) {
      const c = countOf(r, countIndex);
      points.push({
        key: r.path,
        selectPath: r.modelPath,
        label: `${rowLabel(r)} (combine)`,
        layerClass: 'elementwise',
        params: 0,
        count: Number(c),
        exactParams: 0n,
        exactCount: c,
        layers: 1,
      });
    }
  const order = new Map(result?.rows.map((r, i) => [r.path, i]) ?? []);
  points.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
  if (points.length <= maxBars) return { points, aggregated: 'none' };
  const groups = new Map<string, LayerPoint>();
  for (const p of points) {
    const g = topLevel(p.key);
    const prev = groups.get(g);
    const row = result!.rows[order.get(g) ?? 0];
    groups.set(
      g,
      prev
        ? {
            ...prev,
            params: prev.params + p.params,
            count: prev.count + p.count,
            exactParams: prev.exactParams + p.exactParams,
            exactCount: prev.exactCount + p.exactCount,
            layers: prev.layers + 1,
            layerClass: prev.layerClass === p.layerClass ? prev.layerClass : 'mixed',
          }
        : { ...p, key: g, selectPath: row?.modelPath ?? g, label: row ? rowLabel(row) : g },
    );
  }
  const grouped = [...groups.values()];
  if (grouped.length <= maxBars) return { points: grouped, aggregated: 'top-level' };
  const keep = new Set(
    [...grouped]
      .sort((a, b) => b.count - a.count)
      .slice(0, maxBars - 1)
      .map((p) => p.key),
  );
  const rest = grouped.filter((p) => !keep.has(p.key));
  const other: LayerPoint = {
    key: 'other',
    selectPath: '',
    label: `${rest.length} other layers`,
    layerClass: 'mixed',
    params: rest.reduce((s, p) => s + p.params, 0),
    count: rest.reduce((s, p) => s + p.count, 0),
    exactParams: rest.reduce((s, p) => s + p.exactParams, 0n),
    exactCount: rest.reduce((s, p) => s + p.exactCount, 0n),
    layers: rest.reduce((s, p) => s + p.layers, 0),
  };
  return { points: [...grouped.filter((p) => keep.has(p.key)), other], aggregated: 'top-n' };
}

export interface CumulativePoint {
  readonly index: number;
  readonly label: string;
  /** Running shares in percent of the totals. */
  readonly params: number;
  readonly count: number;
}

/** Running totals of params and count along the depth, as percentages of the totals. */
export function cumulativeSeries(points: readonly LayerPoint[]): CumulativePoint[] {
  const tp = points.reduce((s, p) => s + p.exactParams, 0n);
  const tc = points.reduce((s, p) => s + p.exactCount, 0n);
  let p = 0n;
  let c = 0n;
  const pct = (x: bigint, t: bigint) => (t > 0n ? Number((x * 1_000_000n) / t) / 10_000 : 0);
  return points.map((pt, index) => {
    p += pt.exactParams;
    c += pt.exactCount;
    return { index: index + 1, label: pt.label, params: pct(p, tp), count: pct(c, tc) };
  });
}

export interface ClassShare {
  readonly layerClass: LayerClass;
  readonly label: string;
  readonly params: number;
  readonly count: number;
  readonly layers: number;
}

/** Params and count summed per layer class (conv, depthwise, pointwise, …); empty classes dropped. */
export function classShares(result: ModelResult | null, countIndex: number): ClassShare[] {
  const acc = new Map<LayerClass, { p: bigint; c: bigint; n: number }>(
    LAYER_CLASSES.map((c) => [c, { p: 0n, c: 0n, n: 0 }]),
  );
  for (const r of result?.rows ?? []) {
    if (r.error || (r.block && countOf(r, countIndex) === 0n)) continue;
    const a = acc.get(r.block ? 'elementwise' : layerClassOf(r))!;
    a.p += r.params;
    a.c += countOf(r, countIndex);
    a.n += 1;
  }
  return LAYER_CLASSES.map((c) => ({
    layerClass: c,
    label: LAYER_CLASS_LABELS[c],
    params: Number(acc.get(c)!.p),
    count: Number(acc.get(c)!.c),
    layers: acc.get(c)!.n,
  })).filter((s) => s.layers > 0);
}

export interface MemoryPoint {
  readonly key: string;
  readonly selectPath: string;
  readonly label: string;
  readonly liveBytes: number;
  readonly heldBytes: number;
  /** The planned arena in use at this step (highest end offset of a live buffer); ≥ liveBytes, 0 when not planned. */
  readonly arenaBytes: number;
  readonly peak: boolean;
}

/** Live activation bytes per execution step, the peak flagged; `highWater`: the arena in use per step. */
export function memorySeries(
  result: ModelResult | null,
  mem: ActivationMemory | null,
  highWater: readonly bigint[] = [],
): MemoryPoint[] {
  if (!result || !mem) return [];
  return mem.steps.flatMap((s, n) => {
    const r = result.rows[s.index];
    if (!r || r.path !== s.path) return []; // a memory model of another result: nothing to draw
    return {
      key: s.path,
      selectPath: r.modelPath,
      label: r.block ? `${rowLabel(r)} (combine)` : rowLabel(r),
      liveBytes: Number(s.liveBytes),
      heldBytes: Number(s.heldBytes),
      arenaBytes: Number(highWater[n] ?? 0n),
      peak: mem.peak === s,
    };
  });
}

export interface LatencyPoint {
  readonly key: string;
  readonly selectPath: string;
  readonly label: string;
  readonly ms: number;
  readonly bound: 'compute' | 'memory';
  readonly intensity: number;
  readonly attainableGops: number;
}

/** Executed kernels (fused layers folded into their host) with time, bound and roofline position. */
export function latencySeries(result: ModelResult | null, est: LatencyEstimate | null): LatencyPoint[] {
  if (!result || !est) return [];
  const byPath = new Map(result.rows.map((r) => [r.path, r]));
  return est.layers
    .filter((l) => !l.fusedInto)
    .map((l) => {
      const r = byPath.get(l.path);
      return {
        key: l.path,
        selectPath: r?.modelPath ?? l.path,
        label: (r ? rowLabel(r) : l.path) + (l.fused.length ? ` + ${l.fused.length} fused` : ''),
        ms: l.ms,
        bound: l.bound,
        intensity: Number.isFinite(l.intensity) ? l.intensity : 0,
        attainableGops: l.attainableGops,
      };
    });
}

/** Powers of ten covering [lo, hi] (log-axis ticks that read as 0.1, 1, 10, …). */
export function decadeTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/**
 * Too many bars to read (or to draw smoothly): consecutive points merge, first by top-level
 * layer, then (still too many) into equal runs along the depth. `merge` folds one run into a bar.
 */
function reduceAlongDepth<P extends { key: string }>(
  points: readonly P[],
  maxBars: number,
  merge: (run: readonly P[], key: string) => P,
): { points: P[]; aggregated: boolean } {
  if (points.length <= maxBars) return { points: [...points], aggregated: false };
  const runs: P[][] = [];
  for (const p of points) {
    const last = runs[runs.length - 1];
    if (last && topLevel(last[0].key) === topLevel(p.key)) last.push(p);
    else runs.push([p]);
  }
  let grouped = runs.map((run) => (run.length === 1 ? run[0] : merge(run, topLevel(run[0].key))));
  if (grouped.length > maxBars) {
    const size = Math.ceil(grouped.length / maxBars);
    const chunks: P[] = [];
    for (let i = 0; i < grouped.length; i += size)
      chunks.push(
        merge(grouped.slice(i, i + size), `${grouped[i].key}…${grouped[Math.min(i + size, grouped.length) - 1].key}`),
      );
    grouped = chunks;
  }
  return { points: grouped, aggregated: true };
}

const runLabel = (run: readonly { label: string }[]) =>
  run.length === 1 ? run[0].label : `${run[0].label} … ${run[run.length - 1].label} (${run.length} steps)`;

/** Memory bars for many steps: each bar is the highest step of its run (the peak survives). */
export function aggregateMemory(points: readonly MemoryPoint[], maxBars = MAX_BARS) {
  return reduceAlongDepth(points, maxBars, (run, key) => {
    const top = run.reduce((a, b) => (b.liveBytes > a.liveBytes || b.peak ? b : a));
    const arenaBytes = run.reduce((m, p) => Math.max(m, p.arenaBytes), 0);
    return { ...top, key, label: runLabel(run), arenaBytes, peak: run.some((p) => p.peak) };
  });
}

/** Time bars for many kernels: each bar is a run's summed time, coloured by the bound with more time. */
export function aggregateLatency(points: readonly LatencyPoint[], maxBars = MAX_BARS) {
  return reduceAlongDepth(points, maxBars, (run, key) => {
    const by = { compute: 0, memory: 0 };
    for (const p of run) by[p.bound] += p.ms;
    const slowest = run.reduce((a, b) => (b.ms > a.ms ? b : a));
    return {
      ...slowest,
      key,
      label: runLabel(run),
      ms: by.compute + by.memory,
      bound: by.compute >= by.memory ? ('compute' as const) : ('memory' as const),
    };
  });
}

/** The roofline's points: all kernels, or the `max` slowest when there are more (they decide the total). */
export function rooflinePoints(points: readonly LatencyPoint[], max = MAX_BARS): LatencyPoint[] {
  const drawable = points.filter((p) => p.intensity > 0 && p.attainableGops > 0);
  return drawable.length <= max ? drawable : [...drawable].sort((a, b) => b.ms - a.ms).slice(0, max);
}
