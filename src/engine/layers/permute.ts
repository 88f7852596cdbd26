/**
 * Permute (x.permute(0, 2, 3, 1)): reorders dims, e.g. NCHW → NHWC for a channels-last
 * LayerNorm, or [L, heads, d] → [heads, L, d] in attention. Dims count the batch as 0, as in the
 * PyTorch call; the batch must stay first. No arithmetic.
 */
import { ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const permute: LeafKind = {
  type: 'permute',
  label: 'Permute',
  category: 'shape',
  summary: 'Reorder the dims (x.permute); dims count the batch as 0, which stays first',
  fields: [
    {
      name: 'dims',
      kind: 'ints',
      min: -9,
      maxLength: 9,
      required: true,
      label: 'Dims',
      help: 'The new order of the dims as in PyTorch, batch included: 0, 2, 3, 1 turns N, C, H, W into N, H, W, C',
    },
  ],
  shape(p, input) {
    const full = input.length + 1;
    const dims = (p.dims as number[]).map((d) => (d < 0 ? d + full : d));
    const ok = dims.length === full && dims.every((d) => d >= 0 && d < full) && new Set(dims).size === full;
    if (!ok)
      return {
        error: say('layer.permuteDims', {
          dims: (p.dims as number[]).join(', '),
          full,
          example: [0, ...input.map((_, i) => input.length - i)].join(', '),
        }),
      };
    if (dims[0] !== 0) return { error: say('layer.permuteBatch') };
    return { output: dims.slice(1).map((d) => input[d - 1]) };
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A permute moves data (or only strides); it does no arithmetic.',
};
