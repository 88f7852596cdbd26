/**
 * Hailo-8 measurements (hailo-ai/hailo_model_zoo docs/public_models/HAILO8/*.rst; hailo.json,
 * extracted by scripts/measurements/hailo-extract.ts): frames per second at batch 1 and 8 of the
 * zoo's compiled networks (Hailo Dataflow Compiler v3.27.0 at the commit read), with the
 * parameter count ("Params (M)") and operation count ("OPS (G)") the zoo states.
 *
 * The device is FlopLab's hailo-8 (the same chip; the zoo runs "Benchmark and TAPPAS networks …
 * in performance mode"). What the figure is: frames per second, a throughput. Hailo-8 streams
 * frames through its layers, so 1000 / FPS (ms here) is the time per frame at steady state, not
 * the latency of one frame alone, which is longer; that is why these rows are not fitted: FlopLab
 * estimates the latency of one inference.
 *
 * A network maps to a preset only when it is the same network by arithmetic
 * (tests/unit/latency/hailo.test.ts): FlopLab's parameter count, with batch norms folded or not,
 * rounds to the stated one, and the stated OPS is within 5 % of twice FlopLab's MACs (the zoo's
 * OPS counts a multiply-add as two, and seems to add a few element-wise operations: mobilenet_v2
 * states 0.62 G for 2 × 0.301 G MACs). The networks named like presets that fail are listed in
 * HAILO_UNMAPPED with the numbers that differ.
 */
import { rowSource, type MeasurementSource } from './source';
import hailoJson from './hailo.json';

export interface HailoRow {
  /** Stable id: hailo:<file>:<line>. */
  readonly id: string;
  readonly model: string;
  readonly dataset: string;
  /** As the zoo writes it: H×W×C ("224x224x3"). */
  readonly input: string;
  /** Input [C, H, W]; empty for a network of several inputs. */
  readonly chw: readonly number[];
  readonly deviceLabel: 'Hailo-8';
  readonly device: 'hailo-8';
  /** int8: the zoo compiles quantized networks (its "Quantized" accuracy column); the compiler may keep some layers at other widths. */
  readonly runtime: { readonly name: 'hailort'; readonly compiler: string | null; readonly precision: 'int8' };
  readonly fps1: number;
  readonly fps8: number | null;
  /** 1000 / fps1: time per frame at batch 1, as a throughput (see the file comment). */
  readonly ms: number;
  readonly paramsM: number | null;
  readonly opsG: number | null;
  readonly map: { readonly preset: string; readonly knobs?: Record<string, number> } | { readonly unmapped: string };
  readonly source: MeasurementSource;
}

const J = hailoJson as unknown as {
  source: { repo: string; dir: string; commit: string; date: string; url: string };
  files: { path: string; commit: string; date: string; compiler: string | null }[];
  rows: {
    file: number;
    line: number;
    dataset: string;
    model: string;
    fps1: number;
    fps8: number | null;
    input: string;
    paramsM: number | null;
    opsG: number | null;
  }[];
};

export const HAILO_SOURCE = J.source;

/** Zoo networks that are FlopLab presets, checked by parameter and operation counts in the test. */
export const HAILO_PRESETS: Readonly<Record<string, { preset: string; knobs?: Record<string, number> }>> = {
  mobilenet_v1: { preset: 'mobilenet_v1' },
  'mobilenet_v2_1.0': { preset: 'mobilenet_v2' },
  resnet_v1_18: { preset: 'resnet18' },
  resnet_v1_34: { preset: 'resnet34' },
  inception_v1: { preset: 'googlenet' },
  resnext50_32x4d: { preset: 'resnext50_32x4d' },
  regnetx_800mf: { preset: 'regnet_x_800mf' },
  'regnetx_1.6gf': { preset: 'regnet_x_1_6gf' },
  yolov8n: { preset: 'yolov8n' },
  yolov8s: { preset: 'yolov8s' },
  yolov8m: { preset: 'yolov8m' },
  yolov8l: { preset: 'yolov8l' },
  yolov8x: { preset: 'yolov8x' },
};

/** Zoo networks named like a preset that are not the same network, with the numbers that differ. */
export const HAILO_UNMAPPED: Readonly<Record<string, { near: string; why: string }>> = {
  resnet_v1_50: {
    near: 'resnet50',
    why: "same parameters (25.53 M) but 6.98 G OPS against 8.18 G for FlopLab's resnet50 (2 × 4.09 G MACs): the zoo's ResNet v1 strides elsewhere than torchvision's",
  },
  'squeezenet_v1.1': {
    near: 'squeezenet1_1',
    why: "same parameters (1.24 M) but 0.78 G OPS against 0.70 G for FlopLab's squeezenet1_1 (2 × 0.349 G MACs), 12 % apart",
  },
  'mobilenet_v2_1.4': {
    near: 'mobilenet_v2 {"width":1.4}',
    why: "6.09 M parameters stated; FlopLab's mobilenet_v2 at width 1.4 has 6.11 M (6.08 M with batch norms folded): the channel rounding differs",
  },
  mobilenet_v3: {
    near: 'mobilenet_v3_large',
    why: "4.07 M parameters stated; FlopLab's mobilenet_v3_large has 5.48 M: a different variant",
  },
};

const chw = (hwc: string) => {
  const m = /^(\d+)x(\d+)x(\d+)$/.exec(hwc);
  return m ? [Number(m[3]), Number(m[1]), Number(m[2])] : [];
};

const NO_PRESET = 'no FlopLab preset builds this network';

export const HAILO_ROWS: readonly HailoRow[] = J.rows.map((r) => {
  const f = J.files[r.file];
  const name = f.path
    .split('/')
    .pop()!
    .replace(/\.rst$/, '');
  // Only ImageNet classification and COCO detection rows are the presets' tasks (class counts).
  const task =
    (r.dataset === 'ImageNet' && name.endsWith('classification')) ||
    (r.dataset === 'COCO' && name.endsWith('object_detection'));
  const preset = task ? HAILO_PRESETS[r.model] : undefined;
  const why = HAILO_UNMAPPED[r.model]?.why ?? NO_PRESET;
  return {
    id: `hailo:${name}:${r.line}`,
    model: r.model,
    dataset: r.dataset,
    input: r.input,
    chw: chw(r.input),
    deviceLabel: 'Hailo-8',
    device: 'hailo-8',
    runtime: { name: 'hailort', compiler: f.compiler, precision: 'int8' },
    fps1: r.fps1,
    fps8: r.fps8,
    ms: 1000 / r.fps1,
    paramsM: r.paramsM,
    opsG: r.opsG,
    map: preset ?? { unmapped: why },
    source: rowSource(J.source.repo, J.source.commit, f.path, r.line, f.commit, f.date),
  };
});
