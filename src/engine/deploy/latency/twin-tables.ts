/**
 * Which measurement tables hold rows of which FlopLab device, and their twin adapters loaded on demand:
 * the worker imports only this file statically, so a table (ncnn's is 480 kB) is fetched only when one
 * of its devices is picked. The device lists are written here rather than read from the tables (that
 * would load them); tests/unit/latency/twin.test.ts checks they are exactly the devices the tables hold.
 *
 * Not here: the RKNN model zoo (its RK3588 rows run one NPU core; rk3588-npu is the whole NPU, a
 * different setup) and the STM32 model zoo (its boards are not FlopLab devices): measurements/rknn.ts
 * and stm32-modelzoo.ts say why.
 */
import { NCNN_DEVICES } from '../devices/data-ncnn';
import type { TwinCandidate, TwinTableId } from './twin-core';

export const TWIN_TABLE_DEVICES: Readonly<Record<TwinTableId, readonly string[]>> = {
  ncnn: NCNN_DEVICES.map((d) => d.id),
  aihub: ['snapdragon-8gen3-npu'],
  'mlperf-mobile': ['snapdragon-8gen3-npu'],
  coral: ['coral-edgetpu'],
  'mlperf-tiny': ['stm32h7'],
  hailo: ['hailo-8'],
};

type Adapter = (deviceId: string) => TwinCandidate[];

const LOADERS: Readonly<Record<TwinTableId, () => Promise<Adapter>>> = {
  ncnn: () => import('./twin-ncnn').then((m) => m.ncnnCandidates),
  aihub: () => import('./twin-aihub').then((m) => m.aihubCandidates),
  'mlperf-mobile': () => import('./twin-mlperf').then((m) => m.mobileCandidates),
  coral: () => import('./twin-coral').then((m) => m.coralCandidates),
  'mlperf-tiny': () => import('./twin-mlperf').then((m) => m.tinyCandidates),
  hailo: () => import('./twin-hailo').then((m) => m.hailoCandidates),
};

/** The tables with rows on a device (empty: no twin). */
export const twinTablesOf = (deviceId: string): TwinTableId[] =>
  (Object.keys(TWIN_TABLE_DEVICES) as TwinTableId[]).filter((t) => TWIN_TABLE_DEVICES[t].includes(deviceId));

const loaded = new Map<TwinTableId, Adapter>();

/** Loads the adapters of the device's tables (once each). */
export async function loadTwinTables(deviceId: string): Promise<void> {
  await Promise.all(
    twinTablesOf(deviceId)
      .filter((t) => !loaded.has(t))
      .map(async (t) => loaded.set(t, await LOADERS[t]())),
  );
}

// A device's candidates, built once: the worker asks on every edit, and building them walks the
// whole table (ncnn's 8,554 rows) for about 0.15 ms each time.
const built = new Map<string, readonly TwinCandidate[]>();

/** The device's candidates from the loaded tables; undefined while one of its tables is not loaded. */
export function loadedCandidates(deviceId: string): readonly TwinCandidate[] | undefined {
  const hit = built.get(deviceId);
  if (hit) return hit;
  const tables = twinTablesOf(deviceId);
  if (tables.some((t) => !loaded.has(t))) return undefined;
  const list = tables.flatMap((t) => loaded.get(t)!(deviceId));
  built.set(deviceId, list);
  return list;
}
