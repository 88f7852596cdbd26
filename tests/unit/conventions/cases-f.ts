/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * recurrent layers, reductions, roll and Swin's window attention at batch 2. The six PyTorch tools'
 * numbers are the real tools' (tests/fixtures/nd-kinds-tools.jsonl at batch 1, times 2 except
 * ptflops, which reports one image; window-attention-tools.jsonl already at batch 2); the rest from
 * their formulas: recurrent layers per step the two weight products, their sum, biases and the cell
 * (LSTM 26H, GRU 18H, RNN-tanh 5H), onnx-tool (|W| + |R| + |B|)·N·L + 180 (LSTM) or 110 (GRU)·N·L·H;
 * reductions numel_in − numel_out.
 */
import type { LayerCase } from './layer-case';

export const CASES: readonly LayerCase[] = [
  {
    spec: { type: 'lstm', hidden: 64 },
    input: [10, 32],
    source: 'fixture lstm (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 1021440,
      exact: 1021440,
      torchvision: 0,
      thop: 512000,
      ptflops: 257280,
      fvcore: 0,
      torch: 0,
      deepspeed: 995840,
      torchinfo: 501760,
      'onnx-tool': 732160,
      netscope: 0,
    },
  },
  {
    spec: { type: 'gru', hidden: 64 },
    input: [10, 32],
    source: 'fixture gru (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 764160,
      exact: 764160,
      torchvision: 368640,
      thop: 385280,
      ptflops: 192640,
      fvcore: 0,
      torch: 737280,
      deepspeed: 746240,
      torchinfo: 376320,
      'onnx-tool': 517120,
      netscope: 0,
    },
  },
  {
    spec: { type: 'rnn', hidden: 64 },
    input: [10, 32],
    source:
      'fixture rnn_tanh (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 253440,
      exact: 253440,
      torchvision: 122880,
      thop: 126720,
      ptflops: 63360,
      fvcore: 0,
      torch: 245760,
      deepspeed: 247040,
      torchinfo: 125440,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'reduce', op: 'sum', dims: [2, 3] },
    input: [32, 7, 7],
    source:
      'fixture sum_dims (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 3072,
      exact: 3072,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 3136,
      netscope: 0,
    },
  },
  {
    spec: { type: 'roll', shifts: [-3, -3], dims: [1, 2] },
    input: [14, 14, 96],
    source: 'fixture roll (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
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
    spec: { type: 'windowattention', heads: 2, window: 7, shift: 3 },
    input: [14, 14, 32],
    source:
      'torchvision ShiftedWindowAttention(32, [7, 7], [3, 3], 2) on [2, 14, 14, 32]: the six tools as they print it (tests/fixtures/window-attention-tools.jsonl, line 2); exact per window 301,056 (qkv) + 1,568 (scale) + 148,862 (Q·Kᵀ) + 9,604 (bias and mask adds) + 14,308 (softmax) + 152,096 (A·V) + 100,352 (proj), × 4 windows × 2; onnx-tool 2·4·(4TC² + 5TC + 2T²C + 38hT²) (tests/fixtures/onnx-tool-swin.json formulas)',
    expect: {
      seed: 5822768,
      exact: 5822768,
      torchvision: 2834944,
      thop: 0,
      ptflops: 633864,
      fvcore: 2834944,
      torch: 5669888,
      deepspeed: 5708304,
      torchinfo: 0,
      'onnx-tool': 4357472,
      netscope: 0,
    },
  },
  {
    spec: { type: 'einsum', equation: 'ld,md->lm', from: ['input', 'input'] },
    input: [12, 16],
    source:
      "torch.einsum('bld,bmd->blm', x, x) on [2, 12, 16] (P = 12·16·12 = 2304 per sample, O = 144): DeepSpeed numpy's einsum_path cost 2·2304·2 + 1 = 9217 (4 significant digits), fvcore ⌊9217 / 2⌋ (not one of its two bmm forms), flop_counter bmm 2·N·P, onnx-tool EinsumNode N·P, exact N·(2P − O) (the batch-2 run of nd-kinds-tools.jsonl's einsum_bmm, by hand: fvcore 4608, DeepSpeed 9217, torch 9216)",
    expect: {
      seed: 8928,
      exact: 8928,
      torchvision: 4608,
      thop: 0,
      ptflops: 0,
      fvcore: 4608,
      torch: 9216,
      deepspeed: 9217,
      torchinfo: 0,
      'onnx-tool': 4608,
      netscope: 0,
    },
  },
  {
    spec: { type: 'opaque', op: 'NonMaxSuppression', shape: [100, 3], params: 12 },
    input: [4, 6, 6],
    source:
      'An operator no kind models (layers/opaque.ts): no convention has a rule, the row and the totals say "not counted" / "partial" instead (tests/unit/engine/not-counted.test.ts checks that); its weights still count as parameters',
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
    spec: { type: 'maximum', from: ['input', 'input'] },
    input: [4, 6, 6],
    source:
      'torch.max(a, b) (Caffe Eltwise MAX): no tool patches or hooks it, fvcore ignores aten::max; onnx-tool MaxNode numel(Y)·(k − 1); Netscope Eltwise add = numel; seed/exact k − 1 compares per element',
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
    spec: { type: 'l2norm' },
    input: [4, 6, 6],
    source:
      'SSD Normalize / ssd.pytorch L2Norm, 288 elements, 2·36 norms: exact 4·288 + 72; torchinfo N·C = 8 (weight); onnx-tool Pow 32 + ReduceSum 1 + Div 4 + Mul 1 per element, Sqrt 24 + Add 1 per norm = 38·288 + 25·72; Netscope lrn case with local_size 1 = 5·288',
    expect: {
      seed: 1224,
      exact: 1224,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 8,
      'onnx-tool': 12744,
      netscope: 1440,
    },
  },
  {
    spec: { type: 'l2norm', call: 'function' },
    input: [4, 6, 6],
    source:
      'torchvision SSD: scale_weight · F.normalize(x), the scale a parameter of the enclosing module, 288 elements, 2·36 norms: exact 4·288 + 72 (clamp_min for + eps); torchinfo 0 (no leaf module holds the scale); onnx-tool ReduceL2 25 + Div 4 + Mul 1 per element, Clip 2 per norm = 30·288 + 2·72 (tests/fixtures/l2norm-tools.jsonl, onnx-tool-l2norm.jsonl); Netscope reads Caffe, where only Normalize exists: 5·288',
    expect: {
      seed: 1224,
      exact: 1224,
      torchvision: 0,
      thop: 0,
      ptflops: 0,
      fvcore: 0,
      torch: 0,
      deepspeed: 0,
      torchinfo: 0,
      'onnx-tool': 8784,
      netscope: 1440,
    },
  },
];
