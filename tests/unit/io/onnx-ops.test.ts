/**
 * More ONNX operators onto layer kinds (onnx/docs/Operators.md): Slice, Squeeze/Unsqueeze with
 * constant axes, Gather as an embedding lookup or one index, ReduceSum/Max/Min, Sub/Div/MatMul of
 * two computed tensors. Each is checked on its output shape and its exact count.
 */
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { onnx } from './onnx-build';

type Graph = Parameters<typeof onnx>[0];

function run(g: Graph) {
  const r = importOnnx(onnx(g), 't.onnx');
  if (!r.ok) throw new Error(r.error);
  const e = evaluateModel(r.model, { conventions: ['exact'] });
  expect(e.errors).toBe(0);
  expect(e.notCounted).toEqual([]);
  return {
    types: r.model.layers.map((l) => l.type),
    out: e.outputs[0].shape,
    flops: e.totals.flops,
    params: e.totals.params,
  };
}

describe('ONNX operators onto kinds', () => {
  it.each<[string, Graph, string[], number[], bigint]>([
    [
      'Slice (opset 10+ inputs) on the channels, end past the size',
      {
        input: [1, 6, 4, 4],
        nodes: [{ op: 'Slice', in: ['x', 's', 'e', 'a'], out: ['y'] }],
        ints: { s: [2], e: [2 ** 62], a: [1] },
      },
      ['slice'],
      [4, 4, 4],
      0n,
    ],
    [
      'Slice (opset 1 attributes) on the width, the whole range',
      {
        input: [1, 2, 4, 6],
        nodes: [{ op: 'Slice', in: ['x'], out: ['y'], attrs: { starts: [0], ends: [6], axes: [3] } }],
      },
      ['slice'],
      [2, 4, 6],
      0n,
    ],
    [
      'Slice over all four axes as tf2onnx writes a Cropping (x[:, :, 1:, :]): one slice on the one axis cut',
      {
        input: [1, 5, 11, 3],
        nodes: [{ op: 'Slice', in: ['x', 's', 'e', 'a', 't'], out: ['y'] }],
        ints: { s: [0, 0, 1, 0], e: [2 ** 62, 2 ** 62, 2 ** 62, 2 ** 62], a: [0, 1, 2, 3], t: [1, 1, 1, 1] },
      },
      ['slice'],
      [5, 10, 3],
      0n,
    ],
    [
      'Slice over two axes (negative axis): two slices',
      {
        input: [1, 4, 8, 8],
        nodes: [{ op: 'Slice', in: ['x', 's', 'e', 'a'], out: ['y'] }],
        ints: { s: [1, 2], e: [3, 6], a: [1, -1] },
      },
      ['slice', 'slice'],
      [2, 8, 4],
      0n,
    ],
    [
      'Slice taking every axis whole: the data unchanged',
      {
        input: [1, 4, 8],
        nodes: [{ op: 'Slice', in: ['x', 's', 'e', 'a'], out: ['y'] }],
        ints: { s: [0, 0], e: [2 ** 62, 2 ** 62], a: [0, 2] },
      },
      ['identity'],
      [4, 8],
      0n,
    ],
    [
      'PRelu with slopes [C] on a [N, T, C] tensor (Keras-style): 2 ops per element, C slopes',
      { input: [1, 6, 5], nodes: [{ op: 'PRelu', in: ['x', 'a'], out: ['y'] }], weights: { a: [5] } },
      ['prelu'],
      [6, 5],
      60n,
    ],
    [
      'PRelu with slopes [C, 1, 1] on NCHW: one per channel',
      { input: [1, 3, 2, 2], nodes: [{ op: 'PRelu', in: ['x', 'a'], out: ['y'] }], weights: { a: [3, 1, 1] } },
      ['prelu'],
      [3, 2, 2],
      24n,
    ],
    [
      'ImageScaler (Tiny YOLOv2: scale 1/255, one bias): a multiply and an add per element (onnx-tool: MUL + ADD)',
      {
        input: [1, 3, 4, 4],
        nodes: [{ op: 'ImageScaler', in: ['x'], out: ['y'], attrs: { scale: 0.003921569, bias: [0.5, 0.5, 0.5] } }],
      },
      ['mul', 'add'],
      [3, 4, 4],
      96n,
    ],
    [
      'Unsqueeze then Squeeze (axes inputs)',
      {
        input: [1, 8],
        nodes: [
          { op: 'Unsqueeze', in: ['x', 'a'], out: ['u'] },
          { op: 'Squeeze', in: ['u', 'a'], out: ['y'] },
        ],
        ints: { a: [2] },
      },
      ['unsqueeze', 'squeeze'],
      [8],
      0n,
    ],
    [
      'Gather from a constant table: an embedding of 100 × 16 (1,600 parameters)',
      { input: [1, 5], nodes: [{ op: 'Gather', in: ['E', 'x'], out: ['y'] }], weights: { E: [100, 16] } },
      ['embedding'],
      [5, 16],
      0n,
    ],
    [
      'ReduceSum over the last axis, keepdims 0: 7 adds per row of 8',
      {
        input: [1, 3, 8],
        nodes: [{ op: 'ReduceSum', in: ['x', 'ax'], out: ['y'], attrs: { keepdims: 0 } }],
        ints: { ax: [-1] },
      },
      ['reduce'],
      [3],
      21n,
    ],
    [
      'x − relu(x) and x / relu(x): one op per element each',
      {
        input: [1, 10],
        nodes: [
          { op: 'Relu', in: ['x'], out: ['r'] },
          { op: 'Sub', in: ['x', 'r'], out: ['s'] },
          { op: 'Div', in: ['s', 'r'], out: ['y'] },
        ],
      },
      ['relu', 'sub', 'div'],
      [10],
      20n,
    ],
  ])('%s', (_name, g, types, out, flops) => {
    const r = run(g);
    expect(r.types.filter((t) => t !== 'relu' || types.includes('relu'))).toEqual(types);
    expect(r.out).toEqual(out);
    expect(r.flops - (types.includes('relu') ? 10n : 0n)).toBe(flops);
  });

  it('embedding parameters are the table’s', () => {
    expect(
      run({ input: [1, 5], nodes: [{ op: 'Gather', in: ['E', 'x'], out: ['y'] }], weights: { E: [100, 16] } }).params,
    ).toBe(1600n);
  });

  it('MatMul of two computed tensors (Q·Kᵀ): the matmul kind, 2·L·L·D − L·L', () => {
    const r = run({
      input: [1, 4, 8],
      nodes: [
        { op: 'Transpose', in: ['x'], out: ['t'], attrs: { perm: [0, 2, 1] } },
        { op: 'MatMul', in: ['x', 't'], out: ['y'] },
      ],
    });
    expect(r.types).toContain('matmul');
    expect(r.out).toEqual([4, 4]);
    // 16 outputs × (8 multiplies + 7 adds).
    expect(r.flops).toBe(240n);
  });

  it('Einsum with the batch letter first on two computed operands: the einsum kind, batch dropped', () => {
    const r = run({
      input: [1, 4, 8],
      nodes: [
        { op: 'Relu', in: ['x'], out: ['a'] },
        { op: 'Einsum', in: ['x', 'a'], out: ['y'], attrs: { equation: 'bld,bmd->blm' } },
      ],
    });
    expect(r.types).toEqual(['relu', 'einsum']);
    expect(r.out).toEqual([4, 4]);
  });

  it('QLinearConv with an int8 weight initializer: the same conv2d (weights at input 3, bias at 8)', () => {
    const r = run({
      input: [1, 3, 6, 6],
      nodes: [
        {
          op: 'QLinearConv',
          in: ['x', 's', 'z', 'W', 's', 'z', 's', 'z', 'B'],
          out: ['y'],
          attrs: { kernel_shape: [3, 3] },
        },
      ],
      weights: { W: [4, 3, 3, 3], B: [4] },
      floats: { s: [0.1], z: [0] },
    });
    expect(r.types).toEqual(['conv2d']);
    expect(r.out).toEqual([4, 4, 4]);
    expect(r.params).toBe(112n);
  });

  it('DepthToSpace and SpaceToDepth: pixel shuffle and unshuffle', () => {
    const r = run({
      input: [1, 8, 3, 3],
      nodes: [
        { op: 'DepthToSpace', in: ['x'], out: ['d'], attrs: { blocksize: 2, mode: 'CRD' } },
        { op: 'SpaceToDepth', in: ['d'], out: ['y'], attrs: { blocksize: 2 } },
      ],
    });
    expect(r.types).toEqual(['pixelshuffle', 'pixelshuffle']);
    expect(r.out).toEqual([8, 3, 3]);
    expect(r.flops).toBe(0n);
  });
});

describe('TopK: the indices come from the values’ row', () => {
  const topk = (outputs: string[]) =>
    run({
      input: [1, 4, 6, 6],
      nodes: [{ op: 'TopK', in: ['x', 'k'], out: ['v', 'i'], attrs: { axis: -1 } }],
      ints: { k: [3] },
      outputs,
    });
  it('counted once whichever output the graph uses', () => {
    // Last dim of 6, k 3: 5 + 4 + 3 = 12 compares per line, 4·6 lines.
    for (const outputs of [['v'], ['i'], ['v', 'i']]) {
      const r = topk(outputs);
      expect(r.types).toEqual(['topk']);
      expect(r.out).toEqual([4, 6, 3]);
      expect(r.flops).toBe(12n * 24n);
    }
  });
});

describe('Resize of a sequence, a map and a volume (onnx/docs/Operators.md Resize)', () => {
  const resize = (input: (number | string)[], mode: string, scales?: number[], sizes?: number[]) =>
    importOnnx(
      onnx({
        input,
        nodes: [{ op: 'Resize', in: ['x', '', scales ? 's' : '', sizes ? 'z' : ''], out: ['y'], attrs: { mode } }],
        ...(scales ? { floats: { s: scales } } : {}),
        ...(sizes ? { ints: { z: sizes } } : {}),
        opset: 13,
      }),
      't.onnx',
    );
  it.each([
    [
      'a 5-D nearest ×2 (a 3-D U-Net decoder’s skip)',
      [1, 8, 4, 8, 8],
      'nearest',
      [1, 1, 2, 2, 2],
      undefined,
      'nearest',
      [8, 8, 16, 16],
    ],
    ['a 5-D linear ×2: trilinear', [1, 2, 3, 4, 4], 'linear', [1, 1, 2, 2, 2], undefined, 'trilinear', [2, 6, 8, 8]],
    ['a 3-D linear ×4: linear', [1, 2, 10], 'linear', [1, 1, 4], undefined, 'linear', [2, 40]],
    ['5-D sizes, one per spatial dim', [1, 2, 3, 3, 3], 'nearest', undefined, [1, 2, 6, 6, 6], 'nearest', [2, 6, 6, 6]],
  ] as const)('%s', (_t, input, mode, scales, sizes, kind, out) => {
    const r = resize([...input], mode, scales && [...scales], sizes && [...sizes]);
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers).toEqual([expect.objectContaining({ type: 'upsample', mode: kind })]);
    const e = evaluateModel(r.model, { conventions: ['exact'] });
    expect([e.errors, e.notCounted, e.outputs[0].shape]).toEqual([0, [], out]);
  });
  it.each([
    // A symbolic batch keeps the batch-first reading (a fixed [1, 2, 4, 4] would be read whole, the
    // channels then a spatial dim: [1, 2, 2, 2] is a 3-D ×2 there, [1, 4, 8, 8] as onnxruntime gives).
    ['scales that enlarge the channels', ['N', 2, 4, 4], 'nearest', [1, 2, 2, 2]],
    ['unequal spatial scales of a volume', ['N', 2, 3, 4, 4], 'nearest', [1, 1, 1, 2, 2]],
    ['a cubic resize of a volume', ['N', 2, 3, 4, 4], 'cubic', [1, 1, 2, 2, 2]],
  ] as const)('%s: not counted, never a wrong shape', (_t, input, mode, scales) => {
    const r = resize([...input], mode, [...scales]);
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers.map((l) => l.type)).toEqual(['opaque']);
  });
});
