/**
 * Concatenation of tensors along one dim (torch.cat(xs, dim)), the inputs named with `from`:
 * a feature pyramid's merge, a YOLO neck's Concat, a class token prepended to patch tokens. Sizes
 * must agree on every other dim. It copies; no arithmetic. (The `concat` block is the stack form
 * of the same thing: branches on one input, joined on channels.)
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const cat: LeafKind = {
  type: 'cat',
  label: 'Cat',
  category: 'shape',
  summary: 'Join tensors along a dim (torch.cat); the inputs are named with from',
  fields: [
    dimField(
      'dim',
      'Dim',
      1,
      'The dim to join along, counted as in PyTorch: 1 = channels (0 is the batch), -1 = the last',
    ),
  ],
  arity: [1, 64],
  shape(p, input, inputs) {
    const at = dimIndex('cat', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    let size = 0;
    for (let k = 0; k < inputs.length; k++) {
      const s = inputs[k];
      if (s.length !== input.length)
        return {
          error: say('layer.catRank', { k, shape: shapeText(s), first: shapeText(input) }),
        };
      for (let i = 0; i < s.length; i++)
        if (i !== at && s[i] !== input[i])
          return {
            error: say('layer.catSizes', { k, shape: shapeText(s), first: shapeText(input), dim: p.dim as number }),
          };
      size += s[at];
    }
    const out = input.slice();
    out[at] = size;
    return { output: out };
  },
  symbols: (_p, input, output, batch, inputs) => commonSymbols(input, output, batch, { k: inputs.length }),
  params: ZERO,
  exact: ZERO,
  exactNote: 'Concatenation copies; it does no arithmetic.',
};
