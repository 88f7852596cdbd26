/**
 * ConvNeXt-T (torchvision/models/convnext.py). Patchify stem (4×4 conv, stride 4) and
 * LayerNorm2d; CNBlock = 7×7 depthwise conv, LayerNorm, Linear C→4C, GELU, Linear 4C→C,
 * layer scale γ, residual add; LayerNorm2d + 2×2 stride-2 conv between stages.
 * The block's Linear layers act on channels-last pixels, exactly a 1×1 conv with bias (same
 * parameters and MACs), which is how they are written here on the [C, H, W] map.
 */
import type { LayerSpec } from '../format/model';
import { act, conv, flatten, gap, linear, residual, repeat, definePreset, tv, resolutionKnob } from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];

const layernorm = (): LayerSpec => ({ type: 'layernorm' });

const cnBlock = (c: number): Layers => [
  residual([
    conv(c, 7, { g: c, bias: true }),
    layernorm(),
    conv(4 * c, 1, { bias: true }),
    act('gelu'),
    conv(c, 1, { bias: true }),
    { type: 'layerscale' },
  ]),
];

export function convnextLayers(dims: readonly number[], depths: readonly number[]): Layers {
  const layers: Layers = [conv(dims[0], 4, { s: 4, p: 0, bias: true }), layernorm()];
  dims.forEach((c, i) => {
    if (i > 0) layers.push(layernorm(), conv(c, 2, { s: 2, p: 0, bias: true }));
    layers.push(...repeat(depths[i], cnBlock(c)));
  });
  return [...layers, gap(), layernorm(), flatten(), linear(1000)];
}

export const CONVNEXT_PRESETS: readonly Preset[] = [
  definePreset({
    name: 'convnext_tiny',
    family: 'ConvNeXt',
    title: 'ConvNeXt-T',
    paper: {
      title: 'A ConvNet for the 2020s',
      authors: 'Liu, Mao, Wu, Feichtenhofer, Darrell, Xie',
      year: 2022,
      url: 'https://arxiv.org/abs/2201.03545',
    },
    input: [3, 224, 224],
    knobs: [resolutionKnob(224)],
    reference: tv(28_589_128, 4_455_531_264, '4.456'),
    notes: [
      'The pointwise Linear layers of each block are written as 1×1 convolutions with bias: on channels-last ' +
        'pixels they are the same operation, with the same parameters and MACs.',
    ],
    layers: () => convnextLayers([96, 192, 384, 768], [3, 3, 9, 3]),
  }),
];
