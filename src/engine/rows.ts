/**
 * The evaluator's result types (rows, counts, totals) and how rows are built, moved and
 * memoised. Split from evaluate.ts, which walks the layer tree.
 */
import type { Symbols } from './expr';
import type { ModelInput, Shape } from './format/model';
import type { Read } from './graph-scope';
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
  /** The layer's `id` (what other layers' `from` name). */
  readonly id?: string;
  readonly category: AnyKind['category'] | 'unknown';
  readonly block: boolean;
  /** The (first) input's shape. */
  readonly input: Shape | null;
  /** Every input's shape, for a layer that takes several (undefined for one input). */
  readonly inputs?: readonly (Shape | null)[];
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

/** One of the model's outputs: the tensor a name in `outputs` (or the last layer) gives. */
export interface ModelOutput {
  readonly name: string;
  readonly shape: Shape | null;
  /** Why there is no shape (an unknown name; an error upstream leaves the shape null without one). */
  readonly error?: string;
}

export interface ModelResult {
  readonly conventions: readonly string[];
  readonly batch: number;
  /** The first input's shape (null when the inputs are invalid). */
  readonly input: Shape | null;
  /** Every model input (empty when they are invalid). */
  readonly inputs: readonly ModelInput[];
  /** The first output's shape. */
  readonly output: Shape | null;
  /** The model's outputs: `outputs` of the document, or the last layer's. */
  readonly outputs: readonly ModelOutput[];
  readonly rows: Row[];
  readonly totals: Counts;
  /** Rows with an error. */
  readonly errors: number;
  /**
   * Rows whose compute is unknown (operators no kind models, layers/opaque.ts), by index: when
   * any, every total but the parameters is partial ("partial: N not counted").
   */
  readonly notCounted: readonly number[];
  /** A problem with the model itself (input shape, batch), if any. */
  readonly modelError?: string;
}

export interface EvalOptions {
  /** Conventions to count (ids); defaults to [DEFAULT_CONVENTION]. Unknown ids are dropped. */
  readonly conventions?: readonly string[];
  /** Override the model's batch. */
  readonly batch?: number;
  /** Override the shape of the model's (first) input. */
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

/** Adds `n` equal terms at once (c × n): exact, one bigint multiply instead of n adds. */
function addTimes(acc: CountsSum, c: Counts, n: number): void {
  if (n === 1) return addInto(acc, c);
  const k = BigInt(n);
  acc.params += c.params * k;
  acc.buffers += c.buffers * k;
  acc.macs += c.macs * k;
  acc.flops += c.flops * k;
  acc.activations += c.activations * k;
  const s = acc.counts as bigint[];
  for (let i = 0; i < s.length; i++) s[i] += c.counts[i] * k;
}

/** Equal counts, decided cheaply: the same counts array (so equal elements) and equal bigints. */
const sameCounts = (a: Counts, b: Counts): boolean =>
  a === b ||
  (a.counts === b.counts &&
    a.params === b.params &&
    a.buffers === b.buffers &&
    a.macs === b.macs &&
    a.flops === b.flops &&
    a.activations === b.activations);

/** Distinct terms grouped by sumRows; later ones are added one by one. */
const GROUPS = 8;

/**
 * Adds rows [from, to) into `acc`. A block row's `total` already holds everything up to its
 * `end`, so only the outermost rows are added (the same sum). Rows moved from one shared
 * evaluation repeat the same counts, so equal terms are grouped and multiplied: a 10,000-layer
 * model adds a handful of bigints instead of ~50,000, each of which allocated.
 */
export function sumRows(acc: CountsSum, rows: readonly Row[], from: number, to: number): void {
  const terms: Counts[] = [];
  const times: number[] = [];
  for (let i = from; i < to;) {
    const r = rows[i];
    const c: Counts = r.total ?? r;
    i = r.total ? r.end : i + 1;
    let g = 0;
    while (g < terms.length && !sameCounts(c, terms[g])) g++;
    if (g < terms.length) times[g]++;
    else if (terms.length < GROUPS) {
      terms.push(c);
      times.push(1);
    } else addInto(acc, c);
  }
  for (let g = 0; g < terms.length; g++) addTimes(acc, terms[g], times[g]);
}

export function trainingOnlyRow(r: Row, conventions: number): Row {
  const none = { macs: 0n, flops: 0n, counts: new Array<bigint>(conventions).fill(0n), activations: 0n };
  return { ...r, ...none, trainingOnly: true, ...(r.total ? { total: { ...r.total, ...none } } : {}) };
}

/** Model path of an evaluated path: repeat iterations (`#2`) removed. */
const stripIterations = (path: string): string => (path.includes('#') ? path.replace(/#\d+/g, '') : path);

/** What a row says about the layer itself; the numbers come separately as Counts. */
export interface RowHead {
  readonly path: string;
  readonly depth: number;
  readonly type: string;
  readonly name?: string | undefined;
  readonly id?: string | undefined;
  readonly category: Row['category'];
  readonly block: boolean;
  readonly input: Shape | null;
  readonly inputs?: readonly (Shape | null)[] | undefined;
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
    modelPath: stripIterations(h.path),
    depth: h.depth,
    type: h.type,
    name: h.name,
    id: h.id,
    category: h.category,
    block: h.block,
    input: h.input,
    inputs: h.inputs,
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

/** An evaluation of a layer that can be placed elsewhere in the same run (shared-layers.ts). */
export interface Memo {
  readonly input: Shape | null;
  /** Every input when the layer takes several (see Row.inputs). */
  readonly inputs: readonly (Shape | null)[] | undefined;
  /** Names read from outside the layer (graph-scope.ts): the rows hold only where they read the same. */
  readonly reads: readonly Read[] | null;
  /** The same for blocks inside it, as (row index within `rows`, reads) pairs, kept for the run after. */
  readonly inner: readonly (number | readonly Read[])[];
  readonly path: string;
  readonly depth: number;
  /** Index of the layer's first row when it was computed. */
  readonly start: number;
  /** The layer's row and, for a block, its descendants' rows. */
  readonly rows: readonly Row[];
  readonly output: Shape | null;
  /** Filled by placeRows on the first move: row paths after `path`, and with "#n" removed. */
  suffixes: readonly string[] | undefined;
  modelSuffixes: readonly string[] | undefined;
}

// Loops, not `every`: these run for most layers of a cold run, and a callback is an allocation.
export function sameShape(a: Shape | null, b: Shape | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Equal lists of input shapes (undefined = the layer takes one input). */
export function sameInputs(
  a: readonly (Shape | null)[] | undefined,
  b: readonly (Shape | null)[] | undefined,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameShape(a[i], b[i])) return false;
  return true;
}

/** What a placed row takes from its own spec rather than the memo's row (placed-names.ts); a Row is its own. */
export type OwnFields = Pick<Row, 'name' | 'id' | 'params_'>;

/**
 * Appends a memo's rows to `out`, placed at `toPath` (`offset` rows later, `depthShift` levels
 * deeper): same row objects when nothing moved, else copies with the same numbers; `own[i]`,
 * where given, replaces the name, id and params_ of the memo's i-th row.
 */
export function placeRows(
  m: Memo,
  toPath: string,
  offset: number,
  depthShift: number,
  out: Row[],
  own: readonly (OwnFields | undefined)[] | null = null,
): void {
  if (m.path === toPath && !own) return placeRange(m.rows, 0, m.rows.length, toPath, toPath, offset, depthShift, out);
  // Paths inside the layer are its own path plus a suffix (`.body[1]`, `#2.body[0]`); the
  // suffixes are computed once per memo, as repetitive models place one memo many times.
  const suffixes = (m.suffixes ??= m.rows.map((r) => r.path.slice(m.path.length)));
  const modelSuffixes = (m.modelSuffixes ??= suffixes.map(stripIterations));
  const toModel = stripIterations(toPath);
  // The layer's own row (suffix "") takes the paths as they are: no string is joined for a leaf.
  out.push(movedRow(m.rows[0], toPath, toModel, offset, depthShift, own?.[0] ?? m.rows[0]));
  for (let i = 1; i < m.rows.length; i++) {
    const path = toPath + suffixes[i];
    // A layer's path ends in "]", so stripping "#n" from the whole = stripping both parts.
    const modelPath = toModel === toPath && modelSuffixes[i] === suffixes[i] ? path : toModel + modelSuffixes[i];
    const r = m.rows[i];
    out.push(movedRow(r, path, modelPath, offset, depthShift, own?.[i] ?? r));
  }
}

/**
 * Appends rows [from, to) of `src`, the rows of a layer evaluated at `fromPath`, placed at
 * `toPath`, `offset` rows later and `depthShift` levels deeper (same objects if nothing moved).
 */
export function placeRange(
  src: readonly Row[],
  from: number,
  to: number,
  fromPath: string,
  toPath: string,
  offset: number,
  depthShift: number,
  out: Row[],
): void {
  if (offset === 0 && depthShift === 0 && fromPath === toPath) {
    for (let i = from; i < to; i++) out.push(src[i]);
    return;
  }
  const toModel = stripIterations(toPath);
  for (let i = from; i < to; i++) {
    const r = src[i];
    if (fromPath === toPath) out.push(movedRow(r, r.path, r.modelPath, offset, depthShift, r));
    else {
      const suffix = r.path.slice(fromPath.length);
      out.push(movedRow(r, toPath + suffix, toModel + stripIterations(suffix), offset, depthShift, r));
    }
  }
}

/** A row with the same numbers at another place: path, `end` and depth moved, name, id and params_ from `own`. */
function movedRow(r: Row, path: string, modelPath: string, offset: number, depthShift: number, own: OwnFields): Row {
  // One literal with makeRow's field order (same hidden class); no intermediate copies.
  return {
    path,
    modelPath,
    depth: r.depth + depthShift,
    type: r.type,
    name: own.name,
    id: own.id,
    category: r.category,
    block: r.block,
    input: r.input,
    inputs: r.inputs,
    output: r.output,
    symbols: r.symbols,
    params_: own.params_,
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
