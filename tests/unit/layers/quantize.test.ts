/**
 * The `quantize` kind: the output has the input's shape on any rank, no parameters, the scale and
 * zero point as buffers (2, or 2·C per channel), its fields' errors, and its exact count per element
 * (layers/quantize.ts exactNote: quantize 5, dequantize 2; the integer type changes nothing).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';
import { QUANTIZE_DTYPES, QUANTIZE_MODES } from '../../../src/engine/layers/quantize';

const one = (spec: LayerSpec, input: number[]) =>
  evaluateModel({ format: 'floplab.model/2', input, batch: 2, layers: [spec] }, { conventions: ['exact'] });

describe('quantize', () => {
  it.each([[[7]], [[3, 5]], [[4, 6, 6]], [[2, 3, 4, 5]]])('keeps the shape %j, no parameters', (input) => {
    for (const mode of QUANTIZE_MODES) {
      const r = one({ type: 'quantize', mode }, input);
      expect(r.errors).toBe(0);
      expect(r.rows[0].output).toEqual(input);
      expect(r.totals.params).toBe(0n);
    }
  });

  it('exact operations per element: quantize 5, dequantize 2, whatever the type or scales (288 elements)', () => {
    for (const dtype of QUANTIZE_DTYPES)
      for (const per_channel of [false, true]) {
        const per = (mode: string) =>
          Number(one({ type: 'quantize', mode, dtype, per_channel } as LayerSpec, [4, 6, 6]).totals.counts[0]) / 288;
        expect([per('quantize'), per('dequantize')]).toEqual([5, 2]);
      }
  });

  it('buffers: a scale and a zero point per tensor, or per channel', () => {
    expect(one({ type: 'quantize' }, [4, 6, 6]).totals.buffers).toBe(2n);
    expect(one({ type: 'quantize', mode: 'dequantize', per_channel: true }, [4, 6, 6]).totals.buffers).toBe(8n);
  });

  it('rejects an unknown mode or type', () => {
    expect(one({ type: 'quantize', mode: 'requantize' } as LayerSpec, [4]).errors).toBe(1);
    expect(one({ type: 'quantize', dtype: 'int4' } as LayerSpec, [4]).errors).toBe(1);
  });
});
