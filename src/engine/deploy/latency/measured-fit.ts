/**
 * Fitting on the public measurement table (measurements/) and checking on its held-out rows.
 *
 * The training rows of each (device, precision) are fitted exactly like the hand-kept calibration
 * set (fit.ts: the same five factors on the category priors, never per model). The held-out rows
 * are then predicted the way the engine will predict them — through calibrationFor on the fitted
 * file, so an int8 row of a device fitted only in fp32 borrows the fp32 factors, as the app does —
 * and their absolute % errors give the per-device median and 90th percentile docs/latency.md and
 * the app show.
 */
import type { ModelResult } from '../../evaluate';
import { deviceById } from '../devices';
import { calibrationFor, type CalibrationFile } from './calibration';
import type { CalibrationPoint } from './calibration-set';
import { absPctError, median, prepare, type PreparedPoint } from './fit';
import { kernelMs, roofFor } from './latency';
import { MAPPED, precisionOf, SPLIT, unusedReason, type Mapped } from './measurements';
import { evaluatePreset } from './preset-eval';

/** The FlopLab evaluation of a mapped row's network (cached per network). */
export const evaluateMapped = (m: Mapped): ModelResult | { error: string } =>
  evaluatePreset(m.map.preset, m.map.knobs, m.map.input);

/** A mapped measurement as a calibration point (same shape as the hand-kept set's). */
export function pointOf(m: Mapped): CalibrationPoint {
  const precision = precisionOf(m);
  const t = m.runtime;
  return {
    id: `${m.device}/${precision}/${m.model} (${m.id})`,
    device: m.device,
    precision,
    model: m.model,
    measuredMs: m.ms,
    setup: `ncnn, ${t.gpu >= 0 ? `Vulkan GPU ${t.gpu}` : `${t.threads} threads, powersave ${t.powersave}`}`,
    source: `${m.source.repo} ${m.source.path} line ${m.source.line} @ ${m.source.commit.slice(0, 7)} (row added ${m.source.date})`,
    evaluate: () => evaluateMapped(m),
  };
}

const USED = MAPPED.filter((m) => !unusedReason(m));
export const TRAIN_POINTS: readonly CalibrationPoint[] = USED.filter((m) => SPLIT.get(m.id) === 'train').map(pointOf);
export const TEST_POINTS: readonly CalibrationPoint[] = USED.filter((m) => SPLIT.get(m.id) === 'test').map(pointOf);

/** The engine's estimate of a prepared point under a calibration file (as estimateLatency computes it). */
export function predictFromFile(pp: PreparedPoint, file: CalibrationFile): number {
  const calib = calibrationFor(pp.device, pp.point.precision, file);
  const roof = roofFor(pp.device, pp.point.precision, calib, pp.weightBytes);
  if (!roof) return NaN;
  return pp.kernels.reduce((s, k) => s + kernelMs(k, roof), 0);
}

/** q-quantile by linear interpolation between order statistics (q = 0.5 is the median). */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface HeldOutRow {
  readonly id: string;
  readonly device: string;
  readonly precision: string;
  readonly model: string;
  readonly measuredMs: number;
  readonly predictedMs: number;
  readonly errorPct: number;
}

export interface DeviceHeldOut {
  readonly device: string;
  readonly trainRows: number;
  readonly testRows: number;
  readonly medianPct: number;
  readonly p90Pct: number;
  /** The band the held-out error implies: the 90th percentile of max(estimate/measured, measured/estimate). */
  readonly band: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Predicts every held-out point with the file and summarises per device. */
export function heldOut(
  file: CalibrationFile,
  test: readonly CalibrationPoint[] = TEST_POINTS,
  train: readonly CalibrationPoint[] = TRAIN_POINTS,
): { rows: HeldOutRow[]; devices: DeviceHeldOut[]; skipped: { id: string; error: string }[] } {
  const { prepared, skipped } = prepare(test);
  const rows: HeldOutRow[] = prepared.map((pp) => {
    const predictedMs = predictFromFile(pp, file);
    return {
      id: pp.point.id,
      device: pp.device.id,
      precision: pp.point.precision,
      model: pp.point.model,
      measuredMs: pp.point.measuredMs,
      predictedMs,
      errorPct: absPctError(predictedMs, pp.point.measuredMs),
    };
  });
  const ids = [...new Set(rows.map((r) => r.device))];
  const devices = ids.map((device) => {
    const mine = rows.filter((r) => r.device === device);
    const errs = mine.map((r) => r.errorPct);
    const ratios = mine.map((r) => Math.max(r.predictedMs / r.measuredMs, r.measuredMs / r.predictedMs));
    return {
      device,
      trainRows: train.filter((p) => p.device === device).length,
      testRows: mine.length,
      medianPct: r2(median(errs)),
      p90Pct: r2(quantile(errs, 0.9)),
      band: r2(quantile(ratios, 0.9)),
    };
  });
  return { rows, devices, skipped };
}

/** Whether a device id is one the measurement table trains (for the app: "held-out error known"). */
export const isMeasuredDevice = (id: string): boolean =>
  deviceById(id) !== undefined && MAPPED.some((m) => m.device === id);
