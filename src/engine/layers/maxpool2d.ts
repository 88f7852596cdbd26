/**
 * Max pooling (torch.nn.MaxPool2d), with dilation as PyTorch and ONNX MaxPool (opset ≥ 10) allow it
 * (average pooling has none). No parameters (seed). Exact: Kh·Kw − 1 comparisons per output,
 * whatever the dilation (it spaces the taps, it does not add any).
 */
import { mul, sub, ZERO } from '../expr';
import type { LeafKind } from './kind';
import { DILATION } from './common-fields';
import { POOL_FIELDS } from './pool-fields';
import { poolShape, poolSymbols } from './pool-shape';

export const maxpool2d: LeafKind = {
  type: 'maxpool2d',
  label: 'MaxPool2d',
  category: 'pool',
  summary: 'Maximum over each window',
  fields: [...POOL_FIELDS.slice(0, 3), DILATION, ...POOL_FIELDS.slice(3)],
  shape: (p, input) => poolShape('maxpool2d', p, input),
  symbols: poolSymbols,
  params: ZERO,
  exact: mul('numel_out', sub(mul('Kh', 'Kw'), 1)),
  exactNote: 'Kh·Kw − 1 comparisons per output element.',
};
