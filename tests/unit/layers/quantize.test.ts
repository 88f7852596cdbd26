/**
 * The `quantize` kind: the output has the input's shape on any rank, no parameters, the scale and
 * zero point as buffers (2, or 2·C per channel), its fields' errors, and its exact count per element
 * (layers/quantize.ts exactNote: quantize 5, dequantize 2; the integer type changes nothing).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';
import { QUANTIZE_DTYPES, QUANTIZE_MODES, quantizeScales } from '../../../src/engine/layers/quantize';

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

  // Blocked quantization (onnx/docs/Operators.md, QuantizeLinear / DequantizeLinear since opset 21,
  // block_size): y_scale has x's rank, S_i = ceil(D_i / block_size) on the axis and D_j on every other
  // dim, the batch's included. The first two rows are the shapes of ONNX's node tests
  // dequantizelinear_blocked (x [1, 4, 3, 2], scale [1, 2, 3, 2]) and quantizelinear_blocked_asymmetric
  // (x [3, 4], scale [3, 2]).
  it.each([
    // [fields, input (no batch), batch, scales]
    [{ block_size: 2 }, [4, 3, 2], 1, 12],
    [{ block_size: 2 }, [4], 3, 6],
    [{ block_size: 3 }, [4, 6, 6], 2, 2 * 36 * 2], // a last block of 1 channel: ceil(4 / 3) = 2
    [{ block_size: 4 }, [4, 6, 6], 2, 2 * 36], // one block of all 4 channels
    [{ block_size: 0, per_channel: true }, [4, 6, 6], 2, 4],
    [{}, [4, 6, 6], 2, 1],
  ])('scales of %j on %j at batch %i: %i (buffers twice that)', (fields, input, batch, scales) => {
    expect(quantizeScales(fields, input, batch)).toBe(scales);
    const r = evaluateModel(
      { format: 'floplab.model/2', input, batch, layers: [{ type: 'quantize', ...fields } as LayerSpec] },
      { conventions: ['exact', 'onnx-tool'] },
    );
    expect(r.errors).toBe(0);
    expect(r.totals.buffers).toBe(BigInt(2 * scales));
    // The count is per element whatever the scales: exact 5 to quantize; onnx-tool 2, its
    // QuantizeLinearNode a PWNode of op_mac MUL_MACS + ADD_MACS, ratio 1 (onnx_tool/node.py 2535-2539,
    // PWNode._profile_core 261-264, @00f5f0a).
    const numel = batch * input.reduce((a, b) => a * b, 1);
    expect(r.totals.counts).toEqual([BigInt(5 * numel), BigInt(2 * numel)]);
  });

  it('refuses per_channel and block_size together (two granularities of one scale)', () => {
    const r = one({ type: 'quantize', per_channel: true, block_size: 2 } as LayerSpec, [4, 6, 6]);
    expect(r.rows[0].error).toBe('quantize: per_channel and block_size are two granularities of the scale; set one');
  });

  it('rejects an unknown mode or type', () => {
    expect(one({ type: 'quantize', mode: 'requantize' } as LayerSpec, [4]).errors).toBe(1);
    expect(one({ type: 'quantize', dtype: 'int4' } as LayerSpec, [4]).errors).toBe(1);
  });
});
