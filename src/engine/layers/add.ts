/** Element-wise sum of two or more tensors with broadcasting (`x + y`, torch.add; a residual's merge). */
import { binaryKind } from './binary';

export const add = binaryKind({
  type: 'add',
  label: 'Add',
  summary: 'Sum of two or more tensors, element by element (broadcasting); name them with from',
  examples: 'x + y, torch.add(x, y), x.add(y), x += y',
  maxInputs: 64,
  exactNote: 'k − 1 adds per output element for k inputs.',
});
