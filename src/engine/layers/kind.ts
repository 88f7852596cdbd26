/**
 * The contract every layer kind implements. One file per kind in this folder; registry.ts
 * lists them. A kind states its fields, how it transforms a shape, the symbols its
 * formulas use, and its intrinsic formulas (parameters, conv/linear MACs, exact op count).
 * How a counting *tool* counts the kind lives in conventions/, not here.
 */
import type { Expr, Symbols } from '../expr';
import type { Shape } from '../format/model';
import type { FieldSpec } from './fields';
import { say } from '../messages';

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
  /**
   * How many inputs the kind takes, [min, max] (default [1, 1]). A kind that takes several gets
   * them from the layer's `from`; `inputs` then lists every input, `input` being the first.
   */
  readonly arity?: readonly [number, number];
  /** Output shape for an input shape (PyTorch semantics), or an error with the numbers in it. */
  shape(p: Params, input: Shape, inputs: readonly Shape[]): ShapeResult;
  /**
   * Symbol values for this layer's formulas. Every kind provides at least the common
   * symbols (see commonSymbols); `N` is the batch.
   */
  symbols(p: Params, input: Shape, output: Shape, batch: number, inputs: readonly Shape[]): Symbols;
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

/**
 * Symbols every layer has: batch, input/output dims (1 where a tensor has fewer) and element
 * counts, plus the kind's own `extra` symbols. Build symbol objects with this function, not
 * with object spreads: on Node 20's V8 `{ ...a, ...b, c }` costs ~40 µs (slow path) against
 * ~0.5 µs here, which decides whether a 10,000-layer model evaluates in 10 ms or 500 ms.
 */
export function commonSymbols(
  input: Shape,
  output: Shape,
  batch: number,
  extra?: Readonly<Record<string, number>>,
): Record<string, number> {
  let inPer = 1;
  for (const d of input) inPer *= d;
  let outPer = 1;
  for (const d of output) outPer *= d;
  const s: Record<string, number> = {
    N: batch,
    Cin: input[0],
    Hin: input[1] ?? 1,
    Win: input[2] ?? 1,
    Cout: output[0],
    Ho: output[1] ?? 1,
    Wo: output[2] ?? 1,
    numel_in: batch * inPer,
    numel_out: batch * outPer,
  };
  if (extra) for (const k in extra) s[k] = extra[k];
  return s;
}

/** Shape helpers shared by kinds that need a [C, H, W] input. */
export function needsMap(type: string, input: Shape): string | null {
  return input.length === 3
    ? null
    : say(input.length === 1 ? 'layer.needsMapFlat' : 'layer.needsMap', { type, shape: input.join(', ') });
}
