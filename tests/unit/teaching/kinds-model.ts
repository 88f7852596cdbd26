/**
 * One model that uses every layer and block type at least once (batch 2, so batch factors
 * show), with windowed layers in the awkward settings: groups, dilation, ceil mode, stride ≠
 * kernel, padding "same", transposed conv with output padding.
 */
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';

export const EVERY_KIND_MODEL: Model = {
  format: MODEL_FORMAT,
  name: 'every kind',
  input: [4, 23, 23],
  batch: 2,
  layers: [
    { type: 'conv2d', out: 8, kernel: 3, padding: 1, groups: 2 },
    { type: 'conv2d', out: 8, kernel: 3, padding: 2, dilation: 2, bias: false },
    { type: 'conv2d', out: 8, kernel: 4, padding: 'same' },
    { type: 'batchnorm2d' },
    { type: 'relu' },
    { type: 'maxpool2d', kernel: 3, stride: 2, padding: 1, ceil: true },
    { type: 'avgpool2d', kernel: 3, stride: 1, padding: 1 },
    { type: 'lrn', size: 5 },
    { type: 'residual', body: [{ type: 'conv2d', out: 8, kernel: 3, padding: 1 }, { type: 'relu6' }] },
    { type: 'scale', body: [{ type: 'adaptiveavgpool2d', out: 1 }, { type: 'hardsigmoid' }] },
    {
      type: 'concat',
      branches: [
        [{ type: 'conv2d', out: 4, kernel: 1 }, { type: 'leakyrelu' }],
        [{ type: 'avgpool2d', kernel: 3, stride: 1, padding: 1 }, { type: 'prelu' }],
      ],
    },
    { type: 'repeat', times: 2, body: [{ type: 'conv2d', out: 12, kernel: 1 }, { type: 'elu' }, { type: 'sigmoid' }] },
    { type: 'aux', body: [{ type: 'adaptiveavgpool2d', out: 1 }, { type: 'flatten' }, { type: 'linear', out: 3 }] },
    { type: 'chunk', chunks: 2 },
    { type: 'convtranspose2d', out: 6, kernel: 3, stride: 2, padding: 1, output_padding: 1, groups: 2 },
    { type: 'upsample', scale: 2 },
    { type: 'upsample', size: [9, 7], mode: 'bilinear' },
    { type: 'channelshuffle', groups: 2 },
    { type: 'tanh' },
    { type: 'hardswish' },
    { type: 'silu' },
    { type: 'gelu' },
    { type: 'layernorm' },
    { type: 'layerscale' },
    { type: 'dropout', p: 0.2 },
    { type: 'identity', id: 'map' },
    // Graph kinds: a fork and merges by name, tokens, attention-style products.
    { type: 'mul', call: 'function', from: ['map', -1] },
    { type: 'add', from: [-1, 'map', 'map'] },
    { type: 'sub', from: ['map', -1] },
    { type: 'div', from: [-1, 'map'] },
    { type: 'cat', dim: 1, from: ['map', -1], id: 'joined' },
    { type: 'flatten', start: 2, id: 'tok' },
    { type: 'transpose', dim0: 1, dim1: 2, id: 'tokT' },
    { type: 'matmul', from: ['tok', 'tokT'] },
    { type: 'matmul', call: 'function', from: [-1, 'tok'] },
    { type: 'reshape', shape: [-1, 2, 2] },
    { type: 'permute', dims: [0, 2, 3, 1] },
    { type: 'permute', dims: [0, 3, 1, 2] },
    { type: 'avgpool2d', kernel: 2 },
    { type: 'adaptivemaxpool2d', out: [2, 2] },
    { type: 'flatten' },
    { type: 'linear', out: 10 },
    { type: 'linear', out: 5, bias: false },
    { type: 'softmax' },
  ],
};
