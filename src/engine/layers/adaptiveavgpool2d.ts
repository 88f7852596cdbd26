/** Adaptive average pooling (torch.nn.AdaptiveAvgPool2d); out 1 is global average pooling. */
import { mul, ZERO } from '../expr';
import type { LeafKind } from './kind';
import { ADAPTIVE_FIELDS, adaptiveShape, adaptiveSymbols } from './adaptive';

export const adaptiveavgpool2d: LeafKind = {
  type: 'adaptiveavgpool2d',
  label: 'AdaptiveAvgPool2d',
  category: 'pool',
  summary: 'Average to a fixed output size (1 = global average pool)',
  fields: ADAPTIVE_FIELDS,
  shape: (p, input) => adaptiveShape('adaptiveavgpool2d', p, input),
  symbols: adaptiveSymbols,
  params: ZERO,
  // Each output: (window area − 1) adds + 1 divide = window area; summed over outputs = A per map.
  exact: mul('N', 'C', 'A'),
  exactNote: 'Per output: window area − 1 adds and 1 divide; A is the summed window area of one map.',
};
