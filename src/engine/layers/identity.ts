/** Identity (torch.nn.Identity): passes its input through; a placeholder in presets. */
import { elementwiseKind } from './elementwise';

export const identity = elementwiseKind({
  type: 'identity',
  label: 'Identity',
  category: 'shape',
  summary: 'Output = input',
  opsPerElement: 0,
  exactNote: 'No arithmetic.',
});
