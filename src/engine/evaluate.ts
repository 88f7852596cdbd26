/**
 * The evaluator: runs shape inference and counting over a model's layer tree.
 *
 * It never throws. A layer whose fields are invalid, whose shape cannot be computed or whose
 * input is unknown reports an `error` on its own row; the layers before it keep their numbers.
 * Rows are in depth-first order; a block row is followed by its children's rows and records
 * where they end (`end`), plus subtotals. Repeat bodies appear once per iteration, with the
 * iteration in the path (`layers[4]#1.body[0]`).
 */
import { evaluate as evalExpr, type Symbols } from './expr';
import type { LayerSpec, Model, Shape } from './format/model';
import { isBlock, kindOf, parseLayer, type AnyKind } from './layers/registry';
import { withDefaults } from './layers/fields';
import type { BlockKind } from './layers/block';
import type { LeafKind, Params } from './layers/kind';
import { conventionById, DEFAULT_CONVENTION } from './conventions/registry';
import { ruleFor, type Convention } from './conventions/types';
import { checkModelHeader } from './format/header';
import { SharedLayers, UNSHAREABLE } from './shared-layers';

import {
  addInto,
  makeRow,
  keepMemos,
  recentMemos,
  placeRange,
  placeRows,
  renamedRow,
  sumRows,
  sameShape,
  trainingOnlyRow,
  ZERO_COUNTS,
  type Counts,
  type ModelResult,
  type Row,
  type RowHead,
  type EvalOptions,
  type Memo,
  type RunMemos,
} from './rows';

export type { Counts, EvalOptions, ModelResult, Row } from './rows';

const UNKNOWN_INPUT = 'input unknown: an earlier layer has an error';

/** One evaluation: walks the layer tree and collects rows. */
class Run {
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
  readonly firstRow = new Map<object, number>();
  /** Depth inside training-only blocks, whose rows are replaced after their layers ran. */
  private trainingOnly = 0;
  constructor(
    readonly batch: number,
    readonly convs: readonly Convention[],
    reuse: boolean,
  ) {
    this.shared = reuse ? new SharedLayers() : null;
    this.memoKey = `${batch}|${convs.map((c) => c.id).join(',')}`;
    this.previous = reuse ? recentMemos(this.memoKey) : undefined;
  }

  list(layers: readonly LayerSpec[], input: Shape | null, prefix: string, depth: number): Shape | null {
    let x = input;
    for (let i = 0; i < layers.length; i++) x = this.layer(layers[i], x, `${prefix}[${i}]`, depth);
    return x;
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
    kind?: AnyKind,
  ): Row {
    const s = spec as Partial<LayerSpec> | null;
    return this.push(
      {
        path,
        depth,
        type: typeof s?.type === 'string' ? s.type : '?',
        name: typeof s?.name === 'string' ? s.name : undefined,
        category: kind?.category ?? 'unknown',
        block: kind ? isBlock(kind) : false,
        input,
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

  layer(spec: LayerSpec, input: Shape | null, path: string, depth: number): Shape | null {
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
      if (sameShape(head.input, input) && (head.error === undefined || head.path === path)) {
        placeRange(prev.rows, at, head.end, head.path, path, start - at, depth - head.depth, this.rows);
        this.record(spec, start);
        return head.output;
      }
    }
    // A layer equal in content to one evaluated earlier in this run, on an equal input.
    const shared = this.shared;
    const found = shared && input && cacheable ? shared.find(spec, input) : UNSHAREABLE;
    if (typeof found !== 'number') {
      placeRows(found, path, start - found.start, depth - found.depth, this.rows);
      // Equal but for the layer's own name: its row gets its name and fields.
      const first = this.rows[start];
      if (first.name !== spec.name || 'name' in spec !== 'name' in (first.params_ as object)) {
        const kind = kindOf(spec.type) as AnyKind;
        this.rows[start] = renamedRow(first, spec.name, withDefaults(kind.fields, spec));
      }
      this.record(spec, start);
      return found.output;
    }
    const output = this.compute(spec, input, path, depth);
    if (!cacheable) return output;
    this.record(spec, start);
    if (!shared || found === UNSHAREABLE) return output;
    // Only error-free evaluations are shared: error messages name the path.
    for (let i = start; i < this.rows.length; i++) if (this.rows[i].error !== undefined) return output;
    const rows = this.rows.slice(start);
    const memo: Memo = { input, path, depth, start, rows, output, suffixes: undefined, modelSuffixes: undefined };
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

  private compute(spec: LayerSpec, input: Shape | null, path: string, depth: number): Shape | null {
    const parsed = parseLayer(spec, path);
    if ('error' in parsed) {
      this.errorRow(spec, path, depth, input, parsed.error);
      return null;
    }
    const { kind, params } = parsed;
    try {
      return isBlock(kind)
        ? this.block(kind, params, spec, input, path, depth)
        : this.leaf(kind, params, spec, input, path, depth);
    } catch (err) {
      // A formula bug must not take the whole model down: report it on the row.
      this.errorRow(spec, path, depth, input, `internal error in ${kind.type}: ${(err as Error).message}`, kind);
      return null;
    }
  }

  private leaf(kind: LeafKind, p: Params, spec: LayerSpec, input: Shape | null, path: string, depth: number) {
    if (!input) {
      this.errorRow(spec, path, depth, input, UNKNOWN_INPUT, kind);
      return null;
    }
    const shaped = kind.shape(p, input);
    if ('error' in shaped) {
      this.errorRow(spec, path, depth, input, shaped.error, kind);
      return null;
    }
    const s = kind.symbols(p, input, shaped.output, this.batch);
    this.push(
      {
        path,
        depth,
        type: kind.type,
        name: spec.name,
        category: kind.category,
        block: false,
        input,
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
    }
    const end = this.rows.length;
    if (kind.trainingOnly)
      for (let i = at + 1; i < end; i++) this.rows[i] = trainingOnlyRow(this.rows[i], this.convs.length);
    const head = (output: Shape | null, symbols: Symbols | null, error: string | undefined): RowHead => ({
      path,
      depth,
      type: kind.type,
      name: spec.name,
      category: kind.category,
      block: true,
      input,
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

/** Evaluates a model. Never throws; problems are reported in the result. */
export function evaluateModel(model: Model, opts: EvalOptions = {}): ModelResult {
  return evaluate(model, opts, true);
}

/**
 * The same evaluation with every layer computed on its own: nothing reused from earlier runs
 * or from equal layers of this run. The reference the tests hold `evaluateModel` to.
 */
export function evaluateModelFromScratch(model: Model, opts: EvalOptions = {}): ModelResult {
  return evaluate(model, opts, false);
}

function evaluate(model: Model, opts: EvalOptions, reuse: boolean): ModelResult {
  const ids = (opts.conventions ?? [DEFAULT_CONVENTION]).filter((id) => conventionById(id));
  const convs = ids.map((id) => conventionById(id) as Convention);
  const header = checkModelHeader({
    ...model,
    ...(opts.input ? { input: opts.input } : {}),
    ...(opts.batch ? { batch: opts.batch } : {}),
  });
  const batch = header.batch;
  const layers = Array.isArray(model?.layers) ? model.layers : [];
  const run = new Run(batch, convs, reuse);
  let output: Shape | null;
  try {
    output = run.list(layers, header.error ? null : header.input, 'layers', 0);
  } catch (err) {
    return {
      conventions: ids,
      batch,
      input: header.input,
      output: null,
      rows: run.rows,
      totals: ZERO_COUNTS(ids.length),
      errors: run.rows.length + 1,
      modelError: `internal error: ${(err as Error).message}`,
    };
  }
  // The engine keeps its rows for the next run; the caller gets its own array.
  if (reuse) keepMemos(run.memoKey, { rows: run.rows, firstRow: run.firstRow });
  const totals = ZERO_COUNTS(ids.length);
  sumRows(totals, run.rows, 0, run.rows.length);
  let errors = 0;
  for (const r of run.rows) if (r.error) errors++;
  return {
    conventions: ids,
    batch,
    input: header.error ? null : header.input,
    output,
    rows: reuse ? run.rows.slice() : run.rows,
    totals,
    errors,
    ...(header.error ? { modelError: header.error } : {}),
  };
}
