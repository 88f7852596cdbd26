/**
 * Builder for shape-preserving element-wise layers (activations, dropout, identity).
 * Each such kind still has its own file (relu.ts, sigmoid.ts, …) that states its op count.
 */
import { mul, ZERO, type Expr } from '../expr';
import type { Shape } from '../format/model';
import { commonSymbols, type LayerCategory, type LeafKind, type Params } from './kind';
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
  /** Extra validation of the fields against the input; returns an error sentence or null. */
  check?: (p: Params, input: Shape) => string | null;
  /** Extra symbols (e.g. a PReLU's parameter count) merged into the common ones. */
  symbols?: (p: Params, input: Shape) => Record<string, number>;
}): LeafKind {
  return {
    type: k.type,
    label: k.label,
    category: k.category ?? 'activation',
    summary: k.summary,
    fields: k.fields ?? [],
    shape: (p, input) => {
      const bad = k.check?.(p, input);
      return bad ? { error: bad } : { output: input };
    },
    symbols: (p, input, output, batch) =>
      commonSymbols(input, output, batch, Object.assign({ C: input[0] }, k.symbols ? k.symbols(p, input) : undefined)),
    params: k.params ?? ZERO,
    exact: k.opsPerElement === 0 ? ZERO : mul(k.opsPerElement, 'numel_out'),
    exactNote: k.exactNote,
  };
}
