/**
 * Incremental evaluation: what a finished run leaves for the next one, and how the next run finds
 * in it the rows of the layers it still has.
 *
 * The editor replaces only the layer objects it changes (and the lists holding them), so an edited
 * model is mostly the same objects at the same places. The next run walks each list alongside the
 * list the run before evaluated at that place (`Cursor`): a layer that is the same object there, or
 * a few entries away (after an insertion, a deletion, a move), is a candidate whose rows run.ts
 * checks (same inputs, same outside reads) and reuses. A changed block is walked into: its lists
 * are matched with those of the block it replaced (`OldBlock`).
 *
 * This used to be a Map from every layer object to its first row. Inserting 10,000 keys cost a cold
 * evaluation of a flat graph milliseconds, and reading and rewriting them was most of an edit's
 * time; walking the old list beside the new one costs a comparison per layer.
 *
 * At the top level, whole runs of unchanged layers are taken at once (top-spans.ts).
 */
import type { ModelInput, Shape } from './format/model';
import type { ChildList } from './layers/block';
import type { Read } from './graph-scope';
import type { Counts, Row } from './rows';

export interface RunMemos {
  readonly rows: readonly Row[];
  /** The model's top-level layers and the first row of each (its rows run to that row's `end`). */
  readonly layers: readonly unknown[];
  readonly starts: Int32Array;
  /** What the top-level walk started from: the first input, and the names defined before any layer. */
  readonly input: Shape | null;
  readonly inputs: readonly ModelInput[];
  /** Blocks that read names from outside themselves, by first row: what they read. */
  readonly reads: ReadonlyMap<number, readonly Read[]>;
  /** Indices of the rows with an error, ascending. */
  readonly errorRows: readonly number[];
  /** The sum of all rows (the result's totals). */
  readonly totals: Counts;
}

/** Runs kept: the latest per run key (batch and conventions), for this many keys. */
const KEPT_KEYS = 4;
const LATEST = new Map<string, RunMemos>();

/**
 * The latest finished run with this key. Models evaluated alternately with the same key (rare:
 * the editor's model is the only one evaluated with its conventions) find few of their objects
 * in it, and still share equal layers within the run.
 */
export const recentMemos = (runKey: string): RunMemos | undefined => LATEST.get(runKey);

/** Keeps a finished run for the next run with the same key (none: forget it). Its rows must not change any more. */
export function keepMemos(runKey: string, run: RunMemos | undefined): void {
  LATEST.delete(runKey);
  if (!run) return;
  LATEST.set(runKey, run);
  if (LATEST.size > KEPT_KEYS) LATEST.delete(LATEST.keys().next().value as string);
}

/** A list as the run before evaluated it: its layers, and the row where the first one's rows start. */
export interface OldList {
  readonly layers: readonly unknown[];
  readonly first: number;
  /** Every entry's first row, when known (the top level: `RunMemos.starts`); else found by walking `end`. */
  readonly starts?: Int32Array;
}

/** Old entries looked ahead at for a layer not found in place (layers removed or moved down). */
const LOOK_AHEAD = 8;
/** Old entries passed over and kept for a later match (layers moved up). */
const PASSED = 8;

/**
 * Walks an old list beside the new one. Every old entry's rows form one range (run.ts keeps no
 * run where they do not), so the next entry's first row is this one's `end`.
 */
export class Cursor {
  /** The next old entry, and its first row. */
  j = 0;
  r: number;
  /**
   * After `find` found nothing: the old entry the new layer took the place of and its first row
   * (a changed block's lists are matched with that one's), else undefined.
   */
  replaced: unknown = undefined;
  replacedRow = -1;
  private readonly passed: { spec: unknown; row: number }[] = [];
  /** New layers in a row not found. */
  private misses = 0;

  constructor(
    private readonly rows: readonly Row[],
    private readonly old: OldList,
  ) {
    this.r = old.first;
  }

  /** The first row of `spec` in the old list (-1: not found); `next` is the new layer after it. */
  find(spec: unknown, next: unknown): number {
    const layers = this.old.layers;
    const j = this.j;
    this.replaced = undefined;
    if (j < layers.length && layers[j] === spec) return this.take();
    for (let d = 1; d <= LOOK_AHEAD && j + d < layers.length; d++)
      if (layers[j + d] === spec) {
        while (d-- > 0) this.pass();
        return this.take();
      }
    const passed = this.passed;
    for (let k = 0; k < passed.length; k++) if (passed[k].spec === spec) return passed.splice(k, 1)[0].row;
    // Lost (many layers inserted, removed or moved): after 8, 16, 32 … misses in a row, look
    // through the whole old list, which costs a comparison per entry.
    const misses = ++this.misses;
    if (misses >= LOOK_AHEAD && (misses & (misses - 1)) === 0 && this.seek(spec)) return this.take();
    if (j >= layers.length) return -1;
    // A new layer, maybe in place of the old one here (a changed block's lists are matched with
    // that one's); it took that one's place if the layer after it is the old one's next.
    this.replaced = layers[j];
    this.replacedRow = this.r;
    if (layers[j + 1] === next) this.pass();
    return -1;
  }

  /** Moves to the old entry that is `spec`, if there is one. */
  private seek(spec: unknown): boolean {
    const { layers, starts } = this.old;
    if (starts) {
      const j = layers.indexOf(spec);
      if (j >= 0) this.moveTo(j, starts[j]);
      return j >= 0;
    }
    let r = this.old.first;
    for (let j = 0; j < layers.length; j++) {
      if (layers[j] === spec) {
        this.moveTo(j, r);
        return true;
      }
      r = this.rows[r].end;
    }
    return false;
  }

  /** The walk continues at old entry `j`, whose rows start at `r` (after a span taken at once). */
  moveTo(j: number, r: number): void {
    this.j = j;
    this.r = r;
  }

  private take(): number {
    this.misses = 0;
    const r = this.r;
    this.r = this.rows[r].end;
    this.j++;
    return r;
  }

  /** Moves past the next old entry, keeping it for a later match. */
  private pass(): void {
    const spec = this.old.layers[this.j];
    if (this.passed.length === PASSED) this.passed.shift();
    this.passed.push({ spec, row: this.take() });
  }
}

/**
 * The lists of a block as the run before evaluated them, handed out in evaluation order (each
 * list once; a repeat's body once per iteration), so the new block's lists can be walked beside
 * them. Only for an old block of the same type (the same lists, run the same way).
 */
export class OldBlock {
  private next: number;
  private readonly end: number;

  constructor(
    private readonly rows: readonly Row[],
    at: number,
    private readonly lists: readonly ChildList[],
  ) {
    this.next = at + 1;
    this.end = rows[at].end;
  }

  /** The old list `l` (a repeat: the body's next iteration), or null when the old rows run out. */
  take(l: number): OldList | null {
    const list = this.lists[l];
    if (!list || !Array.isArray(list.layers)) return null;
    const first = this.next;
    let r = first;
    for (let k = 0; k < list.layers.length; k++) {
      if (r >= this.end) return null;
      r = this.rows[r].end;
    }
    if (r > this.end) return null;
    this.next = r;
    return { layers: list.layers, first };
  }
}

/**
 * Calls `fn` for each id rows [from, to) define, in the order evaluating them defines it: a
 * layer's id after those of the layers inside it (run.ts `entry` defines it once the layer is
 * done). Rows [from, to) must be whole layers. Ids are non-empty strings, as `entry` requires.
 */
export function forEachDefinition(
  rows: readonly Row[],
  from: number,
  to: number,
  fn: (id: string, shape: Shape | null, at: number) => void,
): void {
  // Blocks whose rows have not ended yet: their ids come after their insides.
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    while (open.length && rows[open[open.length - 1]].end <= i) {
      const b = open.pop() as number;
      if (rows[b].id) fn(rows[b].id as string, rows[b].output, b);
    }
    const r = rows[i];
    if (r.end > i + 1) open.push(i);
    else if (r.id) fn(r.id, r.output, i);
  }
  while (open.length) {
    const b = open.pop() as number;
    if (rows[b].id) fn(rows[b].id as string, rows[b].output, b);
  }
}

/** Keeps, in `out`, what blocks among old rows [from, to) read from outside them, placed `offset` rows later. */
export function copyReads(
  prev: RunMemos,
  from: number,
  to: number,
  offset: number,
  out: Map<number, readonly Read[]>,
): void {
  if (prev.reads.size === 0) return;
  for (let q = from; q < to; q++)
    if (prev.rows[q].block) {
      const reads = prev.reads.get(q);
      if (reads) out.set(q + offset, reads);
    }
}
