/**
 * Cumulative sum along a dim (torch.cumsum(x, dim); ONNX CumSum with its exclusive and reverse
 * attributes). Dims count the batch as 0, as in PyTorch. The output has the input's shape. With L
 * values along the dim, each line takes L − 1 adds (L − 2 when exclusive: its first output is 0 and
 * its last value is never added). Symbols: `L`, `a` = adds per line.
 */
import { div, mul, ZERO } from '../expr';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';

export const cumsum: LeafKind = {
  type: 'cumsum',
  label: 'CumSum',
  category: 'elementwise',
  summary: 'Running sum along a dim (torch.cumsum, ONNX CumSum)',
  fields: [
    dimField('dim', 'Dim', 1, 'The dim the sum runs along, as in PyTorch (1 = the first after the batch)'),
    {
      name: 'exclusive',
      kind: 'bool',
      default: false,
      label: 'Exclusive',
      help: 'Each output leaves its own value out (ONNX CumSum exclusive = 1): the first is 0',
    },
    {
      name: 'reverse',
      kind: 'bool',
      default: false,
      label: 'Reverse',
      help: 'Sum from the end of the dim (ONNX CumSum reverse = 1)',
    },
  ],
  shape(p, input) {
    const at = dimIndex('cumsum', 'dim', p.dim as number, input.length);
    return typeof at === 'string' ? { error: at } : { output: input };
  },
  symbols: (p, input, output, batch) => {
    const at = dimIndex('cumsum', 'dim', p.dim as number, input.length);
    const L = input[typeof at === 'number' ? at : 0];
    return commonSymbols(input, output, batch, { L, a: Math.max(0, L - 1 - (p.exclusive ? 1 : 0)) });
  },
  params: ZERO,
  exact: mul('a', div('numel_in', 'L')),
  exactNote: 'Per line of L values along the dim, L − 1 adds (L − 2 when exclusive): a·numel / L, a the adds per line.',
};
