/**
 * Hardmax along a dim: 1 where a vector's largest value is (its first, on a tie), 0 elsewhere;
 * ONNX Hardmax (default axis −1 from opset 13). PyTorch has no such op: a model writes
 * F.one_hot(x.argmax(dim), n), neither call in any PyTorch tool's tables (see the conventions'
 * notes). `F` is the vector length, numel_in / F the vectors (batch included).
 */
import { div, sub } from '../expr';
import { elementwiseKind } from './elementwise';
import type { LeafKind } from './kind';
import { alongDim, dimField } from './dims';

const DIM = alongDim('hardmax');

export const hardmax: LeafKind = {
  ...elementwiseKind({
    type: 'hardmax',
    label: 'Hardmax',
    summary: 'One-hot of the largest value along a dim (ONNX Hardmax)',
    opsPerElement: 0,
    exactNote:
      'Per vector of F values: F − 1 comparisons find the largest; writing the one-hot vector is data movement, not arithmetic.',
    fields: [
      dimField('dim', 'Dim', -1, 'The dim the largest value is found along, batch = 0 (-1 = the last, ONNX’s default)'),
    ],
    check: DIM.check,
    symbols: (p, input) => ({ F: DIM.length(p, input) }),
  }),
  exact: sub('numel_in', div('numel_in', 'F')),
};
