/**
 * Upsampling (torch.nn.Upsample, or F.interpolate with `call: function`) of a sequence [C, L], a
 * map [C, H, W] or a volume [C, D, H, W]: by an integer `scale` or to a fixed `size`, with the
 * mode PyTorch allows for that rank — nearest (any), linear (1-D), bilinear and bicubic (2-D),
 * trilinear (3-D); align_corners does not change any count. Exactly one of scale and size, as in
 * PyTorch. Symbols: `s` the scale (0 when a size is given), `bySize` 1 when a size is given
 * (`sizeIsNumber` 1 when written as one number, `sizeProd` the size as written multiplied out),
 * one symbol per mode (`nearest`, `linear`, `bilinear`, `bicubic`, `trilinear`), `fn` for
 * F.interpolate, `sp` the spatial dims.
 */
import { add, mul, ZERO } from '../expr';
import { pairOf, type Pair } from '../format/model';
import { fnSymbol, moduleField } from './call';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

export const UPSAMPLE_MODES = ['nearest', 'bilinear', 'linear', 'bicubic', 'trilinear'] as const;
/** The spatial dims each mode interpolates (nearest: any of 1, 2, 3). */
const MODE_DIMS: Record<string, number> = { linear: 1, bilinear: 2, bicubic: 2, trilinear: 3 };

export const upsample: LeafKind = {
  type: 'upsample',
  label: 'Upsample',
  category: 'shape',
  summary: 'Enlarge a sequence, map or volume by a scale or to a size (nearest, (bi/tri)linear, bicubic)',
  fields: [
    {
      name: 'scale',
      kind: 'int',
      min: 1,
      label: 'Scale',
      help: 'Integer scale factor for every spatial dim (or give a size)',
    },
    {
      name: 'size',
      kind: 'pair',
      min: 1,
      label: 'Size',
      help: 'Output size: one number (every spatial dim) or [h, w] on a map (or give a scale)',
    },
    {
      name: 'mode',
      kind: 'enum',
      options: UPSAMPLE_MODES,
      default: 'nearest',
      label: 'Mode',
      help: 'nearest copies; linear / bilinear / trilinear blend 2 / 4 / 8 neighbours, bicubic 16 (linear needs [C, L], bilinear and bicubic [C, H, W], trilinear [C, D, H, W])',
    },
    moduleField('nn.Upsample', 'F.interpolate'),
  ],
  shape(p, input) {
    const sp = input.length - 1;
    if (sp < 1 || sp > 3) return { error: say('layer.upsampleRank', { shape: input.join(', ') }) };
    const mode = p.mode as string;
    const want = MODE_DIMS[mode];
    if (want !== undefined && want !== sp)
      return {
        error: say('layer.upsampleMode', { mode, want, dots: ', ·'.repeat(want), sp, shape: input.join(', ') }),
      };
    const hasScale = p.scale !== undefined;
    const hasSize = p.size !== undefined;
    if (hasScale === hasSize) return { error: say('layer.upsampleOne') };
    if (hasSize) {
      if (typeof p.size === 'number') return { output: [input[0], ...Array<number>(sp).fill(p.size)] };
      if (sp !== 2) return { error: say('layer.upsampleSize', { sp }) };
      const [h, w] = pairOf(p.size as Pair);
      return { output: [input[0], h, w] };
    }
    const s = p.scale as number;
    return { output: [input[0], ...input.slice(1).map((d) => d * s)] };
  },
  symbols(p, input, output, batch) {
    const size = p.size as Pair | undefined;
    return commonSymbols(input, output, batch, {
      C: input[0],
      s: p.scale === undefined ? 0 : (p.scale as number),
      bySize: size === undefined ? 0 : 1,
      // nn.Upsample(size=4) keeps the int; DeepSpeed's _upsample_flops_compute then counts int(size).
      sizeIsNumber: typeof size === 'number' ? 1 : 0,
      sizeProd: size === undefined ? 0 : typeof size === 'number' ? size : size[0] * size[1],
      nearest: p.mode === 'nearest' ? 1 : 0,
      linear: p.mode === 'linear' ? 1 : 0,
      bilinear: p.mode === 'bilinear' ? 1 : 0,
      bicubic: p.mode === 'bicubic' ? 1 : 0,
      trilinear: p.mode === 'trilinear' ? 1 : 0,
      fn: fnSymbol(p.call),
      sp: input.length - 1,
    });
  },
  params: ZERO,
  // nearest copies; an interpolation of k neighbours takes k multiplies by precomputed weights and
  // k − 1 adds: linear 3, bilinear 7, trilinear 15, bicubic 31 per output element.
  exact: mul('numel_out', add(mul(3, 'linear'), mul(7, 'bilinear'), mul(15, 'trilinear'), mul(31, 'bicubic'))),
  exactNote:
    'nearest: copies only, 0. Per output element, k multiplies by precomputed weights and k − 1 adds over the k neighbours blended: linear 3 (k = 2), bilinear 7 (4), trilinear 15 (8), bicubic 31 (16).',
};
