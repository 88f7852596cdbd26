/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * the kinds ONNX's Min, Clip (any bounds) and LogSoftmax map onto, on [4, 6, 6] at batch 2 (288
 * elements). onnx-tool's numbers are its batch-2 counts of the one-node files in
 * tests/fixtures/onnx-tool-more-ops.jsonl (min2 288, clip_* 576, logsoftmax_* 23040); the six
 * PyTorch tools and torchvision give 0 (none hooks, patches or handles torch.minimum, torch.clamp or
 * log_softmax: read in each tool's source, see the conventions' notes); Netscope 0 (no Caffe layer).
 * exact and seed: the kind's own count (minimum k − 1 compares, clamp one per bound, logsoftmax 3).
 */
import { uncountedByPyTorchCase, type LayerCase } from './layer-case';

const N = 288;

export const CASES: readonly LayerCase[] = [
  {
    ...uncountedByPyTorchCase('minimum', {}, 1, { onnxTool: N, netscope: 0 }, 'min2: MinNode numel(Y); one compare'),
    spec: { type: 'minimum', from: ['input', 'input'] },
  },
  uncountedByPyTorchCase(
    'clamp',
    { min: -1, max: 1 },
    2,
    { onnxTool: 2 * N, netscope: 0 },
    'clip_inputs: ClipNode 2·CMP; two compares per element',
  ),
  uncountedByPyTorchCase(
    'clamp',
    { min: 0.5 },
    1,
    { onnxTool: 2 * N, netscope: 0 },
    'clip_min_only: ClipNode 2·CMP whatever the bounds; one compare per element',
  ),
  uncountedByPyTorchCase(
    'logsoftmax',
    { dim: 1 },
    3,
    { onnxTool: 80 * N, netscope: 0 },
    'logsoftmax_axis1: LogSoftmaxNode EXP + DIV + ADD + LOG = 80; exact F exps, F − 1 adds, 1 log, F subtracts per vector',
  ),
  uncountedByPyTorchCase(
    'logsoftmax',
    { dim: -1 },
    3,
    { onnxTool: 80 * N, netscope: 0 },
    'logsoftmax_last: the same per element along the last dim',
  ),
];
