/**
 * Upsampling (torch.nn.Upsample): by an integer `scale` or to a fixed `size`, mode nearest or
 * bilinear (align_corners=False). Exactly one of scale and size, as in PyTorch.
 * Symbols: `s` the scale (0 when a size is given), `bySize` 1 when a size is given (`sizeIsNumber`
 * 1 when it is written as one number), `bilinear` 1 in bilinear mode.
 */
import { mul, ZERO } from '../expr';
import { pairOf, type Pair } from '../format/model';
import { commonSymbols, needsMap, type LeafKind } from './kind';

export const upsample: LeafKind = {
  type: 'upsample',
  label: 'Upsample',
  category: 'shape',
  summary: 'Enlarge the feature map by a scale or to a size (nearest or bilinear)',
  fields: [
    { name: 'scale', kind: 'int', min: 1, label: 'Scale', help: 'Integer scale factor for H and W (or give a size)' },
    { name: 'size', kind: 'pair', min: 1, label: 'Size', help: 'Output H×W: one number or [h, w] (or give a scale)' },
    {
      name: 'mode',
      kind: 'enum',
      options: ['nearest', 'bilinear'],
      default: 'nearest',
      label: 'Mode',
      help: 'nearest copies the closest pixel; bilinear blends the 4 nearest (align_corners false)',
    },
  ],
  shape(p, input) {
    const bad = needsMap('upsample', input);
    if (bad) return { error: bad };
    const hasScale = p.scale !== undefined;
    const hasSize = p.size !== undefined;
    if (hasScale === hasSize) return { error: 'upsample: give exactly one of scale and size (PyTorch rule)' };
    if (hasSize) {
      const [h, w] = pairOf(p.size as Pair);
      return { output: [input[0], h, w] };
    }
    const s = p.scale as number;
    return { output: [input[0], input[1] * s, input[2] * s] };
  },
  symbols: (p, input, output, batch) =>
    commonSymbols(input, output, batch, {
      C: input[0],
      s: p.scale === undefined ? 0 : (p.scale as number),
      bySize: p.size === undefined ? 0 : 1,
      // nn.Upsample(size=4) keeps the int; DeepSpeed's _upsample_flops_compute then counts int(size).
      sizeIsNumber: typeof p.size === 'number' ? 1 : 0,
      bilinear: p.mode === 'bilinear' ? 1 : 0,
    }),
  params: ZERO,
  // nearest copies; bilinear blends 4 neighbours with precomputed weights: 4 multiplies + 3 adds.
  exact: mul(7, 'bilinear', 'numel_out'),
  exactNote: 'nearest: copies only, 0. bilinear: 4 multiplies by precomputed weights and 3 adds per output element.',
};
