/**
 * How an evaluation makes its rows (split from run.ts, which walks the layer tree and decides
 * what to evaluate): a leaf's row from its shape rule and formulas, a block's own row once its
 * lists have run, and error rows. A layer that cannot be evaluated gets an error row; the
 * layers before it keep their numbers.
 */
import { evaluate as evalExpr, type Symbols } from './expr';
import type { LayerSpec, Shape } from './format/model';
import { isBlock, type AnyKind } from './layers/registry';
import type { BlockKind } from './layers/block';
import type { LeafKind, Params } from './layers/kind';
import { ruleFor, type Convention } from './conventions/types';
import { tooLarge } from './graph-messages';
import { addInto, makeRow, sumRows, trainingOnlyRow, ZERO_COUNTS, type Counts, type Row, type RowHead } from './rows';
import { say } from './messages';

/** Inputs beyond the first, for a layer whose `from` names several (null: one input). */
export type Extra = readonly (Shape | null)[] | null;

export const UNKNOWN_INPUT = say('row.unknownInput');
/** What a kind that takes no input (a learned tensor) is given. */
const NO_INPUT: Shape = [];
const NO_INPUTS: readonly Shape[] = [];

/** The rows of one evaluation, and how they are made. */
export class RowWriter {
  readonly rows: Row[] = [];

  constructor(
    readonly batch: number,
    readonly convs: readonly Convention[],
  ) {}

  protected push(head: RowHead, counts: Counts): Row {
    const r = makeRow(head, counts, this.rows.length + 1);
    this.rows.push(r);
    return r;
  }

  protected errorRow(
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
        // A not-counted row keeps the file's operator even when its input is unknown, so the
        // "partial: … not counted" lists can name it (they said "(?)" for those).
        params_:
          kind?.type === 'opaque' && typeof (s as { op?: unknown })?.op === 'string'
            ? { op: (s as { op: string }).op }
            : null,
        error,
      },
      ZERO_COUNTS(this.convs.length),
    );
  }

  protected counted(
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

  protected leaf(
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
      // A layer that uses another's weights (`shares`: a Keras layer called twice, tied weights)
      // computes as itself, but its parameters and buffers are counted at that layer.
      this.counted(kind, s, spec.shares === undefined ? kind : { macs: kind.macs }, true),
    );
    return shaped.output;
  }

  /**
   * The row of a block whose lists have run (their rows are [at + 1, end of rows)): put in place
   * of its placeholder at `at`, with the combined output and the subtotal; inside a training-only
   * block the rows are replaced by ones without compute. Returns the block's output.
   */
  protected blockRow(
    kind: BlockKind,
    p: Params,
    spec: LayerSpec,
    input: Shape | null,
    outputs: readonly (Shape | null)[],
    path: string,
    depth: number,
    at: number,
  ): Shape | null {
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
          : say('row.insideError', { type: kind.type });
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
