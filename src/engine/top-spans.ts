/**
 * Taking unchanged top-level layers at once, for edits of large flat graphs (an imported ONNX
 * file is 10,000 layers in one list). The run after an edit walks the list beside the one the run
 * before evaluated (previous-run.ts); one comparison per layer is still 10,000 lookups, row
 * pushes and name definitions. Here a whole run of layers that are the same objects as the run
 * before's, in the same order, is taken in one go: their rows, moved if the rows before them
 * changed in number, their ids, what their blocks read.
 *
 * Their rows are right if they get the same input and every name they read from before them
 * gives the same shape as in the run before (they hold no error row: messages name paths and
 * later layers). `Sync` finds the names that can differ without looking at the layers in
 * between: only names (re)defined since the last span, by either run. A layer that reads one
 * of those that does differ ends the span; the per-layer walk takes it from there.
 */
import { refsOf, type LayerSpec, type Shape } from './format/model';
import type { Read, Scope } from './graph-scope';
import { copyReads, forEachDefinition, type Cursor, type RunMemos } from './previous-run';
import { placeRange, sameShape, type Row } from './rows';

/** What a span writes into: the run's rows, top-level starts, names and block reads (run.ts `Run`). */
export interface SpanHost {
  readonly rows: Row[];
  readonly starts: Int32Array;
  readonly scope: Scope;
  readonly reads: Map<number, readonly Read[]>;
}

/** The spans of one run's top-level walk, whose start is the run before's (same inputs, same names). */
export class Spans {
  /** Spans taken: old first row, old end, new first row (evaluate.ts sums only the rows around them). */
  readonly taken: number[] = [];
  private readonly sync: Sync;
  /** Top-level layers to go before trying again after a costly try found nothing (doubles each time). */
  private backoff = 1;
  private wait = 0;

  constructor(
    private readonly prev: RunMemos,
    private readonly host: SpanHost,
  ) {
    this.sync = new Sync(prev.rows, host.scope);
  }

  /** Before top-level layer `i` (its input `x`): how many layers from it were taken at once. */
  take(layers: readonly LayerSpec[], i: number, x: Shape | null, cursor: Cursor): number {
    if (--this.wait > 0) return 0;
    const taken = this.span(layers, i, x, cursor);
    if (taken >= 0) this.wait = this.backoff = taken ? 1 : this.backoff * 2;
    return Math.max(taken, 0);
  }

  /**
   * Takes top-level layers i, i+1 … at once where they are the run before's entries j, j+1 … (the
   * same objects) and their rows cannot have changed: the same input, no name they read from
   * before them giving another shape (`Sync`), no row with an error (messages name paths and later
   * layers). Their rows are the old ones, moved if rows before them were added or removed; their
   * ids are defined, their blocks' reads kept. Returns how many layers it took, or -1 when a
   * cheap check said no at once (only costlier tries count for backing off).
   */
  private span(layers: readonly LayerSpec[], i: number, x: Shape | null, cursor: Cursor): number {
    const { prev, host, sync } = this;
    const old = prev.layers;
    const j = cursor.j;
    if (j >= old.length || old[j] !== layers[i]) return -1;
    if (!sameShape(x, j === 0 ? prev.input : prev.rows[prev.starts[j - 1]].output)) return -1;
    const first = prev.starts[j];
    // The cursor went back (a layer moved up): the runs were compared up to a later old row.
    if (first < sync.scanned) return -1;
    const differ = sync.differing(first);
    const error = firstAtLeast(prev.errorRows, first);
    const offset = host.rows.length - first;
    const unmoved = i === j;
    const define = (id: string, shape: Shape | null, at: number): void => {
      host.scope.define(id, shape, at + offset);
      differ.delete(id);
    };
    // The names the span defines are the same in both runs: `synced` starts noting afresh.
    host.scope.pause();
    const rows = host.rows;
    let k = 0;
    let end = first;
    for (; i + k < layers.length && j + k < old.length && layers[i + k] === old[j + k]; k++) {
      const a = end;
      const row = prev.rows[a];
      const b = row.end;
      if (error < b || (differ.size && this.readsAny(layers[i + k], a, differ))) break;
      host.starts[i + k] = a + offset;
      end = b;
      // The usual case, a leaf that stays where it was, inline: the same row object.
      if (b === a + 1 && offset === 0 && unmoved) {
        rows.push(row);
        if (row.id) define(row.id, row.output, a);
        continue;
      }
      const path = unmoved ? '' : `layers[${j + k}]`;
      placeRange(prev.rows, a, b, path, unmoved ? path : `layers[${i + k}]`, offset, 0, rows);
      copyReads(prev, a, b, offset, host.reads);
      forEachDefinition(prev.rows, a, b, define);
    }
    // Even when nothing was taken, the runs now agree on every name but those in `differ`.
    sync.synced(end, differ);
    if (k === 0) return 0;
    this.taken.push(first, end, first + offset);
    cursor.moveTo(j + k, end);
    return k;
  }

  /** Whether the run before's layer `spec` (rows from `at`) read any of `names` from before it. */
  private readsAny(spec: LayerSpec, at: number, names: ReadonlyMap<string, unknown>): boolean {
    if (spec.from !== undefined)
      for (const ref of refsOf(spec)) if (typeof ref === 'string' && names.has(ref)) return true;
    const reads = this.prev.reads.get(at);
    if (reads) for (const r of reads) if (names.has(r.ref)) return true;
    return false;
  }
}

/** Both nothing (undefined), or equal shapes. */
const sameDef = (a: Shape | null | undefined, b: Shape | null | undefined): boolean =>
  a === undefined || b === undefined ? a === b : sameShape(a, b);

/**
 * For taking unchanged top-level layers at once: which names may give another shape now than at
 * the same point of the run before. After a span the two runs agree on every name but those
 * `carry` lists; since then the new run defined the names in `scope.changes` and the old one
 * those in old rows [scanned, r). No other name can differ.
 */
export class Sync {
  /** Old rows before this are in `oldDefs`: a span can start here or later. */
  scanned = 0;
  /** Names old rows since the last span define, with the last shape each gives. */
  private readonly oldDefs = new Map<string, Shape | null>();
  /** Names that differed after the last span, with the shape they gave in the run before. */
  private carry = new Map<string, Shape | null | undefined>();

  constructor(
    private readonly rows: readonly Row[],
    private readonly scope: Scope,
  ) {
    scope.track();
  }

  /** Names whose shape now is not the one they gave in the run before at its row `r`, with that one. */
  differing(r: number): Map<string, Shape | null | undefined> {
    forEachDefinition(this.rows, this.scanned, r, (id, shape) => this.oldDefs.set(id, shape));
    this.scanned = r;
    const changes = this.scope.changes;
    const out = new Map<string, Shape | null | undefined>();
    const check = (name: string): void => {
      if (out.has(name)) return;
      // Unless the old run redefined it, a name was as in `carry`, or else as the new run had it.
      const old = this.oldDefs.has(name)
        ? this.oldDefs.get(name)
        : this.carry.has(name)
          ? this.carry.get(name)
          : changes.get(name);
      if (!sameDef(old, this.scope.peek(name))) out.set(name, old);
    };
    for (const name of this.oldDefs.keys()) check(name);
    for (const name of this.carry.keys()) check(name);
    for (const name of changes.keys()) check(name);
    return out;
  }

  /** A span ended at old row `r`; `still`: the names that still differ there (old shapes). */
  synced(r: number, still: Map<string, Shape | null | undefined>): void {
    this.scanned = r;
    this.oldDefs.clear();
    this.carry = still;
    this.scope.track();
  }
}

/** The first entry of an ascending list that is at least `x` (Infinity: none). */
export function firstAtLeast(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? sorted[lo] : Infinity;
}
