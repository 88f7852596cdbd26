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
 * Bytes = elements (batch included) × bytes per element of the dtype (fp32 4, fp16 2, int8 1).
 */
import type { ModelResult, Row } from './evaluate';
import { kindOf, isBlock } from './layers/registry';
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

class Simulation {
  readonly steps: LiveStep[] = [];
  complete = true;
  constructor(
    readonly rows: readonly Row[],
    readonly batch: bigint,
  ) {}

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
    for (const i of indices) {
      cur = this.row(i, cur, held, curHeld);
      curHeld = false;
    }
    return cur;
  }

  row(i: number, x: bigint, held: bigint, xHeld: boolean): bigint {
    const r = this.rows[i];
    if (r.error && !r.block) this.complete = false;
    const xOwn = xHeld ? 0n : x;
    if (!r.block) {
      const out = this.elems(r.output);
      // A flatten is a view of its input: no new memory.
      const view = r.category === 'shape';
      this.step(i, held + xOwn + (view ? 0n : out), held);
      return view ? x : out;
    }
    const kind = kindOf(r.type);
    const lists = [...childLists(this.rows, i).entries()];
    const out = this.elems(r.output);
    if (kind && isBlock(kind) && kind.mode === 'repeat')
      return this.list(
        lists.flatMap(([, l]) => l),
        x,
        held,
        xHeld,
      );
    if (r.type === 'residual') {
      const body = lists.find(([k]) => k === '.body')?.[1] ?? [];
      const shortcut = lists.find(([k]) => k === '.shortcut')?.[1] ?? [];
      const y = body.length ? this.list(body, x, held + xOwn, true) : x;
      const s = shortcut.length ? this.list(shortcut, x, held + xOwn + y, true) : x;
      // Identity shortcut: the add reads x itself (already counted when an outer block holds it).
      const sTerm = shortcut.length ? s : xOwn;
      this.step(i, held + y + sTerm + out, held);
      return out;
    }
    if (r.type === 'scale') {
      const body = lists.find(([k]) => k === '.body')?.[1] ?? [];
      const gate = body.length ? this.list(body, x, held + xOwn, true) : x;
      this.step(i, held + xOwn + gate + out, held);
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
    this.step(i, held + done + (identity ? xOwn : 0n) + out, held);
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
