/**
 * `shares`: a layer that uses another layer's weights (a Keras layer called at two places, tied
 * weights) computes as itself but counts no parameters or buffers of its own, so a model's
 * parameters equal what its framework holds (Keras's count_params() counts a shared layer once).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { explainRow } from '../../../src/engine/explain';
import { modelToOnnx, modelToPrototxt, modelToPytorch } from '../../../src/engine/export';
import type { LayerSpec, Model } from '../../../src/engine/format/model';

const siamese = (second: Partial<LayerSpec>): Model =>
  ({
    format: 'floplab.model/2',
    inputs: [
      { name: 'a', shape: [16] },
      { name: 'b', shape: [16] },
    ],
    outputs: ['ya', 'yb'],
    layers: [
      { type: 'linear', name: 'proj', out: 8, from: 'a', id: 'ya' },
      { type: 'linear', name: 'proj (call 2)', out: 8, from: 'b', id: 'yb', ...second },
    ],
  }) as Model;

describe('shares', () => {
  it('counts the weights once and the compute at every call', () => {
    const own = evaluateModel(siamese({}));
    const shared = evaluateModel(siamese({ shares: 'proj' }));
    expect(own.totals.params).toBe(2n * (16n * 8n + 8n));
    expect(shared.totals.params).toBe(16n * 8n + 8n);
    expect(shared.totals.macs).toBe(own.totals.macs);
    expect(shared.totals.flops).toBe(own.totals.flops);
    expect(shared.rows.map((r) => r.params)).toEqual([136n, 0n]);
    expect(shared.errors).toBe(0);
  });

  it('leaves buffers to the layer shared too (batch norm running statistics)', () => {
    const m = {
      format: 'floplab.model/2',
      input: [4, 8, 8],
      layers: [
        { type: 'batchnorm2d', name: 'bn' },
        { type: 'batchnorm2d', name: 'bn again', shares: 'bn' },
      ],
    } as Model;
    const r = evaluateModel(m);
    expect(r.rows.map((x) => [x.params, x.buffers])).toEqual([
      [8n, 8n],
      [0n, 0n],
    ]);
    expect(r.rows[1].flops).toBe(r.rows[0].flops);
  });

  it('is refused on a block and when it is not a name', () => {
    const m = (l: LayerSpec) => ({ format: 'floplab.model/2', input: [8], layers: [l] }) as Model;
    const block = evaluateModel(m({ type: 'residual', body: [{ type: 'linear', out: 8 }], shares: 'x' }));
    expect(block.rows[0].error).toMatch(/a block does not hold weights of its own/);
    for (const bad of ['', 7]) {
      const r = evaluateModel(m({ type: 'linear', out: 8, shares: bad } as LayerSpec));
      expect(r.rows[0].error).toMatch(/shares must name the layer whose weights it uses/);
    }
  });

  it('a layer with shares is not taken for an equal layer without (evaluation sharing compares it)', () => {
    const m = {
      format: 'floplab.model/2',
      input: [8],
      layers: [
        { type: 'linear', out: 8 },
        { type: 'linear', out: 8, shares: 'first' },
        { type: 'linear', out: 8 },
      ],
    } as Model;
    expect(evaluateModel(m).rows.map((r) => r.params)).toEqual([72n, 0n, 72n]);
  });

  it('the explanation says whose weights they are', () => {
    const row = evaluateModel(siamese({ shares: 'proj' })).rows[1];
    const e = explainRow(row, 'exact');
    expect(e.ok).toBe(true);
    if (!e.ok) return;
    const p = e.explanation.quantities.find((q) => q.id === 'params');
    expect(p?.value).toBe(0n);
    expect(p?.note).toMatch(/The weights of “proj”/);
  });

  it('writers that would give the layer weights of its own refuse it', () => {
    const m = {
      format: 'floplab.model/2',
      input: [16],
      layers: [
        { type: 'linear', name: 'l1', out: 16 },
        { type: 'linear', name: 'l2', out: 16, shares: 'l1' },
      ],
    } as Model;
    for (const r of [modelToPytorch(m), modelToOnnx(m), modelToPrototxt(m)]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/uses the weights of "l1"/);
    }
  });
});
