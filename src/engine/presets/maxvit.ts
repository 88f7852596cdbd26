/**
 * MaxViT-T (torchvision/models/maxvit.py) as its forward runs, op for op, from the engine's own
 * kinds (no attention kind: every op the tools see is one of these rows):
 * - stem: Conv 3×3/2 (no bias) → BatchNorm → GELU, Conv 3×3 (bias);
 * - each MaxVitLayer: MBConv (pre-norm BatchNorm, 1×1 expand ×4, 3×3 depthwise with the stride,
 *   squeeze-excite to C/4 with SiLU, 1×1 project with bias; shortcut AvgPool 3×3/2 + 1×1 conv when
 *   the stride or width changes, `res + x`), then a window and a grid PartitionAttentionLayer;
 * - PartitionAttentionLayer: WindowPartition (reshape, permute, reshape to [groups, 49, C]; grid
 *   also swaps the two middle axes), `x + attn(LayerNorm(x))`, `x + mlp(LayerNorm(x))`, and back;
 * - RelativePositionalMultiHeadAttention: nn.Linear to Q, K, V, torch.chunk, heads of 32, `k *
 *   C^-0.5`, torch.einsum for Q·Kᵀ, `+` the relative-position bias, F.softmax, torch.einsum for A·V,
 *   nn.Linear merge;
 * - head: AdaptiveAvgPool, Flatten, LayerNorm, Linear (bias), Tanh, Linear (no bias).
 * Stochastic depth (StochasticDepth, or nn.Identity where its probability is 0) is the identity at
 * inference and counted by no tool, so it has no row here (its share link is long enough with the names it has).
 * The bias is `relative_position_bias_table[index]`: a gather of the [(2·7 − 1)², heads] table into
 * [1, heads, 49, 49], a copy with no arithmetic under every tool. The format has no gather kind, so
 * it is written as the table (a `parameter`, its exact parameter count), a pad to 49² rows (also a
 * copy, no arithmetic) and a reshape.
 */
import type { LayerSpec } from '../format/model';
import {
  act,
  bn,
  cna,
  conv,
  definePreset,
  gap,
  flatten,
  linear,
  named,
  residual,
  runs,
  avgpool,
  seq,
  tv,
  tvCode,
} from './build';
import { squeezeExcite } from './mobilenet_v3';
import type { Preset } from './types';

type Layers = LayerSpec[];

const PARTITION = 7;
const SEQ = PARTITION * PARTITION;
const TABLE = (2 * PARTITION - 1) ** 2;
const HEAD_DIM = 32;

const ln = (name?: string): LayerSpec => ({ type: 'layernorm', last: true, ...(name ? { name } : {}) });

/** MBConv `p` (torchvision's `blocks.<stage>.layers.<unit>.layers.MBconv`), rows named after its modules. */
function mbconv(p: string, cin: number, out: number, stride: number): Layers {
  const mid = out * 4;
  const body: Layers = [
    named(`${p}.layers.pre_norm`, bn()),
    ...seq(`${p}.layers.conv_a`, cna(mid, 1, {}, 'gelu')),
    ...seq(`${p}.layers.conv_b`, cna(mid, 3, { s: stride, g: mid }, 'gelu')),
    squeezeExcite(mid, out / 4, 'silu', 'sigmoid', `${p}.layers.squeeze_excitation`),
    named(`${p}.layers.conv_c`, conv(out, 1, { bias: true })),
  ];
  const proj =
    stride !== 1 || cin !== out
      ? seq(`${p}.proj`, [...(stride === 2 ? [avgpool(3, 2, 1)] : []), conv(out, 1, { p: 0, bias: true })])
      : [];
  return [residual(body, proj)];
}

/** RelativePositionalMultiHeadAttention `p` on [groups, 49, C]. */
function relativeAttention(p: string, c: number): Layers {
  const heads = c / HEAD_DIM;
  const split = (i: number): Layers => [
    {
      type: 'slice',
      dim: -1,
      ...(i > 0 ? { start: i * c } : {}),
      ...(i < 2 ? { end: (i + 1) * c } : {}),
      from: 'qkv',
    },
    { type: 'reshape', shape: [-1, SEQ, heads, HEAD_DIM] },
    { type: 'permute', dims: [0, 1, 3, 2, 4], ...(i === 1 ? {} : { id: i === 0 ? 'q' : 'v' }) },
  ];
  return [
    { type: 'linear', out: 3 * c, in: c, id: 'qkv', name: `${p}.to_qkv` },
    ...split(0),
    ...split(1),
    { type: 'mul', scalar: c ** -0.5, id: 'k' },
    ...split(2),
    { type: 'einsum', equation: 'ghid,ghjd->ghij', from: ['q', 'k'], id: 'dot' },
    { type: 'parameter', shape: [heads, TABLE] },
    { type: 'pad', pad: [0, SEQ * SEQ - TABLE], name: 'table[index] gather' },
    { type: 'reshape', shape: [1, heads, SEQ, SEQ], id: 'bias' },
    { type: 'add', from: ['dot', 'bias'] },
    { type: 'softmax', dim: -1, call: 'function', id: 'attn' },
    { type: 'einsum', equation: 'ghij,ghjd->ghid', from: ['attn', 'v'] },
    { type: 'permute', dims: [0, 1, 3, 2, 4] },
    { type: 'reshape', shape: [-1, SEQ, c] },
    { type: 'linear', out: c, in: c, name: `${p}.merge` },
  ];
}

/**
 * PartitionAttentionLayer `m` (`….layers.window_attention` / `grid_attention`): partition into
 * [groups, 49, C], attention and MLP residuals, departition. The window layer's swaps are nn.Identity.
 */
function partitionAttention(m: string, c: number, grid: number, type: 'window' | 'grid'): Layers {
  const p = type === 'window' ? PARTITION : grid / PARTITION;
  const g = grid / p;
  const swap = (name: string): Layers =>
    type === 'grid' ? [{ type: 'transpose', dim0: -2, dim1: -3, name: `${m}.${name}` }] : [];
  return [
    { type: 'reshape', shape: [c, g, p, g, p] },
    { type: 'permute', dims: [0, 2, 4, 3, 5, 1] },
    { type: 'reshape', shape: [g * g, p * p, c], name: `${m}.partition_op` },
    ...swap('partition_swap'),
    residual([
      ln(`${m}.attn_layer.0`),
      ...relativeAttention(`${m}.attn_layer.1`, c),
      named(`${m}.attn_layer.2`, act('dropout')),
    ]),
    residual(
      seq(`${m}.mlp_layer`, [
        ln(),
        { type: 'linear', out: 4 * c, in: c },
        act('gelu'),
        { type: 'linear', out: c, in: 4 * c },
        act('dropout'),
      ]),
    ),
    ...swap('departition_swap'),
    { type: 'reshape', shape: [g, g, p, p, c] },
    { type: 'permute', dims: [0, 5, 1, 3, 2, 4] },
    { type: 'reshape', shape: [c, grid, grid], name: `${m}.departition_op` },
  ];
}

export function maxvitLayers(side: number, channels: readonly number[], depths: readonly number[]): Layers {
  const layers: Layers = [
    ...seq('stem.0', cna(64, 3, { s: 2 }, 'gelu')),
    named('stem.1.0', conv(64, 3, { bias: true })),
  ];
  let grid = Math.floor((side - 1) / 2) + 1;
  let cin = 64;
  channels.forEach((c, i) => {
    grid = Math.floor((grid - 1) / 2) + 1;
    // The first unit strides; the others are one repeat whose `{i+1}` names their index (iteration-names.ts).
    const unit = (j: number) => {
      const at = j === 0 || depths[i] === 2 ? String(j) : '{i+1}';
      const p = `blocks.${i}.layers.${at}.layers`;
      return [
        ...mbconv(`${p}.MBconv`, j === 0 ? cin : c, c, j === 0 ? 2 : 1),
        ...partitionAttention(`${p}.window_attention`, c, grid, 'window'),
        ...partitionAttention(`${p}.grid_attention`, c, grid, 'grid'),
      ];
    };
    const units = Array.from({ length: depths[i] }, (_, j) => unit(j));
    layers.push(...runs(units));
    cin = c;
  });
  const last = channels[channels.length - 1];
  return [...layers, ...seq('classifier', [gap(), flatten(), ln(), linear(last), act('tanh'), linear(1000, false)])];
}

export const MAXVIT_PRESETS: readonly Preset[] = [
  definePreset({
    name: 'maxvit_t',
    family: 'MaxViT',
    task: 'transformer',
    code: tvCode('maxvit'),
    title: 'MaxViT-T',
    paper: {
      title: 'MaxViT: Multi-Axis Vision Transformer',
      authors: 'Tu, Talebi, Zhang, Yang, Milanfar, Bovik, Li',
      year: 2022,
      url: 'https://arxiv.org/abs/2204.01697',
    },
    input: [3, 224, 224],
    knobs: [
      {
        name: 'resolution',
        label: 'Input resolution',
        default: 224,
        options: [224],
        help: 'Square input side in pixels: torchvision builds MaxViT for one size (its weights’ 224), every stage a multiple of the 7×7 partition',
      },
    ],
    reference: tv(30_919_624, 5_558_046_720, '5.558'),
    notes: [
      'Written op for op: the attention is nn.Linear (Q, K, V and merge, seen by every tool), two torch.einsum products and F.softmax; ' +
        'torchvision’s _ops counts the linears, the convolutions and both einsum products (bmm), not the softmax, bias add or scaling. ' +
        'The relative-position bias gather (table[index]) is written as a pad of the table: a copy either way, no arithmetic.',
    ],
    layers: () => maxvitLayers(224, [64, 128, 256, 512], [2, 2, 5, 2]),
  }),
];
