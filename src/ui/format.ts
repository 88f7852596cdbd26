/**
 * Number formatting for display. Counts stay bigint end to end; only the SI short form goes
 * through Number, and only for its 3 significant digits (the exact form never does).
 */

import type { Dtype, NumberFormat } from '../state/defaults';
import { t } from './i18n';
import { groupDigits } from '../engine/digits';

export type { Dtype, NumberFormat };

/** Bytes per element of each dtype the totals panel offers. */
export const DTYPE_BYTES: Readonly<Record<Dtype, bigint>> = { fp32: 4n, fp16: 2n, int8: 1n };

const SI_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

export { groupDigits };

/**
 * SI short form with 3 significant digits: 999 → "999", 1234 → "1.23 k", 1814073344 → "1.81 G".
 * Rounding that carries into the next prefix moves up (999,999 → "1 M", not "1000 k").
 */
export function siNumber(n: bigint): string {
  const neg = n < 0n;
  const v = neg ? -n : n;
  if (v < 1000n) return (neg ? '-' : '') + v.toString();
  let p = Math.min(Math.floor((v.toString().length - 1) / 3), SI_PREFIXES.length - 1);
  // Scale in bigint (keeping 6 extra digits) so numbers beyond 2^53 keep their leading digits.
  const mantissa = (m: number) => Number((v * 1_000_000n) / 1000n ** BigInt(m)) / 1_000_000;
  let txt = mantissa(p).toPrecision(3);
  if (Number(txt) >= 1000 && p < SI_PREFIXES.length - 1) txt = mantissa(++p).toPrecision(3);
  // toPrecision keeps trailing zeros ("1.00"); drop them so "1 M" reads cleanly.
  if (txt.includes('.') && !txt.includes('e')) txt = txt.replace(/\.?0+$/, '');
  return `${neg ? '-' : ''}${txt} ${SI_PREFIXES[p]}`;
}

export function formatCount(n: bigint, mode: NumberFormat): string {
  return mode === 'exact' ? groupDigits(n) : siNumber(n);
}

/** Decimal byte units (1 kB = 1000 B), as torchinfo and ptflops report sizes. */
export function formatBytes(bytes: bigint, mode: NumberFormat): string {
  if (mode === 'exact' || bytes < 1000n) return `${groupDigits(bytes)} B`;
  return `${siNumber(bytes)}B`;
}

/** Share of a part in a total as a percentage with one decimal ("12.3 %"); "—" for a zero total. */
export function formatShare(part: bigint, total: bigint): string {
  if (total === 0n) return '—';
  // Tenths of a percent, rounded half up, in bigint so huge totals stay exact.
  const tenths = (part * 2000n + total) / (2n * total);
  return `${tenths / 10n}.${tenths % 10n} %`;
}

/** Share as a number in [0, 1] for bars and sorting. */
export function shareOf(part: bigint, total: bigint): number {
  return total === 0n ? 0 : Number((part * 1_000_000n) / total) / 1_000_000;
}

/** The unit of a convention spelled out, singular or plural. */
export function unitWord(unit: 'MAC' | 'FLOP', plural = true): string {
  return plural ? `${unit}s` : unit;
}

export function unitLong(unit: 'MAC' | 'FLOP'): string {
  return t(unit === 'MAC' ? 'unit.mac.long' : 'unit.flop.long');
}

/** A shape without the batch dimension, as the editor shows it: "64×56×56". */
export function shapeLabel(s: readonly number[] | null | undefined): string {
  return s ? s.join('×') : '—';
}
