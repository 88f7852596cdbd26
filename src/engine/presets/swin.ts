/**
 * Swin Transformers (torchvision/models/swin_transformer.py, v1) as the forward runs: features.0
 * (Conv2d 4×4/4, Permute to channels-last, LayerNorm), the stages of SwinTransformerBlock
 * (`x + stochastic_depth(attn(norm1(x)))`, then `x + stochastic_depth(mlp(norm2(x)))`, MLP =
 * Linear, GELU, Dropout, Linear, Dropout; the shift is w // 2 in odd blocks), PatchMerging between
 * stages (_patch_merging_pad: F.pad, the four strided slices x[..., 0::2, 0::2, :] … and torch.cat on
 * the last dim, then LayerNorm and a bias-free Linear 4C → 2C), and the head (LayerNorm, Permute
 * back, AdaptiveAvgPool2d(1), Flatten, Linear). ShiftedWindowAttention is the windowattention kind.
 */
import type { LayerSpec } from '../format/model';
import { definePreset, tv } from './build';
import type { Preset } from './types';

const ln = (): LayerSpec => ({ type: 'layernorm', last: true });

function block(dim: number, heads: number, shift: number, window: number): LayerSpec[] {
  return [
    {
      type: 'residual',
      body: [ln(), { type: 'windowattention', heads, window, shift }, { type: 'identity', name: 'stochastic_depth' }],
    },
    {
      type: 'residual',
      body: [
        ln(),
        { type: 'linear', out: 4 * dim, in: dim },
        { type: 'gelu' },
        { type: 'dropout' },
        { type: 'linear', out: dim, in: 4 * dim },
        { type: 'dropout' },
        { type: 'identity', name: 'stochastic_depth' },
      ],
    },
  ];
}

/** _patch_merging_pad, norm, reduction: [H, W, C] → [H/2, W/2, 2C] (H, W even at the offered sizes). */
function patchMerging(dim: number): LayerSpec[] {
  const quarter = (h: number, w: number, id: string): LayerSpec[] => [
    { type: 'slice', dim: 1, start: h, step: 2, from: 'padded' },
    { type: 'slice', dim: 2, start: w, step: 2, id },
  ];
  return [
    { type: 'pad', pad: [0, 0, 0, 0, 0, 0], id: 'padded' },
    ...quarter(0, 0, 'x0'),
    ...quarter(1, 0, 'x1'),
    ...quarter(0, 1, 'x2'),
    ...quarter(1, 1, 'x3'),
    { type: 'cat', dim: -1, from: ['x0', 'x1', 'x2', 'x3'] },
    ln(),
    { type: 'linear', out: 2 * dim, in: 4 * dim, bias: false, name: 'reduction' },
  ];
}

interface SwinConfig {
  embed: number;
  depths: readonly number[];
  heads: readonly number[];
  window: number;
}

export function swinLayers(o: SwinConfig, classes = 1000): LayerSpec[] {
  const layers: LayerSpec[] = [
    { type: 'conv2d', out: o.embed, kernel: 4, stride: 4, name: 'features.0.0' },
    { type: 'permute', dims: [0, 2, 3, 1] },
    ln(),
  ];
  o.depths.forEach((depth, i) => {
    const dim = o.embed * 2 ** i;
    for (let j = 0; j < depth; j++)
      layers.push(...block(dim, o.heads[i], j % 2 ? Math.floor(o.window / 2) : 0, o.window));
    if (i < o.depths.length - 1) layers.push(...patchMerging(dim));
  });
  layers.push(
    ln(),
    { type: 'permute', dims: [0, 3, 1, 2] },
    { type: 'adaptiveavgpool2d', out: 1 },
    { type: 'flatten' },
    { type: 'linear', out: classes, name: 'head' },
  );
  return layers;
}

const PAPER = {
  title: 'Swin Transformer: Hierarchical Vision Transformer using Shifted Windows',
  authors: 'Liu, Lin, Cao, Hu, Wei, Zhang, Lin, Guo',
  year: 2021,
  url: 'https://arxiv.org/abs/2103.14030',
};

const NOTE =
  'The window attention’s Q, K, V and output projections are F.linear calls on the module’s weights: thop and torchinfo count none of the attention and ptflops only its matmuls and softmax; the shift mask is built from the shapes once per call and counted by no tool (onnx-tool’s graph computes it, 888,076 MACs at 224, left out with the other shape arithmetic).';

function swinPreset(name: string, title: string, o: SwinConfig, ref: readonly [number, number, string]): Preset {
  return definePreset({
    name,
    family: 'Swin Transformer',
    title,
    paper: PAPER,
    input: [3, 224, 224],
    knobs: [
      {
        name: 'resolution',
        label: 'Input resolution',
        default: 224,
        options: [224, 256, 384],
        help: 'Square input side in pixels (defined at 224); sizes whose stages stay even, so patch merging needs no padding',
      },
    ],
    reference: tv(ref[0], ref[1], ref[2]),
    notes: [NOTE],
    layers: () => swinLayers(o),
  });
}

export const SWIN_PRESETS: readonly Preset[] = [
  swinPreset('swin_t', 'Swin-T', { embed: 96, depths: [2, 2, 6, 2], heads: [3, 6, 12, 24], window: 7 }, [
    28_288_354,
    4_490_566_656,
    '4.491',
  ]),
  swinPreset('swin_s', 'Swin-S', { embed: 96, depths: [2, 2, 18, 2], heads: [3, 6, 12, 24], window: 7 }, [
    49_606_258,
    8_740_875_264,
    '8.741',
  ]),
  swinPreset('swin_b', 'Swin-B', { embed: 128, depths: [2, 2, 18, 2], heads: [4, 8, 16, 32], window: 7 }, [
    87_768_224,
    15_430_946_816,
    '15.431',
  ]),
];
