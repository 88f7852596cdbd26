import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';
import {
  classShares,
  cumulativeSeries,
  latencySeries,
  layerSeries,
  memorySeries,
} from '../../../src/ui/charts/chartData';
import { activationMemory } from '../../../src/engine/deploy/memory';
import { estimateLatency } from '../../../src/engine/deploy/latency/latency';

const model = (input: number[], layers: Model['layers']): Model => ({ format: MODEL_FORMAT, input, layers });
// conv 3→8 3×3 pad 1 on 8×8: MACs 13,824, params 216 (seed: Kh·Kw·Cin·Cout); dw 8 3×3: MACs 8·8·8·9 = 4,608, params 72;
// pw 8→16: MACs 8·8·16·8 = 8,192, params 128.
const small = model(
  [3, 8, 8],
  [
    { type: 'conv2d', out: 8, kernel: 3, padding: 1, bias: false },
    { type: 'relu' },
    { type: 'conv2d', out: 8, kernel: 3, padding: 1, groups: 8, bias: false },
    { type: 'conv2d', out: 16, kernel: 1, bias: false },
  ],
);
const r = evaluateModel(small);

describe('chart series', () => {
  it('per-layer series: one bar per leaf with exact params and MACs (countIndex -1)', () => {
    const s = layerSeries(r, -1);
    expect(s.aggregated).toBe('none');
    expect(s.points.map((p) => [p.selectPath, p.exactParams, p.exactCount, p.layerClass])).toEqual([
      ['layers[0]', 216n, 13_824n, 'conv'],
      ['layers[1]', 0n, 0n, 'activation'],
      ['layers[2]', 72n, 4_608n, 'depthwise'],
      ['layers[3]', 128n, 8_192n, 'pointwise'],
    ]);
  });
  it('cumulative series ends at 100 % and rises monotonically', () => {
    const c = cumulativeSeries(layerSeries(r, -1).points);
    expect(c.at(-1)).toMatchObject({ params: 100, count: 100 });
    // After the first conv: 216 / 416 params = 51.9231 %, 13,824 / 26,624 MACs = 51.9231 %.
    expect(c[0].params).toBeCloseTo(51.9231, 3);
    expect(c[0].count).toBeCloseTo(51.9231, 3);
  });
  it('share by class sums per class', () => {
    expect(classShares(r, -1).map((s) => [s.layerClass, s.params, s.count])).toEqual([
      ['conv', 216, 13_824],
      ['depthwise', 72, 4_608],
      ['pointwise', 128, 8_192],
      ['activation', 0, 0],
    ]);
  });
  it('aggregates by top-level layer above the bar limit, then keeps the top N plus "other"', () => {
    const deep = model(
      [4, 8, 8],
      [
        { type: 'repeat', times: 30, body: [{ type: 'conv2d', out: 4, kernel: 3, padding: 1 }, { type: 'relu' }] },
        { type: 'conv2d', out: 4, kernel: 1 },
      ],
    );
    const rd = evaluateModel(deep);
    const grouped = layerSeries(rd, -1, 10);
    expect(grouped.aggregated).toBe('top-level');
    expect(grouped.points.map((p) => [p.key, p.layers])).toEqual([
      ['layers[0]', 60],
      ['layers[1]', 1],
    ]);
    const wide = model(
      [4, 8, 8],
      Array.from({ length: 12 }, (_, i) => ({ type: 'conv2d', out: 4, kernel: i % 2 ? 3 : 1, padding: i % 2 })),
    );
    const top = layerSeries(evaluateModel(wide), -1, 5);
    expect(top.aggregated).toBe('top-n');
    expect(top.points.length).toBe(5);
    expect(top.points.at(-1)).toMatchObject({ key: 'other', layers: 8 });
    // Nothing is lost: the bars still sum to the model's MACs.
    expect(top.points.reduce((s, p) => s + p.exactCount, 0n)).toBe(evaluateModel(wide).totals.macs);
  });
  it('memory series flags exactly one peak', () => {
    const m = memorySeries(r, activationMemory(r, 'fp32'));
    expect(m.filter((p) => p.peak).length).toBe(1);
    expect(m.length).toBe(4);
  });
  it('latency series folds fused layers into their host', () => {
    const e = estimateLatency(r, 'pixel4-cpu-4t', 'fp32');
    if ('error' in e) throw new Error(e.error);
    const l = latencySeries(r, e);
    expect(l.map((p) => p.key)).toEqual(['layers[0]', 'layers[2]', 'layers[3]']);
    expect(l[0].label).toMatch(/\+ 1 fused/);
  });
});
