/**
 * onnx-tool's own shape quirks that its convention copies (onnx-tool @00f5f0a, onnx_tool/node.py): it counts
 * on the output its shape_infer makes, which is not always the real one. Each row: a model, onnx-tool's
 * count (worked out by its rule, and equal to what it printed for the ONNX node test named), and the exact
 * count, which keeps the real output. The node tests themselves run in tests/unit/io/onnx-node-cases.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';

interface Quirk {
  readonly name: string;
  readonly input: number[];
  readonly batch: number;
  readonly layers: LayerSpec[];
  readonly onnxTool: number;
  readonly exact: number;
  readonly source: string;
}

const QUIRKS: readonly Quirk[] = [
  {
    name: 'MatMul [3, 1, 3, 4] @ [1, 2, 4, 2]: the larger-volume leading dims, not broadcast',
    // As test_matmul_bcast is read: both inputs whole, batch 1.
    input: [3, 1, 3, 4],
    batch: 1,
    layers: [
      { type: 'parameter', shape: [1, 2, 4, 2], id: 'w' },
      { type: 'matmul', from: ['input', 'w'] },
    ],
    // Leading dims [3, 1] (volume 3) against [1, 2] (2): Y [3, 1, 3, 2]·k 4 = 72; the product has [3, 2, 3, 2].
    onnxTool: 72,
    exact: 3 * 2 * 3 * 2 * 7,
    source: 'GemmNode.shape_infer (MatMulNode): batchshape by volume(a[:-2]) >= volume(b[:-2]); test_matmul_bcast',
  },
  {
    name: 'MatMul whose leading dims agree: numel(Y)·k',
    input: [2, 3, 4],
    batch: 2,
    layers: [
      { type: 'parameter', shape: [2, 4, 5], id: 'w' },
      { type: 'matmul', from: ['input', 'w'] },
    ],
    onnxTool: 2 * 2 * 3 * 5 * 4,
    exact: 2 * 2 * 3 * 5 * 7,
    source: 'GemmNode._profile_core: volume(Y)·weight_shape[-2]',
  },
  {
    name: 'AveragePool 3 × 3, stride 3, pads 1, ceil_mode on 2 × 2: onnx-tool keeps a window starting in the padding',
    input: [3, 2, 2],
    batch: 1,
    layers: [{ type: 'avgpool2d', kernel: 3, stride: 3, padding: 1, ceil: true }],
    // _pooling_shape_calc: ceil((2 + 2 − 3) / 3 + 1) = 2 per axis; ONNX and PyTorch drop the second (1 × 1).
    onnxTool: 3 * 2 * 2 * 9,
    exact: 3 * 1 * 1 * 9,
    source: 'PoolBase.shape_infer / _pooling_shape_calc; test_averagepool_2d_ceil_last_window_starts_on_pad (108)',
  },
  {
    name: 'MaxPool 1 × 1, stride 2, ceil_mode on 2 × 2 (ONNX: 1 × 1)',
    input: [1, 2, 2],
    batch: 1,
    layers: [{ type: 'maxpool2d', kernel: 1, stride: 2, ceil: true }],
    // ceil((2 − 1) / 2 + 1) = 2 per axis, the second window starting past the input; 1 × 1 kernel: 0 comparisons exact.
    onnxTool: 4,
    exact: 0,
    source: 'PoolBase.shape_infer / _pooling_shape_calc; test_maxpool_2d_ceil_output_size_reduce_by_one (4)',
  },
  {
    name: 'MaxPool 1-D 3, stride 3, pads 1, ceil_mode on 5 (the 2-D rule over [C, L, 1])',
    input: [4, 5],
    batch: 2,
    layers: [{ type: 'maxpool1d', kernel: 3, stride: 3, padding: 1, ceil: true }],
    // PoolBase's one-dim kernel: ceil((5 + 2 − 3) / 3 + 1) = 3 (ONNX 2), times kernel_shape[0] only.
    onnxTool: 2 * 4 * 3 * 3,
    exact: 2 * 4 * 2 * 2,
    source: 'PoolBase.shape_infer (len(kernel_shape) == 1) and _profile_core; one MaxPool [2, 4, 5] measured 72',
  },
  {
    name: 'MaxPool in ceil mode where no window is dropped: the layer’s own output',
    input: [2, 7, 7],
    batch: 2,
    layers: [{ type: 'maxpool2d', kernel: 3, stride: 2, ceil: true }],
    // ceil((7 − 3) / 2) + 1 = 3 per axis in both rules.
    onnxTool: 2 * 2 * 3 * 3 * 9,
    exact: 2 * 2 * 3 * 3 * 8,
    source: 'PoolBase._profile_core: volume(Y)·Kh·Kw',
  },
];

describe('onnx-tool quirks its convention copies', () => {
  it.each(QUIRKS.map((q) => [q.name, q] as const))('%s', (_name, q) => {
    const model: Model = { format: 'floplab.model/2', input: q.input, batch: q.batch, layers: q.layers };
    const r = evaluateModel(model, { conventions: ['onnx-tool', 'exact'] });
    expect(r.errors).toBe(0);
    expect(r.totals.counts.map(Number)).toEqual([q.onnxTool, q.exact]);
  });
});
