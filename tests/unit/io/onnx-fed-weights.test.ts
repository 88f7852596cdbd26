/**
 * A convolution whose weight is a graph input (onnx/fed-weights.ts): ONNX's node tests feed every
 * tensor, W too (onnx/backend/test/data/node/test_conv_*, test_qlinearconv). W is read as the
 * layer's weight, fed at run time: the conv is counted from W's shape, as onnx-tool's ConvNode counts
 * it (volume(Y) · Cin/g · kh · kw, onnx_tool/node.py), and W's elements are its parameters.
 */
import { describe, expect, it } from 'vitest';
import { importBuilt, type Graph } from './onnx-build';

const load = (g: Graph) => importBuilt(g);

describe('a conv weight fed as a graph input', () => {
  it('W [4, 3, 3, 3] read only by the Conv: a conv2d of 4·6·6 outputs × 27, 108 parameters, said', () => {
    const { r, e } = load({
      input: [1, 3, 8, 8],
      extraInputs: { W: [4, 3, 3, 3] },
      nodes: [{ op: 'Conv', in: ['x', 'W'], out: ['y'], attrs: { kernel_shape: [3, 3] } }],
    });
    expect(e.notCounted).toEqual([]);
    expect(e.rows.find((x) => x.type === 'conv2d')?.macs).toBe(4n * 6n * 6n * 27n);
    expect(e.totals.counts[0]).toBe(4n * 6n * 6n * 27n);
    expect(e.totals.params).toBe(108n);
    expect(e.outputs[0].shape).toEqual([4, 6, 6]);
    expect(r.ok && r.warnings.join('\n')).toMatch(/input\(s\) W are read only as a convolution’s weight/);
  });

  it('W also read by a Shape (a causal conv’s kernel size, ONNX’s CausalConvWithState expanded) is still the weight', () => {
    // The Shape → Gather → Sub → Concat computes the Slice bound that keeps the last kernel − 1 steps.
    const { r, e } = load({
      input: [2, 4, 5],
      extraInputs: { W: [4, 1, 3] },
      ints: { two: [2], one: [1], big: [1000], axis: [2] },
      nodes: [
        { op: 'Conv', in: ['x', 'W'], out: ['y'], attrs: { group: 4 } },
        { op: 'Shape', in: ['W'], out: ['ws'], attrs: { start: 2, end: 3 } },
        { op: 'Sub', in: ['ws', 'one'], out: ['km1'] },
        { op: 'Neg', in: ['km1'], out: ['start'] },
        { op: 'Slice', in: ['x', 'start', 'big', 'axis'], out: ['state'] },
      ],
      outputs: ['y', 'state'],
    });
    expect(e.notCounted).toEqual([]);
    // Depthwise: 2·4·3 outputs × 3 taps; 12 weights.
    expect(e.rows.find((x) => x.type === 'conv1d')?.macs).toBe(2n * 4n * 3n * 3n);
    expect(e.totals.params).toBe(12n);
    expect(e.outputs.map((o) => o.shape)).toEqual([
      [4, 3],
      [4, 2],
    ]);
    expect(r.ok && r.warnings.join('\n')).toMatch(/input\(s\) W are read only as a convolution’s weight/);
  });

  it('QLinearConv’s w (input 3) fed, its scales and zero points too: the conv counted', () => {
    const { e } = load({
      input: [1, 1, 7, 7],
      extraInputs: { xs: [], xz: [], w: [1, 1, 1, 1], ws: [1], wz: [1], ys: [], yz: [] },
      nodes: [{ op: 'QLinearConv', in: ['x', 'xs', 'xz', 'w', 'ws', 'wz', 'ys', 'yz'], out: ['y'] }],
    });
    expect(e.notCounted).toEqual([]);
    // onnx-tool: 49 (tests/fixtures/onnx-real, node_qlinearconv).
    expect(e.totals.counts[0]).toBe(49n);
  });

  it('an input that is also read as data stays data (the conv of a computed weight is not counted)', () => {
    const { r, e } = load({
      input: [1, 3, 8, 8],
      extraInputs: { W: [4, 3, 3, 3] },
      nodes: [
        { op: 'Relu', in: ['W'], out: ['w2'] },
        { op: 'Conv', in: ['x', 'w2'], out: ['y'], attrs: { kernel_shape: [3, 3] } },
      ],
    });
    expect(r.ok && r.warnings.join('\n')).not.toMatch(/read only as a convolution’s weight/);
    expect(e.notCounted.length).toBeGreaterThan(0);
  });
});
