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
import { STM32_ROWS, STM32_SOURCE } from './stm32-modelzoo';
import { CORAL_ROWS, CORAL_SOURCE } from './coral';

/** What a source's date says when the tool that read it gave none (never a guessed date). */
export const DATE_NOT_PUBLISHED = 'not published by the tool';

export interface UnfittedSource {
  readonly name: string;
  /** The repository, or the page's address for a source outside one. */
  readonly repo: string;
  /** The file or folder read. */
  readonly where: string;
  /** Null for a web page (no commit to cite). */
  readonly commit: string | null;
  /** YYYY-MM-DD, or DATE_NOT_PUBLISHED. */
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
    // Only the Galaxy S24's chipset is matched (snapdragon-8gen3-npu, latency/table-fit.ts).
    onDevice: AIHUB_ROWS.filter((r) => r.device === 'Samsung Galaxy S24').length,
    onPreset: AIHUB_ROWS.filter((r) => 'preset' in aihubPreset(r.model)).length,
    module: 'measurements/aihub.ts',
    whyNotFitted:
      "fitted in part: the Galaxy S24's qnn_dlc float and w8a8 rows that ran wholly on the NPU (latency/table-fit.ts). The other devices are Hexagon NPUs whose peaks FlopLab has not sourced; other runtimes of the S24 are not fitted beside qnn_dlc; w8a16 has no FlopLab precision",
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
  {
    name: 'STM32 model zoo (STM32H747I-DISCO, STM32N6570-DK)',
    repo: STM32_SOURCE.repo,
    where: 'image_classification/mobilenetv1, mobilenetv2 README.md',
    commit: STM32_SOURCE.commit,
    date: STM32_SOURCE.date,
    rows: STM32_ROWS.length,
    devices: new Set(STM32_ROWS.map((r) => r.deviceLabel)).size,
    onDevice: 0,
    onPreset: 0,
    module: 'measurements/stm32-modelzoo.ts',
    whyNotFitted:
      'an STM32H747 at 400 MHz is not stm32h7 (an STM32H7A3 at 280 MHz), and the STM32N6 NPU has no sourced FlopLab figures; no count in the READMEs reproduces a preset',
  },
  {
    name: 'Coral Edge TPU benchmarks (Table 1)',
    repo: CORAL_SOURCE.url,
    where: 'Table 1, time per inference (ms)',
    commit: null,
    date: CORAL_SOURCE.date,
    rows: CORAL_ROWS.length,
    devices: CORAL_SOURCE.columns.length,
    // The USB Accelerator column of every row is coral-edgetpu; the other three columns are not FlopLab devices.
    onDevice: CORAL_ROWS.length,
    onPreset: CORAL_ROWS.filter((r) => 'preset' in r.map).length,
    module: 'measurements/coral.ts',
    whyNotFitted:
      "fitted in part: the preset rows' USB Accelerator times (the three the calibration set holds keep its fit, the others are held out against it); the other networks have no FlopLab preset, or the page does not say which variant",
  },
];

/** The docs/latency.md table of these sources. */
export function unfittedSourcesTable(): string {
  const rows = UNFITTED_SOURCES.map(
    (s) =>
      `| ${s.name} | ${s.repo} \`${s.where}\`${s.commit ? ` @ ${s.commit.slice(0, 7)}` : ''} (date: ${s.date}) | ${s.rows} | ${s.devices} | ${s.onDevice ?? 'not matched yet'} | ${s.onPreset} | ${s.whyNotFitted} (${s.module}) |`,
  );
  return [
    '| source | where | rows | devices | rows on a FlopLab device | rows on a FlopLab network | not fitted because |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}
