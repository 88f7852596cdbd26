/**
 * torchvision's VisionTransformer (torchvision/models/vision_transformer.py) written in the model
 * format, layer for layer as its forward runs: _process_input (conv_proj, reshape, permute), the
 * class token concatenated in front, the encoder (position embedding added, dropout, the encoder
 * blocks, a final LayerNorm), `x[:, 0]` and the head. EncoderBlock: ln_1, self_attention(x, x, x,
 * need_weights=False), dropout, `x + input`; ln_2, MLPBlock (Linear, GELU, Dropout, Linear,
 * Dropout), `x + y`.
 */
import type { LayerSpec, Model } from '../../src/engine/format/model';

export function vit(o: {
  patch: number;
  layers: number;
  heads: number;
  hidden: number;
  mlp: number;
  image?: number;
  classes?: number;
}): Model {
  const image = o.image ?? 224;
  const side = image / o.patch;
  const tokens = side * side + 1;
  const block: LayerSpec[] = [
    {
      type: 'residual',
      body: [{ type: 'layernorm' }, { type: 'attention', heads: o.heads, need_weights: false }, { type: 'dropout' }],
    },
    {
      type: 'residual',
      body: [
        { type: 'layernorm' },
        { type: 'linear', out: o.mlp },
        { type: 'gelu' },
        { type: 'dropout' },
        { type: 'linear', out: o.hidden },
        { type: 'dropout' },
      ],
    },
  ];
  return {
    format: 'floplab.model/2',
    name: `vit_${o.patch}`,
    input: [3, image, image],
    layers: [
      { type: 'conv2d', out: o.hidden, kernel: o.patch, stride: o.patch, name: 'conv_proj' },
      { type: 'reshape', shape: [o.hidden, side * side] },
      { type: 'permute', dims: [0, 2, 1], id: 'patches' },
      { type: 'parameter', shape: [1, o.hidden], name: 'class_token', id: 'cls' },
      { type: 'cat', dim: 1, from: ['cls', 'patches'], id: 'tokens' },
      { type: 'parameter', shape: [tokens, o.hidden], name: 'encoder.pos_embedding', id: 'pos' },
      { type: 'add', from: ['tokens', 'pos'] },
      { type: 'dropout' },
      { type: 'repeat', times: o.layers, body: block, name: 'encoder.layers' },
      { type: 'layernorm', name: 'encoder.ln' },
      { type: 'select', dim: 1, index: 0 },
      { type: 'linear', out: o.classes ?? 1000, name: 'heads.head' },
    ],
  };
}

export const VIT_B_16 = vit({ patch: 16, layers: 12, heads: 12, hidden: 768, mlp: 3072 });
