/**
 * A node's further outputs as graph outputs (onnx/secondary-outputs.ts): a MaxPool's Indices and a
 * Dropout's mask have the first output's shape (onnx/docs/Operators.md MaxPool, Dropout) and are
 * given; LayerNormalization's Mean and InvStdDev are left out with a notice that names them —
 * never called "computed from constants".
 */
import { describe, expect, it } from 'vitest';
import { importBuilt, type Graph } from './onnx-build';

const load = (g: Graph) => importBuilt(g, { opset: 17 });

describe('further outputs of a node', () => {
  it('MaxPool’s Indices: a second output of the values’ shape, 0 more operations', () => {
    const { e } = load({
      input: [1, 2, 4, 4],
      nodes: [{ op: 'MaxPool', in: ['x'], out: ['y', 'i'], attrs: { kernel_shape: [2, 2], strides: [2, 2] } }],
      outputs: ['y', 'i'],
    });
    expect(e.outputs.map((o) => o.shape)).toEqual([
      [2, 2, 2],
      [2, 2, 2],
    ]);
    // onnx-tool MaxPoolNode: volume(Y) · kernel = 8 · 4.
    expect(e.totals.counts[0]).toBe(32n);
  });

  it('LayerNormalization’s Mean: left out, named in a notice', () => {
    const { r, e } = load({
      input: [1, 3, 4],
      weights: { s: [4], b: [4] },
      nodes: [{ op: 'LayerNormalization', in: ['x', 's', 'b'], out: ['y', 'mean'], attrs: { axis: -1 } }],
      outputs: ['y', 'mean'],
    });
    expect(e.outputs.length).toBe(1);
    const notices = r.ok ? r.warnings.join('\n') : '';
    expect(notices).toMatch(/output\(s\) mean are further outputs of a node read by its first/);
    expect(notices).not.toMatch(/computed from constants/);
  });
});

describe('a graph whose every output is a constant (onnx/constant-outputs.ts)', () => {
  it('Shape of a fixed input: the constant [3], 0 operations, not refused', () => {
    const { r, e } = load({ input: [3, 4, 5], nodes: [{ op: 'Shape', in: ['x'], out: ['y'] }] });
    expect(e.totals.counts[0]).toBe(0n);
    expect(e.outputs.map((o) => o.shape)).toEqual([[3]]);
    expect(r.ok && r.model.meta?.outputsWithoutBatch).toEqual([0]);
    expect(r.ok && r.warnings.join('\n')).toMatch(/every output \(y\) folds to a constant/);
  });
});
