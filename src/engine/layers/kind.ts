/**
 * The contract every layer kind implements. One file per kind in this folder; registry.ts
 * lists them. A kind states its fields, how it transforms a shape, the symbols its
 * formulas use, and its intrinsic formulas (parameters, conv/linear MACs, exact op count).
 * How a counting *tool* counts the kind lives in conventions/, not here.
 */
import type { Expr, Symbols } from '../expr';
import type { Shape } from '../format/model';
import type { FieldSpec } from './fields';

export type LayerCategory = 'conv' | 'linear' | 'pool' | 'norm' | 'activation' | 'shape' | 'elementwise' | 'block';

/** Fields of a layer after validation, defaults applied. */
export type Params = Readonly<Record<string, unknown>>;

/** A shape function's answer: the output shape, or a sentence saying why there is none. */
export type ShapeResult = { readonly output: Shape } | { readonly error: string };

export interface LeafKind {
  readonly type: string;
  readonly label: string;
  readonly category: LayerCategory;
  /** One line for the palette and the docs. */
  readonly summary: string;
  readonly fields: readonly FieldSpec[];
  /** Output shape for an input shape (PyTorch semantics), or an error with the numbers in it. */
  shape(p: Params, input: Shape): ShapeResult;
  /**
   * Symbol values for this layer's formulas. Every kind provides at least the common
   * symbols (see commonSymbols); `N` is the batch.
   */
  symbols(p: Params, input: Shape, output: Shape, batch: number): Symbols;
  /** Learnable parameters (weights, bias, affine). */
  readonly params: Expr;
  /** Non-learnable state counted separately (BN running mean/var). */
  readonly buffers?: Expr;
  /** Multiply-accumulates of conv/linear weights, bias excluded (torchvision's `_ops`). Zero elsewhere. */
  readonly macs?: Expr;
  /** Every arithmetic operation (multiplies, adds, compares, divides, exps) — the `exact` convention. */
  readonly exact: Expr;
  /** Plain-words note on how `exact` counts this kind (shown by the inspector). */
  readonly exactNote?: string;
}

/** Symbols every layer has: batch, input/output dims (1 where a tensor has fewer) and element counts. */
export function commonSymbols(input: Shape, output: Shape, batch: number): Record<string, number> {
  const [Cin, Hin = 1, Win = 1] = input;
  const [Cout, Ho = 1, Wo = 1] = output;
  const inPer = input.reduce((a, b) => a * b, 1);
  const outPer = output.reduce((a, b) => a * b, 1);
  return {
    N: batch,
    Cin,
    Hin,
    Win,
    Cout,
    Ho,
    Wo,
    numel_in: batch * inPer,
    numel_out: batch * outPer,
  };
}

/** Shape helpers shared by kinds that need a [C, H, W] input. */
export function needsMap(type: string, input: Shape): string | null {
  return input.length === 3
    ? null
    : `${type} needs a [C, H, W] feature map, got [${input.join(', ')}]${input.length === 1 ? ' (after a flatten)' : ''}`;
}
