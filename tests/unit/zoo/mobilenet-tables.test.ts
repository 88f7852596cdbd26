/**
 * MobileNet v1/v2 at the published widths and resolutions. Sources:
 * - TF-slim research/slim/nets/mobilenet/README.md (v2 table; shared/reference/latency-calibration.md
 *   quotes it): MACs in millions, truncated; parameters in millions.
 * - TF-slim research/slim/nets/mobilenet_v1.md (v1 table): MACs rounded to millions.
 * - Howard et al. 2017 (MobileNets), Table 6 (width) and Table 7 (resolution).
 * Dropout and classifier details do not change conv+linear MACs.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';

function count(name: string, width: number, resolution: number) {
  const r = evaluateModel(presetByName(name)!.build({ width, resolution }), { conventions: ['torchvision'] });
  expect(r.errors).toBe(0);
  return { macs: Number(r.totals.counts[0]), params: Number(r.totals.params), buffers: Number(r.totals.buffers) };
}

// [width, resolution, published M MACs] — TF-slim mobilenet/README.md, all 22 rows.
const V2_MACS: readonly [number, number, number][] = [
  [1.4, 224, 582],
  [1.3, 224, 509],
  [1.0, 224, 300],
  [1.0, 192, 221],
  [1.0, 160, 154],
  [1.0, 128, 99],
  [1.0, 96, 56],
  [0.75, 224, 209],
  [0.75, 192, 153],
  [0.75, 160, 107],
  [0.75, 128, 69],
  [0.75, 96, 39],
  [0.5, 224, 97],
  [0.5, 192, 71],
  [0.5, 160, 50],
  [0.5, 128, 32],
  [0.5, 96, 18],
  [0.35, 224, 59],
  [0.35, 192, 43],
  [0.35, 160, 30],
  [0.35, 128, 20],
  [0.35, 96, 11],
];

describe('MobileNet v2 vs TF-slim’s table (MACs truncated to millions)', () => {
  it.each(V2_MACS)('%s-%i: %i M', (w, r, published) => {
    expect(Math.floor(count('mobilenet_v2', w, r).macs / 1e6)).toBe(published);
  });
});

// [width, published M params, last conv channels] — TF-slim mobilenet/README.md.
const V2_PARAMS: readonly [number, string, number][] = [
  [1.4, '6.06', 1792],
  [1.3, '5.34', 1664],
  [1.0, '3.47', 1280],
  [0.75, '2.61', 1280],
  [0.5, '1.95', 1280],
  [0.35, '1.66', 1280],
];

describe('MobileNet v2 parameters: torchvision width_mult vs TF-slim’s table', () => {
  it('torchvision num_params at 1.0 is 3,504,872 with 17,056 BN channels (shared/reference/zoo.md)', () => {
    const c = count('mobilenet_v2', 1, 224);
    expect(c.params).toBe(3_504_872);
    expect(c.buffers / 2).toBe(17_056);
  });
  // The preset notes' explanation: TF-slim leaves out BN γ, β and has a 1001st class (last + 1 params).
  it.each(V2_PARAMS)('%s: TF-slim %s M = params − BN γβ + 1001st class', (w, published, last) => {
    const c = count('mobilenet_v2', w, 224);
    expect(((c.params - c.buffers + last + 1) / 1e6).toFixed(2)).toBe(published);
  });
});

// [width, resolution, published M MACs] — TF-slim mobilenet_v1.md, the rows this network reproduces.
const V1_MACS: readonly [number, number, number][] = [
  [1.0, 224, 569],
  [1.0, 192, 418],
  [1.0, 160, 291],
  [1.0, 128, 186],
  [0.5, 192, 110],
  [0.5, 160, 77],
  [0.5, 128, 49],
  [0.25, 224, 41],
  [0.25, 160, 21],
  [0.25, 128, 14],
];

describe('MobileNet v1 vs TF-slim’s table (MACs rounded to millions)', () => {
  it.each(V1_MACS)('%s-%i: %i M', (w, r, published) => {
    expect(Math.round(count('mobilenet_v1', w, r).macs / 1e6)).toBe(published);
  });
  // The rows the preset notes list as disagreeing with TF-slim: the paper's figures instead.
  const PAPER_ROWS: [number, number, number, string][] = [
    [0.75, 224, 325, 'Table 6 (TF-slim lists 317)'],
    [0.5, 224, 149, 'Table 6 (TF-slim lists 150)'],
  ];
  it.each(PAPER_ROWS)('%s-%i: paper %i M, %s', (w, r, paper) => {
    expect(Math.round(count('mobilenet_v1', w, r).macs / 1e6)).toBe(paper);
  });
  it('0.25-192: 30.2 M = 41 M·(192/224)², not the 34 M TF-slim lists', () => {
    expect(count('mobilenet_v1', 0.25, 192).macs).toBe(30_212_608);
  });
  it('1.0 at 192/160/128: the paper’s Table 7 (418, 290, 186) within its rounding', () => {
    for (const [r, paper] of [
      [192, 418],
      [160, 290],
      [128, 186],
    ] as const)
      expect(Math.abs(count('mobilenet_v1', 1, r).macs / 1e6 - paper)).toBeLessThan(1);
  });
});

// [width, published M params, last channels] — TF-slim mobilenet_v1.md.
const V1_PARAMS: readonly [number, string, number][] = [
  [1.0, '4.24', 1024],
  [0.75, '2.59', 768],
  [0.5, '1.34', 512],
  [0.25, '0.47', 256],
];

describe('MobileNet v1 parameters vs TF-slim (BN β only, moving statistics counted, 1001 classes)', () => {
  it('1.0: 4,231,976 here (paper: 4.2 M)', () => expect(count('mobilenet_v1', 1, 224).params).toBe(4_231_976));
  it.each(V1_PARAMS)('%s: TF-slim %s M = params − γ + mean + var + 1001st class', (w, published, last) => {
    const c = count('mobilenet_v1', w, 224);
    const channels = c.buffers / 2;
    expect(((c.params - channels + 2 * channels + last + 1) / 1e6).toFixed(2)).toBe(published);
  });
});

describe('width rounding', () => {
  it('v2 0.35: stem 16 channels (_make_divisible(11.2, 8) = 8 is under 90 %, so 16)', () => {
    const m = presetByName('mobilenet_v2')!.build({ width: 0.35 });
    expect(m.layers[0]).toMatchObject({ type: 'conv2d', out: 16 });
  });
  it('v1 0.25: stem int(32·0.25) = 8 channels, last 256', () => {
    const r = evaluateModel(presetByName('mobilenet_v1')!.build({ width: 0.25 }));
    expect(r.rows[0].output).toEqual([8, 112, 112]);
    expect(r.rows.filter((x) => x.type === 'linear')[0].input).toEqual([256]);
  });
});
