/**
 * Swin Transformers (torchvision/models/swin_transformer.py, v1) as the forward runs: features.0
 * (Conv2d 4×4/4, Permute to channels-last, LayerNorm), the stages of SwinTransformerBlock
 * (`x + stochastic_depth(attn(norm1(x)))`, then `x + stochastic_depth(mlp(norm2(x)))`, MLP =
 * Linear, GELU, Dropout, Linear, Dropout; the shift is w // 2 in odd blocks), PatchMerging between
 * stages (_patch_merging_pad: F.pad, the four strided slices x[..., 0::2, 0::2, :] … and torch.cat on
 * the last dim, then LayerNorm and a bias-free Linear 4C → 2C), and the head (LayerNorm, Permute
 * back, AdaptiveAvgPool2d(1), Flatten, Linear). ShiftedWindowAttention is the windowattention kind.
 * Swin V2 (same file: SwinTransformerBlockV2, PatchMergingV2, ShiftedWindowAttentionV2) norms after
 * instead of before: `x + stochastic_depth(norm1(attn(x)))`, `x + stochastic_depth(norm2(mlp(x)))`,
 * and PatchMergingV2 reduces, then norms; its attention is windowattention version 2.
 */
import type { LayerSpec } from '../format/model';
import { definePreset, tv, tvCode } from './build';
import type { Preset } from './types';

/** A LayerNorm over the last (channels-last) axis, named after its torchvision module. */
const ln = (name: string): LayerSpec => ({ type: 'layernorm', last: true, name });

/** Norm before (v1) or after (v2) the branch, as SwinTransformerBlock / SwinTransformerBlockV2 do. */
const normed = (v2: boolean, norm: LayerSpec, branch: LayerSpec[]): LayerSpec[] =>
  v2 ? [...branch, norm] : [norm, ...branch];

/** SwinTransformerBlock `p` (torchvision's `features.<stage>.<block>`); rows carry its module names. */
function block(p: string, dim: number, heads: number, shift: number, window: number, v2: boolean): LayerSpec[] {
  const attn: LayerSpec = {
    type: 'windowattention',
    heads,
    window,
    shift,
    ...(v2 ? { version: 2 } : {}),
    name: `${p}.attn`,
  };
  // One StochasticDepth module, called after each branch (the identity at inference).
  const depth: LayerSpec = { type: 'identity', name: `${p}.stochastic_depth` };
  return [
    { type: 'residual', body: [...normed(v2, ln(`${p}.norm1`), [attn]), depth] },
    {
      type: 'residual',
      body: [
        ...normed(v2, ln(`${p}.norm2`), [
          { type: 'linear', out: 4 * dim, in: dim, name: `${p}.mlp.0` },
          { type: 'gelu', name: `${p}.mlp.1` },
          { type: 'dropout', name: `${p}.mlp.2` },
          { type: 'linear', out: dim, in: 4 * dim, name: `${p}.mlp.3` },
          { type: 'dropout', name: `${p}.mlp.4` },
        ]),
        depth,
      ],
    },
  ];
}

/**
 * _patch_merging_pad, norm, reduction (PatchMergingV2: reduction, then norm): [H, W, C] → [H/2, W/2, 2C]
 * (H, W even at the offered sizes).
 */
function patchMerging(p: string, dim: number, v2: boolean): LayerSpec[] {
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
    ...normed(v2, ln(`${p}.norm`), [
      { type: 'linear', out: 2 * dim, in: 4 * dim, bias: false, name: `${p}.reduction` },
    ]),
  ];
}

interface SwinConfig {
  embed: number;
  depths: readonly number[];
  heads: readonly number[];
  window: number;
  /** Swin V2's blocks, patch merging and attention. */
  v2?: boolean;
}

export function swinLayers(o: SwinConfig, classes = 1000): LayerSpec[] {
  const layers: LayerSpec[] = [
    { type: 'conv2d', out: o.embed, kernel: 4, stride: 4, name: 'features.0.0' },
    { type: 'permute', dims: [0, 2, 3, 1], name: 'features.0.1' },
    ln('features.0.2'),
  ];
  o.depths.forEach((depth, i) => {
    const dim = o.embed * 2 ** i;
    // Blocks alternate unshifted and shifted windows: a stage is pairs of them, one `repeat` when it has
    // several pairs (names `{i*2}`, `{i*2+1}`: iteration-names.ts), so the preset's share link stays short.
    const pairs = depth / 2;
    const at = (k: number) => `features.${2 * i + 1}.${pairs > 1 ? `{i*2+${k}}` : k}`;
    const pair = [0, 1].flatMap((k) =>
      block(at(k), dim, o.heads[i], k ? Math.floor(o.window / 2) : 0, o.window, !!o.v2),
    );
    layers.push(...(pairs > 1 ? [{ type: 'repeat', times: pairs, body: pair } as LayerSpec] : pair));
    if (i < o.depths.length - 1) layers.push(...patchMerging(`features.${2 * i + 2}`, dim, !!o.v2));
  });
  layers.push(
    ln('norm'),
    { type: 'permute', dims: [0, 3, 1, 2], name: 'permute' },
    { type: 'adaptiveavgpool2d', out: 1, name: 'avgpool' },
    { type: 'flatten', name: 'flatten' },
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

const PAPER_V2 = {
  title: 'Swin Transformer V2: Scaling Up Capacity and Resolution',
  authors: 'Liu, Hu, Lin, Yao, Xie, Wei, Ning, Cao, Zhang, Dong, Wei, Guo',
  year: 2022,
  url: 'https://arxiv.org/abs/2111.09883',
};

const NOTE =
  'The window attention’s Q, K, V and output projections are F.linear calls on the module’s weights: thop and torchinfo count none of the attention and ptflops only its matmuls and softmax; the shift mask is built from the shapes once per call and counted by no tool (onnx-tool’s graph computes it, 888,076 MACs at 224, left out with the other shape arithmetic).';

const NOTE_V2 =
  'Cosine attention with a learned logit scale, and a relative-position bias made by a small MLP (cpb_mlp: Linear 2 → 512, ReLU, Linear 512 → heads) from the fixed coordinate table, once per call whatever the batch: torchvision’s _ops counts its two nn.Linear (Tb·512·(2 + heads) per block, Tb = 15² at window 8) and the attention products; thop and torchinfo see only those nn.Linear modules, ptflops them and only A·V of the two products (Q·Kᵀ is written `@`). At 256 the last stage’s 8×8 map is one window, so its blocks do not shift.';

interface SwinPresetOptions {
  name: string;
  title: string;
  config: SwinConfig;
  ref: readonly [number, number, string];
}

function swinPreset({ name, title, config, ref }: SwinPresetOptions): Preset {
  const side = config.v2 ? 256 : 224;
  return definePreset({
    name,
    family: config.v2 ? 'Swin Transformer V2' : 'Swin Transformer',
    task: 'transformer',
    code: tvCode('swin_transformer'),
    title,
    paper: config.v2 ? PAPER_V2 : PAPER,
    input: [3, side, side],
    knobs: [
      {
        name: 'resolution',
        label: 'Input resolution',
        default: side,
        options: config.v2 ? [256] : [224, 256, 384],
        help: config.v2
          ? 'Square input side in pixels (defined at 256, where every stage tiles into 8×8 windows)'
          : 'Square input side in pixels (defined at 224); sizes whose stages stay even, so patch merging needs no padding',
      },
    ],
    reference: tv(ref[0], ref[1], ref[2]),
    notes: [config.v2 ? NOTE_V2 : NOTE],
    layers: () => swinLayers(config),
  });
}

export const SWIN_PRESETS: readonly Preset[] = [
  swinPreset({
    name: 'swin_t',
    title: 'Swin-T',
    config: { embed: 96, depths: [2, 2, 6, 2], heads: [3, 6, 12, 24], window: 7 },
    ref: [28_288_354, 4_490_566_656, '4.491'],
  }),
  swinPreset({
    name: 'swin_s',
    title: 'Swin-S',
    config: { embed: 96, depths: [2, 2, 18, 2], heads: [3, 6, 12, 24], window: 7 },
    ref: [49_606_258, 8_740_875_264, '8.741'],
  }),
  swinPreset({
    name: 'swin_b',
    title: 'Swin-B',
    config: { embed: 128, depths: [2, 2, 18, 2], heads: [4, 8, 16, 32], window: 7 },
    ref: [87_768_224, 15_430_946_816, '15.431'],
  }),
  swinPreset({
    name: 'swin_v2_t',
    title: 'Swin-V2-T',
    config: { embed: 96, depths: [2, 2, 6, 2], heads: [3, 6, 12, 24], window: 8, v2: true },
    ref: [28_351_570, 5_939_690_496, '5.940'],
  }),
  swinPreset({
    name: 'swin_v2_s',
    title: 'Swin-V2-S',
    config: { embed: 96, depths: [2, 2, 18, 2], heads: [3, 6, 12, 24], window: 8, v2: true },
    ref: [49_737_442, 11_545_857_024, '11.546'],
  }),
  swinPreset({
    name: 'swin_v2_b',
    title: 'Swin-V2-B',
    config: { embed: 128, depths: [2, 2, 18, 2], heads: [4, 8, 16, 32], window: 8, v2: true },
    ref: [87_930_848, 20_325_134_336, '20.325'],
  }),
];
