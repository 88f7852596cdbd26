/** Element-wise product of two or more tensors with broadcasting (`x * y`, torch.mul; gates, attention masks). */
import { binaryKind } from './binary';

export const mul = binaryKind({
  type: 'mul',
  label: 'Multiply',
  summary: 'Product of two or more tensors, element by element (broadcasting); name them with from',
  examples: 'x * y, torch.mul(x, y), x.mul(y), x *= y',
  maxInputs: 64,
  exactNote: 'k − 1 multiplies per output element for k inputs.',
});
