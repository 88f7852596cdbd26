/**
 * Fully connected layer (torch.nn.Linear): acts on the last dim, [..., I] → [..., O], as in
 * PyTorch (a ViT's tokens [L, D] → [L, O]). Parameters I·O + O (seed: VGG-16's 7·7·512 → 4096
 * has 102,760,448 weights). R = the rows it is applied to (the product of the other dims; 1 for
 * a flat vector).
 *
 * `call: function` is F.linear(x, weight, bias) on weights held elsewhere (Swin's attention, many
 * hand-written blocks): hook-based tools see no module (symbol `fn`).
 *
 * On a [C, H, W] feature map a linear layer is almost always a forgotten flatten, so inputs of
 * three or more dims need `in` (PyTorch's in_features) to say the last dim is meant.
 */
import { add, mul, sub, sym } from '../expr';
import { shapeText } from '../format/model';
import { commonSymbols, type LeafKind } from './kind';
import { BIAS } from './common-fields';
import { prod } from './dims';
import { fnSymbol, moduleField } from './call';
import { say } from '../messages';

export const linear: LeafKind = {
  type: 'linear',
  label: 'Linear',
  category: 'linear',
  summary: 'Fully connected layer on the last dim (a flat vector, or tokens [L, D])',
  fields: [
    { name: 'out', kind: 'int', min: 1, required: true, label: 'Out features', help: 'Number of output features (O)' },
    BIAS,
    {
      name: 'in',
      kind: 'int',
      min: 1,
      label: 'In features',
      help: 'Input features (I), checked against the last dim; needed on inputs of 3 or more dims (otherwise inferred)',
    },
    moduleField('nn.Linear', 'F.linear(x, weight, bias)'),
  ],
  shape(p, input) {
    const last = input[input.length - 1];
    if (p.in !== undefined && p.in !== last)
      return {
        error: say('layer.linearIn', { in: p.in as number, last, shape: shapeText(input) }),
      };
    if (input.length >= 3 && p.in === undefined)
      return {
        error: say('layer.linearFlat', { shape: input.join(', '), last }),
      };
    return { output: [...input.slice(0, -1), p.out as number] };
  },
  symbols(p, input, output, batch) {
    return commonSymbols(input, output, batch, {
      I: input[input.length - 1],
      O: output[output.length - 1],
      R: prod(input, 0, input.length - 1),
      b: p.bias ? 1 : 0,
      fn: fnSymbol(p.call),
    });
  },
  params: add(mul('I', 'O'), mul('b', 'O')),
  macs: mul('N', 'R', 'I', 'O'),
  exact: mul('N', 'R', 'O', add(sub(mul(2, 'I'), 1), sym('b'))),
  exactNote: 'Per output: I multiplies, I − 1 adds, and 1 bias add when there is a bias.',
};
