/** ELU (torch.nn.ELU): x if x > 0 else α·(exp(x) − 1). */
import { elementwiseKind } from './elementwise';

export const elu = elementwiseKind({
  type: 'elu',
  label: 'ELU',
  summary: 'x for x > 0, α·(eˣ − 1) otherwise',
  opsPerElement: 4,
  exactNote:
    'Per element: a comparison, an exp, a subtract and a multiply by α (the negative branch, counted for every element).',
  fields: [
    {
      name: 'alpha',
      kind: 'number',
      default: 1,
      label: 'Alpha',
      help: 'Scale α of the negative branch (PyTorch default 1.0)',
    },
  ],
});
