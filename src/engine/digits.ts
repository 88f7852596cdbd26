/**
 * An integer written with its digits grouped by commas: 1234567 → "1,234,567".
 *
 * Exact for bigints and for integers of any size, and without `toLocaleString`: the first
 * locale-aware call loads the number-formatting data of the browser's ICU, about 9 ms inside
 * the page's opening task when a module did it at load (issue 20: no long task on open).
 * Anything that is not a whole number (a fraction, NaN, Infinity, "12 MB") is returned as written.
 */
export function groupDigits(n: number | bigint | string): string {
  const s = typeof n === 'string' ? n : n.toString();
  return /^-?\d+$/.test(s) ? s.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : s;
}
