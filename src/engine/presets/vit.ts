/**
 * Vision Transformers (torchvision/models/vision_transformer.py), layer for layer as the forward
 * runs: _process_input (conv_proj, reshape, permute), the class token concatenated in front, the
 * encoder (position embedding added, dropout, the blocks, a final LayerNorm), `x[:, 0]` and the head.
 * EncoderBlock: ln_1, self_attention(x, x, x, need_weights=False), dropout, `x + input`; ln_2,
 * MLPBlock (Linear, GELU, Dropout, Linear, Dropout), `x + y`. The position embedding has one row
 * per patch plus the class token, so the parameter count follows the input size.
 */
import type { LayerSpec } from '../format/model';
import { definePreset, tv, tvCode } from './build';
import type { Preset, PresetKnob } from './types';

interface VitConfig {
  patch: number;
  layers: number;
  heads: number;
  hidden: number;
  mlp: number;
}

export function vitLayers(o: VitConfig, image: number, classes = 1000): LayerSpec[] {
  const side = image / o.patch;
  const tokens = side * side + 1;
  // torchvision's module names; `{i}` is the block's index in encoder.layers (iteration-names.ts).
  const m = (name: string) => `encoder.layers.encoder_layer_{i}.${name}`;
  const block: LayerSpec[] = [
    {
      type: 'residual',
      body: [
        { type: 'layernorm', name: m('ln_1') },
        { type: 'attention', heads: o.heads, need_weights: false, name: m('self_attention') },
        { type: 'dropout', name: m('dropout') },
      ],
    },
    {
      type: 'residual',
      body: [
        { type: 'layernorm', name: m('ln_2') },
        { type: 'linear', out: o.mlp, name: m('mlp.0') },
        { type: 'gelu', name: m('mlp.1') },
        { type: 'dropout', name: m('mlp.2') },
        { type: 'linear', out: o.hidden, name: m('mlp.3') },
        { type: 'dropout', name: m('mlp.4') },
      ],
    },
  ];
  return [
    { type: 'conv2d', out: o.hidden, kernel: o.patch, stride: o.patch, name: 'conv_proj' },
    { type: 'reshape', shape: [o.hidden, side * side] },
    { type: 'permute', dims: [0, 2, 1], id: 'patches' },
    { type: 'parameter', shape: [1, o.hidden], name: 'class_token', id: 'cls' },
    { type: 'cat', dim: 1, from: ['cls', 'patches'], id: 'tokens' },
    { type: 'parameter', shape: [tokens, o.hidden], name: 'encoder.pos_embedding', id: 'pos' },
    { type: 'add', from: ['tokens', 'pos'] },
    { type: 'dropout', name: 'encoder.dropout' },
    { type: 'repeat', times: o.layers, body: block, name: 'encoder.layers' },
    { type: 'layernorm', name: 'encoder.ln' },
    { type: 'select', dim: 1, index: 0 },
    { type: 'linear', out: classes, name: 'heads.head' },
  ];
}

/** Input sides torchvision accepts (a multiple of the patch), the weights' own first. */
const sizes = (patch: number, dflt: number): PresetKnob => ({
  name: 'resolution',
  label: 'Input resolution',
  default: dflt,
  options: [...new Set([dflt, ...[224, 256, 320, 384, 448, 512].filter((s) => s % patch === 0)])].sort((a, b) => a - b),
  help: `Square input side in pixels, a multiple of the ${patch}-pixel patch (defined at ${dflt}); the position embedding grows with it`,
});

const PAPER = {
  title: 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale',
  authors: 'Dosovitskiy, Beyer, Kolesnikov, Weissenborn, Zhai, Unterthiner, et al.',
  year: 2021,
  url: 'https://arxiv.org/abs/2010.11929',
};

const NOTE =
  'nn.MultiheadAttention is called with need_weights=False, as torchvision does: thop and torchinfo count no attention, FlopCounterMode only the projections (its CPU attention kernel is not in its registry), and under torch.no_grad() fvcore, FlopCounterMode and DeepSpeed miss the fused fast path entirely (the no_grad setting).';

function vitPreset(
  name: string,
  title: string,
  o: VitConfig,
  image: number,
  ref: readonly [number, number, string],
): Preset {
  return definePreset({
    name,
    family: 'Vision Transformer',
    task: 'transformer',
    code: tvCode('vision_transformer'),
    title,
    paper: PAPER,
    input: [3, image, image],
    knobs: [sizes(o.patch, image)],
    reference: tv(ref[0], ref[1], ref[2]),
    notes: [NOTE],
    layers: (k) => vitLayers(o, k.resolution),
  });
}

const B = { layers: 12, heads: 12, hidden: 768, mlp: 3072 };
const L = { layers: 24, heads: 16, hidden: 1024, mlp: 4096 };

export const VIT_PRESETS: readonly Preset[] = [
  vitPreset('vit_b_16', 'ViT-B/16', { patch: 16, ...B }, 224, [86_567_656, 17_563_828_224, '17.564']),
  vitPreset('vit_b_32', 'ViT-B/32', { patch: 32, ...B }, 224, [88_224_232, 4_409_186_304, '4.409']),
  vitPreset('vit_l_16', 'ViT-L/16', { patch: 16, ...L }, 224, [304_326_632, 61_554_712_576, '61.555']),
  vitPreset('vit_l_32', 'ViT-L/32', { patch: 32, ...L }, 224, [306_535_400, 15_377_539_072, '15.378']),
  vitPreset('vit_h_14', 'ViT-H/14', { patch: 14, layers: 32, heads: 16, hidden: 1280, mlp: 5120 }, 518, [
    633_470_440,
    1_016_716_764_160,
    '1016.717',
  ]),
];
