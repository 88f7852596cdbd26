/**
 * The contract of block kinds: layers that hold other layer lists (residual, concat,
 * scale, repeat). The evaluator runs the child lists and asks the block how their
 * outputs combine; the combining op (an add, a multiply) has its own exact count and
 * conventions may count it (rule key = the block's type).
 */
import type { Expr, Symbols } from '../expr';
import type { LayerSpec, Shape } from '../format/model';
import type { FieldSpec } from './fields';
import type { Params, ShapeResult } from './kind';

export interface ChildList {
  /** Path segment of the list inside the block: `body`, `shortcut`, `branches[1]`. */
  readonly key: string;
  readonly layers: readonly LayerSpec[];
}

export interface BlockKind {
  readonly type: string;
  readonly label: string;
  readonly category: 'block';
  readonly summary: string;
  /** Own scalar fields (e.g. `times`); child lists are described by `lists`. */
  readonly fields: readonly FieldSpec[];
  /** Names and shapes of the child-list fields, for validation and the docs. */
  readonly listFields: readonly { name: string; nested: boolean; required: boolean; help: string }[];
  lists(spec: LayerSpec): ChildList[];
  /** How the lists run: side by side on the same input, or the one body `times` times in sequence. */
  readonly mode: 'parallel' | 'repeat';
  /**
   * The lists run only in training (auxiliary heads): their layers keep shapes and parameters,
   * the evaluator zeroes their compute, and the block passes its input on.
   */
  readonly trainingOnly?: boolean;
  /** Output of the block from the outputs of its lists (parallel mode). */
  combine(p: Params, input: Shape, outputs: readonly Shape[]): ShapeResult;
  symbols(p: Params, input: Shape, output: Shape, batch: number, outputs: readonly Shape[]): Symbols;
  /** Exact ops of the combining step itself (children are counted on their own rows). */
  readonly exact: Expr;
  readonly exactNote?: string;
}
