/** Sigmoid (torch.nn.Sigmoid): 1 / (1 + exp(−x)). The seed article counts 4 operations per element. */
import { elementwiseKind } from './elementwise';

export const sigmoid = elementwiseKind({
  type: 'sigmoid',
  label: 'Sigmoid',
  summary: '1 / (1 + e⁻ˣ)',
  opsPerElement: 4,
  exactNote: 'Per element: negate, exp, add 1, reciprocal (the seed article’s own count).',
});
