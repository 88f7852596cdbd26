/**
 * Files whose first dims are no batch FlopLab can hold apart (onnx/index.ts `oneSampleIfBetter`):
 * the onnx wheel's PyTorch operator tests feed `x [2, 3] + y [3]`, `mm(x [2, 3], y [3, 4])` or
 * `x [2, 2] + w [2, 2]`. Read batch-first, y is an input without the batch (a run-time constant) and
 * w spans the batch, so the op could not be counted; read whole, as one sample with a batch of 1 in
 * front, every op is counted on the tensors the file has. The second reading is taken only when the
 * file fixes every input's dims, the first leaves rows not counted, and the second has no error and
 * fewer. A Gemm whose B is data is MatMul + Add (onnx/gemm-of-data.ts), counted as onnx-tool's
 * GemmNode._profile_core does: volume(Y)·K, plus volume(Y) with a C (onnx_tool/node.py @00f5f0a).
 */
import { describe, expect, it } from 'vitest';
import { importBuilt, type Graph } from './onnx-build';

function load(g: Graph, inputShapes?: Record<string, number[]>) {
  const { r, e, shapes } = importBuilt(g, { inputShapes, conventions: ['onnx-tool', 'exact'] });
  return { r, e, shapes, notice: r.warnings.find((w) => /read as one sample/.test(w)) };
}

describe('read whole, as one sample, where the batch-first reading cannot count an op', () => {
  it.each([
    ['y [3]', [3]],
    ['y [1, 3]', [1, 3]],
  ])('x [2, 3] + %s, a graph input: 6 additions, output [2, 3]', (_t, y) => {
    const { e, shapes, notice } = load({
      input: [2, 3],
      extraInputs: { y },
      nodes: [{ op: 'Add', in: ['x', 'y'], out: ['z'] }],
    });
    expect(notice).toMatch(/batch 1, every input whole — read with a batch, 1 node\(s\) could not be counted/);
    expect(e.batch).toBe(1);
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual([[2, 3]]);
    expect(e.totals.counts).toEqual([6n, 6n]);
  });

  it('x [2, 2] + w [2, 2], a weight that spans the first dim: 4 weights, 4 additions', () => {
    const { e, shapes, notice } = load({
      input: [2, 2],
      weights: { w: [2, 2] },
      nodes: [{ op: 'Add', in: ['x', 'w'], out: ['z'] }],
    });
    expect(notice).toBeDefined();
    expect(e.totals.params).toBe(4n);
    expect(e.totals.counts).toEqual([4n, 4n]);
    expect(shapes).toEqual([[2, 2]]);
  });

  it('1-D inputs only: read whole at once (no batch reading to compare), output [3] as the file', () => {
    const { e, shapes, r } = load({
      input: [3],
      extraInputs: { y: [3] },
      nodes: [{ op: 'Mul', in: ['x', 'y'], out: ['z'] }],
    });
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual([[3]]);
    expect(e.totals.counts).toEqual([3n, 3n]);
    expect(r.warnings.join('\n')).not.toMatch(/samples of one value/);
  });
});

describe('a Gemm whose B is data: MatMul, then + C (onnx-tool: volume(Y)·K + volume(Y))', () => {
  // mm(x [2, 3], y [3, 4]) as PyTorch 0.3 wrote it (onnx wheel, test_operator_mm): C a Constant [1].
  it('A [2, 3] · B [3, 4] + a one-value C: 24 + 8', () => {
    const { e, shapes } = load({
      input: [2, 3],
      extraInputs: { y: [3, 4] },
      floats: { c: [0] },
      nodes: [{ op: 'Gemm', in: ['x', 'y', 'c'], out: ['z'], name: 'mm', attrs: { beta: 0 } }],
    });
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual([[2, 4]]);
    expect(e.totals.counts[0]).toBe(2n * 4n * 3n + 8n);
    // exact: 8 outputs × (3 multiplies + 2 adds), then 8 additions.
    expect(e.totals.counts[1]).toBe(8n * 5n + 8n);
  });

  it('transB = 1 and C data [2, 4] (addmm of three inputs): Bᵀ, A·Bᵀ, + C, named after the node', () => {
    const { r, e, shapes } = load({
      input: [2, 3],
      extraInputs: { y: [4, 3], c: [2, 4] },
      nodes: [{ op: 'Gemm', in: ['x', 'y', 'c'], out: ['z'], name: 'addmm', attrs: { transB: 1, alpha: 2 } }],
    });
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual([[2, 4]]);
    expect(e.totals.counts[0]).toBe(24n + 8n);
    const names = r.model.layers.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['addmm (Bᵀ)', 'addmm', 'addmm (+ C)']));
  });

  // onnx's node test gemm_transposeA with a 0-d C fed as an input (gemm_default_scalar_bias).
  it('transA = 1 and a 0-d C fed as an input: Aᵀ, Aᵀ·B, + C — 2·4·3 + 8', () => {
    const { e, shapes } = load({
      input: [3, 2],
      extraInputs: { y: [3, 4], c: [] },
      nodes: [{ op: 'Gemm', in: ['x', 'y', 'c'], out: ['z'], attrs: { transA: 1 } }],
    });
    expect(e.errors).toBe(0);
    expect(e.notCounted).toEqual([]);
    expect(shapes).toEqual([[2, 4]]);
    expect(e.totals.counts[0]).toBe(24n + 8n);
  });

  it('QLinearMatMul of two inputs: the product, volume(Y)·K (onnx-tool QLinearMatMulNode)', () => {
    const { e } = load({
      input: [2, 4],
      extraInputs: { as: [], az: [], b: [4, 3], bs: [], bz: [], ys: [], yz: [] },
      nodes: [{ op: 'QLinearMatMul', in: ['x', 'as', 'az', 'b', 'bs', 'bz', 'ys', 'yz'], out: ['z'] }],
    });
    expect(e.notCounted).toEqual([]);
    expect(e.totals.counts[0]).toBe(2n * 3n * 4n);
  });

  it('a Gemm of a constant B stays one linear row', () => {
    const { r } = load({
      input: [1, 3],
      weights: { w: [4, 3], b: [4] },
      nodes: [{ op: 'Gemm', in: ['x', 'w', 'b'], out: ['z'], attrs: { transB: 1 } }],
    });
    expect(r.model.layers.map((l) => l.type)).toEqual(['linear']);
  });
});

describe('the batch-first reading is kept', () => {
  // A conv reads [N, C, H, W]: read whole, it would get a rank-4 sample and fail, so the batch of 2
  // stays, with the op that cannot be counted marked so.
  it('a conv net whose batch is fixed at 2, with an op that has no kind', () => {
    const { e, notice } = load({
      input: [2, 3, 8, 8],
      weights: { w: [4, 3, 3, 3] },
      nodes: [
        { op: 'Conv', in: ['x', 'w'], out: ['c'], attrs: { kernel_shape: [3, 3] } },
        { op: 'Frobnicate', in: ['c'], out: ['y'] },
      ],
    });
    expect(notice).toBeUndefined();
    expect(e.batch).toBe(2);
    expect(e.notCounted.length).toBe(1);
    expect(e.rows.find((x) => x.type === 'conv2d')?.macs).toBe(2n * 4n * 6n * 6n * 27n);
  });

  it('sizes given at import for a symbolic batch: the batch asked for, not one sample', () => {
    const { e, notice } = load(
      { input: ['N', 3], extraInputs: { y: [3] }, nodes: [{ op: 'Add', in: ['x', 'y'], out: ['z'] }] },
      { x: [2, 3] },
    );
    expect(notice).toBeUndefined();
    expect(e.batch).toBe(2);
    expect(e.notCounted.length).toBe(1);
  });

  it('a batch-1 file whose inputs all have the batch: read once, batch-first', () => {
    const { e, notice } = load({ input: [1, 3], nodes: [{ op: 'Frobnicate', in: ['x'], out: ['y'] }] });
    expect(notice).toBeUndefined();
    expect(e.notCounted.length).toBe(1);
  });
});
