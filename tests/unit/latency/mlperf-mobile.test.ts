import { describe, expect, it } from 'vitest';
import {
  MOBILE_ROWS,
  MOBILE_SKIPPED,
  MOBILE_SOURCE,
  MOBILE_SYSTEMS,
} from '../../../src/engine/deploy/latency/measurements/mlperf-mobile';
import { deviceById } from '../../../src/engine/deploy/devices';
import { SRC } from '../../../src/engine/deploy/devices/sources';

const HASH = /^[0-9a-f]{40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

describe('MLPerf Mobile v4.0 closed SingleStream results', () => {
  it('every row has its source file, commit, line, file commit and date', () => {
    expect(MOBILE_SOURCE.repo).toBe('mlcommons/mobile_results_v4.0');
    const bad = MOBILE_ROWS.filter(
      (r) =>
        !r.source.path.startsWith(`closed/${r.submitter}/results/${r.deviceLabel}/`) ||
        !HASH.test(r.source.commit) ||
        !HASH.test(r.source.rowCommit) ||
        !DAY.test(r.source.date) ||
        r.source.date > MOBILE_SOURCE.date ||
        !(r.p90Ns > 0) ||
        r.ms !== r.p90Ns / 1e6 ||
        // The 90th percentile is never below the median.
        (r.p50Ns !== null && r.p50Ns > r.p90Ns),
    );
    expect(bad.map((r) => r.id)).toEqual([]);
    expect(MOBILE_SKIPPED.every((s) => /Offline/.test(s.why))).toBe(true);
  });
  it('no duplicate rows', () => {
    expect(new Set(MOBILE_ROWS.map((r) => r.id)).size).toBe(MOBILE_ROWS.length);
    expect(new Set(MOBILE_ROWS.map((r) => r.source.path)).size).toBe(MOBILE_ROWS.length);
  });
  it('only the SD8G3 rows are on a FlopLab device, the Hexagon NPU its system file names', () => {
    const on = MOBILE_ROWS.filter((r) => r.device);
    expect(on.length).toBeGreaterThan(0);
    expect(on.every((r) => r.deviceLabel === 'SD8G3' && r.device === 'snapdragon-8gen3-npu')).toBe(true);
    expect(MOBILE_SYSTEMS['Qualcomm_Innovation_Center/SD8G3'].accelerator).toMatch(/Hexagon.*NPU/);
    expect(deviceById('snapdragon-8gen3-npu')?.name).toMatch(/8 Gen 3/);
    // FlopLab's device cites the same system file.
    expect(SRC.MLPERF_MOBILE_SD8G3.url).toContain(MOBILE_SYSTEMS['Qualcomm_Innovation_Center/SD8G3'].path);
  });
});
