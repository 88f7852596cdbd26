/**
 * Guided examples (src/ui/teaching/examples.ts, texts in src/ui/i18n/examples.ts): every model
 * evaluates cleanly and every number the texts quote is the engine's. Sources: the seed article
 * (shared/seed; shared/reference/conventions.md): FC 7·7·512·4096 = 102,760,448; group conv 1/g;
 * depthwise-separable ratio 1/Cout + 1/(Kh·Kw); ReLU 1 and sigmoid 4 per element; ResNet-18's
 * 1,814,073,344 MACs (torchvision _ops 1.814) and 3,628,146,688 torch FLOPs (zoo.md);
 * shared/reference/latency-calibration.md for the MobileNet v1 / Pixel 4 figures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel, type ModelResult } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { deviceById } from '../../../src/engine/deploy/devices';
import { presetByName } from '../../../src/engine/presets';
import { getAt } from '../../../src/engine/format/edit';
import { EXAMPLES, exampleById } from '../../../src/ui/teaching/examples';
import { EXAMPLE_TEXTS } from '../../../src/ui/i18n/examples';
import { groupDigits } from '../../../src/ui/format';
import { loadLanguage } from '../../../src/ui/i18n';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const run = (m: Parameters<typeof evaluateModel>[0]): ModelResult => {
  const r = evaluateModel(m, { conventions: [...CONVENTION_IDS] });
  expect(r.errors).toBe(0);
  return r;
};
const count = (r: ModelResult, id: string) => r.totals.counts[r.conventions.indexOf(id)];
const en = EXAMPLE_TEXTS.en;
const text = (id: keyof typeof en) => en[id].body.join(' ');

describe('guided examples', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s: models evaluate, selection exists', (_id, ex) => {
    const m = ex.model();
    run(m);
    if (ex.compare) run(ex.compare());
    if (ex.select) expect(getAt(m, ex.select), ex.select).toBeDefined();
    expect(CONVENTION_IDS).toContain(ex.convention);
  });

  it('FC 7×7×512 → 4096 has 102,760,448 weights', () => {
    const r = run(exampleById('fc')!.model());
    expect(r.totals.params).toBe(102_760_448n);
    expect(text('fc')).toContain(groupDigits(r.totals.params));
  });

  it('group conv: parameters and MACs fall to 1/g', () => {
    const ex = exampleById('group')!;
    const a = run(ex.model());
    const b = run(ex.compare!());
    expect(a.totals.params).toBe(4n * b.totals.params);
    expect(a.totals.macs).toBe(4n * b.totals.macs);
    expect(text('group')).toContain(`${groupDigits(a.totals.params)} against ${groupDigits(b.totals.params)}`);
  });

  it('depthwise-separable: B/A = 1/Cout + 1/(Kh·Kw) exactly (no bias), 1/64 + 1/9', () => {
    const ex = exampleById('separable')!;
    const a = run(ex.model());
    const b = run(ex.compare!());
    // b/a = 1/64 + 1/9  ⇔  576·b = (9 + 64)·a
    expect(576n * b.totals.params).toBe(73n * a.totals.params);
    expect(576n * b.totals.macs).toBe(73n * a.totals.macs);
    expect((1 / 64 + 1 / 9).toFixed(3)).toBe('0.127');
    expect(text('separable')).toContain('0.127');
    expect(text('separable')).toContain(`${(576 / 73).toFixed(1)}×`);
  });

  it('MAC vs FLOP: torch counts twice torchvision; the quoted M figures', () => {
    const r = run(exampleById('mac-flop')!.model());
    expect(count(r, 'torch')).toBe(2n * count(r, 'torchvision'));
    expect(text('mac-flop')).toContain(`${(Number(count(r, 'torchvision')) / 1e6).toFixed(1)} M MACs`);
    expect(text('mac-flop')).toContain(`${(Number(count(r, 'torch')) / 1e6).toFixed(1)} M FLOPs`);
  });

  it('ReLU 1 and sigmoid 4 per element (seed); 0 under thop, fvcore, torch, torchinfo', () => {
    const r = run(exampleById('activations')!.model());
    const seed = r.conventions.indexOf('seed');
    expect(r.rows[0].counts[seed]).toBe(200_704n);
    expect(r.rows[1].counts[seed]).toBe(802_816n);
    expect(text('activations')).toContain('200,704 and 802,816');
    for (const id of ['thop', 'fvcore', 'torch', 'torchinfo']) expect(count(r, id), id).toBe(0n);
  });

  it('ResNet-18: 1.8 G is the MAC count', () => {
    const r = run(exampleById('resnet18')!.model());
    expect(count(r, 'torchvision')).toBe(1_814_073_344n);
    expect(count(r, 'torch')).toBe(3_628_146_688n);
    expect(text('resnet18')).toContain(groupDigits(count(r, 'torchvision')));
    expect(text('resnet18')).toContain(groupDigits(count(r, 'torch')));
  });

  it('devices: MobileNet v1 at the Pixel 4 CPU peak', () => {
    const r = run(presetByName('mobilenet_v1')!.build());
    const peak = deviceById('pixel4-cpu-4t')!.peak.fp32!.value;
    const flops = Number(2n * count(r, 'torchvision'));
    expect((flops / 1e9).toFixed(2)).toBe('1.14');
    expect((flops / (peak * 1e6)).toFixed(1)).toBe('7.1');
    expect(text('devices')).toContain(`${peak} GFLOPS`);
  });
});

describe('the zh-CN examples', () => {
  // Numbers of two or more digits (with their separators), in any order.
  const digits = (s: string) => (s.match(/\d+(?:[,.]\d+)*/g) ?? []).filter((x) => /\d\D?\d/.test(x)).sort();
  it.each(Object.keys(en) as (keyof typeof en)[])('%s: translated, same paragraphs and numbers', (id) => {
    const zh = EXAMPLE_TEXTS['zh-CN'][id];
    expect(zh.title).not.toBe('');
    expect(zh.body).toHaveLength(en[id].body.length);
    expect(zh.body.join(' ')).toMatch(/[\u4e00-\u9fff]/);
    expect(digits(zh.body.join(' '))).toEqual(digits(en[id].body.join(' ')));
  });
});
