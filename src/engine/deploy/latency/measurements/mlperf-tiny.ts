/**
 * MLPerf Tiny v1.0 closed-division latency results (mlcommons/tiny_results_v1.0; mlperf-tiny.json,
 * extracted by scripts/measurements/mlperf-tiny-extract.ts): per submitter, system and benchmark,
 * the median throughput the EEMBC runner logs, one inference at a time; ms here is 1000 / that
 * throughput, which is how MLPerf Tiny turns it into a latency.
 *
 * Device: only STMicroelectronics' NUCLEO-H7A3ZI-Q is a FlopLab device (stm32h7 is defined from that
 * very submission's system description: STM32H7A3ZIT6Q, 280 MHz, X-CUBE-AI 7.3.0). The other boards
 * (NUCLEO-L4R5ZI, NUCLEO-U575ZI-Q, B-U585I-IOT02A, DISCO-F746NG, nRF5340-DK, PSoC 62, GAP9, Syntiant
 * NDP9120, EFR32xG24) are not FlopLab devices.
 * Network: the benchmark's reference network, as FlopLab builds it for its calibration set
 * (latency/tiny-models.ts, whose counts tests/unit/latency/tiny-models.test.ts checks): ic → ResNet-8,
 * kws → DS-CNN, vww → MobileNet v1 0.25 at 96×96 with 2 classes; ad (the fully connected
 * autoencoder) has no FlopLab model.
 *
 * Not fitted here: the three STM32H7A3 rows that map are already the calibration set's stm32h7 rows
 * (calibration-set.ts, entered to 0.1 ms); tests/unit/latency/mlperf-tiny.test.ts checks they agree.
 */
import { rowSource, type MeasurementSource } from './source';
import tinyJson from './mlperf-tiny.json';

export type TinyBenchmark = 'ad' | 'ic' | 'kws' | 'vww';

export interface TinyRow {
  /** Stable id: tiny:<submitter>/<system>/<benchmark>. */
  readonly id: string;
  readonly submitter: string;
  /** The system as the results path names it. */
  readonly deviceLabel: string;
  readonly benchmark: TinyBenchmark;
  /** Inferences per second, as logged. */
  readonly throughput: number;
  /** 1000 / throughput. */
  readonly ms: number;
  readonly device?: 'stm32h7';
  /** The calibration set's model of the benchmark network (calibration-set.ts), or why there is none. */
  readonly map: { readonly model: string } | { readonly unmapped: string };
  readonly source: MeasurementSource;
}

const J = tinyJson as unknown as {
  source: { repo: string; commit: string; date: string; url: string };
  rows: {
    submitter: string;
    system: string;
    benchmark: TinyBenchmark;
    throughput: number;
    path: string;
    line: number;
    rowCommit: string;
    date: string;
  }[];
  skipped: { path: string; why: string }[];
};

export const TINY_SOURCE = J.source;
export const TINY_SKIPPED = J.skipped;

/** The calibration set's model names (calibration-set.ts) of each benchmark's reference network. */
export const TINY_MODELS: Readonly<Record<TinyBenchmark, { model: string } | { unmapped: string }>> = {
  ic: { model: 'resnet8 (CIFAR-10) @32' },
  kws: { model: 'ds-cnn (KWS) 49×10' },
  vww: { model: 'mobilenet_v1 0.25 (VWW) @96' },
  ad: { unmapped: 'no FlopLab model of the MLPerf Tiny anomaly-detection autoencoder' },
};

const onStm32h7 = (submitter: string, system: string) =>
  submitter === 'STMicroelectronics' && system === 'NUCLEO-H7A3ZI-Q';

export const TINY_ROWS: readonly TinyRow[] = J.rows.map((r) => ({
  id: `tiny:${r.submitter}/${r.system}/${r.benchmark}`,
  submitter: r.submitter,
  deviceLabel: r.system,
  benchmark: r.benchmark,
  throughput: r.throughput,
  ms: 1000 / r.throughput,
  ...(onStm32h7(r.submitter, r.system) ? { device: 'stm32h7' as const } : {}),
  map: TINY_MODELS[r.benchmark],
  source: rowSource(J.source.repo, J.source.commit, r.path, r.line, r.rowCommit, r.date),
}));
