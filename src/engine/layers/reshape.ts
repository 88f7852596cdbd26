/**
 * Reshape / view (x.reshape(N, …), x.view(…)): the same elements in another shape. The shape is
 * written without the batch; one entry may be -1 (inferred). No arithmetic.
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { prod } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const reshape: LeafKind = {
  type: 'reshape',
  label: 'Reshape',
  category: 'shape',
  summary: 'The same elements in another shape (reshape, view); one dim may be -1',
  fields: [
    {
      name: 'shape',
      kind: 'ints',
      min: -1,
      maxLength: 8,
      required: true,
      label: 'Shape',
      help: 'The new shape without the batch, e.g. 196, 768; one entry may be -1 (inferred from the others)',
    },
  ],
  shape(p, input) {
    const want = p.shape as number[];
    const total = prod(input);
    const free = want.filter((d) => d === -1).length;
    if (free > 1 || want.includes(0)) return { error: say('layer.reshapeFree', { shape: want.join(', ') }) };
    const known = prod(want.filter((d) => d !== -1));
    if (free === 0 ? known !== total : total % known !== 0)
      return {
        error: say(free ? 'layer.reshapeMultiple' : 'layer.reshapeHolds', {
          shape: shapeText(input),
          total,
          want: want.join(', '),
          known,
        }),
      };
    return { output: want.map((d) => (d === -1 ? total / known : d)) };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A reshape moves no data and does no arithmetic.',
};
