/**
 * Placement on files TensorFlow's converter wrote (keras.applications with weights=None, full-int8
 * with float input and output; tests/fixtures/tflite, scripts/fixtures/tflite_fixtures.py), against
 * what edgetpu_compiler logs quoted in public issues report for such models: the input QUANTIZE and the
 * output DEQUANTIZE run on the CPU and everything between maps (google-coral/edgetpu#342, #490, #659);
 * MobileNetV3's hard-swish does not map, and the rest after it runs on the CPU (google-coral/edgetpu#353).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeOnDevice } from '../../../src/engine/deploy/placement';
import { evaluateModel } from '../../../src/engine/evaluate';
import { importFile } from '../../../src/engine/import';

const place = (file: string, device = 'coral-edgetpu') => {
  const r = importFile(file, new Uint8Array(readFileSync(`tests/fixtures/tflite/${file}`)));
  if (!r.ok) throw new Error(r.error);
  const p = placeOnDevice(evaluateModel(r.model), device, 'int8');
  if ('error' in p) throw new Error(p.error);
  return p;
};

describe('Edge TPU placement of converter-written int8 TFLite files', () => {
  it('MobileNetV2 0.35 96×96: all but the input QUANTIZE and output DEQUANTIZE on the Edge TPU', () => {
    const p = place('mobilenet_v2_035_96_int8.tflite');
    const cpu = p.rows.filter((r) => r.role === 'op' && r.on === 'cpu');
    expect(cpu.map((r) => [r.type, r.ruleId])).toEqual([
      ['quantize', 'edgetpu.edge-conversion'],
      ['quantize', 'edgetpu.edge-conversion'],
    ]);
    expect(p.opsOnAccelerator).toBe(p.opsTotal - 2);
    expect(p.partitions.map((x) => x.on)).toEqual(['cpu', 'accelerator', 'cpu']);
  });

  it('MobileNetV3-Small: the first hard-swish is the first fallback, and the rest runs on the CPU', () => {
    const p = place('mobilenet_v3_small_050_96_int8.tflite');
    expect(p.firstFallback?.ruleId).toBe('edgetpu.not-listed');
    const first = p.rows.find((r) => r.index === p.firstFallback!.index)!;
    expect(first.type).toBe('hardswish');
    const after = p.rows.filter(
      (r) => r.role === 'op' && r.index > first.index && r.ruleId !== 'edgetpu.edge-conversion',
    );
    expect(after.every((r) => r.on === 'cpu')).toBe(true);
  });
});

// Vela 3.6.1 SUPPORTED_OPS.md (nxp-imx/ethos-u-vela@090f18a): QUANTIZE is a listed operator, but a
// float input fails the generic constraint "Tensors must be of type: int16, int32, int8, uint8";
// DEQUANTIZE is not listed. Every other op of these files (CONV_2D, DEPTHWISE_CONV_2D, ADD, MEAN,
// FULLY_CONNECTED, HARD_SWISH, MUL …) is listed, and each is placed per op.
describe('Ethos-U placement (i.MX 93) of the same converter-written files', () => {
  it.each(['mobilenet_v2_035_96_int8.tflite', 'mobilenet_v3_small_050_96_int8.tflite'])(
    '%s: only the float-edge QUANTIZE and the DEQUANTIZE on the CPU, and no fallback named',
    (file) => {
      const p = place(file, 'imx93-npu');
      const cpu = p.rows.filter((r) => r.role === 'op' && r.on === 'cpu');
      expect(cpu.map((r) => [r.type, r.ruleId])).toEqual([
        ['quantize', 'ethos-u.edge-conversion'],
        ['quantize', 'ethos-u.edge-conversion'],
      ]);
      const ops = p.rows.filter((r) => r.role === 'op');
      expect(cpu.map((r) => r.index)).toEqual([ops[0].index, ops.at(-1)!.index]); // the file's first and last op
      expect(p.opsOnAccelerator).toBe(p.opsTotal - 2);
    },
  );
});
