/** Element-wise difference of two tensors with broadcasting (`x - y`, torch.sub). */
import { binaryKind } from './binary';

export const sub = binaryKind({
  type: 'sub',
  label: 'Subtract',
  summary: 'First input minus the second, element by element (broadcasting)',
  examples: 'x - y, torch.sub(x, y), x.sub(y), x -= y',
  maxInputs: 2,
  exactNote: 'One subtraction per output element.',
});
