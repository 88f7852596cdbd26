/**
 * MLPerf Mobile v4.0 closed-division SingleStream latencies (mlcommons/mobile_results_v4.0;
 * mlperf-mobile.json, extracted by scripts/measurements/mlperf-mobile-extract.ts): per system and
 * task, LoadGen's 90th percentile latency (what MLPerf Mobile reports; ms here), with the mean and
 * median, one query at a time.
 *
 * Device: the SD8G3 rows are on FlopLab's snapdragon-8gen3-npu: the system file names the Snapdragon
 * 8 Gen 3 with "Accelerator type": "Qualcomm Hexagon(TM) NPU" and the Qualcomm Neural Processing SDK
 * (the SUT "snpe"), and FlopLab's device already cites that file (devices/sources.ts
 * MLPERF_MOBILE_SD8G3). Snapdragon 7 Gen 3, 8s Gen 3, X Elite and Exynos 2400 are not FlopLab devices.
 * Network: none of the tasks' networks (MobileNetEdgeTPU, MobileNetV4, MobileDet-SSD, MOSAIC, EDSR,
 * MobileBERT) is a FlopLab preset, so no row is on a preset, and none is fitted.
 */
import { rowSource, type MeasurementSource } from './source';
import mobileJson from './mlperf-mobile.json';

export interface MobileRow {
  /** Stable id: mobile:<submitter>/<system>/<task>. */
  readonly id: string;
  readonly submitter: string;
  /** The system as the results path names it, with the phone its system file names. */
  readonly deviceLabel: string;
  readonly phone: string | null;
  readonly accelerator: string | null;
  /** The task folder as the results path names it (Qualcomm: the model; Samsung: the task). */
  readonly task: string;
  readonly sut: string;
  /** 90th percentile latency, ms (p90Ns / 1e6). */
  readonly ms: number;
  readonly p90Ns: number;
  readonly meanNs: number | null;
  readonly p50Ns: number | null;
  readonly device?: 'snapdragon-8gen3-npu';
  readonly unmapped: string;
  readonly source: MeasurementSource;
}

const J = mobileJson as unknown as {
  source: { repo: string; commit: string; date: string; url: string };
  systems: Record<string, { path: string; accelerator: string | null; phone: string | null }>;
  rows: {
    submitter: string;
    system: string;
    task: string;
    sut: string;
    result: string;
    p90Ns: number;
    meanNs: number | null;
    p50Ns: number | null;
    path: string;
    line: number;
    rowCommit: string;
    date: string;
  }[];
  skipped: { path: string; why: string }[];
};

export const MOBILE_SOURCE = J.source;
export const MOBILE_SYSTEMS = J.systems;
export const MOBILE_SKIPPED = J.skipped;

const NO_PRESET =
  'no FlopLab preset of the MLPerf Mobile v4.0 networks (MobileNetEdgeTPU, MobileNetV4, MobileDet-SSD, MOSAIC, EDSR, MobileBERT)';

export const MOBILE_ROWS: readonly MobileRow[] = J.rows.map((r) => {
  const sys = J.systems[`${r.submitter}/${r.system}`];
  const task = r.task.replace(/\/SingleStream\/log_performance$/, '').replace(/-performance$/, '');
  const npu = r.system === 'SD8G3' && /Hexagon/.test(sys?.accelerator ?? '');
  return {
    id: `mobile:${r.submitter}/${r.system}/${task}`,
    submitter: r.submitter,
    deviceLabel: r.system,
    phone: sys?.phone || null,
    accelerator: sys?.accelerator ?? null,
    task,
    sut: r.sut,
    ms: r.p90Ns / 1e6,
    p90Ns: r.p90Ns,
    meanNs: r.meanNs,
    p50Ns: r.p50Ns,
    ...(npu ? { device: 'snapdragon-8gen3-npu' as const } : {}),
    unmapped: NO_PRESET,
    source: rowSource(J.source.repo, J.source.commit, r.path, r.line, r.rowCommit, r.date),
  };
});
