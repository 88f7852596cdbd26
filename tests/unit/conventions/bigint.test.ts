/**
 * Exactness past 2^53: counts are bigint all the way. ResNet-18 at batch 4096 is N × its
 * batch-1 count under every convention whose count is linear in the batch; ptflops reports one
 * image (Convention.batchScaling 'per-image'), so its count does not change. A model large
 * enough to pass 2^53 at batch 4096 must still be exact (compared with bigint arithmetic on the
 * per-layer formula, not with a float).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTIONS, CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { Model } from '../../../src/engine/format/model';
import resnet18 from '../../fixtures/resnet18.json';

const ALL = { conventions: [...CONVENTION_IDS] };

describe('bigint exactness', () => {
  const one = evaluateModel(resnet18 as Model, ALL).totals.counts;
  const many = evaluateModel(resnet18 as Model, { ...ALL, batch: 4096 }).totals.counts;

  it.each(CONVENTIONS.map((c, i) => [c.id, c, i] as const))('ResNet-18 at batch 4096 under %s', (_id, c, i) => {
    expect(many[i]).toBe(c.batchScaling === 'per-image' ? one[i] : one[i] * 4096n);
  });

  it('a 100-layer 512-channel 3×3 stack at 223² and batch 4095 passes 2^53 and stays exact', () => {
    const conv = { type: 'conv2d', out: 512, kernel: 3, padding: 1, bias: false };
    const m: Model = {
      format: 'floplab.model/2',
      input: [512, 223, 223],
      batch: 4095,
      layers: [
        { type: 'repeat', times: 100, body: [conv] },
        { type: 'adaptiveavgpool2d', out: 1 },
        { type: 'flatten' },
        { type: 'linear', out: 1001, bias: false },
      ],
    };
    const r = evaluateModel(m, ALL);
    expect(r.errors).toBe(0);
    const N = 4095n;
    const at = (id: string) => r.totals.counts[CONVENTION_IDS.indexOf(id)];
    const convMacs = 100n * 512n * 223n * 223n * 512n * 9n;
    expect(at('torchvision')).toBe(N * (convMacs + 512n * 1001n));
    // seed: bias-free conv (2·K²·Cin − 1) per output, global pool over 223², FC (2I − 1)·O.
    const seed =
      N * (100n * 512n * 223n * 223n * (2n * 9n * 512n - 1n) + 512n * 223n * 223n + (2n * 512n - 1n) * 1001n);
    expect(at('seed')).toBe(seed);
    // Odd and above 2^53: no float64 holds it, so only bigint arithmetic can give this value.
    expect(seed > 2n ** 53n && seed % 2n === 1n).toBe(true);
    expect(BigInt(Number(seed))).not.toBe(seed);
  });
});
