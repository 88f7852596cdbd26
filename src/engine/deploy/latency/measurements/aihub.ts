/**
 * Qualcomm AI Hub measurements (quic/ai-hub-models perf.yaml; aihub.json, extracted by
 * scripts/measurements/aihub-extract.py): Snapdragon phones, automotive and IoT boards, by runtime
 * (tflite, qnn_dlc, onnx) and precision (float, w8a8, w8a16), with the peak memory range and how
 * many layers ran on the NPU, GPU and CPU. Only models whose model.py builds a torchvision network
 * are extracted; each maps to the zoo preset of the same torchvision name, checked in
 * tests/unit/latency/aihub.test.ts against the parameter count the model's info.yaml states.
 *
 * Not fitted yet: the devices are NPUs (Hexagon) whose peaks FlopLab has not sourced, except the
 * Snapdragon 8 Gen 3 (snapdragon-8gen3-npu); the rows serve the measured twin and later fits.
 */
import aihubJson from './aihub.json';

export interface AihubModel {
  readonly path: string;
  readonly torchvision: string;
  readonly modelPy: string;
  readonly inputResolution: string | null;
  readonly parameters: string | null;
  readonly commit: string;
  readonly date: string;
}

export interface AihubRow {
  readonly id: string;
  readonly model: string;
  readonly component: string;
  /** float, w8a8 (int8 weights and activations), w8a16, … as AI Hub names them. */
  readonly precision: string;
  readonly device: string;
  readonly runtime: string;
  readonly ms: number;
  readonly peakMemoryMB: readonly [number | null, number | null];
  readonly primaryUnit: string | null;
  readonly layers: { readonly total: number | null; readonly npu: number; readonly gpu: number; readonly cpu: number };
  readonly source: {
    readonly repo: string;
    readonly path: string;
    readonly commit: string;
    readonly date: string;
    readonly url: string;
  };
}

type Tuple = [
  string,
  string,
  string,
  string,
  string,
  number,
  number | null,
  number | null,
  string | null,
  number | null,
  number,
  number,
  number,
];
const J = aihubJson as unknown as {
  source: { repo: string; commit: string; date: string };
  models: Record<string, AihubModel>;
  rows: Tuple[];
};

export const AIHUB_SOURCE = J.source;
export const AIHUB_MODELS: Readonly<Record<string, AihubModel>> = J.models;

export const AIHUB_ROWS: readonly AihubRow[] = J.rows.map((t, i) => {
  const [model, component, precision, device, runtime, ms, memMin, memMax, unit, total, npu, gpu, cpu] = t;
  const m = J.models[model];
  return {
    id: `aihub:${i}`,
    model,
    component,
    precision,
    device,
    runtime,
    ms,
    peakMemoryMB: [memMin, memMax],
    primaryUnit: unit,
    layers: { total, npu, gpu, cpu },
    source: {
      repo: J.source.repo,
      path: m?.path ?? '',
      commit: m?.commit ?? '',
      date: m?.date ?? '',
      url: `https://github.com/${J.source.repo}/blob/${J.source.commit}/${m?.path ?? ''}`,
    },
  };
});

/** Models whose mapping needs a word: not evaluable as exported, or a stated count FlopLab does not reproduce. */
export const AIHUB_EXCEPTIONS: Readonly<Record<string, { unmapped?: string; countNote?: string }>> = {
  inception_v3: {
    unmapped:
      "exported at 224×224, where FlopLab's inception_v3 preset does not evaluate (its auxiliary head needs 299×299)",
  },
  densenet121: {
    countNote:
      'info.yaml states 7.99M parameters; torchvision densenet121 has 7,978,856 (7.98M; 7.94M with batch norms folded): the builder is the same, the stated count is not reproduced',
  },
};

/** The preset and input of an AI Hub model, or why there is none. */
export function aihubPreset(model: string): { preset: string; input: number[] } | { unmapped: string } {
  const m = AIHUB_MODELS[model];
  if (!m) return { unmapped: 'not in aihub.json' };
  const why = AIHUB_EXCEPTIONS[model]?.unmapped;
  if (why) return { unmapped: why };
  const r = /^(\d+)x(\d+)$/.exec(m.inputResolution ?? '');
  if (!r) return { unmapped: `info.yaml gives the input resolution as "${m.inputResolution}", not H×W` };
  return { preset: m.torchvision, input: [3, Number(r[1]), Number(r[2])] };
}
