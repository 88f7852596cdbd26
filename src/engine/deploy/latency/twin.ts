/**
 * Nearest measured twin: when the model being estimated was measured on the chosen device (the
 * same preset network, by MACs), the measurements to show next to the estimate, with their
 * sources; otherwise the closest measured model on that device by MACs (any model of the table,
 * mapped or not — its MACs come from ncnn's own param file), said to be a different network.
 */
import type { Precision } from '../devices/schema';
import { evaluateMapped } from './measured-fit';
import { isMapped, MEASUREMENTS, ncnnMacs, precisionOf, unusedReason, type Measurement } from './measurements';

export interface TwinQuery {
  /** Conv + linear MACs of the model being estimated (ModelResult.totals.macs). */
  readonly macs: bigint;
  readonly precision: Precision;
  /** The zoo preset the model was built from, if any. */
  readonly preset?: string;
}

export interface Twin {
  /** same: this network was measured on the device; closest: the nearest measured model by MACs. */
  readonly kind: 'same' | 'closest';
  /** The measurements, newest row first (a device may have been measured more than once). */
  readonly measurements: readonly Measurement[];
  readonly precision: Precision;
  /** MACs of the measured network (FlopLab's count for a same twin, ncnn's param for a closest one). */
  readonly macs: bigint;
  /** One sentence for the app: what was measured, how it relates to the model. */
  readonly note: string;
}

const rowPrecision = (m: Measurement): Precision =>
  isMapped(m) ? precisionOf(m) : m.model.endsWith('_int8') ? 'int8' : 'fp32';

const newestFirst = (a: Measurement, b: Measurement) =>
  b.source.date.localeCompare(a.source.date) || a.source.line - b.source.line;

/** The twin for a model on a device, or undefined when the device has no measurements. */
export function measuredTwin(deviceId: string, q: TwinQuery): Twin | undefined {
  const rows = MEASUREMENTS.filter((m) => m.device === deviceId && !(isMapped(m) && unusedReason(m)));
  if (!rows.length) return undefined;
  // Same network: a mapped row of the same preset whose FlopLab MACs equal the model's.
  const same = rows.filter((m) => {
    if (!isMapped(m) || m.map.preset !== q.preset) return false;
    const r = evaluateMapped(m);
    return !('error' in r) && r.totals.macs === q.macs;
  });
  const pick = (list: Measurement[]) => {
    const samePrec = list.filter((m) => rowPrecision(m) === q.precision);
    return (samePrec.length ? samePrec : list).sort(newestFirst);
  };
  if (same.length) {
    const ms = pick(same);
    const p = rowPrecision(ms[0]);
    return {
      kind: 'same',
      measurements: ms,
      precision: p,
      macs: q.macs,
      note: `measured on this device: ${ms[0].model} (${p}), ${ms[0].ms} ms${p !== q.precision ? ` — at ${p}, not ${q.precision}` : ''}`,
    };
  }
  // Closest by MACs on a log scale; the same precision wins a tie.
  let best: { m: Measurement; macs: bigint; d: number } | undefined;
  for (const m of rows) {
    const macs = ncnnMacs(m.model);
    if (macs === undefined || macs <= 0n || q.macs <= 0n) continue;
    const d = Math.abs(Math.log(Number(macs) / Number(q.macs))) + (rowPrecision(m) === q.precision ? 0 : 1e-9);
    if (!best || d < best.d) best = { m, macs, d };
  }
  if (!best) return undefined;
  const ms = rows.filter((m) => m.model === best!.m.model).sort(newestFirst);
  const p = rowPrecision(ms[0]);
  return {
    kind: 'closest',
    measurements: ms,
    precision: p,
    macs: best.macs,
    note: `not measured on this device; the closest measured model by MACs is ${ms[0].model} (${p}, ${best.macs} MACs, a different network), ${ms[0].ms} ms`,
  };
}
