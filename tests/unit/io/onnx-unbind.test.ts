/**
 * Attention's q, k, v as the exporters write `qkv.reshape(B, N, 3, H, D).permute(2, 0, 3, 1, 4)`
 * then unbind(0) or qkv[i] (import/onnx/unbind.ts): the Transpose puts the 3 in front of the batch,
 * and each index of it taken (Split into 1s + Squeeze, Slice + Squeeze, Gather) is select(2, i) then
 * permute(0, 2, 1, 3) of the reshaped tensor — the batch stays first. Each form is checked against
 * the same attention written batch-first (Gather on axis 2, Transpose [0, 2, 1, 3], which the
 * importer already maps) in every convention, and on the exact count from the definition. Also: a
 * 5-D Reshape that no channel shuffle follows is a plain reshape, and a batch-moving Transpose read
 * any other way is the file's arithmetic on one sample at batch 1, "not counted" at a batch 2 given
 * at import, and the whole file read as one sample where the file fixes the batch at 2.
 */
import { describe, expect, it } from 'vitest';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { onnx, type N } from './onnx-build';

type Graph = Parameters<typeof onnx>[0];

function evaluate(g: Graph, inputShapes?: Record<string, number[]>) {
  const r = importOnnx(onnx(g), 't.onnx', { inputShapes });
  if (!r.ok) throw new Error(r.error);
  return evaluateModel(r.model, { conventions: CONVENTION_IDS });
}

const scalar = (name: string, v: number): N => ({
  op: 'Constant',
  in: [],
  out: [name],
  attrs: { value: { t: { dims: [], ints: [v] } } },
});
const axes0 = (name: string): N => ({
  op: 'Constant',
  in: [],
  out: [name],
  attrs: { value: { t: { dims: [1], ints: [0] } } },
});

/** x [1, 5, 24] → qkv [1, 5, 3, 2, 4]; q, k, v [1, 2, 5, 4] by `pick`; then softmax(q·kᵀ)·v. */
function attention(pick: N[]): Graph {
  return {
    input: [1, 5, 24],
    opset: 17,
    ints: { shape: [1, 5, 3, 2, 4] },
    nodes: [
      { op: 'Reshape', in: ['x', 'shape'], out: ['qkv'] },
      ...pick,
      { op: 'Transpose', in: ['k'], out: ['kt'], attrs: { perm: [0, 1, 3, 2] } },
      { op: 'MatMul', in: ['q', 'kt'], out: ['s'] },
      { op: 'Softmax', in: ['s'], out: ['a'], attrs: { axis: -1 } },
      { op: 'MatMul', in: ['a', 'v'], out: ['y'] },
    ],
  };
}

const moved: N = { op: 'Transpose', in: ['qkv'], out: ['m'], attrs: { perm: [2, 0, 3, 1, 4] } };
const squeezes = (names: string[]): N[] =>
  names.flatMap((n, i) => [axes0(`ax${i}`), { op: 'Squeeze', in: [`${n}1`, `ax${i}`], out: [n] }]);

const FORMS: [string, N[]][] = [
  [
    'TorchScript unbind: Split into 1s, Squeeze axis 0 (axes Constant after the Transpose)',
    [
      moved,
      { op: 'Constant', in: [], out: ['ones'], attrs: { value: { t: { dims: [3], ints: [1, 1, 1] } } } },
      { op: 'Split', in: ['m', 'ones'], out: ['q1', 'k1', 'v1'], attrs: { axis: 0 } },
      ...squeezes(['q', 'k', 'v']),
    ],
  ],
  [
    'indexing qkv[0], qkv[1], qkv[2]: Gather of a scalar on axis 0',
    [moved, ...['q', 'k', 'v'].flatMap((n, i) => [scalar(`i${i}`, i), { op: 'Gather', in: ['m', `i${i}`], out: [n] }])],
  ],
  [
    'the dynamo exporter: Slice [i, i + 1) of axis 0, Squeeze axis 0',
    [
      moved,
      ...['q', 'k', 'v'].flatMap((n, i): N[] => [
        { op: 'Constant', in: [], out: [`s${i}`], attrs: { value: { t: { dims: [1], ints: [i] } } } },
        { op: 'Constant', in: [], out: [`e${i}`], attrs: { value: { t: { dims: [1], ints: [i + 1] } } } },
        { op: 'Slice', in: ['m', `s${i}`, `e${i}`, 'ax'], out: [`${n}1`] },
      ]),
      axes0('ax'),
      ...squeezes(['q', 'k', 'v']),
    ],
  ],
];

/** The same attention batch-first: Gather index i on axis 2, Transpose [0, 2, 1, 3]. */
const reference = attention(
  ['q', 'k', 'v'].flatMap((n, i): N[] => [
    scalar(`i${i}`, i),
    { op: 'Gather', in: ['qkv', `i${i}`], out: [`${n}0`], attrs: { axis: 2 } },
    { op: 'Transpose', in: [`${n}0`], out: [n], attrs: { perm: [0, 2, 1, 3] } },
  ]),
);

describe('attention’s q, k, v taken from a batch-moving Transpose', () => {
  const want = evaluate(reference);
  it('the batch-first reference maps fully', () => {
    expect(want.errors).toBe(0);
    expect(want.notCounted).toEqual([]);
    expect(want.outputs[0].shape).toEqual([2, 5, 4]);
  });

  it.each(FORMS)('%s: select + permute, as the batch-first form in every convention', (_t, pick) => {
    const r = evaluate(attention(pick));
    expect(r.errors).toBe(0);
    expect(r.notCounted).toEqual([]);
    expect(r.rows.filter((x) => !x.block).map((x) => x.type)).toContain('select');
    expect(r.outputs[0].shape).toEqual([2, 5, 4]);
    expect(r.totals).toEqual(want.totals);
    // exact: q·kᵀ 2·5·5 outputs × (4 multiplies + 3 adds), a·v 2·5·4 × (5 + 4), plus the softmax.
    const softmax = want.rows.find((x) => x.type === 'softmax')?.flops ?? -1n;
    expect(r.totals.flops).toBe(50n * 7n + 40n * 9n + softmax);
  });

  // The same Transpose read any other way (a Split not into 1s): with a batch of one, each value is
  // one sample's tensor, its first dim no batch (batch-axis.ts), so the file's own arithmetic is
  // counted; with a batch of 2 asked for at import the Split along dim 0 would mix samples: not
  // counted. A file that fixes the batch at 2 is read whole, as one sample (onnx/index.ts).
  const splitOtherwise = (batch: number | 'N', given?: number) => {
    const g = attention([
      moved,
      { op: 'Split', in: ['m', 'sizes'], out: ['q1', 'kv'], attrs: { axis: 0 } },
      axes0('ax'),
      { op: 'Squeeze', in: ['q1', 'ax'], out: ['q'] },
      { op: 'Identity', in: ['q'], out: ['k'] },
      { op: 'Identity', in: ['q'], out: ['v'] },
    ]);
    const b = given ?? (batch as number);
    return evaluate(
      { ...g, input: [batch, 5, 24], ints: { shape: [b, 5, 3, 2, 4], sizes: [1, 2] } },
      given ? { x: [given, 5, 24] } : undefined,
    );
  };

  it('a batch-moving Transpose read otherwise, batch 1: the file’s arithmetic on one sample', () => {
    const r = splitOtherwise(1);
    expect(r.errors).toBe(0);
    expect(r.notCounted).toEqual([]);
    // y = softmax(q·qᵀ)·q with q = m[0] [1, 2, 5, 4]: its leading 1 is the batch of one again.
    expect(r.outputs[0].shape).toEqual([2, 5, 4]);
    const softmax = want.rows.find((x) => x.type === 'softmax')?.flops ?? -1n;
    expect(r.totals.flops).toBe(50n * 7n + 40n * 9n + softmax);
  });

  it('a batch-moving Transpose read otherwise, batch 2 given at import: not counted (the Split along dim 0 would mix samples)', () => {
    const r = splitOtherwise('N', 2);
    expect(r.batch).toBe(2);
    expect(r.notCounted.length).toBeGreaterThan(0);
  });

  it('the same file with its batch fixed at 2: read whole as one sample, twice the batch-1 arithmetic', () => {
    const r = splitOtherwise(2);
    expect(r.batch).toBe(1);
    expect(r.errors).toBe(0);
    expect(r.notCounted).toEqual([]);
    // q = m[0] is [2, 2, 5, 4] (both samples): every product and the softmax twice batch 1's.
    expect(r.outputs[0].shape).toEqual([2, 2, 5, 4]);
    expect(r.totals.flops).toBe(2n * splitOtherwise(1).totals.flops);
  });
});
