/**
 * Layer scale (ConvNeXt's learnable per-channel γ, torchvision CNBlock.layer_scale):
 * y = γ ⊙ x with γ of shape [C, 1, 1]. C parameters, one multiply per element.
 */
import { sym } from '../expr';
import { elementwiseKind } from './elementwise';

export const layerscale = elementwiseKind({
  type: 'layerscale',
  label: 'LayerScale',
  category: 'elementwise',
  summary: 'Multiply each channel by a learnable γ (ConvNeXt)',
  opsPerElement: 1,
  exactNote: 'One multiply per element.',
  params: sym('C'),
});
