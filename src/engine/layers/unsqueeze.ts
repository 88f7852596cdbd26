/** Unsqueeze (x.unsqueeze(dim)): inserts a dim of size 1 before `dim` (batch = 0, as in PyTorch). A view. */
import { ZERO } from '../expr';
import { dimField } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const unsqueeze: LeafKind = {
  type: 'unsqueeze',
  label: 'Unsqueeze',
  category: 'shape',
  summary: 'Insert a dim of size 1 (x.unsqueeze(dim))',
  fields: [dimField('dim', 'Dim', 1, 'Where the new dim goes, as in PyTorch (1 = right after the batch, -1 = last)')],
  shape(p, input) {
    const full = input.length + 2; // the result's dims, batch included
    const d = (p.dim as number) < 0 ? (p.dim as number) + full : (p.dim as number);
    if (d < 1 || d >= full)
      return {
        error: say('layer.unsqueezeDim', { dim: p.dim as number, max: full - 1 }),
      };
    return { output: [...input.slice(0, d - 1), 1, ...input.slice(d - 1)] };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A view: no arithmetic.',
};
