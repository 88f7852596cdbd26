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
import { evaluate as evalExpr, type Symbols } from './expr';
import { refsOf, type LayerSpec, type Model, type Shape } from './format/model';
import { isBlock, kindOf, parseLayer, type AnyKind } from './layers/registry';
import { withDefaults } from './layers/fields';
import type { BlockKind } from './layers/block';
import type { LeafKind, Params } from './layers/kind';
import { ruleFor, type Convention } from './conventions/types';
import { sameContent, SharedLayers, UNSHAREABLE } from './shared-layers';
import { Scope, type Read } from './graph-scope';
import { arityError, refError, tooLarge } from './graph-messages';
import { validFrom } from './layers/quick-validate';

import {
  addInto,
  makeRow,
  recentMemos,
  FirstRows,
  placeRange,
  placeRows,
  renamedRow,
  sumRows,
  sameInputs,
  sameShape,
  trainingOnlyRow,
  ZERO_COUNTS,
  type Counts,
  type Row,
  type RowHead,
  type Memo,
  type RunMemos,
} from './rows';

/** Inputs beyond the first, for a layer whose `from` names several (null: one input). */
type Extra = readonly (Shape | null)[] | null;

const UNKNOWN_INPUT = 'input unknown: an earlier layer has an error';
/** What a kind that takes no input (a learned tensor) is given. */
const NO_INPUT: Shape = [];
const NO_INPUTS: readonly Shape[] = [];

/** One evaluation: walks the layer tree and collects rows. */
export class Run {
  readonly rows: Row[] = [];
  readonly memoKey: string;
  /**
   * Layers evaluated in this run, by content key and input shape (see layer-key.ts): a layer
   * equal in content to an earlier one, on the same input, gets that one's rows moved to its
   * place instead of being evaluated again. Lives for one run only, so it can never be stale.
   */
  private readonly shared: SharedLayers | null;
  /** The run before (same batch and conventions), and this run's first row of each layer object. */
  private readonly previous: RunMemos | undefined;

  /** The map the run before wrote: the run after this one writes it again (FirstRows). */
  get spare(): Map<object, number> | undefined {
    return this.previous?.firstRow.store;
  }
  readonly firstRow: FirstRows;
  /** Blocks of this run that read names from outside themselves (for the next run). */
  readonly reads = new Map<object, readonly Read[]>();
  /** Layer ids and model inputs defined so far. */
  readonly scope = new Scope();
  /** Depth inside training-only blocks, whose rows are replaced after their layers ran. */
  private trainingOnly = 0;
  constructor(
    readonly batch: number,
    readonly convs: readonly Convention[],
    reuse: boolean,
    /** The model being evaluated: only read to explain an unresolved reference. */
    readonly model: Model,
  ) {
    this.shared = reuse ? new SharedLayers() : null;
    this.memoKey = `${batch}|${convs.map((c) => c.id).join(',')}`;
    this.previous = reuse ? recentMemos(this.memoKey) : undefined;
    // The map two runs back is written again (its keys mostly exist: cheap); see FirstRows.
    this.firstRow = FirstRows.next(this.previous?.firstRow, this.previous?.spare, this.previous?.rows.length ?? 0);
  }

  list(layers: readonly LayerSpec[], input: Shape | null, prefix: string, depth: number): Shape | null {
    let x = input;
    for (let i = 0; i < layers.length; i++) x = this.entry(layers[i], x, `${prefix}[${i}]`, depth);
    return x;
  }

  /** One entry of a list: its inputs (the previous output, or what `from` names), its rows, its id. */
  private entry(spec: LayerSpec, previous: Shape | null, path: string, depth: number): Shape | null {
    const start = this.rows.length;
    const from = typeof spec === 'object' && spec !== null ? spec.from : undefined;
    let output: Shape | null;
    // An invalid `from` is not resolved: parsing the layer reports it on the row.
    if (from === undefined || !validFrom(from)) output = this.layer(spec, previous, null, path, depth);
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
      } else output = this.layer(spec, shapes[0], shapes.length > 1 ? shapes : null, path, depth);
    }
    if (typeof spec === 'object' && spec !== null && typeof spec.id === 'string' && spec.id)
      this.scope.define(spec.id, output, start);
    return output;
  }

  /** Defines the ids of rows placed from an earlier evaluation (their first row's is defined by `entry`). */
  private defineInside(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const id = this.rows[i].id;
      if (id !== undefined) this.scope.define(id, this.rows[i].output, i);
    }
  }

  private push(head: RowHead, counts: Counts): Row {
    const r = makeRow(head, counts, this.rows.length + 1);
    this.rows.push(r);
    return r;
  }

  private errorRow(
    spec: unknown,
    path: string,
    depth: number,
    input: Shape | null,
    error: string,
    kind?: AnyKind | undefined,
  ): Row {
    const s = spec as Partial<LayerSpec> | null;
    return this.push(
      {
        path,
        depth,
        type: typeof s?.type === 'string' ? s.type : '?',
        name: typeof s?.name === 'string' ? s.name : undefined,
        id: typeof s?.id === 'string' ? s.id : undefined,
        category: kind?.category ?? 'unknown',
        block: kind ? isBlock(kind) : false,
        input,
        inputs: undefined,
        output: null,
        symbols: null,
        params_: null,
        error,
      },
      ZERO_COUNTS(this.convs.length),
    );
  }

  private counted(
    kind: { exact: LeafKind['exact']; type: string },
    s: Symbols,
    extra: { params?: LeafKind['params']; buffers?: LeafKind['buffers']; macs?: LeafKind['macs'] },
    produces: boolean,
  ): Counts {
    return {
      params: extra.params ? evalExpr(extra.params, s) : 0n,
      buffers: extra.buffers ? evalExpr(extra.buffers, s) : 0n,
      macs: extra.macs ? evalExpr(extra.macs, s) : 0n,
      flops: evalExpr(kind.exact, s),
      counts: this.convs.map((c) => {
        const e = ruleFor(c, kind.type, s);
        return e ? evalExpr(e, s) : 0n;
      }),
      activations: produces ? BigInt(s.numel_out) : 0n,
    };
  }

  layer(spec: LayerSpec, input: Shape | null, extra: Extra, path: string, depth: number): Shape | null {
    const cacheable = typeof spec === 'object' && spec !== null;
    const start = this.rows.length;
    // Incremental evaluation: the editor replaces only the objects it changes, so a layer (or a
    // whole block) that is the same object with the same input as in the run before (same batch
    // and conventions) has the same numbers. Reuse its rows, moved if its path or position
    // changed; error messages name the path, so rows with errors are only reused in place. (A
    // block row has an error whenever a row inside it has one: the error's null output
    // propagates to the block's combine.)
    const prev = this.previous;
    const at = cacheable && prev ? prev.firstRow.get(spec) : undefined;
    if (at !== undefined && prev) {
      const head = prev.rows[at];
      const reads = head.block ? prev.reads.get(spec) : undefined;
      if (
        sameShape(head.input, input) &&
        sameInputs(head.inputs, extra ?? undefined) &&
        (head.error === undefined || head.path === path) &&
        (reads === undefined || this.scope.replay(reads))
      ) {
        placeRange(prev.rows, at, head.end, head.path, path, start - at, depth - head.depth, this.rows);
        this.defineInside(start + 1, this.rows.length);
        if (reads) this.reads.set(spec, reads);
        this.record(spec, start);
        return head.output;
      }
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
      placeRows(found, path, start - found.start, depth - found.depth, this.rows);
      this.defineInside(start + 1, this.rows.length);
      if (found.reads) this.reads.set(spec, found.reads);
      // Equal but for the layer's own name: its row gets its name and fields.
      const first = this.rows[start];
      // Equal but for the layer's own name, id or from: its row gets its own (and its fields).
      const own = first.params_ as Record<string, unknown>;
      if (
        first.name !== spec.name ||
        'name' in spec !== 'name' in own ||
        own.id !== spec.id ||
        'id' in spec !== 'id' in own ||
        !sameContent(spec.from, own.from)
      ) {
        const kind = kindOf(spec.type) as AnyKind;
        this.rows[start] = renamedRow(first, spec.name, withDefaults(kind.fields, spec), spec.id);
      }
      this.record(spec, start);
      return found.output;
    }
    const output = this.compute(spec, input, extra, path, depth);
    if (!cacheable) return output;
    this.record(spec, start);
    if (!shared || found === UNSHAREABLE) return output;
    // Only error-free evaluations are shared: error messages name the path.
    for (let i = start; i < this.rows.length; i++) if (this.rows[i].error !== undefined) return output;
    const rows = this.rows.slice(start);
    const memo: Memo = {
      input,
      inputs: extra ?? undefined,
      reads: this.reads.get(spec) ?? null,
      path,
      depth,
      start,
      rows,
      output,
      suffixes: undefined,
      modelSuffixes: undefined,
    };
    shared.add(found, spec, memo);
    return output;
  }

  /** Records where the rows of `spec` start, for the next run. */
  private record(spec: object, start: number): void {
    // Not inside a training-only block (its rows are replaced afterwards, so the index would
    // point at rows with zero compute), and only when the layer's rows form one range (an
    // internal error leaves an extra row).
    if (this.trainingOnly === 0 && this.rows[start].end === this.rows.length) this.firstRow.set(spec, start);
  }

  private compute(spec: LayerSpec, input: Shape | null, extra: Extra, path: string, depth: number): Shape | null {
    const parsed = parseLayer(spec, path);
    if ('error' in parsed) {
      this.errorRow(spec, path, depth, input, parsed.error);
      return null;
    }
    const { kind, params } = parsed;
    const arity = isBlock(kind) ? undefined : kind.arity;
    // A kind that takes no input (a learned tensor) ignores the previous layer's output.
    const given = spec.from === undefined ? (arity && arity[1] === 0 ? 0 : 1) : extra ? extra.length : 1;
    const wrong = arityError(kind.type, arity, given);
    if (wrong) {
      this.errorRow(spec, path, depth, input, wrong, kind);
      return null;
    }
    try {
      return isBlock(kind)
        ? this.block(kind, params, spec, input, path, depth)
        : this.leaf(kind, params, spec, input, extra, path, depth);
    } catch (err) {
      // A formula bug must not take the whole model down: report it on the row.
      this.errorRow(spec, path, depth, input, `internal error in ${kind.type}: ${(err as Error).message}`, kind);
      return null;
    }
  }

  private leaf(
    kind: LeafKind,
    p: Params,
    spec: LayerSpec,
    input: Shape | null,
    extra: Extra,
    path: string,
    depth: number,
  ) {
    const none = kind.arity !== undefined && kind.arity[1] === 0;
    if (none) input = NO_INPUT;
    else if (!input || (extra && extra.some((x) => x === null))) {
      this.errorRow(spec, path, depth, input, UNKNOWN_INPUT, kind);
      return null;
    }
    const inputs = none ? NO_INPUTS : ((extra ?? [input]) as readonly Shape[]);
    const shaped = kind.shape(p, input, inputs);
    if ('error' in shaped) {
      this.errorRow(spec, path, depth, input, shaped.error, kind);
      return null;
    }
    const huge = tooLarge(kind.type, shaped.output, this.batch);
    if (huge) {
      this.errorRow(spec, path, depth, input, huge, kind);
      return null;
    }
    const s = kind.symbols(p, input, shaped.output, this.batch, inputs);
    this.push(
      {
        path,
        depth,
        type: kind.type,
        name: spec.name,
        id: spec.id,
        category: kind.category,
        block: false,
        input,
        inputs: extra ?? undefined,
        output: shaped.output,
        symbols: s,
        params_: p,
        error: undefined,
      },
      this.counted(kind, s, kind, true),
    );
    return shaped.output;
  }

  private block(kind: BlockKind, p: Params, spec: LayerSpec, input: Shape | null, path: string, depth: number) {
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
        for (let t = 0; t < (p.times as number); t++)
          x = this.list(lists[0].layers, x, `${path}#${t}.${lists[0].key}`, depth + 1);
        outputs.push(x);
      } else {
        for (const l of lists)
          outputs.push(l.layers.length ? this.list(l.layers, input, `${path}.${l.key}`, depth + 1) : input);
      }
    } finally {
      if (kind.trainingOnly) this.trainingOnly--;
      const reads = this.scope.close();
      if (reads) this.reads.set(spec, reads);
    }
    const end = this.rows.length;
    if (kind.trainingOnly)
      for (let i = at + 1; i < end; i++) this.rows[i] = trainingOnlyRow(this.rows[i], this.convs.length);
    const head = (output: Shape | null, symbols: Symbols | null, error: string | undefined): RowHead => ({
      path,
      depth,
      type: kind.type,
      name: spec.name,
      id: spec.id,
      category: kind.category,
      block: true,
      input,
      inputs: undefined,
      output,
      symbols,
      params_: p,
      error,
    });
    let row: Row;
    const known = outputs.every((o): o is Shape => o !== null);
    const combined = input && known ? kind.combine(p, input, outputs) : null;
    if (!input || !combined || 'error' in combined) {
      const error = !input
        ? UNKNOWN_INPUT
        : combined && 'error' in combined
          ? combined.error
          : `${kind.type}: a layer inside has an error`;
      row = makeRow(head(null, null, error), ZERO_COUNTS(this.convs.length), end);
    } else {
      const s = kind.symbols(p, input, combined.output, this.batch, outputs as Shape[]);
      const produces = kind.mode !== 'repeat' && !kind.trainingOnly;
      row = makeRow(head(combined.output, s, undefined), this.counted(kind, s, {}, produces), end);
    }
    const total = ZERO_COUNTS(this.convs.length);
    addInto(total, row);
    sumRows(total, this.rows, at + 1, end);
    row.total = total;
    this.rows[at] = row;
    return row.output;
  }
}
