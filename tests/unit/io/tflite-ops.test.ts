/**
 * One TFLite op at a time (hand-built files, tflite-build.ts): the layers it maps to in the
 * channels-first layout and the shape they give, which the importer itself checks against the
 * file's (a mapping that disagreed would be a not-counted row, so every case also asserts none).
 * Op semantics: TensorFlow Lite's kernels (tensorflow/lite/kernels/*.cc) and schema.fbs.
 */
import type * as flatbuffers from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';
import { importFile } from '../../../src/engine/import';
import { BuiltinOptions } from '../../../src/engine/import/tflite/generated/tflite/builtin-options';
import { ConcatenationOptions } from '../../../src/engine/import/tflite/generated/tflite/concatenation-options';
import { Conv2DOptions } from '../../../src/engine/import/tflite/generated/tflite/conv2doptions';
import { DepthwiseConv2DOptions } from '../../../src/engine/import/tflite/generated/tflite/depthwise-conv2doptions';
import { FullyConnectedOptions } from '../../../src/engine/import/tflite/generated/tflite/fully-connected-options';
import { Padding } from '../../../src/engine/import/tflite/generated/tflite/padding';
import { ReducerOptions } from '../../../src/engine/import/tflite/generated/tflite/reducer-options';
import { ResizeBilinearOptions } from '../../../src/engine/import/tflite/generated/tflite/resize-bilinear-options';
import { SplitOptions } from '../../../src/engine/import/tflite/generated/tflite/split-options';
import { StridedSliceOptions } from '../../../src/engine/import/tflite/generated/tflite/strided-slice-options';
import { SubOptions } from '../../../src/engine/import/tflite/generated/tflite/sub-options';
import { TensorType } from '../../../src/engine/import/tflite/generated/tflite/tensor-type';
import { UnidirectionalSequenceLSTMOptions } from '../../../src/engine/import/tflite/generated/tflite/unidirectional-sequence-lstmoptions';
import { float32s, int32s, tflite, zeros, type OpDef, type TensorDef } from './tflite-build';

type Options = readonly [BuiltinOptions, (b: flatbuffers.Builder) => number];
const i32 = (name: string, v: number[], shape = [v.length]): TensorDef => ({
  name,
  shape,
  type: TensorType.INT32,
  data: int32s(v),
});

/** Tensor 0 is the input x; the op writes the last tensor, the model's output. */
function one(x: number[], op: Omit<OpDef, 'outputs'>, consts: TensorDef[], out: number[][], options?: Options) {
  const tensors: TensorDef[] = [
    { name: 'x', shape: x },
    ...consts,
    ...out.map((s, i) => ({ name: `y${i}`, shape: s })),
  ];
  const outputs = out.map((_s, i) => 1 + consts.length + i);
  const bytes = tflite({ tensors, ops: [{ ...op, outputs, options }], inputs: [0], outputs });
  const r = importFile('op.tflite', bytes);
  if (!r.ok) throw new Error(r.error);
  const e = evaluateModel(r.model);
  return { layers: r.model.layers, e, warnings: r.warnings };
}
/** x [1, 5, 3] → UNIDIRECTIONAL_SEQUENCE_LSTM (H = 4, a bias per gate) → [1, 5, 4]. */
function lstmFile() {
  const w = (name: string, shape: number[]): TensorDef => ({ name, shape, data: zeros(shape[0] * (shape[1] ?? 1)) });
  const consts: TensorDef[] = [
    ...['wi', 'wf', 'wc', 'wo'].map((n) => w(n, [4, 3])),
    ...['ri', 'rf', 'rc', 'ro'].map((n) => w(n, [4, 4])),
    ...['bi', 'bf', 'bc', 'bo'].map((n) => w(n, [4])),
    { name: 'h0', shape: [1, 4] },
    { name: 'c0', shape: [1, 4] },
  ];
  // Inputs: x, 8 weights, 3 absent peepholes, 4 biases, absent projection (2), the two states.
  const inputs = [0, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, 9, 10, 11, 12, -1, -1, 13, 14];
  return one(
    [1, 5, 3],
    { code: 'UNIDIRECTIONAL_SEQUENCE_LSTM', inputs },
    consts,
    [[1, 5, 4]],
    [
      BuiltinOptions.UnidirectionalSequenceLSTMOptions,
      (b) => UnidirectionalSequenceLSTMOptions.createUnidirectionalSequenceLSTMOptions(b, 4, 0, 0, false, false, false),
    ],
  );
}

const strip = (layers: readonly LayerSpec[]) =>
  layers.map((l) => {
    const { name: _n, id: _i, from: _f, ...rest } = l as LayerSpec & { name?: string; id?: string; from?: unknown };
    return rest;
  });

describe('TFLite ops in channels-first layers, shapes as the file states', () => {
  it.each<[string, () => ReturnType<typeof one>, LayerSpec[], number[][]]>([
    [
      'DEPTHWISE_CONV_2D with multiplier 2, SAME stride 1 (even padding)',
      () =>
        one(
          [1, 5, 5, 3],
          { code: 'DEPTHWISE_CONV_2D', inputs: [0, 1, 2] },
          [
            { name: 'w', shape: [1, 3, 3, 6], data: zeros(54) },
            { name: 'b', shape: [6], data: zeros(6) },
          ],
          [[1, 5, 5, 6]],
          [
            BuiltinOptions.DepthwiseConv2DOptions,
            (b) => DepthwiseConv2DOptions.createDepthwiseConv2DOptions(b, Padding.SAME, 1, 1, 2, 3, 1, 1),
          ],
        ),
      [{ type: 'conv2d', out: 6, kernel: 3, stride: 1, padding: 1, groups: 3, bias: true }, { type: 'relu6' }],
      [[6, 5, 5]],
    ],
    [
      'CONV_2D SAME stride 2 on an even size: TF pads 0 before, 1 after',
      () =>
        one(
          [1, 8, 8, 3],
          { code: 'CONV_2D', inputs: [0, 1, -1] },
          [{ name: 'w', shape: [4, 3, 3, 3], data: zeros(108) }],
          [[1, 4, 4, 4]],
          [BuiltinOptions.Conv2DOptions, (b) => Conv2DOptions.createConv2DOptions(b, Padding.SAME, 2, 2, 0, 1, 1, 0)],
        ),
      [
        { type: 'pad', pad: [0, 1, 0, 1] },
        { type: 'conv2d', out: 4, kernel: 3, stride: 2, padding: 0, bias: false },
      ],
      [[4, 4, 4]],
    ],
    [
      'FULLY_CONNECTED with keep_num_dims on an NHWC map: a 1×1 convolution',
      () =>
        one(
          [1, 4, 4, 8],
          { code: 'FULLY_CONNECTED', inputs: [0, 1, 2] },
          [
            { name: 'w', shape: [5, 8], data: zeros(40) },
            { name: 'b', shape: [5], data: zeros(5) },
          ],
          [[1, 4, 4, 5]],
          [
            BuiltinOptions.FullyConnectedOptions,
            (b) => FullyConnectedOptions.createFullyConnectedOptions(b, 0, 0, true, false, 0),
          ],
        ),
      [{ type: 'conv2d', out: 5, kernel: 1, bias: true }],
      [[5, 4, 4]],
    ],
    [
      'FULLY_CONNECTED on a map without keep_num_dims flattens it first',
      () =>
        one(
          [1, 2, 2, 3],
          { code: 'FULLY_CONNECTED', inputs: [0, 1, -1] },
          [{ name: 'w', shape: [7, 12], data: zeros(84) }],
          [[1, 7]],
        ),
      [{ type: 'flatten' }, { type: 'linear', out: 7, bias: false }],
      [[7]],
    ],
    [
      'MEAN over H, W with keep_dims',
      () =>
        one(
          [1, 4, 6, 8],
          { code: 'MEAN', inputs: [0, 1] },
          [i32('axes', [1, 2])],
          [[1, 1, 1, 8]],
          [BuiltinOptions.ReducerOptions, (b) => ReducerOptions.createReducerOptions(b, true)],
        ),
      [{ type: 'mean', dims: [2, 3], keepdim: true }],
      [[8, 1, 1]],
    ],
    [
      'REDUCE_MAX over the channels (axis −1)',
      () => one([1, 4, 6, 8], { code: 'REDUCE_MAX', inputs: [0, 1] }, [i32('axes', [-1])], [[1, 4, 6]]),
      [{ type: 'reduce', op: 'amax', dims: [1] }],
      [[4, 6]],
    ],
    [
      'CONCATENATION along W (axis 2): a cat on dim 3',
      () =>
        one(
          [1, 2, 3, 4],
          { code: 'CONCATENATION', inputs: [0, 0] },
          [],
          [[1, 2, 6, 4]],
          [BuiltinOptions.ConcatenationOptions, (b) => ConcatenationOptions.createConcatenationOptions(b, 2, 0)],
        ),
      [{ type: 'cat', dim: 3 }],
      [[4, 2, 6]],
    ],
    [
      'SUB of two computed tensors takes both',
      () =>
        one(
          [1, 6],
          { code: 'SUB', inputs: [0, 0] },
          [],
          [[1, 6]],
          [BuiltinOptions.SubOptions, (b) => SubOptions.createSubOptions(b, 1, false)],
        ),
      [{ type: 'sub' }, { type: 'relu' }],
      [[6]],
    ],
    [
      'ADD of a per-channel constant: a parameter layer of C elements and an add',
      () =>
        one(
          [1, 3, 3, 4],
          { code: 'ADD', inputs: [0, 1] },
          [{ name: 'c', shape: [4], data: float32s([1, 2, 3, 4]) }],
          [[1, 3, 3, 4]],
        ),
      [{ type: 'parameter', shape: [4, 1, 1] }, { type: 'add' }],
      [[4, 3, 3]],
    ],
    [
      'MUL by a per-channel constant: a layer scale',
      () =>
        one(
          [1, 3, 3, 4],
          { code: 'MUL', inputs: [0, 1] },
          [{ name: 'c', shape: [1, 1, 1, 4], data: zeros(4) }],
          [[1, 3, 3, 4]],
        ),
      [{ type: 'layerscale' }],
      [[4, 3, 3]],
    ],
    [
      'PAD of H and W (paddings [4, 2])',
      () =>
        one(
          [1, 4, 4, 2],
          { code: 'PAD', inputs: [0, 1] },
          [i32('p', [0, 0, 1, 2, 3, 0, 0, 0], [4, 2])],
          [[1, 7, 7, 2]],
        ),
      [{ type: 'pad', pad: [3, 0, 1, 2] }],
      [[2, 7, 7]],
    ],
    [
      'TRANSPOSE NHWC → NCHW keeps the batch first',
      () => one([1, 4, 5, 2], { code: 'TRANSPOSE', inputs: [0, 1] }, [i32('perm', [0, 3, 1, 2])], [[1, 2, 4, 5]]),
      // [2, 4, 5] (C, H, W) read as NHWC [1, 2, 4, 5] is [5, 2, 4]: W moves to the front.
      [{ type: 'permute', dims: [0, 3, 1, 2] }],
      [[5, 2, 4]],
    ],
    [
      'RESIZE_BILINEAR to 8×12',
      () =>
        one(
          [1, 4, 6, 3],
          { code: 'RESIZE_BILINEAR', inputs: [0, 1] },
          [i32('size', [8, 12])],
          [[1, 8, 12, 3]],
          [
            BuiltinOptions.ResizeBilinearOptions,
            (b) => ResizeBilinearOptions.createResizeBilinearOptions(b, false, true),
          ],
        ),
      [{ type: 'upsample', mode: 'bilinear', size: [8, 12] }],
      [[3, 8, 12]],
    ],
    [
      'SPLIT of the channels in 2: a slice per output',
      () =>
        one(
          [1, 2, 2, 6],
          { code: 'SPLIT', inputs: [1, 0] },
          [i32('axis', [3], [])],
          [
            [1, 2, 2, 3],
            [1, 2, 2, 3],
          ],
          [BuiltinOptions.SplitOptions, (b) => SplitOptions.createSplitOptions(b, 2)],
        ),
      [
        { type: 'slice', dim: 1, start: 0, end: 3 },
        { type: 'slice', dim: 1, start: 3, end: 6 },
      ],
      [
        [3, 2, 2],
        [3, 2, 2],
      ],
    ],
    [
      'STRIDED_SLICE of every other column, shrinking the last axis',
      () =>
        one(
          [1, 4, 6, 3],
          { code: 'STRIDED_SLICE', inputs: [0, 1, 2, 3] },
          [i32('b', [0, 0, 0, 1]), i32('e', [1, 4, 6, 2]), i32('s', [1, 1, 2, 1])],
          [[1, 4, 3]],
          [
            BuiltinOptions.StridedSliceOptions,
            (b) => StridedSliceOptions.createStridedSliceOptions(b, 0, 0, 0, 0, 8, false),
          ],
        ),
      [
        // In the file's axis order: W (axis 2, dim 3), then C (axis 3, dim 1).
        { type: 'slice', dim: 3, start: 0, end: 6, step: 2 },
        { type: 'slice', dim: 1, start: 1, end: 2 },
        { type: 'reshape', shape: [4, 3] },
      ],
      [[4, 3]],
    ],
    [
      'UNIDIRECTIONAL_SEQUENCE_LSTM: nn.LSTM with one bias per gate (4·H·I + 4·H·H + 4·H weights)',
      lstmFile,
      [{ type: 'lstm', hidden: 4, bias: true, single_bias: true }],
      [[5, 4]],
    ],
    [
      'MAXIMUM of two computed tensors',
      () => one([1, 3, 3, 2], { code: 'MAXIMUM', inputs: [0, 0] }, [], [[1, 3, 3, 2]]),
      [{ type: 'maximum' }],
      [[2, 3, 3]],
    ],
    [
      'RSQRT: the unary kind',
      () => one([1, 5], { code: 'RSQRT', inputs: [0] }, [], [[1, 5]]),
      [{ type: 'unary', op: 'rsqrt' }],
      [[5]],
    ],
    [
      'POW by a constant 3: the unary pow',
      () =>
        one(
          [1, 2, 2, 3],
          { code: 'POW', inputs: [0, 1] },
          [{ name: 'e', shape: [], data: float32s([3]) }],
          [[1, 2, 2, 3]],
        ),
      [{ type: 'unary', op: 'pow', exponent: 3 }],
      [[3, 2, 2]],
    ],
  ])('%s', (_what, build, layers, outputs) => {
    const { layers: got, e, warnings } = build();
    expect(strip(got)).toEqual(layers);
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(e.outputs.map((o) => o.shape)).toEqual(outputs);
    expect(warnings.filter((w) => /not counted|does not/.test(w))).toEqual([]);
  });
});

describe('TFLite LSTM weights', () => {
  it('counts the file’s LSTM weights as the lstm row’s parameters', () => {
    const { e } = lstmFile();
    expect(e.totals.params).toBe(BigInt(4 * 4 * 3 + 4 * 4 * 4 + 4 * 4));
  });
});

describe('TFLite QUANTIZE / DEQUANTIZE onto the quantize kind', () => {
  const q = (scale: number[], zeroPoint: number[]) => ({ scale, zeroPoint });
  /** x → one op → y, each tensor with its own type and quantization. */
  function conversion(code: 'QUANTIZE' | 'DEQUANTIZE', x: Partial<TensorDef>, y: Partial<TensorDef>) {
    const tensors: TensorDef[] = [
      { name: 'x', shape: [1, 4, 4, 3], ...x },
      { name: 'y', shape: [1, 4, 4, 3], ...y },
    ];
    const bytes = tflite({ tensors, ops: [{ code, inputs: [0], outputs: [1] }], inputs: [0], outputs: [1] });
    const r = importFile('op.tflite', bytes);
    if (!r.ok) throw new Error(r.error);
    return { layers: r.model.layers.map((l) => ({ ...l, name: undefined })), warnings: r.warnings };
  }
  const layer = (fields: Record<string, unknown>) => ({ type: 'quantize', ...fields, name: undefined });

  it('float → int8 is quantize, uint8 → float dequantize, int16 → float dequantize int16; the notice says how they count', () => {
    const a = conversion('QUANTIZE', {}, { type: TensorType.INT8, quant: q([0.1], [0]) });
    expect(a.layers).toEqual([layer({ mode: 'quantize' })]);
    expect(a.warnings).toContain(
      'QUANTIZE × 1: quantize layers (exact: 5 operations per element to quantize, 2 to dequantize; onnx-tool 2; the PyTorch tools 0); a QUANTIZE of an integer tensor (requantize) is one quantize',
    );
    const b = conversion('DEQUANTIZE', { type: TensorType.UINT8, quant: q([0.1], [128]) }, {});
    expect(b.layers).toEqual([layer({ mode: 'dequantize', dtype: 'uint8' })]);
    const c = conversion('DEQUANTIZE', { type: TensorType.INT16, quant: q([0.1], [0]) }, {});
    expect(c.layers).toEqual([layer({ mode: 'dequantize', dtype: 'int16' })]);
  });

  it('a scale per channel is per_channel; int8 → int8 between two scales (requantize) is one quantize of the output', () => {
    const pc = conversion('QUANTIZE', {}, { type: TensorType.INT8, quant: q([0.1, 0.2, 0.3], [0, 0, 0]) });
    expect(pc.layers).toEqual([layer({ mode: 'quantize', per_channel: true })]);
    const rq = conversion(
      'QUANTIZE',
      { type: TensorType.INT8, quant: q([0.1], [0]) },
      { type: TensorType.INT8, quant: q([0.05], [3]) },
    );
    expect(rq.layers).toEqual([layer({ mode: 'quantize' })]);
  });

  it('a float16 DEQUANTIZE of a computed tensor is a cast: an identity row, not a quantize', () => {
    const r = conversion('DEQUANTIZE', { type: TensorType.FLOAT16 }, {});
    expect(r.layers).toEqual([{ type: 'identity', name: undefined }]);
    expect(r.warnings.filter((w) => w.includes('DEQUANTIZE'))).toEqual([]);
  });
});
