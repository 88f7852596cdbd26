/**
 * The seed article's ResNet-18 example (shared/seed/000_3df1a665ae2e01c7.txt, "以ResNet18为例计算FLOPs";
 * shared/reference/conventions.md): its "1.8 G FLOPs" is the MAC count.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';

const preset = presetByName('seed_resnet18')!;
const r = evaluateModel(preset.build(), { conventions: ['torchvision'] });
const convMacs = r.rows.filter((x) => x.type === 'conv2d').map((x) => x.counts[0]);

// The article's terms, as printed: [stage, Hout·Wout·Cin·Cout·K² products].
const ARTICLE: readonly [string, number[]][] = [
  ['conv1', [112 * 112 * 7 * 7 * 3 * 64]],
  ['conv2_x', [56 * 56 * 64 * 64 * 9, 56 * 56 * 64 * 64 * 9, 56 * 56 * 64 * 64]],
  ['conv3_x', [28 * 28 * 64 * 128 * 9, 28 * 28 * 128 * 128 * 9, 28 * 28 * 64 * 128]],
  ['conv4_x', [14 * 14 * 128 * 256 * 9, 14 * 14 * 256 * 256 * 9, 14 * 14 * 128 * 256]],
  ['conv5_x', [7 * 7 * 256 * 512 * 9, 7 * 7 * 512 * 512 * 9, 7 * 7 * 256 * 512]],
  ['fc', [512 * 1000]],
];

describe('seed_resnet18', () => {
  it('is the full ResNet-18: 1,814,073,344 conv + fc MACs (torchvision _ops 1.814)', () => {
    expect(r.errors).toBe(0);
    expect(r.totals.counts[0]).toBe(1_814_073_344n);
  });
  it('the article’s "1.8 G" matches the MACs; FLOPs are twice that, 3,628,146,688 ≈ 3.63 G', () => {
    expect((Number(r.totals.counts[0]) / 1e9).toFixed(1)).toBe('1.8');
    expect(2n * r.totals.counts[0]).toBe(3_628_146_688n);
  });
  it('every term the article prints is one layer’s MACs, except a conv2_x shortcut the network does not have', () => {
    const all = [...convMacs, ...r.rows.filter((x) => x.type === 'linear').map((x) => x.counts[0])];
    const missing = ARTICLE.flatMap(([stage, terms]) =>
      terms.filter((t) => !all.includes(BigInt(t))).map((t) => [stage, t]),
    );
    expect(missing).toEqual([['conv2_x', 56 * 56 * 64 * 64]]);
  });
  it('the printed terms sum to 902,074,368 (one block per stage), ×2 = 1.804 G — the note’s explanation', () => {
    const sum = ARTICLE.flatMap(([, t]) => t).reduce((a, b) => a + b, 0);
    expect(sum).toBe(902_074_368);
    expect(((2 * sum) / 1e9).toFixed(3)).toBe('1.804');
    expect(preset.notes?.join(' ')).toContain('902,074,368');
  });
  it('names its stages as the article does', () => {
    const names = preset.build().layers.flatMap((l) => (l.name ? [l.name] : []));
    expect(names).toEqual(['conv1', 'conv2_x', 'conv3_x', 'conv4_x', 'conv5_x', 'fc']);
  });
});
