/**
 * Layer normalisation over channels. On [C, H, W] it normalises the C values of each position
 * (torchvision's LayerNorm2d in ConvNeXt, = nn.LayerNorm(C) on channels-last); on [F] it
 * normalises the F features (nn.LayerNorm(F)). `affine` (elementwise_affine) adds γ and β per
 * channel: 2·C parameters. `P` = positions (batch included) = numel / C.
 */
import { add, div, mul } from '../expr';
import { commonSymbols, type LeafKind } from './kind';

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
  ],
  shape: (_p, input) =>
    input.length === 3 || input.length === 1
      ? { output: input }
      : { error: `layernorm needs a [C, H, W] or [F] input, got [${input.join(', ')}]` },
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { C: input[0], affine: p.affine ? 1 : 0 }),
  params: mul(2, 'affine', 'C'),
  // Per element: subtract the mean, square, multiply by 1/σ (+ γ multiply and β add when affine);
  // per position: C − 1 adds for the sum, C − 1 for the sum of squares, 2 divides, + ε, √, 1/σ.
  exact: mul(LAYERNORM_POSITIONS, add(mul(5, 'C'), 3, mul(2, 'affine', 'C'))),
  exactNote:
    'Per position of C values: 2(C − 1) adds for mean and variance, 2 divides, +ε, a square root and a reciprocal; per element: subtract mean, square, scale by 1/σ, and γ·x + β when affine.',
};
