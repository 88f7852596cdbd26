/**
 * Log-softmax along a dim (nn.LogSoftmax(dim), F.log_softmax; ONNX LogSoftmax): x − log Σ exp(x)
 * over each vector of F values along the dim. `F` is the length of one vector; numel_in / F is the
 * number of vectors (batch included), as in softmax.ts.
 */
import { mul } from '../expr';
import { elementwiseKind } from './elementwise';
import type { LeafKind } from './kind';
import { alongDim, dimField } from './dims';

const DIM = alongDim('logsoftmax');

export const logsoftmax: LeafKind = {
  ...elementwiseKind({
    type: 'logsoftmax',
    label: 'LogSoftmax',
    summary: 'x − log Σ exp(x) along a dim (nn.LogSoftmax, ONNX LogSoftmax)',
    opsPerElement: 0,
    exactNote:
      'Per vector of F values: F exps, F − 1 adds, one log and F subtracts = 3F, so 3 per element (the max subtraction for numerical stability is not counted, as for softmax).',
    fields: [dimField('dim', 'Dim', 1, 'The dim the exps sum along, as in PyTorch (1 = channels; -1 = the last)')],
    check: DIM.check,
    symbols: (p, input) => ({ F: DIM.length(p, input) }),
  }),
  exact: mul(3, 'numel_in'),
};
