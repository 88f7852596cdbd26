/**
 * Batch norm on other ranks (nn.BatchNorm1d on [C] or [C, L], nn.BatchNorm3d on [C, D, H, W]),
 * group norm (nn.GroupNorm(G, C) on [C, ...]) and instance norm (nn.InstanceNorm1d/2d/3d on
 * [C, L], [C, H, W], [C, D, H, W]). The batch norms are batchnorm2d's formulas on another rank
 * (eval mode: one multiply and one add per element; every tool uses one hook for all ranks).
 * Group and instance norm compute their statistics per sample at inference, like layer norm:
 * per group of R values, 2(R − 1) adds, 2 divides, +ε, √, 1/σ, then per element subtract,
 * square, scale (and γ·x + β when affine). `R` = values per normalised group, `G` = groups.
 */
import { add, mul } from '../expr';
import { batchnorm2d } from './batchnorm2d';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';

function batchnormOn(dims: 1 | 3): LeafKind {
  const type = `batchnorm${dims}d`;
  const ok = (input: readonly number[]) => (dims === 1 ? input.length === 1 || input.length === 2 : input.length === 4);
  return {
    type,
    label: `BatchNorm${dims}d`,
    category: 'norm',
    summary: `Batch normalisation over channels of ${dims === 1 ? 'features [C] or a sequence [C, L]' : 'a volume [C, D, H, W]'} (eval mode)`,
    fields: batchnorm2d.fields,
    shape: (_p, input) =>
      ok(input)
        ? { output: input }
        : {
            error: say(dims === 1 ? 'layer.needs1d' : 'layer.needs3d', { type, shape: input.join(', ') }),
          },
    symbols: (p, input, output, batch) =>
      commonSymbols(input, output, batch, { C: input[0], affine: p.affine ? 1 : 0 }),
    params: batchnorm2d.params,
    buffers: batchnorm2d.buffers,
    exact: batchnorm2d.exact,
    exactNote: batchnorm2d.exactNote,
  };
}

export const batchnorm1d = batchnormOn(1);
export const batchnorm3d = batchnormOn(3);

/** Statistics per group of R values; the affine part per element. */
const STATS_EXACT = (groups: string) =>
  add(mul('N', groups, add(mul(2, 'R'), 3)), mul(3, 'numel_in'), mul(2, 'affine', 'numel_in'));
const STATS_NOTE =
  'Per normalised group of R values: 2(R − 1) adds for mean and variance, 2 divides, +ε, a square root and a reciprocal; per element: subtract the mean, square, scale by 1/σ, and γ·x + β when affine.';

export const groupnorm: LeafKind = {
  type: 'groupnorm',
  label: 'GroupNorm',
  category: 'norm',
  summary: 'Normalise groups of channels per sample (nn.GroupNorm)',
  fields: [
    {
      name: 'groups',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Groups',
      help: 'Number of groups G; C must divide by it',
    },
    {
      name: 'affine',
      kind: 'bool',
      default: true,
      label: 'Affine',
      help: 'Learnable γ and β per channel (PyTorch default: true)',
    },
  ],
  shape(p, input) {
    if (input.length < 2) return { error: say('layer.groupnormRank', { shape: input.join(', ') }) };
    const g = p.groups as number;
    return input[0] % g === 0 ? { output: input } : { error: say('layer.groupnormDivide', { c: input[0], g }) };
  },
  symbols(p, input, output, batch) {
    const g = p.groups as number;
    let per = 1;
    for (const d of input) per *= d;
    return commonSymbols(input, output, batch, { C: input[0], G: g, R: per / g, affine: p.affine ? 1 : 0 });
  },
  params: mul(2, 'affine', 'C'),
  exact: STATS_EXACT('G'),
  exactNote: STATS_NOTE,
};

export const instancenorm: LeafKind = {
  type: 'instancenorm',
  label: 'InstanceNorm',
  category: 'norm',
  summary: 'Normalise each channel of each sample (nn.InstanceNorm1d/2d/3d by the input’s rank)',
  fields: [
    {
      name: 'affine',
      kind: 'bool',
      default: false,
      label: 'Affine',
      help: 'Learnable γ and β per channel (PyTorch default: false)',
    },
  ],
  shape: (_p, input) =>
    input.length >= 2 && input.length <= 4
      ? { output: input }
      : { error: say('layer.instancenormRank', { shape: input.join(', ') }) },
  symbols(p, input, output, batch) {
    let per = 1;
    for (let i = 1; i < input.length; i++) per *= input[i];
    return commonSymbols(input, output, batch, { C: input[0], G: input[0], R: per, affine: p.affine ? 1 : 0 });
  },
  params: mul(2, 'affine', 'C'),
  exact: STATS_EXACT('C'),
  exactNote: STATS_NOTE,
};
