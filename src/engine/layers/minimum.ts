/**
 * Element-wise minimum of two or more tensors with broadcasting (torch.minimum(a, b),
 * torch.min(a, b); ONNX Min). The inputs are named with `from`. k − 1 comparisons per output
 * element for k inputs. The twin of maximum.ts.
 */
import { mul, sub, ZERO } from '../expr';
import { broadcastShapes, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const minimum: LeafKind = {
  type: 'minimum',
  label: 'Minimum',
  category: 'elementwise',
  summary: 'Smallest of two or more tensors, element by element (torch.minimum(a, b), ONNX Min); name them with from',
  fields: [],
  arity: [2, 64],
  shape(_p, _input, inputs) {
    if (inputs.length < 2) return { error: say('layer.twoOrMore', { type: 'minimum' }) };
    const rank = sameRankError('minimum', inputs);
    return rank ? { error: rank } : broadcastShapes('minimum', inputs);
  },
  symbols: (_p, input, output, batch, inputs) => commonSymbols(input, output, batch, { k: inputs.length }),
  params: ZERO,
  exact: mul(sub('k', 1), 'numel_out'),
  exactNote: 'k − 1 comparisons per output element for k inputs.',
};
