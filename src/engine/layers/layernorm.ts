/**
 * Layer normalisation. On [C, H, W] it normalises the C values of each position (torchvision's
 * LayerNorm2d in ConvNeXt, = nn.LayerNorm(C) on channels-last); on any other rank it normalises
 * the last dim, as nn.LayerNorm(D) does ([F], tokens [L, D]), and so on [H, W, C] with
 * `last: true` (Swin's channels-last maps). `affine` (elementwise_affine) adds γ and β per
 * normalised value: 2·C parameters, C = the normalised size. `P` = positions (batch included) = numel / C.
 * `dims` k > 1 normalises the last k dims together, as nn.LayerNorm(normalized_shape) with k sizes
 * (nn.LayerNorm([C, H, W]); ONNX LayerNormalization with axis −k): C is then their product, and
 * `Ax` the first of them (onnx-tool's LayerNormalizationNode counts numel / Ax rows, see onnx-tool.ts).
 * `call: subclass` says the module is a subclass of nn.LayerNorm (torchvision's LayerNorm2d):
 * thop and ptflops look hooks up by exact type and miss it (symbol `sub`); `call: function` is
 * F.layer_norm, which only the traced and patching tools see (symbol `fn`).
 */
import { add, div, mul } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

/** Positions normalised independently, batch included. */
export const LAYERNORM_POSITIONS = div('numel_in', 'C');

export const layernorm: LeafKind = {
  type: 'layernorm',
  label: 'LayerNorm',
  category: 'norm',
  summary: 'Normalise the channels of each position (ConvNeXt LayerNorm2d), or the features of a vector',
  fields: [
    {
      name: 'affine',
      kind: 'bool',
      default: true,
      label: 'Affine',
      help: 'Learnable scale γ and shift β per channel (PyTorch elementwise_affine, default true)',
    },
    {
      name: 'last',
      kind: 'bool',
      default: false,
      label: 'Last dim',
      help: 'On [H, W, C]: normalise the last dim (nn.LayerNorm(C) on a channels-last map, Swin); other ranks always use the last dim',
    },
    {
      name: 'dims',
      kind: 'int',
      min: 1,
      default: 1,
      label: 'Dims',
      help: 'How many trailing dims are normalised together: nn.LayerNorm([C, H, W]) is 3 (ONNX axis −3); 1 = one dim, as set by Last dim',
    },
    {
      name: 'call',
      kind: 'enum',
      options: ['module', 'subclass', 'function'],
      default: 'module',
      label: 'Written as',
      help: 'nn.LayerNorm itself, a subclass of it (torchvision’s LayerNorm2d in ConvNeXt), which thop and ptflops do not recognise, or F.layer_norm on weights held elsewhere',
    },
  ],
  shape: (p, input) => {
    const k = (p.dims as number | undefined) ?? 1;
    if (k > input.length)
      return { error: say('layer.normDims', { type: 'layernorm', k, shape: input.join(', '), rank: input.length }) };
    return { output: input };
  },
  symbols: (p, input, output, batch) => {
    const k = (p.dims as number | undefined) ?? 1;
    const one = input.length === 3 && !p.last ? input[0] : input[input.length - 1];
    const c = k > 1 ? input.slice(-k).reduce((a, b) => a * b, 1) : one;
    return commonSymbols(input, output, batch, {
      C: c,
      Ax: k > 1 ? input[input.length - k] : one,
      affine: p.affine ? 1 : 0,
      sub: p.call === 'subclass' ? 1 : 0,
      fn: p.call === 'function' ? 1 : 0,
    });
  },
  params: mul(2, 'affine', 'C'),
  // Per element: subtract the mean, square, multiply by 1/σ (+ γ multiply and β add when affine);
  // per position: C − 1 adds for the sum, C − 1 for the sum of squares, 2 divides, + ε, √, 1/σ.
  exact: mul(LAYERNORM_POSITIONS, add(mul(5, 'C'), 3, mul(2, 'affine', 'C'))),
  exactNote:
    'Per position of C values: 2(C − 1) adds for mean and variance, 2 divides, +ε, a square root and a reciprocal; per element: subtract mean, square, scale by 1/σ, and γ·x + β when affine.',
};
