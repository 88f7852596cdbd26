import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { MODEL_FORMAT, type LayerSpec, type Model } from '../../../src/engine/format/model';

const m = (input: number[], layers: LayerSpec[]): Model => ({ format: MODEL_FORMAT, input, layers });

// Source: torchvision/models/inception.py — InceptionAux runs only when `self.training`;
// its conv0 (768→128, 1×1, no bias) + BN and fc (768→1000) are parameters of the model.
describe('aux block (training-only head)', () => {
  const head: LayerSpec[] = [
    { type: 'avgpool2d', kernel: 5, stride: 3 },
    { type: 'conv2d', out: 128, kernel: 1, bias: false },
    { type: 'batchnorm2d' },
    { type: 'adaptiveavgpool2d' },
    { type: 'flatten' },
    { type: 'linear', out: 1000 },
  ];
  const r = evaluateModel(m([768, 17, 17], [{ type: 'aux', body: head }]), { conventions: ['torchvision'] });
  it('counts the head’s parameters: 768·128 + 2·128 + 128·1000 + 1000', () =>
    expect(r.totals.params).toBe(BigInt(768 * 128 + 2 * 128 + 128 * 1000 + 1000)));
  it('counts no inference compute', () => {
    expect(r.totals.counts[0]).toBe(0n);
    expect(r.totals.macs).toBe(0n);
    expect(r.totals.flops).toBe(0n);
    expect(r.totals.activations).toBe(0n);
  });
  it('passes its input on and still shows the head’s shapes', () => {
    expect(r.errors).toBe(0);
    expect(r.output).toEqual([768, 17, 17]);
    expect(r.rows[1].output).toEqual([768, 5, 5]);
    expect(r.rows.slice(1).every((x) => x.trainingOnly)).toBe(true);
  });
  it('an error inside the head is reported on its row', () => {
    const bad = evaluateModel(m([768, 17, 17], [{ type: 'aux', body: [{ type: 'linear', out: 3 }] }]));
    expect(bad.rows[1].error).toMatch(/flat/);
  });
});

// Source: torch.chunk docs — pieces of ceil(C/chunks) channels, the last one smaller.
describe('chunk (torch.chunk along channels)', () => {
  const rows: [number, number, number, number[] | RegExp][] = [
    [116, 2, 0, [58, 7, 7]],
    [116, 2, 1, [58, 7, 7]],
    [10, 3, 2, [2, 7, 7]],
    [10, 4, 3, [1, 7, 7]],
    [6, 4, 3, /no piece 3/],
    [6, 4, 2, [2, 7, 7]],
  ];
  it.each(rows)('C=%i chunks=%i index=%i', (c, chunks, index, want) => {
    const r = evaluateModel(m([c, 7, 7], [{ type: 'chunk', chunks, index }]));
    if (want instanceof RegExp) expect(r.rows[0].error).toMatch(want);
    else expect(r.output).toEqual(want);
    expect(r.totals.params).toBe(0n);
  });
});
