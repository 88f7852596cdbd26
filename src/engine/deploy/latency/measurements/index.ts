/**
 * The public latency measurements FlopLab is calibrated and checked on, one row per measured
 * (device setup, model), each with its source. Today: Tencent/ncnn benchmark/README.md
 * (ncnn.json, extracted by scripts/measurements/ncnn-extract.ts). A row belongs to a FlopLab
 * device when its run setting is one of the device's NCNN_RUNS (devices/data-ncnn.ts), and to a
 * preset when its model is mapped in ncnn-models.ts.
 *
 * The train / held-out split is by (device, network): every row of one device and one network
 * (at any precision, from any section) lands on the same side, so no model/device pair is seen
 * by both the fit and the check. Per device and stratum (dense networks, those with depthwise
 * convolutions), the distinct networks are ordered by a hash of "device|network" and every
 * third one (positions 1, 4, 7, …) is held out: deterministic; a stratum of two or more networks
 * always has one held out and one trained on.
 */
import type { Precision } from '../../devices/schema';
import { deviceById } from '../../devices';
import { NCNN_RUNS, type NcnnRun } from './ncnn-sections';
import ncnnJson from './ncnn.json';
import { NCNN_MODELS, type NcnnModelMap } from './ncnn-models';
import { heldOutKeys } from './split';

export type { MeasurementSource } from './source';
import type { MeasurementSource } from './source';

export interface Measurement {
  /** Stable id: ncnn:<line>. */
  readonly id: string;
  /** The device as the table names it. */
  readonly deviceLabel: string;
  readonly runtime: {
    readonly name: 'ncnn';
    readonly threads: number;
    readonly powersave: number;
    readonly gpu: number;
  };
  /** The model as the table names it. */
  readonly model: string;
  /** Input [C, H, W]. */
  readonly input: readonly number[];
  readonly ms: number;
  readonly source: MeasurementSource;
  /** FlopLab device id, when the row's run setting is one of a device's. */
  readonly device?: string;
  /** The preset mapping or the reason there is none. */
  readonly map: NcnnModelMap;
}

type Tuple = [number, number, number, number, string, number, number, number];
const J = ncnnJson as unknown as {
  source: { repo: string; path: string; commit: string; url: string };
  commits: { hash: string; date: string }[];
  models: Record<string, { input: number[]; macs?: string; weights?: string }>;
  sections: { title: string; line: number; commit: number }[];
  rows: Tuple[];
};

const matches = (run: NcnnRun, title: string, threads: number, powersave: number, gpu: number) =>
  run.section === title &&
  run.gpu === gpu &&
  (run.threads === -1 || run.threads === threads) &&
  (run.powersave === -1 || run.powersave === powersave);

function deviceOf(title: string, threads: number, powersave: number, gpu: number): string | undefined {
  for (const [id, runs] of Object.entries(NCNN_RUNS))
    if (runs.some((r) => matches(r, title, threads, powersave, gpu))) return id;
  return undefined;
}

const UNKNOWN: NcnnModelMap = {
  unmapped: 'model name not in benchncnn.cpp at the extracted commit, nor in ncnn-models.ts',
};

export const MEASUREMENTS: readonly Measurement[] = J.rows.map(([s, threads, powersave, gpu, model, ms, line, c]) => {
  const title = J.sections[s].title;
  const device = deviceOf(title, threads, powersave, gpu);
  const commit = J.commits[c];
  return {
    id: `ncnn:${line}`,
    deviceLabel: title,
    runtime: { name: 'ncnn', threads, powersave, gpu },
    model,
    input: J.models[model]?.input ?? [],
    ms,
    source: {
      repo: J.source.repo,
      path: J.source.path,
      commit: J.source.commit,
      line,
      rowCommit: commit?.hash ?? '',
      date: commit?.date ?? '',
      url: `${J.source.url}#L${line}`,
    },
    ...(device ? { device } : {}),
    map: NCNN_MODELS[model] ?? UNKNOWN,
  };
});

/** MACs of the network ncnn ran, from its param file (undefined when the param has no shape hints). */
export const ncnnMacs = (model: string): bigint | undefined => {
  const m = J.models[model]?.macs;
  return m === undefined ? undefined : BigInt(m);
};

export type Mapped = Measurement & {
  readonly device: string;
  readonly map: Extract<NcnnModelMap, { preset: string }>;
};

export const isMapped = (m: Measurement): m is Mapped => m.device !== undefined && 'preset' in m.map;

/** The network a mapped row measures, independent of precision: what the split keeps together. */
export const networkKey = (m: Mapped): string =>
  `${m.map.preset}${m.map.knobs ? JSON.stringify(m.map.knobs) : ''}${m.map.input ? `@${m.map.input.join('x')}` : ''}`;

export type Split = 'train' | 'test';

/** The split of every mapped row, keyed by row id (the rule of split.ts). */
export function splitOf(rows: readonly Mapped[]): Map<string, Split> {
  const held = heldOutKeys(
    rows.map((r) => ({ device: r.device, network: networkKey(r), dense: r.map.dense === true })),
  );
  return new Map(rows.map((r) => [r.id, held.has(`${r.device}|${networkKey(r)}`) ? 'test' : 'train']));
}

export const MAPPED: readonly Mapped[] = MEASUREMENTS.filter(isMapped);
export const SPLIT: ReadonlyMap<string, Split> = splitOf(MAPPED);

/**
 * ncnn computes fp32 models in fp16 where the hardware has FP16 arithmetic: Option's default
 * use_fp16_arithmetic = true (src/option.cpp), the default since Tencent/ncnn 6238bfd7
 * (2020-09-08, "enable fp16a by default"); Vulkan runs use fp16 storage and arithmetic likewise.
 * So a float row of a device with an fp16 peak (ARMv8.2 cores, the Jetson GPUs) is an fp16 run,
 * unless the row predates that default (CPU rows only).
 */
export const FP16_DEFAULT_SINCE = '2020-09-08';

export function precisionOf(m: Mapped): Precision {
  if (m.map.precision !== 'fp32') return m.map.precision;
  const fp16 = deviceById(m.device)?.peak.fp16 !== undefined;
  return fp16 && (m.runtime.gpu >= 0 || m.source.date >= FP16_DEFAULT_SINCE) ? 'fp16' : 'fp32';
}

/**
 * Why a mapped row is left out of the fit and the check, if it is: int8 models of a Vulkan run
 * (the table does not say which unit ran ncnn's int8 layers there).
 */
export function unusedReason(m: Mapped): string | undefined {
  if (m.runtime.gpu >= 0 && m.map.precision === 'int8')
    return 'int8 model in a Vulkan run: the table does not say which unit ran its int8 layers';
  return undefined;
}
