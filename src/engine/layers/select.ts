/**
 * Select one index along a dim, removing that dim (`x[:, 0]`, torch.select): a ViT takes its
 * class token out of the tokens this way. Dims count the batch as 0, as in PyTorch. No arithmetic.
 */
import { ZERO } from '../expr';
import { shapeText } from '../format/model';
import { dimField, dimIndex } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const select: LeafKind = {
  type: 'select',
  label: 'Select',
  category: 'shape',
  summary: 'Take one index along a dim and drop the dim (x[:, 0])',
  fields: [
    dimField('dim', 'Dim', 1, 'The dim, as in PyTorch (1 = the first after the batch)'),
    {
      name: 'index',
      kind: 'int',
      min: -1_000_000_000,
      default: 0,
      label: 'Index',
      help: 'The index along that dim; negative counts from the end (-1 = the last)',
    },
  ],
  shape(p, input) {
    const at = dimIndex('select', 'dim', p.dim as number, input.length);
    if (typeof at === 'string') return { error: at };
    const i = p.index as number;
    if (i >= input[at] || i < -input[at])
      return { error: say('layer.indexRange', { type: 'select', i, n: input[at], shape: shapeText(input) }) };
    if (input.length === 1) return { error: say('layer.oneDimLeft', { type: 'select' }) };
    return { output: [...input.slice(0, at), ...input.slice(at + 1)] };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A view: no arithmetic.',
};
