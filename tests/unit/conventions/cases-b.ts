/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * dropout, elu, gelu, hardsigmoid, hardswish, identity (and as an ONNX Clip / Max / Min), layerscale, maxpool2d, prelu, sigmoid, silu, softmax, tanh. Each row cites the tool functions its numbers follow.
 */
import type { LayerCase } from './layer-case';

export const CASES: readonly LayerCase[] = [
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
    // One ONNX Gelu node (opset 20): onnx-tool's GeluNode op_mac = EXP_MACS + 2·MUL_MACS = 34 per element
    // (onnx_tool/node.py; measured on test_gelu_* in tests/fixtures/onnx-node-cases.jsonl); the rest as above.
    spec: { type: 'gelu', fused: true },
    input: [4, 6, 6],
    source: 'as the gelu row above; onnx-tool GeluNode op_mac = EXP_MACS + 2·MUL_MACS = 34',
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
      'onnx-tool': 9792,
      netscope: 0,
    },
  },
  {
    // nn.GELU(approximate='tanh'): exact 9 per element (x³ 2, · 0.044715, + x, · √(2/π), tanh, + 1, · x, · ½);
    // ptflops / DeepSpeed patch F.gelu whatever `approximate` (numel); onnx-tool: one Gelu node, GeluNode 34.
    spec: { type: 'gelu', approximate: 'tanh' },
    input: [4, 6, 6],
    source: 'as the gelu row above; exact: the tanh form’s 9 operations; onnx-tool GeluNode op_mac 34',
    expect: {
      seed: 2592,
      exact: 2592,
      torchvision: 0,
      thop: 0,
      ptflops: 288,
      fvcore: 0,
      torch: 0,
      deepspeed: 288,
      torchinfo: 0,
      'onnx-tool': 9792,
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
  // An identity read from an ONNX node that computes nothing yet which onnx-tool counts (onnx_tool/node.py:
  // ClipNode op_mac 2·CMP_MACS whatever the bounds; MaxNode / MinNode NpMathBase, ratio max(1, inputs − 1) = 1);
  // every other convention sees an identity (exact 0).
  ...(
    [
      ['Clip', 576],
      ['Max', 288],
      ['Min', 288],
      // A Reduce* over an empty axes list with noop_with_empty_axes (its input): ReduceMeanNode's
      // volume(X)·ADD_MACS (MUL for Prod, CMP for Min / Max), ReduceL2Node's volume(X)·(ADD + SQRT_MACS 24).
      ['ReduceSum', 288],
      ['ReduceMean', 288],
      ['ReduceProd', 288],
      ['ReduceMin', 288],
      ['ReduceMax', 288],
      ['ReduceL2', 288 * 25],
    ] as const
  ).map(([op, onnxTool]) => ({
    spec: { type: 'identity', onnx_op: op } as const,
    input: [4, 6, 6],
    source:
      'onnx-tool node.py ClipNode / MaxNode / MinNode / ReduceMeanNode family / ReduceL2Node (test_clip_default_inbounds, test_max_one_input, test_reduce_sum_empty_axes_input_noop)',
    expect: Object.assign(
      Object.fromEntries(
        [
          'seed',
          'exact',
          'torchvision',
          'thop',
          'ptflops',
          'fvcore',
          'torch',
          'deepspeed',
          'torchinfo',
          'netscope',
        ].map((c) => [c, 0]),
      ),
      { 'onnx-tool': onnxTool },
    ),
  })),
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
    // Ceil mode, a last window that would start in the right padding (5 + 1 ≥ 2·3): PyTorch and ONNX drop it (2 × 2),
    // onnx-tool's PoolBase.shape_infer keeps it (_pooling_shape_calc: ceil((5 + 2 − 3) / 3 + 1) = 3): 2·4·3·3·9 = 648.
    spec: { type: 'maxpool2d', kernel: 3, stride: 3, padding: 1, ceil: true },
    input: [4, 5, 5],
    source:
      'as the maxpool2d case above; onnx-tool PoolBase.shape_infer / _pooling_shape_calc (onnx_tool/node.py), as test_maxpool_2d_ceil_output_size_reduce_by_one',
    expect: {
      seed: 32,
      exact: 256,
      torchvision: 0,
      thop: 0,
      ptflops: 200,
      fvcore: 0,
      torch: 0,
      deepspeed: 200,
      torchinfo: 0,
      'onnx-tool': 648,
      netscope: 288,
    },
  },
];
