/**
 * The single-module fixtures of tests/fixtures/nd-kinds-tools.jsonl written in the model format
 * (input shapes come from the fixture), shared by nd-kinds.test.ts and onnx-tool-nd-kinds.test.ts.
 */
import type { LayerSpec } from '../../../src/engine/format/model';

/** The fixture's modules in the model format (input shapes come from the fixture). */
export const AS_LAYERS: Record<string, LayerSpec[]> = {
  conv1d: [{ type: 'conv1d', out: 32, kernel: 3, stride: 2, padding: 1 }],
  conv1d_g: [{ type: 'conv1d', out: 32, kernel: 5, padding: 2, groups: 4, bias: false }],
  conv3d: [{ type: 'conv3d', out: 8, kernel: [3], padding: [1] }],
  conv3d_s: [{ type: 'conv3d', out: 8, kernel: [1, 3, 3], stride: [1, 2, 2], bias: false }],
  convtranspose1d: [{ type: 'convtranspose1d', out: 8, kernel: 4, stride: 2, padding: 1 }],
  convtranspose1d_g: [
    { type: 'convtranspose1d', out: 32, kernel: 5, stride: 3, padding: 2, output_padding: 1, groups: 4, bias: false },
  ],
  convtranspose3d: [{ type: 'convtranspose3d', out: 8, kernel: [3], stride: [2], padding: [1], output_padding: [1] }],
  convtranspose3d_s: [
    { type: 'convtranspose3d', out: 6, kernel: [1, 3, 3], stride: [1, 2, 2], dilation: [1, 2, 1], bias: false },
  ],
  maxpool1d: [{ type: 'maxpool1d', kernel: 3, stride: 2 }],
  avgpool1d: [{ type: 'avgpool1d', kernel: 3, stride: 2, padding: 1 }],
  adaptiveavgpool1d: [{ type: 'adaptiveavgpool1d', out: 7 }],
  adaptivemaxpool1d: [{ type: 'adaptivemaxpool1d', out: 5 }],
  maxpool3d: [{ type: 'maxpool3d', kernel: [2] }],
  avgpool3d: [{ type: 'avgpool3d', kernel: [2] }],
  adaptiveavgpool3d: [{ type: 'adaptiveavgpool3d', out: [1] }],
  adaptiveavgpool3d_b: [{ type: 'adaptiveavgpool3d', out: [2, 3, 3] }],
  batchnorm1d: [{ type: 'batchnorm1d' }],
  batchnorm1d_flat: [{ type: 'batchnorm1d' }],
  batchnorm3d: [{ type: 'batchnorm3d' }],
  groupnorm: [{ type: 'groupnorm', groups: 4 }],
  groupnorm_noaffine: [{ type: 'groupnorm', groups: 8, affine: false }],
  instancenorm2d: [{ type: 'instancenorm' }],
  instancenorm2d_affine: [{ type: 'instancenorm', affine: true }],
  instancenorm1d: [{ type: 'instancenorm', affine: true }],
  pixelshuffle: [{ type: 'pixelshuffle', factor: 2 }],
  pixelunshuffle: [{ type: 'pixelshuffle', factor: 2, inverse: true }],
  layernorm2d_subclass: [{ type: 'layernorm', call: 'subclass' }],
  permute_linear: [
    { type: 'permute', dims: [0, 2, 3, 1] },
    { type: 'linear', out: 384, in: 96 },
  ],
  layernorm_last: [{ type: 'layernorm', last: true }],
  f_linear: [{ type: 'linear', out: 288, call: 'function' }],
  f_linear_nobias: [{ type: 'linear', out: 288, bias: false, call: 'function' }],
  mean_dims: [{ type: 'mean', dims: [2, 3] }],
  // torch.split(x, [10, 22], dim=1), then torch.cat([b, a], 1).
  split: [
    { type: 'slice', dim: 1, end: 10, id: 'a' },
    { type: 'slice', dim: 1, start: 10, from: 'input', id: 'b' },
    { type: 'cat', dim: 1, from: ['b', 'a'] },
  ],
  // a, b = x.chunk(2, dim=1); a + b.
  chunk_method: [
    { type: 'chunk', chunks: 2, index: 0, id: 'a' },
    { type: 'chunk', chunks: 2, index: 1, from: 'input', id: 'b' },
    { type: 'add', from: ['a', 'b'] },
  ],
  f_pad: [{ type: 'pad', pad: [0, 0, 0, 1, 0, 1] }],
  sum_dims: [{ type: 'reduce', op: 'sum', dims: [2, 3] }],
  amax_dims: [{ type: 'reduce', op: 'amax', dims: [2, 3] }],
  // torch.max(x, dim=1).values: the same values and counts as amax.
  max_dim: [{ type: 'reduce', op: 'amax', dims: [1] }],
  roll: [{ type: 'roll', shifts: [-3, -3], dims: [1, 2] }],
  scalar_mul: [{ type: 'mul', scalar: 0.125 }],
  scalar_mul_method: [{ type: 'mul', scalar: 0.125, call: 'method' }],
  // Swin's _patch_merging_pad without the pad: x[..., 0::2, 0::2, :] … and torch.cat on the last dim.
  strided_slice_cat: [
    { type: 'slice', dim: 1, step: 2, id: 'r0' },
    { type: 'slice', dim: 2, step: 2, id: 'x0' },
    { type: 'slice', dim: 1, start: 1, step: 2, from: 'input' },
    { type: 'slice', dim: 2, step: 2, id: 'x1' },
    { type: 'slice', dim: 2, start: 1, step: 2, from: 'r0', id: 'x2' },
    { type: 'slice', dim: 1, start: 1, step: 2, from: 'input' },
    { type: 'slice', dim: 2, start: 1, step: 2, id: 'x3' },
    { type: 'cat', dim: -1, from: ['x0', 'x1', 'x2', 'x3'] },
  ],
  f_softmax: [{ type: 'softmax', dim: -1, call: 'function' }],
  nn_softmax: [{ type: 'softmax', dim: -1 }],
  f_layer_norm: [{ type: 'layernorm', last: true, call: 'function' }],
  gelu_fn: [{ type: 'gelu', call: 'function' }],
  matmul_method: [
    { type: 'transpose', dim0: -2, dim1: -1, id: 'kt' },
    { type: 'matmul', call: 'method', from: ['input', 'kt'] },
  ],
  // torch.einsum('bld,bmd->blm', x, x), ('bld,de->ble', x, w), ('bi,bj->bij', x, x), batch left out.
  einsum_bmm: [{ type: 'einsum', equation: 'ld,md->lm', from: ['input', 'input'] }],
  einsum_proj: [
    { type: 'parameter', shape: [16, 24], id: 'w' },
    { type: 'einsum', equation: 'ld,de->le', from: ['input', 'w'] },
  ],
  einsum_outer: [{ type: 'einsum', equation: 'i,j->ij', from: ['input', 'input'] }],
  lstm: [{ type: 'lstm', hidden: 64 }],
  lstm_2l_bi: [{ type: 'lstm', hidden: 64, layers: 2, bidirectional: true }],
  lstm_nobias: [{ type: 'lstm', hidden: 48, bias: false }],
  lstm_proj: [{ type: 'lstm', hidden: 64, proj: 16 }],
  gru: [{ type: 'gru', hidden: 64 }],
  gru_2l_bi: [{ type: 'gru', hidden: 64, layers: 2, bidirectional: true }],
  rnn_tanh: [{ type: 'rnn', hidden: 64 }],
  upsample_nearest: [{ type: 'upsample', scale: 2 }],
  upsample_bilinear: [{ type: 'upsample', scale: 2, mode: 'bilinear' }],
  upsample_bicubic: [{ type: 'upsample', scale: 2, mode: 'bicubic' }],
  // align_corners=True changes no count.
  upsample_bilinear_ac: [{ type: 'upsample', size: [15, 17], mode: 'bilinear' }],
  interp_fn_bilinear: [{ type: 'upsample', scale: 2, mode: 'bilinear', call: 'function' }],
  interp_fn_nearest_size: [{ type: 'upsample', size: [7, 9], call: 'function' }],
  upsample_linear1d: [{ type: 'upsample', scale: 3, mode: 'linear' }],
  upsample_trilinear: [{ type: 'upsample', scale: 2, mode: 'trilinear' }],
  matmul_op: [
    { type: 'transpose', dim0: -2, dim1: -1, id: 'kt' },
    { type: 'matmul', from: ['input', 'kt'] },
  ],
};
