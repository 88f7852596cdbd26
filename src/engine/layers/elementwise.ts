/**
 * Builder for shape-preserving, parameter-free element-wise layers (activations, dropout).
 * Each such kind still has its own file (relu.ts, sigmoid.ts, …) that states its op count.
 */
import { mul, ZERO, type Expr } from '../expr';
import { commonSymbols, type LayerCategory, type LeafKind } from './kind';
import type { FieldSpec } from './fields';

export function elementwiseKind(k: {
  type: string;
  label: string;
  summary: string;
  /** Exact arithmetic operations per element. */
  opsPerElement: number;
  exactNote: string;
  category?: LayerCategory;
  fields?: readonly FieldSpec[];
  params?: Expr;
}): LeafKind {
  return {
    type: k.type,
    label: k.label,
    category: k.category ?? 'activation',
    summary: k.summary,
    fields: k.fields ?? [],
    shape: (_p, input) => ({ output: input }),
    symbols: (_p, input, output, batch) => ({ ...commonSymbols(input, output, batch), C: input[0] }),
    params: k.params ?? ZERO,
    exact: k.opsPerElement === 0 ? ZERO : mul(k.opsPerElement, 'numel_out'),
    exactNote: k.exactNote,
  };
}
