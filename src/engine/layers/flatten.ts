/**
 * Flatten (torch.nn.Flatten(start_dim=1, end_dim=-1)): merges dims start…end into one; the
 * default turns [C, H, W] into [C·H·W]. Dims count the batch as 0, as in PyTorch
 * (`x.flatten(2)` turns [C, H, W] into [C, H·W], a ViT's patch tokens before the transpose).
 * No arithmetic.
 */
import { ZERO } from '../expr';
import { dimField, dimIndex, prod } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const flatten: LeafKind = {
  type: 'flatten',
  label: 'Flatten',
  category: 'shape',
  summary: 'Merge dims start…end into one (default: a feature map to a flat vector)',
  fields: [
    dimField('start', 'Start dim', 1, 'First dim merged, as in PyTorch (1 = the first after the batch)'),
    dimField('end', 'End dim', -1, 'Last dim merged (-1 = the last)'),
  ],
  shape(p, input) {
    const s = dimIndex('flatten', 'start', p.start as number, input.length);
    if (typeof s === 'string') return { error: s };
    const e = dimIndex('flatten', 'end', p.end as number, input.length);
    if (typeof e === 'string') return { error: e };
    if (e < s) return { error: say('layer.flattenOrder', { end: p.end as number, start: p.start as number }) };
    return { output: [...input.slice(0, s), prod(input, s, e + 1), ...input.slice(e + 1)] };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
};
