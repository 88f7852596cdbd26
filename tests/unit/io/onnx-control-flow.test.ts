/**
 * ONNX control flow (onnx/docs/Operators.md, If / Loop): the branch an If's condition selects is
 * read like the enclosing graph, so it is counted exactly as the same nodes written outside an
 * If; a condition known only at run time takes the then-branch with a notice; a Loop is one "not
 * counted" row per output (its trip count is data), so the totals say partial.
 */
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { onnx, type N } from './onnx-build';

const thenConv: N = { op: 'Conv', in: ['x', 'W1'], out: ['t'], name: 'then_conv', attrs: { kernel_shape: [3, 3] } };
const elseConv: N = { op: 'Conv', in: ['x', 'W2'], out: ['e'], name: 'else_conv', attrs: { kernel_shape: [1, 1] } };
const branches = {
  then_branch: { g: { nodes: [thenConv], weights: { W1: [4, 3, 3, 3] }, outputs: ['t'] } },
  else_branch: { g: { nodes: [elseConv], weights: { W2: [8, 3, 1, 1] }, outputs: ['e'] } },
};
const relu: N = { op: 'Relu', in: ['y'], out: ['z'] };

function load(bytes: Uint8Array) {
  const r = importOnnx(bytes, 'cf.onnx');
  if (!r.ok) throw new Error(r.error);
  const e = evaluateModel(r.model, { conventions: ['exact'] });
  expect(e.errors).toBe(0);
  return { r, e, names: r.model.layers.map((l) => l.name ?? l.type) };
}

/** The same conv written without control flow: what the selected branch must count as. */
const plain = (conv: N, w: Record<string, number[]>) =>
  load(onnx({ input: [1, 3, 8, 8], nodes: [{ ...conv, out: ['y'] }, relu], weights: w })).e;

describe('ONNX If', () => {
  it.each<[string, Parameters<typeof onnx>[0], 'then' | 'else']>([
    [
      'a constant true condition: the then-branch',
      { input: [1, 3, 8, 8], ints: { c: [1] }, nodes: [{ op: 'If', in: ['c'], out: ['y'], attrs: branches }, relu] },
      'then',
    ],
    [
      'a constant false condition: the else-branch',
      { input: [1, 3, 8, 8], ints: { c: [0] }, nodes: [{ op: 'If', in: ['c'], out: ['y'], attrs: branches }, relu] },
      'else',
    ],
    [
      'a condition folded from the input’s shape (Shape → Gather → Equal: "is dim 1 of size 3?")',
      {
        input: [1, 3, 8, 8],
        ints: { i: [1], three: [3] },
        nodes: [
          { op: 'Shape', in: ['x'], out: ['s'] },
          { op: 'Gather', in: ['s', 'i'], out: ['d'] },
          { op: 'Equal', in: ['d', 'three'], out: ['c'] },
          { op: 'If', in: ['c'], out: ['y'], attrs: branches },
          relu,
        ],
      },
      'then',
    ],
    [
      'Not of that condition (Greater, Not): the else-branch',
      {
        input: [1, 3, 8, 8],
        ints: { i: [1], two: [2] },
        nodes: [
          { op: 'Shape', in: ['x'], out: ['s'] },
          { op: 'Gather', in: ['s', 'i'], out: ['d'] },
          { op: 'Greater', in: ['d', 'two'], out: ['g'] },
          { op: 'Not', in: ['g'], out: ['c'] },
          { op: 'If', in: ['c'], out: ['y'], attrs: branches },
          relu,
        ],
      },
      'else',
    ],
  ])('%s', (_name, g, want) => {
    const { e, names } = load(onnx(g));
    const ref = want === 'then' ? plain(thenConv, { W1: [4, 3, 3, 3] }) : plain(elseConv, { W2: [8, 3, 1, 1] });
    expect(names).toContain(`${want}_conv`);
    expect(names).not.toContain(`${want === 'then' ? 'else' : 'then'}_conv`);
    expect(e.outputs[0].shape).toEqual(ref.outputs[0].shape);
    expect(e.totals.params).toBe(ref.totals.params);
    expect(e.totals.flops).toBe(ref.totals.flops);
    expect(e.notCounted).toEqual([]);
  });

  it('a condition known only at run time: the then-branch is counted, with a notice naming both sizes', () => {
    const { r, e, names } = load(
      onnx({
        input: [1, 3, 8, 8],
        extraInputs: { flag: [] },
        nodes: [{ op: 'If', in: ['flag'], out: ['y'], name: 'pick', attrs: branches }, relu],
      }),
    );
    expect(names).toContain('then_conv');
    expect(e.totals.flops).toBe(plain(thenConv, { W1: [4, 3, 3, 3] }).totals.flops);
    expect(r.ok && r.warnings.join('\n')).toContain(
      'pick: its condition is known only when the model runs; the then-branch (1 nodes) is counted, the else-branch (1 nodes) is not',
    );
  });

  it('an If nested in a branch is read the same way', () => {
    const inner = { op: 'If', in: ['c'], out: ['t'], attrs: branches };
    const { e, names } = load(
      onnx({
        input: [1, 3, 8, 8],
        ints: { c: [0], c0: [1] },
        nodes: [
          {
            op: 'If',
            in: ['c0'],
            out: ['y'],
            attrs: {
              then_branch: { g: { nodes: [inner], weights: { W1: [4, 3, 3, 3], W2: [8, 3, 1, 1] }, outputs: ['t'] } },
              else_branch: { g: { nodes: [{ op: 'Identity', in: ['x'], out: ['i'] }], outputs: ['i'] } },
            },
          },
          relu,
        ],
      }),
    );
    expect(names).toContain('else_conv');
    expect(e.totals.flops).toBe(plain(elseConv, { W2: [8, 3, 1, 1] }).totals.flops);
  });
});

describe('ONNX Loop', () => {
  it('is one "not counted" row per output with the stated shape; what follows is counted', () => {
    const { r, e } = load(
      onnx({
        input: [1, 3, 8, 8],
        extraInputs: { trips: [] },
        nodes: [
          {
            op: 'Loop',
            in: ['trips', '', 'x'],
            out: ['y'],
            name: 'refine',
            attrs: { body: { g: { nodes: [{ op: 'Relu', in: ['x'], out: ['b'] }], outputs: ['b'] } } },
          },
          relu,
        ],
        valueInfo: { y: [1, 3, 8, 8] },
      }),
    );
    expect(e.notCounted.map((i) => e.rows[i].name)).toEqual(['refine']);
    expect(e.outputs[0].shape).toEqual([3, 8, 8]);
    // The Relu after the loop, as alone.
    const alone = load(onnx({ input: [1, 3, 8, 8], nodes: [{ op: 'Relu', in: ['x'], out: ['z'] }] })).e;
    expect(e.totals.flops).toBe(alone.totals.flops);
    expect(alone.totals.flops).toBe(192n);
    expect(r.ok && r.warnings.join('\n')).toMatch(/not counted .*Loop \(a loop whose body runs a number of times/);
  });
});

describe('nn.LSTMCell as torch.onnx 2.x wrote it (silero VAD): Unsqueeze(0) → LSTM → Squeeze(Y_h)', () => {
  it('is one lstm row over a sequence of one step, counted as the lstm kind on [1, I]; Y_c reads the same way', () => {
    const { e, r } = load(
      onnx({
        input: [1, 16],
        ints: { a0: [0] },
        weights: { W: [1, 32, 16], R: [1, 32, 8], B: [1, 64] },
        nodes: [
          { op: 'Unsqueeze', in: ['x', 'a0'], out: ['x1'] },
          { op: 'LSTM', in: ['x1', 'W', 'R', 'B'], out: ['Y', 'Yh', 'Yc'], name: 'cell', attrs: { hidden_size: 8 } },
          { op: 'Squeeze', in: ['Yh', 'a0'], out: ['h'] },
          { op: 'Squeeze', in: ['Yc', 'a0'], out: ['c'] },
          { op: 'Add', in: ['h', 'c'], out: ['y'] },
        ],
      }),
    );
    const kind = evaluateModel(
      { format: 'floplab.model/2', name: 'k', input: [1, 16], layers: [{ type: 'lstm', hidden: 8 }] },
      { conventions: ['exact'] },
    );
    expect(r.ok && r.model.layers.filter((l) => l.type === 'lstm')).toHaveLength(1);
    expect(e.outputs[0].shape).toEqual([8]);
    expect(e.totals.params).toBe(kind.totals.params);
    // The LSTM's count, plus the Add of h and c (8 adds).
    expect(e.totals.flops).toBe(kind.totals.flops + 8n);
  });
});
