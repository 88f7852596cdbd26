/**
 * An element-wise comparison or logic op: torch.gt / lt / ge / le / eq (x > y, x <= 0.5, x == y),
 * torch.logical_and / or / xor / not; ONNX Greater, Less, GreaterOrEqual, LessOrEqual, Equal, And,
 * Or, Xor, Not. Two tensors with broadcasting (named with `from`), or one tensor and a number
 * (`scalar`: x > 0.5); not takes one tensor. The output is a bool tensor of the broadcast shape.
 *
 * How the PyTorch code writes it (torch.gt(x, y), x.gt(y), x > y) changes no tool's count: none of
 * them hooks, patches or handles any of these ops (read in each tool's source, see the conventions'
 * notes), so the kind has no `call`.
 */
import { mul, ZERO } from '../expr';
import { broadcastShapes, sameRankError } from './dims';
import { commonSymbols, type LeafKind } from './kind';
import { say } from '../messages';
import type { Shape } from '../format/model';

export const COMPARE_OPS = ['gt', 'lt', 'ge', 'le', 'eq', 'and', 'or', 'xor', 'not'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** The op that gives the same answer with its operands swapped (c > x is x < c): how a number first is held. */
export const SWAPPED: Readonly<Record<CompareOp, CompareOp>> = {
  gt: 'lt',
  lt: 'gt',
  ge: 'le',
  le: 'ge',
  eq: 'eq',
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
};

/** Two tensors that broadcast, or one tensor and a number (`scalar`): the shape of a binary element-wise kind. */
export function twoOperandShape(type: string, scalar: boolean, inputs: readonly Shape[]) {
  if (inputs.length + (scalar ? 1 : 0) > 2)
    return { error: say('layer.maxOperands', { type, max: 2, n: inputs.length }) };
  if (inputs.length === 1 && !scalar) return { error: say('layer.binaryTooFew', { type }) };
  if (inputs.length === 1) return { output: inputs[0] };
  const rank = sameRankError(type, inputs);
  return rank ? { error: rank } : broadcastShapes(type, inputs);
}

export const compare: LeafKind = {
  type: 'compare',
  label: 'Compare',
  category: 'elementwise',
  summary:
    'Element-wise comparison or logic: x > y, <, >=, <=, ==, and, or, xor, not (torch.gt, logical_and…; ONNX Greater, Equal, And, Not…)',
  fields: [
    {
      name: 'op',
      kind: 'enum',
      options: COMPARE_OPS,
      default: 'gt',
      label: 'Op',
      help: 'gt (x > y), lt (<), ge (>=), le (<=), eq (==), and, or, xor (torch.logical_*), not (one input)',
    },
    {
      name: 'scalar',
      kind: 'number',
      label: 'Scalar',
      help: 'A number as the second operand (x > 0.5); then one input is enough (not takes none)',
    },
  ],
  arity: [1, 2],
  shape(p, _input, inputs) {
    const scalar = p.scalar !== undefined;
    if (p.op === 'not')
      return inputs.length === 1 && !scalar
        ? { output: inputs[0] }
        : { error: say('layer.compareNot', { n: inputs.length, scalar: scalar ? ' + scalar' : '' }) };
    return twoOperandShape('compare', scalar, inputs);
  },
  symbols: (_p, input, output, batch) => commonSymbols(input, output, batch),
  params: ZERO,
  exact: mul(1, 'numel_out'),
  exactNote: 'A comparison or logic op is one operation per output element (not included).',
};
