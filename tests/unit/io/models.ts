/** Test networks for the import/export round trips: together they use every layer kind. */
import type { Model } from '../../../src/engine/format/model';

/** Every leaf kind and every block kind that ONNX can carry, on a [3, 32, 32] input, batch 2. */
export const EVERY_KIND: Model = {
  format: 'floplab.model/2',
  name: 'every-kind',
  input: [3, 32, 32],
  batch: 2,
  layers: [
    { type: 'conv2d', name: 'stem', out: 16, kernel: 3, padding: 1, bias: false },
    { type: 'batchnorm2d', name: 'stem.bn' },
    { type: 'relu6' },
    { type: 'conv2d', out: 16, kernel: [3, 5], stride: [2, 1], padding: [1, 2], groups: 4 },
    { type: 'leakyrelu', negative_slope: 0.2 },
    { type: 'prelu', num_parameters: 16 },
    { type: 'maxpool2d', kernel: 3, stride: 2, padding: 1, ceil: true },
    { type: 'avgpool2d', kernel: 2, stride: 1 },
    { type: 'elu' },
    {
      type: 'residual',
      name: 'block1',
      body: [{ type: 'conv2d', out: 16, kernel: 3, padding: 2, dilation: 2 }, { type: 'layernorm' }, { type: 'gelu' }],
      shortcut: [{ type: 'conv2d', out: 16, kernel: 1 }],
    },
    {
      type: 'scale',
      name: 'se',
      body: [
        { type: 'adaptiveavgpool2d', out: 1 },
        { type: 'conv2d', out: 4, kernel: 1 },
        { type: 'relu' },
        { type: 'conv2d', out: 16, kernel: 1 },
        { type: 'hardsigmoid' },
      ],
    },
    { type: 'silu' },
    {
      type: 'concat',
      branches: [
        [],
        [{ type: 'conv2d', out: 8, kernel: 1 }, { type: 'tanh' }],
        [{ type: 'chunk', chunks: 2, index: 1 }],
      ],
    },
    { type: 'channelshuffle', groups: 4 },
    { type: 'convtranspose2d', out: 8, kernel: 3, stride: 2, padding: 1, output_padding: 1 },
    { type: 'upsample', scale: 2 },
    { type: 'upsample', size: [20, 24], mode: 'bilinear' },
    { type: 'lrn', size: 3 },
    { type: 'hardswish' },
    { type: 'layerscale' },
    { type: 'sigmoid' },
    { type: 'identity' },
    { type: 'dropout', p: 0.2 },
    { type: 'adaptivemaxpool2d', out: 1 },
    { type: 'flatten' },
    { type: 'linear', out: 10 },
    { type: 'softmax' },
  ],
};

/** A multilayer perceptron on a flat input (Gemm without bias, dropout). */
export const MLP: Model = {
  format: 'floplab.model/2',
  name: 'mlp',
  input: [100],
  batch: 4,
  layers: [
    { type: 'linear', out: 50, bias: false },
    { type: 'relu' },
    { type: 'dropout' },
    { type: 'linear', out: 10 },
  ],
};

/** The N-D kinds the PyTorch writer writes, as three chains: a volume, a sequence and a map. */
export const ND_KINDS: Model[] = [
  {
    format: 'floplab.model/2',
    name: 'volume',
    input: [4, 2, 8, 8],
    layers: [
      { type: 'conv3d', out: 6, kernel: [1, 3, 3], padding: [0, 1, 1], bias: false },
      { type: 'convtranspose3d', out: 4, kernel: [1, 2, 2], stride: [1, 2, 2] },
      { type: 'conv3d', out: 6, kernel: [1, 3, 3], stride: [1, 2, 2], padding: [0, 1, 1], bias: false },
      { type: 'batchnorm3d' },
      { type: 'instancenorm' },
      { type: 'maxpool3d', kernel: [1, 2, 2] },
      { type: 'avgpool3d', kernel: [1], stride: [1] },
      { type: 'adaptiveavgpool3d', out: [1, 2, 2] },
      { type: 'adaptivemaxpool3d', out: [1] },
    ],
  },
  {
    format: 'floplab.model/2',
    name: 'sequence',
    input: [4, 16],
    layers: [
      { type: 'conv1d', out: 8, kernel: 3, padding: 1, groups: 2 },
      { type: 'convtranspose1d', out: 8, kernel: 4, stride: 2, padding: 1, groups: 2, bias: false },
      { type: 'conv1d', out: 8, kernel: 3, stride: 2, padding: 1 },
      { type: 'batchnorm1d', affine: false },
      { type: 'instancenorm', affine: true },
      { type: 'maxpool1d', kernel: 2 },
      { type: 'avgpool1d', kernel: 3, stride: 1, padding: 1 },
      { type: 'adaptiveavgpool1d', out: 8 },
      { type: 'adaptivemaxpool1d', out: 6 },
      { type: 'lstm', hidden: 6, layers: 2, bidirectional: true, proj: 3 },
      { type: 'gru', hidden: 5, bias: false },
      { type: 'rnn', hidden: 4, nonlinearity: 'relu' },
      { type: 'reduce', op: 'amax', dims: [1], keepdim: true },
    ],
  },
  {
    format: 'floplab.model/2',
    name: 'map',
    input: [4, 8, 8],
    layers: [
      { type: 'groupnorm', groups: 2 },
      { type: 'pixelshuffle', factor: 2, inverse: true },
      { type: 'pixelshuffle', factor: 2 },
      { type: 'roll', shifts: [1, 3], dims: [2, 3] },
      { type: 'unary', op: 'exp' },
      { type: 'unary', op: 'pow', exponent: 3 },
      { type: 'unary', op: 'rsqrt' },
      { type: 'unary', op: 'softplus' },
      { type: 'lpnorm' },
      { type: 'layernorm', dims: 3 },
      { type: 'lpnorm', p: '1', dim: -1, clamp: false },
      { type: 'hardmax', dim: 1 },
      { type: 'reduce', op: 'sum', dims: [2, 3] },
    ],
  },
];
