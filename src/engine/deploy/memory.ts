/**
 * Memory of a model at inference: weight and activation bytes per layer for a dtype, and the
 * activation memory live at each step of execution, whose maximum is the peak.
 *
 * Execution model (stated so the numbers can be checked by hand):
 * - Layers run one at a time in document order; while a layer runs, its input and its output
 *   are both live (no in-place ops). A flatten is a view: its output shares its input's memory.
 * - A tensor an enclosing block still needs stays live: a residual block holds its input for
 *   the shortcut while the body runs, then holds the body's output while the shortcut runs;
 *   a concat holds its input until the last branch has run and every finished branch's output
 *   until the concat; a scale (squeeze-excite) holds its input while the gate is computed.
 * - A block's combining step (add, concat, multiply) has its operands and its output live.
 * - In a graph (layers with `from`), a tensor some later layer takes by name stays live from the
 *   step that makes it to the last step that reads it (graphLiveness); a layer that takes its
 *   inputs by name does not hold the previous layer's output unless it reads it too.
 * Bytes = elements (batch included) × bytes per element of the dtype (fp32 4, fp16 2, int8 1).
 */
import type { ModelResult, Row } from '../evaluate';
import { kindOf, isBlock } from '../layers/registry';
import type { Precision } from './devices/schema';

export const BYTES_PER_ELEMENT: Readonly<Record<Precision, number>> = { fp32: 4, fp16: 2, int8: 1 };

export interface LayerBytes {
  readonly path: string;
  readonly block: boolean;
  /** The layer's output tensor (for a block: its combined output). */
  readonly activationBytes: bigint;
  /** Learnable parameters. */
  readonly weightBytes: bigint;
  /** Non-learnable state (BN running statistics). */
  readonly bufferBytes: bigint;
}

/** Per-row activation, weight and buffer bytes for a dtype. */
export function layerBytes(result: ModelResult, dtype: Precision): LayerBytes[] {
  const b = BigInt(BYTES_PER_ELEMENT[dtype]);
  return result.rows.map((r) => ({
    path: r.path,
    block: r.block,
    activationBytes: r.activations * b,
    weightBytes: r.params * b,
    bufferBytes: r.buffers * b,
  }));
}

export interface LiveStep {
  /** The row that runs at this step (a leaf, or a block's combining step). */
  readonly path: string;
  readonly index: number;
  /** Every activation byte live while this step runs. */
  readonly liveBytes: bigint;
  /** The part of liveBytes held for later use by enclosing residual / concat / scale blocks. */
  readonly heldBytes: bigint;
}

/** A tensor to place in an activation arena: bytes and the steps [first, last] it is live in. */
export interface Buffer {
  /** The row that makes it (index into the result's rows), -1 for the model input. */
  readonly producer: number;
  readonly bytes: bigint;
  readonly first: number;
  readonly last: number;
}

export interface ActivationMemory {
  readonly dtype: Precision;
  readonly steps: LiveStep[];
  /** The step with the most live bytes (the first one on ties); null for an empty model. */
  readonly peak: LiveStep | null;
  /**
   * Every tensor that is live at some step, in the order they are made (the model input first),
   * with its bytes and the first and last step it is live in: what a memory planner places.
   */
  readonly buffers: Buffer[];
  readonly inputBytes: bigint;
  /** All parameters (and, separately, buffers) in this dtype. */
  readonly weightBytes: bigint;
  readonly bufferBytes: bigint;
  /** False when a row has an error: its tensors count as 0 bytes and the peak may be low. */
  readonly complete: boolean;
}

/** Direct children of block row `i`, grouped by child list (`.body`, `.shortcut`, `.branches[2]`, `#1.body`). */
function childLists(rows: readonly Row[], i: number): Map<string, number[]> {
  const lists = new Map<string, number[]>();
  const block = rows[i];
  for (let j = i + 1; j < block.end; j = rows[j].end) {
    const rest = rows[j].path.slice(block.path.length);
    const key = rest.replace(/\[\d+\]$/, '');
    const list = lists.get(key) ?? [];
    list.push(j);
    lists.set(key, list);
  }
  return lists;
}

/**
 * For each row whose output a later row takes by name (`from`), the last row that reads it: names
 * resolve as the evaluator resolves them (the latest definition before the reader, model inputs
 * as -1). Empty for a model without `from`.
 */
export function graphLiveness(rows: readonly Row[]): Map<number, number> {
  const last = new Map<number, number>();
  const defs = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i].params_?.from;
    if (from !== undefined)
      for (const ref of Array.isArray(from) ? from : [from]) {
        const d = typeof ref === 'string' ? defs.get(ref) : undefined;
        if (d !== undefined) last.set(d, i);
      }
    const id = rows[i].id;
    if (id !== undefined) defs.set(id, i);
  }
  return last;
}

/** Whether a row takes its inputs by name without the previous layer's output (-1) among them. */
function skipsPrevious(r: Row): boolean {
  const from = r.params_?.from;
  if (from === undefined) return false;
  return !(Array.isArray(from) ? from : [from]).includes(-1);
}

/**
 * One activation tensor: the model input (producer -1) or a row's output. A view (flatten,
 * reshape) is the same tensor as its input, so its lifetime grows instead of a new one starting.
 * `first` and `last` are the first and last step it is live in (-1 before it is used).
 */
export interface Tensor {
  readonly producer: number;
  readonly elements: bigint;
  first: number;
  last: number;
  /** The last step that counted it (so a tensor reachable twice in one step counts once). */
  stamp: number;
}

class Simulation {
  readonly steps: LiveStep[] = [];
  readonly tensors: Tensor[] = [];
  complete = true;
  /** Last reader of each named tensor (graphLiveness), and the named tensors live now. */
  private readonly lastUse: Map<number, number>;
  private readonly named = new Map<number, Tensor>();
  constructor(
    readonly rows: readonly Row[],
    readonly batch: bigint,
    /** Rows that run fused into the kernel before them (in place: their output is its output tensor). */
    readonly fused: ReadonlySet<number>,
  ) {
    this.lastUse = graphLiveness(rows);
  }

  /** After row `i`'s step: its output stays live if a later row reads it; tensors read for the last time die. */
  private retire(i: number, out: Tensor): void {
    const last = this.lastUse.get(i);
    if (last !== undefined && last > i) this.named.set(i, out);
    for (const [d] of this.named) if ((this.lastUse.get(d) ?? -1) <= i) this.named.delete(d);
  }

  tensor(producer: number, shape: readonly number[] | null): Tensor {
    let elements = 0n;
    if (!shape) this.complete = false;
    else elements = shape.reduce((a, d) => a * BigInt(d), this.batch);
    const t: Tensor = { producer, elements, first: -1, last: -1, stamp: -1 };
    this.tensors.push(t);
    return t;
  }

  /** Counts each distinct tensor of `list` once into this step, marking it live now. */
  private count(list: readonly (Tensor | null)[], n: number): bigint {
    let sum = 0n;
    for (const t of list) {
      if (!t || t.stamp === n) continue;
      t.stamp = n;
      if (t.first < 0) t.first = n;
      t.last = n;
      sum += t.elements;
    }
    return sum;
  }

  /**
   * Row `i` runs: live are the tensors enclosing blocks hold, the named tensors later rows still
   * read, and the step's own (`own`: its inputs and output). A tensor in several of them counts once.
   */
  step(i: number, held: readonly Tensor[], own: readonly (Tensor | null)[]): void {
    const n = this.steps.length;
    const heldSum = this.count(held, n) + this.count([...this.named.values()], n);
    const liveSum = heldSum + this.count(own, n);
    this.steps.push({ path: this.rows[i].path, index: i, liveBytes: liveSum, heldBytes: heldSum });
  }

  /** Runs a list of sibling rows on input `x` while enclosing blocks hold `held`; returns the list's output. */
  list(indices: readonly number[], x: Tensor, held: readonly Tensor[]): Tensor {
    let cur = x;
    for (const i of indices) cur = this.row(i, cur, held);
    return cur;
  }

  row(i: number, x: Tensor, held: readonly Tensor[]): Tensor {
    const r = this.rows[i];
    if (r.error && !r.block) this.complete = false;
    // The previous output is not this row's input when it takes named inputs only.
    const input = skipsPrevious(r) ? null : x;
    if (!r.block) {
      // A flatten, reshape or permute is a view of its input: no new memory (a cat of several copies).
      const view = (r.category === 'shape' && !r.inputs && r.type !== 'parameter') || this.fused.has(i);
      const out = view ? x : this.tensor(i, r.output);
      this.step(i, held, [input, out]);
      this.retire(i, out);
      return out;
    }
    const kind = kindOf(r.type);
    const lists = [...childLists(this.rows, i).entries()];
    if (kind && isBlock(kind) && kind.mode === 'repeat') {
      const o = this.list(
        lists.flatMap(([, l]) => l),
        x,
        held,
      );
      this.retire(i, o);
      return o;
    }
    const holdX = input ? [...held, input] : held;
    if (r.type === 'residual') {
      const body = lists.find(([k]) => k === '.body')?.[1] ?? [];
      const shortcut = lists.find(([k]) => k === '.shortcut')?.[1] ?? [];
      const y = body.length ? this.list(body, x, holdX) : x;
      // Identity shortcut: the add reads x itself.
      const s = shortcut.length ? this.list(shortcut, x, [...holdX, y]) : input;
      const out = this.tensor(i, r.output);
      this.step(i, held, [y, s, out]);
      this.retire(i, out);
      return out;
    }
    if (r.type === 'scale') {
      const body = lists.find(([k]) => k === '.body')?.[1] ?? [];
      const gate = body.length ? this.list(body, x, holdX) : x;
      const out = this.tensor(i, r.output);
      this.step(i, held, [input, gate, out]);
      this.retire(i, out);
      return out;
    }
    // concat and any other parallel block: branches run in order, finished outputs wait for the combine.
    const done: Tensor[] = [];
    for (const [, l] of lists) done.push(this.list(l, x, [...holdX, ...done]));
    // Empty branches (identities) have no rows: they pass x itself.
    let identity = false;
    if (r.type === 'concat') {
      const branches = Array.isArray(r.params_?.branches) ? (r.params_.branches as unknown[][]) : [];
      identity = branches.some((b) => Array.isArray(b) && b.length === 0);
    }
    const out = this.tensor(i, r.output);
    this.step(i, held, [...done, identity ? input : null, out]);
    this.retire(i, out);
    return out;
  }
}

/** Top-level rows (depth 0) in order. */
function topLevel(rows: readonly Row[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i = rows[i].end) out.push(i);
  return out;
}

/**
 * Activation memory live at each step and its peak, for a dtype. `fused`: rows that a runtime
 * runs fused into the kernel before them (a BN or ReLU after a conv: latency/latency.ts
 * kernelsOf), which then write in place and make no tensor of their own.
 */
export function activationMemory(
  result: ModelResult,
  dtype: Precision,
  fused: ReadonlySet<number> = new Set(),
): ActivationMemory {
  const b = BigInt(BYTES_PER_ELEMENT[dtype]);
  const sim = new Simulation(result.rows, BigInt(result.batch), fused);
  const x = sim.tensor(-1, result.input);
  sim.list(topLevel(result.rows), x, []);
  // Written out (no object spread: V8's slow path, tens of µs per step).
  const steps = sim.steps.map((s): LiveStep => ({
    path: s.path,
    index: s.index,
    liveBytes: s.liveBytes * b,
    heldBytes: s.heldBytes * b,
  }));
  let peak: LiveStep | null = null;
  for (const s of steps) if (!peak || s.liveBytes > peak.liveBytes) peak = s;
  const buffers: Buffer[] = [];
  for (const t of sim.tensors)
    if (t.first >= 0 && t.elements > 0n)
      buffers.push({ producer: t.producer, bytes: t.elements * b, first: t.first, last: t.last });
  return {
    dtype,
    steps,
    peak,
    buffers,
    inputBytes: x.elements * b,
    weightBytes: result.totals.params * b,
    bufferBytes: result.totals.buffers * b,
    complete: sim.complete && result.errors === 0 && !result.modelError,
  };
}
