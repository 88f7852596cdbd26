/**
 * Calibrated efficiencies: what `npm run calibrate` (scripts/calibrate.ts) fitted per device,
 * per precision and per layer class, read from devices/calibration.json. A device/precision
 * the measurements do not cover falls back to another precision's fit of the same device
 * ("borrowed"), else to its category's priors ("default"), with a wider uncertainty band.
 */
import { z } from 'zod';
import calibrationJson from '../devices/calibration.json';
import type { Device, Precision } from '../devices/schema';
import { CATEGORY_PRIORS, LAYER_CLASSES, type CategoryPrior, type ClassEfficiencies, type LayerClass } from './classes';

/** The fit's free parameters, as factors on the category priors (never per model). */
export interface Multipliers {
  /** Compute efficiency of conv (k > 1), linear and the light classes. */
  readonly dense: number;
  /** Compute efficiency of 1×1 convolutions (one GEMM, no im2col: usually faster per op than 3×3). */
  readonly pointwise: number;
  /** Compute efficiency of depthwise convolutions. */
  readonly depthwise: number;
  /** Memory efficiency of every class. */
  readonly memory: number;
  /** Per-kernel overhead. */
  readonly overhead: number;
}

export const UNIT_MULTIPLIERS: Multipliers = { dense: 1, pointwise: 1, depthwise: 1, memory: 1, overhead: 1 };

/** A compute efficiency above 1 would beat the peak; memory may exceed the DRAM figure (caches). */
export const MAX_COMPUTE_EFFICIENCY = 1;
/**
 * Except for k > 1 convolutions: runtimes run 3×3 stride-1 convolutions with Winograd, which needs
 * fewer multiplications than the direct MAC count the ops figure uses (F(2,3) 2.25×, F(4,3) 4×,
 * F(6,3) 5.06× fewer; Lavin & Gray 2016; ncnn's conv3x3s1_winograd23/43/63 kernels), so such a
 * layer can beat the peak in MAC terms. 4 stays below F(6,3)'s factor.
 */
export const MAX_CONV_COMPUTE_EFFICIENCY = 4;
export const MAX_MEMORY_EFFICIENCY = 4;

/** Band factors when a fit is thin or absent (low = ms ÷ band, high = ms × band). */
export const BAND_BORROWED = 2;
export const BAND_DEFAULT = 3;

export function applyMultipliers(
  prior: CategoryPrior,
  m: Multipliers,
): { classes: ClassEfficiencies; overheadUs: number } {
  const classes = {} as Record<LayerClass, { compute: number; memory: number }>;
  for (const c of LAYER_CLASSES) {
    const p = prior.classes[c];
    const f = c === 'depthwise' ? m.depthwise : c === 'pointwise' ? m.pointwise : m.dense;
    classes[c] = {
      compute: Math.min(c === 'conv' ? MAX_CONV_COMPUTE_EFFICIENCY : MAX_COMPUTE_EFFICIENCY, p.compute * f),
      memory: Math.min(MAX_MEMORY_EFFICIENCY, p.memory * m.memory),
    };
  }
  return { classes, overheadUs: prior.overheadUs * m.overhead };
}

const Eff = z.object({ compute: z.number().positive(), memory: z.number().positive() });
const EntrySchema = z.object({
  multipliers: z.object({
    dense: z.number(),
    pointwise: z.number(),
    depthwise: z.number(),
    memory: z.number(),
    overhead: z.number(),
  }),
  classes: z.object(Object.fromEntries(LAYER_CLASSES.map((c) => [c, Eff])) as Record<LayerClass, typeof Eff>),
  overheadUs: z.number().nonnegative(),
  band: z.number().min(1),
  rows: z.number().int().nonnegative(),
  medianErrorPct: z.number().nonnegative(),
  worstErrorPct: z.number().nonnegative(),
  /** Error on the device's held-out measurements (measurements/: rows the fit never saw). */
  heldOut: z
    .object({
      rows: z.number().int().positive(),
      medianErrorPct: z.number().nonnegative(),
      p90ErrorPct: z.number().nonnegative(),
      band: z.number().min(1),
    })
    .optional(),
});
const FileSchema = z.object({
  generatedBy: z.string(),
  devices: z.record(z.string(), z.partialRecord(z.enum(['fp32', 'fp16', 'int8']), EntrySchema)),
});
export type FittedEntry = z.infer<typeof EntrySchema>;
export type CalibrationFile = z.infer<typeof FileSchema>;

/**
 * calibration.json, validated on first use rather than when the module loads: the file is ~100
 * devices × precisions of fits, and the devices chunk is loaded while a page opens (issue 20).
 * A stale or hand-broken file must not take the app down: estimates fall back to the category
 * priors, `calibrationError()` says why, and the tests fail on it.
 */
let loaded: { table: CalibrationFile; error?: string } | undefined;

function load(): { table: CalibrationFile; error?: string } {
  const r = FileSchema.safeParse(calibrationJson);
  if (r.success) return { table: r.data };
  const issue = r.error.issues[0];
  return {
    table: { generatedBy: 'fallback: no usable calibration', devices: {} },
    error: `src/engine/deploy/devices/calibration.json is invalid at ${issue?.path.join('.')}: ${issue?.message} (run npm run calibrate)`,
  };
}

/** The fitted table (see `load`). */
export const calibrationTable = (): CalibrationFile => (loaded ??= load()).table;
/** Why calibration.json could not be used (then every device falls back to its category priors). */
export const calibrationError = (): string | undefined => (loaded ??= load()).error;

export interface Calibration {
  readonly classes: ClassEfficiencies;
  readonly overheadUs: number;
  readonly band: number;
  /** fitted: this device and precision had measurements; borrowed: another precision's fit; default: category priors. */
  readonly source: 'fitted' | 'borrowed' | 'default';
  readonly fittedPrecision?: Precision;
  readonly rows: number;
  /** Error on held-out measurements of this device, when the measurement table has some. */
  readonly heldOut?: FittedEntry['heldOut'];
}

/** The efficiencies the estimate uses for a device at a precision. */
export function calibrationFor(
  device: Device,
  precision: Precision,
  table: CalibrationFile = calibrationTable(),
): Calibration {
  const prior = CATEGORY_PRIORS[device.category];
  const fits = table.devices[device.id] ?? {};
  const own = fits[precision];
  if (own)
    return {
      classes: own.classes,
      overheadUs: own.overheadUs,
      band: own.band,
      source: 'fitted',
      fittedPrecision: precision,
      rows: own.rows,
      ...(own.heldOut ? { heldOut: own.heldOut } : {}),
    };
  const other = (['fp32', 'fp16', 'int8'] as const).find((p) => fits[p]);
  if (other) {
    const m = fits[other]!.multipliers;
    const heldOut = fits[other]!.heldOut;
    // A borrowed fit is never narrower than what the device's held-out rows showed.
    const band = Math.max(BAND_BORROWED, heldOut?.band ?? 0);
    return {
      ...applyMultipliers(prior, m),
      band,
      source: 'borrowed',
      fittedPrecision: other,
      rows: 0,
      ...(heldOut ? { heldOut } : {}),
    };
  }
  return { ...applyMultipliers(prior, UNIT_MULTIPLIERS), band: BAND_DEFAULT, source: 'default', rows: 0 };
}
