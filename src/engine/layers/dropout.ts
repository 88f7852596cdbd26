/** Dropout (torch.nn.Dropout). Counting is for inference (eval mode), where dropout is the identity. */
import { elementwiseKind } from './elementwise';

export const dropout = elementwiseKind({
  type: 'dropout',
  label: 'Dropout',
  category: 'shape',
  summary: 'Identity at inference (p only matters in training)',
  opsPerElement: 0,
  exactNote: 'Eval mode: dropout passes its input through, no arithmetic.',
  check: (p) => ((p.p as number) > 1 ? `dropout: p must be between 0 and 1, got ${String(p.p)}` : null),
  fields: [
    {
      name: 'p',
      kind: 'number',
      default: 0.5,
      min: 0,
      label: 'Drop probability',
      help: 'Probability of zeroing an element in training (0 ≤ p ≤ 1; PyTorch default 0.5)',
    },
  ],
});
