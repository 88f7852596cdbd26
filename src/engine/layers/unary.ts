/**
 * An element-wise math function of one tensor: torch.exp(x), x.sqrt(), torch.rsqrt(x), 1 / x,
 * abs(x), -x, x ** 2, torch.erf(x), x.sin(), torch.floor(x), F.softplus(x) … — what ONNX files
 * write as Exp, Log, Sqrt, Reciprocal, Abs, Neg, Pow, Erf, Sin, Cos, Atan, Floor, Ceil, Round,
 * Sign and Softplus. The output has the input's shape.
 *
 * How the PyTorch code writes it (torch.exp(x), x.exp(), a module, an operator) does not change
 * any tool's count: no counting tool hooks, patches or handles any of these ops, whatever the form
 * (every op in every form measured: tests/fixtures/unary-tools.jsonl), so the kind has no `call`.
 *
 * Symbols: `ops` = this kind's own (exact) operations per element, `u` = the op's index in
 * UNARY_OPS (the conventions' per-op tables are keyed by it), `exponent` (pow; 1 otherwise).
 */
import { mul, ZERO } from '../expr';
import { commonSymbols, type LeafKind, type Params } from './kind';
import { say } from '../messages';

export const UNARY_OPS = [
  'exp',
  'log',
  'sqrt',
  'rsqrt',
  'reciprocal',
  'abs',
  'neg',
  'pow',
  'erf',
  'sin',
  'cos',
  'atan',
  'floor',
  'ceil',
  'round',
  'sign',
  'softplus',
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

/** The op of a layer's symbols (`u` is its index in UNARY_OPS). */
export const unaryOpOf = (s: Readonly<Record<string, number>>): UnaryOp => UNARY_OPS[s.u] ?? 'exp';

/**
 * Exact operations per element of x ** n: the product of |n| factors (|n| − 1 multiplies) and a
 * divide when n < 0 (x ** -1 = 1 / x); n = 0 and 1 compute nothing. A non-integer exponent is one
 * evaluation of pow (x ** 0.5 is a square root), counted as one operation as exp is.
 */
export function powOps(n: number): number {
  if (!Number.isInteger(n)) return 1;
  const a = Math.abs(n);
  return Math.max(0, a - 1) + (n < 0 ? 1 : 0);
}

/** Exact operations per element of each op other than pow. */
const OPS: Readonly<Record<Exclude<UnaryOp, 'pow'>, number>> = {
  exp: 1,
  log: 1,
  sqrt: 1,
  rsqrt: 2,
  reciprocal: 1,
  abs: 1,
  neg: 1,
  erf: 1,
  sin: 1,
  cos: 1,
  atan: 1,
  floor: 1,
  ceil: 1,
  round: 1,
  sign: 1,
  softplus: 3,
};

const opsPerElement = (p: Params): number =>
  p.op === 'pow' ? powOps(p.exponent as number) : OPS[p.op as Exclude<UnaryOp, 'pow'>];

export const unary: LeafKind = {
  type: 'unary',
  label: 'Unary math',
  category: 'elementwise',
  summary: 'An element-wise function: exp, log, sqrt, rsqrt, 1/x, abs, neg, x ** n, erf, sin, cos, atan, round…',
  fields: [
    {
      name: 'op',
      kind: 'enum',
      options: UNARY_OPS,
      default: 'exp',
      label: 'Op',
      help: 'torch.exp, log, sqrt, rsqrt, reciprocal (1 / x), abs, neg (-x), pow (x ** exponent), erf, sin, cos, atan, floor, ceil, round, sign, softplus (F.softplus, β = 1)',
    },
    {
      name: 'exponent',
      kind: 'number',
      label: 'Exponent',
      help: 'pow only: the constant exponent of x ** exponent (default 2)',
    },
  ],
  shape: (p, input) =>
    p.exponent !== undefined && p.op !== 'pow'
      ? { error: say('layer.unaryExponent', { op: String(p.op) }) }
      : { output: input },
  symbols: (p, input, output, batch) =>
    commonSymbols(input, output, batch, {
      C: input[0],
      u: UNARY_OPS.indexOf(p.op as UnaryOp),
      ops: opsPerElement(p.op === 'pow' ? { op: 'pow', exponent: p.exponent ?? 2 } : p),
      exponent: p.op === 'pow' ? ((p.exponent as number | undefined) ?? 2) : 1,
    }),
  params: ZERO,
  exact: mul('ops', 'numel_out'),
  exactNote:
    'Per element: one operation for exp, log, sqrt, erf, sin, cos, atan (a function evaluation counted once, as erf in GELU), reciprocal (a divide), abs, neg, floor, ceil, round and sign; rsqrt 2 (square root, divide); softplus 3 (exp, add 1, log); x ** n with an integer n the product of |n| factors (|n| − 1 multiplies) plus a divide when n < 0 (0 for n = 0 or 1), any other exponent 1.',
};
