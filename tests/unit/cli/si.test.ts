/**
 * The CLI's SI figures (src/cli/render.ts si): three significant digits, truncated to 1/1000 of the
 * unit and then rounded by toFixed, with the unit chosen after rounding — 999,999,999,000,000 MACs
 * print as "1.00 P" (they printed "1000 T") and counts past 10^18 go on to E, Z, Y (they stopped at P:
 * "2002 P"). The exact digits are printed beside them; these are only the short form.
 */
import { describe, expect, it } from 'vitest';
import { si } from '../../../src/cli/render';

describe('si', () => {
  it.each([
    [0n, '0'],
    [999n, '999'],
    [1_000n, '1.00 k'],
    [1_814_073_344n, '1.81 G'],
    [999_499n, '999 k'],
    [999_500n, '1.00 M'],
    [999_999n, '1.00 M'],
    [999_999_999_000_000n, '1.00 P'],
    [1_000_999_997_999_000_001n, '1.00 E'],
    [2_001_999_993_998_000_004n, '2.00 E'],
    [12_345n * 10n ** 18n, '12.3 Z'],
    [10n ** 24n, '1.00 Y'],
    [123_456n * 10n ** 24n, '123456 Y'],
  ])('%s → %s', (v, text) => {
    expect(si(v)).toBe(text);
  });
});
