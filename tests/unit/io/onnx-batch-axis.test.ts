/**
 * Values whose batch is not a dim of its own (src/engine/import/onnx/batch-axis.ts): an input the
 * graph unsqueezes at 0 (torchvision's detectors take [C, H, W] images), x[0] / squeeze(0) /
 * reductions over a batch of one, a reshape that merges the batch with windows (timm's Swin), a
 * transpose that moves the batch's 1. Each case is checked against the same computation written
 * batch-first (which the importer maps as before) in every convention, or against the count from
 * the definition; with a batch of 2 the ops that would mix samples stay "not counted".
 * Semantics of the ops: onnx/docs/Operators.md.
 */
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { onnx, type N } from './onnx-build';

type Graph = Parameters<typeof onnx>[0];

function load(g: Graph, inputShapes?: Record<string, number[]>) {
  const r = importOnnx(onnx({ opset: 17, ...g }), 't.onnx', { inputShapes });
  if (!r.ok) throw new Error(r.error);
  return { r, e: evaluateModel(r.model, { conventions: CONVENTION_IDS }) };
}

const axes = (name: string, v: number[]) => ({ [name]: v });
const types = (e: ReturnType<typeof load>['e']) => e.rows.filter((x) => !x.block).map((x) => x.type);

interface Case {
  /** The graph with the batch merged, dropped or moved. */
  readonly file: Graph;
  /** The same computation batch-first, which the importer already maps. */
  readonly reference: Graph;
  /** The output's shape without the batch (the file's dims when the output has none of its own). */
  readonly shape: number[];
}

const CASES: [string, Case][] = [
  [
    'x[0] (Gather 0 of a batch of one) then softmax over the last file axis',
    {
      file: {
        input: [1, 4, 6],
        ints: axes('i0', []),
        nodes: [
          { op: 'Constant', in: [], out: ['idx'], attrs: { value: { t: { dims: [], ints: [0] } } } },
          { op: 'Gather', in: ['x', 'idx'], out: ['s'], attrs: { axis: 0 } },
          { op: 'Softmax', in: ['s'], out: ['y'], attrs: { axis: 1 } },
        ],
      },
      reference: { input: [1, 4, 6], nodes: [{ op: 'Softmax', in: ['x'], out: ['y'], attrs: { axis: 2 } }] },
      shape: [4, 6],
    },
  ],
  [
    'squeeze(0), a per-row linear, unsqueeze(0)',
    {
      file: {
        input: [1, 4, 6],
        ints: axes('a0', [0]),
        weights: { W: [6, 3] },
        nodes: [
          { op: 'Squeeze', in: ['x', 'a0'], out: ['s'] },
          { op: 'MatMul', in: ['s', 'W'], out: ['m'] },
          { op: 'Unsqueeze', in: ['m', 'a0'], out: ['y'] },
        ],
      },
      reference: { input: [1, 4, 6], weights: { W: [6, 3] }, nodes: [{ op: 'MatMul', in: ['x', 'W'], out: ['y'] }] },
      shape: [4, 3],
    },
  ],
  [
    'x[0] then CumSum along the file’s axis 0 (the sample’s first dim)',
    {
      file: {
        input: [1, 4, 6],
        ints: { ax: [0] },
        nodes: [
          { op: 'Constant', in: [], out: ['idx'], attrs: { value: { t: { dims: [], ints: [0] } } } },
          { op: 'Gather', in: ['x', 'idx'], out: ['s'], attrs: { axis: 0 } },
          { op: 'CumSum', in: ['s', 'ax'], out: ['y'] },
        ],
      },
      reference: { input: [1, 4, 6], ints: { ax: [1] }, nodes: [{ op: 'CumSum', in: ['x', 'ax'], out: ['y'] }] },
      shape: [4, 6],
    },
  ],
  [
    'x[0] ≤ 0.5 xor x > 0.5 (one operand of the file’s rank 2, one of rank 3), then Not, read batch-first by a ReduceSum over axis 1',
    {
      file: {
        input: [1, 4, 6],
        floats: { c: [0.5] },
        ints: { ax: [1] },
        nodes: [
          { op: 'Constant', in: [], out: ['idx'], attrs: { value: { t: { dims: [], ints: [0] } } } },
          { op: 'Gather', in: ['x', 'idx'], out: ['s'], attrs: { axis: 0 } },
          { op: 'LessOrEqual', in: ['s', 'c'], out: ['l'] },
          { op: 'Greater', in: ['x', 'c'], out: ['g'] },
          { op: 'Xor', in: ['l', 'g'], out: ['q'] },
          { op: 'Not', in: ['q'], out: ['n'] },
          { op: 'Cast', in: ['n'], out: ['f'], attrs: { to: 1 } },
          { op: 'ReduceSum', in: ['f', 'ax'], out: ['y'], attrs: { keepdims: 0 } },
        ],
      },
      reference: {
        input: [1, 4, 6],
        floats: { c: [0.5] },
        ints: { ax: [1] },
        nodes: [
          { op: 'LessOrEqual', in: ['x', 'c'], out: ['l'] },
          { op: 'Greater', in: ['x', 'c'], out: ['g'] },
          { op: 'Xor', in: ['l', 'g'], out: ['q'] },
          { op: 'Not', in: ['q'], out: ['n'] },
          { op: 'Cast', in: ['n'], out: ['f'], attrs: { to: 1 } },
          { op: 'ReduceSum', in: ['f', 'ax'], out: ['y'], attrs: { keepdims: 0 } },
        ],
      },
      shape: [6],
    },
  ],
  [
    'ReduceSum over the batch of one and the channels, dims kept',
    {
      file: {
        input: [1, 4, 6],
        ints: axes('ax', [0, 1]),
        nodes: [{ op: 'ReduceSum', in: ['x', 'ax'], out: ['y'], attrs: { keepdims: 1 } }],
      },
      reference: {
        input: [1, 4, 6],
        ints: axes('ax', [1]),
        nodes: [{ op: 'ReduceSum', in: ['x', 'ax'], out: ['y'], attrs: { keepdims: 1 } }],
      },
      shape: [1, 6],
    },
  ],
  [
    'Transpose moving the batch of one to the end, then back',
    {
      file: {
        input: [1, 4, 6],
        nodes: [
          { op: 'Transpose', in: ['x'], out: ['t'], attrs: { perm: [1, 2, 0] } },
          { op: 'Relu', in: ['t'], out: ['r'] },
          { op: 'Transpose', in: ['r'], out: ['y'], attrs: { perm: [2, 0, 1] } },
        ],
      },
      reference: { input: [1, 4, 6], nodes: [{ op: 'Relu', in: ['x'], out: ['y'] }] },
      shape: [4, 6],
    },
  ],
];

describe('batch-axis.ts: the batch merged, dropped or moved, read as the batch-first computation', () => {
  it.each(CASES)('%s', (_name, c) => {
    const { e } = load(c.file);
    const want = load(c.reference).e;
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(e.outputs[0].shape).toEqual(c.shape);
    // Every count equal; the activations total differs by the tensors the file's extra rows write
    // (its transposes, squeezes), which the reference does not have.
    const counts = (t: typeof e.totals) => ({ ...t, activations: 0n });
    expect(counts(e.totals)).toEqual(counts(want.totals));
  });
});

/** timm's window partition: [B, H, W, C] → [B, H/2, 2, W/2, 2, C] → windows first → [B·(H/2)(W/2), 2, 2, C]. */
function windows(batch: number): Graph {
  return {
    input: [batch, 4, 4, 2],
    ints: { s6: [batch, 2, 2, 2, 2, 2], s4: [-1, 2, 2, 2] },
    weights: { W: [2, 3] },
    nodes: [
      { op: 'Reshape', in: ['x', 's6'], out: ['v'] },
      { op: 'Transpose', in: ['v'], out: ['t'], attrs: { perm: [0, 1, 3, 2, 4, 5] } },
      { op: 'Reshape', in: ['t', 's4'], out: ['w'] },
      { op: 'MatMul', in: ['w', 'W'], out: ['y'] },
    ],
  };
}

describe('a reshape that merges the batch with windows (Swin) is batch × windows', () => {
  it.each([1, 2])('batch %i: [B·4, 2, 2, 2] held as B × [4, 2, 2, 2]; the linear counts B·4·2·2 rows', (b) => {
    const { e } = load(windows(b));
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(e.batch).toBe(b);
    expect(e.outputs[0].shape).toEqual([4, 2, 2, 3]);
    // MatMul [B·16, 2] × [2, 3]: B·16·3 outputs of 2 multiply-adds (onnx/docs/Operators.md MatMul).
    const lin = e.rows.find((x) => x.type === 'linear');
    expect(lin?.macs).toBe(BigInt(b * 16 * 3 * 2));
  });
});

describe('an input without a batch dim (torchvision detectors’ [C, H, W] image)', () => {
  const graph = (extra: N[] = []): Graph => ({
    input: [3, 8, 8],
    ints: axes('a0', [0]),
    weights: { mean: [3, 1, 1], W: [4, 3, 3, 3], B: [4] },
    nodes: [
      { op: 'Sub', in: ['x', 'mean'], out: ['n'] },
      { op: 'Unsqueeze', in: ['n', 'a0'], out: ['u'] },
      { op: 'Conv', in: ['u', 'W', 'B'], out: ['c'], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
      ...extra,
    ],
  });

  it('is one image, batch 1, said in a notice; the conv counts 4·8·8 outputs × 27 multiply-adds', () => {
    const { r, e } = load(graph());
    expect(r.ok && (r.model.input ?? r.model.inputs?.[0].shape)).toEqual([3, 8, 8]);
    expect(e.batch).toBe(1);
    expect(r.ok && r.warnings.join('\n')).toMatch(/input "x" \[3, 8, 8\] has no batch dim/);
    expect(e.errors).toBe(0);
    expect(e.outputs[0].shape).toEqual([4, 8, 8]);
    expect(e.rows.find((x) => x.type === 'conv2d')?.macs).toBe(4n * 8n * 8n * 27n);
  });

  it('x[0] after the conv is the image’s map again (no batch dim), a reduction of all of it a scalar that broadcasts', () => {
    const { e } = load(
      graph([
        { op: 'Constant', in: [], out: ['i'], attrs: { value: { t: { dims: [], ints: [0] } } } },
        { op: 'Gather', in: ['c', 'i'], out: ['g'], attrs: { axis: 0 } },
        { op: 'ReduceMax', in: ['g'], out: ['m'], attrs: { keepdims: 0 } },
        { op: 'Div', in: ['g', 'm'], out: ['y'] },
      ]),
    );
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(e.outputs[0].shape).toEqual([4, 8, 8]);
    expect(types(e)).toContain('reduce');
  });

  it('a 2-D input unsqueezed for an LSTM step keeps its batch (nn.LSTMCell as torch.onnx writes it)', () => {
    const r = importOnnx(
      onnx({
        input: [1, 16],
        ints: { a0: [0] },
        weights: { W: [1, 32, 16], R: [1, 32, 8] },
        nodes: [
          { op: 'Unsqueeze', in: ['x', 'a0'], out: ['x1'] },
          { op: 'LSTM', in: ['x1', 'W', 'R'], out: ['Y', 'Yh'], attrs: { hidden_size: 8 } },
        ],
        outputs: ['Yh'],
      }),
      't.onnx',
    );
    expect(r.ok && r.warnings.join('\n')).not.toMatch(/has no batch dim/);
  });
});

// A batch of 2 asked for at import (the file's batch symbolic): what would mix samples is not
// counted, with the reason. A file that fixes the batch at 2 is read whole, as one sample
// (onnx/index.ts), so the same op is counted on the tensor the file has, with a notice.
describe('with a batch of 2, what would mix samples is not counted, with the reason', () => {
  const gatherX0 = (batch: number | string): Graph => ({
    input: [batch, 4, 6],
    nodes: [
      { op: 'Constant', in: [], out: ['idx'], attrs: { value: { t: { dims: [], ints: [0] } } } },
      { op: 'Gather', in: ['x', 'idx'], out: ['y'], attrs: { axis: 0 } },
      { op: 'Relu', in: ['y'], out: ['z'] },
    ],
  });

  it('x[0] of a batch of 2 given at import (Gather along the batch)', () => {
    const { e } = load(gatherX0('N'), { x: [2, 4, 6] });
    expect(e.batch).toBe(2);
    expect(e.notCounted.length).toBe(1);
  });

  it('x[0] of a file whose batch is 2: read whole, the relu on x[0]’s 24 values', () => {
    const { r, e } = load(gatherX0(2));
    expect(r.ok && r.warnings[0]).toMatch(
      /the whole graph is read as one sample, batch 1, .* 1 node\(s\) could not be counted/,
    );
    expect(e.batch).toBe(1);
    expect(e.notCounted).toEqual([]);
    expect(e.outputs[0].shape).toEqual([4, 6]);
    expect(e.rows.find((x) => x.type === 'relu')?.flops).toBe(24n);
  });

  const softmax0 = (batch: number | string): Graph => {
    const g = windows(2);
    return {
      ...g,
      input: [batch, 4, 4, 2],
      nodes: [...g.nodes, { op: 'Softmax', in: ['y'], out: ['z'], attrs: { axis: 0 } }],
    };
  };

  it('a softmax along dim 0 of windows merged with a batch of 2 given at import', () => {
    const { r, e } = load(softmax0('N'), { x: [2, 4, 4, 2] });
    expect(e.notCounted.length).toBe(1);
    expect(r.ok && r.warnings.join('\n')).toMatch(
      /Softmax \(Softmax along dim 0, where the file merges the batch \(2\)/,
    );
  });

  it('the same softmax in a file whose batch is 2: read whole, 2·2·3 = 12 vectors of the 8 windows', () => {
    const { e } = load(softmax0(2));
    const want = load({ input: [1, 8, 12], nodes: [{ op: 'Softmax', in: ['x'], out: ['z'], attrs: { axis: 1 } }] }).e;
    expect(e.notCounted).toEqual([]);
    expect(e.outputs.map((o) => o.shape)).toEqual([[8, 2, 2, 3]]);
    expect(e.rows.find((x) => x.type === 'softmax')?.flops).toBe(want.rows.find((x) => x.type === 'softmax')?.flops);
  });
});

describe('NonZero with a batch of one: [rank, K] at its largest, said in a notice', () => {
  it('NonZero of [1, 5] is [2, 5] (every element nonzero); transposed [5, 2]', () => {
    const { r, e } = load({
      input: [1, 5],
      nodes: [
        { op: 'NonZero', in: ['x'], out: ['n'] },
        { op: 'Transpose', in: ['n'], out: ['y'], attrs: { perm: [1, 0] } },
      ],
    });
    expect(e.errors).toBe(0);
    expect(e.outputs[0].shape).toEqual([5, 2]);
    expect(r.ok && r.warnings.join('\n')).toMatch(/1 NonZero node\(s\) .* taken at the largest/);
  });
});

describe('one-part Split and a lone Unsqueeze(0)', () => {
  it('a Split into one part smaller than the axis is that slice, not the tensor (torchvision’s [K, 2] → [K, 1])', () => {
    const { e } = load({
      input: [1, 4, 6],
      ints: { one: [2] },
      nodes: [{ op: 'Split', in: ['x', 'one'], out: ['y'], attrs: { axis: 2 } }],
    });
    expect(e.errors).toBe(0);
    expect(e.outputs[0].shape).toEqual([4, 2]);
  });

  it('Unsqueeze(0) of [1, F] read by no recurrent op is no LSTM step: no sequence-first notice', () => {
    const { r, e } = load({
      input: [1, 6],
      ints: { a0: [0] },
      nodes: [
        { op: 'Unsqueeze', in: ['x', 'a0'], out: ['u'] },
        { op: 'Relu', in: ['u'], out: ['y'] },
      ],
    });
    expect(r.ok && r.warnings.join('\n')).not.toMatch(/sequence-first/);
    expect(e.errors).toBe(0);
    // [1, 1, 6] in the file: batch 1 × [1, 6].
    expect(e.outputs[0].shape).toEqual([1, 6]);
  });
});
