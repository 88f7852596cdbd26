import { describe, expect, it } from 'vitest';
import {
  TINY_MODELS,
  TINY_ROWS,
  TINY_SKIPPED,
  TINY_SOURCE,
} from '../../../src/engine/deploy/latency/measurements/mlperf-tiny';
import { CALIBRATION_SET } from '../../../src/engine/deploy/latency/calibration-set';
import { deviceById } from '../../../src/engine/deploy/devices';

const HASH = /^[0-9a-f]{40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

describe('MLPerf Tiny v1.0 closed results', () => {
  it('every row has its source file, commit, line, file commit and date', () => {
    expect(TINY_SOURCE.repo).toBe('mlcommons/tiny_results_v1.0');
    const bad = TINY_ROWS.filter(
      (r) =>
        !r.source.path.startsWith(`closed/${r.submitter}/results/`) ||
        !HASH.test(r.source.commit) ||
        !HASH.test(r.source.rowCommit) ||
        !DAY.test(r.source.date) ||
        r.source.date > TINY_SOURCE.date ||
        !(r.throughput > 0) ||
        Math.abs(r.ms * r.throughput - 1000) > 1e-9,
    );
    expect(bad.map((r) => r.id)).toEqual([]);
    expect(TINY_SKIPPED.every((s) => s.why.length > 10)).toBe(true);
  });
  it('no duplicate rows', () => {
    expect(new Set(TINY_ROWS.map((r) => r.id)).size).toBe(TINY_ROWS.length);
    expect(new Set(TINY_ROWS.map((r) => r.source.path)).size).toBe(TINY_ROWS.length);
  });
  it('only the NUCLEO-H7A3ZI-Q rows are on a FlopLab device, stm32h7', () => {
    const on = TINY_ROWS.filter((r) => r.device);
    expect(on.map((r) => r.benchmark).sort()).toEqual(['ad', 'ic', 'kws', 'vww']);
    expect(on.every((r) => r.device === 'stm32h7' && r.deviceLabel === 'NUCLEO-H7A3ZI-Q')).toBe(true);
    expect(deviceById('stm32h7')?.name).toContain('STM32H7A3');
  });
  // The mapped networks are the calibration set's models; its stm32h7 rows were entered by hand to
  // 0.1 ms from this same source: they must agree with the extracted logs, and every mapped model
  // must name a calibration point that evaluates.
  it('agrees with the calibration set on the STM32H7A3', () => {
    for (const r of TINY_ROWS.filter((x) => x.device === 'stm32h7' && 'model' in x.map)) {
      const model = (r.map as { model: string }).model;
      const p = CALIBRATION_SET.find((c) => c.device === 'stm32h7' && c.model === model);
      expect(p, model).toBeDefined();
      expect(Math.abs(p!.measuredMs - r.ms), `${model}: ${p!.measuredMs} vs ${r.ms}`).toBeLessThanOrEqual(0.05);
      const e = p!.evaluate();
      expect('error' in e ? e.error : '').toBe('');
    }
    expect(Object.values(TINY_MODELS).filter((m) => 'model' in m)).toHaveLength(3);
  });
});
