/**
 * Operators with a constant operand and Pad, as exporters write them (ONNX Operators.md: Add,
 * Sub, Mul, Div broadcast numpy-style; Pad's `pads` list every axis' begins, then its ends).
 */
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { onnx } from './onnx-build';

const imp = (bytes: Uint8Array) => {
  const r = importOnnx(bytes, 't.onnx');
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('constant operands', () => {
  it('a scalar constant is the binary kind with `scalar`, one op per element', () => {
    const r = imp(
      onnx({
        input: [1, 4, 3, 3],
        nodes: [
          { op: 'Mul', in: ['x', 'half'], out: ['a'] },
          { op: 'Sub', in: ['a', 'one'], out: ['b'] },
        ],
        floats: { half: [0.5], one: [1] },
      }),
    );
    expect(r.model.layers).toEqual([
      { type: 'mul', scalar: 0.5 },
      { type: 'sub', scalar: 1 },
    ]);
    const e = evaluateModel(r.model, { conventions: ['exact', 'onnx-tool'] });
    // exact: 36 multiplies + 36 subtracts.
    expect(e.totals.flops).toBe(72n);
    expect(e.notCounted).toEqual([]);
  });

  it('a tensor constant (a position embedding) becomes a parameter of the data rank: its weights stay weights', () => {
    const r = imp(
      onnx({
        input: [1, 5, 8],
        nodes: [
          { op: 'Add', in: ['x', 'pos'], out: ['a'], name: 'add_pos' },
          { op: 'Div', in: ['scale', 'a'], out: ['y'] },
        ],
        weights: { pos: [1, 5, 8], scale: [8] },
      }),
    );
    const e = evaluateModel(r.model, { conventions: ['exact'] });
    expect(e.errors).toBe(0);
    // 40 (the embedding) + 8 (the divisor vector) parameters; 40 adds + 40 divides.
    expect(e.totals.params).toBe(48n);
    expect(e.totals.flops).toBe(80n);
    expect(e.outputs[0].shape).toEqual([5, 8]);
    expect(r.model.layers.filter((l) => l.type === 'parameter').map((l) => l.shape)).toEqual([
      [5, 8],
      [1, 8],
    ]);
  });
});

describe('BatchNormalization by rank', () => {
  it.each([
    [[1, 6], 'batchnorm1d'],
    [[1, 6, 5], 'batchnorm1d'],
    [[1, 6, 5, 5], 'batchnorm2d'],
    [[1, 6, 3, 5, 5], 'batchnorm3d'],
  ])('input %j → %s', (input, type) => {
    const r = imp(
      onnx({
        input,
        nodes: [{ op: 'BatchNormalization', in: ['x', 's', 'b', 'm', 'v'], out: ['y'] }],
        weights: { s: [6], b: [6], m: [6], v: [6] },
      }),
    );
    expect(r.model.layers.map((l) => l.type)).toEqual([type]);
    const e = evaluateModel(r.model);
    expect([e.errors, e.totals.params, e.totals.buffers]).toEqual([0, 12n, 12n]);
  });
});

describe('Pad', () => {
  it('constant pads over H and W become the pad kind (pairs from the last dim)', () => {
    const r = imp(
      onnx({
        input: [1, 2, 4, 4],
        nodes: [{ op: 'Pad', in: ['x', 'pads'], out: ['y'] }],
        ints: { pads: [0, 0, 1, 2, 0, 0, 3, 4] },
      }),
    );
    expect(r.model.layers).toEqual([{ type: 'pad', pad: [2, 4, 1, 3] }]);
    expect(evaluateModel(r.model).output).toEqual([2, 8, 10]);
  });

  // The batch symbolic: a file that fixes it at 1 and has no conv is read whole, as one sample
  // (onnx/index.ts), where padding dim 0 is a pad like any other.
  it('reflect mode is counted as a constant pad, with a warning; padding the batch is not counted', () => {
    const r = imp(
      onnx({
        input: ['N', 2, 4, 4],
        nodes: [
          { op: 'Pad', in: ['x'], out: ['p'], attrs: { pads: [0, 0, 1, 1, 0, 0, 1, 1], mode: 'reflect' } },
          { op: 'Pad', in: ['p'], out: ['y'], attrs: { pads: [1, 0, 0, 0, 0, 0, 0, 0] } },
        ],
      }),
    );
    expect(r.model.layers.map((l) => l.type)).toEqual(['pad', 'opaque']);
    expect(r.warnings.some((w) => /reflect padding counted as a constant pad/.test(w))).toBe(true);
    expect(r.warnings.some((w) => /Pad \(padding the batch\)/.test(w))).toBe(true);
  });
});

describe('constant folding (as onnx-tool and onnxruntime fold before counting)', () => {
  it('Shape → Gather → Unsqueeze → Concat of a data value gives a constant Reshape target', () => {
    // torch.onnx's x.view(x.size(0), -1): the batch read from the tensor's shape.
    const r = imp(
      onnx({
        input: [2, 3, 4, 4],
        nodes: [
          { op: 'Shape', in: ['x'], out: ['s'] },
          { op: 'Gather', in: ['s', 'zero'], out: ['n'], attrs: { axis: 0 } },
          { op: 'Unsqueeze', in: ['n', 'axes0'], out: ['n1'] },
          { op: 'Concat', in: ['n1', 'minus1'], out: ['shape'], attrs: { axis: 0 } },
          { op: 'Reshape', in: ['x', 'shape'], out: ['y'] },
        ],
        floats: { zero: [0] },
        ints: { axes0: [0], minus1: [-1] },
      }),
    );
    expect(r.model.layers).toEqual([{ type: 'flatten' }]);
    expect(r.warnings).toEqual([]);
    expect(evaluateModel(r.model).output).toEqual([48]);
  });

  it('a weight built by ConstantOfShape and Reshape in the graph is a weight (the DenseNet export of the report)', () => {
    const r = imp(
      onnx({
        input: [1, 3, 8, 8],
        nodes: [
          { op: 'ConstantOfShape', in: ['wshape'], out: ['w0'], attrs: { value: { t: { dims: [1], floats: [0.5] } } } },
          { op: 'Reshape', in: ['w0', 'wdims'], out: ['W'] },
          { op: 'Conv', in: ['x', 'W'], out: ['y'], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
        ],
        ints: { wshape: [216], wdims: [8, 3, 3, 3] },
      }),
    );
    expect(r.model.layers).toEqual([
      { type: 'conv2d', out: 8, kernel: 3, stride: 1, padding: 1, groups: 1, bias: false },
    ]);
    const e = evaluateModel(r.model, { conventions: ['onnx-tool'] });
    // 8 × 8 × 8 outputs × 27 MACs; 216 parameters.
    expect([e.totals.params, e.totals.macs]).toEqual([216n, 13824n]);
  });
});

describe('folding the pads torch.onnx computes for F.pad, and sizes given for symbolic dims', () => {
  // torch ≥ 1.12 writes F.pad(x, [0, 64]) on [N, L] as: pads [0, 64] padded with zeros to
  // [0, 64, 0, 0], Reshape [-1, 2], Slice with step −1 (reverse the rows), Transpose, Reshape [-1]
  // → ONNX's [begin…, end…] = [0, 0, 0, 64] (silero VAD's STFT padding). 2-D values are kept.
  const padGraph = (input: (number | string)[]) =>
    onnx({
      input,
      nodes: [
        { op: 'Concat', in: ['p', 'zeros'], out: ['p4'], attrs: { axis: 0 } },
        { op: 'Reshape', in: ['p4', 'rows'], out: ['p22'] },
        { op: 'Slice', in: ['p22', 'start', 'end', 'axis', 'step'], out: ['rev'] },
        { op: 'Transpose', in: ['rev'], out: ['t'], attrs: { perm: [1, 0] } },
        { op: 'Reshape', in: ['t', 'flat'], out: ['pads'] },
        { op: 'Pad', in: ['x', 'pads'], out: ['y'] },
      ],
      ints: {
        p: [0, 64],
        zeros: [0, 0],
        rows: [-1, 2],
        start: [-1],
        end: [-(2 ** 62)],
        axis: [0],
        step: [-1],
        flat: [-1],
      },
    });

  it('Reshape → Slice (step −1) → Transpose → Reshape of the pad list folds to a pad layer', () => {
    const r = imp(padGraph([1, 512]));
    expect(r.model.layers).toEqual([{ type: 'pad', pad: [0, 64] }]);
    expect(evaluateModel(r.model).output).toEqual([576]);
  });

  it('inputShapes sets symbolic sizes at import; a size that contradicts the file is refused with both shapes', () => {
    const bytes = padGraph(['batch', 'samples']);
    const r = importOnnx(bytes, 'p.onnx', { inputShapes: { x: [2, 512] } });
    if (!r.ok) throw new Error(r.error);
    expect(r.model.input).toEqual([512]);
    expect(r.model.batch).toBe(2);
    expect(r.warnings.join('\n')).not.toMatch(/symbolic/);
    const bad = importOnnx(padGraph([1, 512]), 'p.onnx', { inputShapes: { x: [1, 100] } });
    expect(bad.ok ? '' : bad.error).toBe('p.onnx: input "x" is [1, 512]; the sizes given, [1, 100], do not fit it');
  });
});

describe('an output written by a folded node', () => {
  it('the bias Add folded into the linear before it, in a graph model (MATLAB’s ACAS Xu export): the output keeps its shape', () => {
    const r = imp(
      onnx({
        input: [1, 5],
        nodes: [
          { op: 'Sub', in: ['x', 'avg'], out: ['s'] },
          { op: 'MatMul', in: ['s', 'W'], out: ['m'] },
          { op: 'Add', in: ['m', 'B'], out: ['y'] },
        ],
        weights: { avg: [1, 5], W: [5, 7], B: [7] },
      }),
    );
    const e = evaluateModel(r.model, { conventions: ['exact'] });
    expect(e.errors).toBe(0);
    expect(e.outputs.map((o) => o.shape)).toEqual([[7]]);
    // avg (5) + W (35) + B (7).
    expect(e.totals.params).toBe(47n);
  });
});
