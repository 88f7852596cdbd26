import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatShare, groupDigits, shareOf, siNumber } from '../../../src/ui/format';

// SI prefixes k, M, G, T, P, E (BIPM SI Brochure, 9th ed., table 7); 3 significant digits as
// thop's clever_format("%.3f")-style summaries and torchinfo print. Totals from zoo.md
// (torchvision resnet18: 11,689,512 params, 1,814,073,344 MACs).
describe('siNumber', () => {
  it.each([
    [0n, '0', 'zero stays plain'],
    [999n, '999', 'below 1000 is exact'],
    [1000n, '1 k', 'trailing zeros dropped'],
    [1234n, '1.23 k', '3 significant digits'],
    [999_499n, '999 k', 'rounds down within the prefix'],
    [999_999n, '1 M', 'rounding carries into the next prefix'],
    [11_689_512n, '11.7 M', 'resnet18 params (zoo.md)'],
    [1_814_073_344n, '1.81 G', 'resnet18 MACs (zoo.md)'],
    [123_456_789_012_345_678_901n, '123 E', 'beyond 2^53 keeps its leading digits'],
    [-1500n, '-1.5 k', 'negative numbers keep their sign'],
  ])('%s → %s (%s)', (n, want) => expect(siNumber(n)).toBe(want));
});

describe('groupDigits / formatCount exact', () => {
  it.each([
    [0n, '0'],
    [999n, '999'],
    [1000n, '1,000'],
    [1_814_073_344n, '1,814,073,344'],
    [2n ** 64n, '18,446,744,073,709,551,616'],
    [-1234567n, '-1,234,567'],
  ])('%s → %s', (n, want) => {
    expect(groupDigits(n)).toBe(want);
    expect(formatCount(n, 'exact')).toBe(want);
  });
});

// Decimal byte units (1 kB = 1000 B) as torchinfo's "Params size (MB)" (divides by 1e6).
describe('formatBytes', () => {
  it.each([
    [999n, 'si', '999 B'],
    [46_758_048n, 'si', '46.8 MB'],
    [46_758_048n, 'exact', '46,758,048 B'],
    [11_689_512n * 4n, 'si', '46.8 MB'],
  ] as const)('%s (%s) → %s', (n, mode, want) => expect(formatBytes(n, mode)).toBe(want));
});

describe('formatShare / shareOf', () => {
  it.each([
    [1n, 3n, '33.3 %', 0.333333],
    [2n, 3n, '66.7 %', 0.666666],
    [1n, 1n, '100.0 %', 1],
    [0n, 5n, '0.0 %', 0],
    [5n, 0n, '—', 0],
    [1n, 2000n, '0.1 %', 0.0005],
  ])('%s of %s → %s', (part, total, text, frac) => {
    expect(formatShare(part, total)).toBe(text);
    expect(shareOf(part, total)).toBeCloseTo(frac, 5);
  });
});
