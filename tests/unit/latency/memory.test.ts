import { describe, expect, it } from 'vitest';
import { activationMemory, layerBytes } from '../../../src/engine/deploy/memory';
import { evaluateModel } from '../../../src/engine/evaluate';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';

// Hand-made models; expected live elements worked out by hand from the execution model stated in
// src/engine/deploy/memory.ts (inputs and output live during an op; blocks hold what their branches need).
const model = (input: number[], layers: Model['layers'], batch = 1): Model => ({
  format: MODEL_FORMAT,
  input,
  batch,
  layers,
});
const conv = (out: number, kernel = 1, padding = 0) => ({ type: 'conv2d', out, kernel, padding, bias: false });
const live = (m: Model, dtype: 'fp32' | 'fp16' | 'int8' = 'fp32') => activationMemory(evaluateModel(m), dtype);

describe('activation memory: live tensors per step', () => {
  const rows: [string, Model, [string, number, number][], string][] = [
    [
      'sequential: conv then relu',
      // x 1·4·4 = 16; conv → 2·4·4 = 32; relu 32 → 32.
      model([1, 4, 4], [conv(2), { type: 'relu' }]),
      [
        ['layers[0]', 16 + 32, 0],
        ['layers[1]', 32 + 32, 0],
      ],
      'layers[1]',
    ],
    [
      'residual with identity shortcut holds its input while the body runs',
      // x = 2·4·4 = 32 held; conv: x is both the held tensor and the input → 32 + 32; relu: 32 + 32 + 32;
      // add: body 32 + x 32 + out 32.
      model([2, 4, 4], [{ type: 'residual', body: [conv(2, 3, 1), { type: 'relu' }] }]),
      [
        ['layers[0].body[0]', 64, 32],
        ['layers[0].body[1]', 96, 32],
        ['layers[0]', 96, 0],
      ],
      'layers[0].body[1]',
    ],
    [
      'residual with a conv shortcut holds the body output while the shortcut runs',
      // x = 2·4·4 = 32; body conv1x1 → 4·4·4 = 64 (live 32 + 64); shortcut conv1x1 → 64 with x and y held:
      // held 32 + 64, output 64 → 160; add: y 64 + s 64 + out 64 = 192.
      model([2, 4, 4], [{ type: 'residual', body: [conv(4)], shortcut: [conv(4)] }]),
      [
        ['layers[0].body[0]', 96, 32],
        ['layers[0].shortcut[0]', 160, 96],
        ['layers[0]', 192, 0],
      ],
      'layers[0]',
    ],
    [
      'concat holds finished branch outputs and its input until the last branch',
      // x = 16 (1·4·4); branch 0 conv → 32 (held x 16: live 16 + 32 = 48); branch 1 conv → 48 elements (3·4·4)
      // with x and branch 0 held: 16 + 32 + 48 = 96; concat: 32 + 48 + out 80 = 160.
      model([1, 4, 4], [{ type: 'concat', branches: [[conv(2)], [conv(3)]] }]),
      [
        ['layers[0].branches[0][0]', 48, 16],
        ['layers[0].branches[1][0]', 96, 48],
        ['layers[0]', 160, 0],
      ],
      'layers[0]',
    ],
    [
      'flatten is a view: no new memory',
      model([2, 2, 2], [{ type: 'flatten' }, { type: 'linear', out: 3 }]),
      [
        ['layers[0]', 8, 0],
        ['layers[1]', 8 + 3, 0],
      ],
      'layers[1]',
    ],
  ];
  it.each(rows)('%s', (_n, m, steps, peakPath) => {
    const r = live(m);
    expect(r.complete).toBe(true);
    expect(r.steps.map((s) => [s.path, Number(s.liveBytes) / 4, Number(s.heldBytes) / 4])).toEqual(steps);
    expect(r.peak?.path).toBe(peakPath);
  });

  it('a nested residual does not count the held input twice', () => {
    // Outer residual holds x (16); inner residual's input is the same x: its conv sees held 16 only.
    const r = live(model([1, 4, 4], [{ type: 'residual', body: [{ type: 'residual', body: [conv(1)] }] }]));
    expect(r.steps.map((s) => [s.path, Number(s.liveBytes) / 4])).toEqual([
      ['layers[0].body[0].body[0]', 32],
      ['layers[0].body[0]', 16 + 16 + 16],
      ['layers[0]', 16 + 16 + 16],
    ]);
  });

  it('dtype scales bytes: fp16 half, int8 a quarter of fp32', () => {
    const m = model([2, 4, 4], [{ type: 'residual', body: [conv(2, 3, 1), { type: 'relu' }] }]);
    const f32 = live(m, 'fp32').peak!.liveBytes;
    expect(live(m, 'fp16').peak!.liveBytes * 2n).toBe(f32);
    expect(live(m, 'int8').peak!.liveBytes * 4n).toBe(f32);
    expect(f32).toBe(96n * 4n);
  });

  it('batch 3 triples activations, not weights', () => {
    const m = model([1, 4, 4], [conv(2)]);
    const one = activationMemory(evaluateModel(m), 'fp32');
    const three = activationMemory(evaluateModel(m, { batch: 3 }), 'fp32');
    expect(three.peak!.liveBytes).toBe(3n * one.peak!.liveBytes);
    expect(three.weightBytes).toBe(one.weightBytes);
    expect(one.weightBytes).toBe(2n * 4n);
  });

  it('an error row makes the report incomplete, without throwing', () => {
    const r = live(model([1, 4, 4], [conv(2), { type: 'linear', out: 2 }, { type: 'relu' }]));
    expect(r.complete).toBe(false);
    expect(r.steps.length).toBe(3);
  });
});

describe('layer bytes', () => {
  it('weights = params × bytes; buffers separate; activations = output elements × bytes', () => {
    // conv 3→8, 3×3, no bias: 216 params; BN(8): 16 params, 16 buffers (zoo.md: running stats are not params).
    const r = evaluateModel(model([3, 8, 8], [conv(8, 3, 1), { type: 'batchnorm2d' }]));
    const b = layerBytes(r, 'fp16');
    expect(b.map((x) => [x.weightBytes, x.bufferBytes, x.activationBytes])).toEqual([
      [432n, 0n, 1024n],
      [32n, 32n, 1024n],
    ]);
  });
});
