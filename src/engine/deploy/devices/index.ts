/**
 * The device database: every entry validated against DeviceSchema when the module loads, so
 * a figure without a source or a unit fails loudly in tests rather than showing in the app.
 */
import { DeviceSchema, type Device, type Precision } from './schema';
import { PHONE_DEVICES } from './data-phone';
import { EDGE_DEVICES } from './data-edge';
import { EMBEDDED_DEVICES } from './data-embedded';
import { NCNN_DEVICES } from './data-ncnn';
import { HOST_DEVICES } from './data-hosts';

export * from './schema';

function validated(list: readonly Device[]): readonly Device[] {
  const seen = new Set<string>();
  for (const d of list) {
    const r = DeviceSchema.safeParse(d);
    if (!r.success)
      throw new Error(`device ${d.id}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (seen.has(d.id)) throw new Error(`device id ${d.id} appears twice`);
    seen.add(d.id);
  }
  return list;
}

export const DEVICES: readonly Device[] = validated([
  ...PHONE_DEVICES,
  ...EDGE_DEVICES,
  ...EMBEDDED_DEVICES,
  ...HOST_DEVICES,
  ...NCNN_DEVICES,
]);

const BY_ID = new Map(DEVICES.map((d) => [d.id, d]));

/** The device with this id, or undefined. */
export const deviceById = (id: string): Device | undefined => BY_ID.get(id);

/** Precisions the device has a peak figure for, in fp32, fp16, int8 order. */
export const precisionsOf = (d: Device): Precision[] =>
  (['fp32', 'fp16', 'int8'] as const).filter((p) => d.peak[p] !== undefined);

/** The precision a device runs for a requested one: it, or the device's first when it has no figure for it. */
export function runPrecision(d: Device, requested: Precision): Precision | null {
  const supported = precisionsOf(d);
  return supported.includes(requested) ? requested : (supported[0] ?? null);
}
