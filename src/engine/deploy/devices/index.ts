/**
 * The device database. The data is compiled in, not read at run time, so it is validated by the
 * tests (tests/unit/latency/devices.test.ts: every entry against DeviceSchema, so a figure without a
 * source or a unit fails there) and not again on every open: zod over 101 devices took 8–14 ms of
 * the page's main thread when the devices chunk loaded (issue 20: no long task on open).
 */
import type { Device, Precision } from './schema';
import { PHONE_DEVICES } from './data-phone';
import { EDGE_DEVICES } from './data-edge';
import { EMBEDDED_DEVICES } from './data-embedded';
import { NCNN_DEVICES } from './data-ncnn';
import { HOST_DEVICES } from './data-hosts';

export * from './schema';

/** Ids are keys (links, autosave, fits): a repeated one would make a device unreachable. */
function uniqueIds(list: readonly Device[]): readonly Device[] {
  const seen = new Set<string>();
  for (const d of list) {
    if (seen.has(d.id)) throw new Error(`device id ${d.id} appears twice`);
    seen.add(d.id);
  }
  return list;
}

export const DEVICES: readonly Device[] = uniqueIds([
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
