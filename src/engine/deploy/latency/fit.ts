/**
 * Fitting the runtime model to published measurements (used by scripts/calibrate.ts).
 *
 * For each (device, precision) with measurements, five factors on the category priors are
 * fitted — compute efficiency of dense layers, of pointwise and of depthwise convolutions,
 * memory efficiency and per-kernel overhead — never a factor per model. The loss is the sum of squared log errors
 * (so 2× too slow and 2× too fast weigh the same) plus a small ridge term pulling the factors
 * towards 1 (the priors), which keeps one-measurement devices from drifting. Minimised by
 * coordinate descent with golden-section search on each log-factor.
 */
import { deviceById } from '../devices';
import type { Device, Precision } from '../devices/schema';
import { CATEGORY_PRIORS } from './classes';
import {
  applyMultipliers,
  UNIT_MULTIPLIERS,
  type CalibrationFile,
  type FittedEntry,
  type Multipliers,
} from './calibration';
import type { CalibrationPoint } from './calibration-set';
import { kernelMs, kernelsOf, roofFor, type Kernel } from './latency';

export interface PreparedPoint {
  readonly point: CalibrationPoint;
  readonly device: Device;
  readonly kernels: Kernel[];
  readonly weightBytes: number;
}

/** Evaluates every point's model once; points that cannot be built are returned with the reason. */
export function prepare(points: readonly CalibrationPoint[]): {
  prepared: PreparedPoint[];
  skipped: { id: string; error: string }[];
} {
  const prepared: PreparedPoint[] = [];
  const skipped: { id: string; error: string }[] = [];
  for (const point of points) {
    const device = deviceById(point.device);
    if (!device) {
      skipped.push({ id: point.id, error: `unknown device ${point.device}` });
      continue;
    }
    const r = point.evaluate();
    if ('error' in r) {
      skipped.push({ id: point.id, error: r.error });
      continue;
    }
    const { kernels } = kernelsOf(r, point.precision);
    prepared.push({ point, device, kernels, weightBytes: kernels.reduce((s, k) => s + k.weightBytes, 0) });
  }
  return { prepared, skipped };
}

/** Predicted ms of a prepared point under given multipliers (the same arithmetic as estimateLatency). */
export function predict(pp: PreparedPoint, m: Multipliers): number {
  const calib = calibrationOf(pp.device, m);
  const roof = roofFor(pp.device, pp.point.precision, calib, pp.weightBytes);
  if (!roof) return NaN;
  return pp.kernels.reduce((s, k) => s + kernelMs(k, roof), 0);
}

const sig = (x: number) => Number(x.toPrecision(6));

/** Efficiencies and overhead for a device under given multipliers, as written to calibration.json (6 significant digits). */
export function calibrationOf(device: Device, m: Multipliers): Pick<FittedEntry, 'classes' | 'overheadUs'> {
  const applied = applyMultipliers(CATEGORY_PRIORS[device.category], m);
  const classes = Object.fromEntries(
    Object.entries(applied.classes).map(([c, e]) => [c, { compute: sig(e.compute), memory: sig(e.memory) }]),
  ) as FittedEntry['classes'];
  return { classes, overheadUs: sig(applied.overheadUs) };
}

export const RIDGE = 0.05;
const KEYS = ['dense', 'pointwise', 'depthwise', 'memory', 'overhead'] as const;
const LOG_RANGE = 6;

const toMultipliers = (theta: readonly number[]): Multipliers =>
  Object.fromEntries(KEYS.map((k, i) => [k, Math.exp(theta[i])])) as unknown as Multipliers;

function loss(points: readonly PreparedPoint[], theta: readonly number[]): number {
  const m = toMultipliers(theta);
  let s = 0;
  for (const pp of points) s += Math.log(predict(pp, m) / pp.point.measuredMs) ** 2;
  for (const t of theta) s += RIDGE * t * t;
  return s;
}

function golden(f: (x: number) => number, lo: number, hi: number, iters = 50): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iters; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Fits the five factors to the points of one device and precision. */
export function fitGroup(points: readonly PreparedPoint[], sweeps = 40): Multipliers {
  const theta = KEYS.map(() => 0);
  for (let s = 0; s < sweeps; s++) {
    const before = loss(points, theta);
    for (let k = 0; k < KEYS.length; k++) {
      theta[k] = golden(
        (x) => {
          const t = [...theta];
          t[k] = x;
          return loss(points, t);
        },
        -LOG_RANGE,
        LOG_RANGE,
      );
    }
    if (before - loss(points, theta) < 1e-12) break;
  }
  return toMultipliers(theta);
}

export const absPctError = (predicted: number, measured: number) => (Math.abs(predicted - measured) / measured) * 100;

/** Band factor: the worst ratio seen in the fit, never below a floor that shrinks with more rows. */
export function bandOf(ratios: readonly number[]): number {
  const n = ratios.length;
  const floor = n >= 5 ? 1.25 : n >= 2 ? 1.5 : 2;
  const worst = Math.max(1, ...ratios.map((r) => Math.max(r, 1 / r)));
  return Math.round(Math.max(floor, worst * 1.1) * 100) / 100;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export interface RowReport {
  readonly id: string;
  readonly device: string;
  readonly precision: Precision;
  readonly model: string;
  readonly measuredMs: number;
  readonly predictedMs: number;
  readonly errorPct: number;
  /** Error when this row is left out of its device's fit (groups with ≥ 3 rows). */
  readonly leaveOneOutPct?: number;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Fits every (device, precision) group; returns the calibration file and the per-row report. */
export function fitAll(
  prepared: readonly PreparedPoint[],
  generatedBy: string,
): { file: CalibrationFile; rows: RowReport[] } {
  const groups = new Map<string, PreparedPoint[]>();
  for (const pp of prepared) {
    const key = `${pp.device.id}|${pp.point.precision}`;
    groups.set(key, [...(groups.get(key) ?? []), pp]);
  }
  const file: CalibrationFile = { generatedBy, devices: {} };
  const rows: RowReport[] = [];
  for (const [key, pts] of groups) {
    const [id, precision] = key.split('|') as [string, Precision];
    const device = pts[0].device;
    const raw = fitGroup(pts);
    // Round what is written, then report errors of exactly what the engine will load.
    const m = Object.fromEntries(KEYS.map((k) => [k, round(raw[k])])) as unknown as Multipliers;
    const errs: number[] = [];
    const ratios: number[] = [];
    for (const pp of pts) {
      const predicted = predict(pp, m);
      const errorPct = absPctError(predicted, pp.point.measuredMs);
      errs.push(errorPct);
      ratios.push(predicted / pp.point.measuredMs);
      let leaveOneOutPct: number | undefined;
      if (pts.length >= 3) {
        const rest = pts.filter((x) => x !== pp);
        leaveOneOutPct = absPctError(predict(pp, fitGroup(rest)), pp.point.measuredMs);
      }
      rows.push({
        id: pp.point.id,
        device: id,
        precision,
        model: pp.point.model,
        measuredMs: pp.point.measuredMs,
        predictedMs: predicted,
        errorPct,
        ...(leaveOneOutPct !== undefined ? { leaveOneOutPct } : {}),
      });
    }
    file.devices[id] = {
      ...(file.devices[id] ?? {}),
      [precision]: {
        multipliers: m,
        ...calibrationOf(device, m),
        band: bandOf(ratios),
        rows: pts.length,
        medianErrorPct: round(median(errs), 2),
        worstErrorPct: round(Math.max(...errs), 2),
      },
    };
  }
  return { file, rows };
}

export { UNIT_MULTIPLIERS };
