/**
 * Operands ONNX's node tests feed as graph inputs that FlopLab reads as run-time constants (no batch
 * dim of their own, values unknown: inputs.ts), where the count needs only their shape: Pow's exponent
 * (math-ops.ts fedExponent: the pow kind's fed_exponent, whose output is x's shape when the exponent
 * broadcasts to x, Operators.md's multidirectional broadcasting; else not counted, saying why).
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
