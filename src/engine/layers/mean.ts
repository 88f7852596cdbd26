/**
 * Mean over dims (x.mean(dims, keepdim)): EfficientNet-style global pooling written as
 * `x.mean([2, 3])`, a ViT's token average. Dims count the batch as 0, as in PyTorch. Per output:
 * the R values it averages take R − 1 adds and one divide, so numel_in operations in all.
 */
import { mul, ZERO } from '../expr';
import { dimIndex } from './dims';
import { commonSymbols, type LeafKind, type Params, type ShapeResult } from './kind';
import type { Shape } from '../format/model';
import type { FieldSpec } from './fields';

/** The `dims` and `keepdim` fields of a reduction (mean, reduce); `what` says what happens to the dims. */
export function reduceFields(what: string): FieldSpec[] {
  return [
    {
      name: 'dims',
      kind: 'ints',
      min: -9,
      maxLength: 8,
      required: true,
      label: 'Dims',
      help: `The dims ${what}, as in PyTorch: 2, 3 are H and W of [C, H, W]`,
    },
    { name: 'keepdim', kind: 'bool', default: false, label: 'Keep dims', help: `Keep the ${what} dims with size 1` },
  ];
}

/** The shape after reducing `dims` (batch = 0), keeping them as 1 with keepdim (mean and reduce). */
export function reducedShape(type: string, p: Params, input: Shape): ShapeResult {
  const at = new Set<number>();
  for (const d of p.dims as number[]) {
    const i = dimIndex(type, 'dims', d, input.length);
    if (typeof i === 'string') return { error: i };
    at.add(i);
  }
  const out: number[] = [];
  input.forEach((d, i) => {
    if (!at.has(i)) out.push(d);
    else if (p.keepdim) out.push(1);
  });
  return { output: out.length ? out : [1] };
}

export const mean: LeafKind = {
  type: 'mean',
  label: 'Mean',
  category: 'pool',
  summary: 'Average over dims (x.mean(dims)); e.g. 2, 3 is a global average pool',
  fields: [...reduceFields('averaged')],
  shape: (p, input) => reducedShape('mean', p, input),
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: mul(1, 'numel_in'),
  exactNote: 'Per output, R − 1 adds over the R values it averages and one divide: numel_in in all.',
};
