/**
 * Ultralytics YOLOv5u, YOLOv8 and YOLO11 detection models, sizes n/s/m/l/x, read from their model
 * YAML the way ultralytics/nn/tasks.py `parse_model` reads it (ultralytics/ultralytics @ ULTRALYTICS
 * below): each row [from, repeats, module, args] scaled by the size's [depth, width, max_channels] —
 * repeats max(round(n·depth), 1) when n > 1 (Python's round: half to even), channels
 * make_divisible(min(c, max_channels)·width, 8) (rounded up to a multiple of 8); C3k2 switches to C3k
 * blocks at m/l/x; Detect is "legacy" (3×3 class branch) unless the model has a C3k2 (YOLO11).
 * Knobs: the image side (a multiple of 32, the largest stride) and the class count.
 */
import { definePreset } from './build';
import { c2f, c2fBottleneck, c3, c3k2Block, conv, sppf, type Spec, type Tensor } from './yolo-blocks';
import { c2psa, detect } from './yolo-head';
import { YOLO_REFERENCE, yoloNotes } from './yolo-reference';
import type { Preset, PresetCode, PresetKnob } from './types';

/** huilin66/ultralytics carries this upstream commit ("ultralytics 8.4.52"); upstream's snapshot is too large to fetch. */
export const ULTRALYTICS_COMMIT = '93e0555251bd7eef5ac8fdf367200d32a5967053';

type From = number | readonly number[];
type Row = readonly [From, number, string, readonly (number | boolean | string | null)[]];

interface Family {
  family: string;
  /** Ultralytics' model name for scale s: yolov5su, yolov8s, yolo11s. */
  name: (s: string) => string;
  title: (s: string) => string;
  yaml: string;
  paper: Preset['paper'];
  scales: Readonly<Record<string, readonly [number, number, number]>>;
  rows: readonly Row[];
}

const C = 'Conv';
const up: Row = [-1, 1, 'nn.Upsample', [null, 2, 'nearest']];

// ultralytics/cfg/models/v5/yolov5.yaml (backbone + head), verbatim.
const V5: readonly Row[] = [
  [-1, 1, C, [64, 6, 2, 2]],
  [-1, 1, C, [128, 3, 2]],
  [-1, 3, 'C3', [128]],
  [-1, 1, C, [256, 3, 2]],
  [-1, 6, 'C3', [256]],
  [-1, 1, C, [512, 3, 2]],
  [-1, 9, 'C3', [512]],
  [-1, 1, C, [1024, 3, 2]],
  [-1, 3, 'C3', [1024]],
  [-1, 1, 'SPPF', [1024, 5]],
  [-1, 1, C, [512, 1, 1]],
  up,
  [[-1, 6], 1, 'Concat', [1]],
  [-1, 3, 'C3', [512, false]],
  [-1, 1, C, [256, 1, 1]],
  up,
  [[-1, 4], 1, 'Concat', [1]],
  [-1, 3, 'C3', [256, false]],
  [-1, 1, C, [256, 3, 2]],
  [[-1, 14], 1, 'Concat', [1]],
  [-1, 3, 'C3', [512, false]],
  [-1, 1, C, [512, 3, 2]],
  [[-1, 10], 1, 'Concat', [1]],
  [-1, 3, 'C3', [1024, false]],
  [[17, 20, 23], 1, 'Detect', ['nc']],
];

// ultralytics/cfg/models/v8/yolov8.yaml
const V8: readonly Row[] = [
  [-1, 1, C, [64, 3, 2]],
  [-1, 1, C, [128, 3, 2]],
  [-1, 3, 'C2f', [128, true]],
  [-1, 1, C, [256, 3, 2]],
  [-1, 6, 'C2f', [256, true]],
  [-1, 1, C, [512, 3, 2]],
  [-1, 6, 'C2f', [512, true]],
  [-1, 1, C, [1024, 3, 2]],
  [-1, 3, 'C2f', [1024, true]],
  [-1, 1, 'SPPF', [1024, 5]],
  up,
  [[-1, 6], 1, 'Concat', [1]],
  [-1, 3, 'C2f', [512]],
  up,
  [[-1, 4], 1, 'Concat', [1]],
  [-1, 3, 'C2f', [256]],
  [-1, 1, C, [256, 3, 2]],
  [[-1, 12], 1, 'Concat', [1]],
  [-1, 3, 'C2f', [512]],
  [-1, 1, C, [512, 3, 2]],
  [[-1, 9], 1, 'Concat', [1]],
  [-1, 3, 'C2f', [1024]],
  [[15, 18, 21], 1, 'Detect', ['nc']],
];

// ultralytics/cfg/models/11/yolo11.yaml
const V11: readonly Row[] = [
  [-1, 1, C, [64, 3, 2]],
  [-1, 1, C, [128, 3, 2]],
  [-1, 2, 'C3k2', [256, false, 0.25]],
  [-1, 1, C, [256, 3, 2]],
  [-1, 2, 'C3k2', [512, false, 0.25]],
  [-1, 1, C, [512, 3, 2]],
  [-1, 2, 'C3k2', [512, true]],
  [-1, 1, C, [1024, 3, 2]],
  [-1, 2, 'C3k2', [1024, true]],
  [-1, 1, 'SPPF', [1024, 5]],
  [-1, 2, 'C2PSA', [1024]],
  up,
  [[-1, 6], 1, 'Concat', [1]],
  [-1, 2, 'C3k2', [512, false]],
  up,
  [[-1, 4], 1, 'Concat', [1]],
  [-1, 2, 'C3k2', [256, false]],
  [-1, 1, C, [256, 3, 2]],
  [[-1, 13], 1, 'Concat', [1]],
  [-1, 2, 'C3k2', [512, false]],
  [-1, 1, C, [512, 3, 2]],
  [[-1, 10], 1, 'Concat', [1]],
  [-1, 2, 'C3k2', [1024, true]],
  [[16, 19, 22], 1, 'Detect', ['nc']],
];

/** Python's round(): half to even. */
function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d !== 0.5) return Math.round(x);
  return f % 2 === 0 ? f : f + 1;
}

/** ultralytics.utils.ops.make_divisible: up to a multiple of the divisor. */
const makeDivisible = (x: number, d = 8) => Math.ceil(x / d) * d;

/** parse_model for the modules these three YAMLs use; layers in the model's order, named model.<i>… */
export function yoloLayers(rows: readonly Row[], scale: string, s: readonly number[], side: number, nc: number) {
  const [depth, width, maxCh] = s;
  const legacy = !rows.some((r) => r[2] === 'C3k2');
  const ch: number[] = [];
  const stride: number[] = [];
  const layers: Spec[] = [];
  const src = (f: number, i: number): Tensor & { stride: number } =>
    f === -1 && i === 0
      ? { id: 'input', c: 3, stride: 1 }
      : { id: `model.${f === -1 ? i - 1 : f}`, c: ch[f === -1 ? i - 1 : f], stride: stride[f === -1 ? i - 1 : f] };
  rows.forEach(([f, n0, m, args], i) => {
    const p = `model.${i}`;
    const n = n0 > 1 ? Math.max(pyRound(n0 * depth), 1) : n0;
    const c2 = typeof args[0] === 'number' ? makeDivisible(Math.min(args[0], maxCh) * width) : 0;
    const x = src(typeof f === 'number' ? f : -1, i);
    let out = c2;
    let st = x.stride;
    if (m === 'Conv') {
      const [, k, s1, pad] = args as number[];
      layers.push(...conv(p, x, c2, k, { s: s1, pad }).layers);
      st *= s1;
    } else if (m === 'C3') {
      layers.push(...c3(p, x, c2, n, args[1] !== false).layers);
    } else if (m === 'C2f') {
      layers.push(...c2f(p, x, c2, n, c2fBottleneck(args[1] === true)).layers);
    } else if (m === 'C3k2') {
      const c3k = 'mlx'.includes(scale) || args[1] === true;
      layers.push(...c2f(p, x, c2, n, c3k2Block(c3k), (args[2] as number | undefined) ?? 0.5).layers);
    } else if (m === 'SPPF') {
      layers.push(...sppf(p, x, c2, args[1] as number).layers);
    } else if (m === 'C2PSA') {
      layers.push(...c2psa(p, x, n, side / st, side / st).layers);
    } else if (m === 'nn.Upsample') {
      layers.push({ type: 'upsample', scale: 2, name: p, from: x.id, id: p });
      out = x.c;
      st /= 2;
    } else if (m === 'Concat') {
      const fs = (f as number[]).map((j) => src(j, i));
      layers.push({ type: 'cat', dim: 1, from: fs.map((t) => t.id), name: p, id: p });
      out = fs.reduce((a, t) => a + t.c, 0);
    } else if (m === 'Detect') {
      layers.push(
        ...detect(
          p,
          (f as number[]).map((j) => src(j, i)),
          nc,
          legacy,
        ),
      );
    } else throw new Error(`yolo: no builder for ${m}`);
    ch.push(out);
    stride.push(st);
  });
  return layers;
}

const FAMILIES: readonly Family[] = [
  {
    family: 'YOLOv5u',
    name: (s) => `yolov5${s}u`,
    title: (s) => `YOLOv5${s}u (anchor-free head)`,
    yaml: 'ultralytics/cfg/models/v5/yolov5.yaml',
    paper: {
      title: 'Ultralytics YOLOv5',
      authors: 'Glenn Jocher',
      year: 2020,
      url: 'https://github.com/ultralytics/yolov5',
    },
    scales: {
      n: [0.33, 0.25, 1024],
      s: [0.33, 0.5, 1024],
      m: [0.67, 0.75, 1024],
      l: [1, 1, 1024],
      x: [1.33, 1.25, 1024],
    },
    rows: V5,
  },
  {
    family: 'YOLOv8',
    name: (s) => `yolov8${s}`,
    title: (s) => `YOLOv8${s}`,
    yaml: 'ultralytics/cfg/models/v8/yolov8.yaml',
    paper: {
      title: 'Ultralytics YOLOv8',
      authors: 'Glenn Jocher, Ayush Chaurasia, Jing Qiu',
      year: 2023,
      url: 'https://github.com/ultralytics/ultralytics',
    },
    scales: { n: [0.33, 0.25, 1024], s: [0.33, 0.5, 1024], m: [0.67, 0.75, 768], l: [1, 1, 512], x: [1, 1.25, 512] },
    rows: V8,
  },
  {
    family: 'YOLO11',
    name: (s) => `yolo11${s}`,
    title: (s) => `YOLO11${s}`,
    yaml: 'ultralytics/cfg/models/11/yolo11.yaml',
    paper: {
      title: 'Ultralytics YOLO11',
      authors: 'Glenn Jocher, Jing Qiu',
      year: 2024,
      url: 'https://github.com/ultralytics/ultralytics',
    },
    scales: { n: [0.5, 0.25, 1024], s: [0.5, 0.5, 1024], m: [0.5, 1, 512], l: [1, 1, 512], x: [1, 1.5, 512] },
    rows: V11,
  },
];

const KNOBS: readonly PresetKnob[] = [
  {
    name: 'resolution',
    label: 'Image size',
    default: 640,
    min: 32,
    max: 2048,
    step: 32,
    help: 'Square image side in pixels, a multiple of 32 (the largest stride, as Ultralytics’ check_imgsz requires); defined at 640',
  },
  {
    name: 'classes',
    label: 'Classes',
    default: 80,
    min: 1,
    max: 1000,
    step: 1,
    help: 'Number of classes nc (80 = COCO): the width of the class branch’s last 1×1 convs, and of its 3×3 convs while nc > the P3 channels (up to 100)',
  },
];

function preset(fam: Family, scale: string): Preset {
  const name = fam.name(scale);
  const code: PresetCode = { repo: 'ultralytics/ultralytics', commit: ULTRALYTICS_COMMIT, path: fam.yaml };
  return definePreset({
    name,
    family: fam.family,
    task: 'detection',
    code,
    title: fam.title(scale),
    paper: fam.paper,
    input: [3, 640, 640],
    knobs: KNOBS,
    reference: YOLO_REFERENCE[name],
    notes: yoloNotes(name, fam.family !== 'YOLO11'),
    layers: (k) => compactWiring(yoloLayers(fam.rows, scale, fam.scales[scale], k.resolution, k.classes), OUTPUTS),
  });
}

/**
 * Shorter documents (and share links) with the same graph: a `from` naming the previous layer's
 * output is what a layer reads anyway, and an id nothing reads (nor the outputs) names nothing.
 */
export function compactWiring(layers: Spec[], outputs: readonly string[]): Spec[] {
  const read = new Set<string>(outputs);
  layers.forEach((l, i) => {
    if (i > 0 && l.from === layers[i - 1].id) delete l.from;
    const f = l.from;
    for (const r of Array.isArray(f) ? f : f === undefined ? [] : [f]) if (typeof r === 'string') read.add(r);
  });
  for (const l of layers) if (typeof l.id === 'string' && !read.has(l.id)) delete l.id;
  if (layers[0]?.from === 'input') delete layers[0].from;
  return layers;
}

const OUTPUTS = ['boxes', 'scores'];

/** Detection outputs: forward_head's box distributions and class logits (see yolo-head.ts). */
export const YOLO_PRESETS: readonly Preset[] = FAMILIES.flatMap((fam) =>
  [...'nsmlx'].map((s) => {
    const p = preset(fam, s);
    return { ...p, build: (knobs) => ({ ...p.build(knobs), outputs: [...OUTPUTS] }) };
  }),
);
