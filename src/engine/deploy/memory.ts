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

export interface ActivationMemory {
  readonly dtype: Precision;
  readonly steps: LiveStep[];
  /** The step with the most live bytes (the first one on ties); null for an empty model. */
  readonly peak: LiveStep | null;
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

class Simulation {
  readonly steps: LiveStep[] = [];
  complete = true;
  /** Last reader of each named tensor (graphLiveness), and the named tensors live now (elements). */
  private readonly lastUse: Map<number, number>;
  private readonly named = new Map<number, bigint>();
  constructor(
    readonly rows: readonly Row[],
    readonly batch: bigint,
  ) {
    this.lastUse = graphLiveness(rows);
  }

  /** Elements of named tensors live while row `i` runs, except `skip` (the row that made its input, counted as x). */
  private namedHeld(skip: number): bigint {
    let n = 0n;
    for (const [d, e] of this.named) if (d !== skip) n += e;
    return n;
  }

  /** After row `i`'s step: its output stays live if a later row reads it; tensors read for the last time die. */
  private retire(i: number, out: bigint): void {
    const last = this.lastUse.get(i);
    if (last !== undefined && last > i) this.named.set(i, out);
    for (const [d] of this.named) if ((this.lastUse.get(d) ?? -1) <= i) this.named.delete(d);
  }

  elems(shape: readonly number[] | null): bigint {
    if (!shape) {
      this.complete = false;
      return 0n;
    }
    return shape.reduce((a, d) => a * BigInt(d), this.batch);
  }

  step(i: number, live: bigint, held: bigint): void {
    this.steps.push({ path: this.rows[i].path, index: i, liveBytes: live, heldBytes: held });
  }

  /**
   * Runs a list of sibling rows on an input of `x` elements. `held` counts what enclosing
   * blocks keep alive; `xHeld` says whether `x` itself is part of `held` (then it is not
   * counted twice). Returns the list's output elements.
   */
  list(indices: readonly number[], x: bigint, held: bigint, xHeld: boolean): bigint {
    let cur = x;
    let curHeld = xHeld;
    let from = -1;
    for (const i of indices) {
      cur = this.row(i, cur, held, curHeld, from);
      curHeld = false;
      from = i;
    }
    return cur;
  }

  row(i: number, x: bigint, held: bigint, xHeld: boolean, xFrom = -1): bigint {
    const r = this.rows[i];
    if (r.error && !r.block) this.complete = false;
    // The previous output is not this row's input when it takes named inputs only; a named tensor
    // is counted once, among the named ones.
    const xOwn = xHeld || skipsPrevious(r) || this.named.has(xFrom) ? 0n : x;
    // Named tensors live across this step (children of a block add them at their own steps).
    const named = this.named.size ? this.namedHeld(-2) : 0n;
    if (!r.block) {
      const out = this.elems(r.output);
      // A flatten, reshape or permute is a view of its input: no new memory (a cat of several copies).
      const view = r.category === 'shape' && !r.inputs && r.type !== 'parameter';
      this.step(i, held + named + xOwn + (view ? 0n : out), held + named);
      this.retire(i, view ? x : out);
      return view ? x : out;
    }
    const kind = kindOf(r.type);
    const lists = [...childLists(this.rows, i).entries()];
    const out = this.elems(r.output);
    if (kind && isBlock(kind) && kind.mode === 'repeat') {
      const o = this.list(
        lists.flatMap(([, l]) => l),
        x,
        held,
        xHeld,
      );
      this.retire(i, o);
      return o;
    }
    if (r.type === 'residual') {
      const body = lists.find(([k]) => k === '.body')?.[1] ?? [];
      const shortcut = lists.find(([k]) => k === '.shortcut')?.[1] ?? [];
      const y = body.length ? this.list(body, x, held + xOwn, true) : x;
      const s = shortcut.length ? this.list(shortcut, x, held + xOwn + y, true) : x;
      // Identity shortcut: the add reads x itself (already counted when an outer block holds it).
      const sTerm = shortcut.length ? s : xOwn;
      this.step(i, held + named + y + sTerm + out, held + named);
      this.retire(i, out);
      return out;
    }
    if (r.type === 'scale') {
      const body = lists.find(([k]) => k === '.body')?.[1] ?? [];
      const gate = body.length ? this.list(body, x, held + xOwn, true) : x;
      this.step(i, held + named + xOwn + gate + out, held + named);
      this.retire(i, out);
      return out;
    }
    // concat and any other parallel block: branches run in order, finished outputs wait for the combine.
    let done = 0n;
    let identity = false;
    for (const [, l] of lists) done += this.list(l, x, held + xOwn + done, true);
    // Empty branches (identities) have no rows: they pass x itself.
    if (r.type === 'concat') {
      const branches = Array.isArray(r.params_?.branches) ? (r.params_.branches as unknown[][]) : [];
      identity = branches.some((b) => Array.isArray(b) && b.length === 0);
    }
    this.step(i, held + named + done + (identity ? xOwn : 0n) + out, held + named);
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

/** Activation memory live at each step and its peak, for a dtype. */
export function activationMemory(result: ModelResult, dtype: Precision): ActivationMemory {
  const b = BigInt(BYTES_PER_ELEMENT[dtype]);
  const sim = new Simulation(result.rows, BigInt(result.batch));
  const x = sim.elems(result.input);
  sim.list(topLevel(result.rows), x, 0n, false);
  // Written out (no object spread: V8's slow path, tens of µs per step).
  const steps = sim.steps.map((s): LiveStep => ({
    path: s.path,
    index: s.index,
    liveBytes: s.liveBytes * b,
    heldBytes: s.heldBytes * b,
  }));
  let peak: LiveStep | null = null;
  for (const s of steps) if (!peak || s.liveBytes > peak.liveBytes) peak = s;
  return {
    dtype,
    steps,
    peak,
    inputBytes: x * b,
    weightBytes: result.totals.params * b,
    bufferBytes: result.totals.buffers * b,
    complete: sim.complete && result.errors === 0 && !result.modelError,
  };
}
