/** LeakyReLU (torch.nn.LeakyReLU): x if x > 0 else slope·x — a comparison and a multiply per element. */
import { elementwiseKind } from './elementwise';

export const leakyrelu = elementwiseKind({
  type: 'leakyrelu',
  label: 'LeakyReLU',
  summary: 'x for x > 0, negative_slope·x otherwise',
  opsPerElement: 2,
  exactNote: 'One comparison and one multiply (by the slope) per element.',
  fields: [
    {
      name: 'negative_slope',
      kind: 'number',
      default: 0.01,
      label: 'Negative slope',
      help: 'Slope for x < 0 (PyTorch default 0.01)',
    },
  ],
});
