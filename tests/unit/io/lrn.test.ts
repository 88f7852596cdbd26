/**
 * The `lrn` layer kind (added for Caffe's LRN layer). Formula from the PyTorch
 * nn.LocalResponseNorm docs, b = a / (k + α/n · Σ a²)^β over n channels: per element n
 * squares, n − 1 adds, one ·α/n, one +k, one power and one divide = 2n + 3 (exact). No
 * learnable parameters (the module has none).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';

const run = (input: number[], layer: LayerSpec, batch = 1) =>
  evaluateModel({ format: 'floplab.model/2', input, batch, layers: [layer] }).rows[0];

describe('lrn layer kind', () => {
  it.each([
    // [input, size, batch, exact]: numel · (2n + 3)
    [[96, 55, 55], 5, 1, 96 * 55 * 55 * 13], // AlexNet norm1 (Caffe bvlc_alexnet: local_size 5)
    [[64, 56, 56], 5, 2, 2 * 64 * 56 * 56 * 13],
    [[4, 3, 3], 1, 1, 4 * 9 * 5],
  ])('input %j, size %i, batch %i: exact %i, params 0, shape kept', (input, size, batch, exact) => {
    const r = run(input, { type: 'lrn', size }, batch);
    expect(r.error).toBeUndefined();
    expect(r.flops).toBe(BigInt(exact));
    expect(r.params).toBe(0n);
    expect(r.output).toEqual(input);
  });

  it('defaults follow Caffe and PyTorch: size 5, α 1e-4, β 0.75, k 1', () => {
    expect(run([8, 2, 2], { type: 'lrn' }).params_).toMatchObject({ size: 5, alpha: 0.0001, beta: 0.75, k: 1 });
  });

  it('needs a feature map, and a positive size', () => {
    expect(run([10], { type: 'lrn' }).error).toMatch(/lrn needs a \[C, H, W\] feature map/);
    expect(run([8, 2, 2], { type: 'lrn', size: 0 }).error).toMatch(/size must be a positive integer/);
  });
});
