/**
 * The nodes the ONNX importer folds into constants (shape arithmetic, pad lists) as onnx-tool counts
 * them: its model_profile folds nothing (graph config constant_folding False), so each is a node
 * with its node.py rule on its small tensor — a scalar's volume is 0 there. FlopLab keeps them
 * folded and adds one `shapeops` row, counted by the onnx-tool convention only
 * (src/engine/import/onnx/shape-arith.ts). Measured on real exports: tests/unit/io/onnx-made.test.ts
 * (ShuffleNet 91, ViT 158, Swin 5) and onnx-real.test.ts (pytorch201_vit_pgd_2_3_16, 48).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { importOnnx } from '../../../src/engine/import/onnx';
import { onnx, type N } from './onnx-build';
import { importFile } from '../../../src/engine/import';
import { modelToOnnx, modelToPrototxt, modelToPytorch } from '../../../src/engine/export';
import type { Model } from '../../../src/engine/format/model';

/** x [1, 4, 6, 6] reshaped to [1, 2, -1] = [1, 2, 72], the 2 computed by `nodes` into "h" ([1] int64). */
const graph = (nodes: N[], ints: Record<string, number[]> = {}) =>
  onnx({
    input: [1, 4, 6, 6],
    nodes: [
      ...nodes,
      { op: 'Concat', in: ['one', 'h', 'rest'], out: ['target'], attrs: { axis: 0 } },
      { op: 'Reshape', in: ['x', 'target'], out: ['y'] },
    ],
    ints: { one: [1], rest: [-1], idx: [1], two: [2], ...ints },
  });

const shape = (): N => ({ op: 'Shape', in: ['x'], out: ['s'] });
const gather = (to = 'c'): N => ({ op: 'Gather', in: ['s', 'idx'], out: [to], attrs: { axis: 0 } });

const CASES: { name: string; bytes: Uint8Array; onnxTool: number; ops?: string }[] = [
  {
    name: 'Shape → Gather → Div by a [1] constant → Concat → Reshape: DivNode 4 on [1]',
    bytes: graph([shape(), gather(), { op: 'Div', in: ['c', 'two'], out: ['h'] }]),
    onnxTool: 4,
    ops: 'Div ×1',
  },
  {
    // onnx-tool folds nothing, so a Div of two constants is a node too (as Swin's Sub, the ViT's Add).
    name: 'the same Div on constants only (no Shape upstream): 4 as well',
    bytes: graph([{ op: 'Div', in: ['four', 'two'], out: ['h'] }], { four: [4] }),
    onnxTool: 4,
    ops: 'Div ×1',
  },
  {
    name: 'Gather of a scalar index → Div of scalars → Unsqueeze: a scalar’s volume is 0 in onnx-tool, no row',
    bytes: graph(
      [
        shape(),
        { op: 'Constant', in: [], out: ['i0'], attrs: { value_int: 1 } },
        { op: 'Constant', in: [], out: ['k2'], attrs: { value_int: 2 } },
        { op: 'Gather', in: ['s', 'i0'], out: ['c0'], attrs: { axis: 0 } },
        { op: 'Div', in: ['c0', 'k2'], out: ['h0'] },
        { op: 'Unsqueeze', in: ['h0', 'axes0'], out: ['h'] },
      ],
      { axes0: [0] },
    ),
    onnxTool: 0,
  },
  {
    name: 'Sqrt 24, Mul 1, Equal 1 and Where 0 on [1] (the ViT’s attention scale, the class token’s Expand)',
    bytes: graph([
      shape(),
      gather(),
      { op: 'Cast', in: ['c'], out: ['f'], attrs: { to: 1 } },
      { op: 'Sqrt', in: ['f'], out: ['r'] },
      { op: 'Mul', in: ['c', 'one'], out: ['m'] },
      { op: 'Equal', in: ['m', 'rest'], out: ['e'] },
      { op: 'Where', in: ['e', 'one', 'two'], out: ['h'] },
    ]),
    onnxTool: 24 + 1 + 1,
    ops: 'Sqrt ×1, Mul ×1, Equal ×1',
  },
  {
    name: 'ReduceProd of the shape [4]: volume of its input (ReduceProdNode), then Div',
    bytes: graph(
      [
        shape(),
        { op: 'ReduceProd', in: ['s'], out: ['p'], attrs: { keepdims: 1 } },
        { op: 'Div', in: ['p', 'big'], out: ['h'] },
      ],
      { big: [72] },
    ),
    onnxTool: 4 + 4,
    ops: 'ReduceProd ×1, Div ×1',
  },
  {
    // ShapeNode (node.py l. 1331) gives the whole shape and ignores start / end (opset 15): [4] there, [1] in ONNX;
    // the Sub and Div on it count on [4] (numpy's broadcast of [4] and [1]), the reshape target stays ONNX's.
    name: 'Shape(start=1, end=2) → Sub → Div: onnx-tool counts them on the whole shape [4] (1·4 + 4·4)',
    bytes: graph(
      [
        { op: 'Shape', in: ['x'], out: ['s1'], attrs: { start: 1, end: 2 } },
        { op: 'Sub', in: ['s1', 'zero'], out: ['d'] },
        { op: 'Div', in: ['d', 'two'], out: ['h'] },
      ],
      { zero: [0] },
    ),
    onnxTool: 4 + 16,
    ops: 'Sub ×1, Div ×1',
  },
];

describe('folded shape arithmetic: one shapeops row, counted by onnx-tool only', () => {
  it.each(CASES)('$name', ({ bytes, onnxTool, ops }) => {
    const r = importOnnx(bytes, 't.onnx');
    if (!r.ok) throw new Error(r.error);
    const e = evaluateModel(r.model, { conventions: ['exact', 'onnx-tool', 'thop'] });
    expect(e.errors).toBe(0);
    // The arithmetic was folded right: the Reshape's target is [1, 2, -1].
    expect(e.outputs.map((o) => o.shape)).toEqual([[2, 72]]);
    const rows = e.rows.filter((row) => row.type === 'shapeops');
    expect(rows.length).toBe(onnxTool ? 1 : 0);
    if (!onnxTool) return;
    expect(rows[0].counts.map(Number)).toEqual([0, onnxTool, 0]);
    expect(r.model.layers.find((l) => l.type === 'shapeops')).toMatchObject({ macs: onnxTool, ops });
    expect(rows[0].params).toBe(0n);
  });
});

describe('the shape-arithmetic row in the exports', () => {
  // The row only carries onnx-tool's count of the file's folded shape arithmetic; the data passes
  // through it, so each writer writes it as an identity (ONNX Identity, nn.Identity, no Caffe layer).
  const model = {
    format: 'floplab.model/2',
    name: 'm',
    input: [3, 8, 8],
    layers: [
      { type: 'conv2d', out: 4, kernel: 3 },
      { type: 'shapeops', macs: 7, ops: 'Add ×7' },
    ],
  } as Model;

  it('ONNX: an Identity, read back as the identity kind', () => {
    const w = modelToOnnx(model, {});
    if (!w.ok) throw new Error(w.error);
    const r = importFile('m.onnx', w.bytes);
    expect(r.ok && r.model.layers.map((l) => l.type)).toEqual(['conv2d', 'identity']);
  });

  it('PyTorch: nn.Identity; Caffe: no layer', () => {
    const py = modelToPytorch(model);
    expect(py.ok && py.code).toMatch(/nn\.Identity\(\)/);
    const proto = modelToPrototxt(model, {});
    expect(proto.ok && proto.text.match(/layer \{/g)?.length).toBe(2); // the input and the conv
  });
});
