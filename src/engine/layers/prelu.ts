/**
 * PReLU (torch.nn.PReLU): x if x > 0 else a·x with a learnable slope a — one shared slope
 * (num_parameters = 1, the PyTorch default) or one per channel (num_parameters = C).
 */
import { sym } from '../expr';
import { elementwiseKind } from './elementwise';

export const prelu = elementwiseKind({
  type: 'prelu',
  label: 'PReLU',
  summary: 'LeakyReLU with a learnable slope (1 shared or 1 per channel)',
  opsPerElement: 2,
  exactNote: 'One comparison and one multiply (by the learned slope) per element.',
  fields: [
    {
      name: 'num_parameters',
      kind: 'int',
      min: 1,
      default: 1,
      label: 'Slopes',
      help: 'Number of learnable slopes: 1 (shared, PyTorch default) or the channel count',
    },
  ],
  params: sym('A'),
  check: (p, input) => {
    const a = p.num_parameters as number;
    return a === 1 || a === input[0]
      ? null
      : `prelu: num_parameters must be 1 or the input channels ${input[0]}, got ${a}`;
  },
  symbols: (p) => ({ A: p.num_parameters as number }),
});
