/**
 * Division by the Lp norm along a dim, no learned scale: ONNX LpNormalization (p 1 or 2, default
 * axis −1) and F.normalize(x, p, dim) (default dim 1), which first clamps the norm to eps
 * (`clamp`; the ONNX operator has no eps). The L2Norm with a scale γ (SSD's Normalize) is l2norm.ts.
 * Per vector of F values: F squares (p 2) or absolute values (p 1), F − 1 adds, a square root
 * (p 2), the clamp, then F divides. `F` is the vector length, numel_in / F the vectors (batch included).
 */
import { add, div, mul, sub } from '../expr';
import { elementwiseKind } from './elementwise';
import type { LeafKind } from './kind';
import { alongDim, dimField } from './dims';

const DIM = alongDim('lpnorm');

/** Vectors normalised, batch included. */
export const LPNORM_VECTORS = div('numel_in', 'F');

export const lpnorm: LeafKind = {
  ...elementwiseKind({
    type: 'lpnorm',
    label: 'LpNorm',
    category: 'norm',
    summary: 'x / ‖x‖p along a dim, no scale (F.normalize, ONNX LpNormalization)',
    opsPerElement: 0,
    exactNote:
      'Per vector of F values: F squares (p 2) or absolute values (p 1), F − 1 adds, a square root (p 2), the clamp to eps (F.normalize), F divides: 3F, or 3F − 1 for p 1, + 1 with the clamp.',
    fields: [
      {
        name: 'p',
        kind: 'enum',
        options: ['2', '1'],
        default: '2',
        label: 'p',
        help: 'The norm: 2 (Euclidean) or 1 (sum of absolute values)',
      },
      dimField('dim', 'Dim', 1, 'The dim the norm is taken along, as in PyTorch (1 = channels; -1 = the last)'),
      {
        name: 'clamp',
        kind: 'bool',
        default: true,
        label: 'Clamp to eps',
        help: 'F.normalize divides by max(‖x‖, eps); ONNX LpNormalization divides by ‖x‖ itself (off)',
      },
    ],
    check: DIM.check,
    symbols: (p, input) => ({ F: DIM.length(p, input), L1: p.p === '1' ? 1 : 0, clamp: p.clamp === false ? 0 : 1 }),
  }),
  exact: add(mul(3, 'numel_in'), mul(sub('clamp', 'L1'), LPNORM_VECTORS)),
};
