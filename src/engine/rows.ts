/**
 * The evaluator's result types (rows, counts, totals) and how rows are built, moved and
 * memoised. Split from evaluate.ts, which walks the layer tree.
 */
import type { Symbols } from './expr';
import type { Shape } from './format/model';
import type { AnyKind } from './layers/registry';
import type { Params } from './layers/kind';

export interface Counts {
  readonly params: bigint;
  readonly buffers: bigint;
  /** Conv + linear MACs, bias excluded. */
  readonly macs: bigint;
  /** Every arithmetic op (the `exact` convention). */
  readonly flops: bigint;
  /** One count per requested convention, in `ModelResult.conventions` order. */
  readonly counts: readonly bigint[];
  /** Elements of the tensors produced (batch included). */
  readonly activations: bigint;
}

export interface Row extends Counts {
  /** Unique path of this evaluated instance: `layers[3].body[1]`, `layers[4]#2.body[0]`. */
  readonly path: string;
  /** Path of the layer in the model document (repeat iterations removed). */
  readonly modelPath: string;
  readonly depth: number;
  readonly type: string;
  readonly name?: string;
  readonly category: AnyKind['category'] | 'unknown';
  readonly block: boolean;
  readonly input: Shape | null;
  readonly output: Shape | null;
  /** Symbol values the formulas used (null when the layer could not be evaluated). */
  readonly symbols: Symbols | null;
  readonly params_: Params | null;
  readonly error?: string;
  /** Inside a training-only block (auxiliary head): parameters count, inference compute is zero. */
  readonly trainingOnly?: boolean;
  /** Index one past this row's last descendant (equals index + 1 for leaves). */
  end: number;
  /** Block rows: own op plus everything inside. */
  total?: Counts;
}

export interface ModelResult {
  readonly conventions: readonly string[];
  readonly batch: number;
  readonly input: Shape | null;
  readonly output: Shape | null;
  readonly rows: Row[];
  readonly totals: Counts;
  /** Rows with an error. */
  readonly errors: number;
  /** A problem with the model itself (input shape, batch), if any. */
  readonly modelError?: string;
}

export interface EvalOptions {
  /** Conventions to count (ids); defaults to [DEFAULT_CONVENTION]. Unknown ids are dropped. */
  readonly conventions?: readonly string[];
  /** Override the model's batch. */
  readonly batch?: number;
  /** Override the model's input shape. */
  readonly input?: readonly number[];
}

/** Counts being summed. */
export type CountsSum = { -readonly [K in keyof Counts]: Counts[K] };

export const ZERO_COUNTS = (n: number): CountsSum => ({
  params: 0n,
  buffers: 0n,
  macs: 0n,
  flops: 0n,
  counts: new Array<bigint>(n).fill(0n),
  activations: 0n,
});

export function addInto(acc: CountsSum, r: Counts): void {
  acc.params += r.params;
  acc.buffers += r.buffers;
  acc.macs += r.macs;
  acc.flops += r.flops;
  acc.activations += r.activations;
  const c = acc.counts as bigint[];
  for (let i = 0; i < c.length; i++) c[i] += r.counts[i];
}

export function trainingOnlyRow(r: Row, conventions: number): Row {
  const none = { macs: 0n, flops: 0n, counts: new Array<bigint>(conventions).fill(0n), activations: 0n };
  return { ...r, ...none, trainingOnly: true, ...(r.total ? { total: { ...r.total, ...none } } : {}) };
}

/** What a row says about the layer itself; the numbers come separately as Counts. */
export interface RowHead {
  readonly path: string;
  readonly depth: number;
  readonly type: string;
  readonly name?: string | undefined;
  readonly category: Row['category'];
  readonly block: boolean;
  readonly input: Shape | null;
  readonly output: Shape | null;
  readonly symbols: Symbols | null;
  readonly params_: Params | null;
  readonly error?: string | undefined;
}

/**
 * Builds a row as one object literal with a fixed field order. Rows used to be assembled
 * with object spreads, which put every row on V8's slow path: 50 µs a row, 0.5 s for a
 * 10,000-layer model. With one literal shape it is about 1 µs.
 */
export function makeRow(h: RowHead, c: Counts, end: number): Row {
  return {
    path: h.path,
    modelPath: h.path.includes('#') ? h.path.replace(/#\d+/g, '') : h.path,
    depth: h.depth,
    type: h.type,
    name: h.name,
    category: h.category,
    block: h.block,
    input: h.input,
    output: h.output,
    symbols: h.symbols,
    params_: h.params_,
    error: h.error,
    params: c.params,
    buffers: c.buffers,
    macs: c.macs,
    flops: c.flops,
    counts: c.counts,
    activations: c.activations,
    end,
    total: undefined,
    trainingOnly: undefined,
  };
}

export interface Memo {
  readonly input: Shape | null;
  /** Batch and conventions of the run that computed it. */
  readonly runKey: string;
  readonly path: string;
  readonly depth: number;
  /** Index of the layer's first row when it was computed. */
  readonly start: number;
  /** The layer's row and, for a block, its descendants' rows. */
  readonly rows: readonly Row[];
  readonly output: Shape | null;
  /** No row has an error (error messages name a path, so such rows cannot move). */
  readonly clean: boolean;
}

/**
 * Memos of the latest runs: layer object → its evaluation. Layer objects are immutable values
 * and the editor replaces only what it changes, so the next run of an edited model finds most
 * of its layers in the memos of the run before. One Map per run, the last few runs kept: this
 * used to be one WeakMap for every layer ever evaluated, and its ephemeron table (traced at
 * every scavenge) cost half of a cold 10,000-layer evaluation; a run's Map is dropped whole.
 */
const KEPT_RUNS = 4;
const RECENT: { readonly runKey: string; readonly memos: Map<object, Memo> }[] = [];

/**
 * The memos of the latest run with this key that evaluated some of `layers` (the top-level
 * list; its first, middle and last layers are looked up), else of the latest run with this key.
 */
export function recentMemos(runKey: string, layers: readonly unknown[]): Map<object, Memo> | undefined {
  let latest: Map<object, Memo> | undefined;
  const probes = [layers[0], layers[layers.length >> 1], layers[layers.length - 1]];
  for (let i = RECENT.length - 1; i >= 0; i--) {
    const { runKey: key, memos } = RECENT[i];
    if (key !== runKey) continue;
    latest ??= memos;
    for (const l of probes) if (typeof l === 'object' && l !== null && memos.has(l)) return memos;
  }
  return latest;
}

/** Keeps a finished run's memos for the next runs. */
export function keepMemos(runKey: string, memos: Map<object, Memo>): void {
  RECENT.push({ runKey, memos });
  if (RECENT.length > KEPT_RUNS) RECENT.shift();
}

export const sameShape = (a: Shape | null, b: Shape | null): boolean =>
  a === b || (a !== null && b !== null && a.length === b.length && a.every((d, i) => d === b[i]));

/** A cached row placed elsewhere: same numbers; path prefix, `end` and depth moved. */
export function movedRow(r: Row, fromPath: string, toPath: string, offset: number, depthShift = 0): Row {
  const path = fromPath === toPath ? r.path : toPath + r.path.slice(fromPath.length);
  // One literal with makeRow's field order (same hidden class); no intermediate copies.
  return {
    path,
    modelPath: path === r.path ? r.modelPath : path.includes('#') ? path.replace(/#\d+/g, '') : path,
    depth: r.depth + depthShift,
    type: r.type,
    name: r.name,
    category: r.category,
    block: r.block,
    input: r.input,
    output: r.output,
    symbols: r.symbols,
    params_: r.params_,
    error: r.error,
    params: r.params,
    buffers: r.buffers,
    macs: r.macs,
    flops: r.flops,
    counts: r.counts,
    activations: r.activations,
    end: r.end + offset,
    total: r.total,
    trainingOnly: r.trainingOnly,
  };
}
