/**
 * The device database schema. Every number is a `Figure`: a value with its unit, where it
 * comes from (a link or a document) and how we know it — published by the vendor, measured
 * by someone, or derived from other figures (and then how). Figures nobody has confirmed
 * (assumed clocks, third-party spec pages, leaks) carry `unverified: true` so the app can
 * say so next to the number. Units are fixed per field so the engine never converts.
 */
import { z } from 'zod';

export const SourceSchema = z
  .object({
    title: z.string().min(1, 'a source needs a title'),
    url: z.url().optional(),
    /** A document that is not a web page: a file of this project, a datasheet title. */
    document: z.string().min(1).optional(),
  })
  .refine((s) => s.url !== undefined || s.document !== undefined, { error: 'a source needs a url or a document' });
export type Source = z.infer<typeof SourceSchema>;

export const FIGURE_KINDS = ['vendor', 'measured', 'derived'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export const FigureSchema = z
  .object({
    value: z.number().positive().finite(),
    unit: z.string().min(1),
    kind: z.enum(FIGURE_KINDS),
    /** How a derived figure was computed (required for kind 'derived'). */
    derivation: z.string().min(1).optional(),
    /** True when the figure (or an input of its derivation) is assumed or third-party. */
    unverified: z.boolean(),
    sources: z.array(SourceSchema).min(1, 'every figure needs a source'),
    note: z.string().optional(),
  })
  .refine((f) => f.kind !== 'derived' || f.derivation !== undefined, {
    error: 'a derived figure must say how it was derived',
  });
export type Figure = z.infer<typeof FigureSchema>;

export const PRECISIONS = ['fp32', 'fp16', 'int8'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const DEVICE_CATEGORIES = [
  'phone-cpu',
  'phone-gpu',
  'phone-npu',
  'edge-gpu',
  'edge-npu',
  'sbc-cpu',
  'mcu',
] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<DeviceCategory, string>> = {
  'phone-cpu': 'Phone CPU',
  'phone-gpu': 'Phone GPU',
  'phone-npu': 'Phone NPU',
  'edge-gpu': 'Edge GPU (Jetson)',
  'edge-npu': 'Edge accelerator / NPU',
  'sbc-cpu': 'Single-board computer CPU',
  mcu: 'Microcontroller',
};

/** Units the engine relies on: peak in giga-operations per second, bandwidth GB/s, memory MB, power W. */
export const UNITS = { peak: 'GOP/s', bandwidth: 'GB/s', memory: 'MB', power: 'W' } as const;

const unitIs = (u: string) => FigureSchema.refine((f) => f.unit === u, { error: `unit must be ${u}` });

export const DeviceSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens'),
  name: z.string().min(1),
  category: z.enum(DEVICE_CATEGORIES),
  /** Peak arithmetic throughput per supported precision (1 op = 1 FLOP or 1 integer op; 1 MAC = 2 ops). */
  peak: z
    .object({
      fp32: unitIs(UNITS.peak).optional(),
      fp16: unitIs(UNITS.peak).optional(),
      int8: unitIs(UNITS.peak).optional(),
    })
    .refine((p) => p.fp32 || p.fp16 || p.int8, { error: 'a device needs at least one precision' }),
  /** The memory roof of the roofline: the bandwidth that feeds activations and weights. */
  memoryBandwidth: unitIs(UNITS.bandwidth),
  /** On-chip memory that holds weights/activations (accelerators, MCUs). */
  onChipMemory: unitIs(UNITS.memory).optional(),
  /**
   * Memory that holds the activations while a model runs: an MCU's on-chip SRAM, a board's DRAM
   * (shared with everything else running there). The fit verdict (deploy/fit.ts) reads it.
   */
  ram: unitIs(UNITS.memory).optional(),
  /** Slower memory beside `ram` that can hold what it cannot (an ESP32-S3 module's PSRAM). */
  externalRam: unitIs(UNITS.memory).optional(),
  /** Where an MCU keeps the weights, read in place while the model runs (its flash). */
  flash: unitIs(UNITS.memory).optional(),
  /** Accelerators that stream weights over a slower link when they do not fit on chip. */
  hostLink: unitIs(UNITS.bandwidth).optional(),
  power: unitIs(UNITS.power).optional(),
  /** The runtime and setup the calibration measurements used (threads, delegate). */
  setup: z.string().min(1),
  notes: z.string().optional(),
});
export type Device = z.infer<typeof DeviceSchema>;

/** Every figure of a device, labelled, for "every number has a source" checks and the UI. */
export function figuresOf(d: Device): { label: string; figure: Figure }[] {
  const out: { label: string; figure: Figure }[] = [];
  for (const p of PRECISIONS) {
    const f = d.peak[p];
    if (f) out.push({ label: `peak ${p}`, figure: f });
  }
  out.push({ label: 'memory bandwidth', figure: d.memoryBandwidth });
  if (d.onChipMemory) out.push({ label: 'on-chip memory', figure: d.onChipMemory });
  if (d.ram) out.push({ label: 'RAM', figure: d.ram });
  if (d.externalRam) out.push({ label: 'external RAM', figure: d.externalRam });
  if (d.flash) out.push({ label: 'flash', figure: d.flash });
  if (d.hostLink) out.push({ label: 'host link', figure: d.hostLink });
  if (d.power) out.push({ label: 'power', figure: d.power });
  return out;
}
