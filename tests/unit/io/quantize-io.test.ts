/**
 * The `quantize` kind through the writers and the ONNX importer: FlopLab's ONNX file (QuantizeLinear /
 * DequantizeLinear with scale 1 and zero point 0 constants) reads back to the same rows; a hand-built
 * QDQ graph (int8 weights dequantized, the activations quantized and dequantized around a Conv, as
 * onnxruntime's quantizer writes) reads as the conv and quantize layers, its weight dequantize still
 * folded; the PyTorch writer writes nn.quantized.Quantize / DeQuantize; the prototxt writer refuses.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { modelToPrototxt } from '../../../src/engine/export/prototxt';
import { modelToPytorch } from '../../../src/engine/export/pytorch';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { importOnnx } from '../../../src/engine/import/onnx';
import { rowsOf } from './helpers';
import { onnx } from './onnx-build';

const INT8 = 3;
const UINT8 = 2;

const model = (layers: LayerSpec[]): Model => ({
  format: 'floplab.model/2',
  name: 'quantize',
  input: [4, 6, 6],
  batch: 2,
  layers,
});

const imp = (bytes: Uint8Array) => {
  const r = importOnnx(bytes, 't.onnx');
  if (!r.ok) throw new Error(r.error);
  return r;
};

const ALL: LayerSpec[] = [
  { type: 'quantize', mode: 'quantize' },
  { type: 'quantize', mode: 'dequantize' },
  { type: 'quantize', mode: 'quantize', dtype: 'uint8', per_channel: true },
  { type: 'quantize', mode: 'dequantize', dtype: 'uint8', per_channel: true },
  { type: 'quantize', mode: 'quantize', dtype: 'int16' },
  { type: 'quantize', mode: 'dequantize', dtype: 'int16' },
];

describe('quantize through ONNX', () => {
  it('every mode, type and per-channel scale reads back to the same rows', () => {
    const m = model(ALL);
    const w = modelToOnnx(m);
    if (!w.ok) throw new Error(w.error);
    // int16 is QuantizeLinear's from opset 21; the writer declares opset 20 and says so.
    expect(w.warnings).toEqual([
      'layers_4_: int16 QuantizeLinear/DequantizeLinear is opset 21; the file declares opset 20',
      'layers_5_: int16 QuantizeLinear/DequantizeLinear is opset 21; the file declares opset 20',
    ]);
    const r = imp(w.bytes);
    expect(r.warnings).toEqual([]);
    expect(rowsOf(r.model)).toEqual(rowsOf(m));
  });

  it('a QDQ graph: the weights’ DequantizeLinear folds, the activations’ pair is two quantize rows', () => {
    const r = imp(
      onnx({
        input: [1, 3, 8, 8],
        nodes: [
          { op: 'QuantizeLinear', in: ['x', 'xs', 'xz'], out: ['xq'], name: 'x_q' },
          { op: 'DequantizeLinear', in: ['xq', 'xs', 'xz'], out: ['xd'], name: 'x_dq' },
          { op: 'DequantizeLinear', in: ['wq', 'ws', 'wz'], out: ['w'], attrs: { axis: 0 } },
          { op: 'Conv', in: ['xd', 'w', 'b'], out: ['c'], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
          { op: 'QuantizeLinear', in: ['c', 'cs', 'cz'], out: ['cq'], attrs: { axis: 1 } },
          { op: 'DequantizeLinear', in: ['cq', 'cs', 'cz'], out: ['cd'], attrs: { axis: 1 } },
          { op: 'Relu', in: ['cd'], out: ['y'] },
        ],
        weights: { b: [16] },
        floats: { xs: [0.02], ws: Array.from({ length: 16 }, () => 0.01), cs: Array.from({ length: 16 }, () => 0.1) },
        typed: {
          xz: { type: UINT8, dims: [], values: [128] },
          wq: { type: INT8, dims: [16, 3, 3, 3], values: Array.from({ length: 432 }, () => 1) },
          wz: { type: INT8, dims: [16], values: Array.from({ length: 16 }, () => 0) },
          cz: { type: INT8, dims: [16], values: Array.from({ length: 16 }, () => 0) },
        },
      }),
    );
    expect(r.model.layers).toEqual([
      { type: 'quantize', mode: 'quantize', dtype: 'uint8', name: 'x_q' },
      { type: 'quantize', mode: 'dequantize', dtype: 'uint8', name: 'x_dq' },
      { type: 'conv2d', out: 16, kernel: 3, stride: 1, padding: 1, groups: 1, bias: true },
      { type: 'quantize', mode: 'quantize', per_channel: true },
      { type: 'quantize', mode: 'dequantize', per_channel: true },
      { type: 'relu' },
    ]);
    expect(r.warnings).toEqual([]);
    const e = evaluateModel(r.model, { conventions: ['exact', 'onnx-tool', 'thop'] });
    // Conv params 16·27 + 16; buffers: 2 + 2 (scalar scale and zero point) + 2·16 + 2·16.
    expect([e.totals.params, e.totals.buffers]).toEqual([448n, 68n]);
    // onnx-tool: each Q/DQ node 2 per element: 2·(192 + 192) + 2·(1024 + 1024) on top of the conv and relu.
    const qdq = e.rows.filter((row) => row.type === 'quantize').map((row) => row.counts.map(Number));
    expect(qdq).toEqual([
      [5 * 192, 2 * 192, 0],
      [2 * 192, 2 * 192, 0],
      [5 * 1024, 2 * 1024, 0],
      [2 * 1024, 2 * 1024, 0],
    ]);
  });

  it('without a zero point QuantizeLinear is uint8 (ONNX’s default); a computed scale is not counted, with the reason', () => {
    const r = imp(
      onnx({
        input: [1, 4],
        nodes: [
          { op: 'QuantizeLinear', in: ['x', 's'], out: ['q'] },
          { op: 'DequantizeLinear', in: ['q', 's'], out: ['d'] },
          { op: 'QuantizeLinear', in: ['d', 'd'], out: ['y'] },
        ],
        floats: { s: [0.5] },
      }),
    );
    expect(r.model.layers.map((l) => ({ ...l, name: undefined }))).toEqual([
      { type: 'quantize', mode: 'quantize', dtype: 'uint8', name: undefined },
      { type: 'quantize', mode: 'dequantize', name: undefined },
      expect.objectContaining({ type: 'opaque', op: 'QuantizeLinear' }),
    ]);
    expect(r.warnings.filter((w) => w.startsWith('not counted'))).toEqual([
      'not counted (no formula for it; shape and weights kept): QuantizeLinear (a scale computed at run time (only a constant scale)) × 1 (y)',
    ]);
  });

  it('a scale and zero point fed as graph inputs (as ONNX’s operator tests feed them): per channel by their shape (the node test test_dequantizelinear_axis checks the uint8 type read from the file)', () => {
    // onnx/backend/test/case/node/dequantizelinear.py 'axis': x uint8 [1, 3, 3, 2], x_scale [3], x_zero_point uint8 [3].
    const r = imp(
      onnx({
        input: ['N', 4, 6, 6],
        nodes: [{ op: 'DequantizeLinear', in: ['x', 's', 'z'], out: ['y'], attrs: { axis: 1 } }],
        extraInputs: { s: [4], z: [4] },
      }),
    );
    expect(r.model.layers).toEqual([
      expect.objectContaining({ type: 'quantize', mode: 'dequantize', per_channel: true }),
    ]);
    const e = evaluateModel(r.model, { conventions: ['onnx-tool', 'exact'] });
    expect([e.notCounted, e.totals.counts]).toEqual([[], [288n, 288n]]);
  });
});

describe('blocked quantization (block_size > 0, opset 21)', () => {
  // onnx/docs/Operators.md (QuantizeLinear, DequantizeLinear): a scale of x's rank, ceil(C / block_size)
  // along the axis and x's dims elsewhere (batch included); layers/quantize.ts quantizeScales.
  const blocked = (g: Partial<Parameters<typeof onnx>[0]> & { attrs?: Record<string, number> }) =>
    importOnnx(
      onnx({
        input: [2, 4, 6, 6],
        nodes: [{ op: 'DequantizeLinear', in: ['x', 's', 'z'], out: ['y'], attrs: { block_size: 2, ...g.attrs } }],
        opset: 21,
        ...g,
      }),
      't.onnx',
    );
  const zero = (dims: number[]) => ({ z: { type: INT8, dims, values: dims.map(() => 0) } });

  it('stored scale and zero point [2, 2, 6, 6]: one quantize row, 2 · 144 buffers, counted per element', () => {
    const r = blocked({ weights: { s: [2, 2, 6, 6] }, typed: zero([2, 2, 6, 6]) });
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers).toEqual([{ type: 'quantize', mode: 'dequantize', block_size: 2 }]);
    expect(r.warnings).toEqual([]);
    const e = evaluateModel(r.model, { conventions: ['exact', 'onnx-tool'] });
    expect([e.totals.buffers, ...e.totals.counts]).toEqual([288n, 2n * 288n, 2n * 288n]);
  });

  it('a scale fed as a graph input of x’s rank is read as data: held as the layer’s buffers, said so, no model input', () => {
    const r = importOnnx(
      onnx({
        input: [2, 4, 6, 6],
        nodes: [{ op: 'DequantizeLinear', in: ['x', 's'], out: ['y'], attrs: { block_size: 2 } }],
        extraInputs: { s: [2, 2, 6, 6] },
        opset: 21,
      }),
      't.onnx',
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers).toEqual([{ type: 'quantize', mode: 'dequantize', block_size: 2 }]);
    expect(r.model.inputs).toBeUndefined();
    expect(r.warnings).toEqual([
      'DequantizeLinear → y: s: the blocked scale and zero point, graph inputs of x’s rank (batch included) fed at run time, are this layer’s buffers',
    ]);
    expect(evaluateModel(r.model).totals.buffers).toBe(288n);
  });

  it.each([
    [{ attrs: { axis: 2 } }, 'blocked quantization along axis 2 (only along axis 1, the channels)'],
    [{ attrs: { block_size: 4 } }, 'a blocked scale [2, 2, 6, 6] where block_size 4 gives [2, 1, 6, 6]'],
    [{ typed: zero([2, 2, 6, 3]) }, 'a zero point [2, 2, 6, 3] of another shape than its scale [2, 2, 6, 6]'],
  ])('not counted, with the reason, where the kind cannot hold the file’s scale: %j', (g, why) => {
    const r = blocked({ weights: { s: [2, 2, 6, 6] }, typed: zero([2, 2, 6, 6]), ...g });
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers).toEqual([expect.objectContaining({ type: 'opaque', op: 'DequantizeLinear' })]);
    expect(r.warnings.join('\n')).toContain(why);
  });

  it('the ONNX and PyTorch writers refuse it (its scale has the batch dim; torch has no blocked quantization)', () => {
    const m = model([{ type: 'quantize', block_size: 2 } as LayerSpec]);
    expect(modelToOnnx(m)).toEqual({ ok: false, error: expect.stringContaining('blocked quantization') as unknown });
    expect(modelToPytorch(m)).toEqual({
      ok: false,
      error: expect.stringContaining('no blocked quantization') as unknown,
    });
  });
});

describe('quantize through the PyTorch and prototxt writers', () => {
  it('PyTorch: nn.quantized.Quantize(1.0, 0, dtype), a QuantizePerChannel helper, nn.quantized.DeQuantize', () => {
    const r = modelToPytorch(model(ALL.slice(0, 4)));
    if (!r.ok) throw new Error(r.error);
    expect(r.code).toContain('nn.quantized.Quantize(1.0, 0, torch.qint8),');
    expect(r.code).toContain('QuantizePerChannel(4, torch.quint8),');
    expect(r.code.match(/nn\.quantized\.DeQuantize\(\),/g)).toHaveLength(2);
    expect(r.code).toContain('torch.quantize_per_channel(x, self.scale, self.zero_point, 1, self.dtype)');
  });

  it('PyTorch refuses int16 (no such quantized type); prototxt refuses any (no Caffe layer)', () => {
    expect(modelToPytorch(model([ALL[4]]))).toEqual({
      ok: false,
      error: expect.stringContaining('PyTorch has no int16 quantized type') as unknown,
    });
    expect(modelToPrototxt(model([ALL[0]]))).toEqual({
      ok: false,
      error: 'layers[0]: Caffe has no quantize or dequantize layer (its models are float)',
    });
  });
});
