/**
 * The MLPerf tables as twin candidates: MLPerf Tiny v1.0 on stm32h7 (measurements/mlperf-tiny.ts: the
 * NUCLEO-H7A3ZI-Q submission stm32h7 is defined from) and MLPerf Mobile v4.0 on snapdragon-8gen3-npu
 * (measurements/mlperf-mobile.ts: the SD8G3 system on its Hexagon NPU).
 *
 * Tiny: the ic, kws and vww rows are the calibration set's networks (calibration-set.ts builds them;
 * tiny-models.test.ts checks their counts), ranked by FlopLab's MACs of that build; only vww is a preset
 * (mobilenet_v1 0.25 at 96×96, 2 classes), so only it can be the same network as a zoo model. ad has no
 * FlopLab model, hence no MACs figure. Precision: int8, as the calibration set enters these runs.
 * Mobile: none of its networks is a FlopLab preset and the results state no MACs, so its rows are
 * never a same or closest twin, only named; the results do not state the precision either.
 */
import { CALIBRATION_SET } from './calibration-set';
import { MOBILE_ROWS } from './measurements/mlperf-mobile';
import { TINY_ROWS } from './measurements/mlperf-tiny';
import { twinSource, type TwinCandidate } from './twin-core';
import { cachedMacs, flopLabSize } from './twin-macs';

/** The preset the calibration set's vww model is built from (calibration-set.ts mobilenetV1Vww). */
const TINY_PRESET: Readonly<Record<string, string>> = { 'mobilenet_v1 0.25 (VWW) @96': 'mobilenet_v1' };

export function tinyCandidates(deviceId: string): TwinCandidate[] {
  return TINY_ROWS.filter((r) => r.device === deviceId).map((r) => {
    const name = 'model' in r.map ? r.map.model : undefined;
    const point = name ? CALIBRATION_SET.find((p) => p.device === 'stm32h7' && p.model === name) : undefined;
    const macs = point
      ? () =>
          cachedMacs(`calibration:${point.id}`, () => {
            const e = point.evaluate();
            return 'error' in e ? undefined : e.totals.macs;
          })
      : undefined;
    const preset = name ? TINY_PRESET[name] : undefined;
    return {
      row: {
        table: 'mlperf-tiny',
        tableName: 'MLPerf Tiny v1.0',
        id: r.id,
        model: name ? `${r.benchmark}: ${name}` : r.benchmark,
        precision: point ? point.precision : null,
        ms: r.ms,
        setup: `${r.submitter} ${r.deviceLabel} (closed division)${point ? `, ${point.precision}` : ''}: 1000 / the EEMBC runner's median throughput (${r.throughput} inferences/s), one inference at a time`,
        source: twinSource(r.source),
      },
      network: r.id,
      ...(macs ? { flopLabMacs: macs, size: () => flopLabSize(macs()) } : {}),
      ...(preset ? { preset } : {}),
    };
  });
}

export function mobileCandidates(deviceId: string): TwinCandidate[] {
  return MOBILE_ROWS.filter((r) => r.device === deviceId).map((r) => ({
    row: {
      table: 'mlperf-mobile',
      tableName: 'MLPerf Mobile v4.0',
      id: r.id,
      model: r.task,
      precision: null,
      ms: r.ms,
      setup: `${r.phone ?? r.deviceLabel}, ${r.sut} on the ${r.accelerator ?? 'accelerator'} (closed division): SingleStream 90th-percentile latency`,
      source: twinSource(r.source),
    },
    network: r.id,
  }));
}
