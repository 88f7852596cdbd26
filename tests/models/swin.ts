/**
 * torchvision's SwinTransformer (torchvision/models/swin_transformer.py) written in the model
 * format as its forward runs: features.0 (Conv2d 4×4/4, Permute to channels-last, LayerNorm),
 * the stages of SwinTransformerBlock (`x + stochastic_depth(attn(norm1(x)))`, then
 * `x + stochastic_depth(mlp(norm2(x)))`, MLP = Linear, GELU, Dropout, Linear, Dropout; the shift is
 * w // 2 in odd blocks), PatchMerging between stages (_patch_merging_pad: F.pad, the four strided
 * slices x[..., 0::2, 0::2, :] … and torch.cat on the last dim, then LayerNorm and a bias-free
 * Linear 4C → 2C), and the head (LayerNorm, Permute back, AdaptiveAvgPool2d(1), Flatten, Linear).
 */
import type { LayerSpec, Model } from '../../src/engine/format/model';

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

/** _patch_merging_pad, norm, reduction: [H, W, C] → [H/2, W/2, 2C]. */
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

export function swin(o: { embed: number; depths: number[]; heads: number[]; window: number; image?: number }): Model {
  const image = o.image ?? 224;
  const layers: LayerSpec[] = [
    { type: 'conv2d', out: o.embed, kernel: 4, stride: 4, name: 'features.0.0' },
    { type: 'permute', dims: [0, 2, 3, 1] },
    ln(),
  ];
  o.depths.forEach((depth, i) => {
    const dim = o.embed * 2 ** i;
    const stage: LayerSpec[] = [];
    for (let j = 0; j < depth; j++)
      stage.push(...block(dim, o.heads[i], j % 2 ? Math.floor(o.window / 2) : 0, o.window));
    layers.push(...stage);
    if (i < o.depths.length - 1) layers.push(...patchMerging(dim));
  });
  layers.push(
    ln(),
    { type: 'permute', dims: [0, 3, 1, 2] },
    { type: 'adaptiveavgpool2d', out: 1 },
    { type: 'flatten' },
    { type: 'linear', out: 1000, name: 'head' },
  );
  return { format: 'floplab.model/2', name: 'swin_t', input: [3, image, image], layers };
}

/** torchvision.models.swin_t: embed 96, depths 2, 2, 6, 2, heads 3, 6, 12, 24, window 7. */
export const SWIN_T = swin({ embed: 96, depths: [2, 2, 6, 2], heads: [3, 6, 12, 24], window: 7 });
