/**
 * Element-wise maximum of two or more tensors with broadcasting (torch.max(a, b),
 * torch.maximum; Caffe's Eltwise MAX, as in LightCNN's max-feature-map). The inputs are named
 * with `from`. k − 1 comparisons per output element for k inputs.
 */
import { mul, sub, ZERO } from '../expr';
import { broadcastShapes, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const maximum: LeafKind = {
  type: 'maximum',
  label: 'Maximum',
  category: 'elementwise',
  summary:
    'Largest of two or more tensors, element by element (torch.max(a, b), Caffe Eltwise MAX); name them with from',
  fields: [],
  arity: [2, 64],
  shape(_p, _input, inputs) {
    if (inputs.length < 2) return { error: say('layer.twoOrMore', { type: 'maximum' }) };
    const rank = sameRankError('maximum', inputs);
    return rank ? { error: rank } : broadcastShapes('maximum', inputs);
  },
  symbols: (_p, input, output, batch, inputs) => commonSymbols(input, output, batch, { k: inputs.length }),
  params: ZERO,
  exact: mul(sub('k', 1), 'numel_out'),
  exactNote: 'k − 1 comparisons per output element for k inputs.',
};
