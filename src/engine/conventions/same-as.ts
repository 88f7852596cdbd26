/**
 * Kinds that every tool counts with another kind's rule, because the tool's own code does: one
 * hook or formula for all ranks (thop count_convNd, ptflops conv_flops_counter_hook and
 * bn_flops_counter_hook, fvcore's aten handles, flop_counter conv_flop_count, DeepSpeed's patched
 * F.conv1d/2d/3d, torchinfo's "Conv" class-name rule). The kind supplies symbols under which the
 * other kind's formula gives its count (conv1d: H = L, W = 1; conv3d: depth folded into height).
 * A convention that counts such a kind differently states its own rule, which wins
 * (tests/fixtures/nd-kinds-tools.jsonl checks every tool on every one).
 */
import type { Convention, Rule } from './types';

export const NOT_COUNTED_NOTE =
  'Not counted: FlopLab has no formula for this operator, so this count is unknown (not 0) and the totals are partial.';

export const SAME_AS: Readonly<Record<string, { readonly as: string; readonly how: string }>> = {
  conv1d: { as: 'conv2d', how: 'Counted as a Conv2d over [C, L, 1] (Ho = Lout, Wo = 1, Kh = k, Kw = 1).' },
  conv3d: {
    as: 'conv2d',
    how: 'Counted as a Conv2d with the depth folded into the height (Ho = Do·Ho, Kh = Kd·Kh): the same hook or formula for every rank.',
  },
  convtranspose1d: {
    as: 'convtranspose2d',
    how: 'Counted as a ConvTranspose2d over [C, L, 1] (Ho = Lout, Wo = 1, Kh = k, Kw = 1).',
  },
  convtranspose3d: {
    as: 'convtranspose2d',
    how: 'Counted as a ConvTranspose2d with the depth folded into the height (Ho = Do·Ho, Kh = Kd·Kh): the same hook or formula for every rank.',
  },
  batchnorm1d: { as: 'batchnorm2d', how: 'The batch-norm rule on [C] or [C, L]: one hook or formula for every rank.' },
  batchnorm3d: { as: 'batchnorm2d', how: 'The batch-norm rule on [C, D, H, W]: one hook or formula for every rank.' },
  ...sameFor(['maxpool', 'avgpool', 'adaptiveavgpool', 'adaptivemaxpool']),
};

/** 1-D pools as the 2-D pool over [C, L, 1]; 3-D pools with the depth folded into the height. */
function sameFor(bases: readonly string[]): Record<string, { as: string; how: string }> {
  const out: Record<string, { as: string; how: string }> = {};
  for (const b of bases) {
    out[`${b}1d`] = { as: `${b}2d`, how: 'Counted as the 2-D pool over [C, L, 1] (H = L, W = 1).' };
    out[`${b}3d`] = {
      as: `${b}2d`,
      how: 'Counted as the 2-D pool with the depth folded into the height (Ho = Do·Ho, Kh = Kd·Kh).',
    };
  }
  return out;
}

/** The convention with each SAME_AS kind given its model kind's rule and note, unless it has its own. */
export function withSameRules(c: Convention): Convention {
  const rules: Record<string, Rule> = Object.assign({}, c.rules);
  const notes: Record<string, string> = Object.assign({}, c.notes);
  for (const [type, { as, how }] of Object.entries(SAME_AS)) {
    if (!(type in rules) && as in rules) rules[type] = rules[as];
    if (!(type in notes) && !(type in c.rules)) notes[type] = notes[as] ? `${how} ${notes[as]}` : how;
  }
  // No tool's count is known for an operator FlopLab cannot model: no rule, and the row and the
  // totals say "not counted" / "partial" instead of showing a 0 (layers/opaque.ts).
  notes.opaque ??= NOT_COUNTED_NOTE;
  return Object.assign({}, c, { rules, notes });
}
