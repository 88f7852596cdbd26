/**
 * Fully connected layer (torch.nn.Linear) on a flat [F] input. Parameters I·O + O (seed:
 * VGG-16's 7·7·512 → 4096 has 102,760,448 weights).
 */
import { add, mul, sub, sym } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { BIAS } from './common-fields';

export const linear: LeafKind = {
  type: 'linear',
  label: 'Linear',
  category: 'linear',
  summary: 'Fully connected layer on a flat vector',
  fields: [
    { name: 'out', kind: 'int', min: 1, required: true, label: 'Out features', help: 'Number of output features (O)' },
    BIAS,
  ],
  shape(p, input) {
    if (input.length !== 1)
      return {
        error: `linear needs a flat [F] input, got [${input.join(', ')}]: add a flatten layer (or an adaptive pool and a flatten) before it`,
      };
    return { output: [p.out as number] };
  },
  symbols(p, input, output, batch) {
    return commonSymbols(input, output, batch, { I: input[0], O: output[0], b: p.bias ? 1 : 0 });
  },
  params: add(mul('I', 'O'), mul('b', 'O')),
  macs: mul('N', 'I', 'O'),
  exact: mul('N', 'O', add(sub(mul(2, 'I'), 1), sym('b'))),
  exactNote: 'Per output: I multiplies, I − 1 adds, and 1 bias add when there is a bias.',
};
