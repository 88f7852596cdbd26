/**
 * Constant padding (F.pad(x, pad), nn.ZeroPad2d): `pad` lists (before, after) pairs starting from
 * the LAST dim, as F.pad does: [1, 1] pads the last dim by one on each side, [l, r, t, b] the last
 * two (W then H). Writes a new tensor; no arithmetic.
 */
import { ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const pad: LeafKind = {
  type: 'pad',
  label: 'Pad',
  category: 'shape',
  summary: 'Pad with a constant (F.pad): pairs (before, after) from the last dim',
  fields: [
    {
      name: 'pad',
      kind: 'ints',
      min: 0,
      maxLength: 16,
      required: true,
      label: 'Pad',
      help: 'As in F.pad: (before, after) per dim from the last, e.g. 1, 1, 2, 2 pads W by 1 and H by 2 on each side',
    },
  ],
  shape(p, input) {
    const pads = p.pad as number[];
    if (pads.length % 2 !== 0 || pads.length / 2 > input.length)
      return {
        error: say('layer.padPairs', { n: pads.length, dims: input.length }),
      };
    const out = input.slice();
    for (let k = 0; k < pads.length / 2; k++) out[out.length - 1 - k] += pads[2 * k] + pads[2 * k + 1];
    return { output: out };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'Copies the input into a larger tensor: no arithmetic.',
};
