/**
 * Every layer type under every convention on a small input ([4, 6, 6] or [8], batch 2), one
 * row per case. Expected values were worked out by hand from each tool's formula as read from
 * its source (the row's `source`; details and versions in docs/conventions.md and
 * shared/reference/conventions.md), independently of the engine's rule tables.
 * Batch 2 makes the batch factor visible: ptflops reports one image, the others the batch.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec } from '../../../src/engine/format/model';
import { BLOCK_KINDS, LEAF_KINDS } from '../../../src/engine/layers/registry';
import { CONVENTIONS } from '../../../src/engine/conventions/registry';

interface Case {
  readonly spec: LayerSpec;
  readonly input: number[];
  readonly source: string;
  readonly expect: Readonly<Record<string, number>>;
}

const CASES: readonly Case[] = [
  {
    spec: { type: 'conv2d', out: 6, kernel: 3, padding: 1, groups: 2 },
    input: [4, 6, 6],
    source:
      'seed article conv formula; thop calc_func.calculate_conv2d_flops; ptflops conv_flops_counter_hook; fvcore jit_handles.conv_flop_count; torch flop_counter.conv_flop_count; DeepSpeed _conv_flops_compute; torchinfo layer_info.calculate_macs; onnx-tool ConvNode; Netscope analyzer.coffee convolution',
    expect: {
      seed: 15552,
      exact: 15552,
      torchvision: 7776,
      thop: 7776,
      ptflops: 4104,
      fvcore: 7776,
      torch: 15552,
      deepspeed: 15984,
      torchinfo: 8208,
      'onnx-tool': 8208,
      netscope: 7776,
    },
  },
  {
    spec: { type: 'conv2d', out: 8, kernel: 3, stride: 2, bias: false },
    input: [4, 6, 6],
    source:
      'seed article conv formula; thop calc_func.calculate_conv2d_flops; ptflops conv_flops_counter_hook; fvcore jit_handles.conv_flop_count; torch flop_counter.conv_flop_count; DeepSpeed _conv_flops_compute; torchinfo layer_info.calculate_macs; onnx-tool ConvNode; Netscope analyzer.coffee convolution',
    expect: {
      seed: 4544,
      exact: 4544,
      torchvision: 2304,
      thop: 2304,
      ptflops: 1152,
      fvcore: 2304,
      torch: 4608,
      deepspeed: 4608,
      torchinfo: 2304,
      'onnx-tool': 2304,
      netscope: 2304,
    },
  },
  {
    spec: { type: 'convtranspose2d', out: 6, kernel: 3, stride: 2, padding: 1, output_padding: 1, groups: 2 },
    input: [4, 6, 6],
    source:
      'PyTorch ConvTranspose2d shape; thop count_convNd (output numel); ptflops conv hook transpose=True; fvcore/torch conv_flop_count(transposed); DeepSpeed _conv_trans_flops_compute (weight.shape[1]//g); onnx-tool ConvTransposeNode; Netscope deconvolution',
    expect: {
      seed: 15552,
      exact: 13872,
      torchvision: 7776,
      thop: 31104,
      ptflops: 4752,
      fvcore: 7776,
      torch: 15552,
      deepspeed: 5238,
      torchinfo: 32832,
      'onnx-tool': 48384,
      netscope: 15552,
    },
  },
  {
    spec: { type: 'linear', out: 5, bias: true },
    input: [8],
    source:
      "seed article FC (2I\u22121)\u00b7O / 2\u00b7I\u00b7O; thop count_linear; ptflops linear_flops_counter_hook; fvcore linear_flop_jit; torch addmm_flop; DeepSpeed _linear_flops_compute; torchinfo 'Linear'; onnx-tool GemmNode; Netscope innerproduct",
    expect: {
      seed: 160,
      exact: 160,
      torchvision: 80,
      thop: 80,
      ptflops: 45,
      fvcore: 80,
      torch: 160,
      deepspeed: 160,
      torchinfo: 90,
      'onnx-tool': 90,
      netscope: 80,
    },
  },
  {
    spec: { type: 'linear', out: 5, bias: false },
    input: [8],
    source:
      "seed article FC (2I\u22121)\u00b7O / 2\u00b7I\u00b7O; thop count_linear; ptflops linear_flops_counter_hook; fvcore linear_flop_jit; torch addmm_flop; DeepSpeed _linear_flops_compute; torchinfo 'Linear'; onnx-tool GemmNode; Netscope innerproduct",
    expect: {
      seed: 150,
      exact: 150,
      torchvision: 80,
      thop: 80,
      ptflops: 40,
      fvcore: 80,
      torch: 160,
      deepspeed: 160,
      torchinfo: 80,
      'onnx-tool': 80,
      netscope: 80,
    },
  },
  {
    spec: { type: 'batchnorm2d' },
    input: [4, 6, 6],
    source:
      'thop count_normalization; ptflops bn_flops_counter_hook; fvcore batchnorm_flop_jit (eval); DeepSpeed _batch_norm_flops_compute; torchinfo params\u00d7N; onnx-tool BatchNormalizationNode 31; Netscope batchnorm + Scale',
    expect: {
      seed: 576,
      exact: 576,
      torchvision: 0,
      thop: 1152,
      ptflops: 288,
      fvcore: 576,
      torch: 0,
      deepspeed: 576,
      torchinfo: 16,
      'onnx-tool': 8928,
      netscope: 864,
    },
  },
  {
    spec: { type: 'batchnorm2d', affine: false },
    input: [4, 6, 6],
    source:
      'thop count_normalization; ptflops bn_flops_counter_hook; fvcore batchnorm_flop_jit (eval); DeepSpeed _batch_norm_flops_compute; torchinfo params\u00d7N; onnx-tool BatchNormalizationNode 31; Netscope batchnorm + Scale',
    expect: {
      seed: 576,
      exact: 576,
      torchvision: 0,
      thop: 576,
      ptflops: 144,
      fvcore: 288,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 8928,
      netscope: 576,
    },
  },
  {
    spec: { type: 'layernorm' },
    input: [4, 6, 6],
    source:
      'thop count_normalization (elementwise_affine); ptflops bn hook without .affine; fvcore norm_flop_counter (5/4); DeepSpeed _layer_norm_flops_compute; onnx-tool LayerNormalizationNode; Netscope: unknown layer',
    expect: {
      seed: 2232,
      exact: 2232,
      torchvision: 0,
      thop: 1152,
      ptflops: 144,
      fvcore: 1440,
      torch: 0,
      deepspeed: 1440,
      torchinfo: 16,
      'onnx-tool': 4104,
      netscope: 0,
    },
  },
  {
    spec: { type: 'layernorm', affine: false },
    input: [8],
    source:
      'thop count_normalization (elementwise_affine); ptflops bn hook without .affine; fvcore norm_flop_counter (5/4); DeepSpeed _layer_norm_flops_compute; onnx-tool LayerNormalizationNode; Netscope: unknown layer',
    expect: {
      seed: 86,
      exact: 86,
      torchvision: 0,
      thop: 32,
      ptflops: 8,
      fvcore: 64,
      torch: 0,
      deepspeed: 64,
      torchinfo: 0,
      'onnx-tool': 170,
      netscope: 0,
    },
  },
  {
    spec: { type: 'relu' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 288,
      exact: 288,
      torchvision: 0,
      thop: 0,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 288,
      netscope: 288,
    },
  },
  {
    spec: { type: 'relu6' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 288,
      exact: 576,
      torchvision: 0,
      thop: 0,
      ptflops: 144,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 576,
      netscope: 288,
    },
  },
  {
    spec: { type: 'leakyrelu' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 288,
      exact: 576,
      torchvision: 0,
      thop: 0,
      ptflops: 144,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 576,
      netscope: 288,
    },
  },
  {
    spec: { type: 'prelu' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 288,
      exact: 576,
      torchvision: 0,
      thop: 288,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 2,
      'onnx-tool': 576,
      netscope: 288,
    },
  },
  {
    spec: { type: 'prelu', num_parameters: 4 },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 288,
      exact: 576,
      torchvision: 0,
      thop: 288,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 8,
      'onnx-tool': 576,
      netscope: 288,
    },
  },
  {
    spec: { type: 'elu' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 288,
      exact: 1152,
      torchvision: 0,
      thop: 0,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 10080,
      netscope: 288,
    },
  },
  {
    spec: { type: 'sigmoid' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 1152,
      exact: 1152,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 9216,
      netscope: 0,
    },
  },
  {
    spec: { type: 'tanh' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 1440,
      exact: 1440,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 21888,
      netscope: 0,
    },
  },
  {
    spec: { type: 'hardswish' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 1440,
      exact: 1440,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 1440,
      netscope: 0,
    },
  },
  {
    spec: { type: 'hardsigmoid' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 1152,
      exact: 1152,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 1152,
      netscope: 0,
    },
  },
  {
    spec: { type: 'silu' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 1440,
      exact: 1440,
      torchvision: 0,
      thop: 0,
      ptflops: 144,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 9504,
      netscope: 0,
    },
  },
  {
    spec: { type: 'gelu' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 1440,
      exact: 1440,
      torchvision: 0,
      thop: 0,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 2016,
      netscope: 0,
    },
  },
  {
    spec: { type: 'dropout' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 0,
      exact: 0,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 288,
    },
  },
  {
    spec: { type: 'identity' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 0,
      exact: 0,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'layerscale' },
    input: [4, 6, 6],
    source:
      'thop register_hooks; ptflops MODULES_MAPPING + patch_functional; fvcore _IGNORED_OPS / unsupported; DeepSpeed _patch_functionals; torchinfo params\u00d7N; onnx-tool node op_mac; Netscope relu/dropout comp; seed: ReLU family 1, sigmoid 4, others = exact',
    expect: {
      seed: 288,
      exact: 288,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 288,
      netscope: 288,
    },
  },
  {
    spec: { type: 'softmax' },
    input: [4, 6, 6],
    source:
      'thop calculate_softmax; ptflops F.softmax; DeepSpeed _softmax_flops_compute; onnx-tool SoftmaxNode EXP+DIV; Netscope softmax exp+add+div',
    expect: {
      seed: 792,
      exact: 792,
      torchvision: 0,
      thop: 792,
      ptflops: 144,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 10368,
      netscope: 864,
    },
  },
  {
    spec: { type: 'maxpool2d', kernel: 3, stride: 2, padding: 1 },
    input: [4, 6, 6],
    source:
      'seed: one op per output; thop zero_ops; ptflops pool hook + F.max_pool2d; DeepSpeed _pool_flops_compute; onnx-tool PoolBase; Netscope pooling MAX',
    expect: {
      seed: 72,
      exact: 576,
      torchvision: 0,
      thop: 0,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 648,
      netscope: 648,
    },
  },
  {
    spec: { type: 'avgpool2d', kernel: 3, stride: 2, padding: 1 },
    input: [4, 6, 6],
    source:
      'seed: (S\u00b2\u22121+1) per output; thop count_avgpool; ptflops pool hook + F.avg_pool2d; onnx-tool PoolBase; Netscope pooling AVE',
    expect: {
      seed: 288,
      exact: 648,
      torchvision: 0,
      thop: 72,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 648,
      netscope: 648,
    },
  },
  {
    spec: { type: 'adaptiveavgpool2d', out: 1 },
    input: [4, 6, 6],
    source:
      'thop count_adap_avgpool (float); ptflops pool hook + functional; fvcore elementwise_flop_counter(1,0); onnx-tool GlobalAveragePoolNode / AveragePool; Netscope global pooling',
    expect: {
      seed: 288,
      exact: 288,
      torchvision: 0,
      thop: 296,
      ptflops: 288,
      fvcore: 288,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 320,
      netscope: 288,
    },
  },
  {
    spec: { type: 'adaptiveavgpool2d', out: 4 },
    input: [4, 6, 6],
    source:
      'thop count_adap_avgpool (float); ptflops pool hook + functional; fvcore elementwise_flop_counter(1,0); onnx-tool GlobalAveragePoolNode / AveragePool; Netscope global pooling',
    expect: {
      seed: 512,
      exact: 512,
      torchvision: 0,
      thop: 416,
      ptflops: 288,
      fvcore: 288,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 512,
    },
  },
  {
    spec: { type: 'adaptiveavgpool2d', out: 3 },
    input: [4, 6, 6],
    source:
      'thop count_adap_avgpool (float); ptflops pool hook + functional; fvcore elementwise_flop_counter(1,0); onnx-tool GlobalAveragePoolNode / AveragePool; Netscope global pooling',
    expect: {
      seed: 288,
      exact: 288,
      torchvision: 0,
      thop: 360,
      ptflops: 288,
      fvcore: 288,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 288,
      netscope: 288,
    },
  },
  {
    spec: { type: 'adaptivemaxpool2d', out: 1 },
    input: [4, 6, 6],
    source:
      'thop zero_ops; ptflops pool hook + functional; DeepSpeed _pool_flops_compute; onnx-tool: GlobalMaxPool unregistered / MaxPool',
    expect: {
      seed: 8,
      exact: 280,
      torchvision: 0,
      thop: 0,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 288,
    },
  },
  {
    spec: { type: 'adaptivemaxpool2d', out: 3 },
    input: [4, 6, 6],
    source:
      'thop zero_ops; ptflops pool hook + functional; DeepSpeed _pool_flops_compute; onnx-tool: GlobalMaxPool unregistered / MaxPool',
    expect: {
      seed: 72,
      exact: 216,
      torchvision: 0,
      thop: 0,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 288,
      netscope: 288,
    },
  },
  {
    spec: { type: 'upsample', scale: 2 },
    input: [4, 6, 6],
    source:
      'thop calculate_upsample (1/11); ptflops upsample hook + F.interpolate; fvcore upsample_nearest2d/bilinear2d (1/4); DeepSpeed _upsample_flops_compute (size: prod(size); scale: s^len(input)); onnx-tool ResizeNode (0/4)',
    expect: {
      seed: 0,
      exact: 0,
      torchvision: 0,
      thop: 1152,
      ptflops: 1152,
      fvcore: 1152,
      torch: 0,
      deepspeed: 1152,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'upsample', scale: 2, mode: 'bilinear' },
    input: [4, 6, 6],
    source:
      'thop calculate_upsample (1/11); ptflops upsample hook + F.interpolate; fvcore upsample_nearest2d/bilinear2d (1/4); DeepSpeed _upsample_flops_compute (size: prod(size); scale: s^len(input)); onnx-tool ResizeNode (0/4)',
    expect: {
      seed: 8064,
      exact: 8064,
      torchvision: 0,
      thop: 12672,
      ptflops: 1152,
      fvcore: 4608,
      torch: 0,
      deepspeed: 1152,
      torchinfo: 0,
      'onnx-tool': 4608,
      netscope: 0,
    },
  },
  {
    spec: { type: 'upsample', size: [9, 12], mode: 'bilinear' },
    input: [4, 6, 6],
    source:
      'thop calculate_upsample (1/11); ptflops upsample hook + F.interpolate; fvcore upsample_nearest2d/bilinear2d (1/4); DeepSpeed _upsample_flops_compute (size: prod(size); scale: s^len(input)); onnx-tool ResizeNode (0/4)',
    expect: {
      seed: 6048,
      exact: 6048,
      torchvision: 0,
      thop: 9504,
      ptflops: 864,
      fvcore: 3456,
      torch: 0,
      deepspeed: 108,
      torchinfo: 0,
      'onnx-tool': 3456,
      netscope: 0,
    },
  },
  {
    // nn.Upsample(size=5): DeepSpeed's _upsample_flops_compute counts int(size) = 5.
    spec: { type: 'upsample', size: 5 },
    input: [4, 6, 6],
    source:
      'thop calculate_upsample; ptflops hook + F.interpolate; fvcore upsample_nearest2d; DeepSpeed _upsample_flops_compute int(size)',
    expect: {
      seed: 0,
      exact: 0,
      torchvision: 0,
      thop: 200,
      ptflops: 200,
      fvcore: 200,
      torch: 0,
      deepspeed: 5,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'channelshuffle', groups: 2 },
    input: [4, 6, 6],
    source:
      'view/transpose/slice: no arithmetic in any tool (fvcore _IGNORED_OPS; onnx-tool Reshape/Transpose/Slice nodes 0)',
    expect: {
      seed: 0,
      exact: 0,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'flatten' },
    input: [4, 6, 6],
    source:
      'view/transpose/slice: no arithmetic in any tool (fvcore _IGNORED_OPS; onnx-tool Reshape/Transpose/Slice nodes 0)',
    expect: {
      seed: 0,
      exact: 0,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'chunk', chunks: 2 },
    input: [4, 6, 6],
    source:
      'view/transpose/slice: no arithmetic in any tool (fvcore _IGNORED_OPS; onnx-tool Reshape/Transpose/Slice nodes 0)',
    expect: {
      seed: 0,
      exact: 0,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'lrn', size: 3 },
    input: [4, 6, 6],
    source:
      'torch/nn/functional.py local_response_norm (Tensor.mul \u00d72, Tensor.add, F.avg_pool3d patched in ptflops/DeepSpeed); onnx-tool LRNNode; Netscope lrn',
    expect: {
      seed: 2592,
      exact: 2592,
      torchvision: 0,
      thop: 0,
      ptflops: 648,
      fvcore: 0,
      torch: 0,
      deepspeed: 1296,
      torchinfo: 0,
      'onnx-tool': 11520,
      netscope: 2016,
    },
  },
];

describe('one layer under every convention (batch 2)', () => {
  it.each(CASES.map((c) => [`${JSON.stringify(c.spec)} on [${c.input.join(', ')}]`, c] as const))('%s', (_n, c) => {
    const r = evaluateModel(
      { format: 'floplab.model/1', input: c.input, batch: 2, layers: [c.spec] },
      { conventions: [...CONVENTION_IDS] },
    );
    expect(r.errors).toBe(0);
    const got = Object.fromEntries(CONVENTION_IDS.map((id, i) => [id, Number(r.totals.counts[i])]));
    expect(got).toEqual(c.expect);
  });

  it('covers every leaf layer kind in the registry', () => {
    const covered = new Set(CASES.map((c) => c.spec.type));
    for (const k of LEAF_KINDS) expect([k.type, covered.has(k.type)]).toEqual([k.type, true]);
  });
});

// A block's own combining op (children are counted on their own rows): the residual add and the
// SE multiply are one op per element in the seed article ("don't forget the shortcut adds"),
// exact, onnx-tool (AddNode/MulNode) and Netscope (Eltwise SUM / Scale); the six PyTorch tools
// see `out += x` and `body(x) * x` operators and count 0 (shared/reference/conventions.md, "Blocks").
describe('block ops under every convention (input [4, 6, 6], batch 2: 288 elements)', () => {
  const ONE_PER_ELEMENT = { seed: 288, exact: 288, 'onnx-tool': 288, netscope: 288 };
  const blocks: [string, LayerSpec, Readonly<Record<string, number>>][] = [
    ['residual', { type: 'residual', body: [{ type: 'relu' }] }, ONE_PER_ELEMENT],
    ['scale', { type: 'scale', body: [{ type: 'adaptiveavgpool2d', out: 1 }, { type: 'sigmoid' }] }, ONE_PER_ELEMENT],
    ['concat', { type: 'concat', branches: [[], [{ type: 'relu' }]] }, {}],
    ['repeat', { type: 'repeat', times: 2, body: [{ type: 'relu' }] }, {}],
    ['aux', { type: 'aux', body: [{ type: 'relu' }] }, {}],
  ];
  it.each(blocks)('%s', (_t, spec, nonZero) => {
    const r = evaluateModel(
      { format: 'floplab.model/1', input: [4, 6, 6], batch: 2, layers: [spec] },
      { conventions: [...CONVENTION_IDS] },
    );
    expect(r.errors).toBe(0);
    const own = Object.fromEntries(CONVENTION_IDS.map((id, i) => [id, Number(r.rows[0].counts[i])]));
    expect(own).toEqual(Object.fromEntries(CONVENTION_IDS.map((id) => [id, nonZero[id] ?? 0])));
  });
});

describe('every convention explains every type', () => {
  // A 0 must be explainable in the inspector: each type has a rule or a note (a tool's warning,
  // "no rule in register_hooks", "Unknown Layer", …) under every convention.
  it.each(CONVENTIONS.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const silent = [...LEAF_KINDS, ...BLOCK_KINDS]
      .map((k) => k.type)
      .filter((t) => !(t in c.rules) && !(c.notes && t in c.notes));
    expect(silent).toEqual([]);
  });
});
