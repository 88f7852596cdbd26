/**
 * Softmax over channels (torch.nn.Softmax(dim=1)): on [C, H, W] each position's C values,
 * on [F] the F features. `F` is the length of one softmax vector; numel_in / F is the number
 * of vectors (batch included).
 */
import { div, mul, sub } from '../expr';
import { elementwiseKind } from './elementwise';
import type { LeafKind } from './kind';

/** Number of softmax vectors, batch included. */
export const SOFTMAX_VECTORS = div('numel_in', 'F');

export const softmax: LeafKind = {
  ...elementwiseKind({
    type: 'softmax',
    label: 'Softmax',
    summary: 'exp(x) / Σ exp(x) over the channels (dim 1)',
    opsPerElement: 0,
    exactNote:
      'Per vector of F values: F exps, F − 1 adds and F divides (the max subtraction for numerical stability is not counted).',
    symbols: (_p, input) => ({ F: input[0] }),
  }),
  exact: mul(SOFTMAX_VECTORS, sub(mul(3, 'F'), 1)),
};
