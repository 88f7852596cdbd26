/**
 * Repeat the tensor along each dim (x.repeat(1, *repeats), torch.tile; ONNX Tile): each dim's size
 * times its repeat. `repeats` leaves the batch out (an ONNX Tile of the batch has no kind). Copies:
 * no arithmetic.
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const tile: LeafKind = {
  type: 'tile',
  label: 'Tile',
  category: 'shape',
  summary: 'Repeat the tensor along each dim (x.repeat, ONNX Tile)',
  fields: [
    {
      name: 'repeats',
      kind: 'ints',
      min: 1,
      maxLength: 8,
      required: true,
      label: 'Repeats',
      help: 'How many copies along each dim after the batch, one number per dim',
    },
  ],
  shape(p, input) {
    const r = p.repeats as number[];
    if (r.length !== input.length)
      return { error: say('layer.tileRepeats', { n: r.length, m: input.length, shape: shapeText(input) }) };
    return { output: input.map((d, i) => d * r[i]) };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'Copies: no arithmetic.',
};
