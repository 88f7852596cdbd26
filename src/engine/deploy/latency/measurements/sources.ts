/**
 * The measurement tables committed besides the fitted ncnn table (index.ts), for npm run
 * calibrate's table of sources in docs/latency.md: rows per source, how many sit on a FlopLab
 * device and on a preset, and why they are not fitted. Kept apart from index.ts so the app's
 * measurement chunk (loaded when a measured device is picked) does not carry these tables.
 */
import { AIHUB_ROWS, AIHUB_SOURCE, aihubPreset } from './aihub';
import { HAILO_ROWS, HAILO_SOURCE } from './hailo';
import { RKNN_ROWS, RKNN_SOURCE } from './rknn';
import { TINY_ROWS, TINY_SOURCE } from './mlperf-tiny';
import { MOBILE_ROWS, MOBILE_SOURCE } from './mlperf-mobile';

export interface UnfittedSource {
  readonly name: string;
  readonly repo: string;
  /** The file or folder read. */
  readonly where: string;
  readonly commit: string;
  readonly date: string;
  readonly rows: number;
  /** Distinct devices as the source names them. */
  readonly devices: number;
  /** Rows on a FlopLab device; null when the source's devices have not been matched to FlopLab's yet. */
  readonly onDevice: number | null;
  /** Rows whose model FlopLab builds (a preset, or a calibration-set model), checked by parameter or MAC counts. */
  readonly onPreset: number;
  readonly module: string;
  readonly whyNotFitted: string;
}

export const UNFITTED_SOURCES: readonly UnfittedSource[] = [
  {
    name: 'Qualcomm AI Hub',
    repo: AIHUB_SOURCE.repo,
    where: 'qai_hub_models/models/*/perf.yaml',
    commit: AIHUB_SOURCE.commit,
    date: AIHUB_SOURCE.date,
    rows: AIHUB_ROWS.length,
    devices: new Set(AIHUB_ROWS.map((r) => r.device)).size,
    onDevice: null,
    onPreset: AIHUB_ROWS.filter((r) => 'preset' in aihubPreset(r.model)).length,
    module: 'measurements/aihub.ts',
    whyNotFitted: 'Hexagon NPUs whose peaks FlopLab has not sourced (except the Snapdragon 8 Gen 3)',
  },
  {
    name: 'Rockchip RKNN model zoo',
    repo: RKNN_SOURCE.repo,
    where: RKNN_SOURCE.path,
    commit: RKNN_SOURCE.commit,
    date: RKNN_SOURCE.date,
    rows: RKNN_ROWS.length,
    devices: new Set(RKNN_ROWS.map((r) => r.deviceLabel)).size,
    onDevice: RKNN_ROWS.filter((r) => 'device' in r).length,
    onPreset: 0,
    module: 'measurements/rknn.ts',
    whyNotFitted:
      'RK3588 rows run one NPU core (rk3588-npu is the whole NPU); no parameter or MAC counts to check a preset against',
  },
  {
    name: 'Hailo model zoo (Hailo-8)',
    repo: HAILO_SOURCE.repo,
    where: `${HAILO_SOURCE.dir}/*.rst`,
    commit: HAILO_SOURCE.commit,
    date: HAILO_SOURCE.date,
    rows: HAILO_ROWS.length,
    devices: new Set(HAILO_ROWS.map((r) => r.deviceLabel)).size,
    onDevice: HAILO_ROWS.filter((r) => r.device === 'hailo-8').length,
    onPreset: HAILO_ROWS.filter((r) => 'preset' in r.map).length,
    module: 'measurements/hailo.ts',
    whyNotFitted: 'frames per second of a streaming accelerator (a throughput), not the latency of one frame',
  },
  {
    name: 'MLPerf Tiny v1.0 (closed)',
    repo: TINY_SOURCE.repo,
    where: 'closed/*/results/**/performance/*results.txt',
    commit: TINY_SOURCE.commit,
    date: TINY_SOURCE.date,
    rows: TINY_ROWS.length,
    devices: new Set(TINY_ROWS.map((r) => `${r.submitter}/${r.deviceLabel}`)).size,
    onDevice: TINY_ROWS.filter((r) => r.device).length,
    onPreset: TINY_ROWS.filter((r) => 'model' in r.map).length,
    module: 'measurements/mlperf-tiny.ts',
    whyNotFitted:
      "MCUs FlopLab does not model, except the STM32H7A3, whose mapped rows are already the calibration set's stm32h7 rows",
  },
  {
    name: 'MLPerf Mobile v4.0 (closed)',
    repo: MOBILE_SOURCE.repo,
    where: 'closed/*/results/**/mlperf_log_summary.txt (SingleStream)',
    commit: MOBILE_SOURCE.commit,
    date: MOBILE_SOURCE.date,
    rows: MOBILE_ROWS.length,
    devices: new Set(MOBILE_ROWS.map((r) => `${r.submitter}/${r.deviceLabel}`)).size,
    onDevice: MOBILE_ROWS.filter((r) => r.device).length,
    onPreset: 0,
    module: 'measurements/mlperf-mobile.ts',
    whyNotFitted: 'none of its networks is a FlopLab preset',
  },
];

/** The docs/latency.md table of these sources. */
export function unfittedSourcesTable(): string {
  const rows = UNFITTED_SOURCES.map(
    (s) =>
      `| ${s.name} | ${s.repo} \`${s.where}\` @ ${s.commit.slice(0, 7)} (${s.date}) | ${s.rows} | ${s.devices} | ${s.onDevice ?? 'not matched yet'} | ${s.onPreset} | ${s.whyNotFitted} (${s.module}) |`,
  );
  return [
    '| source | where | rows | devices | rows on a FlopLab device | rows on a FlopLab network | not fitted because |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}
