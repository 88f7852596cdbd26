/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * the graph kinds (add, sub, mul, div, cat, matmul) on two copies of the model input (`from`), the
 * N-D shape kinds, and linear on tokens. Input [4, 6, 6] at batch 2 is 288 elements (144 per
 * image); each row cites the tool functions its numbers follow (read in the tools' sources,
 * docs/conventions.md): ptflops patch_tensor_ops / _elementwise_tensor_flops_hook /
 * _matmul_tensor_flops_hook; DeepSpeed _elementwise_flops_compute / _matmul_flops_compute;
 * fvcore matmul_flop_jit; flop_counter bmm_flop; onnx-tool NpMathBase / MatMulNode; Netscope Eltwise.
 */
import type { LayerCase } from './layer-case';

const ZERO = {
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
};
const ELTWISE = { ...ZERO, seed: 288, exact: 288, 'onnx-tool': 288, netscope: 288 };
const X2 = ['input', 'input'];

export const CASES: readonly LayerCase[] = [
  {
    spec: { type: 'add', from: X2 },
    input: [4, 6, 6],
    source: '`x + y`: a C slot no tool patches; onnx-tool AddNode numel(Y); Netscope Eltwise add = numel',
    expect: ELTWISE,
  },
  {
    spec: { type: 'add', call: 'function', from: X2 },
    input: [4, 6, 6],
    source: 'torch.add: ptflops per image 144; DeepSpeed numel 288 (both patch torch.add)',
    expect: { ...ELTWISE, ptflops: 144, deepspeed: 288 },
  },
  {
    spec: { type: 'add', call: 'function', from: ['input', 'input', 'input'] },
    input: [4, 6, 6],
    source:
      'three inputs = two torch.add calls: ptflops 2·144, DeepSpeed 2·288; seed/exact/onnx-tool 2 per element; Netscope Eltwise 1',
    expect: { ...ELTWISE, seed: 576, exact: 576, 'onnx-tool': 576, ptflops: 288, deepspeed: 576 },
  },
  {
    spec: { type: 'mul', call: 'method', from: X2 },
    input: [4, 6, 6],
    source:
      'x.mul(y): Tensor.mul is patched by ptflops (per image) and DeepSpeed; onnx-tool MulNode; Netscope Eltwise = add counter',
    expect: { ...ELTWISE, ptflops: 144, deepspeed: 288 },
  },
  {
    spec: { type: 'mul', call: 'inplace', from: X2 },
    input: [4, 6, 6],
    source: '`x *= y` (mul_): patched by neither ptflops nor DeepSpeed',
    expect: ELTWISE,
  },
  {
    spec: { type: 'sub', call: 'function', from: X2 },
    input: [4, 6, 6],
    source:
      'torch.sub is patched by neither ptflops nor DeepSpeed; onnx-tool SubNode numel; Netscope Eltwise (SUM with coefficient −1)',
    expect: ELTWISE,
  },
  {
    spec: { type: 'div', call: 'function', from: X2 },
    input: [4, 6, 6],
    source: 'onnx-tool DivNode: DIV = 4 instructions per element; no Caffe layer divides two blobs (Netscope 0)',
    expect: { ...ZERO, seed: 288, exact: 288, 'onnx-tool': 1152 },
  },
  {
    spec: { type: 'cat', from: X2 },
    input: [4, 6, 6],
    source: 'torch.cat: no arithmetic in any tool (onnx-tool ConcatNode 0, Netscope Concat 0)',
    expect: ZERO,
  },
  {
    spec: { type: 'matmul', from: X2 },
    input: [4, 6, 6],
    source:
      '[4,6,6] @ [4,6,6], batch 2: N·B·n·k·m = 1,728 MACs. `@` is not patched by ptflops (0) but is by DeepSpeed (2·numel(A)·m); fvcore matmul_flop_jit numel(A)·m; flop_counter 2·bmm; onnx-tool MatMulNode numel(Y)·k; exact/seed (2k − 1) per output',
    expect: {
      ...ZERO,
      seed: 3168,
      exact: 3168,
      torchvision: 1728,
      fvcore: 1728,
      torch: 3456,
      deepspeed: 3456,
      'onnx-tool': 1728,
    },
  },
  {
    spec: { type: 'matmul', call: 'function', from: X2 },
    input: [4, 6, 6],
    source: 'torch.matmul: ptflops _matmul_tensor_flops_hook numel(A)·m per image = 144·6',
    expect: {
      ...ZERO,
      seed: 3168,
      exact: 3168,
      torchvision: 1728,
      ptflops: 864,
      fvcore: 1728,
      torch: 3456,
      deepspeed: 3456,
      'onnx-tool': 1728,
    },
  },
  {
    spec: { type: 'attention', heads: 4 },
    input: [10, 16],
    source:
      'nn.MultiheadAttention(16, 4, batch_first=True)(x, x, x) (need_weights default true) on [2, 10, 16]: thop/ptflops/fvcore/flop_counter/DeepSpeed/torchinfo as the real tools print them (tests/fixtures/attention-tools.jsonl, line 2); onnx-tool from the exported nodes (57,282 less the 2 MACs of shape arithmetic); torchvision 4·L·E² + 2·L²·E per image; exact/seed per the kind’s formula',
    expect: {
      ...ZERO,
      seed: 55280,
      exact: 55280,
      torchvision: 26880,
      ptflops: 18240,
      fvcore: 26880,
      torch: 53760,
      deepspeed: 54560,
      'onnx-tool': 57280,
    },
  },
  { spec: { type: 'squeeze', dim: 1 }, input: [1, 6, 6], source: 'a view', expect: ZERO },
  { spec: { type: 'unsqueeze', dim: 1 }, input: [4, 6, 6], source: 'a view', expect: ZERO },
  { spec: { type: 'slice', dim: 2, step: 2 }, input: [4, 6, 6], source: 'x[:, :, ::2]: a view', expect: ZERO },
  { spec: { type: 'pad', pad: [1, 1, 1, 1] }, input: [4, 6, 6], source: 'F.pad: a copy, no arithmetic', expect: ZERO },
  {
    spec: { type: 'mean', dims: [2, 3] },
    input: [4, 6, 6],
    source:
      'x.mean([2, 3]) on [2, 4, 6, 6]: exact R − 1 adds + 1 divide per output = numel_in 288; onnx-tool ReduceMeanNode numel(X); a tensor method no hook or patch sees; fvcore aten::mean unsupported',
    expect: { ...ZERO, seed: 288, exact: 288, 'onnx-tool': 288 },
  },
  {
    spec: { type: 'embedding', vocab: 100, dim: 8 },
    input: [5],
    source: 'nn.Embedding(100, 8) on ids [2, 5]: only torchinfo counts it, batch × parameters = 2·800',
    expect: { ...ZERO, torchinfo: 1600 },
  },
  {
    spec: { type: 'sdpa', from: ['input', 'input', 'input'] },
    input: [4, 10, 16],
    source:
      'F.scaled_dot_product_attention(x, x, x) on [2, 4, 10, 16] (B = 4 heads, L = S = 10, d = dv = 16): DeepSpeed _attn_flops_compute 2·N·B·L·S·(d + dv) = 51,200; flop_counter has no CPU-kernel entry (0, as vit_b_16 shows); torchvision/flop_counter SDPA MACs 25,600; onnx-tool Mul+Mul+MatMul+Softmax+MatMul = 2·4·(160 + 160 + 1,600 + 3,600 + 1,600) = 56,960; exact 2·4·(100·31 + 160 + 10·29 + 160·19) = 52,720',
    expect: { ...ZERO, seed: 52720, exact: 52720, torchvision: 25600, deepspeed: 51200, 'onnx-tool': 56960 },
  },
  {
    spec: { type: 'parameter', shape: [3, 5] },
    input: [4, 6, 6],
    source: 'a stored tensor: no arithmetic',
    expect: ZERO,
  },
  { spec: { type: 'select', dim: 1, index: 0 }, input: [4, 6, 6], source: 'x[:, 0]: a view', expect: ZERO },
  { spec: { type: 'reshape', shape: [-1, 9] }, input: [4, 6, 6], source: 'a view: no arithmetic', expect: ZERO },
  { spec: { type: 'permute', dims: [0, 2, 3, 1] }, input: [4, 6, 6], source: 'a view: no arithmetic', expect: ZERO },
  { spec: { type: 'transpose', dim0: 1, dim1: 2 }, input: [4, 6, 6], source: 'a view: no arithmetic', expect: ZERO },
  {
    spec: { type: 'flatten', start: 2 },
    input: [4, 6, 6],
    source: 'x.flatten(2): a view, no arithmetic',
    expect: ZERO,
  },
  {
    spec: { type: 'linear', out: 5 },
    input: [6, 8],
    source:
      'nn.Linear(8, 5) on tokens [6, 8], batch 2 (R = 6 rows): thop I·numel(Y) = 480; ptflops linear_flops_counter_hook (I·O + O)·rows per image = 6·45 = 270; fvcore/torchvision 480; flop_counter/DeepSpeed 2·480; torchinfo params × prod(output_size[:-1]) = 2·6·45 = 540; onnx-tool MatMul 480 + Add 60; seed/exact N·R·O·(2I − 1 + 1) = 960',
    expect: {
      seed: 960,
      exact: 960,
      torchvision: 480,
      thop: 480,
      ptflops: 270,
      fvcore: 480,
      torch: 960,
      deepspeed: 960,
      torchinfo: 540,
      'onnx-tool': 540,
      netscope: 480,
    },
  },
];
