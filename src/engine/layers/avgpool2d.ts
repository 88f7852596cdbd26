/**
 * Average pooling (torch.nn.AvgPool2d, count_include_pad=True). No parameters (seed).
 * Exact: Kh·Kw − 1 adds and one divide per output. `dilation` is ONNX AveragePool's dilations
 * (opset ≥ 19; PyTorch's AvgPool2d has none): it spaces the taps and adds none.
 */
import { mul, ZERO } from '../expr';
import type { LeafKind } from './kind';
import { POOL_FIELDS } from './pool-fields';
import { DILATION } from './common-fields';
import { poolShape, poolSymbols } from './pool-shape';

export const avgpool2d: LeafKind = {
  type: 'avgpool2d',
  label: 'AvgPool2d',
  category: 'pool',
  summary: 'Mean over each window',
  fields: [...POOL_FIELDS.slice(0, 3), DILATION, ...POOL_FIELDS.slice(3)],
  shape: (p, input) => poolShape('avgpool2d', p, input),
  symbols: poolSymbols,
  params: ZERO,
  exact: mul('numel_out', 'Kh', 'Kw'),
  exactNote: 'Kh·Kw − 1 adds and 1 divide per output element.',
};
