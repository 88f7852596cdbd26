/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * the N-D kinds (1-D and 3-D convolutions, transposed convolutions and pools, batch norm on other ranks, group and
 * instance norm, pixel shuffle) at batch 2. The six PyTorch tools' numbers are the real tools'
 * on the same module at batch 1 (tests/fixtures/nd-kinds-tools.jsonl) times 2 (ptflops reports
 * one image); seed, exact, torchvision, onnx-tool and Netscope are worked out from their formulas:
 * conv N·Cout·P·(Cin/g)·K (+ bias adds), pools numel_out·K (Netscope, onnx-tool PoolBase), adaptive
 * pools the summed window area A, BatchNormalization 31·numel (onnx-tool) and Netscope's BN + Scale
 * 3·numel, InstanceNormalization 7·numel (GroupNorm 9: + Mul and Add), onnx-tool's 3-D pools
 * numel_out·Kd (it reads the first kernel dim only; tests/fixtures/onnx-tool-nd-kinds.jsonl), and the norms' exact
 * statistics N·G·(2R + 3) + 5·numel with affine (R values per group). Recurrent, reduce, roll and
 * window attention: cases-f.ts.
 */
import type { LayerCase } from './layer-case';

export const CASES: readonly LayerCase[] = [
  {
    spec: { type: 'conv1d', out: 32, kernel: 3, stride: 2, padding: 1 },
    input: [16, 100],
    source:
      'fixture conv1d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 307200,
      exact: 307200,
      torchvision: 153600,
      thop: 153600,
      ptflops: 78400,
      fvcore: 153600,
      torch: 307200,
      deepspeed: 310400,
      torchinfo: 156800,
      'onnx-tool': 156800,
      netscope: 153600,
    },
  },
  {
    spec: { type: 'conv3d', out: 8, kernel: [3], padding: [1] },
    input: [4, 8, 16, 16],
    source:
      'fixture conv3d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 7077888,
      exact: 7077888,
      torchvision: 3538944,
      thop: 3538944,
      ptflops: 1785856,
      fvcore: 3538944,
      torch: 7077888,
      deepspeed: 7110656,
      torchinfo: 3571712,
      'onnx-tool': 3571712,
      netscope: 0,
    },
  },
  {
    spec: { type: 'convtranspose1d', out: 8, kernel: 4, stride: 2, padding: 1 },
    input: [16, 50],
    source:
      'fixture convtranspose1d (tests/fixtures/nd-kinds-tools.jsonl, onnx-tool-nd-kinds.jsonl) at batch 2: the tools \u00d72 (ptflops per image); exact: Th = 198 landing pairs (taps 49 + 50 + 50 + 49), Uh = 100 covered outputs: 2·2·8·16·198 − 2·8·100 + 2·8·100 bias adds; Netscope Cin·Cout·Lo·N·K / S',
    expect: {
      seed: 102400,
      exact: 101376,
      torchvision: 51200,
      thop: 102400,
      ptflops: 26400,
      fvcore: 51200,
      torch: 102400,
      deepspeed: 102800,
      torchinfo: 104000,
      'onnx-tool': 52800,
      netscope: 51200,
    },
  },
  {
    spec: { type: 'convtranspose3d', out: 6, kernel: [1, 3, 3], stride: [1, 2, 2], dilation: [1, 2, 1], bias: false },
    input: [4, 5, 9, 9],
    source:
      'fixture convtranspose3d_s (tests/fixtures/nd-kinds-tools.jsonl, onnx-tool-nd-kinds.jsonl) at batch 2: the tools \u00d72 (ptflops per image); exact: landing pairs per axis 5, 27, 27 and covered outputs 5, 11, 19: 2·2·6·4·(5·27·27) − 2·6·(5·11·19); Netscope reads 2-D kernels only: 0',
    expect: {
      seed: 349920,
      exact: 337380,
      torchvision: 174960,
      thop: 861840,
      ptflops: 87480,
      fvcore: 174960,
      torch: 349920,
      deepspeed: 349920,
      torchinfo: 861840,
      'onnx-tool': 1292760,
      netscope: 0,
    },
  },
  {
    spec: { type: 'maxpool1d', kernel: 3, stride: 2 },
    input: [8, 50],
    source:
      'fixture maxpool1d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 384,
      exact: 768,
      torchvision: 0,
      thop: 0,
      ptflops: 800,
      fvcore: 0,
      torch: 0,
      deepspeed: 800,
      torchinfo: 0,
      'onnx-tool': 1152,
      netscope: 1152,
    },
  },
  {
    spec: { type: 'avgpool1d', kernel: 3, stride: 2, padding: 1 },
    input: [8, 50],
    source:
      'fixture avgpool1d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 800,
      exact: 1200,
      torchvision: 0,
      thop: 400,
      ptflops: 800,
      fvcore: 0,
      torch: 0,
      deepspeed: 800,
      torchinfo: 0,
      'onnx-tool': 1200,
      netscope: 1200,
    },
  },
  {
    spec: { type: 'adaptiveavgpool1d', out: 7 },
    input: [8, 50],
    source:
      'fixture adaptiveavgpool1d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 896,
      exact: 896,
      torchvision: 0,
      thop: 912,
      ptflops: 800,
      fvcore: 0,
      torch: 0,
      deepspeed: 800,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 896,
    },
  },
  {
    spec: { type: 'maxpool3d', kernel: [2] },
    input: [4, 8, 16, 16],
    source:
      'fixture maxpool3d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 2048,
      exact: 14336,
      torchvision: 0,
      thop: 0,
      ptflops: 16384,
      fvcore: 0,
      torch: 0,
      deepspeed: 16384,
      torchinfo: 0,
      'onnx-tool': 4096,
      netscope: 0,
    },
  },
  {
    spec: { type: 'avgpool3d', kernel: [2] },
    input: [4, 8, 16, 16],
    source:
      'fixture avgpool3d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 16384,
      exact: 16384,
      torchvision: 0,
      thop: 2048,
      ptflops: 16384,
      fvcore: 0,
      torch: 0,
      deepspeed: 16384,
      torchinfo: 0,
      'onnx-tool': 4096,
      netscope: 0,
    },
  },
  {
    spec: { type: 'adaptiveavgpool3d', out: [2, 3, 3] },
    input: [4, 8, 16, 16],
    source:
      'fixture adaptiveavgpool3d_b (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 20736,
      exact: 20736,
      torchvision: 0,
      thop: 16528,
      ptflops: 16384,
      fvcore: 0,
      torch: 0,
      deepspeed: 16384,
      torchinfo: 0,
      'onnx-tool': 0,
      netscope: 0,
    },
  },
  {
    spec: { type: 'adaptivemaxpool1d', out: 5 },
    input: [8, 50],
    source:
      'fixture adaptivemaxpool1d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 80,
      exact: 720,
      torchvision: 0,
      thop: 0,
      ptflops: 800,
      fvcore: 0,
      torch: 0,
      deepspeed: 800,
      torchinfo: 0,
      'onnx-tool': 800,
      netscope: 800,
    },
  },
  {
    spec: { type: 'adaptivemaxpool3d', out: [1] },
    input: [4, 8, 16, 16],
    source: 'tools by their rules for numel-based pools (as adaptivemaxpool1d and maxpool3d in the fixture)',
    expect: {
      seed: 8,
      exact: 16376,
      torchvision: 0,
      thop: 0,
      ptflops: 16384,
      fvcore: 0,
      torch: 0,
      deepspeed: 16384,
      torchinfo: 0,
      'onnx-tool': 64,
      netscope: 0,
    },
  },
  {
    spec: { type: 'batchnorm1d' },
    input: [16, 30],
    source:
      'fixture batchnorm1d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 1920,
      exact: 1920,
      torchvision: 0,
      thop: 3840,
      ptflops: 960,
      fvcore: 1920,
      torch: 0,
      deepspeed: 1920,
      torchinfo: 64,
      'onnx-tool': 29760,
      netscope: 2880,
    },
  },
  {
    spec: { type: 'batchnorm3d' },
    input: [4, 8, 16, 16],
    source:
      'fixture batchnorm3d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 32768,
      exact: 32768,
      torchvision: 0,
      thop: 65536,
      ptflops: 16384,
      fvcore: 32768,
      torch: 0,
      deepspeed: 32768,
      torchinfo: 16,
      'onnx-tool': 507904,
      netscope: 49152,
    },
  },
  {
    spec: { type: 'groupnorm', groups: 4 },
    input: [32, 14, 14],
    source:
      'fixture groupnorm (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 87832,
      exact: 87832,
      torchvision: 0,
      thop: 0,
      ptflops: 12544,
      fvcore: 62720,
      torch: 0,
      deepspeed: 62720,
      torchinfo: 128,
      'onnx-tool': 112896,
      netscope: 0,
    },
  },
  {
    spec: { type: 'instancenorm', affine: true },
    input: [16, 30],
    source:
      'fixture instancenorm1d (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
    expect: {
      seed: 6816,
      exact: 6816,
      torchvision: 0,
      thop: 3840,
      ptflops: 960,
      fvcore: 4800,
      torch: 0,
      deepspeed: 4800,
      torchinfo: 64,
      'onnx-tool': 6720,
      netscope: 0,
    },
  },
  {
    spec: { type: 'pixelshuffle', factor: 2 },
    input: [16, 8, 8],
    source:
      'fixture pixelshuffle (tests/fixtures/nd-kinds-tools.jsonl) at batch 2: the six tools \u00d72 (ptflops per image)',
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
];
