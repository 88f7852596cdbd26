/**
 * Where two conventions' totals differ: the engine's per-row counts summed by layer type, and
 * for each type the difference and, when both counts are whole multiples of the elements, the
 * per-element factors ("batch norm 2× vs 4× per output element"). Sums of the engine's numbers
 * only — nothing is counted here. Pure, for the conventions table and its tests.
 */
import type { ModelResult } from '../../engine/evaluate';

export interface TypeSums {
  readonly type: string;
  /** Count per convention, in result.conventions order. */
  readonly counts: readonly bigint[];
  readonly numelOut: bigint;
  readonly numelIn: bigint;
}

/** Counts of every row (a block row holds its own combining op only), grouped by type. */
export function sumsByType(result: ModelResult): TypeSums[] {
  const by = new Map<string, { counts: bigint[]; numelOut: bigint; numelIn: bigint }>();
  for (const r of result.rows) {
    if (r.error || !r.symbols) continue;
    let e = by.get(r.type);
    if (!e) {
      e = { counts: result.conventions.map(() => 0n), numelOut: 0n, numelIn: 0n };
      by.set(r.type, e);
    }
    r.counts.forEach((c, i) => (e.counts[i] += c));
    // Rows inside training-only blocks count nothing; their elements must not dilute the factors.
    if (!r.trainingOnly) {
      e.numelOut += BigInt(r.symbols.numel_out ?? 0);
      e.numelIn += BigInt(r.symbols.numel_in ?? 0);
    }
  }
  return [...by].map(([type, e]) => ({ type, ...e }));
}

export type Factor = { readonly per: 'out' | 'in'; readonly a: bigint; readonly b: bigint } | { readonly per: 'none' };

export interface TypeDiff {
  readonly type: string;
  /** Count of the type under the reference convention and under the other one. */
  readonly reference: bigint;
  readonly other: bigint;
  /** other − reference. */
  readonly delta: bigint;
  readonly factor: Factor;
}

/** Per-element factors, per output or per input element — whichever gives the smaller numbers. */
function factorOf(ref: bigint, other: bigint, s: TypeSums): Factor {
  let best: Factor = { per: 'none' };
  for (const [per, n] of [
    ['out', s.numelOut],
    ['in', s.numelIn],
  ] as const) {
    if (n <= 0n || ref % n !== 0n || other % n !== 0n) continue;
    const f = { per, a: other / n, b: ref / n };
    const big = (x: Factor) => (x.per === 'none' ? -1n : x.a > x.b ? x.a : x.b);
    if (best.per === 'none' || big(f) < big(best)) best = f;
  }
  return best;
}

/**
 * The types whose count differs between convention `other` and `reference` (indexes into
 * result.conventions), largest difference first, at most `limit`. `scale` puts both in one unit
 * (1 MAC = 2 FLOPs: { reference: 1n, other: 2n } compares a MAC convention with a FLOP one), so
 * the unit's factor of 2 is not read as a difference in what is counted.
 */
export function typeDiffs(
  result: ModelResult,
  reference: number,
  other: number,
  limit = 3,
  scale: { readonly reference: bigint; readonly other: bigint } = { reference: 1n, other: 1n },
): TypeDiff[] {
  const out: TypeDiff[] = [];
  for (const s of sumsByType(result)) {
    const ref = s.counts[reference] * scale.reference;
    const oth = s.counts[other] * scale.other;
    if (ref === oth) continue;
    out.push({ type: s.type, reference: ref, other: oth, delta: oth - ref, factor: factorOf(ref, oth, s) });
  }
  const abs = (x: bigint) => (x < 0n ? -x : x);
  out.sort((x, y) =>
    abs(y.delta) > abs(x.delta) ? 1 : abs(y.delta) < abs(x.delta) ? -1 : x.type.localeCompare(y.type),
  );
  return out.slice(0, limit);
}

/** total(other) / total(reference) as a number (NaN when the reference total is 0). */
export function ratio(other: bigint, reference: bigint): number {
  if (reference === 0n) return Number.NaN;
  // Scaled in bigint so totals beyond 2^53 keep their leading digits.
  return Number((other * 1_000_000n) / reference) / 1_000_000;
}
