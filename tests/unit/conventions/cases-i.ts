/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * the kinds ONNX's Min, Clip (any bounds) and LogSoftmax map onto, on [4, 6, 6] at batch 2 (288
 * elements). onnx-tool's numbers are its batch-2 counts of the one-node files in
 * tests/fixtures/onnx-tool-more-ops.jsonl (min2 288, clip_* 576, logsoftmax_* 23040); the six
 * PyTorch tools and torchvision give 0 (none hooks, patches or handles torch.minimum, torch.clamp or
 * log_softmax: read in each tool's source, see the conventions' notes); Netscope 0 (no Caffe layer).
 * exact and seed: the kind's own count (minimum k − 1 compares, clamp one per bound, logsoftmax 3).
 * The reduce kind's ONNX-only ops, over dim 1 (numel_in 288, numel_out 72): onnx-tool ReduceProdNode
 * numel(X), ReduceL2Node 25·numel(X) (reduceprod, reducel2), ReduceL1 no number (the tool fails: 0).
 * topk and take (TopK, Gather by run-time indices): onnx-tool 0 (topk_*, gather_runtime_*); exact k
 * passes of a max over the values left, and a copy.
 * mod (x % 2, fmod of two tensors): onnx-tool ModNode op_mac ADD_MACS = numel(Y) (test_mod_* in
 * onnx-node-cases.jsonl); exact one remainder per element; the PyTorch tools 0 (fvcore ignores aten::remainder,
 * none hooks or patches torch.remainder / fmod; a FlopCounterMode run gives 0).
 * lpnorm (F.normalize over dim 1: F = 4, 72 vectors; ONNX LpNormalization p 1 over the last dim: F = 6, 48 vectors):
 * onnx-tool 29·numel + 2 per vector for the torch.onnx export of F.normalize (ReduceL2, Clip, Div: tests/fixtures/
 * onnx-tool-lpnorm.jsonl), LpNormalizationNode 33·numel (test_l*normalization_* in onnx-node-cases.jsonl); exact
 * 3F per vector (squares, adds, √, divides; |x| and no √ for p 1), + 1 for the clamp. hardmax: HardmaxNode numel(Y)
 * (test_hardmax_*); exact F − 1 comparisons per vector. The PyTorch tools 0 (tests/fixtures/lpnorm-tools.jsonl).
 * compare (Greater with a number, Equal of two tensors, Not): onnx-tool GreaterNode / EqualNode / NotNode
 * volume(Y)·CMP_MACS = numel(Y) (compare_* in the same JSONL, 288 at batch 2); exact and seed one operation per
 * element; the PyTorch tools 0 (no hook, patch or handle for torch.gt / eq / logical_not: read in their sources).
 */
import type { LayerSpec } from '../../../src/engine/format/model';
import { uncountedByPyTorchCase, type LayerCase } from './layer-case';

/** reduce over dim 1 of [4, 6, 6] at batch 2: the six PyTorch tools, torchvision and Netscope 0. */
const reduceCase = (op: string, onnxTool: number, source: string): LayerCase => ({
  ...uncountedByPyTorchCase('reduce', {}, 0, { onnxTool, netscope: 0 }, source),
  spec: { type: 'reduce', op, dims: [1] } as LayerSpec,
});

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
  // cumsum along dim 1 (L = 4, 72 lines): 3 adds per line (2 when exclusive); onnx-tool CumSumNode numel(Y).
  withExact(
    { ...uncountedByPyTorchCase('cumsum', { dim: 1 }, 0, { onnxTool: N, netscope: 0 }, 'cumsum: CumSumNode numel(Y)') },
    3 * 72,
  ),
  withExact(
    uncountedByPyTorchCase(
      'cumsum',
      { dim: -1, exclusive: true, reverse: true },
      0,
      { onnxTool: N, netscope: 0 },
      'cumsum_excl_rev: the same numel(Y)',
    ),
    4 * 48,
  ),
  // pow with a constant base: one evaluation per element; onnx-tool PowNode 32 per element.
  uncountedByPyTorchCase(
    'pow',
    { base: 2 },
    1,
    { onnxTool: 32 * N, netscope: 0 },
    'pow_const_base: PowNode 32·numel(Y)',
  ),
  {
    ...uncountedByPyTorchCase('pow', {}, 1, { onnxTool: 32 * N, netscope: 0 }, 'pow_data: PowNode 32·numel(Y)'),
    spec: { type: 'pow', from: ['input', 'input'] } as LayerSpec,
  },
  // where, expand, tile: no arithmetic anywhere; onnx-tool WhereNode / ExpandNode / TileNode 0.
  {
    ...uncountedByPyTorchCase('where', {}, 0, { onnxTool: 0, netscope: 0 }, 'where: WhereNode 0; a selection'),
    spec: { type: 'where', y: 0, from: ['input', 'input'] } as LayerSpec,
  },
  {
    ...uncountedByPyTorchCase('expand', {}, 0, { onnxTool: 0, netscope: 0 }, 'expand: ExpandNode 0; a view'),
    spec: { type: 'expand', shape: [4, 6, 6] } as LayerSpec,
    input: [4, 1, 6],
  },
  uncountedByPyTorchCase('tile', { repeats: [2, 1, 3] }, 0, { onnxTool: 0, netscope: 0 }, 'tile: TileNode 0; copies'),
  uncountedByPyTorchCase(
    'compare',
    { op: 'gt', scalar: 0.5 },
    1,
    { onnxTool: N, netscope: 0 },
    'compare_greater_scalar: GreaterNode numel(Y); one comparison per element',
  ),
  {
    ...uncountedByPyTorchCase('compare', {}, 1, { onnxTool: N, netscope: 0 }, 'compare_equal_*: EqualNode numel(Y)'),
    spec: { type: 'compare', op: 'eq', from: ['input', 'input'] } as LayerSpec,
  },
  uncountedByPyTorchCase('compare', { op: 'not' }, 1, { onnxTool: N, netscope: 0 }, 'compare_not: NotNode numel(Y)'),
  uncountedByPyTorchCase(
    'mod',
    { scalar: 2 },
    1,
    { onnxTool: N, netscope: 0 },
    'test_mod_*: ModNode numel(Y) (ADD_MACS); one remainder per element',
  ),
  {
    ...uncountedByPyTorchCase('mod', {}, 1, { onnxTool: N, netscope: 0 }, 'test_mod_broadcast: ModNode numel(Y)'),
    spec: { type: 'mod', fmod: true, from: ['input', 'input'] } as LayerSpec,
  },
  withExact(
    uncountedByPyTorchCase(
      'lpnorm',
      {},
      0,
      { onnxTool: 29 * N + 2 * 72, netscope: 0 },
      'F.normalize: ReduceL2 + Clip + Div',
    ),
    3 * N + 72,
  ),
  withExact(
    uncountedByPyTorchCase(
      'lpnorm',
      { p: '1', dim: -1, clamp: false },
      0,
      { onnxTool: 33 * N, netscope: 0 },
      'test_l1normalization_axis_last: LpNormalizationNode EXP + ADD = 33 per element',
    ),
    3 * N - 48,
  ),
  withExact(
    uncountedByPyTorchCase('hardmax', {}, 0, { onnxTool: N, netscope: 0 }, 'test_hardmax_*: HardmaxNode numel(Y)'),
    N - 48,
  ),
  withExact(
    uncountedByPyTorchCase('hardmax', { dim: 1 }, 0, { onnxTool: N, netscope: 0 }, 'test_hardmax_axis_1: numel(Y)'),
    N - 72,
  ),
  uncountedByPyTorchCase(
    'indexselect',
    { dim: 1, index: [0, 2] },
    0,
    { onnxTool: 0, netscope: 0 },
    'gather_data_indices: Gather is hidden (0); a copy',
  ),
  // topk: onnx-tool TopKNode 0 (measured, topk_*). exact: k passes of a max over the L values left,
  // (L − 1) + … + (L − k) compares per line. Last dim, k 3: 5 + 4 + 3 = 12 per line × 48 lines.
  withExact(
    uncountedByPyTorchCase('topk', { dim: -1, k: 3 }, 0, { onnxTool: 0, netscope: 0 }, 'topk_last: TopKNode 0'),
    12 * 48,
  ),
  // Along dim 1, k 1: the L − 1 = 3 compares of an amax per line × 72 lines (reduce amax over dim 1: 288 − 72).
  withExact(
    uncountedByPyTorchCase('topk', { dim: 1, k: 1 }, 0, { onnxTool: 0, netscope: 0 }, 'topk_k1: TopKNode 0'),
    3 * 72,
  ),
  uncountedByPyTorchCase(
    'take',
    { dim: 2, indexShape: [2, 3] },
    0,
    { onnxTool: 0, netscope: 0 },
    'gather_runtime_2d: Gather is hidden (0); a copy',
  ),
  uncountedByPyTorchCase(
    'gather',
    { dim: -1, indexShape: [4, 6, 2] },
    0,
    { onnxTool: 0, netscope: 0 },
    'test_gather_elements_*: GatherElementsNode has no cost (0); fvcore ignores aten::gather; a copy',
  ),
  // shapeops: the MACs onnx-tool gives the shape arithmetic the ONNX importer folds, carried as a field
  // (measured on real exports: onnx-made ShuffleNet 91, ViT 158, Swin 5); every other convention 0.
  uncountedByPyTorchCase(
    'shapeops',
    { macs: 91, ops: 'Add ×13, Div ×13, Mul ×26' },
    0,
    { onnxTool: 91, netscope: 0 },
    'ts_shufflenet_v2_x0_5_c100_op18: the folded shape arithmetic’s 91 MACs, whatever the input',
  ),
  withExact(reduceCase('prod', 288, 'reduceprod: ReduceProdNode MUL·numel(X); 3 multiplies per output'), 216),
  withExact(reduceCase('l2', 25 * 288, 'reducel2: ReduceL2Node (ADD + SQRT)·numel(X); x², adds, a sqrt'), 576),
  withExact(reduceCase('l1', 0, 'reducel1: onnx-tool stops (no ReduceL1 node class); |x|, adds'), 504),
  withExact(reduceCase('logsumexp', 0, 'reducelogsumexp: onnx-tool stops; exps, adds, a log'), 576),
];

/** The case with the kind's own count under exact and seed. */
function withExact(c: LayerCase, exact: number): LayerCase {
  return { ...c, expect: { ...c.expect, exact, seed: exact } };
}
