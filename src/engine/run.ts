/**
 * One evaluation's walk over the layer tree (split from evaluate.ts, which sets it up and sums
 * its rows): shape inference and counting per layer, graph inputs by name (`from`, graph-scope.ts),
 * reuse of rows from the run before and from equal layers of this run.
 *
 * It never throws. A layer whose fields are invalid, whose shape cannot be computed or whose
 * input is unknown reports an `error` on its own row; the layers before it keep their numbers.
 * Rows are in depth-first order; a block row is followed by its children's rows and records
 * where they end (`end`), plus subtotals. Repeat bodies appear once per iteration, with the
 * iteration in the path (`layers[4]#1.body[0]`).
 */
import { refsOf, type LayerSpec, type Model, type ModelInput, type Shape } from './format/model';
import { isBlock, kindOf, parseLayer, type AnyKind } from './layers/registry';
import type { BlockKind } from './layers/block';
import type { Params } from './layers/kind';
import type { Convention } from './conventions/types';
import { SharedLayers, UNSHAREABLE } from './shared-layers';
import { Scope, type Read } from './graph-scope';
import { arityError, refError } from './graph-messages';
import { validFrom } from './layers/quick-validate';
import { RowWriter, UNKNOWN_INPUT, type Extra } from './layer-rows';
import {
  copyReads,
  Cursor,
  forEachDefinition,
  OldBlock,
  recentMemos,
  type OldList,
  type RunMemos,
} from './previous-run';
import { Spans } from './top-spans';
import { placeRange, placeRows, sameInputs, sameShape, type Memo } from './rows';
import { placedFields } from './placed-names';
import { evaluationRows, MAX_EVALUATED_ROWS } from './work';
import { groupDigits } from './digits';
import { say } from './messages';

/** One evaluation: walks the layer tree and collects rows. */
export class Run extends RowWriter {
  readonly memoKey: string;
  /**
   * Layers evaluated in this run, by content key and input shape (see layer-key.ts): a layer
   * equal in content to an earlier one, on the same input, gets that one's rows moved to its
   * place instead of being evaluated again. Lives for one run only, so it can never be stale.
   */
  private readonly shared: SharedLayers | null;
  /** The run before with the same batch and conventions (previous-run.ts), if reusing. */
  readonly previous: RunMemos | undefined;
  /** First row of each top-level layer (`top`), for the run after. */
  starts = new Int32Array(0);
  /** Blocks of this run that read names from outside themselves, by first row (for the run after). */
  readonly reads = new Map<number, readonly Read[]>();
  /** Layer ids and model inputs defined so far. */
  readonly scope = new Scope();
  /**
   * A layer's rows did not form one range (an internal error adds a row after them): the run
   * after cannot find old rows by walking `end`, so this run is not kept.
   */
  irregular = false;
  /** Depth inside training-only blocks, whose rows are replaced after their layers ran. */
  private trainingOnly = 0;
  /** Unchanged top-level layers taken at once (top-spans.ts); null when the walk starts unlike the run before's. */
  spans: Spans | null = null;
  constructor(
    batch: number,
    convs: readonly Convention[],
    reuse: boolean,
    /** The model being evaluated: only read to explain an unresolved reference. */
    readonly model: Model,
  ) {
    super(batch, convs);
    this.shared = reuse ? new SharedLayers() : null;
    this.memoKey = `${batch}|${convs.map((c) => c.id).join(',')}`;
    this.previous = reuse ? recentMemos(this.memoKey) : undefined;
  }

  /** The model's layers, after its inputs were defined (`inputs`; `input`: the first one's shape, or null). */
  top(layers: readonly LayerSpec[], input: Shape | null, inputs: readonly ModelInput[]): Shape | null {
    this.starts = new Int32Array(layers.length);
    const prev = this.previous;
    if (!prev) return this.list(layers, input, 'layers', 0, null);
    // Spans need the walk to start as the last one did: the same names defined, with the same shapes.
    const same =
      sameShape(prev.input, input) &&
      prev.inputs.length === inputs.length &&
      prev.inputs.every((d, i) => d.name === inputs[i].name && sameShape(d.shape, inputs[i].shape));
    if (same) this.spans = new Spans(prev, this);
    return this.list(layers, input, 'layers', 0, { layers: prev.layers, first: 0, starts: prev.starts });
  }

  /** A list of layers; `old`: the list the run before evaluated at this place, to reuse rows from. */
  list(
    layers: readonly LayerSpec[],
    input: Shape | null,
    prefix: string,
    depth: number,
    old: OldList | null,
  ): Shape | null {
    const prev = this.previous;
    const cursor = prev && old ? new Cursor(prev.rows, old) : null;
    const spans = depth === 0 ? this.spans : null;
    let x = input;
    for (let i = 0; i < layers.length; i++) {
      // The unchanged layers from here on may be taken at once.
      const taken = spans && cursor ? spans.take(layers, i, x, cursor) : 0;
      if (taken > 0) {
        i += taken;
        x = this.rows[this.starts[i - 1]].output;
        if (i === layers.length) break;
      }
      const spec = layers[i];
      const start = this.rows.length;
      let at = cursor ? cursor.find(spec, layers[i + 1]) : -1;
      // Only layer objects are looked up (anything else is an error row, evaluated again).
      if (typeof spec !== 'object' || spec === null) at = -1;
      const replaced = cursor && at < 0 ? cursor.replaced : undefined;
      x = this.entry(spec, x, `${prefix}[${i}]`, depth, at, replaced, cursor ? cursor.replacedRow : -1);
      if (this.rows[start].end !== this.rows.length) this.irregular = true;
      if (depth === 0) this.starts[i] = start;
    }
    return x;
  }

  /** One entry of a list: its inputs (the previous output, or what `from` names), its rows, its id. */
  private entry(
    spec: LayerSpec,
    previous: Shape | null,
    path: string,
    depth: number,
    at: number,
    old: unknown,
    oldRow: number,
  ): Shape | null {
    const start = this.rows.length;
    const from = typeof spec === 'object' && spec !== null ? spec.from : undefined;
    let output: Shape | null;
    // An invalid `from` is not resolved: parsing the layer reports it on the row.
    if (from === undefined || !validFrom(from)) output = this.layer(spec, previous, null, path, depth, at, old, oldRow);
    else {
      const refs = refsOf(spec);
      const shapes: (Shape | null)[] = [];
      let error: string | null = null;
      for (const ref of refs) {
        const shape = ref === -1 ? previous : this.scope.read(ref);
        if (shape === undefined) error ??= refError(ref as string, this.scope, this.model);
        shapes.push(shape ?? null);
      }
      if (error !== null) {
        this.errorRow(spec, path, depth, shapes[0] ?? null, error, kindOf(spec.type));
        output = null;
      } else output = this.layer(spec, shapes[0], shapes.length > 1 ? shapes : null, path, depth, at, old, oldRow);
    }
    if (typeof spec === 'object' && spec !== null && typeof spec.id === 'string' && spec.id)
      this.scope.define(spec.id, output, start);
    return output;
  }

  /**
   * Defines the ids of rows placed from an earlier evaluation, in the order evaluating them
   * would (a block's after its insides); the first row's is defined by `entry`.
   */
  private defineInside(from: number, to: number): void {
    if (to - from > 0) forEachDefinition(this.rows, from, to, (id, shape, at) => this.scope.define(id, shape, at));
  }

  /**
   * A layer's rows. `at`: its first row in the run before when the cursor found the same object
   * (-1: not found); `old`, `oldRow`: the old layer it replaced, whose lists a changed block's
   * are matched with.
   */
  private layer(
    spec: LayerSpec,
    input: Shape | null,
    extra: Extra,
    path: string,
    depth: number,
    at: number,
    old: unknown,
    oldRow: number,
  ): Shape | null {
    const cacheable = typeof spec === 'object' && spec !== null;
    const start = this.rows.length;
    // Incremental evaluation: the editor replaces only the objects it changes, so a layer (or a
    // whole block) that is the same object with the same input as in the run before (same batch
    // and conventions) has the same numbers. Reuse its rows, moved if its path or position
    // changed; error messages name the path, so rows with errors are only reused in place. (A
    // block row has an error whenever a row inside it has one: the error's null output
    // propagates to the block's combine.) Nor are error rows of layers with `from`: the error may
    // be `entry`'s about a name that resolved to nothing, which this check cannot see.
    const prev = this.previous;
    if (at >= 0 && prev) {
      const head = prev.rows[at];
      const reads = head.block ? prev.reads.get(at) : undefined;
      if (
        sameShape(head.input, input) &&
        sameInputs(head.inputs, extra ?? undefined) &&
        (head.error === undefined || (head.path === path && spec.from === undefined)) &&
        (reads === undefined || this.scope.replay(reads))
      ) {
        placeRange(prev.rows, at, head.end, head.path, path, start - at, depth - head.depth, this.rows);
        copyReads(prev, at, head.end, start - at, this.reads);
        this.defineInside(start + 1, this.rows.length);
        return head.output;
      }
      // Evaluated again; a block's lists can still be matched with its own old ones.
      old = spec;
      oldRow = at;
    }
    // A layer equal in content to one evaluated earlier in this run, on an equal input.
    const shared = this.shared;
    let found = shared && input && cacheable ? shared.find(spec, input) : UNSHAREABLE;
    // Equal content on an equal first input; the other inputs and outside reads must match too.
    if (
      typeof found !== 'number' &&
      !(sameInputs(found.inputs, extra ?? undefined) && (!found.reads || this.scope.replay(found.reads)))
    )
      found = UNSHAREABLE;
    if (typeof found !== 'number') {
      // Equal but for names and the layer's own id or from: its rows get their own (and their fields);
      // an identical spec (the usual unnamed repeat) has nothing of its own to give them.
      const own = shared && !shared.identical ? placedFields(spec, found) : null;
      placeRows(found, path, start - found.start, depth - found.depth, this.rows, own);
      if (found.reads) this.reads.set(start, found.reads);
      const inner = found.inner;
      for (let k = 0; k < inner.length; k += 2) this.reads.set(start + (inner[k] as number), inner[k + 1] as Read[]);
      this.defineInside(start + 1, this.rows.length);
      return found.output;
    }
    const output = this.compute(spec, input, extra, path, depth, old, oldRow);
    if (!cacheable || !shared || found === UNSHAREABLE) return output;
    // Only error-free evaluations are shared: error messages name the path.
    const end = this.rows.length;
    for (let i = start; i < end; i++) if (this.rows[i].error !== undefined) return output;
    // What blocks inside read from outside themselves goes with the rows (for the run after).
    const inner: (number | readonly Read[])[] = [];
    for (let i = start + 1; i < end; i++) {
      const reads = this.rows[i].block ? this.reads.get(i) : undefined;
      if (reads) inner.push(i - start, reads);
    }
    const memo: Memo = {
      input,
      inputs: extra ?? undefined,
      reads: this.reads.get(start) ?? null,
      inner,
      path,
      depth,
      start,
      rows: this.rows.slice(start),
      output,
      suffixes: undefined,
      modelSuffixes: undefined,
    };
    shared.add(found, spec, memo);
    return output;
  }

  private compute(
    spec: LayerSpec,
    input: Shape | null,
    extra: Extra,
    path: string,
    depth: number,
    old: unknown,
    oldRow: number,
  ): Shape | null {
    const parsed = parseLayer(spec, path);
    if ('error' in parsed) {
      this.errorRow(spec, path, depth, input, parsed.error);
      return null;
    }
    const { kind, params } = parsed;
    const arity = isBlock(kind) ? undefined : kind.arity;
    // A kind that takes no input (a learned tensor) ignores the previous layer's output.
    const given = spec.from === undefined ? (arity && arity[1] === 0 ? 0 : 1) : extra ? extra.length : 1;
    const wrong = arityError(kind.type, arity, given) ?? this.overBudget(kind, spec);
    if (wrong) {
      this.errorRow(spec, path, depth, input, wrong, kind);
      return null;
    }
    try {
      return isBlock(kind)
        ? this.block(kind, params, spec, input, path, depth, this.oldBlock(kind, old, oldRow))
        : this.leaf(kind, params, spec, input, extra, path, depth);
    } catch (err) {
      // A formula bug must not take the whole model down: report it on the row.
      this.errorRow(spec, path, depth, input, `internal error in ${kind.type}: ${(err as Error).message}`, kind);
      return null;
    }
  }

  /**
   * The old block whose lists a block's are matched with: the one at its place in the run before,
   * if of the same type. Not inside training-only blocks, whose rows were replaced by zeroed ones.
   */
  private oldBlock(kind: BlockKind, old: unknown, at: number): OldBlock | null {
    const prev = this.previous;
    if (!prev || at < 0 || kind.trainingOnly || this.trainingOnly > 0) return null;
    const row = prev.rows[at];
    if (!row.block || row.type !== kind.type || row.end <= at + 1 || row.trainingOnly) return null;
    try {
      return new OldBlock(prev.rows, at, kind.lists(old as LayerSpec));
    } catch {
      return null; // malformed lists: nothing to match with
    }
  }

  /**
   * A repeat whose expansion would take the model past MAX_EVALUATED_ROWS is refused before it runs:
   * `times: 1e9` of one ReLU is 131 bytes of JSON and would make a billion rows (gigabytes, minutes),
   * in the page, the worker and the CLI alike.
   */
  private overBudget(kind: AnyKind, spec: LayerSpec): string | null {
    if (!isBlock(kind) || kind.mode !== 'repeat') return null;
    const left = MAX_EVALUATED_ROWS - this.rows.length;
    const rows = evaluationRows({ layers: [spec] }, left);
    if (rows <= left) return null;
    const times = groupDigits(spec.times as number);
    const max = groupDigits(MAX_EVALUATED_ROWS);
    return this.rows.length
      ? say('row.repeatBudgetAfter', { times, max, before: groupDigits(this.rows.length) })
      : say('row.repeatBudget', { times, max });
  }

  private block(
    kind: BlockKind,
    p: Params,
    spec: LayerSpec,
    input: Shape | null,
    path: string,
    depth: number,
    old: OldBlock | null,
  ) {
    const at = this.rows.length;
    // Placeholder row, replaced once the children have run.
    this.errorRow(spec, path, depth, input, UNKNOWN_INPUT, kind);
    const outputs: (Shape | null)[] = [];
    const lists = kind.lists(spec);
    if (kind.trainingOnly) this.trainingOnly++;
    this.scope.open(at);
    try {
      if (kind.mode === 'repeat') {
        let x = input;
        const body = lists[0];
        for (let t = 0; t < (p.times as number); t++)
          x = this.list(body.layers, x, `${path}#${t}.${body.key}`, depth + 1, old ? old.take(0) : null);
        outputs.push(x);
      } else {
        for (let l = 0; l < lists.length; l++) {
          // Every old list is passed, so the next one's rows are found after it.
          const o = old ? old.take(l) : null;
          const { layers, key } = lists[l];
          outputs.push(layers.length ? this.list(layers, input, `${path}.${key}`, depth + 1, o) : input);
        }
      }
    } finally {
      if (kind.trainingOnly) this.trainingOnly--;
      const reads = this.scope.close();
      if (reads) this.reads.set(at, reads);
    }
    return this.blockRow(kind, p, spec, input, outputs, path, depth, at);
  }
}
