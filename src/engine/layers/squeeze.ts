/** Squeeze (x.squeeze(dim)): drops a dim of size 1. Dims count the batch as 0, as in PyTorch. A view. */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const squeeze: LeafKind = {
  type: 'squeeze',
  label: 'Squeeze',
  category: 'shape',
  summary: 'Drop a dim of size 1 (x.squeeze(dim))',
  fields: [dimField('dim', 'Dim', -1, 'The dim to drop, as in PyTorch (1 = the first after the batch, -1 = the last)')],
  shape(p, input) {
    const at = dimIndex('squeeze', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    if (input[at] !== 1)
      return { error: say('layer.squeezeSize', { dim: p.dim as number, shape: shapeText(input), n: input[at] }) };
    if (input.length === 1) return { error: say('layer.oneDimLeft', { type: 'squeeze' }) };
    return { output: [...input.slice(0, at), ...input.slice(at + 1)] };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A view: no arithmetic.',
};
