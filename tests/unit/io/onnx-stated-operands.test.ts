/**
 * Index operands fed as graph inputs, taken from the shapes the file states (onnx/stated-operands.ts):
 * ONNX's node tests feed a Reshape's shape, a Squeeze's or a Reduce's axes, a Split's sizes, a
 * Tile's repeats as inputs (onnx/backend/test/case/node/reshape.py, squeeze.py, reducesum.py,
 * split.py, tile.py). Each follows from the node's stated input and output shapes; where the output
 * shape is not stated, the operand stays unknown and the node is not counted, said so.
 */
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { OnnxTypes } from '../../../src/engine/import/onnx/schema';
import { fileShapes } from './file-shapes';

/** One node reading x [2, 3, 4] and an int64 graph input `k` of `kDims`; outputs stated or not. */
function file(op: string, kDims: number[], outs: (number[] | null)[], attrs: Record<string, number> = {}) {
  const info = (name: string, dims: number[] | null, type = 1) => ({
    name,
    type: {
      tensor_type: { elem_type: type, ...(dims ? { shape: { dim: dims.map((d) => ({ dim_value: d })) } } : {}) },
    },
  });
  const outputs = outs.map((_o, i) => `y${i}`);
  return OnnxTypes.Model.encode({
    ir_version: 8,
    opset_import: [{ domain: '', version: 18 }],
    graph: {
      name: op,
      node: [
        {
          op_type: op,
          input: ['x', 'k'],
          output: outputs,
          attribute: Object.entries(attrs).map(([name, i]) => ({ name, type: 2, i })),
        },
      ],
      input: [info('x', [2, 3, 4]), info('k', kDims, 7)],
      output: outs.map((o, i) => info(outputs[i], o)),
    },
  });
}

function load(bytes: Uint8Array) {
  const r = importOnnx(bytes, 't.onnx');
  if (!r.ok) throw new Error(r.error);
  const e = evaluateModel(r.model, { conventions: ['onnx-tool', 'exact'] });
  const shapes = fileShapes(r.model, e);
  return { r, e, shapes, notice: r.warnings.find((w) => /taken from the input and output shapes/.test(w)) };
}

describe('an operand fed at run time, from the stated shapes', () => {
  it.each([
    ['Reshape to [2, 12]', 'Reshape', [2], [[2, 12]], {}],
    ['Unsqueeze at axis 1', 'Unsqueeze', [1], [[2, 1, 3, 4]], {}],
    [
      'Split [3] into 1 + 2 along axis 1',
      'Split',
      [2],
      [
        [2, 1, 4],
        [2, 2, 4],
      ],
      { axis: 1 },
    ],
    ['Tile by [1, 2, 1]', 'Tile', [3], [[2, 6, 4]], {}],
  ] as const)('%s: the file’s output shapes, nothing not counted', (_t, op, k, outs, attrs) => {
    const { e, shapes, notice } = load(
      file(
        op,
        [...k],
        outs.map((o) => [...o]),
        attrs,
      ),
    );
    expect(notice).toBeDefined();
    expect(e.notCounted).toEqual([]);
    expect(e.errors).toBe(0);
    expect(shapes).toEqual(outs);
  });

  it.each([
    ['keepdims 1, axes [2]', [2, 3, 1], 1],
    ['keepdims 0, axes [1]', [2, 4], 0],
  ] as const)('ReduceSum, %s: 24 − 6 or 24 − 8 additions (exact), 24 (onnx-tool: numel(X))', (_t, out, keep) => {
    const { e, shapes } = load(file('ReduceSum', [1], [[...out]], { keepdims: keep }));
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual([out]);
    const outputs = (out as readonly number[]).reduce((a, b) => a * b, 1);
    expect(e.totals.counts).toEqual([24n, BigInt(24 - outputs)]);
  });

  it('the output shape not stated: the operand stays unknown, the Reduce not counted', () => {
    const { e, notice } = load(file('ReduceSum', [1], [null], { keepdims: 1 }));
    expect(notice).toBeUndefined();
    expect(e.notCounted.length).toBe(1);
  });
});

/** Two nodes, as an expanded function body writes them: only x [2, 3, 4], the fed axes and y stated. */
function chain(first: [string, string[]], second: [string, string[]], out: number[], keepdims: number) {
  const info = (name: string, dims: number[], type = 1) => ({
    name,
    type: { tensor_type: { elem_type: type, shape: { dim: dims.map((d) => ({ dim_value: d })) } } },
  });
  const node = ([op, inputs]: [string, string[]], output: string) => ({
    op_type: op,
    input: inputs,
    output: [output],
    attribute: op === 'ReduceSum' ? [{ name: 'keepdims', type: 2, i: keepdims }] : [],
  });
  return OnnxTypes.Model.encode({
    ir_version: 8,
    opset_import: [{ domain: '', version: 18 }],
    graph: {
      name: 'expanded',
      node: [node(first, 'mid'), node(second, 'y')],
      input: [info('x', [2, 3, 4]), info('axes', [1], 7)],
      output: [info('y', out)],
    },
  });
}

describe('a stated shape carried through an op that keeps it (an expanded function body)', () => {
  // onnx/backend/test/case/node/reducel1.py, reducelogsum.py, reducesumsquare.py (their _expanded forms):
  // ReduceL1 = Abs → ReduceSum, ReduceLogSum = ReduceSum → Log, ReduceSumSquare = Mul(x, x) → ReduceSum.
  it.each([
    ['Abs → ReduceSum (ReduceL1), keepdims', ['Abs', ['x']], ['ReduceSum', ['mid', 'axes']], [2, 3, 1], 1, 24n + 24n],
    ['ReduceSum → Log (ReduceLogSum)', ['ReduceSum', ['x', 'axes']], ['Log', ['mid']], [2, 4], 0, 24n + 43n * 8n],
    [
      'Mul(x, x) → ReduceSum (ReduceSumSquare)',
      ['Mul', ['x', 'x']],
      ['ReduceSum', ['mid', 'axes']],
      [2, 3],
      0,
      24n + 24n,
    ],
  ] as const)('%s: the axes from the shapes around the pair, counted (onnx-tool)', (_t, a, b, out, keep, macs) => {
    const { r, e, shapes, notice } = load(chain([a[0], [...a[1]]], [b[0], [...b[1]]], [...out], keep));
    expect(notice).toBeDefined();
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual([out]);
    expect(e.totals.counts[0]).toBe(macs);
    // The axes input, read by no node any more, is no input of the model: x is its only one.
    expect([r.model.inputs, r.model.input]).toEqual([undefined, [3, 4]]);
  });
});
