/**
 * Take some indices along a dim, in the order given (torch.index_select(x, dim, index), x[:, [0, 2]];
 * ONNX Gather of computed data by a constant 1-D index list). Dims count the batch as 0. A copy: no
 * arithmetic. One index that drops the dim is the select kind (select.ts).
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const indexselect: LeafKind = {
  type: 'indexselect',
  label: 'IndexSelect',
  category: 'shape',
  summary: 'Take the listed indices along a dim (torch.index_select, x[:, [0, 2]])',
  fields: [
    dimField('dim', 'Dim', 1, 'The dim, as in PyTorch (1 = the first after the batch)'),
    {
      name: 'index',
      kind: 'ints',
      min: -1_000_000_000,
      maxLength: 4096,
      required: true,
      label: 'Indices',
      help: 'The indices taken, in order (repeats allowed); negative counts from the end',
    },
  ],
  shape(p, input) {
    const at = dimIndex('indexselect', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    const index = p.index as number[];
    const bad = index.find((i) => i >= input[at] || i < -input[at]);
    if (bad !== undefined)
      return { error: say('layer.indexRange', { type: 'indexselect', i: bad, n: input[at], shape: shapeText(input) }) };
    return { output: input.map((d, i) => (i === at ? index.length : d)) };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A copy of the indices taken: no arithmetic.',
};
