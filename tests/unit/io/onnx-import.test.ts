/**
 * ONNX importer on hand-built graphs: operator forms our writer never emits (older opsets,
 * exporter idioms), unmapped operators, and malformed files. Operator semantics from the ONNX
 * operator documentation (onnx/docs/Operators.md).
 */
import { evaluateModel } from '../../../src/engine/evaluate';
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { MAX_IMPORT_BYTES } from '../../../src/engine/import';
import { onnx } from './onnx-build';

const imp = (bytes: Uint8Array) => {
  const r = importOnnx(bytes, 't.onnx');
  if (!r.ok) throw new Error(r.error);
  return r;
};
const conv = (x: string, y: string, w: string, extra: Record<string, number[]> = {}) => ({
  op: 'Conv',
  in: [x, w],
  out: [y],
  attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], ...extra },
});

describe('ONNX operators and exporter idioms', () => {
  it.each([
    [
      'Gemm with transB = 0 (B is [I, O]); bias from C',
      { input: [1, 8], nodes: [{ op: 'Gemm', in: ['x', 'B', 'C'], out: ['y'] }], weights: { B: [8, 5], C: [5] } },
      [{ type: 'linear', out: 5, bias: true }],
    ],
    [
      'MatMul + Add of a constant vector = linear with bias (Gemm-free exporters)',
      {
        input: [1, 8],
        nodes: [
          { op: 'MatMul', in: ['x', 'W'], out: ['m'] },
          { op: 'Add', in: ['m', 'b'], out: ['y'] },
        ],
        weights: { W: [8, 3], b: [3] },
      },
      [{ type: 'linear', out: 3, in: 8, bias: true }],
    ],
    [
      'Clip with min/max attributes (opset 6) = ReLU6',
      { input: [1, 3, 4, 4], opset: 6, nodes: [{ op: 'Clip', in: ['x'], out: ['y'], attrs: { min: 0, max: 6 } }] },
      [{ type: 'relu6' }],
    ],
    [
      'Clip with constant inputs (opset 11+) = ReLU6',
      { input: [1, 3, 4, 4], nodes: [{ op: 'Clip', in: ['x', 'lo', 'hi'], out: ['y'] }], floats: { lo: [0], hi: [6] } },
      [{ type: 'relu6' }],
    ],
    [
      'Upsample-7 with a scales attribute; Resize with constant sizes',
      {
        input: [1, 3, 4, 4],
        nodes: [
          { op: 'Upsample', in: ['x'], out: ['u'], attrs: { scales: [1.0, 1.0, 2.0, 2.0], mode: 'nearest' } },
          { op: 'Resize', in: ['u', '', '', 'sz'], out: ['y'], attrs: { mode: 'linear' } },
        ],
        ints: { sz: [1, 3, 10, 12] },
      },
      [
        { type: 'upsample', mode: 'nearest', scale: 2 },
        { type: 'upsample', mode: 'bilinear', size: [10, 12] },
      ],
    ],
    [
      'Mul by a [1, C, 1, 1] constant = layer scale; Mul(x, HardSigmoid(x)) = hard swish',
      {
        input: [1, 4, 4, 4],
        nodes: [
          { op: 'Mul', in: ['x', 'g'], out: ['s'] },
          { op: 'HardSigmoid', in: ['s'], out: ['h'] },
          { op: 'Mul', in: ['s', 'h'], out: ['y'] },
        ],
        weights: { g: [1, 4, 1, 1] },
      },
      [{ type: 'layerscale' }, { type: 'hardswish' }],
    ],
    [
      'Reshape to a constant [1, −1] from a Constant node, Dropout(ratio), LRN, LeakyRelu',
      {
        input: [1, 4, 2, 2],
        nodes: [
          { op: 'LRN', in: ['x'], out: ['l'], attrs: { size: 3, alpha: 0.0002, beta: 0.5, bias: 2 } },
          { op: 'LeakyRelu', in: ['l'], out: ['r'], attrs: { alpha: 0.1 } },
          { op: 'Constant', in: [], out: ['shape'], attrs: { value: { t: { dims: [2], ints: [1, -1] } } } },
          { op: 'Reshape', in: ['r', 'shape'], out: ['f'] },
          { op: 'Dropout', in: ['f'], out: ['y'], attrs: { ratio: 0.25 } },
        ],
      },
      [
        { type: 'lrn', size: 3, alpha: 0.0002, beta: 0.5, k: 2 },
        { type: 'leakyrelu', negative_slope: 0.1 },
        { type: 'flatten' },
        { type: 'dropout', p: 0.25 },
      ],
    ],
    [
      'initializers also listed as graph inputs (exporters before IR 4); ConvTranspose W [I, O/g, kh, kw]',
      {
        input: [1, 4, 4, 4],
        initializersAsInputs: true,
        nodes: [
          {
            op: 'ConvTranspose',
            in: ['x', 'W'],
            out: ['y'],
            attrs: { kernel_shape: [2, 2], strides: [2, 2], group: 2 },
          },
        ],
        weights: { W: [4, 3, 2, 2] },
      },
      [{ type: 'convtranspose2d', out: 6, kernel: 2, stride: 2, padding: 0, groups: 2, bias: false }],
    ],
  ])('%s', (_l, graph, layers) => {
    const r = imp(onnx(graph as Parameters<typeof onnx>[0]));
    expect(r.model.layers).toEqual(layers);
  });

  it("lists operators it cannot map as not counted (shape from value_info, else the input's), and loads the rest", () => {
    const r = imp(
      onnx({
        input: [1, 3, 8, 8],
        nodes: [
          conv('x', 'c', 'W'),
          { op: 'InstanceNormalization', in: ['c', 's', 'b'], out: ['n'], name: 'in1' },
          { op: 'Mystery', in: ['n', 'k'], out: ['p'], name: 'm1' },
          { op: 'Mystery', in: ['p'], out: ['p2'], name: 'm2' },
          { op: 'Shrink', in: ['p2'], out: ['y'] },
        ],
        weights: { W: [8, 3, 3, 3], s: [8], b: [8], k: [2, 5] },
        valueInfo: { p: [1, 8, 4, 4] },
      }),
    );
    expect(r.model.layers).toEqual([
      { type: 'conv2d', out: 8, kernel: 3, stride: 1, padding: 1, groups: 1, bias: false },
      { type: 'instancenorm', affine: true, name: 'in1' },
      { type: 'opaque', op: 'Mystery', shape: [8, 4, 4], params: 10, name: 'm1' },
      { type: 'opaque', op: 'Mystery', name: 'm2' },
      { type: 'opaque', op: 'Shrink', name: 'y' },
    ]);
    expect(r.warnings).toEqual([
      'not counted (no formula for it; shape and weights kept): Mystery (no layer kind for this operator) × 2 (m1, m2)',
      'not counted (no formula for it; shape and weights kept): Shrink (no layer kind for this operator) × 1 (y)',
      "the file states no output shape for 2 not-counted node(s) (m2, y): their input's shape is used",
    ]);
    const e = evaluateModel(r.model);
    expect(e.notCounted).toEqual([2, 3, 4]);
    expect(e.rows.map((row) => row.output)).toEqual([
      [8, 8, 8],
      [8, 8, 8],
      [8, 4, 4],
      [8, 4, 4],
      [8, 4, 4],
    ]);
  });

  it('asymmetric pads become a pad layer before the conv (exact output size); a computed Reshape target that cannot be folded is a flatten, with a warning', () => {
    const r = imp(
      onnx({
        input: ['batch', 3, 8, 8],
        nodes: [
          conv('x', 'c', 'W', { pads: [0, 0, 1, 1] }),
          { op: 'Shape', in: ['c'], out: ['s'] },
          { op: 'Mystery', in: ['s'], out: ['shape'] },
          { op: 'Reshape', in: ['c', 'shape'], out: ['y'] },
        ],
        weights: { W: [2, 3, 3, 3] },
        outputs: ['y', 'c'],
      }),
    );
    expect(r.model.batch).toBe(1);
    expect(r.model.layers.map((l) => l.type)).toEqual(['pad', 'conv2d', 'flatten']);
    expect(r.model.layers[0]).toEqual({ type: 'pad', pad: [0, 1, 0, 1] });
    // Both graph outputs are kept: the model is a graph whose outputs are the flatten and the conv.
    expect(r.model.outputs).toEqual(['y', 'c']);
    // ONNX: out = 8 + 0 + 1 − 3 + 1 = 7 per side.
    expect(evaluateModel(r.model).outputs.map((o) => o.shape)).toEqual([[98], [2, 7, 7]]);
    expect(r.warnings).toEqual([
      'the batch size is symbolic; batch 1 is used',
      '1 node(s) on constants only could not be folded (shape); what reads them may be not counted',
      'Reshape → y: a Reshape with a computed shape is read as a flatten',
      'imported as a graph (layers take their inputs by name): 2 outputs',
    ]);
  });

  it('SAME_UPPER with a stride pads as ONNX defines it (the odd one at the end)', () => {
    const r = imp(
      onnx({
        input: [1, 3, 8, 8],
        nodes: [
          {
            op: 'Conv',
            in: ['x', 'W'],
            out: ['y'],
            attrs: { kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' },
          },
        ],
        weights: { W: [4, 3, 3, 3] },
      }),
    );
    // total = (4 − 1)·2 + 3 − 8 = 1: 0 before, 1 after; out = ceil(8 / 2) = 4.
    expect(r.model.layers[0]).toEqual({ type: 'pad', pad: [0, 1, 0, 1] });
    expect(evaluateModel(r.model).output).toEqual([4, 4, 4]);
  });

  // torch.nn.GELU exported below opset 20: x · 0.5 · (1 + erf(x / √2)) (torch/onnx/symbolic_opset9.py gelu)
  const geluNodes = [
    { op: 'Div', in: ['x', 'sqrt2'], out: ['d'] },
    { op: 'Erf', in: ['d'], out: ['e'] },
    { op: 'Add', in: ['e', 'one'], out: ['p'] },
    { op: 'Mul', in: ['x', 'p'], out: ['m'], name: 'act' },
    { op: 'Mul', in: ['m', 'half'], out: ['y'] },
  ];
  it('recognises GELU written as Div → Erf → Add → Mul → Mul', () => {
    const r = imp(
      onnx({ input: [1, 4, 2, 2], nodes: geluNodes, floats: { sqrt2: [Math.SQRT2], one: [1], half: [0.5] } }),
    );
    expect(r.model.layers).toEqual([{ type: 'gelu', name: 'act' }]);
    expect(r.warnings).toEqual([]);
  });

  it('a GELU-like chain that does not complete keeps its ops: x / √2, erf, and x · erf(…) as a scale block', () => {
    const r = imp(
      onnx({
        input: [1, 4, 2, 2],
        nodes: geluNodes.slice(0, 2).concat([{ op: 'Mul', in: ['x', 'e'], out: ['y'] }]),
        floats: { sqrt2: [Math.SQRT2] },
      }),
    );
    // The lone x / √2 stays a division by a scalar; the Erf is the unary erf; x · erf(…) a scale block.
    expect(r.model.layers).toEqual([
      {
        type: 'scale',
        body: [
          { type: 'div', scalar: 1.414214 },
          { type: 'unary', op: 'erf' },
        ],
      },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('DenseNet-style concatenation of all earlier outputs becomes nested concat blocks', () => {
    // torchvision densenet.py _DenseBlock: each layer reads torch.cat(features, 1); the block returns torch.cat(features, 1)
    const f = (i: number, from: string) => ({
      op: 'Conv',
      in: [from, 'W'],
      out: [`n${i}`],
      attrs: { kernel_shape: [1, 1] },
    });
    const r = imp(
      onnx({
        input: [1, 2, 4, 4],
        nodes: [
          { op: 'Concat', in: ['x'], out: ['c1'], attrs: { axis: 1 } },
          f(1, 'c1'),
          { op: 'Concat', in: ['x', 'n1'], out: ['c2'], attrs: { axis: 1 } },
          f(2, 'c2'),
          { op: 'Concat', in: ['x', 'n1', 'n2'], out: ['c3'], attrs: { axis: 1 } },
          f(3, 'c3'),
          { op: 'Concat', in: ['x', 'n1', 'n2', 'n3'], out: ['y'], attrs: { axis: 1 } },
        ],
        weights: { W: [2, 2, 1, 1] },
      }),
    );
    const conv = { type: 'conv2d', out: 2, kernel: 1, stride: 1, padding: 0, groups: 1, bias: false };
    const dense = { type: 'concat', branches: [[], [conv]] };
    expect(r.model.layers).toEqual([dense, dense, dense]);
  });

  it('reports progress in bytes and nodes, ending at the file size', () => {
    const bytes = onnx({
      input: [1, 3, 8, 8],
      nodes: [conv('x', 'c', 'W'), { op: 'Relu', in: ['c'], out: ['y'] }],
      weights: { W: [8, 3, 3, 3] },
    });
    const seen: { bytes: number; totalBytes: number; nodes: number }[] = [];
    importOnnx(bytes, 't.onnx', { onProgress: (p) => seen.push(p) });
    expect(seen[seen.length - 1]).toEqual({ bytes: expect.any(Number), totalBytes: bytes.length, nodes: 2 });
    expect(seen[seen.length - 1].bytes).toBeLessThanOrEqual(bytes.length);
  });
});

describe('ONNX files that cannot be imported give a message', () => {
  const fail = (bytes: Uint8Array) => {
    const r = importOnnx(bytes, 'bad.onnx');
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.error;
  };
  it.each([
    ['empty file', new Uint8Array(0), /bad.onnx is empty/],
    ['text, not protobuf', new TextEncoder().encode('hello, this is not onnx'), /not a valid ONNX file|no graph/],
    ['protobuf without a graph', new Uint8Array([0x08, 0x07]), /no graph/],
  ])('%s', (_l, bytes, msg) => {
    expect(fail(bytes)).toMatch(msg);
  });

  it('symbolic sizes are given defaults with a notice (an image 224 × 224, a sequence 128), not refused', () => {
    const img = imp(onnx({ input: ['N', 3, 'h', 'w'], nodes: [{ op: 'Relu', in: ['x'], out: ['y'] }] }));
    expect(img.model.input).toEqual([3, 224, 224]);
    expect(img.warnings).toEqual([
      'input "x" has symbolic sizes [N, 3, h, w]: h = 224, w = 224 used (change the input shape to set them)',
      'the batch size is symbolic; batch 1 is used',
    ]);
    const seq = imp(onnx({ input: ['batch', 'seq', 64], nodes: [{ op: 'Relu', in: ['x'], out: ['y'] }] }));
    expect(seq.model.input).toEqual([128, 64]);
  });

  it('several graph inputs are all model inputs (a graph model); one nobody reads is left out with a notice', () => {
    const bytes = onnx({
      input: [1, 4],
      extraInputs: { m: [1, 4], unused: [1, 2] },
      nodes: [{ op: 'Mul', in: ['x', 'm'], out: ['y'] }],
    });
    const r = imp(bytes);
    expect(r.model.inputs).toEqual([
      { name: 'x', shape: [4] },
      { name: 'm', shape: [4] },
    ]);
    expect(r.warnings).toContain('input(s) no node reads were left out: unused');
    expect(evaluateModel(r.model).totals.flops).toBe(4n);
  });

  it('a 3-input Sum is imported as a graph: one add of three inputs', () => {
    const r = importOnnx(
      onnx({
        input: [1, 3, 4, 4],
        nodes: [
          { op: 'Relu', in: ['x'], out: ['a'] },
          { op: 'Sigmoid', in: ['x'], out: ['b'] },
          { op: 'Sum', in: ['x', 'a', 'b'], out: ['y'], name: 'sum3' },
        ],
      }),
      'sum3.onnx',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.join('\n')).toMatch(/imported as a graph/);
    expect(r.model.layers.map((l) => [l.type, l.id, l.from])).toEqual([
      ['relu', 'a', undefined],
      ['sigmoid', 'b', 'x'],
      ['add', 'y', ['x', 'a', 'b']], // y is the graph's output, so it is named
    ]);
    const result = evaluateModel(r.model, { conventions: ['exact'] });
    // Sum of three 48-element tensors: 2 adds per element.
    expect(result.rows[2].counts).toEqual([96n]);
  });

  it(`rejects files over ${MAX_IMPORT_BYTES / 2 ** 20} MB before reading them`, () => {
    const huge = new Uint8Array(1);
    Object.defineProperty(huge, 'length', { value: MAX_IMPORT_BYTES + 1 });
    expect(fail(huge)).toMatch(/is 512\.0 MB; the limit is 512\.0 MB/);
  });
});

describe('Megvii ShuffleNetV2 channel split (FastestDet): Reshape → Transpose → Reshape → Gather 0 / 1', () => {
  it('is a channel shuffle of C/2 groups and two slices of C/2: the even and the odd channels, nothing not counted', () => {
    // x.reshape(N·C/2, 2, H·W).permute(1, 0, 2).reshape(2, −1, C/2, H, W); x[0], x[1].
    const r = importOnnx(
      onnx({
        input: [1, 8, 4, 4],
        nodes: [
          { op: 'Reshape', in: ['x', 's3'], out: ['r'] },
          { op: 'Transpose', in: ['r'], out: ['t'], attrs: { perm: [1, 0, 2] } },
          { op: 'Reshape', in: ['t', 's5'], out: ['r5'] },
          { op: 'Gather', in: ['r5', 'zero'], out: ['even'], attrs: { axis: 0 } },
          { op: 'Gather', in: ['r5', 'one'], out: ['odd'], attrs: { axis: 0 } },
          { op: 'Add', in: ['even', 'odd'], out: ['y'] },
        ],
        ints: { s3: [4, 2, 16], s5: [2, -1, 4, 4, 4] },
        typed: { zero: { type: 7, dims: [], values: [0] }, one: { type: 7, dims: [], values: [1] } },
      }),
      'split.onnx',
    );
    if (!r.ok) throw new Error(r.error);
    const e = evaluateModel(r.model, { conventions: ['exact'] });
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    const kinds = e.rows.map((row) => row.type);
    expect(kinds).toContain('channelshuffle');
    expect(kinds.filter((k) => k === 'slice')).toHaveLength(2);
    expect(e.outputs[0].shape).toEqual([4, 4, 4]);
    // The Add of the two halves: 4 × 4 × 4 adds; the moves cost nothing.
    expect(e.totals.flops).toBe(64n);
  });
});
