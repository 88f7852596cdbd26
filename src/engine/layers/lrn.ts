/**
 * Local response normalisation across channels (torch.nn.LocalResponseNorm; Caffe LRN with
 * norm_region ACROSS_CHANNELS, as in AlexNet/GoogLeNet): b = a / (k + α/n · Σ a²)^β over a
 * window of n neighbouring channels (zero-padded at the edges). No learnable parameters
 * (PyTorch's module has none; Caffe's α, β are hyper-parameters).
 */
import { add, mul, ZERO } from '../expr';
import { commonSymbols, needsMap, type LeafKind } from './kind';

export const lrn: LeafKind = {
  type: 'lrn',
  label: 'LRN',
  category: 'norm',
  summary: 'Local response normalisation across neighbouring channels',
  fields: [
    {
      name: 'size',
      kind: 'int',
      min: 1,
      default: 5,
      label: 'Size',
      help: 'Channels in the window n (Caffe local_size, default 5)',
    },
    { name: 'alpha', kind: 'number', default: 0.0001, label: 'α', help: 'Scale of the sum of squares' },
    { name: 'beta', kind: 'number', default: 0.75, label: 'β', help: 'Exponent' },
    { name: 'k', kind: 'number', default: 1, label: 'k', help: 'Additive constant (Caffe k, default 1)' },
  ],
  shape(_p, input) {
    const bad = needsMap('lrn', input);
    return bad ? { error: bad } : { output: input };
  },
  symbols(p, input, output, batch) {
    return commonSymbols(input, output, batch, { C: input[0], n: p.size as number });
  },
  params: ZERO,
  // Per element: n squares, n − 1 adds, ·α/n, +k, ^β and the divide = 2n + 3.
  exact: mul('numel_out', add(mul(2, 'n'), 3)),
  exactNote: 'Per element: n squares, n − 1 adds, one multiply by α/n, one add of k, one power, one divide (2n + 3).',
};
