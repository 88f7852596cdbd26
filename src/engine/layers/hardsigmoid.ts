/** Hardsigmoid (torch.nn.Hardsigmoid, MobileNetV3 squeeze-excite gate): min(max(x + 3, 0), 6) / 6. */
import { elementwiseKind } from './elementwise';

export const hardsigmoid = elementwiseKind({
  type: 'hardsigmoid',
  label: 'Hardsigmoid',
  summary: 'ReLU6(x + 3) / 6 (MobileNetV3 gate)',
  opsPerElement: 4,
  exactNote: 'Per element: add 3, two comparisons (clamp to [0, 6]), divide by 6.',
});
