/**
 * Operands ONNX's node tests feed as graph inputs that FlopLab reads as run-time constants (no batch
 * dim of their own, values unknown: inputs.ts), where the count needs only their shape: Pow's exponent
 * (math-ops.ts fedExponent: the pow kind's fed_exponent, whose output is x's shape when the exponent
 * broadcasts to x, Operators.md's multidirectional broadcasting; else not counted, saying why), and
 * Resize's sizes where the file states the output shape (stated-operands.ts: the output's dims, those of
 * Resize-18's `axes` in their order; ONNX's node tests resize_tf_crop_and_resize*, resize_*_sizes_*).
 */
import { describe, expect, it } from 'vitest';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { modelToPytorch } from '../../../src/engine/export/pytorch';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { importBuilt } from './onnx-build';

describe('Pow by a fed exponent', () => {
  // x [2, 4, 6, 6] (batch 2), y fed: onnx-tool's PowNode counts volume(Y) · 32 (onnx_tool/node.py 476-494).
  it.each([
    [[], 288],
    [[6], 288],
    [[4, 1, 1], 288],
    [[1, 4, 6, 6], 288],
  ])('y %j broadcasts to x: a pow row of x’s shape, 32 · %i', (y, numel) => {
    const { r, e, shapes } = importBuilt({
      input: [2, 4, 6, 6],
      extraInputs: { y },
      nodes: [{ op: 'Pow', in: ['x', 'y'], out: ['z'] }],
    });
    expect(r.model.layers).toEqual([{ type: 'pow', fed_exponent: true }]);
    expect([e.notCounted, e.totals.counts]).toEqual([[], [BigInt(32 * numel)]]);
    expect(shapes).toEqual([[2, 4, 6, 6]]);
  });

  it.each([[[5]], [[3, 4, 6, 6]]])('y %j does not broadcast to x: not counted, with the reason', (y) => {
    const { r, e } = importBuilt({
      input: [2, 4, 6, 6],
      extraInputs: { y },
      nodes: [{ op: 'Pow', in: ['x', 'y'], out: ['z'] }],
    });
    expect(e.notCounted).toEqual([0]);
    expect(r.warnings.join('\n')).toContain(`Pow by a fed exponent [${y.join(', ')}] that does not broadcast to x`);
  });

  it('y [1, 1, 4, 6, 6] widens x: the graph is read as one sample (batch 1, inputs whole), a pow of both', () => {
    const { e, shapes } = importBuilt({
      input: [2, 4, 6, 6],
      extraInputs: { y: [1, 1, 4, 6, 6] },
      nodes: [{ op: 'Pow', in: ['x', 'y'], out: ['z'] }],
    });
    expect([e.notCounted, e.totals.counts, shapes]).toEqual([[], [32n * 288n], [[1, 2, 4, 6, 6]]]);
  });

  it('the writers refuse it: the exponent is no value of the model', () => {
    const m: Model = {
      format: 'floplab.model/2',
      input: [4],
      batch: 2,
      layers: [{ type: 'pow', fed_exponent: true } as LayerSpec],
    };
    expect(modelToOnnx(m)).toEqual({ ok: false, error: expect.stringContaining('pow with fed_exponent') as unknown });
    expect(modelToPytorch(m)).toEqual({
      ok: false,
      error: expect.stringContaining('pow with fed_exponent') as unknown,
    });
  });
});

describe('Resize by sizes fed as a graph input, the output shape stated', () => {
  // x [1, 3, 8, 8]; roi and sizes fed (tf_crop_and_resize's roi changes no shape nor count). The upsample
  // kind counts per output element: onnx-tool's convention RESIZE_LINEAR_MACS 4 (onnx_tool/node.py 36, 1369-1378).
  const resize = (sizes: number[], out: number[] | null, attrs: Record<string, number | number[] | string> = {}) =>
    importBuilt(
      {
        input: [1, 3, 8, 8],
        extraInputs: { roi: [2 * sizes.length], sizes: [sizes.length] },
        nodes: [{ op: 'Resize', in: ['x', 'roi', '', 'sizes'], out: ['y'], attrs: { mode: 'linear', ...attrs } }],
        ...(out ? { valueInfo: { y: out } } : {}),
      },
      { opset: 19 },
    );

  it.each([
    [4, {}],
    [2, { axes: [2, 3] }],
    [2, { axes: [3, 2] }],
    [2, { axes: [-1, -2] }],
  ])('%i sizes fed (%j), y stated [1, 3, 5, 6]: a bilinear upsample to 5 × 6, 4 · 90', (count, attrs) => {
    const { r, e, shapes } = resize(
      Array.from({ length: count }, () => 0),
      [1, 3, 5, 6],
      attrs,
    );
    expect(r.model.layers).toEqual([{ type: 'upsample', mode: 'bilinear', size: [5, 6] }]);
    expect([e.notCounted, e.totals.counts, shapes]).toEqual([[], [4n * 90n], [[1, 3, 5, 6]]]);
  });

  it('antialias on an upscale widens no filter (Operators.md: it applies when downscaling): counted', () => {
    const { r, e } = resize([0, 0, 0, 0], [1, 3, 16, 12], { antialias: 1 });
    expect(r.model.layers).toEqual([{ type: 'upsample', mode: 'bilinear', size: [16, 12] }]);
    expect(e.notCounted).toEqual([]);
  });

  it('not counted, with the reason: an unstated output, a stated one that changes the channels, antialias', () => {
    for (const [out, attrs, why] of [
      [null, {}, 'only equal integer scales or constant sizes'],
      [[1, 2, 5, 6], {}, 'sizes [1, 2, 5, 6] that change the batch or the channels'],
      [[1, 3, 5, 6], { antialias: 1 }, 'antialiased linear resize'],
    ] as const) {
      const { r, e } = resize([0, 0, 0, 0], out ? [...out] : null, attrs);
      expect(e.notCounted).toEqual([0]);
      expect(r.warnings.join('\n')).toContain(why);
    }
  });
});
