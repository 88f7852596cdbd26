/**
 * Nearest measured twin (issue 18), reading every measurement table at once: for tests, scripts and
 * the docs. The app's worker loads only the picked device's tables (twin-tables.ts) and calls the
 * same twinFrom (twin-core.ts). What each table offers, and why, is in its adapter: twin-ncnn.ts,
 * twin-aihub.ts, twin-coral.ts, twin-hailo.ts, twin-mlperf.ts (MLPerf Tiny and Mobile).
 */
import { aihubCandidates } from './twin-aihub';
import { coralCandidates } from './twin-coral';
import { twinFrom, type Twin, type TwinCandidate, type TwinQuery, type TwinTableId } from './twin-core';
import { hailoCandidates } from './twin-hailo';
import { mobileCandidates, tinyCandidates } from './twin-mlperf';
import { ncnnCandidates } from './twin-ncnn';

export type { Twin, TwinCandidate, TwinQuery, TwinRow, TwinSource, TwinTableId } from './twin-core';

export const TWIN_ADAPTERS: Readonly<Record<TwinTableId, (deviceId: string) => TwinCandidate[]>> = {
  ncnn: ncnnCandidates,
  aihub: aihubCandidates,
  'mlperf-mobile': mobileCandidates,
  coral: coralCandidates,
  'mlperf-tiny': tinyCandidates,
  hailo: hailoCandidates,
};

/** Every table's candidates on a device. */
export const twinCandidates = (deviceId: string): TwinCandidate[] =>
  Object.values(TWIN_ADAPTERS).flatMap((f) => f(deviceId));

/** The twin for a model on a device, or undefined when no table has measured the device. */
export function measuredTwin(deviceId: string, q: TwinQuery): Twin | undefined {
  return twinFrom(twinCandidates(deviceId), q);
}
