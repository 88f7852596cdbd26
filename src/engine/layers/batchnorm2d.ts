/**
 * Batch normalisation in eval mode (torch.nn.BatchNorm2d): y = (x − mean)/sqrt(var + eps)·γ + β,
 * which inference folds into one multiply and one add per element. Parameters γ, β (2·C when
 * affine); running mean and variance are buffers (2·C), not parameters (torchvision's num_params).
 */
import { mul, sym } from '../expr';
import { commonSymbols, needsMap, type LeafKind } from './kind';

export const batchnorm2d: LeafKind = {
  type: 'batchnorm2d',
  label: 'BatchNorm2d',
  category: 'norm',
  summary: 'Batch normalisation over channels (eval mode)',
  fields: [{ name: 'affine', kind: 'bool', default: true, label: 'Affine', help: 'Learnable scale γ and shift β' }],
  shape(_p, input) {
    const bad = needsMap('batchnorm2d', input);
    return bad ? { error: bad } : { output: input };
  },
  symbols(p, input, output, batch) {
    return commonSymbols(input, output, batch, { C: input[0], affine: p.affine ? 1 : 0 });
  },
  params: mul(2, 'affine', 'C'),
  buffers: mul(2, 'C'),
  exact: mul(2, sym('numel_in')),
  exactNote: 'Eval mode: the statistics fold into one multiply and one add per element.',
};
