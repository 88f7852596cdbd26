/** Element-wise quotient of two tensors with broadcasting (`x / y`, torch.div). */
import { binaryKind } from './binary';

export const div = binaryKind({
  type: 'div',
  label: 'Divide',
  summary: 'First input divided by the second, element by element (broadcasting)',
  examples: 'x / y, torch.div(x, y), x.div(y), x /= y',
  maxInputs: 2,
  exactNote: 'One division per output element.',
});
