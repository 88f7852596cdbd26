/**
 * Sizes of 0 in an ONNX file. ONNX (onnx.proto: TensorShapeProto.Dimension, a oneof of dim_value and
 * dim_param) tells a stated 0 — an empty tensor — from an absent value — an unknown size —, and some
 * exporters wrote 0 for a size left open (Paddle2ONNX's batch: PaddlePaddle/Paddle2ONNX#53). FlopLab holds
 * no empty tensor: a data input's 0 is read as open and said; an empty run-time input is a known empty
 * constant (an axes list of none: Operators.md ReduceSum, noop_with_empty_axes); an output stated empty
 * is said; a graph whose only output is an empty constant is imported, not refused.
 */
import { describe, expect, it } from 'vitest';
import { decodeOnnx } from '../../../src/engine/import/onnx/decode';
import { OnnxTypes } from '../../../src/engine/import/onnx/schema';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import type { Model } from '../../../src/engine/format/model';
import { importBuilt, onnx } from './onnx-build';

type Raw = Record<string, unknown>;

describe('sizes of 0 in an ONNX file', () => {
  it('a stated 0 is kept apart from an absent size and from a symbolic one', () => {
    const g = decodeOnnx(onnx({ input: [2, 0, 'n', 4], nodes: [{ op: 'Relu', in: ['x'], out: ['y'] }] }));
    const x = g?.inputs.find((v) => v.name === 'x');
    expect(x?.dims).toEqual([2, null, null, 4]);
    expect(x?.zeros).toEqual([1]);
    expect(x?.dimNames).toEqual([null, null, 'n', null]);
  });

  it('the codec keeps a dim_value’s presence: a stated 0 is written and read as 0, an absent one as absent', () => {
    const dims = (bytes: Uint8Array) =>
      (((OnnxTypes.ValueInfo.decode(bytes).type as Raw).tensor_type as Raw).shape as { dim: Raw[] }).dim;
    const info = (dim: Raw[]) => OnnxTypes.ValueInfo.encode({ name: 'v', type: { tensor_type: { shape: { dim } } } });
    // Dimension { dim_value: 0 } is the field written with its 0 (08 00), as proto2's oneof member is.
    expect(Buffer.from(info([{ dim_value: 0 }])).toString('hex')).toContain('0a020800');
    expect(dims(info([{ dim_value: 0 }, {}, { dim_param: 'n' }, { dim_value: 7 }])).map((d) => d.dim_value)).toEqual([
      0,
      undefined,
      undefined,
      7,
    ]);
  });

  it.each([
    // [file dims, FlopLab's input shape, the notice's list]
    [[2, 0, 4], [128, 4], 'dim 1 = 128'],
    [[0, 3, 4], [3, 4], 'dim 0 = 1'],
    [[1, 0, 8, 8], [3, 8, 8], 'dim 1 = 3'],
  ])('a data input stated %j is read as open, %j, and said (%s)', (dims, shape, list) => {
    const { r } = importBuilt({ input: dims, nodes: [{ op: 'Relu', in: ['x'], out: ['y'] }] });
    expect(r.model.input).toEqual(shape);
    const note = r.warnings.find((w) => w.includes('a size of 0 is an empty tensor'));
    expect(note).toContain(`[${dims.join(', ')}]`);
    expect(note).toContain(`${list} used`);
    // A batch of 0 is said there, not again as a symbolic batch.
    expect(r.warnings.some((w) => w.includes('batch size is symbolic'))).toBe(false);
  });

  it('an output the file states empty is compared and said', () => {
    const { r } = importBuilt({
      input: [2, 0, 4],
      nodes: [{ op: 'Relu', in: ['x'], out: ['y'] }],
      outputShapes: { y: [2, 0, 4] },
    });
    expect(r.warnings.find((w) => w.includes('with a size of 0 ('))).toContain('y [2, 0, 4] → [2, 128, 4]');
  });

  it.each([
    ['ReduceSum', 1],
    ['ReduceMean', 1],
    ['ReduceMax', 1],
    ['ReduceL2', 25],
  ])(
    '%s over an empty axes input with noop_with_empty_axes is its input; onnx-tool counts it (%i per element)',
    (op, per) => {
      const { r, e } = importBuilt(
        {
          input: [3, 2, 2],
          extraInputs: { axes: [0] },
          nodes: [{ op, in: ['x', 'axes'], out: ['y'], attrs: { noop_with_empty_axes: 1 } }],
        },
        { opset: 18, conventions: ['onnx-tool', 'exact'] },
      );
      expect(r.model.layers).toEqual([{ type: 'identity', onnx_op: op }]);
      expect(e.totals.counts).toEqual([BigInt(12 * per), 0n]);
      expect(e.notCounted).toEqual([]);
      expect(r.warnings.join('\n')).toContain(`${op} over an empty axes list with noop_with_empty_axes is its input`);
    },
  );

  it('an empty axes initializer with noop_with_empty_axes is the same no-op; without it every dim is reduced (not counted)', () => {
    const noop = importBuilt(
      {
        input: [3, 2, 2],
        ints: { axes: [] },
        nodes: [{ op: 'ReduceSum', in: ['x', 'axes'], out: ['y'], attrs: { noop_with_empty_axes: 1 } }],
      },
      { opset: 13 },
    );
    expect(noop.r.model.layers).toEqual([{ type: 'identity', onnx_op: 'ReduceSum' }]);
    const all = importBuilt(
      { input: [3, 2, 2], extraInputs: { axes: [0] }, nodes: [{ op: 'ReduceSum', in: ['x', 'axes'], out: ['y'] }] },
      { opset: 13 },
    );
    expect(all.e.notCounted).toHaveLength(1);
    expect(all.r.warnings.join('\n')).toContain('with no axes reduces every dim');
  });

  it('a ReduceMean-18 with no axes input and noop_with_empty_axes is its input too', () => {
    const { r, e } = importBuilt(
      { input: [3, 2, 2], nodes: [{ op: 'ReduceMean', in: ['x'], out: ['y'], attrs: { noop_with_empty_axes: 1 } }] },
      { opset: 18 },
    );
    expect(r.model.layers).toEqual([{ type: 'identity', onnx_op: 'ReduceMean' }]);
    expect(e.totals.counts).toEqual([12n]);
  });

  it.each([
    // An empty list is none: equal parts, as onnxruntime splits (axis 2: two slices; axis 1 of a map: chunks).
    [
      2,
      [
        { type: 'slice', dim: 2, start: 0, end: 3 },
        { type: 'slice', dim: 2, start: 3, end: 6 },
      ],
    ],
    [
      1,
      [
        { type: 'chunk', chunks: 2, index: 0 },
        { type: 'chunk', chunks: 2, index: 1 },
      ],
    ],
  ])('a Split whose split input is an empty constant splits in equal parts (axis %i)', (axis, parts) => {
    const { r, e } = importBuilt({
      input: [1, 4, 6, 6],
      ints: { sp: [] },
      nodes: [
        { op: 'Split', in: ['x', 'sp'], out: ['a', 'b'], attrs: { axis } },
        { op: 'Add', in: ['a', 'b'], out: ['y'] },
      ],
    });
    expect(r.model.layers).toEqual([{ type: 'residual', body: [parts[0]], shortcut: [parts[1]] }]);
    expect(e.notCounted).toEqual([]);
    expect(e.errors).toBe(0);
  });

  it('a Reshape to [] (a 0-d scalar) of one value is held as [1], as every scalar, and said', () => {
    const { r, e } = importBuilt({
      input: [1, 1, 1],
      ints: { t: [] },
      nodes: [
        { op: 'Reshape', in: ['x', 't'], out: ['s'] },
        { op: 'Relu', in: ['s'], out: ['y'] },
      ],
      outputShapes: { y: [] },
    });
    expect(r.model.layers).toEqual([{ type: 'flatten' }, { type: 'relu' }]);
    expect(e.notCounted).toEqual([]);
    expect(r.warnings.join('\n')).toContain('y [] → [1, 1]');
  });

  it('Resize with empty roi and scales beside its sizes (as torch.onnx writes it) reads the sizes', () => {
    const { r } = importBuilt({
      input: [1, 3, 4, 4],
      ints: { roi: [], sizes: [1, 3, 8, 8] },
      floats: { scales: [] },
      nodes: [{ op: 'Resize', in: ['x', 'roi', 'scales', 'sizes'], out: ['y'], attrs: { mode: 'linear' } }],
    });
    expect(r.model.layers).toEqual([{ type: 'upsample', mode: 'bilinear', size: 8 }]);
  });

  it('a no-op reduction is written back as one (an empty axes list, noop_with_empty_axes) and reads back equal', () => {
    const model: Model = {
      format: 'floplab.model/2',
      input: [4, 6, 6],
      batch: 2,
      layers: [{ type: 'identity', onnx_op: 'ReduceProd' }, { type: 'relu' }],
    };
    const written = modelToOnnx(model);
    if (!written.ok) throw new Error(written.error);
    const back = importOnnx(written.bytes, 'w.onnx');
    if (!back.ok) throw new Error(back.error);
    expect(back.model.layers.map((l) => ({ ...l, name: undefined }))).toEqual([
      { type: 'identity', onnx_op: 'ReduceProd', name: undefined },
      { type: 'relu', name: undefined },
    ]);
    const count = (m: Model) => evaluateModel(m, { conventions: ['onnx-tool'] }).totals.counts[0];
    expect(count(back.model)).toBe(count(model));
    expect(count(model)).toBe(2n * 4n * 6n * 6n * 2n); // ReduceProd's MUL and the Relu's CMP per element
  });

  it('a graph whose only output is an empty constant is imported: a not-counted row, 0 operations, said', () => {
    const { r, e } = importBuilt(
      {
        input: [3, 4, 5],
        nodes: [{ op: 'Shape', in: ['x'], out: ['y'], attrs: { start: 2, end: 1 } }],
        outputShapes: { y: [0] },
      },
      { opset: 15 },
    );
    expect(e.totals.counts).toEqual([0n]);
    expect(e.totals.params).toBe(0n);
    expect(e.notCounted).toHaveLength(1);
    expect(r.warnings.join('\n')).toContain('an empty constant, with a size of 0');
    // The file does state y ([0]): said as an empty output, not as a shape it leaves out.
    expect(r.warnings.join('\n')).not.toContain('states no output shape');
  });
});
