/**
 * A reduction over dims (x.sum(dims), x.amax(dims), torch.max(x, dim).values, x.amin(dims),
 * x.prod, torch.linalg.vector_norm with ord 1 or 2, x.square().sum, x.sum().log, x.logsumexp; the
 * ONNX Reduce* operators); the mean has its own kind (mean.ts). Dims count the batch as 0, as in
 * PyTorch. With R values per output: R − 1 adds, compares or multiplies each (numel_in − numel_out);
 * l1 and sumsquare first take |x| or x² of every value, l2 then a square root per output, logsum a
 * log per output, logsumexp an exp per value and a log per output (the max subtraction not counted).
 * Symbols: `ri` and `ro` = those operations per input and per output element (exact = ri·numel_in −
 * ro·numel_out), `r` = the op's index in REDUCE_OPS (the conventions' per-op rules read it).
 */
import { mul, sub, ZERO } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import { reducedShape, reduceFields } from './mean';

export const REDUCE_OPS = ['sum', 'amax', 'amin', 'prod', 'l1', 'l2', 'sumsquare', 'logsum', 'logsumexp'] as const;
export type ReduceOp = (typeof REDUCE_OPS)[number];

/** Exact operations as [per input element, minus per output element]. */
const COST: Readonly<Record<ReduceOp, readonly [number, number]>> = {
  sum: [1, 1],
  amax: [1, 1],
  amin: [1, 1],
  prod: [1, 1],
  l1: [2, 1],
  sumsquare: [2, 1],
  l2: [2, 0],
  logsum: [1, 0],
  logsumexp: [2, 0],
};

/** The op of a layer's symbols. */
export const reduceOpOf = (s: Readonly<Record<string, number>>): ReduceOp => REDUCE_OPS[s.r] ?? 'sum';

export const reduce: LeafKind = {
  type: 'reduce',
  label: 'Reduce',
  category: 'pool',
  summary: 'Sum, max, min, product, L1/L2 norm, sum of squares, log-sum or log-sum-exp over dims',
  fields: [
    {
      name: 'op',
      kind: 'enum',
      options: REDUCE_OPS,
      default: 'sum',
      label: 'Op',
      help: 'sum adds the values; amax / amin keep the largest / smallest (torch.max(x, dim).values is amax); prod multiplies; l1 / l2 the vector norm (ONNX ReduceL1 / ReduceL2); sumsquare Σx²; logsum log Σx; logsumexp log Σ exp(x)',
    },
    ...reduceFields('reduced'),
  ],
  shape: (p, input) => reducedShape('reduce', p, input),
  symbols: (p, input, output, batch) => {
    const op = (REDUCE_OPS as readonly string[]).includes(p.op as string) ? (p.op as ReduceOp) : 'sum';
    return commonSymbols(input, output, batch, {
      amax: p.op === 'sum' ? 0 : 1,
      r: REDUCE_OPS.indexOf(op),
      ri: COST[op][0],
      ro: COST[op][1],
    });
  },
  params: ZERO,
  exact: sub(mul('ri', 'numel_in'), mul('ro', 'numel_out')),
  exactNote:
    'Per output, R − 1 adds (sum), compares (amax, amin) or multiplies (prod) over the R values it reduces: numel_in − numel_out; l1 and sumsquare add |x| or x² per value (2·numel_in − numel_out); l2 adds a square root per output (2·numel_in); logsum a log per output (numel_in); logsumexp an exp per value and a log per output (2·numel_in).',
};
