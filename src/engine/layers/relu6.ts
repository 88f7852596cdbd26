/** ReLU6 (torch.nn.ReLU6): min(max(0, x), 6), two comparisons per element. */
import { elementwiseKind } from './elementwise';

export const relu6 = elementwiseKind({
  type: 'relu6',
  label: 'ReLU6',
  summary: 'min(max(0, x), 6) (MobileNet)',
  opsPerElement: 2,
  exactNote: 'Two comparisons per element (against 0 and against 6).',
});
