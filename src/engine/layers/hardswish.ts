/** Hardswish (torch.nn.Hardswish, MobileNetV3): x · min(max(x + 3, 0), 6) / 6. */
import { elementwiseKind } from './elementwise';

export const hardswish = elementwiseKind({
  type: 'hardswish',
  label: 'Hardswish',
  summary: 'x · ReLU6(x + 3) / 6 (MobileNetV3)',
  opsPerElement: 5,
  exactNote: 'Per element: add 3, two comparisons (clamp to [0, 6]), multiply by x, divide by 6.',
});
