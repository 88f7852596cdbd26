/**
 * The conventions table's "where the differences come from" (src/ui/teaching/conventionDiff.ts)
 * on the seed article's ResNet-18, whose per-class totals shared/reference/conventions.md lists
 * (BN numel 2,483,712; ReLU numel 2,308,096), and the i18n tables (src/ui/i18n).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { presetByName } from '../../../src/engine/presets';
import { ratio, sumsByType, typeDiffs } from '../../../src/ui/teaching/conventionDiff';
import { en } from '../../../src/ui/i18n/en';
import { zhCN } from '../../../src/ui/i18n/zh-CN';
import { format, translate, loadLanguage } from '../../../src/ui/i18n';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const r = evaluateModel(presetByName('seed_resnet18')!.build(), { conventions: [...CONVENTION_IDS] });
const at = (id: string) => r.conventions.indexOf(id);

describe('conventionDiff on ResNet-18', () => {
  it('sums by type add up to the totals under every convention', () => {
    const sums = sumsByType(r);
    r.conventions.forEach((_, i) => expect(sums.reduce((a, s) => a + s.counts[i], 0n)).toBe(r.totals.counts[i]));
    expect(sums.find((s) => s.type === 'batchnorm2d')?.numelOut).toBe(2_483_712n);
    expect(sums.find((s) => s.type === 'relu')?.numelOut).toBe(2_308_096n);
  });

  it('fvcore vs thop: batch norm 2× vs 4× per element, −4,967,424 (the issue’s "+4.97 M" read the other way)', () => {
    const d = typeDiffs(r, at('thop'), at('fvcore'));
    const bn = d.find((x) => x.type === 'batchnorm2d');
    expect(bn?.factor).toEqual({ per: 'out', a: 2n, b: 4n });
    expect(bn?.delta).toBe(-4_967_424n);
    const back = typeDiffs(r, at('fvcore'), at('thop')).find((x) => x.type === 'batchnorm2d');
    expect(back?.delta).toBe(4_967_424n);
  });

  it('ptflops vs torchvision: ReLU counted twice, max pool numel_in, BN 2×, conv bias — largest first', () => {
    const d = typeDiffs(r, at('torchvision'), at('ptflops'), 10);
    const by = Object.fromEntries(d.map((x) => [x.type, x]));
    expect(by.relu.delta).toBe(2n * 2_308_096n);
    expect(by.batchnorm2d.delta).toBe(2n * 2_483_712n);
    expect(by.maxpool2d.delta).toBe(2n * 802_816n);
    const abs = d.map((x) => (x.delta < 0n ? -x.delta : x.delta));
    expect([...abs].sort((x, y) => (y > x ? 1 : y < x ? -1 : 0))).toEqual(abs);
  });

  it('thop (MACs) against torch (FLOPs) in one unit: Conv2d is no difference (1 MAC = 2 FLOPs), issue 19 item 4', () => {
    // Unscaled, the unit's factor of 2 reads as thop undercounting every conv by half.
    const raw = typeDiffs(r, at('torch'), at('thop'), 20).find((x) => x.type === 'conv2d');
    expect(raw && raw.other * 2n).toBe(raw?.reference);
    const inFlops = typeDiffs(r, at('torch'), at('thop'), 20, { reference: 1n, other: 2n });
    expect(inFlops.find((x) => x.type === 'conv2d')).toBeUndefined();
    expect(inFlops.find((x) => x.type === 'linear')).toBeUndefined();
  });

  it('identical conventions have no differences; ratio handles 0 and huge totals', () => {
    expect(typeDiffs(r, at('thop'), at('thop'))).toEqual([]);
    expect(ratio(5n, 0n)).toBeNaN();
    expect(ratio(3n * 10n ** 30n, 2n * 10n ** 30n)).toBe(1.5);
    expect(ratio(r.totals.counts[at('torch')], r.totals.counts[at('torchvision')])).toBe(2);
  });
});

describe('i18n', () => {
  it('zh-CN gives every key a non-empty translation with the same placeholders', () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[k], k).toBeTruthy();
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(zhCN[k]), k).toEqual(ph(en[k]));
    }
  });
  it('format fills placeholders and leaves unknown ones visible', () => {
    expect(format('{a} vs {b}', { a: 2, b: '4' })).toBe('2 vs 4');
    expect(format('{a} vs {c}', { a: 1 })).toBe('1 vs {c}');
    expect(translate('zh-CN', 'inspector.q.count', { name: 'thop' })).toBe('计数（thop）');
    expect(translate('en', 'tabs.compare')).toBe('A/B');
  });
});

describe('per-element factors pick the natural element', () => {
  it('ptflops max pool: 2× per input element (hook + patched F.max_pool2d), not 8× per output', () => {
    const bn = typeDiffs(r, at('torchvision'), at('ptflops'), 10).find((x) => x.type === 'maxpool2d');
    expect(bn?.factor).toEqual({ per: 'in', a: 2n, b: 0n });
  });
  it('thop adaptive avg pool: (k + 1) = 50× per output element (7×7 window)', () => {
    const d = typeDiffs(r, at('torchvision'), at('thop'), 10).find((x) => x.type === 'adaptiveavgpool2d');
    expect(d?.factor).toEqual({ per: 'out', a: 50n, b: 0n });
  });
});
