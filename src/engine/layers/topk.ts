/**
 * The k largest (or smallest) values along a dim and their indices (torch.topk(x, k, dim); ONNX
 * TopK with a constant k). Dims count the batch as 0, as in PyTorch. The dim's size becomes k; the
 * indices output has the same shape (the ONNX importer reads it from this row, so the work is
 * counted once whichever output is used).
 *
 * How many compares a top-k takes depends on the algorithm (PyTorch and onnxruntime use partial
 * sorts or heaps whose count depends on the data), so the exact count is that of one stated
 * procedure: k passes that each take the largest of the values left, L − 1, L − 2, …, L − k
 * compares per line of L values, k·L − k(k + 1)/2 in all; for k = 1 it is amax's L − 1. Symbols:
 * `L`, `k`, `c` = those compares per line.
 */
import { div, mul, ZERO } from '../expr';
import { shapeText } from '../format/model';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const topk: LeafKind = {
  type: 'topk',
  label: 'TopK',
  category: 'pool',
  summary: 'The k largest or smallest values along a dim, with their indices (torch.topk, ONNX TopK)',
  fields: [
    dimField('dim', 'Dim', -1, 'The dim, as in PyTorch (1 = the first after the batch, −1 the last)'),
    { name: 'k', kind: 'int', min: 1, required: true, label: 'k', help: 'How many values are kept along the dim' },
    {
      name: 'largest',
      kind: 'bool',
      default: true,
      label: 'Largest',
      help: 'Keep the largest values (off: the smallest, ONNX TopK largest = 0)',
    },
  ],
  shape(p, input) {
    const at = dimIndex('topk', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    const k = p.k as number;
    if (k > input[at])
      return {
        error: say('layer.topkMoreThan', { k, n: input[at], dim: p.dim as number, shape: shapeText(input) }),
      };
    return { output: input.map((d, i) => (i === at ? k : d)) };
  },
  symbols: (p, input, output, batch) => {
    const at = dimIndex('topk', 'dim', p.dim as number, input.length);
    const L = input[typeof at === 'number' ? at : 0];
    const k = Math.min(p.k as number, L);
    return commonSymbols(input, output, batch, { L, k, c: k * L - (k * (k + 1)) / 2 });
  },
  params: ZERO,
  exact: mul('c', div('numel_in', 'L')),
  exactNote:
    'Compares of k passes that each take the largest (smallest) of the values left: k·L − k(k + 1)/2 per line of L values along the dim (L − 1 for k = 1, as amax). Libraries use partial sorts or heaps whose compare count depends on the data; this is the count of that one stated procedure.',
};
