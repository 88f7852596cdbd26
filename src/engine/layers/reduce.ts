/**
 * Sum, maximum or minimum over dims (x.sum(dims), x.amax(dims), torch.max(x, dim).values,
 * x.amin(dims)); the mean has its own kind (mean.ts). Dims count the batch as 0, as in PyTorch.
 * Per output, the R values it reduces take R − 1 adds or compares: numel_in − numel_out in all.
 */
import { sub, ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { reducedShape, reduceFields } from './mean';

export const reduce: LeafKind = {
  type: 'reduce',
  label: 'Reduce',
  category: 'pool',
  summary: 'Sum, max or min over dims (x.sum(dims), x.amax(dims), torch.max(x, dim).values)',
  fields: [
    {
      name: 'op',
      kind: 'enum',
      options: ['sum', 'amax', 'amin'],
      default: 'sum',
      label: 'Op',
      help: 'sum adds the values; amax / amin keep the largest / smallest (torch.max(x, dim).values is amax)',
    },
    ...reduceFields('reduced'),
  ],
  shape: (p, input) => reducedShape('reduce', p, input),
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { amax: p.op === 'sum' ? 0 : 1 }),
  params: ZERO,
  exact: sub('numel_in', 'numel_out'),
  exactNote:
    'Per output, R − 1 adds (sum) or compares (amax, amin) over the R values it reduces: numel_in − numel_out.',
};
