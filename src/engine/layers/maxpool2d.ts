/** Max pooling (torch.nn.MaxPool2d). No parameters (seed). Exact: Kh·Kw − 1 comparisons per output. */
import { mul, sub, ZERO } from '../expr';
import type { LeafKind } from './kind';
import { POOL_FIELDS } from './pool-fields';
import { poolShape, poolSymbols } from './pool-shape';

export const maxpool2d: LeafKind = {
  type: 'maxpool2d',
  label: 'MaxPool2d',
  category: 'pool',
  summary: 'Maximum over each window',
  fields: POOL_FIELDS,
  shape: (p, input) => poolShape('maxpool2d', p, input),
  symbols: poolSymbols,
  params: ZERO,
  exact: mul('numel_out', sub(mul('Kh', 'Kw'), 1)),
  exactNote: 'Kh·Kw − 1 comparisons per output element.',
};
