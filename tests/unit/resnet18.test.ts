import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../src/engine/evaluate';
import type { Model } from '../../src/engine/format/model';
import resnet18 from '../fixtures/resnet18.json';

// Source: shared/reference/zoo.md (torchvision resnet18 num_params and conv+linear MACs)
// and shared/reference/conventions.md ("ResNet-18 under each tool").
describe('ResNet-18 fixture', () => {
  const r = evaluateModel(resnet18 as Model, { conventions: ['torchvision'] });
  it('has torchvision num_params', () => expect(r.totals.params).toBe(11_689_512n));
  it('has torchvision _ops MACs', () => expect(r.totals.counts[0]).toBe(1_814_073_344n));
  it('has BN running statistics as buffers, not params (2 per channel, 4,800 channels)', () =>
    expect(r.totals.buffers).toBe(9_600n));
  it('has no errors and a 1000-way output', () => {
    expect(r.errors).toBe(0);
    expect(r.output).toEqual([1000]);
  });
});
