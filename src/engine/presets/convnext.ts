/**
 * ConvNeXt T/S/B/L (torchvision/models/convnext.py). Patchify stem (4×4 conv, stride 4) and
 * LayerNorm2d; CNBlock = 7×7 depthwise conv, LayerNorm, Linear C→4C, GELU, Linear 4C→C,
 * layer scale γ, residual add; LayerNorm2d + 2×2 stride-2 conv between stages.
 * Written as torchvision writes it: the block permutes to channels-last, applies nn.LayerNorm and
 * the two nn.Linear layers to the last dim and permutes back (convnext.py:51-58); a 1×1 conv would
 * have the same parameters and MACs, but DeepSpeed counts a conv's bias and not a linear's. The
 * other norms are LayerNorm2d, a subclass of nn.LayerNorm that thop and ptflops do not recognise.
 */
import type { LayerSpec } from '../format/model';
import { act, conv, flatten, gap, linear, named, residual, repeat, seq } from './build';
import { definePreset, tv, tvCode, resolutionKnob } from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];

/** torchvision's LayerNorm2d: nn.LayerNorm subclassed to normalise the channels of [C, H, W]. */
const layernorm = (): LayerSpec => ({ type: 'layernorm', call: 'subclass' });

/**
 * CNBlock `p` with torchvision's names (`${p}.block.0` … `.6`, the Permutes included: they are
 * modules). The layer scale (`layer_scale * x`, a parameter), StochasticDepth (identity at inference)
 * and the residual add are no module calls with rows: unnamed or absent.
 */
const cnBlock = (p: string, c: number): Layers => [
  residual([
    ...seq(`${p}.block`, [
      conv(c, 7, { g: c, bias: true }),
      { type: 'permute', dims: [0, 2, 3, 1] },
      { type: 'layernorm', last: true },
      { type: 'linear', out: 4 * c, in: c },
      act('gelu'),
      { type: 'linear', out: c, in: 4 * c },
      { type: 'permute', dims: [0, 3, 1, 2] },
    ]),
    { type: 'layerscale' },
  ]),
];

/** torchvision's names: features.0 (stem), features.<2i+1>.<j> (blocks), features.<2i> (downsampling), classifier. */
export function convnextLayers(dims: readonly number[], depths: readonly number[]): Layers {
  const layers: Layers = seq('features.0', [conv(dims[0], 4, { s: 4, p: 0, bias: true }), layernorm()]);
  dims.forEach((c, i) => {
    if (i > 0) layers.push(...seq(`features.${2 * i}`, [layernorm(), conv(c, 2, { s: 2, p: 0, bias: true })]));
    const f = `features.${2 * i + 1}`;
    layers.push(...(depths[i] === 1 ? cnBlock(`${f}.0`, c) : repeat(depths[i], cnBlock(`${f}.{i}`, c))));
  });
  // classifier = Sequential(LayerNorm2d, nn.Flatten, nn.Linear): the flatten here is a module.
  return [...layers, named('avgpool', gap()), ...seq('classifier', [layernorm(), flatten(), linear(1000)])];
}

const PAPER = {
  title: 'A ConvNet for the 2020s',
  authors: 'Liu, Mao, Wu, Feichtenhofer, Darrell, Xie',
  year: 2022,
  url: 'https://arxiv.org/abs/2201.03545',
};

/** CNBlockConfig rows of torchvision's builders: stage widths and blocks per stage. */
const convnext = (
  size: 'tiny' | 'small' | 'base' | 'large',
  dims: readonly number[],
  depths: readonly number[],
  ref: ReturnType<typeof tv>,
): Preset =>
  definePreset({
    name: `convnext_${size}`,
    family: 'ConvNeXt',
    code: tvCode('convnext'),
    title: `ConvNeXt-${size[0].toUpperCase()}`,
    paper: PAPER,
    input: [3, 224, 224],
    knobs: [resolutionKnob(224)],
    reference: ref,
    notes: [
      'Each block permutes to channels-last and applies nn.LayerNorm and two nn.Linear layers to the last dim, as ' +
        'torchvision writes it (a 1×1 conv would give the same MACs, but DeepSpeed counts a conv’s bias and not a ' +
        'linear’s). The other norms are LayerNorm2d, a subclass of nn.LayerNorm that thop and ptflops miss.',
      `Stage widths ${dims.join(', ')}; blocks per stage ${depths.join(', ')}.`,
    ],
    layers: () => convnextLayers(dims, depths),
  });

export const CONVNEXT_PRESETS: readonly Preset[] = [
  convnext('tiny', [96, 192, 384, 768], [3, 3, 9, 3], tv(28_589_128, 4_455_531_264, '4.456')),
  convnext('small', [96, 192, 384, 768], [3, 3, 27, 3], tv(50_223_688, 8_683_712_256, '8.684')),
  convnext('base', [128, 256, 512, 1024], [3, 3, 27, 3], tv(88_591_464, 15_354_729_472, '15.355')),
  convnext('large', [192, 384, 768, 1536], [3, 3, 27, 3], tv(197_767_336, 34_361_433_600, '34.361')),
];
