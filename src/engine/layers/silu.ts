/** SiLU / Swish (torch.nn.SiLU, EfficientNet): x · sigmoid(x). */
import { elementwiseKind } from './elementwise';

export const silu = elementwiseKind({
  type: 'silu',
  label: 'SiLU (Swish)',
  summary: 'x · sigmoid(x) (EfficientNet)',
  opsPerElement: 5,
  exactNote: 'Per element: the sigmoid’s 4 operations and a multiply by x.',
});
