/** Adaptive max pooling (torch.nn.AdaptiveMaxPool2d); out 1 is global max pooling. No parameters. */
import { mul, sub, ZERO } from '../expr';
import type { LeafKind } from './kind';
import { ADAPTIVE_FIELDS, adaptiveShape, adaptiveSymbols } from './adaptive';

export const adaptivemaxpool2d: LeafKind = {
  type: 'adaptivemaxpool2d',
  label: 'AdaptiveMaxPool2d',
  category: 'pool',
  summary: 'Maximum to a fixed output size (1 = global max pool)',
  fields: ADAPTIVE_FIELDS,
  shape: (p, input) => adaptiveShape('adaptivemaxpool2d', p, input),
  symbols: adaptiveSymbols,
  params: ZERO,
  // Each output: window area − 1 comparisons; A sums the window areas of one map.
  exact: mul('N', 'C', sub('A', mul('Ho', 'Wo'))),
  exactNote: 'Per output: window area − 1 comparisons; A is the summed window area of one map.',
};
