import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../../src/engine/digits';

// What `toLocaleString('en')` writes for whole numbers (en-US grouping: commas every three digits),
// without loading the browser's locale data; exact for bigints past 2^53.
describe('groupDigits', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [-1234567, '-1,234,567'],
    [1e9, '1,000,000,000'],
    [2n ** 64n, '18,446,744,073,709,551,616'],
    [-(10n ** 21n), '-1,000,000,000,000,000,000,000'],
    ['4096', '4,096'],
  ] as const)('%s → %s', (n, want) => {
    expect(groupDigits(n)).toBe(want);
  });

  it.each([0, 5, 1000, 65535, 1e9, 123456789, -42, Number.MAX_SAFE_INTEGER])(
    '%s: the same as toLocaleString("en")',
    (n) => {
      expect(groupDigits(n)).toBe(n.toLocaleString('en'));
    },
  );

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, '12 MB', '1,000', ''])(
    '%s: not a whole number, kept as written',
    (v) => {
      expect(groupDigits(v)).toBe(String(v));
    },
  );
});
