/**
 * Softmax along a dim (torch.nn.Softmax(dim), default 1 = channels): on [C, H, W] each
 * position's C values, on [F] the F features, on attention scores [H, L, L] with dim -1 each row. `F` is the length of one softmax vector; numel_in / F is the number
 * of vectors (batch included).
 */
import { div, mul, sub } from '../expr';
import { elementwiseKind } from './elementwise';
import type { LeafKind } from './kind';
import { alongDim, dimField } from './dims';
import { fnSymbol } from './call';

const DIM = alongDim('softmax');

/** Number of softmax vectors, batch included. */
export const SOFTMAX_VECTORS = div('numel_in', 'F');

export const softmax: LeafKind = {
  ...elementwiseKind({
    type: 'softmax',
    label: 'Softmax',
    summary: 'exp(x) / Σ exp(x) along a dim (default 1: the channels)',
    opsPerElement: 0,
    exactNote:
      'Per vector of F values: F exps, F − 1 adds and F divides (the max subtraction for numerical stability is not counted).',
    fields: [
      dimField(
        'dim',
        'Dim',
        1,
        'The dim the values sum to 1 along, as in PyTorch (1 = channels; -1 = the last, as in attention scores)',
      ),
      {
        name: 'call',
        kind: 'enum',
        options: ['module', 'function', 'method'],
        default: 'module',
        label: 'Written as',
        help: 'nn.Softmax (module), F.softmax (function) or x.softmax(dim) (method), as the PyTorch code writes it; thop hooks only the module, ptflops and DeepSpeed patch only F.softmax',
      },
    ],
    check: DIM.check,
    symbols: (p, input) => ({ F: DIM.length(p, input), fn: fnSymbol(p.call), method: p.call === 'method' ? 1 : 0 }),
  }),
  exact: mul(SOFTMAX_VECTORS, sub(mul(3, 'F'), 1)),
};
